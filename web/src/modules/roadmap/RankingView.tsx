/**
 * The ranking of open initiatives: by the risk they reduce per unit of cost (expected annual
 * loss avoided, from the risk engine, per unit of annualised cost), then by the weight of the
 * priorities they serve. An advisor moves an initiative up or down to override the order.
 */
import { ActionIcon, Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { InitiativeOut, RoadmapOut } from '@schema/roadmap';
import { STATUS_LABELS } from '@schema/roadmap';
import { TriadTable } from '../../components/DataTable';
import { Money } from '../../components/Money';
import type { ExportColumn } from '../../components/TableExport';
import { perCost, StatusBadge } from './ui';

/** The export keeps a column for each figure the table pairs in one cell. */
const EXPORT_COLUMNS: ExportColumn<InitiativeOut>[] = [
  { title: 'Rank', value: (i) => i.rank },
  { title: 'Ref', value: (i) => i.ref },
  { title: 'Initiative', value: (i) => i.title },
  { title: 'Quarter', value: (i) => i.targetQuarterLabel },
  { title: 'Seat', value: (i) => i.ownerSeat },
  { title: 'Risk reduced a year', value: (i) => i.riskReduction?.mean ?? null },
  { title: '1-in-20-year loss cut', value: (i) => i.riskReduction?.p95 ?? null },
  { title: 'Cost a year', value: (i) => i.annualisedCost },
  { title: 'Risk reduced per $1', value: (i) => perCost(i) },
  { title: 'Priority weight', value: (i) => i.priorityWeight },
  { title: 'Status', value: (i) => STATUS_LABELS[i.status] },
];

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
        exportColumns={EXPORT_COLUMNS}
        columns={[
          { accessor: 'rank', title: 'Rank', textAlign: 'right', render: (i) => <Text size="sm" fw={600}>{i.rank}</Text> },
          {
            // The quarter and the owning seat under the title: they place the initiative, the title names it.
            accessor: 'title',
            title: 'Initiative',
            render: (i) => (
              <div>
                <Text size="sm">
                  {i.ref} {i.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {i.targetQuarterLabel} · {i.ownerSeat}
                </Text>
              </div>
            ),
          },
          {
            // The expected cut, then the cut in a bad year (1 in 20) under it.
            accessor: 'riskReduction',
            title: 'Risk reduced a year',
            textAlign: 'right',
            render: (i) =>
              i.riskReduction ? (
                <div>
                  <Money amount={i.riskReduction.mean} currency={cur} size="sm" />
                  <Text size="xs" c="dimmed">
                    1-in-20-year loss cut: <Money amount={i.riskReduction.p95} currency={cur} size="xs" c="dimmed" />
                  </Text>
                </div>
              ) : (
                <Text span size="sm" c="dimmed">
                  —
                </Text>
              ),
          },
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
