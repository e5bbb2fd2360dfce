/** A fiscal year at a glance: plan, actuals, forecast and why it differs from the plan, internal IT and product told apart. */
import { Badge, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { reportChartOption } from '@shared/charts/reports';
import type { YearOut } from '@schema/budget';
import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import { Trans, useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart';
import { Money } from '../../components/Money';

const TONE: Record<string, string> = { good: 'teal.8', bad: 'red.8', warn: 'orange.8', neutral: 'dimmed' };

type Group = YearOut['byCategory'][number];
const CATEGORY_KEYS = ['people', 'infrastructure', 'software_saas', 'security', 'product_engineering', 'services', 'hardware_replacement'] as const;
const SCOPE_KEYS = ['internal', 'product'] as const;
const oneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** A group's name in the language in use: categories and the two lines by their key, seats as they are. */
function groupLabel(t: TFunction<'budget'>, g: Group): string {
  if (oneOf(CATEGORY_KEYS, g.key)) return t(`categories.${g.key}`);
  if (oneOf(SCOPE_KEYS, g.key)) return t(`scopes.${g.key}`);
  return g.label;
}

/** The chart's series under their names in the language in use. */
function namedSeries(t: TFunction<'budget'>, option: EChartsOption): EChartsOption {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return { ...option, series: series.map((s) => (typeof s.name === 'string' && oneOf(['Actual', 'Forecast', 'Plan'] as const, s.name) ? { ...s, name: t(`overview.series.${s.name}`) } : s)) };
}

function Groups({ title, rows, currency }: { title: string; rows: YearOut['byCategory']; currency: string }) {
  const { t } = useTranslation('budget');
  return (
    <Card withBorder>
      <Title order={3} fz="sm" mb="xs">
        {title}
      </Title>
      <Table aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t('overview.plan')}</Table.Th>
            <Table.Th ta="right">{t('overview.spentToDate')}</Table.Th>
            <Table.Th ta="right">{t('overview.forecast')}</Table.Th>
            <Table.Th ta="right">{t('overview.variance')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Td>{groupLabel(t, g)}</Table.Td>
              <Table.Td ta="right"><Money amount={g.plan} currency={currency} size="sm" /></Table.Td>
              <Table.Td ta="right"><Money amount={g.actual} currency={currency} size="sm" /></Table.Td>
              <Table.Td ta="right"><Money amount={g.forecast} currency={currency} size="sm" /></Table.Td>
              <Table.Td ta="right"><Money amount={g.variance} currency={currency} size="sm" c={g.variance > 0 ? 'red.8' : g.variance < 0 ? 'teal.8' : undefined} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function OverviewView({ year }: { year: YearOut }) {
  const { t } = useTranslation('budget');
  const cur = year.currency;
  const varianceColor = year.totals.variance > 0 ? 'red.8' : 'teal.8';
  const fig = (label: string, amount: number, note: string, color?: string) => (
    <Card withBorder padding="sm">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Money amount={amount} currency={cur} fz={22} fw={700} c={color} />
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Card>
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {fig(t('overview.planOf', { year: year.label }), year.totals.plan, year.range)}
        {fig(t('overview.spentToDate'), year.totals.actual, t('overview.monthsWithActuals', { count: year.months.filter((m) => m.basis === 'actual').length }))}
        {fig(t('overview.forecastForYear'), year.totals.forecast, year.totals.committed ? t('overview.withCommitted') : t('overview.actualsThenPlan'))}
        {fig(t('overview.variance'), year.totals.variance, t('overview.forecastMinusPlan'), varianceColor)}
      </SimpleGrid>
      <Card withBorder role="img" aria-label={t('overview.chart', { year: year.label })}>
        <EChart option={namedSeries(t, reportChartOption({ type: 'budget-months', currency: cur, months: year.months.map((m) => ({ label: m.label, plan: m.plan, actual: m.actual, forecast: m.forecast })) }))} height={280} />
      </Card>
      <Card withBorder role="region" aria-label={t('overview.why')}>
        <Title order={3} fz="sm" mb="xs">
          {t('overview.why')}
        </Title>
        {year.reasons.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('overview.isPlan')}
          </Text>
        ) : (
          <List spacing={4} size="sm">
            {year.reasons.map((r, i) => (
              <List.Item key={i}>
                <Text size="sm" c={TONE[r.tone]}>
                  {r.text}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {year.initiatives.savings > 0 || year.initiatives.revenue > 0 ? (
          <Text size="sm" mt="sm">
            <Trans
              t={t}
              i18nKey="overview.initiatives"
              components={{
                savings: <Money amount={year.initiatives.savings} currency={cur} size="sm" fw={600} />,
                revenue: <Money amount={year.initiatives.revenue} currency={cur} size="sm" fw={600} />,
                bottom: <Badge size="xs" variant="light" />,
                top: <Badge size="xs" variant="light" color="violet" />,
              }}
            />
          </Text>
        ) : null}
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Groups title={t('overview.byScope')} rows={year.byScope} currency={cur} />
        <Groups title={t('overview.bySeat')} rows={year.bySeat} currency={cur} />
      </SimpleGrid>
      <Groups title={t('overview.byCategory')} rows={year.byCategory} currency={cur} />
    </Stack>
  );
}
