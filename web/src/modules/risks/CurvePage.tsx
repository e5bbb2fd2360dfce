import { Blockquote, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { lossExceedanceOption } from '@shared/charts';
import { Chart } from './Chart';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { AppetiteBadge, money, percent, RefreshBanner } from './ui';

/** The client's loss exceedance curve with the tolerance curve drawn over it, and the check point by point. */
export function CurvePage() {
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
              Loss exceedance curve
            </Title>
            <AppetiteBadge defined={appetite.defined} breached={appetite.breached} settled={appetite.settled} />
          </Group>
          <Text size="sm" c="dimmed" mb="md">
            For each amount, the chance of losing more than that in a year. Where the curve runs above the red tolerance curve, the client carries more risk than it accepts.
          </Text>
          <Chart height={380} label="Loss exceedance curve with the risk appetite" option={lossExceedanceOption({ currency, inherent: o.curves.inherent.lec, residual: o.curves.residual?.lec ?? null, retained: o.curves.retained?.lec ?? null, tolerance: appetite.points })}
          />
        </Card>
      ) : (
        <EmptyState title="No curve yet" description="The curve appears once the register has scenarios and they have been simulated." />
      )}
      <Card>
        <Title order={2} fz="h3" mb="sm">
          Risk appetite
        </Title>
        {appetite.statement ? (
          <Blockquote color="triad" p="md" mb="md">
            {appetite.statement}
          </Blockquote>
        ) : null}
        {appetite.defined ? (
          <Table striped withTableBorder aria-label="Appetite check">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Annual loss above</Table.Th>
                <Table.Th ta="right">Tolerated chance</Table.Th>
                <Table.Th ta="right">{appetite.basis === 'retained' ? 'Chance now, after insurance' : 'Chance now'}</Table.Th>
                <Table.Th ta="right">± (95 %)</Table.Th>
                <Table.Th ta="right">Without treatments</Table.Th>
                <Table.Th>Check</Table.Th>
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
                    {c.breached === null ? '—' : c.confident === false ? <Text c="orange" fw={600} size="sm">Too close to call</Text> : c.breached ? <Text c="red" fw={600} size="sm">Above</Text> : <Text c="teal" size="sm">Within</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            No appetite is set for this client yet.
          </Text>
        )}
      </Card>
    </Stack>
  );
}
