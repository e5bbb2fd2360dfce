/**
 * The gaps (current below target), ranked by the money at stake: the expected annual loss of the
 * scenarios they leave exposed; each with the initiative on the roadmap that closes it, or the
 * action to turn it into one.
 */
import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('controls');
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
        {t('gaps.intro')}
        {g && g.unlinked > 0 ? t('gaps.unlinked', { count: g.unlinked }) : ''}
      </Text>
      <TriadTable<GapOut>
        aria-label={t('gaps.table')} exportAs={t('gaps.table')}
        records={g?.gaps ?? []}
        fetching={q.isPending}
        idAccessor="controlId"
        noRecordsText={t('gaps.none')}
        columns={[
          { accessor: 'rank', title: '#', width: 50 },
          {
            accessor: 'controlId',
            title: t('gaps.column.outcome'),
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
          { accessor: 'functionTitle', title: t('gaps.column.function'), width: 110, render: (x) => `${groupTitle(x.functionTitle)}` },
          {
            accessor: 'current',
            title: t('gaps.column.nowTarget'),
            width: 190,
            render: (x) => (
              <Text size="sm">
                <LevelText scale={scale} value={x.current} /> {'\u2192'} <LevelText scale={scale} value={x.target} />
              </Text>
            ),
          },
          { accessor: 'atStake', title: t('gaps.column.atStake'), textAlign: 'right', width: 150, render: (x) => (x.scenarios.length > 0 ? <Money amount={x.atStake} currency={g!.currency} size="sm" /> : <Text size="xs" c="dimmed">{t('gaps.noRisk')}</Text>) },
          { accessor: 'scenarios', title: t('gaps.column.risks'), render: (x) => <Text size="xs">{x.scenarios.map((s) => `${s.ref} ${s.title}`).join('; ')}</Text> },
          { accessor: 'ownerSeat', title: t('gaps.column.owner'), width: 90, render: (x) => x.ownerSeat ?? '\u2014' },
          {
            accessor: 'roadmap',
            title: t('gaps.column.roadmap'),
            width: 200,
            render: (x) => {
              const plan = planOf.get(x.controlId);
              if (!plan) return null;
              if (plan.initiative) return <InitiativeLink item={plan.initiative} />;
              return plans.data?.can.propose ? (
                <Button size="compact-xs" variant="light" aria-label={t('gaps.turnLabel', { id: x.controlId })} onClick={() => setTurning(x.controlId)}>
                  {t('gaps.turn')}
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('gaps.notYet')}
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
