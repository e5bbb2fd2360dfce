import { ActionIcon, Anchor, Badge, Button, Card, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ResponsibilityOut, Seat, SeatOut } from '@schema/governance';
import { api, fieldErrors } from '../../api/client';
import { useMembers } from '../../api/hooks';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { useCurrentClient } from '../../layout/client-context';
import { govInvalidate, govPath, useCharter, useChecks, useSeats } from './api';
import { roleLabel, SeverityBadge } from './ui';

const SEATS: Seat[] = ['CIO', 'CTO', 'CISO'];

function Checks() {
  const { t } = useTranslation('governance');
  const { clientId, href } = useCurrentClient();
  const checks = useChecks(clientId);
  if (checks.isPending) return <Skeleton height={80} />;
  if (checks.isError) return <ErrorAlert error={checks.error} />;
  return (
    <Card component="section" aria-label={t('checks.title')}>
      <Title order={2} fz="h3" mb="sm">
        {t('checks.title')}
      </Title>
      {checks.data.length === 0 ? (
        <Group gap="xs">
          <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" />
          <Text size="sm">{t('checks.nothing')}</Text>
        </Group>
      ) : (
        <Stack gap="sm">
          {checks.data.map((c) => (
            <Group key={c.id} gap="sm" wrap="nowrap" align="flex-start">
              <SeverityBadge severity={c.severity} />
              <div>
                {c.path && c.path !== 'governance' ? (
                  <Anchor component={Link} to={href(c.path)} size="sm" fw={600}>
                    {c.title}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={600}>
                    {c.title}
                  </Text>
                )}
                <Text size="sm" c="dimmed">
                  {c.detail}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function SeatModal({ seat, onClose }: { seat: SeatOut; onClose: () => void }) {
  const { t } = useTranslation('governance');
  const { clientId } = useCurrentClient();
  const members = useMembers(clientId);
  const form = useForm({
    initialValues: { holderUserId: seat.holder?.userId ?? '', since: seat.since ?? '', reportsTo: seat.reportsTo, reportsToNote: seat.reportsToNote ?? '' },
  });
  const save = useApiMutation({
    mutationFn: (body: object) => api.put<SeatOut>(govPath(clientId, `/seats/${seat.seat}`), body),
    success: t('seat.saved', { seat: seat.seat }),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: onClose,
  });
  const holders = (members.data ?? []).filter((m) => m.role !== 'viewer').map((m) => ({ value: m.userId, label: t('seat.holderOption', { name: m.name, role: roleLabel(t, m.role) }) }));
  const submit = form.onSubmit((v) => {
    save.mutate(
      { holderUserId: v.holderUserId || null, ...(v.holderUserId && v.since ? { since: v.since } : {}), reportsTo: v.reportsTo, reportsToNote: v.reportsToNote || null },
      { onError: (err) => form.setErrors(fieldErrors(err)) },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('seat.edit', { seat: seat.seat })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Select label={t('seat.holder')} placeholder={t('seat.vacantPlaceholder')} data={holders} clearable searchable {...form.getInputProps('holderUserId')} description={t('seat.holderHelp')} />
          <TextInput type="date" label={t('seat.since')} {...form.getInputProps('since')} disabled={!form.values.holderUserId} />
          <Select label={t('seat.reportsTo')} data={(['CEO', 'board', 'CIO', 'CFO', 'other'] as const).filter((r) => r !== seat.seat).map((r) => ({ value: r, label: t(`reportsToOption.${r}`) }))} allowDeselect={false} {...form.getInputProps('reportsTo')} />
          {form.values.reportsTo === 'other' ? <TextInput label={t('seat.whom')} required {...form.getInputProps('reportsToNote')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('seat.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Seats() {
  const { t } = useTranslation('governance');
  const { clientId, can } = useCurrentClient();
  const seats = useSeats(clientId);
  const [editing, setEditing] = useState<SeatOut | null>(null);
  const mayEdit = can('governance.edit');
  if (seats.isPending) return <Skeleton height={140} />;
  if (seats.isError) return <ErrorAlert error={seats.error} />;
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        {seats.data.map((s) => (
          <Card key={s.seat} component="section" aria-label={t('seat.card', { seat: s.seat })}>
            <Group justify="space-between" wrap="nowrap" mb="xs">
              <div>
                <Title order={2} fz="h3">
                  {s.seat}
                </Title>
                <Text size="xs" c="dimmed">
                  {t(`seatNames.${s.seat}`)}
                </Text>
              </div>
              {mayEdit ? (
                <ActionIcon variant="subtle" aria-label={t('seat.edit', { seat: s.seat })} onClick={() => setEditing(s)}>
                  <IconPencil size={16} />
                </ActionIcon>
              ) : null}
            </Group>
            {s.holder ? (
              <Stack gap={4}>
                <Group gap="xs">
                  <Text fw={600}>{s.holder.name}</Text>
                  <Badge variant="light" color={s.holder.kind === 'advisor' ? 'violet' : 'blue'} size="sm">
                    {s.holder.kind === 'advisor' ? t('seat.advisor') : t('seat.inHouse')}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('seat.sinceDate', { date: formatDate(s.since) })}
                </Text>
              </Stack>
            ) : (
              <Badge color="red" variant="light">
                {t('seat.vacant')}
              </Badge>
            )}
            <Text size="sm" mt="sm">
              {t('seat.reportsToText', { whom: s.reportsTo === 'other' ? (s.reportsToNote ?? t('reportsTo.other')) : t(`reportsTo.${s.reportsTo}`) })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {editing ? <SeatModal seat={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function AddResponsibility({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('governance');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { seat: 'CIO', title: '', coveredBy: 'CIO' } });
  const add = useApiMutation({
    mutationFn: (body: object) => api.post<ResponsibilityOut>(govPath(clientId, '/charter'), body),
    success: t('charter.added'),
    notifyError: false,
    invalidate: govInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('charter.addTitle')}>
      <form onSubmit={form.onSubmit((v) => add.mutate({ seat: v.seat, title: v.title, coveredBy: v.coveredBy === 'none' ? null : v.coveredBy }, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="md">
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          <TextInput label={t('charter.responsibility')} required data-autofocus {...form.getInputProps('title')} />
          <Select label={t('charter.partOf')} data={SEATS} allowDeselect={false} {...form.getInputProps('seat')} />
          <Select label={t('charter.coveredBy')} data={[...SEATS.map((s) => ({ value: s, label: s })), { value: 'none', label: t('charter.nobodyUncovered') }]} allowDeselect={false} {...form.getInputProps('coveredBy')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Charter() {
  const { t } = useTranslation('governance');
  const { clientId, can } = useCurrentClient();
  const charter = useCharter(clientId);
  const [adding, setAdding] = useState(false);
  const edit = can('governance.edit');
  const update = useApiMutation({
    mutationFn: ({ id, coveredBy }: { id: string; coveredBy: Seat | null }) => api.patch<ResponsibilityOut>(govPath(clientId, `/charter/${id}`), { coveredBy }),
    invalidate: govInvalidate(clientId),
  });
  const remove = useApiMutation({
    mutationFn: (id: string) => api.delete(govPath(clientId, `/charter/${id}`)),
    success: t('charter.removed'),
    invalidate: govInvalidate(clientId),
  });
  if (charter.isPending) return <Skeleton height={200} />;
  if (charter.isError) return <ErrorAlert error={charter.error} />;
  return (
    <Card component="section" aria-label={t('charter.title')}>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} fz="h3">
            {t('charter.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('charter.description')}
          </Text>
        </div>
        {edit ? (
          <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            {t('charter.addResponsibility')}
          </Button>
        ) : null}
      </Group>
      <Table verticalSpacing="xs" aria-label={t('charter.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>{t('charter.column.charter')}</Table.Th>
            <Table.Th>{t('charter.column.responsibility')}</Table.Th>
            <Table.Th w={220}>{t('charter.column.coveredBy')}</Table.Th>
            {edit ? <Table.Th w={50} /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {charter.data.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Badge variant="default">{r.seat}</Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {r.title}
                </Text>
                {r.description ? (
                  <Text size="xs" c="dimmed">
                    {r.description}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {edit ? (
                  <Select
                    size="xs"
                    aria-label={t('charter.coveredByOf', { title: r.title })}
                    data={[...SEATS.map((s) => ({ value: s, label: s })), { value: 'none', label: t('charter.nobody') }]}
                    value={r.coveredBy ?? 'none'}
                    allowDeselect={false}
                    onChange={(v) => update.mutate({ id: r.id, coveredBy: !v || v === 'none' ? null : (v) })}
                    error={r.coverage === 'covered' ? undefined : r.coverage === 'uncovered' ? t('charter.uncovered') : t('charter.seatVacant')}
                  />
                ) : r.coverage === 'covered' ? (
                  <Text size="sm">{r.coveredBy}</Text>
                ) : (
                  <Tooltip label={r.coverage === 'uncovered' ? t('charter.noSeatCovers') : t('charter.theSeatVacant', { seat: r.coveredBy })}>
                    <Badge color="orange" variant="light">
                      {r.coverage === 'uncovered' ? t('charter.uncovered') : t('charter.seatVacantBadge', { seat: r.coveredBy })}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              {edit ? (
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={t('charter.remove', { title: r.title })} onClick={() => remove.mutate(r.id)}>
                    <IconTrash size={14} />
                  </ActionIcon>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {adding ? <AddResponsibility onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

/** Seats, their reporting lines, the governance checks and the charter. */
export function OverviewPage() {
  return (
    <Stack gap="lg">
      <Checks />
      <Seats />
      <Charter />
    </Stack>
  );
}
