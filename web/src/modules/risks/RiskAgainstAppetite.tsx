import { numberLocale } from '../../components/format';
import { Anchor, Skeleton, Stack, Text } from '@mantine/core';
import type { OverviewOut } from '@schema/risks/overview';
import { lossExceedanceOption } from '@shared/charts';
import { formatMoney } from '../../components/Money';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { Chart } from './Chart';
import { lecLabels, type RiskT } from './ui';

/** The risk against the appetite in one sentence a CEO can repeat to the board. */
export function riskSentence(t: RiskT, o: Pick<OverviewOut, 'portfolio' | 'appetite' | 'currency'>): string {
  if (!o.portfolio) return t('home.sentenceNone');
  const figures = { mean: formatMoney(o.portfolio.current.mean, o.currency, { compact: true }), p90: formatMoney(o.portfolio.current.p90, o.currency, { compact: true }) };
  if (!o.appetite.defined) return t('home.sentenceUnset', figures);
  if (o.appetite.breached === null) return t('home.sentencePending', figures);
  return o.appetite.breached ? t('home.sentenceAbove', figures) : t('home.sentenceWithin', figures);
}

/** The executive's risk card: the sentence, and the loss curve against the appetite. */
export default function RiskAgainstAppetite() {
  const { t } = useTranslation('risks');
  const { clientId, href } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <Skeleton height={260} />;
  if (overview.isError) return <Text size="sm" c="dimmed">{t('home.failed')}</Text>;
  const o = overview.data;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500} c={o.appetite.breached ? 'red.8' : undefined}>
        {riskSentence(t, o)}
      </Text>
      {o.curves && o.curves.inherent.lec.length > 0 ? (
        <Chart
          height={240}
          label={t('home.chart')}
          option={lossExceedanceOption({ currency: o.currency, inherent: o.curves.inherent.lec, residual: o.curves.residual?.lec ?? null, tolerance: o.appetite.points, labels: lecLabels(t), locale: numberLocale() })}
        />
      ) : null}
      <Anchor component={Link} to={href('risks/curve')} size="sm">
        {t('home.detail')}
      </Anchor>
    </Stack>
  );
}
