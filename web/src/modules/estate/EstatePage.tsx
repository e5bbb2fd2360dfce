/** The estate: business services, systems and assets, their lifecycle, and CSV import and export. */
import { Anchor, Badge, Button, Drawer, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Route, Routes, useSearchParams } from 'react-router';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { EChartsOption } from 'echarts';
import type { SystemDetail, SystemOut } from '@schema/estate';
import { SystemInput } from '@schema/estate';
import { replacementCostChartOption } from '@shared/charts/reports';
import { api, fieldErrors } from '../../api/client';
import { numberLimits, textLimit, validateWith } from '../../api/validate';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { HistoryLink } from '../../components/HistoryLink';
import { ViewsMenu } from '../../components/SavedViews';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber } from '../../components/format';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { LoadMore } from '../../components/LoadMore';
import { estateInvalidate, estatePath, useLifecycle, useSystem, useSystems, useVendorOptions } from './api';
import { ServicesView } from './ServicesView';
import { ImportExportView } from './ImportExportView';
import { RouteTabs } from '../../components/RouteTabs';
import { SYSTEM_SCOPES, SYSTEM_STATUSES, SYSTEM_TYPES } from './ui';

const TABS = ['services', 'systems', 'lifecycle', 'import'] as const;

interface SystemValues {
  name: string;
  assetTag: string;
  type: string;
  scope: string;
  status: string;
  owner: string;
  vendorId: string | null;
  location: string;
  endOfLife: string;
  warrantyEnd: string;
  replacementCost: number | string;
}

/** The form's values as the API takes them; also what the form checks before sending. */
function systemBody(v: SystemValues) {
  return {
    name: v.name,
    assetTag: v.assetTag || null,
    type: v.type,
    scope: v.scope,
    status: v.status,
    owner: v.owner || null,
    vendorId: v.vendorId,
    location: v.location || null,
    endOfLife: v.endOfLife || null,
    warrantyEnd: v.warrantyEnd || null,
    replacementCost: v.replacementCost === '' ? null : Number(v.replacementCost),
  };
}

/** The limits the schema sets on the form's fields, shown in the inputs up front. */
const LIMITS = {
  name: textLimit(SystemInput.shape, 'name'),
  assetTag: textLimit(SystemInput.shape, 'assetTag'),
  owner: textLimit(SystemInput.shape, 'owner'),
  location: textLimit(SystemInput.shape, 'location'),
  replacementCost: numberLimits(SystemInput.shape, 'replacementCost'),
};

function SystemModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('estate');
  const { clientId, client } = useCurrentClient();
  const vendors = useVendorOptions(clientId);
  const form = useForm({
    initialValues: { name: '', assetTag: '', type: 'hardware', scope: 'internal', status: 'active', owner: '', vendorId: null as string | null, location: '', endOfLife: '', warrantyEnd: '', replacementCost: '' as number | string },
    validate: validateWith(SystemInput, systemBody),
  });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<SystemDetail>(estatePath(clientId, '/systems'), systemBody(v)),
    success: (s) => t('common.added', { name: s.name }),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('systems.addTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Group grow>
            <TextInput label={t('common.name')} required {...LIMITS.name} {...form.getInputProps('name')} />
            <TextInput label={t('systems.assetTag')} {...LIMITS.assetTag} {...form.getInputProps('assetTag')} />
          </Group>
          <Group grow>
            <Select label={t('common.type')} data={SYSTEM_TYPES.map((value) => ({ value, label: t(`values.systemType.${value}`) }))} allowDeselect={false} {...form.getInputProps('type')} />
            <Select label={t('systems.scope')} data={SYSTEM_SCOPES.map((value) => ({ value, label: t(`values.scopeLong.${value}`) }))} allowDeselect={false} {...form.getInputProps('scope')} />
            <Select label={t('common.status')} data={SYSTEM_STATUSES.map((value) => ({ value, label: t(`values.systemStatus.${value}`) }))} allowDeselect={false} {...form.getInputProps('status')} />
          </Group>
          <Group grow>
            <TextInput label={t('systems.owner')} {...LIMITS.owner} {...form.getInputProps('owner')} />
            <Select label={t('common.vendor')} searchable clearable data={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))} {...form.getInputProps('vendorId')} />
          </Group>
          <TextInput label={t('systems.location')} {...LIMITS.location} {...form.getInputProps('location')} />
          <Group grow>
            <TextInput label={t('systems.warrantyEnd')} placeholder={t('common.datePlaceholder')} {...form.getInputProps('warrantyEnd')} />
            <TextInput label={t('systems.endOfLife')} placeholder={t('common.datePlaceholder')} {...form.getInputProps('endOfLife')} />
            <NumberInput label={t('systems.replacementCost', { currency: client.currency })} {...LIMITS.replacementCost} clampBehavior="none" thousandSeparator="," {...form.getInputProps('replacementCost')} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('systems.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SystemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('estate');
  const { clientId, client } = useCurrentClient();
  const system = useSystem(clientId, id);
  const s = system.data;
  return (
    <Drawer opened={Boolean(id)} onClose={onClose} position="right" size="md" title={s?.name ?? t('systems.drawerTitle')}>
      {system.isError ? <ErrorAlert error={system.error} /> : null}
      {s ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge variant="light">{t(`values.systemType.${s.type}`)}</Badge>
            <Badge variant="light" color="gray">
              {t(`values.scopeLong.${s.scope}`)}
            </Badge>
            <Badge variant="outline">{t(`values.systemStatus.${s.status}`)}</Badge>
          </Group>
          <SimpleGrid cols={2} spacing="xs">
            <Text size="sm">{t('systems.assetTagIs', { value: s.assetTag ?? '—' })}</Text>
            <Text size="sm">{t('systems.vendorIs', { value: s.vendorName ?? '—' })}</Text>
            <Text size="sm">{t('systems.ownerIs', { value: s.owner ?? '—' })}</Text>
            <Text size="sm">{t('systems.locationIs', { value: s.location ?? '—' })}</Text>
            <Text size="sm">{t('systems.modelIs', { value: [s.manufacturer, s.model].filter(Boolean).join(' ') || '—' })}</Text>
            <Text size="sm">{t('systems.serialIs', { value: s.serial ?? '—' })}</Text>
            <Text size="sm">{t('systems.purchasedIs', { value: formatDate(s.purchaseDate) })}</Text>
            <Text size="sm">
              {t('systems.cost')} <Money amount={s.purchaseCost} currency={client.currency} size="sm" />
            </Text>
            <Text size="sm">{t('systems.warrantyEndsIs', { value: formatDate(s.warrantyEnd) })}</Text>
            <Text size="sm">{t('systems.endOfLifeIs', { value: formatDate(s.endOfLife) })}</Text>
          </SimpleGrid>
          <Title order={3} fz="h5" mt="sm">
            {t('systems.dependentServices')}
          </Title>
          {s.services.length === 0 ? <Text size="sm" c="dimmed">{t('common.noneRecorded')}</Text> : s.services.map((x) => <Text key={x.id} size="sm">{t('systems.serviceWith', { name: x.name, criticality: t(`values.criticality.${x.criticality}`) })}</Text>)}
          <Title order={3} fz="h5" mt="sm">
            {t('systems.dataStored')}
          </Title>
          {s.datasets.length === 0 ? <Text size="sm" c="dimmed">{t('common.noneRecorded')}</Text> : s.datasets.map((x) => <Text key={x.id} size="sm">{t('systems.datasetWith', { name: x.name, classification: t(`values.classification.${x.classification}`) })}</Text>)}
          <Text size="sm" mt="sm">
            {t('systems.activeGrants', { count: s.activeGrants, formatted: formatNumber(s.activeGrants) })}
          </Text>
          <Group mt="sm">
            <HistoryLink entityType="system" entityId={s.id} />
          </Group>
        </Stack>
      ) : null}
    </Drawer>
  );
}

const PAGE = 50;

