/**
 * A 1-in-10-year loss as a board needs it: the amount, or for a rare risk (a loss in fewer than
 * one year in ten, so its P90 is $0) how often it loses and how much when it does.
 */
import { Text, Tooltip } from '@mantine/core';
import type { Stats } from '@schema/risks';
import { compactMoney, isRare } from '@shared/risks/rare';
import { useTranslation } from 'react-i18next';
import { Money } from '../../components/Money';
import type { RiskT } from './ui';

type RareStats = Pick<Stats, 'p90' | 'probabilityOfLoss' | 'whenLoss'>;

/** The share of years with a loss: "7 %", "0.5 %". */
function share(p: number): string {
  const v = 100 * p;
  return v >= 1 ? `${Math.round(v)} %` : `${v.toFixed(v >= 0.1 ? 1 : 2)} %`;
}

/** The figures of a rare risk's plain reading, or null when its P90 says enough. */
function rareFigures(stats: RareStats, currency: string): { share: string; median: string; p95: string } | null {
  if (!isRare(stats) || !stats.whenLoss) return null;
  return { share: share(stats.probabilityOfLoss), median: compactMoney(stats.whenLoss.median, currency), p95: compactMoney(stats.whenLoss.p95, currency) };
}

export function P90Cell({ stats, currency }: { stats: RareStats | null | undefined; currency: string }) {
  const { t } = useTranslation('risks');
  if (!stats) return <Money amount={null} currency={currency} size="sm" />;
  const figures = rareFigures(stats, currency);
  if (!figures || !stats.whenLoss) return <Money amount={stats.p90} currency={currency} size="sm" />;
  return (
    <Tooltip label={t('rare.tooltip', figures)} multiline w={300}>
      {/* Two parts that each keep their line: side by side where the column has room, else one above the other. */}
      <Text size="sm" component="span">
        <span style={{ whiteSpace: 'nowrap' }}>{t('rare.cell', { share: `${Math.round(100 * stats.probabilityOfLoss * 10) / 10} %` })}</span>{' '}
        <span style={{ whiteSpace: 'nowrap' }}>{compactMoney(stats.whenLoss.median, currency)}</span>
      </Text>
    </Tooltip>
  );
}

/** The plain reading as a sentence, for a scenario's page; null when the P90 says enough. */
export function rareSentence(t: RiskT, stats: RareStats, currency: string): string | null {
  const figures = rareFigures(stats, currency);
  return figures ? t('rare.reading', figures) : null;
}
