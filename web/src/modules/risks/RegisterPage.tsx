import { Anchor, Group, MultiSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { RegisterSort, ScenarioListItem } from '@schema/risks';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { TriadTable } from '../../components/DataTable';
import { ViewsMenu } from '../../components/SavedViews';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/LoadMore';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { P90Cell } from './P90Cell';
import { TableSkeleton } from '../../components/Skeletons';
import { useCurrentClient } from '../../layout/client-context';
import { useRegisterPages, useRegisterSummary } from './api';
import { PortfolioSummary } from './Summary';
import { percent, RatingBadge, RefreshBanner, RISK_STATUSES, StatusBadge } from './ui';

/** The register: its scenarios with their money, rating, owner and status; filtered, sorted and paged by the server. */
export function RegisterPage() {
  const { clientId, href, client } = useCurrentClient();
  const { t } = useTranslation('risks');
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
        <EmptyState title={t('register.emptyTitle')} description={t('register.emptyDescription', { client: client.name })} />
      ) : (
        <>
          <Group justify="space-between" align="flex-end" gap="md">
            <Group gap="md" align="flex-end">
              <TextInput aria-label={t('register.search')} placeholder={t('register.searchPlaceholder')} leftSection={<IconSearch size={16} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
              <MultiSelect
                label={t('register.status')}
                aria-label={t('register.status')}
                data={RISK_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                placeholder={statuses.length === 0 ? t('register.anyStatus') : undefined}
                value={statuses}
                onChange={setStatuses}
                w={300}
              />
              <Select label={t('register.owner')} aria-label={t('register.owner')} placeholder={t('register.anySeat')} data={['CIO', 'CTO', 'CISO']} value={owner} onChange={setOwner} clearable w={120} />
              <Switch label={t('register.showProposals')} checked={proposals} onChange={(e) => setProposals(e.currentTarget.checked)} mb={8} />
              <ViewsMenu list="risks.register" filters={{ search, statuses, owner, proposals }} onApply={(f) => { setSearch(f.search ?? ''); setStatuses(f.statuses ?? ['open', 'treating', 'accepted']); setOwner(f.owner ?? null); setProposals(f.proposals ?? true); }} />
            </Group>
            <Text size="sm" c="dimmed">
              {matching === null ? '' : t('register.matching', { matching, total: data.total ?? 0 })}
            </Text>
          </Group>
          <TriadTable<ScenarioListItem>
            aria-label={t('register.table')} exportAs={t('register.table')} columnsKey="risks.register"
            records={list.rows}
            fetching={list.isPending}
            idAccessor="id"
            sortStatus={sort}
            onSortStatusChange={setSort}
            onRowClick={({ record }) => void navigate(href(`risks/${record.id}`))}
            noRecordsText={t('register.noMatch')}
            columns={[
              { accessor: 'ref', title: t('column.ref'), sortable: true, width: 70 },
              {
                accessor: 'title',
                title: t('column.scenario'),
                sortable: true,
                render: (s) => (
                  <Anchor component={Link} to={href(`risks/${s.id}`)} fw={600} size="sm" onClick={(e) => e.stopPropagation()}>
                    {s.title}
                  </Anchor>
                ),
              },
              { accessor: 'mean', title: t('column.mean'), sortable: true, textAlign: 'right', noWrap: true, render: (s) => <Money amount={s.result?.current.mean} currency={currency} size="sm" /> },
              { accessor: 'p90', title: t('column.p90'), sortable: true, textAlign: 'right', render: (s) => <P90Cell stats={s.result?.current} currency={currency} /> },
              { accessor: 'share', title: t('column.share'), sortable: true, textAlign: 'right', noWrap: true, render: (s) => (s.result?.share === null || s.result?.share === undefined ? '—' : s.result.share < 0.005 ? '<1 %' : percent(s.result.share, 0)) },
              { accessor: 'rating', title: t('column.rating'), sortable: true, width: 130, render: (s) => (s.result ? <RatingBadge rating={s.result.rating} /> : <Text size="sm" c="dimmed">{t('register.notSimulated')}</Text>) },
              { accessor: 'ownerSeat', title: t('column.owner'), sortable: true, width: 90 },
              { accessor: 'status', title: t('column.status'), sortable: true, width: 180, render: (s) => <StatusBadge status={s.status} proposed={s.proposed} /> },
              {
                accessor: 'treatments',
                title: t('column.treatments'),
                render: (s) => {
                  const n = s.treatments;
                  const total = n.proposed + n.planned + n.inPlace;
                  if (total === 0) return <Text size="sm" c="dimmed">{t('register.none')}</Text>;
                  return (
                    <Text size="sm">
                      {[n.inPlace ? t('register.inPlace', { count: n.inPlace }) : null, n.planned ? t('register.planned', { count: n.planned }) : null, n.proposed ? t('register.proposed', { count: n.proposed }) : null].filter(Boolean).join(', ')}
                    </Text>
                  );
                },
              },
            ]}
          />
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          <LoadMore list={list} total={matching} noun={t('register.noun')} />
          <Text size="xs" c="dimmed">
            {t('register.footnote')}
          </Text>
        </>
      )}
    </Stack>
  );
}
