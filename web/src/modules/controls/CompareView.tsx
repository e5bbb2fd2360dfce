/** This assessment side by side with another of the same catalogue and scale: what moved up or down. */
import { Badge, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetailOut, ComparisonOut } from '@schema/controls';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { useAssessments, useComparison } from './api';
import { groupTitle, mean } from './ui';

type Row = ComparisonOut['outcomes'][number];
const CHANGE_COLORS: Record<Row['change'], string> = { up: 'teal', down: 'red', same: 'gray', new: 'blue', removed: 'gray', 'not-applicable': 'gray' };

const side = (t: TFunction<'controls'>, s: Row['before']) => (s === null ? '\u2014' : s.notApplicable ? t('compare.na') : t('compare.side', { current: s.current ?? '\u2014', target: s.target ?? '\u2014' }));

export function CompareView({ detail }: { detail: AssessmentDetailOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const a = detail.assessment;
  const list = useAssessments(clientId);
  const others = (list.data?.assessments ?? []).filter((x) => x.id !== a.id && x.catalogue.id === a.catalogue.id && x.scale === a.scale);
  const [picked, setPicked] = useState<string | null>(null);
  const other = others.find((x) => x.id === picked) ?? others.find((x) => x.id === a.copiedFrom?.id) ?? others[0] ?? null;
  // The earlier one is "before".
  const earlierFirst = other && (other.completedAt ?? other.createdAt) <= (a.completedAt ?? a.createdAt);
  const from = other ? (earlierFirst ? other.id : a.id) : null;
  const to = other ? (earlierFirst ? a.id : other.id) : a.id;
  const cmp = useComparison(clientId, from, to);
  const [filter, setFilter] = useState('moved');
  if (!list.isPending && others.length === 0) {
    return <EmptyState title={t('compare.nothing')} description={t('compare.nothingText')} />;
  }
  const c = cmp.data;
  const rows = (c?.outcomes ?? []).filter((r) => filter === 'all' || r.change === 'up' || r.change === 'down' || r.change === 'new' || r.change === 'removed');
  return (
    <Stack gap="md">
      <Select label={t('compare.with')} data={others.map((x) => ({ value: x.id, label: x.status === 'completed' ? x.title : t('compare.inProgress', { title: x.title }) }))} value={other?.id ?? null} onChange={setPicked} allowDeselect={false} maw={420} />
      {cmp.isError ? <ErrorAlert error={cmp.error} /> : null}
      {c ? (
        <>
          <Text size="sm">
            {t('compare.summary', { from: c.from.title, to: c.to.title, up: c.counts.up, down: c.counts.down, same: c.counts.same })}
            {c.counts.new ? t('compare.newCount', { count: c.counts.new }) : ''}
            {c.counts.removed ? t('compare.removedCount', { count: c.counts.removed }) : ''}
            {t('compare.meanChange', { before: mean(c.overall.before), after: mean(c.overall.after) })}
          </Text>
          <Table withTableBorder striped aria-label={t('compare.byFunction')} maw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('compare.column.function')}</Table.Th>
                <Table.Th ta="right">{c.from.title}</Table.Th>
                <Table.Th ta="right">{c.to.title}</Table.Th>
                <Table.Th ta="right">{t('compare.column.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.functions.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{groupTitle(f.title)}</Table.Td>
                  <Table.Td ta="right">{mean(f.before)}</Table.Td>
                  <Table.Td ta="right">{mean(f.after)}</Table.Td>
                  <Table.Td ta="right" c={f.delta !== null && f.delta > 0 ? 'teal.7' : f.delta !== null && f.delta < 0 ? 'red.7' : undefined}>
                    {f.delta === null ? '\u2014' : `${f.delta > 0 ? '+' : ''}${f.delta.toFixed(1)}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SegmentedControl value={filter} onChange={setFilter} data={[{ value: 'moved', label: t('compare.moved') }, { value: 'all', label: t('compare.every') }]} w="fit-content" />
          <TriadTable<Row>
            aria-label={t('compare.table')} exportAs={t('compare.table')}
            records={rows}
            idAccessor="controlId"
            noRecordsText={t('compare.nothingMoved')}
            columns={[
              { accessor: 'controlId', title: t('compare.column.outcome'), width: 120 },
              { accessor: 'title', title: '', render: (r) => (r.title === r.controlId ? '' : r.title) },
              { accessor: 'before', title: c.from.title, render: (r) => side(t, r.before) },
              { accessor: 'after', title: c.to.title, render: (r) => side(t, r.after) },
              { accessor: 'change', title: t('compare.column.change'), width: 150, render: (r) => <Badge color={CHANGE_COLORS[r.change]} variant="light">{t(`compare.change.${r.change}`)}</Badge> },
            ]}
          />
        </>
      ) : null}
    </Stack>
  );
}
