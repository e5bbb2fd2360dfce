import { Anchor, Group, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { RegisterSort, ScenarioListItem } from '@schema/risks';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ViewsMenu } from '../../components/SavedViews';
import { EmptyState } from '../../components/EmptyState';
import { NextPageButton } from '../../components/NextPageButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { P90Cell } from './P90Cell';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useRegisterPages, useRegisterSummary } from './api';
import { PortfolioSummary } from './Summary';
import { percent, RatingBadge, RefreshBanner, StatusBadge, STATUS_LABELS, type RiskStatus } from './ui';

/** The register: its scenarios with their money, rating, owner and status; filtered, sorted and paged by the server. */
export function RegisterPage() {
  const { clientId, href, client } = useCurrentClient();
  const summary = useRegisterSummary(clientId);
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [statuses, setStatuses] = useState<string[]>(['open', 'treating', 'accepted']);
  const [owner, setOwner] = useState<string | null>(null);
  const [proposals, setProposals] = useState(true);
  const [sort, setSort] = useState<DataTableSortStatus<ScenarioListItem>>({ columnAccessor: 'mean', direction: 'desc' });
  const list = useRegisterPages(
    clientId,
    { sort: sort.columnAccessor as RegisterSort, order: sort.direction, statuses, owner, proposals, search: debounced },
    { refreshing: summary.data?.status.refreshing ?? false, runId: summary.data?.status.runId ?? null },
  );

  if (summary.isPending) return <TableSkeleton rows={8} />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const data = summary.data;
  const currency = data.currency;
  const matching = list.first?.total ?? null;

  return (
    <Stack gap="lg">
      <RefreshBanner status={data.status} />
      <PortfolioSummary portfolio={data.portfolio} appetite={data.appetite} currency={currency} />
      {data.total === 0 ? (
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
                placeholder={statuses.length === 0 ? 'Any status' : undefined}
                value={statuses}
                onChange={setStatuses}
                w={300}
              />
              <Select label="Owner" aria-label="Owner" placeholder="Any seat" data={['CIO', 'CTO', 'CISO']} value={owner} onChange={setOwner} clearable w={120} />
              <Switch label="Show proposals" checked={proposals} onChange={(e) => setProposals(e.currentTarget.checked)} mb={8} />
              <ViewsMenu list="risks.register" filters={{ search, statuses, owner, proposals }} onApply={(f) => { setSearch(f.search ?? ''); setStatuses(f.statuses ?? ['open', 'treating', 'accepted']); setOwner(f.owner ?? null); setProposals(f.proposals ?? true); }} />
            </Group>
            <Text size="sm" c="dimmed">
              {matching === null ? '' : `${matching} of ${data.total ?? 0} scenarios`}
            </Text>
          </Group>
          <TriadTable<ScenarioListItem>
            aria-label="Risk scenarios" exportAs="Risk scenarios" columnsKey="risks.register"
            records={list.rows}
            fetching={list.isPending}
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
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          <NextPageButton {...list} shown={list.rows.length} total={matching} noun="scenarios" />
          <Text size="xs" c="dimmed">
            Money is the mean annual loss and the 1-in-10-year loss (P90) with planned and in-place treatments; share is of the portfolio&apos;s expected annual loss. Ratings come from the simulated
            likelihood and impact with this client&apos;s bands (Appetite &amp; settings).
          </Text>
        </>
      )}
    </Stack>
  );
}
