/** Maturity current against target by function (the chart the board pack draws too) and by category, with the coverage of evidence. */
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { AssessmentDetailOut, MaturityRow } from '@schema/controls';
import { maturityOption } from '@shared/charts/maturity';
import { SCALES } from '@shared/controls/scales';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useMaturity } from './api';
import { groupTitle, mean, share } from './ui';

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fz={22} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {note ? (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      ) : null}
    </Card>
  );
}

function Row({ r, indent }: { r: MaturityRow; indent?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td pl={indent ? 'xl' : undefined} fw={indent ? undefined : 600}>
        {r.label && !indent ? groupTitle(r.title) : `${r.id} ${groupTitle(r.title)}`}
      </Table.Td>
      <Table.Td ta="right">{mean(r.current)}</Table.Td>
      <Table.Td ta="right">{mean(r.target)}</Table.Td>
      <Table.Td ta="right">{r.gaps}</Table.Td>
      <Table.Td ta="right">
        {r.answered} of {r.outcomes}
      </Table.Td>
      <Table.Td ta="right">{share(r.evidenced, r.outcomes - r.notApplicable)}</Table.Td>
    </Table.Tr>
  );
}

export function MaturityView({ detail }: { detail: AssessmentDetailOut }) {
  const { clientId } = useCurrentClient();
  const q = useMaturity(clientId, detail.assessment.id);
  if (q.isPending) return <TableSkeleton />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const scale = SCALES[m.scale];
  const o = m.overall;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure label="Maturity now" value={`${mean(o.current)} of ${scale.max}`} note={`mean ${scale.unit.toLowerCase()} of the rated outcomes`} />
        <Figure label="Target" value={`${mean(o.target)} of ${scale.max}`} note={scale.name} />
        <Figure label="Below target" value={String(o.gaps)} note={`of ${o.outcomes - o.notApplicable} outcomes that apply`} />
        <Figure label="With evidence" value={share(o.evidenced, o.outcomes - o.notApplicable)} note={`${o.evidenced} of ${o.outcomes - o.notApplicable} outcomes; ${o.answered} of ${o.outcomes} answered`} />
      </SimpleGrid>
      <section aria-label="Maturity chart">
        <Title order={2} fz="h4" mb="xs">
          {m.words.top === 'Function' ? 'By function' : `By ${m.words.top.toLowerCase()}`}: now against target
        </Title>
        <div role="img" aria-label={`Maturity by ${m.words.top.toLowerCase()}, current against target`}>
          <EChart option={maturityOption({ unit: scale.unit, min: scale.min, max: scale.max, groups: m.functions.map((f) => ({ label: groupTitle(f.title), previous: null, current: f.current, target: f.target })) })} height={320} />
        </div>
      </section>
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder verticalSpacing={6} aria-label="Maturity by function and category">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                {m.words.top} / {m.words.second.toLowerCase()}
              </Table.Th>
              <Table.Th ta="right">Now</Table.Th>
              <Table.Th ta="right">Target</Table.Th>
              <Table.Th ta="right">Below target</Table.Th>
              <Table.Th ta="right">Answered</Table.Th>
              <Table.Th ta="right">With evidence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.functions.map((f) => [<Row key={f.id} r={f} />, ...m.categories.filter((c) => c.parentId === f.id && c.id !== f.id).map((c) => <Row key={`${f.id}/${c.id}`} r={c} indent />)])}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
