/** Small pieces the risk register's pages share: labels, badges, the refresh banner, formats. */
import { Alert, Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import type { Distribution, RecomputeStatus } from '@schema/risks';
import { formatMoney } from '../../components/Money';
import type { RatingLevel } from '@shared/risks/rating';
import { numberFormat } from '@shared/money';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber, fromNow, numberLocale } from '../../components/format';

/** The register's words, for helpers that build a sentence outside a component. */
export type RiskT = TFunction<'risks'>;

export type RiskStatus = 'open' | 'treating' | 'accepted' | 'closed';
export type TreatmentStatus = 'proposed' | 'planned' | 'in_place';

export const RISK_STATUSES = ['open', 'treating', 'accepted', 'closed'] as const satisfies readonly RiskStatus[];
const STATUS_COLORS: Record<RiskStatus, string> = { open: 'blue', treating: 'teal', accepted: 'grape', closed: 'gray' };
export const TREATMENT_STATUSES = ['proposed', 'planned', 'in_place'] as const satisfies readonly TreatmentStatus[];
const TREATMENT_COLORS: Record<TreatmentStatus, string> = { proposed: 'gray', planned: 'yellow', in_place: 'teal' };
/** The likelihood and impact levels 1 to 5, as keys of their labels. */
export const LIKELIHOOD_KEYS = ['rare', 'unlikely', 'possible', 'likely', 'almostCertain'] as const;
export const IMPACT_KEYS = ['minor', 'moderate', 'significant', 'major', 'severe'] as const;
const LEVEL_COLORS: Record<RatingLevel, string> = { low: 'green', medium: 'yellow', high: 'orange', critical: 'red' };

