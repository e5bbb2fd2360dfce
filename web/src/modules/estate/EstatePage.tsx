/** The estate: business services, systems and assets, their lifecycle, and CSV import and export. */
import { Anchor, Badge, Button, Drawer, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Outlet, Route, Routes, useSearchParams } from 'react-router';
import type { DataTableSortStatus } from 'mantine-datatable';
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
import { labelledOptions, labelOf, SYSTEM_STATUS_LABELS, SYSTEM_TYPE_LABELS } from './ui';

const TABS = [
  { value: 'services', label: 'Business services' },
  { value: 'systems', label: 'Systems & assets' },
  { value: 'lifecycle', label: 'Lifecycle' },
  { value: 'import', label: 'Import & export' },
];

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

function SystemModal({ onClose }: { onClose: () => void }) {
  const { clientId, client } = useCurrentClient();
  const vendors = useVendorOptions(clientId);
  const form = useForm({
    initialValues: { name: '', assetTag: '', type: 'hardware', scope: 'internal', status: 'active', owner: '', vendorId: null as string | null, location: '', endOfLife: '', warrantyEnd: '', replacementCost: '' as number | string },
    validate: validateWith(SystemInput, systemBody),
  });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<SystemDetail>(estatePath(clientId, '/systems'), systemBody(v)),
    success: (s) => `${s.name} was added.`,
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title="Add a system or asset" size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <Group grow>
            <TextInput label="Name" required {...textLimit(SystemInput.shape, 'name')} {...form.getInputProps('name')} />
            <TextInput label="Asset tag" {...textLimit(SystemInput.shape, 'assetTag')} {...form.getInputProps('assetTag')} />
          </Group>
          <Group grow>
            <Select label="Type" data={labelledOptions(SYSTEM_TYPE_LABELS)} allowDeselect={false} {...form.getInputProps('type')} />
            <Select label="Scope" data={[{ value: 'internal', label: 'Internal (CIO)' }, { value: 'product', label: 'Product (CTO)' }]} allowDeselect={false} {...form.getInputProps('scope')} />
            <Select label="Status" data={labelledOptions(SYSTEM_STATUS_LABELS)} allowDeselect={false} {...form.getInputProps('status')} />
          </Group>
          <Group grow>
            <TextInput label="Owner" {...textLimit(SystemInput.shape, 'owner')} {...form.getInputProps('owner')} />
            <Select label="Vendor" searchable clearable data={(vendors.data ?? []).map((v) => ({ value: v.id, label: v.name }))} {...form.getInputProps('vendorId')} />
          </Group>
          <TextInput label="Location" {...textLimit(SystemInput.shape, 'location')} {...form.getInputProps('location')} />
          <Group grow>
            <TextInput label="Warranty end" placeholder="YYYY-MM-DD" {...form.getInputProps('warrantyEnd')} />
            <TextInput label="End of life" placeholder="YYYY-MM-DD" {...form.getInputProps('endOfLife')} />
            <NumberInput label={`Replacement cost (${client.currency})`} {...numberLimits(SystemInput.shape, 'replacementCost')} clampBehavior="none" thousandSeparator="," {...form.getInputProps('replacementCost')} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add system
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SystemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { clientId, client } = useCurrentClient();
  const system = useSystem(clientId, id);
  const s = system.data;
  return (
    <Drawer opened={Boolean(id)} onClose={onClose} position="right" size="md" title={s?.name ?? 'System'}>
      {system.isError ? <ErrorAlert error={system.error} /> : null}
      {s ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Badge variant="light">{s.type}</Badge>
            <Badge variant="light" color="gray">
              {s.scope === 'product' ? 'Product (CTO)' : 'Internal (CIO)'}
            </Badge>
            <Badge variant="outline">{s.status}</Badge>
          </Group>
          <SimpleGrid cols={2} spacing="xs">
            <Text size="sm">Asset tag: {s.assetTag ?? '—'}</Text>
            <Text size="sm">Vendor: {s.vendorName ?? '—'}</Text>
            <Text size="sm">Owner: {s.owner ?? '—'}</Text>
            <Text size="sm">Location: {s.location ?? '—'}</Text>
            <Text size="sm">Model: {[s.manufacturer, s.model].filter(Boolean).join(' ') || '—'}</Text>
            <Text size="sm">Serial: {s.serial ?? '—'}</Text>
            <Text size="sm">Purchased: {formatDate(s.purchaseDate)}</Text>
            <Text size="sm">
              Cost: <Money amount={s.purchaseCost} currency={client.currency} size="sm" />
            </Text>
            <Text size="sm">Warranty ends: {formatDate(s.warrantyEnd)}</Text>
            <Text size="sm">End of life: {formatDate(s.endOfLife)}</Text>
          </SimpleGrid>
          <Title order={3} fz="h5" mt="sm">
            Business services that depend on it
          </Title>
          {s.services.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : s.services.map((x) => <Text key={x.id} size="sm">{x.name} ({x.criticality})</Text>)}
          <Title order={3} fz="h5" mt="sm">
            Data stored or processed
          </Title>
          {s.datasets.length === 0 ? <Text size="sm" c="dimmed">None recorded.</Text> : s.datasets.map((x) => <Text key={x.id} size="sm">{x.name} ({x.classification})</Text>)}
          <Text size="sm" mt="sm">
            {formatNumber(s.activeGrants)} active access grants
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
  const { clientId, client, can } = useCurrentClient();
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
            label="Search"
            placeholder="Name, asset tag, serial or model"
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
          />
          <Select label="Type" data={labelledOptions(SYSTEM_TYPE_LABELS)} clearable value={type} onChange={setType} w={140} />
          <Select label="Status" data={labelledOptions(SYSTEM_STATUS_LABELS)} clearable value={status} onChange={setStatus} w={140} />
          <ViewsMenu list="estate.systems" filters={{ search, type, status }} onApply={(f) => { setSearch(f.search ?? ''); setType(f.type ?? null); setStatus(f.status ?? null); }} />
        </Group>
        {can('estate.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add system
          </Button>
        ) : null}
      </Group>
      <TriadTable
        records={systems.records}
        fetching={systems.fetching && !systems.loadingMore}
        idAccessor="id"
        aria-label="Systems and assets" exportAs="Systems and assets" columnsKey="estate.systems"
        noRecordsText="No systems match"
        sortStatus={sort}
        onSortStatusChange={(s: DataTableSortStatus<SystemOut>) => setSort(s)}
        onRowClick={({ record }: { record: SystemOut }) => setOpen(record.id)}
        columns={[
          { accessor: 'name', title: 'System', sortable: true, render: (s: SystemOut) => <Anchor component="button" size="sm" onClick={() => setOpen(s.id)}>{s.name}</Anchor> },
          { accessor: 'assetTag', title: 'Asset tag', sortable: true, render: (s: SystemOut) => s.assetTag ?? '—' },
          { accessor: 'type', title: 'Type', render: (s: SystemOut) => labelOf(SYSTEM_TYPE_LABELS, s.type) },
          { accessor: 'scope', title: 'Scope', render: (s: SystemOut) => (s.scope === 'product' ? 'Product' : 'Internal') },
          { accessor: 'status', title: 'Status', render: (s: SystemOut) => labelOf(SYSTEM_STATUS_LABELS, s.status) },
          { accessor: 'vendorName', title: 'Vendor', render: (s: SystemOut) => s.vendorName ?? '—' },
          { accessor: 'endOfLife', title: 'End of life', sortable: true, render: (s: SystemOut) => formatDate(s.endOfLife) },
          { accessor: 'replacementCost', title: 'Replacement', textAlign: 'right', render: (s: SystemOut) => <Money amount={s.replacementCost} currency={client.currency} /> },
        ]}
      />
      <LoadMore list={systems} noun="systems" />
      {adding ? <SystemModal onClose={() => setAdding(false)} /> : null}
      <SystemDrawer id={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}

function LifecycleView() {
  const { clientId, client } = useCurrentClient();
  const [days, setDays] = useState('90');
  const life = useLifecycle(clientId, Number(days));
  if (life.isError) return <ErrorAlert error={life.error} onRetry={() => void life.refetch()} />;
  const d = life.data;
  const list = (title: string, items: NonNullable<typeof d>['endOfLife']['items'], count: number) => (
    <Stack gap={4}>
      <Title order={3} fz="h5">
        {title} ({formatNumber(count)})
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
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
          What leaves warranty or reaches end of life soon, and what replacing it will cost, quarter by quarter.
        </Text>
        <SegmentedControl value={days} onChange={setDays} data={[{ value: '30', label: '30 days' }, { value: '90', label: '90 days' }, { value: '365', label: '365 days' }]} aria-label="Window" />
      </Group>
      {d ? (
        <>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {list('Reaching end of life', d.endOfLife.items, d.endOfLife.count)}
            {list('Leaving warranty', d.warrantyEnding.items, d.warrantyEnding.count)}
            {list('Past end of life, still in service', d.pastEndOfLife.items, d.pastEndOfLife.count)}
          </SimpleGrid>
          <Stack gap={4}>
            <Title order={3} fz="h5">
              Replacement cost by quarter
            </Title>
            <EChart
              height={260}
              ariaLabel="Replacement cost by quarter"
              option={replacementCostChartOption({ type: 'replacement-cost', currency: client.currency, quarters: d.replacementByQuarter })}
            />
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}

function EstateViews() {
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Estate"
        documentTitle={`Estate · ${client.name}`}
        description="The business services, the systems and assets they run on, internal (CIO) or product (CTO), and their lifecycle."
      />
      <RouteTabs base="estate" tabs={TABS} />
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