function SystemsView() {
  const { t } = useTranslation('estate');
  const { clientId, client, can } = useCurrentClient();
  const canEstateEdit = can('estate.edit');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [type, setType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  // Sortable columns are orders the API offers (name, asset tag, end of life).
  const [sort, setSort] = useState<DataTableSortStatus<SystemOut>>({ columnAccessor: 'name', direction: 'asc' });
  const [adding, setAdding] = useState(false);
  // The open system is in the address (`?system=<id>`), so a link (the global search) opens it.
  const [params, setParams] = useSearchParams();
  const open = params.get('system');
  const setOpen = (id: string | null) => {
    setParams((p) => {
      if (id) p.set('system', id);
      else p.delete('system');
      return p;
    }, { replace: true });
  };
  const systems = useSystems(clientId, { search: debounced, type, status, limit: PAGE, sort: sort.columnAccessor, order: sort.direction });
  if (systems.isError) return <ErrorAlert error={systems.error} onRetry={systems.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('systems.search')}
            placeholder={t('systems.searchPlaceholder')}
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
          />
          <Select label={t('common.type')} data={SYSTEM_TYPES.map((value) => ({ value, label: t(`values.systemType.${value}`) }))} clearable value={type} onChange={setType} w={140} />
          <Select label={t('common.status')} data={SYSTEM_STATUSES.map((value) => ({ value, label: t(`values.systemStatus.${value}`) }))} clearable value={status} onChange={setStatus} w={140} />
          <ViewsMenu list="estate.systems" filters={{ search, type, status }} onApply={(f) => { setSearch(f.search ?? ''); setType(f.type ?? null); setStatus(f.status ?? null); }} />
        </Group>
        {canEstateEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('systems.add')}
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={systems.records}
        fetching={systems.fetching && !systems.loadingMore}
        idAccessor="id"
        aria-label={t('systems.table')} exportAs={t('systems.table')} columnsKey="estate.systems"
        noRecordsText={t('systems.noneMatch')}
        sortStatus={sort}
        onSortStatusChange={(s: DataTableSortStatus<SystemOut>) => setSort(s)}
        onRowClick={({ record }: { record: SystemOut }) => setOpen(record.id)}
        columns={[
          { accessor: 'name', title: t('systems.column.system'), sortable: true, render: (s: SystemOut) => <Anchor component="button" size="sm" onClick={() => setOpen(s.id)}>{s.name}</Anchor> },
          { accessor: 'assetTag', title: t('systems.assetTag'), sortable: true, render: (s: SystemOut) => s.assetTag ?? '—' },
          { accessor: 'type', title: t('common.type'), render: (s: SystemOut) => t(`values.systemType.${s.type}`) },
          { accessor: 'scope', title: t('systems.scope'), render: (s: SystemOut) => t(`values.scope.${s.scope}`) },
          { accessor: 'status', title: t('common.status'), render: (s: SystemOut) => t(`values.systemStatus.${s.status}`) },
          { accessor: 'vendorName', title: t('common.vendor'), render: (s: SystemOut) => s.vendorName ?? '—' },
          { accessor: 'endOfLife', title: t('systems.endOfLife'), sortable: true, render: (s: SystemOut) => formatDate(s.endOfLife) },
          { accessor: 'replacementCost', title: t('systems.column.replacement'), textAlign: 'right', render: (s: SystemOut) => <Money amount={s.replacementCost} currency={client.currency} /> },
        ]}
      />
      <LoadMore list={systems} noun={t('systems.noun')} />
      {adding ? <SystemModal onClose={() => setAdding(false)} /> : null}
      <SystemDrawer id={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

/** The chart's one series under its name in the language in use (its tooltip shows it). */
function named(option: EChartsOption, name: string): EChartsOption {
  return { ...option, series: (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []).map((s) => ({ ...s, name })) };
}

function LifecycleView() {
  const { t } = useTranslation('estate');
  const { clientId, client } = useCurrentClient();
  const [days, setDays] = useState('90');
  const life = useLifecycle(clientId, Number(days));
  if (life.isError) return <ErrorAlert error={life.error} onRetry={() => void life.refetch()} />;
  const d = life.data;
  const list = (title: string, items: NonNullable<typeof d>['endOfLife']['items'], count: number) => (
    <Stack gap={4}>
      <Title order={3} fz="h5">
        {t('lifecycle.listTitle', { title, n: formatNumber(count) })}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : (
        items.slice(0, 15).map((i) => (
          <Group key={i.id} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" truncate>
              {i.name}
              {i.assetTag ? ` (${i.assetTag})` : ''}
            </Text>
            <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDate(i.date)}
            </Text>
          </Group>
        ))
      )}
    </Stack>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('lifecycle.intro')}
        </Text>
        <SegmentedControl value={days} onChange={setDays} data={[30, 90, 365].map((n) => ({ value: String(n), label: t('common.days', { count: n }) }))} aria-label={t('common.window')} />
      </Group>
      {d ? (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {list(t('lifecycle.reachingEndOfLife'), d.endOfLife.items, d.endOfLife.count)}
            {list(t('lifecycle.leavingWarranty'), d.warrantyEnding.items, d.warrantyEnding.count)}
            {list(t('lifecycle.pastEndOfLife'), d.pastEndOfLife.items, d.pastEndOfLife.count)}
          </SimpleGrid>
          <Stack gap={4}>
            <Title order={3} fz="h5">
              {t('lifecycle.byQuarter')}
            </Title>
            <EChart
              height={260}
              ariaLabel={t('lifecycle.byQuarter')}
              option={named(replacementCostChartOption({ type: 'replacement-cost', currency: client.currency, quarters: d.replacementByQuarter }), t('lifecycle.series'))}
            />
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}

function EstateViews() {
  const { t } = useTranslation('estate');
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('estate.title')}
        documentTitle={t('estate.documentTitle', { client: client.name })}
        description={t('estate.description')}
      />
      <RouteTabs base="estate" tabs={TABS.map((value) => ({ value, label: t(`estate.tabs.${value}`) }))} />
      <Outlet />
    </>
  );
}

export default function EstatePage() {
  return (
    <Routes>
      <Route element={<EstateViews />}>
        <Route index element={<ServicesView />} />
        <Route path="systems" element={<SystemsView />} />
        <Route path="lifecycle" element={<LifecycleView />} />
        <Route path="import" element={<ImportExportView />} />
      </Route>
    </Routes>
  );
}
