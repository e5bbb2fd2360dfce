import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, fieldErrors } from '../api/client';
import { keys } from '../api/keys';
import { useApiMutation } from '../api/mutation';
import type { Client, ClientInput } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY', 'SGD', 'ZAR', 'INR', 'BRL', 'MXN'];

/** Adds a client company (firm admins and advisors); opens its workspace after. */
export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('portfolio');
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: '', sector: '', employees: 50 as number | string, annualRevenue: 0 as number | string, currency: 'USD' },
    validate: { name: (v) => (v.trim() ? null : t('newClient.nameRequired')) },
  });
  const create = useApiMutation({
    mutationFn: (input: ClientInput) => api.post<Client>('/api/clients', input),
    success: (c) => t('newClient.added', { name: c.name }),
    notifyError: false,
    invalidate: [keys.clients(), keys.me()],
    onSuccess: async (c) => {
      form.reset();
      onClose();
      await navigate(`/clients/${encodeURIComponent(c.id)}`);
    },
  });
  const submit = form.onSubmit((v) => {
    create.mutate(
      {
        name: v.name.trim(),
        ...(v.sector.trim() ? { sector: v.sector.trim() } : {}),
        employees: Number(v.employees) || 1,
        annualRevenue: Number(v.annualRevenue) || 0,
        currency: v.currency,
      },
      { onError: (err) => form.setErrors(fieldErrors(err)) },
    );
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('newClient.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <TextInput label={t('newClient.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('newClient.sector')} description={t('newClient.optional')} placeholder={t('newClient.sectorPlaceholder')} {...form.getInputProps('sector')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('newClient.employees')} min={1} thousandSeparator="," allowDecimal={false} {...form.getInputProps('employees')} />
            <NumberInput label={t('newClient.revenue')} min={0} thousandSeparator="," {...form.getInputProps('annualRevenue')} />
            <Select label={t('newClient.currency')} data={CURRENCIES} searchable allowDeselect={false} {...form.getInputProps('currency')} />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('newClient.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('newClient.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
