import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import type { TopRisk } from '@schema/risks/overview';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import type { ExportColumn } from '../../components/TableExport';
import { P90Cell } from './P90Cell';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { percent, RatingBadge, RefreshBanner, StatusBadge, type RiskT } from './ui';

function treatmentLine(t: RiskT, status: TopRisk['treatmentStatus']): string {
  if (status === 'none') return t('treatmentStatus.none');
  return status === 'mixed' ? t('top.several') : t('top.one', { status: t(`treatmentStatus.${status}`) });
}

/** The export keeps a column for each figure the table pairs in one cell. */
const exportColumns = (t: RiskT): ExportColumn<TopRisk>[] => [
  { title: t('column.ref'), value: (r) => r.ref },
  { title: t('column.scenario'), value: (r) => r.title },
  { title: t('column.mean'), value: (r) => r.mean },
  { title: t('column.p90'), value: (r) => r.p90 },
  { title: t('column.withoutTreatments'), value: (r) => r.inherentMean },
  { title: t('column.share'), value: (r) => r.share },
  { title: t('column.rating'), value: (r) => `${t(`level.${r.rating.level}`)} ${r.rating.score}` },
  { title: t('column.owner'), value: (r) => r.ownerSeat },
  { title: t('column.status'), value: (r) => t(`status.${r.status}`) },
  { title: t('column.treatment'), value: (r) => t(`treatmentStatus.${r.treatmentStatus}`) },
];

/** The ten scenarios that cost the most a year, as the board sees them. */
export function TopRisksPage() {
  const { t } = useTranslation('risks');
  const { clientId, href } = useCurrentClient();
  const overview = useOverview(clientId);
  if (overview.isPending) return <PageSkeleton />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <Stack gap="lg">
      <RefreshBanner status={o.status} />
      <Card>
        <Title order={2} fz="h3" mb={4}>
          {t('top.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('top.description')}
        </Text>
        <TriadTable<TopRisk>
          aria-label={t('top.title')} exportAs={t('top.title')}
          records={o.top}
          idAccessor="id"
          noRecordsText={t('top.none')}
          exportColumns={exportColumns(t)}
          columns={[
            { accessor: 'ref', title: t('column.ref'), width: 70 },
            { accessor: 'title', title: t('column.scenario'), render: (r) => <Anchor component={Link} to={href(`risks/${r.id}`)} size="sm" fw={600}>{r.title}</Anchor> },
            {
              // The mean with the treatments, and under it the mean without them: what they save.
              accessor: 'mean',
              title: t('column.mean'),
              textAlign: 'right',
              render: (r) => (
                <div>
                  <Money amount={r.mean} currency={o.currency} size="sm" />
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('top.withoutTreatments')} <Money amount={r.inherentMean} currency={o.currency} size="xs" c="dimmed" />
                  </Text>
                </div>
              ),
            },
            { accessor: 'p90', title: t('column.p90'), textAlign: 'right', render: (r) => <P90Cell stats={r} currency={o.currency} /> },
            { accessor: 'share', title: t('column.share'), textAlign: 'right', render: (r) => percent(r.share, 0) },
            { accessor: 'rating', title: t('column.rating'), render: (r) => <RatingBadge rating={r.rating} /> },
            { accessor: 'ownerSeat', title: t('column.owner') },
            {
              // The scenario's status, and under it where its treatments stand.
              accessor: 'status',
              title: t('column.status'),
              render: (r) => (
                <div>
                  <StatusBadge status={r.status} />
                  <Text size="xs" c="dimmed" mt={2}>
                    {treatmentLine(t, r.treatmentStatus)}
                  </Text>
                </div>
              ),
            },
          ]}
        />
      </Card>
    </Stack>
  );
}
