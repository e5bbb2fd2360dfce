/** The approval of risk acceptances a client delegates to the advisor holding its CISO seat: shown to all, recorded by executives. */
import { Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { DelegationOut, SettingsOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useSeats } from './api';

export function DelegationCard({ settings }: { settings: SettingsOut }) {
  const { clientId, client } = useCurrentClient();
  const seats = useSeats(clientId);
  const ciso = seats.data?.find((s) => s.seat === 'CISO')?.holder ?? null;
  const d = settings.delegation;
  const form = useForm({ initialValues: { limit: (d?.limit ?? '') as number | string, since: '', note: d?.note ?? '' } });
  const save = useApiMutation({
    mutationFn: (body: object) => api.put<DelegationOut>(govPath(clientId, '/delegation'), body),
    success: 'The delegation was recorded.',
    notifyError: false,
    invalidate: govInvalidate(clientId),
  });
  const end = useApiMutation({
    mutationFn: () => api.delete(govPath(clientId, '/delegation')),
    success: 'The delegation was ended: every acceptance now goes to an executive.',
    invalidate: govInvalidate(clientId),
  });
  const eligible = ciso && ciso.kind === 'advisor' && ciso.role === 'advisor' ? ciso : null;
  return (
    <Card withBorder maw={760} component="section" aria-label="Delegated approval of risk acceptances">
      <Title order={2} fz="h3" mb="xs">
        Who approves risk acceptances
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        An acceptance is weighed on the whole risk register. While the register is above the risk appetite, every acceptance goes to an executive (the board), whatever its size. Within the appetite, an executive approves it, unless {client.name} delegates that to the advisor holding the CISO seat, up to an expected annual loss.
      </Text>
      {d ? (
        <Alert color={d.holdsCisoSeat ? 'blue' : 'orange'} title="Delegated" mb="sm">
          {d.sentence}
        </Alert>
      ) : (
        <Text size="sm" mb="sm" fw={600}>
          Not delegated: every acceptance goes to an executive.
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
              <Text size="sm">Delegate to {eligible.name}, who holds the CISO seat.</Text>
              <Group grow align="flex-start">
                <NumberInput label="Up to an expected annual loss of" description="Per acceptance, in the client's currency." thousandSeparator="," allowNegative={false} clampBehavior="none" required {...form.getInputProps('limit')} />
                <TextInput type="date" label="Decided on" description="Default: today." {...form.getInputProps('since')} />
              </Group>
              <TextInput label="Where it was decided" placeholder="Board meeting of 12 October 2026" {...form.getInputProps('note')} />
              <Group justify="flex-end">
                {d ? (
                  <Button variant="default" color="red" loading={end.isPending} onClick={() => end.mutate()}>
                    End the delegation
                  </Button>
                ) : null}
                <Button type="submit" loading={save.isPending}>
                  {d ? 'Record the new delegation' : 'Record the delegation'}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm" c="dimmed">
            No advisor holds the CISO seat, so there is no one to delegate to.
          </Text>
        )
      ) : (
        <Text size="sm" c="dimmed">
          The client&apos;s executives record or end the delegation.
        </Text>
      )}
    </Card>
  );
}
