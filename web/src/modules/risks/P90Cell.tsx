/**
 * A 1-in-10-year loss as a board needs it: the amount, or for a rare risk (a loss in fewer than
 * one year in ten, so its P90 is $0) how often it loses and how much when it does.
 */
import { Text, Tooltip } from '@mantine/core';
import type { Stats } from '@schema/risks';
import { compactMoney, isRare, rareReading } from '@shared/risks/rare';
import { Money } from '../../components/Money';

export function P90Cell({ stats, currency }: { stats: Pick<Stats, 'p90' | 'probabilityOfLoss' | 'whenLoss'> | null | undefined; currency: string }) {
  if (!stats) return <Money amount={null} currency={currency} size="sm" />;
  const reading = isRare(stats) ? rareReading(stats, currency) : null;
  if (!reading || !stats.whenLoss) return <Money amount={stats.p90} currency={currency} size="sm" />;
  return (
    <Tooltip label={`${reading.charAt(0).toUpperCase()}${reading.slice(1)}. Its 1-in-10-year loss is $0: in most years it costs nothing.`} multiline w={300}>
      {/* Two parts that each keep their line: side by side where the column has room, else one above the other. */}
      <Text size="sm" component="span">
        <span style={{ whiteSpace: 'nowrap' }}>{Math.round(100 * stats.probabilityOfLoss * 10) / 10} % of years:</span>{' '}
        <span style={{ whiteSpace: 'nowrap' }}>{compactMoney(stats.whenLoss.median, currency)}</span>
      </Text>
    </Tooltip>
  );
}

/** The plain reading as a sentence, for a scenario's page; null when the P90 says enough. */
export function rareSentence(stats: Pick<Stats, 'p90' | 'probabilityOfLoss' | 'whenLoss'>, currency: string): string | null {
  const reading = isRare(stats) ? rareReading(stats, currency) : null;
  return reading ? `${reading.charAt(0).toUpperCase()}${reading.slice(1)}.` : null;
}
