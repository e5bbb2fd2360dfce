import { Anchor, Skeleton, Stack, Text } from '@mantine/core';
import type { OverviewOut } from '@schema/risks';
import { lossExceedanceOption } from '@shared/charts';
import { formatMoney } from '@shared/money';
import { Link } from 'react-router';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { Chart } from './Chart';

/** The risk against the appetite in one sentence a CEO can repeat to the board. */
export function riskSentence(o: Pick<OverviewOut, 'portfolio' | 'appetite' | 'currency'>): string {
  if (!o.portfolio) return 'No risk figures yet: the register has no simulated scenarios.';
  const mean = formatMoney(o.portfolio.current.mean, o.currency, { compact: true });
  const p90 = formatMoney(o.portfolio.current.p90, o.currency, { compact: true });
  const base = `We expect to lose about ${mean} a year to the risks in the register, and more than ${p90} one year in ten`;
  if (!o.appetite.defined) return `${base}; no risk appetite is set yet to compare it with.`;
  if (o.appetite.breached === null) return `${base}; the check against the appetite waits for the next computation.`;
  return o.appetite.breached ? `${base}: that is more than the appetite the board set.` : `${base}: that is within the appetite the board set.`;
}

/** The executive's risk card: the sentence, and the loss curve against the appetite. */
export default function RiskAgainstAppetite() {
  const { clientId, href } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <Skeleton height={260} />;
  if (overview.isError) return <Text size="sm" c="dimmed">The risk figures could not be loaded.</Text>;
  const o = overview.data;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500} c={o.appetite.breached ? 'red.8' : undefined}>
        {riskSentence(o)}
      </Text>
      {o.curves && o.curves.inherent.lec.length > 0 ? (
        <Chart
          height={240}
          label="Loss exceedance curve against the risk appetite"
          option={lossExceedanceOption({ currency: o.currency, inherent: o.curves.inherent.lec, residual: o.curves.residual?.lec ?? null, tolerance: o.appetite.points })}
        />
      ) : null}
      <Anchor component={Link} to={href('risks/curve')} size="sm">
        The curve and the appetite in detail
      </Anchor>
    </Stack>
  );
}
