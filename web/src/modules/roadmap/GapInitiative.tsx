/**
 * A framework gap and the roadmap: what the initiative made from it would be (owner, kind, the
 * treatments it carries and their cost), a modal to make it, and the initiative that closes the
 * gap already, linked to the roadmap. Used by the assessment's ranked gaps and the roadmap's
 * new-initiative flow.
 */
import { Anchor, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import type { GapCandidate, InitiativeOut, InitiativeRef } from '@schema/roadmap';
import { KIND_LABELS, STATUS_LABELS } from '@schema/roadmap';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { roadmapChangeKeys, useRoadmap } from './api';

/** "I8 · Q1 2027 · Proposed", a link that opens it on the roadmap. */
export function InitiativeLink({ item, onFollow }: { item: InitiativeRef; onFollow?: () => void }) {
  const { href } = useCurrentClient();
  return (
    <Anchor component={Link} to={`${href('roadmap')}?initiative=${encodeURIComponent(item.id)}`} size="sm" onClick={onFollow}>
      {item.ref} · {item.targetQuarterLabel} · {STATUS_LABELS[item.status]}
    </Anchor>
  );
}

/** What an initiative from the gap would be, in a sentence or two (`compact`: one short line and the treatments). */
export function GapPlan({ gap, currency, compact = false }: { gap: GapCandidate; currency: string; compact?: boolean }) {
  return (
    <Stack gap={compact ? 0 : 4}>
      <Text size={compact ? 'xs' : 'sm'}>
        Owner {gap.ownerSeat} · {KIND_LABELS[gap.kind]}
        {compact ? '' : ` · ${gap.levels}`}
      </Text>
      {gap.carries.length > 0 ? (
        <Text size={compact ? 'xs' : 'sm'}>
          Carries {gap.carries.map((t) => `${t.ref} ${t.name}`).join(', ')} (<Money amount={gap.oneTimeCost} currency={currency} size={compact ? 'xs' : 'sm'} /> once, <Money amount={gap.annualCost} currency={currency} size={compact ? 'xs' : 'sm'} /> a year)
          {compact ? '' : ': the risk it reduces comes from the engine.'}
        </Text>
      ) : (
        <Text size={compact ? 'xs' : 'sm'} c="dimmed">
          {compact ? 'No treatment to carry' : 'No treatment of the register to carry: no cost and no risk figure until you add them.'}
        </Text>
      )}
      {gap.notCarried.length > 0 && !compact ? (
        <Text size="xs" c="dimmed">
          Not carried: {gap.notCarried.map((t) => `${t.ref} ${t.name} (${t.reason})`).join('; ')}.
        </Text>
      ) : null}
    </Stack>
  );
}

/** Makes the initiative that closes a gap, for the quarter chosen (next quarter unless changed). */
export function GapInitiativeModal({ gap, assessmentId, currency, onClose }: { gap: GapCandidate; assessmentId: string; currency: string; onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const roadmap = useRoadmap(clientId);
  const [quarter, setQuarter] = useState<string | null>(null);
  const quarters = roadmap.data?.quarters ?? [];
  const chosen = quarter ?? quarters[1]?.key ?? null;
  const make = useApiMutation({
    mutationFn: () => api.post<InitiativeOut>(clientPath(clientId, '/roadmap/initiatives/from-source'), { type: 'gap', controlId: gap.controlId, assessmentId, ...(chosen ? { targetQuarter: chosen } : {}) }),
    success: (i) => `${i.ref} ${i.title} is on the roadmap (${i.targetQuarterLabel}).`,
    notifyError: false,
    invalidate: roadmapChangeKeys(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={`Turn ${gap.controlId} into an initiative`} size="lg">
      <Stack gap="sm">
        {make.isError ? <ErrorAlert error={make.error} title="Not made" /> : null}
        <Text size="sm">{gap.statement ?? gap.title}</Text>
        {gap.scenarios.length > 0 ? (
          <Text size="sm">
            At stake: <Money amount={gap.atStake} currency={currency} size="sm" fw={600} /> a year, on {gap.scenarios.map((s) => `${s.ref} ${s.title}`).join('; ')}.
          </Text>
        ) : null}
        <GapPlan gap={gap} currency={currency} />
        {gap.earlier.length > 0 ? (
          <List size="xs" c="dimmed">
            {gap.earlier.map((i) => (
              <List.Item key={i.id}>
                Earlier: {i.ref} {i.title} ({STATUS_LABELS[i.status].toLowerCase()})
              </List.Item>
            ))}
          </List>
        ) : null}
        <Select label="Quarter" data={quarters.map((q) => ({ value: q.key, label: q.label }))} value={chosen} onChange={(v) => v && setQuarter(v)} allowDeselect={false} disabled={quarters.length === 0} />
        <Text size="xs" c="dimmed">
          It is proposed; an advisor approves it on the roadmap.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => make.mutate()} loading={make.isPending}>
            Propose initiative
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
