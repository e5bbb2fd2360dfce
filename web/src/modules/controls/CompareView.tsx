/** This assessment side by side with another of the same catalogue and scale: what moved up or down. */
import { Badge, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import type { AssessmentDetailOut, ComparisonOut } from '@schema/controls';
import { useState } from 'react';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentClient } from '../../layout/client-context';
import { useAssessments, useComparison } from './api';
import { groupTitle, mean } from './ui';

type Row = ComparisonOut['outcomes'][number];
const CHANGE: Record<Row['change'], { label: string; color: string }> = {
  up: { label: 'Up', color: 'teal' },
  down: { label: 'Down', color: 'red' },
  same: { label: 'Same', color: 'gray' },
  new: { label: 'New', color: 'blue' },
  removed: { label: 'Not assessed now', color: 'gray' },
  'not-applicable': { label: 'Not applicable', color: 'gray' },
};

const side = (s: Row['before']) => (s === null ? '\u2014' : s.notApplicable ? 'n/a' : `${s.current ?? '\u2014'} (target ${s.target ?? '\u2014'})`);

export function CompareView({ detail }: { detail: AssessmentDetailOut }) {
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
    return <EmptyState title="Nothing to compare with yet" description="Another assessment of the same catalogue, on the same scale (the next quarter's copy, for instance), compares with this one." />;
  }
  const c = cmp.data;
  const rows = (c?.outcomes ?? []).filter((r) => filter === 'all' || r.change === 'up' || r.change === 'down' || r.change === 'new' || r.change === 'removed');
  return (
    <Stack gap="md">
      <Select label="Compare with" data={others.map((x) => ({ value: x.id, label: `${x.title}${x.status === 'completed' ? '' : ' (in progress)'}` }))} value={other?.id ?? null} onChange={setPicked} allowDeselect={false} maw={420} />
      {cmp.isError ? <ErrorAlert error={cmp.error} /> : null}
      {c ? (
        <>
          <Text size="sm">
            From {c.from.title} to {c.to.title}: {c.counts.up} up, {c.counts.down} down, {c.counts.same} unchanged
            {c.counts.new ? `, ${c.counts.new} new` : ''}
            {c.counts.removed ? `, ${c.counts.removed} no longer assessed` : ''}; mean {mean(c.overall.before)} {'\u2192'} {mean(c.overall.after)}.
          </Text>
          <Table withTableBorder striped aria-label="Change by function" maw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Function</Table.Th>
                <Table.Th ta="right">{c.from.title}</Table.Th>
                <Table.Th ta="right">{c.to.title}</Table.Th>
                <Table.Th ta="right">Change</Table.Th>
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
          <SegmentedControl value={filter} onChange={setFilter} data={[{ value: 'moved', label: 'What moved' }, { value: 'all', label: 'Every outcome' }]} w="fit-content" />
          <TriadTable<Row>
            aria-label="Outcomes compared" exportAs="Outcomes compared"
            records={rows}
            idAccessor="controlId"
            noRecordsText="Nothing moved."
            columns={[
              { accessor: 'controlId', title: 'Outcome', width: 120 },
              { accessor: 'title', title: '', render: (r) => (r.title === r.controlId ? '' : r.title) },
              { accessor: 'before', title: c.from.title, render: (r) => side(r.before) },
              { accessor: 'after', title: c.to.title, render: (r) => side(r.after) },
              { accessor: 'change', title: 'Change', width: 150, render: (r) => <Badge color={CHANGE[r.change].color} variant="light">{CHANGE[r.change].label}</Badge> },
            ]}
          />
        </>
      ) : null}
    </Stack>
  );
}
