/** Small pieces the risk register's pages share: labels, badges, the refresh banner, formats. */
import { Alert, Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import type { Distribution, RecomputeStatus } from '@schema/risks';
import { formatMoney } from '@shared/money';
import { IMPACT_LABELS, LIKELIHOOD_LABELS, type RatingLevel } from '@shared/risks/rating';
import { fromNow } from '../../components/format';

export type RiskStatus = 'open' | 'treating' | 'accepted' | 'closed';
export type TreatmentStatus = 'proposed' | 'planned' | 'in_place';

export const STATUS_LABELS: Record<RiskStatus, string> = { open: 'Open', treating: 'Treating', accepted: 'Accepted', closed: 'Closed' };
const STATUS_COLORS: Record<RiskStatus, string> = { open: 'blue', treating: 'teal', accepted: 'grape', closed: 'gray' };
export const TREATMENT_LABELS: Record<TreatmentStatus, string> = { proposed: 'Proposed', planned: 'Planned', in_place: 'In place' };
const TREATMENT_COLORS: Record<TreatmentStatus, string> = { proposed: 'gray', planned: 'yellow', in_place: 'teal' };
export const LEVEL_LABELS: Record<RatingLevel, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
const LEVEL_COLORS: Record<RatingLevel, string> = { low: 'green', medium: 'yellow', high: 'orange', critical: 'red' };

export function StatusBadge({ status, proposed }: { status: RiskStatus; proposed?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATUS_COLORS[status]} variant="light">
        {STATUS_LABELS[status]}
      </Badge>
      {proposed ? (
        <Tooltip label="Proposed by a contributor; an advisor approves it into the register. Not counted in the totals until then.">
          <Badge color="orange" variant="outline">
            Proposed
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

export function TreatmentBadge({ status }: { status: TreatmentStatus }) {
  return (
    <Badge color={TREATMENT_COLORS[status]} variant="light">
      {TREATMENT_LABELS[status]}
    </Badge>
  );
}

export function RatingBadge({ rating }: { rating: { likelihood: number; impact: number; score: number; level: RatingLevel } }) {
  return (
    <Tooltip label={`${LIKELIHOOD_LABELS[rating.likelihood - 1]} likelihood × ${IMPACT_LABELS[rating.impact - 1]} impact (${rating.likelihood} × ${rating.impact} = ${rating.score})`}>
      <Badge color={LEVEL_COLORS[rating.level]} variant="filled" style={{ minWidth: 72 }}>
        {LEVEL_LABELS[rating.level]} {rating.score}
      </Badge>
    </Tooltip>
  );
}

export function AppetiteBadge({ defined, breached, settled }: { defined: boolean; breached: boolean | null; settled?: boolean | null }) {
  if (!defined) return <Badge color="gray" variant="light">No appetite set</Badge>;
  if (breached === null) return <Badge color="gray" variant="light">Being checked</Badge>;
  if (settled === false) {
    return (
      <Tooltip label={`On the simulated years the portfolio is ${breached ? 'just above' : 'just within'} the appetite, but too close to the tolerance curve for them to settle it.`} multiline w={280}>
        <Badge color="orange" leftSection={<IconAlertTriangle size={12} />}>
          Too close to call
        </Badge>
      </Tooltip>
    );
  }
  return breached ? (
    <Badge color="red" leftSection={<IconAlertTriangle size={12} />}>
      Above appetite
    </Badge>
  ) : (
    <Badge color="teal" leftSection={<IconCircleCheck size={12} />}>
      Within appetite
    </Badge>
  );
}

export const percent = (p: number | null | undefined, digits?: number): string =>
  p === null || p === undefined ? '—' : `${(100 * p).toFixed(digits ?? (p !== 0 && Math.abs(p) < 0.01 ? 2 : p < 0.1 ? 1 : 0))} %`;

export const money = (x: number | null | undefined, currency: string, compact = false): string => (x === null || x === undefined ? '—' : formatMoney(x, currency, { compact }));

/**
 * Says where the figures come from (the stored result, its seed and years) and, while a
 * recompute is queued or running, that it is being refreshed, with its progress.
 */
export function RefreshBanner({ status }: { status: RecomputeStatus }) {
  if (status.refreshing) {
    const pct = Math.round((status.progress ?? 0) * 100);
    return (
      <Alert color="blue" variant="light" icon={<IconRefresh size={18} />} role="status" aria-live="polite" py="xs">
        <Group justify="space-between" gap="md" wrap="nowrap">
          <Text size="sm">
            {status.jobStatus === 'running' ? 'Refreshing the results with the latest changes…' : 'Refresh queued: the results below are from the last computation.'}
          </Text>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {pct} %
          </Text>
        </Group>
        <Progress value={pct} animated mt={6} aria-label="Refreshing the risk results" size="sm" />
      </Alert>
    );
  }
  if (status.lastError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The last refresh failed" py="xs">
        {status.lastError}
      </Alert>
    );
  }
  if (!status.computedAt) return null;
  return (
    <Text size="xs" c="dimmed" role="status">
      {status.stale ? 'Changes are waiting to be simulated. ' : ''}Simulated {fromNow(status.computedAt)} over {status.years?.toLocaleString('en-US')} years (seed {status.seed}).
    </Text>
  );
}

/** A distribution in words: "between $10K and $250K (90 % range)". */
export function describeDistribution(d: Distribution | undefined, unit: 'money' | 'rate' | 'probability' | 'multiplier', currency: string): string {
  if (!d) return '—';
  const f = (x: number): string =>
    unit === 'money' ? formatMoney(x, currency, { compact: x >= 10_000 }) : unit === 'probability' || unit === 'multiplier' ? percent(x) : `${Number(x.toPrecision(3)).toLocaleString('en-US')} a year`;
  switch (d.type) {
    case 'constant':
      return `always ${f(d.value)}`;
    case 'uniform':
      return `anywhere from ${f(d.min)} to ${f(d.max)}`;
    case 'triangular':
    case 'pert':
      return `${f(d.min)} to ${f(d.max)}, most likely ${f(d.mode)}`;
    case 'lognormal':
      return `${f(d.low)} to ${f(d.high)} (${Math.round(100 * (d.confidence ?? 0.9))} % range)`;
    case 'normal':
      return `about ${f(d.mean)} ± ${f(d.sd)}`;
  }
}

/** The FAIR factors with plain-language help, in the order people estimate them. */
export const FACTORS = [
  {
    key: 'threatEventFrequency',
    label: 'Threat events a year',
    unit: 'rate',
    help: 'How often a year the threat acts against you — attacks that reach a person or a system, whether or not they succeed.',
  },
  { key: 'vulnerability', label: 'Share that succeeds (vulnerability)', unit: 'probability', help: 'Of those attempts, the share that turns into a loss, given your defences today.' },
  {
    key: 'lossEventFrequency',
    label: 'Loss events a year',
    unit: 'rate',
    help: 'How often a year you suffer a loss from this scenario. Use it instead of the two above when you estimate losses directly (outages, accidents).',
  },
  { key: 'primaryLoss', label: 'Loss per event', unit: 'money', help: 'What one event costs you directly: response, downtime, rebuilding, money stolen.' },
  {
    key: 'secondaryLossEventFrequency',
    label: 'Chance of consequences from others',
    unit: 'probability',
    help: 'The chance that an event also brings costs from others: regulators, customers, lawsuits, notifying the people affected.',
  },
  { key: 'secondaryLoss', label: 'Cost of those consequences', unit: 'money', help: 'What those consequences cost when they happen: fines, claims, notification, lost customers.' },
] as const;

export type FactorKey = (typeof FACTORS)[number]['key'];
