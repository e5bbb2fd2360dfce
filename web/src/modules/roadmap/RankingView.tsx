/**
 * The ranking of open initiatives: by the risk they reduce per unit of cost (expected annual
 * loss avoided, from the risk engine, per unit of annualised cost), then by the weight of the
 * priorities they serve. An advisor moves an initiative up or down to override the order.
 */
import { ActionIcon, Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { InitiativeOut, RoadmapOut } from '@schema/roadmap';
import type { TFunction } from 'i18next';
import { TriadTable } from '../../components/DataTable';
import { Money } from '../../components/Money';
import type { ExportColumn } from '../../components/TableExport';
import { perCost, StatusBadge } from './ui';

/** The export keeps a column for each figure the table pairs in one cell. */
const exportColumns = (t: TFunction<'roadmap'>): ExportColumn<InitiativeOut>[] => [
  { title: t('ranking.column.rank'), value: (i) => i.rank },
  { title: t('ranking.column.ref'), value: (i) => i.ref },
  { title: t('ranking.column.initiative'), value: (i) => i.title },
  { title: t('ranking.column.quarter'), value: (i) => i.targetQuarterLabel },
  { title: t('ranking.column.seat'), value: (i) => i.ownerSeat },
  { title: t('ranking.column.riskReduced'), value: (i) => i.riskReduction?.mean ?? null },
  { title: t('ranking.column.p95Cut'), value: (i) => i.riskReduction?.p95 ?? null },
  { title: t('ranking.column.cost'), value: (i) => i.annualisedCost },
  { title: t('ranking.column.perCost'), value: (i) => perCost(t, i) },
  { title: t('ranking.column.weight'), value: (i) => i.priorityWeight },
  { title: t('ranking.column.status'), value: (i) => t(`status.${i.status}`) },
];

export function RankingView({ roadmap, onOrder, onReset, onOpen }: { roadmap: RoadmapOut; onOrder: (ids: string[]) => void; onReset: () => void; onOpen: (id: string) => void }) {
  const { t } = useTranslation('roadmap');
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
        <Alert color="blue" title={t('ranking.overridden')}>
          <Group justify="space-between">
            <Text size="sm">{t('ranking.overriddenText')}</Text>
            {roadmap.can.edit ? (
              <Button size="xs" variant="light" onClick={onReset}>
                {t('ranking.rankAgain')}
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : null}
      <TriadTable<InitiativeOut>
        aria-label={t('ranking.table')} exportAs={t('ranking.table')}
        records={open}
        idAccessor="id"
        onRowClick={({ record }) => onOpen(record.id)}
        noRecordsText={t('ranking.none')}
        exportColumns={exportColumns(t)}
        columns={[
          { accessor: 'rank', title: t('ranking.column.rank'), textAlign: 'right', render: (i) => <Text size="sm" fw={600}>{i.rank}</Text> },
          {
            // The quarter and the owning seat under the title: they place the initiative, the title names it.
            accessor: 'title',
            title: t('ranking.column.initiative'),
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
            title: t('ranking.column.riskReduced'),
            textAlign: 'right',
            render: (i) =>
              i.riskReduction ? (
                <div>
                  <Money amount={i.riskReduction.mean} currency={cur} size="sm" />
                  <Text size="xs" c="dimmed">
                    {t('ranking.p95CutText')} <Money amount={i.riskReduction.p95} currency={cur} size="xs" c="dimmed" />
                  </Text>
                </div>
              ) : (
                <Text span size="sm" c="dimmed">
                  —
                </Text>
              ),
          },
          { accessor: 'annualisedCost', title: t('ranking.column.cost'), textAlign: 'right', render: (i) => <Money amount={i.annualisedCost} currency={cur} size="sm" /> },
          { accessor: 'riskPerCost', title: t('ranking.column.perCost'), textAlign: 'right', render: (i) => perCost(t, i) },
          { accessor: 'priorityWeight', title: t('ranking.column.weight'), textAlign: 'right', render: (i) => `${i.priorityWeight} %` },
          { accessor: 'status', title: t('ranking.column.status'), render: (i) => <StatusBadge status={i.status} /> },
          ...(roadmap.can.edit
            ? [
                {
                  accessor: 'order',
                  title: t('ranking.column.order'),
                  width: 90,
                  render: (i: InitiativeOut) => {
                    const k = open.findIndex((x) => x.id === i.id);
                    return (
                      <Group gap={2} onClick={(e) => e.stopPropagation()}>
                        <ActionIcon variant="subtle" aria-label={t('ranking.moveUp', { ref: i.ref })} disabled={k === 0} onClick={() => move(k, -1)}>
                          <IconArrowUp size={16} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" aria-label={t('ranking.moveDown', { ref: i.ref })} disabled={k === open.length - 1} onClick={() => move(k, 1)}>
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
        {t('ranking.note')}
      </Text>
    </Stack>
  );
}
