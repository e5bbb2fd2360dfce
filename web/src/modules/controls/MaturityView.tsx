/** Maturity current against target by function (the chart the board pack draws too) and by category, with the coverage of evidence. */
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetailOut, MaturityRow } from '@schema/controls';
import { maturityOption } from '@shared/charts/maturity';
import { SCALES } from '@shared/controls/scales';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useMaturity } from './api';
import { groupTitle, groupWord, mean, scaleName, scaleUnit, share } from './ui';

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
  const { t } = useTranslation('controls');
  return (
    <Table.Tr>
      <Table.Td pl={indent ? 'xl' : undefined} fw={indent ? undefined : 600}>
        {r.label && !indent ? groupTitle(r.title) : `${r.id} ${groupTitle(r.title)}`}
      </Table.Td>
      <Table.Td ta="right">{mean(r.current)}</Table.Td>
      <Table.Td ta="right">{mean(r.target)}</Table.Td>
      <Table.Td ta="right">{r.gaps}</Table.Td>
      <Table.Td ta="right">
        {t('maturity.ofTotal', { n: r.answered, total: r.outcomes })}
      </Table.Td>
      <Table.Td ta="right">{share(r.evidenced, r.outcomes - r.notApplicable)}</Table.Td>
    </Table.Tr>
  );
}

export function MaturityView({ detail }: { detail: AssessmentDetailOut }) {
  const { t } = useTranslation('controls');
  const { clientId } = useCurrentClient();
  const q = useMaturity(clientId, detail.assessment.id);
  if (q.isPending) return <TableSkeleton />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const scale = SCALES[m.scale];
  const o = m.overall;
  const unit = scaleUnit(t, m.scale);
  const top = groupWord(t, m.words.top);
  const topInText = groupWord(t, m.words.top, true);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure label={t('maturity.now')} value={t('maturity.ofMax', { value: mean(o.current), max: scale.max })} note={t('maturity.meanOf', { unit: scaleUnit(t, m.scale, true) })} />
        <Figure label={t('maturity.target')} value={t('maturity.ofMax', { value: mean(o.target), max: scale.max })} note={scaleName(t, m.scale)} />
        <Figure label={t('maturity.below')} value={String(o.gaps)} note={t('maturity.ofApply', { count: o.outcomes - o.notApplicable })} />
        <Figure label={t('maturity.evidence')} value={share(o.evidenced, o.outcomes - o.notApplicable)} note={t('maturity.evidenceNote', { evidenced: o.evidenced, apply: o.outcomes - o.notApplicable, answered: o.answered, outcomes: o.outcomes })} />
      </SimpleGrid>
      <section aria-label={t('maturity.chart')}>
        <Title order={2} fz="h4" mb="xs">
          {t('maturity.byGroup', { group: topInText })}
        </Title>
        <div role="img" aria-label={t('maturity.chartLabel', { group: topInText })}>
          <EChart option={maturityOption({ unit, labels: { previous: t('maturity.lastAssessment'), current: t('maturity.nowShort'), target: t('maturity.target') }, min: scale.min, max: scale.max, groups: m.functions.map((f) => ({ label: groupTitle(f.title), previous: null, current: f.current, target: f.target })) })} height={320} />
        </div>
      </section>
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder verticalSpacing={6} aria-label={t('maturity.table')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                {t('maturity.groupColumn', { top, second: groupWord(t, m.words.second, true) })}
              </Table.Th>
              <Table.Th ta="right">{t('maturity.nowShort')}</Table.Th>
              <Table.Th ta="right">{t('maturity.target')}</Table.Th>
              <Table.Th ta="right">{t('maturity.below')}</Table.Th>
              <Table.Th ta="right">{t('maturity.answered')}</Table.Th>
              <Table.Th ta="right">{t('maturity.evidence')}</Table.Th>
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
