/** A fiscal year at a glance: plan, actuals, forecast and why it differs from the plan, internal IT and product told apart. */
import { Badge, Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { reportChartOption } from '@shared/charts/reports';
import type { YearOut } from '@schema/budget';
import { EChart } from '../../components/EChart';
import { Money } from '../../components/Money';

const TONE: Record<string, string> = { good: 'teal.8', bad: 'red.8', warn: 'orange.8', neutral: 'dimmed' };

function Groups({ title, rows, currency }: { title: string; rows: YearOut['byCategory']; currency: string }) {
  return (
    <Card withBorder>
      <Title order={3} fz="sm" mb="xs">
        {title}
      </Title>
      <Table aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">Plan</Table.Th>
            <Table.Th ta="right">Spent to date</Table.Th>
            <Table.Th ta="right">Forecast</Table.Th>
            <Table.Th ta="right">Variance</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Td>{g.label}</Table.Td>
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
  const cur = year.currency;
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
        {fig(`Plan, ${year.label}`, year.totals.plan, year.range)}
        {fig('Spent to date', year.totals.actual, `${year.months.filter((m) => m.basis === 'actual').length} months with actuals`)}
        {fig('Forecast for the year', year.totals.forecast, `${year.totals.committed ? 'with committed items not in the plan' : 'actuals to date, plan for the rest'}`)}
        {fig('Variance', year.totals.variance, 'forecast minus plan', year.totals.variance > 0 ? 'red.8' : 'teal.8')}
      </SimpleGrid>
      <Card withBorder role="img" aria-label={`The ${year.label} budget month by month`}>
        <EChart option={reportChartOption({ type: 'budget-months', currency: cur, months: year.months.map((m) => ({ label: m.label, plan: m.plan, actual: m.actual, forecast: m.forecast })) })} height={280} />
      </Card>
      <Card withBorder role="region" aria-label="Why the forecast differs from the plan">
        <Title order={3} fz="sm" mb="xs">
          Why the forecast differs from the plan
        </Title>
        {year.reasons.length === 0 ? (
          <Text size="sm" c="dimmed">
            The forecast is the plan.
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
            This year&apos;s open initiatives expect to save <Money amount={year.initiatives.savings} currency={cur} size="sm" fw={600} /> a year <Badge size="xs" variant="light">bottom line</Badge> and to enable <Money amount={year.initiatives.revenue} currency={cur} size="sm" fw={600} /> of revenue a year <Badge size="xs" variant="light" color="violet">top line</Badge>.
          </Text>
        ) : null}
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Groups title="Internal IT and product technology" rows={year.byScope} currency={cur} />
        <Groups title="By seat" rows={year.bySeat} currency={cur} />
      </SimpleGrid>
      <Groups title="By category" rows={year.byCategory} currency={cur} />
    </Stack>
  );
}
