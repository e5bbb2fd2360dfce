import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import type { TopRisk } from '@schema/risks';
import { Link } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import type { ExportColumn } from '../../components/TableExport';
import { P90Cell } from './P90Cell';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { LEVEL_LABELS, percent, RatingBadge, RefreshBanner, STATUS_LABELS, StatusBadge, TREATMENT_LABELS } from './ui';

const TREATMENT_STATUS: Record<TopRisk['treatmentStatus'], string> = { none: 'No treatment', mixed: 'Several', ...TREATMENT_LABELS };

function treatmentLine(status: TopRisk['treatmentStatus']): string {
  if (status === 'none') return TREATMENT_STATUS.none;
  return status === 'mixed' ? 'Treatments: several' : `Treatment: ${TREATMENT_STATUS[status]}`;
}

/** The export keeps a column for each figure the table pairs in one cell. */
const EXPORT_COLUMNS: ExportColumn<TopRisk>[] = [
  { title: 'Ref', value: (r) => r.ref },
  { title: 'Scenario', value: (r) => r.title },
  { title: 'Mean a year', value: (r) => r.mean },
  { title: 'P90', value: (r) => r.p90 },
  { title: 'Without treatments', value: (r) => r.inherentMean },
  { title: 'Share', value: (r) => r.share },
  { title: 'Rating', value: (r) => `${LEVEL_LABELS[r.rating.level]} ${r.rating.score}` },
  { title: 'Owner', value: (r) => r.ownerSeat },
  { title: 'Status', value: (r) => STATUS_LABELS[r.status] },
  { title: 'Treatment', value: (r) => TREATMENT_STATUS[r.treatmentStatus] },
];

/** The ten scenarios that cost the most a year, as the board sees them. */
export function TopRisksPage() {
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
          Top risks
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          The scenarios with the largest expected annual loss, with planned and in-place treatments.
        </Text>
        <TriadTable<TopRisk>
          aria-label="Top risks" exportAs="Top risks"
          records={o.top}
          idAccessor="id"
          noRecordsText="No simulated scenarios yet"
          exportColumns={EXPORT_COLUMNS}
          columns={[
            { accessor: 'ref', title: 'Ref', width: 70 },
            { accessor: 'title', title: 'Scenario', render: (r) => <Anchor component={Link} to={href(`risks/${r.id}`)} size="sm" fw={600}>{r.title}</Anchor> },
            {
              // The mean with the treatments, and under it the mean without them: what they save.
              accessor: 'mean',
              title: 'Mean a year',
              textAlign: 'right',
              render: (r) => (
                <div>
                  <Money amount={r.mean} currency={o.currency} size="sm" />
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    without treatments: <Money amount={r.inherentMean} currency={o.currency} size="xs" c="dimmed" />
                  </Text>
                </div>
              ),
            },
            { accessor: 'p90', title: 'P90', textAlign: 'right', render: (r) => <P90Cell stats={r} currency={o.currency} /> },
            { accessor: 'share', title: 'Share', textAlign: 'right', render: (r) => percent(r.share, 0) },
            { accessor: 'rating', title: 'Rating', render: (r) => <RatingBadge rating={r.rating} /> },
            { accessor: 'ownerSeat', title: 'Owner' },
            {
              // The scenario's status, and under it where its treatments stand.
              accessor: 'status',
              title: 'Status',
              render: (r) => (
                <div>
                  <StatusBadge status={r.status} />
                  <Text size="xs" c="dimmed" mt={2}>
                    {treatmentLine(r.treatmentStatus)}
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
