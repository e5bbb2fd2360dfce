import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath, fieldErrors } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import type { Client, ClientPatch } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** A month's name in the language in use. */
const monthName = (month: number, language: string): string => new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));

/** Changes the client's profile (advisors). Sends only what changed, so the audit trail shows just that. */
export function EditClientModal({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('home');
  const form = useForm({
    initialValues: { name: client.name, sector: client.sector, employees: client.employees as number | string, annualRevenue: client.annualRevenue as number | string, fiscalYearStartMonth: String(client.fiscalYearStartMonth) },
    validate: {
      name: (v) => (v.trim() ? null : t('editClient.needsName')),
      sector: (v) => (v.trim() ? null : t('editClient.giveSector')),
      employees: (v) => (Number(v) >= 1 ? null : t('editClient.atLeastOne')),
    },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (opened) {
      const values = { name: client.name, sector: client.sector, employees: client.employees, annualRevenue: client.annualRevenue, fiscalYearStartMonth: String(client.fiscalYearStartMonth) };
      setValues(values);
      resetDirty(values);
    }
    // Fill the form from the client each time the dialog opens.
  }, [opened, client, setValues, resetDirty]);

  const save = useApiMutation({
    mutationFn: (patch: ClientPatch) => api.patch<Client>(clientPath(client.id), patch),
    success: t('editClient.saved'),
    notifyError: false,
    invalidate: [keys.client(client.id), keys.clients(), keys.me()],
    onSuccess: onClose,
  });

  const submit = form.onSubmit((v) => {
    const patch: ClientPatch = {};
    if (v.name.trim() !== client.name) patch.name = v.name.trim();
    if (v.sector.trim() !== client.sector) patch.sector = v.sector.trim();
    if (Number(v.employees) !== client.employees) patch.employees = Number(v.employees);
    if (Number(v.annualRevenue) !== client.annualRevenue) patch.annualRevenue = Number(v.annualRevenue);
    if (Number(v.fiscalYearStartMonth) !== client.fiscalYearStartMonth) patch.fiscalYearStartMonth = Number(v.fiscalYearStartMonth);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    save.mutate(patch, { onError: (err) => form.setErrors(fieldErrors(err)) });
  });

  const close = () => {
    save.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('editClient.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('editClient.companyName')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('editClient.sector')} required {...form.getInputProps('sector')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t('editClient.employees')} min={1} allowDecimal={false} thousandSeparator="," {...form.getInputProps('employees')} />
            <NumberInput label={t('editClient.annualRevenue', { currency: client.currency })} min={0} thousandSeparator="," {...form.getInputProps('annualRevenue')} />
          </SimpleGrid>
          <Select label={t('editClient.fiscalYear')} description={t('editClient.fiscalYearHelp')} data={MONTHS.map((m) => ({ value: String(m), label: monthName(m, i18n.language) }))} allowDeselect={false} {...form.getInputProps('fiscalYearStartMonth')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('editClient.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
