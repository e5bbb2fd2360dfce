import { Anchor, Group, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { ScenarioListItem } from '@schema/risks';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ViewsMenu } from '../../components/SavedViews';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { P90Cell } from './P90Cell';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useRegister } from './api';
import { PortfolioSummary } from './Summary';
import { percent, RatingBadge, RefreshBanner, StatusBadge, STATUS_LABELS, type RiskStatus } from './ui';

type SortKey = 'ref' | 'title' | 'mean' | 'p90' | 'share' | 'rating' | 'ownerSeat' | 'status';

function sortValue(s: ScenarioListItem, key: SortKey): number | string {
  switch (key) {
    case 'ref':
      return Number(s.ref.replace(/\D/g, '')) || 0;
    case 'mean':
      return s.result?.current.mean ?? -1;
    case 'p90':
      return s.result?.current.p90 ?? -1;
    case 'share':
      return s.result?.share ?? -1;
    case 'rating':
      return s.result ? s.result.rating.score * 1e9 + s.result.current.mean : -1;
    default:
      return s[key];
  }
}

/** The register: every scenario with its money, rating, owner and status; sortable and filterable. */
export function RegisterPage() {
  const { clientId, href, client } = useCurrentClient();
  const register = useRegister(clientId);
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [statuses, setStatuses] = useState<string[]>(['open', 'treating', 'accepted']);
  const [owner, setOwner] = useState<string | null>(null);
  const [proposals, setProposals] = useState(true);
  const [sort, setSort] = useState<DataTableSortStatus<ScenarioListItem>>({ columnAccessor: 'mean', direction: 'desc' });

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = (register.data?.scenarios ?? []).filter(
      (s) =>
        statuses.includes(s.status) &&
        (!owner || s.ownerSeat === owner) &&
        (proposals || !s.proposed) &&
        (!q || s.title.toLowerCase().includes(q) || s.ref.toLowerCase() === q || (s.threat ?? '').toLowerCase().includes(q)),
    );
    const key = sort.columnAccessor as SortKey;
    const dir = sort.direction === 'asc' ? 1 : -1;
    return [...list].sort((a, b) => {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
  }, [register.data, search, statuses, owner, proposals, sort]);

  if (register.isPending) return <TableSkeleton rows={8} />;
  if (register.isError) return <ErrorAlert error={register.error} onRetry={() => void register.refetch()} />;
  const data = register.data;
  const currency = data.currency;

  return (
    <Stack gap="lg">
      <RefreshBanner status={data.status} />
      <PortfolioSummary portfolio={data.portfolio} appetite={data.appetite} currency={currency} />
      {data.scenarios.length === 0 ? (
        <EmptyState title="No risk scenarios yet" description={`Start from a template (ransomware, business e-mail compromise, data breach…) scaled to ${client.name}.`} />
      ) : (
        <>
          <Group justify="space-between" align="flex-end" gap="md">
            <Group gap="md" align="flex-end">
              <TextInput aria-label="Search scenarios" placeholder="Search title, threat or ref" leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
              <MultiSelect
                label="Status"
                aria-label="Status"
                data={(Object.keys(STATUS_LABELS) as RiskStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
                value={statuses}
                onChange={setStatuses}
                w={300}
              />
              <Select label="Owner" aria-label="Owner" placeholder="Any seat" data={['CIO', 'CTO', 'CISO']} value={owner} onChange={setOwner} clearable w={120} />
              <Switch label="Show proposals" checked={proposals} onChange={(e) => setProposals(e.currentTarget.checked)} mb={8} />
              <ViewsMenu list="risks.register" filters={{ search, statuses, owner, proposals }} onApply={(f) => { setSearch(f.search ?? ''); setStatuses(f.statuses ?? ['open', 'treating', 'accepted']); setOwner(f.owner ?? null); setProposals(f.proposals ?? true); }} />
            </Group>
            <Text size="sm" c="dimmed">
              {rows.length} of {data.scenarios.length} scenarios
            </Text>
          </Group>
          <TriadTable<ScenarioListItem>
            aria-label="Risk scenarios" exportAs="Risk scenarios" columnsKey="risks.register"
            records={rows}
            idAccessor="id"
            sortStatus={sort}
            onSortStatusChange={setSort}
            onRowClick={({ record }) => void navigate(href(`risks/${record.id}`))}
            noRecordsText="No scenario matches the filters"
            columns={[
              { accessor: 'ref', title: 'Ref', sortable: true, width: 70 },
              {
                accessor: 'title',
                title: 'Scenario',
                sortable: true,
                render: (s) => (
                  <Anchor component={Link} to={href(`risks/${s.id}`)} fw={600} size="sm" onClick={(e) => e.stopPropagation()}>
                    {s.title}
                  </Anchor>
                ),
              },
              { accessor: 'mean', title: 'Mean a year', sortable: true, textAlign: 'right', noWrap: true, render: (s) => <Money amount={s.result?.current.mean} currency={currency} size="sm" /> },
              { accessor: 'p90', title: 'P90', sortable: true, textAlign: 'right', render: (s) => <P90Cell stats={s.result?.current} currency={currency} /> },
              { accessor: 'share', title: 'Share', sortable: true, textAlign: 'right', noWrap: true, render: (s) => (s.result?.share === null || s.result?.share === undefined ? '—' : s.result.share < 0.005 ? '<1 %' : percent(s.result.share, 0)) },
              { accessor: 'rating', title: 'Rating', sortable: true, width: 130, render: (s) => (s.result ? <RatingBadge rating={s.result.rating} /> : <Text size="sm" c="dimmed">Not yet simulated</Text>) },
              { accessor: 'ownerSeat', title: 'Owner', sortable: true, width: 90 },
              { accessor: 'status', title: 'Status', sortable: true, width: 180, render: (s) => <StatusBadge status={s.status} proposed={s.proposed} /> },
              {
                accessor: 'treatments',
                title: 'Treatments',
                render: (s) => {
                  const t = s.treatments;
                  const total = t.proposed + t.planned + t.inPlace;
                  if (total === 0) return <Text size="sm" c="dimmed">None</Text>;
                  return (
                    <Text size="sm">
                      {[t.inPlace ? `${t.inPlace} in place` : null, t.planned ? `${t.planned} planned` : null, t.proposed ? `${t.proposed} proposed` : null].filter(Boolean).join(', ')}
                    </Text>
                  );
                },
              },
            ]}
          />
          <Text size="xs" c="dimmed">
            Money is the mean annual loss and the 1-in-10-year loss (P90) with planned and in-place treatments; share is of the portfolio&apos;s expected annual loss. Ratings come from the simulated
            likelihood and impact with this client&apos;s bands (Appetite &amp; settings).
          </Text>
        </>
      )}
    </Stack>
  );
}
