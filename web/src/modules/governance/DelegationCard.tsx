/** The approval of risk acceptances a client delegates to the advisor holding its CISO seat: shown to all, recorded by executives. */
import { Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import type { DelegationOut, SettingsOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useSeats } from './api';

export function DelegationCard({ settings }: { settings: SettingsOut }) {
  const { t } = useTranslation('governance');
  const { clientId, client } = useCurrentClient();
  const seats = useSeats(clientId);
  const ciso = seats.data?.find((s) => s.seat === 'CISO')?.holder ?? null;
  const d = settings.delegation;
  const form = useForm({ initialValues: { limit: (d?.limit ?? '') as number | string, since: '', note: d?.note ?? '' } });
  const save = useApiMutation({
    mutationFn: (body: object) => api.put<DelegationOut>(govPath(clientId, '/delegation'), body),
    success: t('delegation.recorded'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
  });
  const end = useApiMutation({
    mutationFn: () => api.delete(govPath(clientId, '/delegation')),
    success: t('delegation.ended'),
    invalidate: govInvalidate(clientId),
  });
  const eligible = ciso && ciso.kind === 'advisor' && ciso.role === 'advisor' ? ciso : null;
  return (
    <Card withBorder maw={760} component="section" aria-label={t('delegation.section')}>
      <Title order={2} fz="h3" mb="xs">
        {t('delegation.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('delegation.intro', { client: client.name })}
      </Text>
      {d ? (
        <Alert color={d.holdsCisoSeat ? 'blue' : 'orange'} title={t('delegation.delegated')} mb="sm">
          {d.sentence}
        </Alert>
      ) : (
        <Text size="sm" mb="sm" fw={600}>
          {t('delegation.notDelegated')}
        </Text>
      )}
      {settings.can.delegate ? (
        eligible ? (
          <form
            noValidate
            onSubmit={form.onSubmit((v) =>
              save.mutate(
                { delegateUserId: eligible.userId, limit: typeof v.limit === 'number' ? v.limit : Number.NaN, ...(v.since ? { since: v.since } : {}), note: v.note.trim() || null },
                { onError: (err) => form.setErrors(fieldErrors(err)) },
              ),
            )}
          >
            <Stack gap="sm">
              {save.isError ? <ErrorAlert error={save.error} /> : null}
              <Text size="sm">{t('delegation.delegateTo', { name: eligible.name })}</Text>
              <Group grow align="flex-start">
                <NumberInput label={t('delegation.limit')} description={t('delegation.limitHelp')} thousandSeparator="," allowNegative={false} clampBehavior="none" required {...form.getInputProps('limit')} />
                <TextInput type="date" label={t('delegation.decidedOn')} description={t('delegation.defaultToday')} {...form.getInputProps('since')} />
              </Group>
              <TextInput label={t('delegation.where')} placeholder={t('delegation.wherePlaceholder')} {...form.getInputProps('note')} />
              <Group justify="flex-end">
                {d ? (
                  <Button variant="default" color="red" loading={end.isPending} onClick={() => end.mutate()}>
                    {t('delegation.end')}
                  </Button>
                ) : null}
                <Button type="submit" loading={save.isPending}>
                  {d ? t('delegation.recordNew') : t('delegation.record')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm" c="dimmed">
            {t('delegation.noAdvisor')}
          </Text>
        )
      ) : (
        <Text size="sm" c="dimmed">
          {t('delegation.executivesRecord')}
        </Text>
      )}
    </Card>
  );
}
