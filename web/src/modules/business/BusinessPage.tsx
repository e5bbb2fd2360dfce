/**
 * The business context of a client: its weighted priorities (each owned by an executive, moving
 * the top line or the bottom line), its business units, and which unit and priorities each
 * business service serves.
 */
import { ActionIcon, Badge, Button, Card, Group, Modal, MultiSelect, NumberInput, Progress, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { BusinessOut, PriorityOut, ServiceContextOut } from '@schema/business';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';

const STATUSES = ['active', 'achieved', 'dropped'] as const satisfies readonly PriorityOut['status'][];

function useBusiness(clientId: string) {
  return useQuery({ queryKey: [...keys.client(clientId), 'business'], queryFn: ({ signal }) => api.get<BusinessOut>(clientPath(clientId, '/business'), { signal }) });
}

function PriorityModal({ clientId, data, priority, onClose }: { clientId: string; data: BusinessOut; priority: PriorityOut | null; onClose: () => void }) {
  const { t } = useTranslation('business');
  const [d, setD] = useState({
    title: priority?.title ?? '',
    description: priority?.description ?? '',
    weight: priority?.weight ?? 10,
    ownerUserId: priority?.owner?.userId ?? data.executives[0]?.userId ?? '',
    line: priority?.line ?? 'top',
    status: priority?.status ?? 'active',
  });
  const save = useApiMutation({
    mutationFn: () => (priority ? api.patch(clientPath(clientId, `/business/priorities/${priority.id}`), { ...d, description: d.description || null }) : api.post(clientPath(clientId, '/business/priorities'), { ...d, description: d.description || null })),
    success: t('prioritySaved'),
    notifyError: false,
    invalidate: [keys.client(clientId)],
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={priority ? t('editPriority') : t('newBusinessPriority')}>
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <TextInput label={t('priority')} placeholder={t('priorityPlaceholder')} value={d.title} onChange={(e) => setD({ ...d, title: e.currentTarget.value })} data-autofocus />
        <Textarea label={t('descriptionLabel')} autosize minRows={2} value={d.description} onChange={(e) => setD({ ...d, description: e.currentTarget.value })} />
        <NumberInput label={t('weightPercent')} description={t('weightFree', { free: 100 - data.activeWeight + (priority?.status === 'active' ? priority.weight : 0) })} min={0} max={100} allowDecimal={false} value={d.weight} onChange={(v) => setD({ ...d, weight: Number(v) || 0 })} />
        <Select label={t('owner')} data={data.executives.map((e) => ({ value: e.userId, label: e.name }))} value={d.ownerUserId} onChange={(v) => v && setD({ ...d, ownerUserId: v })} allowDeselect={false} disabled={!data.can.editPriorities} />
        <Select label={t('moves')} data={[{ value: 'top', label: t('topLineLong') }, { value: 'bottom', label: t('bottomLineLong') }]} value={d.line} onChange={(v) => v && setD({ ...d, line: v as 'top' })} allowDeselect={false} />
        <Select label={t('status')} data={STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))} value={d.status} onChange={(v) => v && setD({ ...d, status: v as 'active' })} allowDeselect={false} />
        <Group justify="flex-end">
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.title.trim() || !d.ownerUserId}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ServiceRow({ clientId, data, s }: { clientId: string; data: BusinessOut; s: ServiceContextOut }) {
  const { t } = useTranslation('business');
  const save = useApiMutation({
    mutationFn: (body: { unitId: string | null; priorityIds: string[] }) => api.put(clientPath(clientId, `/business/services/${s.id}`), body),
    success: t('saved', { name: s.name }),
    invalidate: [keys.client(clientId)],
  });
  const priorityIds = s.priorities.map((p) => p.id);
  return (
    <Group gap="sm" wrap="nowrap" align="flex-end">
      <Text size="sm" fw={600} w={260} style={{ flexShrink: 0 }}>
        {s.name}
      </Text>
      <Select aria-label={t('unitOf', { name: s.name })} data={data.units.map((u) => ({ value: u.id, label: u.name }))} value={s.unit?.id ?? null} placeholder={t('noUnit')} clearable disabled={!data.can.edit} onChange={(v) => save.mutate({ unitId: v, priorityIds })} w={200} />
      <MultiSelect aria-label={t('prioritiesOf', { name: s.name })} data={data.priorities.map((p) => ({ value: p.id, label: p.title }))} value={priorityIds} placeholder={t('noPriority')} disabled={!data.can.edit} onChange={(v) => save.mutate({ unitId: s.unit?.id ?? null, priorityIds: v })} style={{ flex: 1 }} />
    </Group>
  );
}

export default function BusinessPage() {
  const { t } = useTranslation('business');
  const { client, clientId } = useCurrentClient();
  const business = useBusiness(clientId);
  const [editing, setEditing] = useState<PriorityOut | 'new' | null>(null);
  const [unit, setUnit] = useState('');
  const addUnit = useApiMutation({ mutationFn: () => api.post(clientPath(clientId, '/business/units'), { name: unit }), success: t('unitAdded'), invalidate: [keys.client(clientId)], onSuccess: () => setUnit('') });
  if (business.isPending) return <PageSkeleton />;
  if (business.isError) return <ErrorAlert error={business.error} onRetry={() => void business.refetch()} />;
  const data = business.data;
  return (
    <>
      <PageHeader eyebrow={client.name} title={t('title')} documentTitle={t('documentTitle', { client: client.name })} description={t('description')} />
      <Stack gap="lg">
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} fz="h4">
              {t('priorities')}
            </Title>
            {data.can.editPriorities ? (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
                {t('newPriority')}
              </Button>
            ) : null}
          </Group>
          <Progress value={data.activeWeight} mb={4} aria-label={t('activeWeight')} />
          <Text size="xs" c="dimmed" mb="sm">
            {t('activeWeightText', { weight: data.activeWeight })}
          </Text>
          <TriadTable<PriorityOut>
            aria-label={t('prioritiesTable')} exportAs={t('prioritiesTable')}
            records={data.priorities}
            idAccessor="id"
            noRecordsText={t('noPriorityYet')}
            columns={[
              { accessor: 'title', title: t('priority'), render: (p) => <Text size="sm" fw={600}>{p.title}</Text> },
              { accessor: 'weight', title: t('column.weight'), textAlign: 'right', render: (p) => `${p.weight} %` },
              { accessor: 'line', title: t('column.moves'), render: (p) => <Badge variant="light" color={p.line === 'top' ? 'violet' : 'blue'}>{p.line === 'top' ? t('topLine') : t('bottomLine')}</Badge> },
              { accessor: 'owner', title: t('column.owner'), render: (p) => p.owner?.name ?? '—' },
              { accessor: 'services', title: t('column.services'), render: (p) => p.services.map((s) => s.name).join(', ') || '—' },
              { accessor: 'status', title: t('status'), render: (p) => t(`statuses.${p.status}`) },
              { accessor: 'actions', title: '', width: 50, render: (p) => <ActionIcon variant="subtle" aria-label={t('edit', { name: p.title })} onClick={() => setEditing(p)}><IconPencil size={14} /></ActionIcon> },
            ]}
          />
        </Card>
        <Card withBorder>
          <Title order={2} fz="h4" mb="xs">
            {t('units')}
          </Title>
          <Text size="sm" mb="sm">
            {data.units.map((u) => t('unitServices', { name: u.name, count: u.services })).join(' · ') || t('noUnitYet')}
          </Text>
          {data.can.edit ? (
            <Group>
              <TextInput aria-label={t('newUnit')} placeholder={t('newUnit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} />
              <Button size="xs" variant="light" disabled={!unit.trim()} loading={addUnit.isPending} onClick={() => addUnit.mutate()}>
                {t('add')}
              </Button>
            </Group>
          ) : null}
        </Card>
        <Card withBorder>
          <Title order={2} fz="h4" mb="sm">
            {t('services')}
          </Title>
          <Stack gap="xs">
            {data.services.map((s) => (
              <ServiceRow key={s.id + (s.unit?.id ?? '') + s.priorities.map((p) => p.id).join()} clientId={clientId} data={data} s={s} />
            ))}
          </Stack>
        </Card>
      </Stack>
      {editing ? <PriorityModal clientId={clientId} data={data} priority={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
