/** The data map (where data lives, how sensitive it is), access grants and access reviews. */
import { Anchor, Badge, Button, Group, Modal, MultiSelect, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, Route, Routes } from 'react-router';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { DatasetOut, GrantOut } from '@schema/estate/access';
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
import { estateInvalidate, estatePath, useDatasetOptions, useDatasets, useGrants, useLocations, useSystemOptions, useVendorOptions } from './api';
import { ReviewPage } from './ReviewPage';
import { ReviewsView } from './ReviewsView';
import { RouteTabs } from '../../components/RouteTabs';
import { ACCESS_LEVELS, CATEGORIES, CLASSIFICATIONS, ClassificationBadge, FlagBadges, GRANTEE_TYPES, TierBadge } from './ui';

const TABS = ['datasets', 'restricted', 'access', 'reviews'] as const;

function DatasetModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('estate');
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
    success: (d) => t('common.added', { name: d.name }),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('data.addTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
          <Group grow>
            <Select label={t('data.classification')} data={CLASSIFICATIONS.map((value) => ({ value, label: t(`values.classification.${value}`) }))} allowDeselect={false} {...form.getInputProps('classification')} />
            <NumberInput label={t('common.records')} min={0} thousandSeparator="," {...form.getInputProps('records')} />
          </Group>
          <MultiSelect label={t('data.categories')} data={CATEGORIES.map((value) => ({ value, label: t(`values.category.${value}`) }))} {...form.getInputProps('categories')} />
          <TextInput label={t('common.countries')} placeholder={t('data.countriesPlaceholder')} {...form.getInputProps('countries')} />
          <TextInput label={t('data.retention')} {...form.getInputProps('retention')} />
          <MultiSelect label={t('data.storedIn')} searchable data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))} {...form.getInputProps('systemIds')} />
          <MultiSelect label={t('data.vendorsHolding')} searchable data={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))} {...form.getInputProps('vendorIds')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('data.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DatasetsView() {
  const { t } = useTranslation('estate');
  const { clientId, can } = useCurrentClient();
  const canEstateEdit = can('estate.edit');
  const [sort, setSort] = useState<DataTableSortStatus<DatasetOut>>({ columnAccessor: 'name', direction: 'asc' });
  const datasets = useDatasets(clientId, { limit: 100, sort: sort.columnAccessor, order: sort.direction });
  const [adding, setAdding] = useState(false);
  if (datasets.isError) return <ErrorAlert error={datasets.error} onRetry={datasets.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('data.intro')}
        </Text>
        {canEstateEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('data.add')}
          </Button>
        ) : null}
      </Group>
      {!datasets.isPending && datasets.records.length === 0 ? (
        <EmptyState title={t('data.emptyTitle')} description={t('data.emptyDescription')} />
      ) : (
        <TriadTable
          records={datasets.records}
          fetching={datasets.fetching && !datasets.loadingMore}
          idAccessor="id"
          aria-label={t('common.dataSets')} exportAs={t('common.dataSets')}
          sortStatus={sort}
          onSortStatusChange={(s: DataTableSortStatus<DatasetOut>) => setSort(s)}
          columns={[
            { accessor: 'name', title: t('data.column.dataset'), sortable: true },
            { accessor: 'classification', title: t('data.classification'), render: (d: DatasetOut) => <ClassificationBadge value={d.classification} /> },
            { accessor: 'categories', title: t('data.categories'), render: (d: DatasetOut) => d.categories.map((c) => t(`values.category.${c}`)).join(', ') || '—' },
            { accessor: 'records', title: t('common.records'), textAlign: 'right', sortable: true, render: (d: DatasetOut) => formatNumber(d.records) },
            { accessor: 'systems', title: t('data.column.where'), render: (d: DatasetOut) => [...d.systems, ...d.vendors].map((x) => x.name).join(', ') || '—' },
            { accessor: 'countries', title: t('common.countries'), render: (d: DatasetOut) => d.countries.join(', ') || '—' },
            { accessor: 'retention', title: t('data.retention'), render: (d: DatasetOut) => d.retention ?? '—' },
          ]}
        />
      )}
      <LoadMore list={datasets} noun={t('data.noun')} />
      {adding ? <DatasetModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function LocationsView() {
  const { t } = useTranslation('estate');
  const { clientId, href } = useCurrentClient();
  const [level, setLevel] = useState('restricted');
  const where = useLocations(clientId, level);
  if (where.isError) return <ErrorAlert error={where.error} onRetry={() => void where.refetch()} />;
  const d = where.data;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {d ? t('data.heldIntroCounted', { datasets: formatNumber(d.datasets), records: formatNumber(d.records) }) : t('data.heldIntro')}
        </Text>
        <SegmentedControl value={level} onChange={setLevel} data={[{ value: 'restricted', label: t('data.restricted') }, { value: 'confidential', label: t('data.confidentialUp') }]} aria-label={t('data.classification')} />
      </Group>
      {d ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-label={t('data.systemsHolding')}>
            <Title order={2} fz="h4" mb="xs">
              {t('data.systemsCount', { count: d.systems.length })}
            </Title>
            <Stack gap={6}>
              {d.systems.length === 0 ? <Text size="sm" c="dimmed">{t('common.none')}</Text> : null}
              {d.systems.map((s) => (
                <div key={s.id}>
                  <Text size="sm" fw={600}>
                    {s.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[t(`values.systemType.${s.type}`), s.vendorName, s.location].filter(Boolean).join(' · ')} — {s.datasets.map((x) => x.name).join(', ')}
                  </Text>
                </div>
              ))}
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="section" aria-label={t('data.vendorsHoldingRegion')}>
            <Title order={2} fz="h4" mb="xs">
              {t('data.vendorsCount', { count: d.vendors.length })}
            </Title>
            <Stack gap={6}>
              {d.vendors.length === 0 ? <Text size="sm" c="dimmed">{t('common.none')}</Text> : null}
              {d.vendors.map((v) => (
                <div key={v.id}>
                  <Group gap={6}>
                    <Anchor component={Link} to={href(`vendors/${v.id}`)} size="sm" fw={600}>
                      {v.name}
                    </Anchor>
                    <TierBadge tier={v.tier} compact />
                    {v.fourthParty ? <Badge size="xs" variant="outline" color="grape">{t('common.fourthParty')}</Badge> : null}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {v.datasets.map((x) => (x.via ? t('data.forVia', { name: x.name, via: x.via }) : x.name)).join(', ')}
                  </Text>
                </div>
              ))}
            </Stack>
          </Paper>
        </SimpleGrid>
      ) : null}
      {d && d.countries.length > 0 ? (
        <Text size="sm">
          {t('data.countriesLine', { list: d.countries.map((c) => `${c.country} (${c.datasets})`).join(', ') })}
        </Text>
      ) : null}
    </Stack>
  );
}

function GrantModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('estate');
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
    success: t('data.grantRecorded'),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  const targets = [
    { group: t('common.dataSets'), items: (datasets.data ?? []).map((d) => ({ value: `dataset:${d.id}`, label: d.name })) },
    { group: t('common.systems'), items: (systems.data ?? []).map((s) => ({ value: `system:${s.id}`, label: s.name })) },
  ];
  return (
    <Modal opened onClose={onClose} title={t('data.grantTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Select label={t('common.accessTo')} searchable required data={targets} {...form.getInputProps('target')} />
          <Group grow>
            <TextInput label={t('data.grantee')} required {...form.getInputProps('grantee')} />
            <Select label={t('data.granteeType')} data={GRANTEE_TYPES.map((value) => ({ value, label: t(`values.granteeType.${value}`) }))} allowDeselect={false} {...form.getInputProps('granteeType')} />
            <Select label={t('common.level')} data={ACCESS_LEVELS.map((value) => ({ value, label: t(`values.accessLevel.${value}`) }))} allowDeselect={false} {...form.getInputProps('level')} />
          </Group>
          <TextInput label={t('common.reason')} {...form.getInputProps('reason')} />
          <Select label={t('data.grantOwner')} clearable data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))} {...form.getInputProps('ownerUserId')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('data.recordGrant')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const GRANT_PAGE = 100;

function AccessView() {
  const { t } = useTranslation('estate');
  const { clientId, can } = useCurrentClient();
  const canEstateEdit = can('estate.edit');
  const [flagged, setFlagged] = useState(false);
  const [sort, setSort] = useState<DataTableSortStatus<GrantOut>>({ columnAccessor: 'grantee', direction: 'asc' });
  const [adding, setAdding] = useState(false);
  const grants = useGrants(clientId, { status: 'active', flagged: flagged ? 'true' : null, limit: GRANT_PAGE, sort: sort.columnAccessor, order: sort.direction });
  if (grants.isError) return <ErrorAlert error={grants.error} onRetry={grants.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Switch label={t('data.onlyFlagged')} checked={flagged} onChange={(e) => setFlagged(e.currentTarget.checked)} />
        {canEstateEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('data.recordGrant')}
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={grants.records}
        fetching={grants.fetching && !grants.loadingMore}
        idAccessor="id"
        aria-label={t('data.grantsTable')} exportAs={t('data.grantsTable')}
        sortStatus={sort}
        onSortStatusChange={(s: DataTableSortStatus<GrantOut>) => setSort(s)}
        columns={[
          { accessor: 'grantee', title: t('common.who'), sortable: true, render: (g: GrantOut) => t('common.withGranteeType', { name: g.grantee, type: t(`values.granteeType.${g.granteeType}`) }) },
          { accessor: 'targetName', title: t('common.accessTo'), render: (g: GrantOut) => <>{g.targetName} {g.classification ? <ClassificationBadge value={g.classification} /> : null}</> },
          { accessor: 'level', title: t('common.level'), render: (g: GrantOut) => t(`values.accessLevel.${g.level}`) },
          { accessor: 'reason', title: t('common.reason'), render: (g: GrantOut) => g.reason ?? '—' },
          { accessor: 'ownerName', title: t('common.owner'), render: (g: GrantOut) => g.ownerName ?? '—' },
          { accessor: 'since', title: t('data.column.since'), sortable: true, render: (g: GrantOut) => formatDate(g.since) },
          { accessor: 'flags', title: '', render: (g: GrantOut) => <FlagBadges flags={g.flags} /> },
        ]}
      />
      <LoadMore list={grants} noun={t('data.grantsNoun')} />
      {adding ? <GrantModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function DataViews() {
  const { t } = useTranslation('estate');
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('data.title')}
        documentTitle={t('data.documentTitle', { client: client.name })}
        description={t('data.description')}
      />
      <RouteTabs base="data" tabs={TABS.map((value) => ({ value, label: t(`data.tabs.${value}`) }))} />
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
