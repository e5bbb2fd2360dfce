import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { riskHeatmapOption } from '@shared/charts';
import { useTranslation } from 'react-i18next';
import { Chart } from './Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { IMPACT_KEYS, LIKELIHOOD_KEYS, money, percent, RefreshBanner } from './ui';

/** The 5 × 5 heat map, derived from the simulated results with the client's documented bands. */
export function HeatmapPage() {
  const { t } = useTranslation('risks');
  const { clientId } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const { bands } = o.heatmap;
  const ranges = (limits: number[], f: (x: number) => string) => limits.map((_, i) => (i === 0 ? t('heatmap.below', { v: f(limits[0]!) }) : t('heatmap.between', { a: f(limits[i - 1]!), b: f(limits[i]!) }))).concat(t('heatmap.orMore', { v: f(limits.at(-1)!) }));
  const likelihood = ranges(bands.likelihood, (x) => percent(x));
  const impact = ranges(bands.impact, (x) => money(x, o.currency, true));
  return (
    <Stack gap="lg">
      <RefreshBanner status={o.status} />
      <Card>
        <Title order={2} fz="h3" mb={4}>
          {t('heatmap.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('heatmap.description')}
        </Text>
        <Chart height={420} label={t('heatmap.chart')} option={riskHeatmapOption({ cells: o.heatmap.cells })} />
      </Card>
      <Card>
        <Title order={3} fz="h4" mb="sm">
          {bands.likelihoodIsDefault && bands.impactIsDefault ? t('heatmap.bandsStandard') : t('heatmap.bandsClient')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Table withTableBorder aria-label={t('heatmap.likelihoodBands')}>
            <Table.Tbody>
              {LIKELIHOOD_KEYS.map((l, i) => (
                <Table.Tr key={l}>
                  <Table.Td>{t('heatmap.band', { n: i + 1, label: t(`likelihood.${l}`) })}</Table.Td>
                  <Table.Td>{t('heatmap.likelihoodRange', { range: likelihood[i] })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table withTableBorder aria-label={t('heatmap.impactBands')}>
            <Table.Tbody>
              {IMPACT_KEYS.map((l, i) => (
                <Table.Tr key={l}>
                  <Table.Td>{t('heatmap.band', { n: i + 1, label: t(`impact.${l}`) })}</Table.Td>
                  <Table.Td>{t('heatmap.impactRange', { range: impact[i] })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          {t('heatmap.score')}
        </Text>
      </Card>
    </Stack>
  );
}
