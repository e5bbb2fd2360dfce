/**
 * The ranking of open initiatives: by the risk they reduce per unit of cost (expected annual
 * loss avoided, from the risk engine, per unit of annualised cost), then by the weight of the
 * priorities they serve. An advisor moves an initiative up or down to override the order.
 */
import { ActionIcon, Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { TriadTable } from '../../components/DataTable';
import { Money } from '../../components/Money';
import { perCost, StatusBadge } from './ui';

export function RankingView({ roadmap, onOrder, onReset, onOpen }: { roadmap: RoadmapOut; onOrder: (ids: string[]) => void; onReset: () => void; onOpen: (id: string) => void }) {
  const open = roadmap.initiatives.filter((i) => i.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const cur = roadmap.currency;
  const move = (i: number, by: number) => {
    const ids = open.map((x) => x.id);
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    onOrder(ids.slice(0, Math.max(i, j) + 1));
  };
  return (
    <Stack gap="sm">
      {roadmap.ranking.overridden ? (
        <Alert color="blue" title="An advisor has set the order">
          <Group justify="space-between">
            <Text size="sm">The initiatives the advisor placed come first, in their order; the rest follow by value.</Text>
            {roadmap.can.edit ? (
              <Button size="xs" variant="light" onClick={onReset}>
                Rank by value again
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      <TriadTable<InitiativeOut>
        aria-label="Ranked initiatives" exportAs="Ranked initiatives"
        records={open}
        idAccessor="id"
        onRowClick={({ record }) => onOpen(record.id)}
        noRecordsText="No open initiative"
        columns={[
          { accessor: 'rank', title: 'Rank', textAlign: 'right', width: 70, render: (i) => <Text size="sm" fw={600}>{i.rank}</Text> },
          { accessor: 'title', title: 'Initiative', render: (i) => <Text size="sm">{i.ref} {i.title}</Text> },
          { accessor: 'targetQuarterLabel', title: 'Quarter' },
          { accessor: 'ownerSeat', title: 'Seat' },
          { accessor: 'riskReduction', title: 'Risk reduced a year', textAlign: 'right', render: (i) => (i.riskReduction ? <Money amount={i.riskReduction.mean} currency={cur} size="sm" /> : <Text span size="sm" c="dimmed">—</Text>) },
          { accessor: 'p95', title: '1-in-20-year loss cut', textAlign: 'right', render: (i) => (i.riskReduction ? <Money amount={i.riskReduction.p95} currency={cur} size="sm" /> : <Text span size="sm" c="dimmed">—</Text>) },
          { accessor: 'annualisedCost', title: 'Cost a year', textAlign: 'right', render: (i) => <Money amount={i.annualisedCost} currency={cur} size="sm" /> },
          { accessor: 'riskPerCost', title: 'Risk reduced per $1', textAlign: 'right', render: (i) => perCost(i) },
          { accessor: 'priorityWeight', title: 'Priority weight', textAlign: 'right', render: (i) => `${i.priorityWeight} %` },
          { accessor: 'status', title: 'Status', render: (i) => <StatusBadge status={i.status} /> },
          ...(roadmap.can.edit
            ? [
                {
                  accessor: 'order',
                  title: 'Order',
                  width: 90,
                  render: (i: InitiativeOut) => {
                    const k = open.findIndex((x) => x.id === i.id);
                    return (
                      <Group gap={2} onClick={(e) => e.stopPropagation()}>
                        <ActionIcon variant="subtle" aria-label={`Move ${i.ref} up`} disabled={k === 0} onClick={() => move(k, -1)}>
                          <IconArrowUp size={16} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" aria-label={`Move ${i.ref} down`} disabled={k === open.length - 1} onClick={() => move(k, 1)}>
                          <IconArrowDown size={16} />
                        </ActionIcon>
                      </Group>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <Text size="xs" c="dimmed">
        Risk reduced: the expected annual loss of the scenarios an initiative&apos;s treatments act on, without them minus with them, simulated on the register&apos;s random years. Cost a year: the running cost plus the one-time cost spread over three years.
      </Text>
    </Stack>
  );
}
