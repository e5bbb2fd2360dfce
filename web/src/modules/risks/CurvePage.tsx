import { numberLocale } from '../../components/format';
import { Blockquote, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { lossExceedanceOption } from '@shared/charts';
import { useTranslation } from 'react-i18next';
import { Chart } from './Chart';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { AppetiteBadge, lecLabels, money, percent, RefreshBanner } from './ui';

/** The client's loss exceedance curve with the tolerance curve drawn over it, and the check point by point. */
export function CurvePage() {
  const { t } = useTranslation('risks');
  const { clientId } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const { currency, appetite } = o;
  return (
    <Stack gap="lg">
      <RefreshBanner status={o.status} />
      {o.curves && o.curves.inherent.lec.length > 0 ? (
        <Card>
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="h3">
              {t('curve.title')}
            </Title>
            <AppetiteBadge defined={appetite.defined} breached={appetite.breached} settled={appetite.settled} />
          </Group>
          <Text size="sm" c="dimmed" mb="md">
            {t('curve.description')}
          </Text>
          <Chart height={380} label={t('curve.chart')} option={lossExceedanceOption({ currency, inherent: o.curves.inherent.lec, residual: o.curves.residual?.lec ?? null, retained: o.curves.retained?.lec ?? null, tolerance: appetite.points, labels: lecLabels(t), locale: numberLocale() })}
          />
        </Card>
      ) : (
        <EmptyState title={t('curve.noneTitle')} description={t('curve.noneDescription')} />
      )}
      <Card>
        <Title order={2} fz="h3" mb="sm">
          {t('curve.appetite')}
        </Title>
        {appetite.statement ? (
          <Blockquote color="triad" p="md" mb="md">
            {appetite.statement}
          </Blockquote>
        ) : null}
        {appetite.defined ? (
          <Table striped withTableBorder aria-label={t('curve.check')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('curve.lossAbove')}</Table.Th>
                <Table.Th ta="right">{t('curve.tolerated')}</Table.Th>
                <Table.Th ta="right">{appetite.basis === 'retained' ? t('curve.chanceNowRetained') : t('curve.chanceNow')}</Table.Th>
                <Table.Th ta="right">{t('curve.margin')}</Table.Th>
                <Table.Th ta="right">{t('curve.withoutTreatments')}</Table.Th>
                <Table.Th>{t('curve.checkColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(appetite.checks.length > 0 ? appetite.checks : appetite.points.map((p) => ({ loss: p.loss, limit: p.probability, probability: null, inherentProbability: null, breached: null, stdError: null, confident: null }))).map((c) => (
                <Table.Tr key={c.loss}>
                  <Table.Td>{money(c.loss, currency)}</Table.Td>
                  <Table.Td ta="right">{percent(c.limit)}</Table.Td>
                  <Table.Td ta="right">{percent(c.probability)}</Table.Td>
                  <Table.Td ta="right">{c.stdError === null ? '—' : percent(1.96 * c.stdError, 2)}</Table.Td>
                  <Table.Td ta="right">{percent(c.inherentProbability)}</Table.Td>
                  <Table.Td>
                    {c.breached === null ? '—' : c.confident === false ? <Text c="orange" fw={600} size="sm">{t('badge.tooClose')}</Text> : c.breached ? <Text c="red" fw={600} size="sm">{t('curve.above')}</Text> : <Text c="teal" size="sm">{t('curve.within')}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('curve.noAppetite')}
          </Text>
        )}
      </Card>
    </Stack>
  );
}
