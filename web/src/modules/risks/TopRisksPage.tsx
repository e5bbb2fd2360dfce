import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import type { TopRisk } from '@schema/risks';
import { Link } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { P90Cell } from './P90Cell';
import { PageSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useOverview } from './api';
import { percent, RatingBadge, RefreshBanner, StatusBadge, TREATMENT_LABELS } from './ui';

const TREATMENT_STATUS: Record<TopRisk['treatmentStatus'], string> = { none: 'No treatment', mixed: 'Several', ...TREATMENT_LABELS };

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
          aria-label="Top risks"
          records={o.top}
          idAccessor="id"
          noRecordsText="No simulated scenarios yet"
          columns={[
            { accessor: 'ref', title: 'Ref', width: 70 },
            { accessor: 'title', title: 'Scenario', render: (r) => <Anchor component={Link} to={href(`risks/${r.id}`)} size="sm" fw={600}>{r.title}</Anchor> },
            { accessor: 'mean', title: 'Mean a year', textAlign: 'right', render: (r) => <Money amount={r.mean} currency={o.currency} size="sm" /> },
            { accessor: 'p90', title: 'P90', textAlign: 'right', render: (r) => <P90Cell stats={r} currency={o.currency} /> },
            { accessor: 'inherentMean', title: 'Without treatments', textAlign: 'right', render: (r) => <Money amount={r.inherentMean} currency={o.currency} size="sm" c="dimmed" /> },
            { accessor: 'share', title: 'Share', textAlign: 'right', render: (r) => percent(r.share, 0) },
            { accessor: 'rating', title: 'Rating', width: 130, render: (r) => <RatingBadge rating={r.rating} /> },
            { accessor: 'ownerSeat', title: 'Owner' },
            { accessor: 'status', title: 'Status', width: 120, render: (r) => <StatusBadge status={r.status} /> },
            { accessor: 'treatmentStatus', title: 'Treatment', render: (r) => TREATMENT_STATUS[r.treatmentStatus] },
          ]}
        />
      </Card>
    </Stack>
  );
}