export function StatusBadge({ status, proposed }: { status: RiskStatus; proposed?: boolean }) {
  const { t } = useTranslation('risks');
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={STATUS_COLORS[status]} variant="light">
        {t(`status.${status}`)}
      </Badge>
      {proposed ? (
        <Tooltip label={t('badge.proposedHelp')}>
          <Badge color="orange" variant="outline">
            {t('badge.proposed')}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

export function TreatmentBadge({ status }: { status: TreatmentStatus }) {
  const { t } = useTranslation('risks');
  return (
    <Badge color={TREATMENT_COLORS[status]} variant="light">
      {t(`treatmentStatus.${status}`)}
    </Badge>
  );
}

export function RatingBadge({ rating }: { rating: { likelihood: number; impact: number; score: number; level: RatingLevel } }) {
  const { t } = useTranslation('risks');
  const likelihood = t(`likelihood.${LIKELIHOOD_KEYS[rating.likelihood - 1] ?? 'rare'}`);
  const impact = t(`impact.${IMPACT_KEYS[rating.impact - 1] ?? 'minor'}`);
  return (
    <Tooltip label={t('badge.rating', { likelihood, impact, l: rating.likelihood, i: rating.impact, score: rating.score })}>
      <Badge color={LEVEL_COLORS[rating.level]} variant="filled">
        {t(`level.${rating.level}`)} {rating.score}
      </Badge>
    </Tooltip>
  );
}

export function AppetiteBadge({ defined, breached, settled }: { defined: boolean; breached: boolean | null; settled?: boolean | null }) {
  const { t } = useTranslation('risks');
  if (!defined) return <Badge color="gray" variant="light">{t('badge.noAppetite')}</Badge>;
  if (breached === null) return <Badge color="gray" variant="light">{t('badge.beingChecked')}</Badge>;
  if (settled === false) {
    return (
      <Tooltip label={breached ? t('badge.tooCloseHelpAbove') : t('badge.tooCloseHelpWithin')} multiline w={280}>
        <Badge color="orange" leftSection={<IconAlertTriangle size={12} />}>
          {t('badge.tooClose')}
        </Badge>
      </Tooltip>
    );
  }
  return breached ? (
    <Badge color="red" leftSection={<IconAlertTriangle size={12} />}>
      {t('badge.above')}
    </Badge>
  ) : (
    <Badge color="teal" leftSection={<IconCircleCheck size={12} />}>
      {t('badge.within')}
    </Badge>
  );
}

/** `12 %`, `0.5 %` (`0,5 %` in German). */
export const percent = (p: number | null | undefined, digits?: number): string => {
  if (p === null || p === undefined) return '—';
  const d = digits ?? (p !== 0 && Math.abs(p) < 0.01 ? 2 : p < 0.1 ? 1 : 0);
  return `${numberFormat({ minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false }, numberLocale()).format(100 * p)} %`;
};

export const money = (x: number | null | undefined, currency: string, compact = false): string => (x === null || x === undefined ? '—' : formatMoney(x, currency, { compact }));

/**
 * Says where the figures come from (the stored result, its seed and years) and, while a
 * recompute is queued or running, that it is being refreshed, with its progress.
 */
export function RefreshBanner({ status }: { status: RecomputeStatus }) {
  const { t } = useTranslation('risks');
  if (status.refreshing) {
    const pct = Math.round((status.progress ?? 0) * 100);
    return (
      <Alert color="blue" variant="light" icon={<IconRefresh size={18} />} role="status" aria-live="polite" py="xs">
        <Group justify="space-between" gap="md" wrap="nowrap">
          <Text size="sm">
            {status.jobStatus === 'running' ? t('refresh.running') : t('refresh.queued')}
          </Text>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {pct} %
          </Text>
        </Group>
        <Progress value={pct} animated mt={6} aria-label={t('refresh.progress')} size="sm" />
      </Alert>
    );
  }
  if (status.lastError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('refresh.failed')} py="xs">
        {status.lastError}
      </Alert>
    );
  }
  if (!status.computedAt) return null;
  return (
    <Text size="xs" c="dimmed" role="status">
      {t(status.stale ? 'refresh.staleSimulated' : 'refresh.simulated', { when: fromNow(status.computedAt), years: formatNumber(status.years), seed: status.seed })}
    </Text>
  );
}

/** A distribution in words: "between $10K and $250K (90 % range)". */
export function describeDistribution(t: RiskT, d: Distribution | undefined, unit: 'money' | 'rate' | 'probability' | 'multiplier', currency: string): string {
  if (!d) return '—';
  const f = (x: number): string =>
    unit === 'money' ? formatMoney(x, currency, { compact: x >= 10_000 }) : unit === 'probability' || unit === 'multiplier' ? percent(x) : t('distribution.perYear', { n: formatNumber(Number(x.toPrecision(3))) });
  switch (d.type) {
    case 'constant':
      return t('distribution.constant', { v: f(d.value) });
    case 'uniform':
      return t('distribution.uniform', { min: f(d.min), max: f(d.max) });
    case 'triangular':
    case 'pert':
      return t('distribution.mode', { min: f(d.min), max: f(d.max), mode: f(d.mode) });
    case 'lognormal':
      return t('distribution.lognormal', { low: f(d.low), high: f(d.high), confidence: Math.round(100 * (d.confidence ?? 0.9)) });
    case 'normal':
      return t('distribution.normal', { mean: f(d.mean), sd: f(d.sd) });
  }
}

/** The FAIR factors, in the order people estimate them; their labels and help are the words' `factor.<key>`. */
export const FACTORS = [
  { key: 'threatEventFrequency', unit: 'rate' },
  { key: 'vulnerability', unit: 'probability' },
  { key: 'lossEventFrequency', unit: 'rate' },
  { key: 'primaryLoss', unit: 'money' },
  { key: 'secondaryLossEventFrequency', unit: 'probability' },
  { key: 'secondaryLoss', unit: 'money' },
] as const;

/** The loss exceedance chart's series and axis names in the language in use. */
export function lecLabels(t: RiskT) {
  return { inherent: t('chart.inherent'), residual: t('chart.residual'), retained: t('chart.retained'), tolerance: t('chart.tolerance'), lossAxis: t('chart.lossAxis'), chanceAxis: t('chart.chanceAxis') };
}

export type FactorKey = (typeof FACTORS)[number]['key'];
