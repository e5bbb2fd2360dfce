/** The data map (where data lives, how sensitive it is), access grants and access reviews. */
import { Anchor, Badge, Button, Group, Modal, MultiSelect, NumberInput, Paper, Progress, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Outlet, Route, Routes, useParams } from 'react-router';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { DatasetOut, GrantOut, ReviewDetail, ReviewItemOut, ReviewOut } from '@schema/estate';
import { api, fieldErrors } from '../../api/client';
import { useMembers } from '../../api/hooks';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { LoadMore } from '../../components/LoadMore';
import { estateInvalidate, estatePath, useDatasetOptions, useDatasets, useGrants, useLocations, useReview, useReviews, useSystemOptions, useVendorOptions } from './api';
import { RouteTabs } from '../../components/RouteTabs';
import { ClassificationBadge, FlagBadges, TierBadge, words } from './ui';

const TABS = [
  { value: 'datasets', label: 'Data sets' },
  { value: 'restricted', label: 'Where critical data lives' },
  { value: 'access', label: 'Access grants' },
  { value: 'reviews', label: 'Access reviews' },
];
const CATEGORIES = ['personal', 'health', 'payment', 'credentials', 'intellectual_property'];

function DatasetModal({ onClose }: { onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const systems = useSystemOptions(clientId);
  const vendors = useVendorOptions(clientId);
  const form = useForm({ initialValues: { name: '', classification: 'internal', categories: [] as string[], records: 0 as number | string, countries: '', retention: '', systemIds: [] as string[], vendorIds: [] as string[] } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<DatasetOut>(estatePath(clientId, '/datasets'), {
        ...v,
        records: Number(v.records) || 0,
        countries: v.countries.split(/[,;\s]+/).filter(Boolean),
        retention: v.retention || null,
      }),
    success: (d) => `${d.name} was added.`,
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title="Add a data set" size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <Group grow>
            <Select label="Classification" data={['public', 'internal', 'confidential', 'restricted']} allowDeselect={false} {...form.getInputProps('classification')} />
            <NumberInput label="Records" min={0} thousandSeparator="," {...form.getInputProps('records')} />
          </Group>
          <MultiSelect label="Categories" data={CATEGORIES.map((c) => ({ value: c, label: words(c) }))} {...form.getInputProps('categories')} />
          <TextInput label="Countries" placeholder="US, DE" {...form.getInputProps('countries')} />
          <TextInput label="Retention" {...form.getInputProps('retention')} />
          <MultiSelect label="Stored or processed in" searchable data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))} {...form.getInputProps('systemIds')} />
          <MultiSelect label="Vendors holding it" searchable data={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))} {...form.getInputProps('vendorIds')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add data set
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DatasetsView() {
  const { clientId, can } = useCurrentClient();
  const [sort, setSort] = useState<DataTableSortStatus<DatasetOut>>({ columnAccessor: 'name', direction: 'asc' });
  const datasets = useDatasets(clientId, { limit: 100, sort: sort.columnAccessor, order: sort.direction });
  const [adding, setAdding] = useState(false);
  if (datasets.isError) return <ErrorAlert error={datasets.error} onRetry={datasets.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          The client&rsquo;s data: how sensitive it is, what it holds, how much, where it is stored or processed, and how long it is kept.
        </Text>
        {can('estate.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add data set
          </Button>
        ) : null}
      </Group>
      {!datasets.isPending && datasets.records.length === 0 ? (
        <EmptyState title="No data sets yet" description="Add the data sets the client keeps, or import them." />
      ) : (
        <TriadTable
          records={datasets.records}
          fetching={datasets.fetching && !datasets.loadingMore}
          idAccessor="id"
          aria-label="Data sets" exportAs="Data sets"
          sortStatus={sort}
          onSortStatusChange={(s: DataTableSortStatus<DatasetOut>) => setSort(s)}
          columns={[
            { accessor: 'name', title: 'Data set', sortable: true },
            { accessor: 'classification', title: 'Classification', render: (d: DatasetOut) => <ClassificationBadge value={d.classification} /> },
            { accessor: 'categories', title: 'Categories', render: (d: DatasetOut) => d.categories.map(words).join(', ') || '—' },
            { accessor: 'records', title: 'Records', textAlign: 'right', sortable: true, render: (d: DatasetOut) => formatNumber(d.records) },
            { accessor: 'systems', title: 'Where', render: (d: DatasetOut) => [...d.systems, ...d.vendors].map((x) => x.name).join(', ') || '—' },
            { accessor: 'countries', title: 'Countries', render: (d: DatasetOut) => d.countries.join(', ') || '—' },
            { accessor: 'retention', title: 'Retention', render: (d: DatasetOut) => d.retention ?? '—' },
          ]}
        />
      )}
      <LoadMore list={datasets} noun="data sets" />
      {adding ? <DatasetModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function LocationsView() {
  const { clientId, href } = useCurrentClient();
  const [level, setLevel] = useState('restricted');
  const where = useLocations(clientId, level);
  if (where.isError) return <ErrorAlert error={where.error} onRetry={() => void where.refetch()} />;
  const d = where.data;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {d ? `${formatNumber(d.datasets)} data sets, ${formatNumber(d.records)} records, ` : ''}held by these systems and vendors, fourth parties included.
        </Text>
        <SegmentedControl value={level} onChange={setLevel} data={[{ value: 'restricted', label: 'Restricted' }, { value: 'confidential', label: 'Confidential and above' }]} aria-label="Classification" />
      </Group>
      {d ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-label="Systems holding it">
            <Title order={2} fz="h4" mb="xs">
              Systems ({d.systems.length})
            </Title>
            <Stack gap={6}>
              {d.systems.length === 0 ? <Text size="sm" c="dimmed">None.</Text> : null}
              {d.systems.map((s) => (
                <div key={s.id}>
                  <Text size="sm" fw={600}>
                    {s.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[s.type, s.vendorName, s.location].filter(Boolean).join(' · ')} — {s.datasets.map((x) => x.name).join(', ')}
                  </Text>
                </div>
              ))}
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="section" aria-label="Vendors holding it">
            <Title order={2} fz="h4" mb="xs">
              Vendors ({d.vendors.length})
            </Title>
            <Stack gap={6}>
              {d.vendors.length === 0 ? <Text size="sm" c="dimmed">None.</Text> : null}
              {d.vendors.map((v) => (
                <div key={v.id}>
                  <Group gap={6}>
                    <Anchor component={Link} to={href(`vendors/${v.id}`)} size="sm" fw={600}>
                      {v.name}
                    </Anchor>
                    <TierBadge tier={v.tier} compact />
                    {v.fourthParty ? <Badge size="xs" variant="outline" color="grape">fourth party</Badge> : null}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {v.datasets.map((x) => (x.via ? `${x.name} (for ${x.via})` : x.name)).join(', ')}
                  </Text>
                </div>
              ))}
            </Stack>
          </Paper>
        </SimpleGrid>
      ) : null}
      {d && d.countries.length > 0 ? (
        <Text size="sm">
          Countries: {d.countries.map((c) => `${c.country} (${c.datasets})`).join(', ')}
        </Text>
      ) : null}
    </Stack>
  );
}

function GrantModal({ onClose }: { onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const datasets = useDatasetOptions(clientId);
  const systems = useSystemOptions(clientId);
  const members = useMembers(clientId);
  const form = useForm({ initialValues: { target: null as string | null, grantee: '', granteeType: 'person', level: 'read', reason: '', ownerUserId: null as string | null } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => {
      const [targetType, targetId] = (v.target ?? ':').split(':');
      return api.post<GrantOut>(estatePath(clientId, '/grants'), { targetType, targetId, grantee: v.grantee, granteeType: v.granteeType, level: v.level, reason: v.reason || null, ownerUserId: v.ownerUserId });
    },
    success: 'The grant was recorded.',
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  const targets = [
    { group: 'Data sets', items: (datasets.data ?? []).map((d) => ({ value: `dataset:${d.id}`, label: d.name })) },
    { group: 'Systems', items: (systems.data ?? []).map((s) => ({ value: `system:${s.id}`, label: s.name })) },
  ];
  return (
    <Modal opened onClose={onClose} title="Record a grant of access" size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Select label="Access to" searchable required data={targets} {...form.getInputProps('target')} />
          <Group grow>
            <TextInput label="Grantee" required {...form.getInputProps('grantee')} />
            <Select label="Grantee type" data={['person', 'group', 'service']} allowDeselect={false} {...form.getInputProps('granteeType')} />
            <Select label="Level" data={['read', 'write', 'admin']} allowDeselect={false} {...form.getInputProps('level')} />
          </Group>
          <TextInput label="Reason" {...form.getInputProps('reason')} />
          <Select label="Owner (answers for it in reviews)" clearable data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} {...form.getInputProps('ownerUserId')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Record grant
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const GRANT_PAGE = 100;

function AccessView() {
  const { clientId, can } = useCurrentClient();
  const [flagged, setFlagged] = useState(false);
  const [sort, setSort] = useState<DataTableSortStatus<GrantOut>>({ columnAccessor: 'grantee', direction: 'asc' });
  const [adding, setAdding] = useState(false);
  const grants = useGrants(clientId, { status: 'active', flagged: flagged ? 'true' : null, limit: GRANT_PAGE, sort: sort.columnAccessor, order: sort.direction });
  if (grants.isError) return <ErrorAlert error={grants.error} onRetry={grants.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Switch label="Only grants without a reason or an owner" checked={flagged} onChange={(e) => setFlagged(e.currentTarget.checked)} />
        {can('estate.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Record grant
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={grants.records}
        fetching={grants.fetching && !grants.loadingMore}
        idAccessor="id"
        aria-label="Access grants" exportAs="Access grants"
        sortStatus={sort}
        onSortStatusChange={(s: DataTableSortStatus<GrantOut>) => setSort(s)}
        columns={[
          { accessor: 'grantee', title: 'Who', sortable: true, render: (g: GrantOut) => `${g.grantee} (${g.granteeType})` },
          { accessor: 'targetName', title: 'Access to', render: (g: GrantOut) => <>{g.targetName} {g.classification ? <ClassificationBadge value={g.classification} /> : null}</> },
          { accessor: 'level', title: 'Level' },
          { accessor: 'reason', title: 'Reason', render: (g: GrantOut) => g.reason ?? '—' },
          { accessor: 'ownerName', title: 'Owner', render: (g: GrantOut) => g.ownerName ?? '—' },
          { accessor: 'since', title: 'Since', sortable: true, render: (g: GrantOut) => formatDate(g.since) },
          { accessor: 'flags', title: '', render: (g: GrantOut) => <FlagBadges flags={g.flags} /> },
        ]}
      />
      <LoadMore list={grants} noun="grants" />
      {adding ? <GrantModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function ReviewProgress({ review }: { review: ReviewOut }) {
  const p = review.progress;
  const percent = p.total === 0 ? 100 : Math.round((p.decided / p.total) * 100);
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm">
          {p.decided} of {p.total} decided · {p.certified} certified · {p.revoked} revoked
          {p.overdue > 0 ? ` · ${p.overdue} overdue` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {percent}%
        </Text>
      </Group>
      <Progress value={percent} color={review.overdue ? 'red' : 'teal'} aria-label={`${review.name} progress`} />
    </Stack>
  );
}

function StartReviewModal({ onClose }: { onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { name: '', dueDate: '' } });
  const start = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<ReviewDetail>(estatePath(clientId, '/reviews'), { ...(v.name ? { name: v.name } : {}), dueDate: v.dueDate }),
    success: (r) => `${r.name} started: ${r.progress.total} grants went to their owners.`,
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title="Start an access review">
      <form onSubmit={form.onSubmit((v) => start.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {start.isError ? <ErrorAlert error={start.error} /> : null}
          <Text size="sm" c="dimmed">
            Every active grant goes to its owner to certify or revoke by the due date; grants without an owner go to the advisors.
          </Text>
          <TextInput label="Name" placeholder="Quarterly access review" {...form.getInputProps('name')} />
          <TextInput label="Due date" placeholder="YYYY-MM-DD" required {...form.getInputProps('dueDate')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={start.isPending}>
              Start review
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReviewsView() {
  const { clientId, can, href } = useCurrentClient();
  const reviews = useReviews(clientId);
  const [starting, setStarting] = useState(false);
  if (reviews.isError) return <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />;
  const open = reviews.data?.some((r) => r.status === 'open');
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          Periodically, each grant&rsquo;s owner confirms it is still needed (certify) or takes it away (revoke).
        </Text>
        {can('access.review.manage') && !open ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setStarting(true)}>
            Start review
          </Button>
        ) : null}
      </Group>
      {reviews.data && reviews.data.length === 0 ? <EmptyState title="No access reviews yet" description="An advisor starts one; each grant goes to its owner." /> : null}
      {(reviews.data ?? []).map((r) => (
        <Paper key={r.id} withBorder p="md" component="article" aria-label={r.name}>
          <Group justify="space-between" mb="xs">
            <Anchor component={Link} to={href(`data/reviews/${r.id}`)} fw={600}>
              {r.name}
            </Anchor>
            <Group gap={6}>
              {r.myPending > 0 ? <Badge color="blue">{r.myPending} for you</Badge> : null}
              <Badge color={r.status === 'open' ? (r.overdue ? 'red' : 'blue') : 'gray'} variant="light">
                {r.status === 'open' ? (r.overdue ? 'Overdue' : `Due ${formatDate(r.dueDate)}`) : `Closed ${formatDate(r.closedAt)}`}
              </Badge>
            </Group>
          </Group>
          <ReviewProgress review={r} />
        </Paper>
      ))}
      {starting ? <StartReviewModal onClose={() => setStarting(false)} /> : null}
    </Stack>
  );
}

function DecisionButtons({ review, item }: { review: ReviewDetail; item: ReviewItemOut }) {
  const { clientId } = useCurrentClient();
  const decide = useApiMutation({
    mutationFn: (decision: 'certify' | 'revoke') => api.post<ReviewDetail>(estatePath(clientId, `/reviews/${review.id}/items/${item.id}/decision`), { decision }),
    success: (_r, decision) => (decision === 'certify' ? `Certified: ${item.grant.grantee} keeps access.` : `Revoked: ${item.grant.grantee} loses access.`),
    invalidate: estateInvalidate(clientId),
  });
  return (
    <Group gap={6} wrap="nowrap">
      <Button size="xs" variant="light" color="teal" loading={decide.isPending && decide.variables === 'certify'} disabled={decide.isPending} onClick={() => decide.mutate('certify')} aria-label={`Certify ${item.grant.grantee} on ${item.grant.targetName}`}>
        Certify
      </Button>
      <Button size="xs" variant="light" color="red" loading={decide.isPending && decide.variables === 'revoke'} disabled={decide.isPending} onClick={() => decide.mutate('revoke')} aria-label={`Revoke ${item.grant.grantee} on ${item.grant.targetName}`}>
        Revoke
      </Button>
    </Group>
  );
}

function ReviewPage() {
  const { reviewId = '' } = useParams();
  const { clientId, client, can, href } = useCurrentClient();
  const [mine, setMine] = useState(false);
  const review = useReview(clientId, reviewId, mine);
  const close = useApiMutation({
    mutationFn: () => api.post<ReviewDetail>(estatePath(clientId, `/reviews/${reviewId}/close`)),
    success: 'The review was closed.',
    invalidate: estateInvalidate(clientId),
  });
  if (review.isError) return <ErrorAlert error={review.error} />;
  const r = review.data;
  if (!r) return null;
  return (
    <>
      <PageHeader
        eyebrow={<Anchor component={Link} to={href('data/reviews')} size="xs">Access reviews</Anchor>}
        title={r.name}
        documentTitle={`${r.name} · ${client.name}`}
        description={`Started by ${r.startedBy.replace(/\s*<.*>$/, '')} on ${formatDate(r.startedAt)}; due ${formatDate(r.dueDate)}.`}
        actions={
          r.status === 'open' && can('access.review.manage') ? (
            <Button variant="default" onClick={() => close.mutate()} loading={close.isPending}>
              Close review
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <Group justify="space-between">
          <Badge size="lg" color={r.status === 'open' ? (r.overdue ? 'red' : 'blue') : 'gray'} variant="light">
            {r.status === 'open' ? (r.overdue ? 'Open, overdue' : 'Open') : 'Closed'}
          </Badge>
          <Switch label="Only the grants I am to decide" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
        </Group>
        <ReviewProgress review={r} />
        <TriadTable
          records={r.items}
          idAccessor="id"
          aria-label="Grants to review" exportAs="Grants to review"
          noRecordsText={mine ? 'Nothing left for you to decide' : 'No grants'}
          columns={[
            { accessor: 'grant.grantee', title: 'Who', render: (i: ReviewItemOut) => `${i.grant.grantee} (${i.grant.granteeType})` },
            { accessor: 'grant.targetName', title: 'Access to', render: (i: ReviewItemOut) => `${i.grant.targetName} · ${i.grant.level}` },
            { accessor: 'grant.reason', title: 'Reason', render: (i: ReviewItemOut) => <>{i.grant.reason ?? '—'} <FlagBadges flags={i.grant.flags} /></> },
            { accessor: 'reviewerName', title: 'Owner', render: (i: ReviewItemOut) => i.reviewerName ?? 'Advisors' },
            {
              accessor: 'decision',
              title: 'Decision',
              render: (i: ReviewItemOut) =>
                i.decision ? (
                  <Badge color={i.decision === 'certify' ? 'teal' : 'red'} variant="light">
                    {i.decision === 'certify' ? 'Certified' : 'Revoked'}
                  </Badge>
                ) : i.canDecide ? (
                  <DecisionButtons review={r} item={i} />
                ) : (
                  <Badge color={i.overdue ? 'red' : 'gray'} variant="outline">
                    {i.overdue ? 'Overdue' : 'Pending'}
                  </Badge>
                ),
            },
          ]}
        />
      </Stack>
    </>
  );
}

function DataViews() {
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Data map & access"
        documentTitle={`Data map & access · ${client.name}`}
        description="Where the client's data lives and how sensitive it is; who may reach it and why; access reviews in which owners certify or revoke each grant."
      />
      <RouteTabs base="data" tabs={TABS} />
      <Outlet />
    </>
  );
}

export default function DataPage() {
  return (
    <Routes>
      <Route element={<DataViews />}>
        <Route index element={<DatasetsView />} />
        <Route path="restricted" element={<LocationsView />} />
        <Route path="access" element={<AccessView />} />
        <Route path="reviews" element={<ReviewsView />} />
      </Route>
      <Route path="reviews/:reviewId" element={<ReviewPage />} />
    </Routes>
  );
}
