/**
 * The gaps (current below target), ranked by the money at stake: the expected annual loss of the
 * scenarios they leave exposed; each with the initiative on the roadmap that closes it, or the
 * action to turn it into one.
 */
import { Button, Stack, Text } from '@mantine/core';
import type { AssessmentDetailOut, GapOut } from '@schema/controls';
import { useState } from 'react';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { useGapCandidates } from '../roadmap/api';
import { GapInitiativeModal, InitiativeLink } from '../roadmap/GapInitiative';
import { useGaps } from './api';
import { groupTitle, LevelText } from './ui';

export function GapsView({ detail }: { detail: AssessmentDetailOut }) {
  const { clientId } = useCurrentClient();
  const q = useGaps(clientId, detail.assessment.id);
  const plans = useGapCandidates(clientId, detail.assessment.id);
  const [turning, setTurning] = useState<string | null>(null);
  const planOf = new Map((plans.data?.gaps ?? []).map((p) => [p.controlId, p]));
  const turningPlan = turning ? planOf.get(turning) : undefined;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const scale = detail.assessment.scale;
  const g = q.data;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Each outcome below its target, largest first by the money at stake: the expected annual loss (after planned and in-place treatments) of the risk scenarios linked to it, directly or through a
        treatment. A scenario can sit behind several gaps, so the amounts do not add up.
        {g && g.unlinked > 0 ? ` ${g.unlinked} gap${g.unlinked === 1 ? ' is' : 's are'} linked to no scenario yet and come${g.unlinked === 1 ? 's' : ''} last.` : ''}
      </Text>
      <TriadTable<GapOut>
        aria-label="Ranked gaps" exportAs="Ranked gaps"
        records={g?.gaps ?? []}
        fetching={q.isPending}
        idAccessor="controlId"
        noRecordsText="No outcome is below its target."
        columns={[
          { accessor: 'rank', title: '#', width: 50 },
          {
            accessor: 'controlId',
            title: 'Outcome',
            render: (x) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {x.controlId}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {x.statement ?? x.title}
                </Text>
              </Stack>
            ),
          },
          { accessor: 'functionTitle', title: 'Function', width: 110, render: (x) => `${groupTitle(x.functionTitle)}` },
          {
            accessor: 'current',
            title: 'Now \u2192 target',
            width: 190,
            render: (x) => (
              <Text size="sm">
                <LevelText scale={scale} value={x.current} /> {'\u2192'} <LevelText scale={scale} value={x.target} />
              </Text>
            ),
          },
          { accessor: 'atStake', title: 'At stake / year', textAlign: 'right', width: 150, render: (x) => (x.scenarios.length > 0 ? <Money amount={x.atStake} currency={g!.currency} size="sm" /> : <Text size="xs" c="dimmed">no risk linked</Text>) },
          { accessor: 'scenarios', title: 'Risks', render: (x) => <Text size="xs">{x.scenarios.map((s) => `${s.ref} ${s.title}`).join('; ')}</Text> },
          { accessor: 'ownerSeat', title: 'Owner', width: 90, render: (x) => x.ownerSeat ?? '\u2014' },
          {
            accessor: 'roadmap',
            title: 'Roadmap',
            width: 200,
            render: (x) => {
              const plan = planOf.get(x.controlId);
              if (!plan) return null;
              if (plan.initiative) return <InitiativeLink item={plan.initiative} />;
              return plans.data?.can.propose ? (
                <Button size="compact-xs" variant="light" aria-label={`Turn ${x.controlId} into an initiative`} onClick={() => setTurning(x.controlId)}>
                  Turn into an initiative
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  Not yet
                </Text>
              );
            },
          },
        ]}
      />
      {plans.isError ? <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} /> : null}
      {turningPlan && g ? <GapInitiativeModal gap={turningPlan} assessmentId={detail.assessment.id} currency={g.currency} onClose={() => setTurning(null)} /> : null}
    </Stack>
  );
}
