import { Button, Card, Group, NumberInput, SimpleGrid, Skeleton, Stack, TagsInput, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { SettingsOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useGovSettings } from './api';
import { DelegationCard } from './DelegationCard';

/** Acceptance expiry default and limit, the material change that needs re-approval, reminders. */
export function SettingsPage() {
  const { t } = useTranslation('governance');
  const { clientId, can } = useCurrentClient();
  const settings = useGovSettings(clientId);
  const edit = can('governance.edit');
  const form = useForm({
    initialValues: { defaultAcceptanceMonths: 6 as number | string, maxAcceptanceMonths: 12 as number | string, materialChangePercent: 25 as number | string, reminderDays: ['30', '7'], concernResponseDays: 10 as number | string },
  });
  const { setValues, resetDirty } = form;
  useEffect(() => {
    if (settings.data) {
      const v = { ...settings.data, reminderDays: settings.data.reminderDays.map(String) };
      setValues(v);
      resetDirty(v);
    }
  }, [settings.data, setValues, resetDirty]);
  const save = useApiMutation({
    mutationFn: (body: object) => api.patch<SettingsOut>(govPath(clientId, '/settings'), body),
    success: t('settings.saved'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
  });
  if (settings.isPending) return <Skeleton height={200} />;
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  const submit = form.onSubmit((v) =>
    save.mutate(
      {
        defaultAcceptanceMonths: Number(v.defaultAcceptanceMonths),
        maxAcceptanceMonths: Number(v.maxAcceptanceMonths),
        materialChangePercent: Number(v.materialChangePercent),
        reminderDays: v.reminderDays.map(Number).filter((n) => Number.isInteger(n) && n > 0),
        concernResponseDays: Number(v.concernResponseDays),
      },
      { onError: (err) => form.setErrors(fieldErrors(err)) },
    ),
  );
  return (
    <Stack gap="lg">
      <DelegationCard settings={settings.data} />
      <Card withBorder maw={760} component="section" aria-label={t('settings.section')}>
        <Title order={2} fz="h3" mb="sm">
          {t('settings.title')}
        </Title>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {save.isError ? <ErrorAlert error={save.error} /> : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput label={t('settings.defaultExpiry')} min={1} max={12} allowDecimal={false} disabled={!edit} {...form.getInputProps('defaultAcceptanceMonths')} />
              <NumberInput label={t('settings.longest')} description={t('settings.never12')} min={1} max={12} allowDecimal={false} disabled={!edit} {...form.getInputProps('maxAcceptanceMonths')} />
              <NumberInput label={t('settings.material')} description={t('settings.materialHelp')} min={1} max={1000} disabled={!edit} {...form.getInputProps('materialChangePercent')} />
              <NumberInput label={t('settings.concernDays')} min={1} max={90} allowDecimal={false} disabled={!edit} {...form.getInputProps('concernResponseDays')} />
            </SimpleGrid>
            <TagsInput label={t('settings.reminders')} disabled={!edit} {...form.getInputProps('reminderDays')} />
            {edit ? (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                  {t('settings.save')}
                </Button>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('settings.advisorsChange')}
              </Text>
            )}
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
