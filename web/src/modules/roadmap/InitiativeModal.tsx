/** One initiative: read it, and (who may) change it, approve it, move it, link priorities, remove it. */
import { Anchor, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { KIND_LABELS, KINDS, SEATS, SOURCE_LABELS, STATUS_LABELS, STATUSES } from '@schema/roadmap';
import type { BusinessOut } from '@schema/business';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { roadmapChangeKeys } from './api';

export function usePriorities(clientId: string) {
  return useQuery({ queryKey: [...keys.client(clientId), 'business'], queryFn: ({ signal }) => api.get<BusinessOut>(clientPath(clientId, '/business'), { signal }) });
}

export function InitiativeModal({ clientId, roadmap, item, onClose }: { clientId: string; roadmap: RoadmapOut; item: InitiativeOut; onClose: () => void }) {
  const [draft, setDraft] = useState(() => ({ ...item, priorityIds: item.priorities.map((p) => p.id) }));
  const business = usePriorities(clientId);
  const { href } = useCurrentClient();
  const cur = roadmap.currency;
  const save = useApiMutation({
    mutationFn: () =>
      api.patch<InitiativeOut>(clientPath(clientId, `/roadmap/initiatives/${item.id}`), {
        title: draft.title,
        description: draft.description ?? null,
        ownerSeat: draft.ownerSeat,
        kind: draft.kind,
        scope: draft.scope,
        oneTimeCost: draft.oneTimeCost,
        annualCost: draft.annualCost,
        expectedSaving: draft.expectedSaving,
        expectedRevenue: draft.expectedRevenue,
        targetQuarter: draft.targetQuarter,
        ...(draft.status !== item.status ? { status: draft.status } : {}),
        priorityIds: draft.priorityIds,
      }),
    success: 'Initiative saved.',
    notifyError: false,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onClose,
  });
  const remove = useApiMutation({
    mutationFn: () => api.delete(clientPath(clientId, `/roadmap/initiatives/${item.id}`)),
    success: 'Initiative removed.',
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onClose,
  });
  const editable = item.can.edit;
  const quarters = [...new Set([item.targetQuarter, ...roadmap.quarters.map((q) => q.key)])].sort();
  const r = item.riskReduction;
  return (
    <Modal opened onClose={onClose} title={`${item.ref} ${item.title}`} size="lg">
      <Stack gap="sm">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Text size="sm" c="dimmed">
          From: {SOURCE_LABELS[item.source.type]}
          {item.source.label ? ` (${item.source.label})` : ''}. {item.rank ? `Ranked ${item.rank}${item.manualRank ? ' by an advisor' : ''}.` : ''}
        </Text>
        {item.outcomes.length > 0 ? (
          <Text size="sm">
            Closes the framework gap{item.outcomes.length > 1 ? 's' : ''}{' '}
            {item.outcomes.map((o, k) => (
              <Fragment key={`${o.catalogueId}:${o.controlId}`}>
                {k > 0 ? ', ' : ''}
                <Anchor component={Link} to={href(`controls/${o.assessmentId}/gaps`)} size="sm">
                  {o.controlId}
                </Anchor>{' '}
                ({o.title}; from {o.assessmentTitle})
              </Fragment>
            ))}
            .
          </Text>
        ) : null}
        {r ? (
          <Text size="sm">
            Risk it reduces: <Money amount={r.mean} currency={cur} size="sm" fw={600} /> of expected loss a year and <Money amount={r.p95} currency={cur} size="sm" fw={600} /> off the 1-in-20-year loss, on {r.scenarios.map((s) => s.ref).join(', ')} ({item.treatments.map((t) => t.ref).join(', ')}).
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No risk figure: {item.riskNote}
          </Text>
        )}
        <TextInput label="Title" value={draft.title} disabled={!editable} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
        <Textarea label="Description" autosize minRows={2} value={draft.description ?? ''} disabled={!editable} onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
        <SimpleGrid cols={3}>
          <Select label="Owner seat" data={[...SEATS]} value={draft.ownerSeat} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, ownerSeat: v })} allowDeselect={false} />
          <Select label="Kind" data={KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value={draft.kind} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, kind: v })} allowDeselect={false} />
          <Select label="Money line" data={[{ value: 'internal', label: 'Internal IT (bottom line)' }, { value: 'product', label: 'Product (top line)' }]} value={draft.scope} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, scope: v })} allowDeselect={false} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <NumberInput label="One-time cost" min={0} thousandSeparator="," value={draft.oneTimeCost} disabled={!editable} onChange={(v) => setDraft({ ...draft, oneTimeCost: Number(v) || 0 })} />
          <NumberInput label="Running cost a year" min={0} thousandSeparator="," value={draft.annualCost} disabled={!editable} onChange={(v) => setDraft({ ...draft, annualCost: Number(v) || 0 })} />
          <NumberInput label="Saves a year (bottom line)" min={0} thousandSeparator="," value={draft.expectedSaving} disabled={!editable} onChange={(v) => setDraft({ ...draft, expectedSaving: Number(v) || 0 })} />
          <NumberInput label="Revenue it enables a year (top line)" min={0} thousandSeparator="," value={draft.expectedRevenue} disabled={!editable} onChange={(v) => setDraft({ ...draft, expectedRevenue: Number(v) || 0 })} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <Select label="Quarter" data={quarters} value={draft.targetQuarter} disabled={!editable} onChange={(v) => v && setDraft({ ...draft, targetQuarter: v })} allowDeselect={false} />
          <Select
            label="Status"
            data={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s], disabled: !item.can.approve && s !== 'proposed' && s !== item.status }))}
            value={draft.status}
            disabled={!editable}
            onChange={(v) => v && setDraft({ ...draft, status: v })}
            allowDeselect={false}
          />
        </SimpleGrid>
        <MultiSelect
          label="Business priorities it serves"
          data={(business.data?.priorities ?? []).map((p) => ({ value: p.id, label: `${p.title} (${p.weight} %)` }))}
          value={draft.priorityIds}
          disabled={!editable}
          onChange={(v) => setDraft({ ...draft, priorityIds: v })}
        />
        {editable ? (
          <Group justify="space-between">
            <Button
              variant="subtle"
              color="red"
              onClick={() => modals.openConfirmModal({ title: `Remove ${item.ref}?`, children: <Text size="sm">Its treatments stay in the risk register.</Text>, labels: { confirm: 'Remove', cancel: 'Cancel' }, confirmProps: { color: 'red' }, onConfirm: () => remove.mutate() })}
            >
              Remove
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Group>
        ) : null}
      </Stack>
    </Modal>
  );
}
