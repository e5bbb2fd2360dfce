import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { riskHeatmapOption } from '@shared/charts';
import { IMPACT_LABELS, LIKELIHOOD_LABELS } from '@shared/risks/rating';
import { Chart } from './Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { money, percent, RefreshBanner } from './ui';

/** The 5 × 5 heat map, derived from the simulated results with the client's documented bands. */
export function HeatmapPage() {
  const { clientId } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const { bands } = o.heatmap;
  const ranges = (limits: number[], f: (x: number) => string) => limits.map((_, i) => (i === 0 ? `below ${f(limits[0]!)}` : `${f(limits[i - 1]!)} – ${f(limits[i]!)}`)).concat(`${f(limits.at(-1)!)} or more`);
  const likelihood = ranges(bands.likelihood, (x) => percent(x));
  const impact = ranges(bands.impact, (x) => money(x, o.currency, true));
  return (
    <Stack gap="lg">
      <RefreshBanner status={o.status} />
      <Card>
        <Title order={2} fz="h3" mb={4}>
          Heat map
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Each scenario placed by its simulated likelihood (the chance of a loss in a year) and impact (the typical loss in a year that has one), with planned and in-place treatments.
        </Text>
        <Chart height={420} label="Heat map of the risk scenarios" option={riskHeatmapOption({ cells: o.heatmap.cells })} />
      </Card>
      <Card>
        <Title order={3} fz="h4" mb="sm">
          Rating bands {bands.likelihoodIsDefault && bands.impactIsDefault ? '(the standard ones)' : '(set for this client)'}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Table withTableBorder aria-label="Likelihood bands">
            <Table.Tbody>
              {LIKELIHOOD_LABELS.map((l, i) => (
                <Table.Tr key={l}>
                  <Table.Td>
                    {i + 1}. {l}
                  </Table.Td>
                  <Table.Td>{likelihood[i]} chance of a loss a year</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Table withTableBorder aria-label="Impact bands">
            <Table.Tbody>
              {IMPACT_LABELS.map((l, i) => (
                <Table.Tr key={l}>
                  <Table.Td>
                    {i + 1}. {l}
                  </Table.Td>
                  <Table.Td>{impact[i]} in a year with a loss</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          Score = likelihood × impact: low 1–4, medium 5–9, high 10–16, critical 20–25.
        </Text>
      </Card>
    </Stack>
  );
}
