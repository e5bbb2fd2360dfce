/** Vendors and their fourth parties: tiers and why, contracts and renewals, assessments, concentration. */
import { Anchor, Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Outlet, Route, Routes, useParams } from 'react-router';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { ConcentrationEntry, ContractOut, VendorDetail, VendorOut } from '@schema/estate';
import { api, fieldErrors } from '../../api/client';
import { useMe } from '../../api/hooks';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ViewsMenu } from '../../components/SavedViews';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber } from '../../components/format';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { estateInvalidate, estatePath, useConcentration, useFirmConcentration, useRenewals, useVendor, useVendors, type Renewal } from './api';
import { RouteTabs } from '../../components/RouteTabs';
import { DueDate } from '../../components/DueDate';
import { LoadMore } from '../../components/LoadMore';
import { labelOf, SUPPLIES_LABELS, TierBadge, words } from './ui';

const TABS = [
  { value: 'list', label: 'Vendors' },
  { value: 'renewals', label: 'Renewals' },
  { value: 'concentration', label: 'Concentration' },
];
const ASSESSMENT_LABELS: Record<string, [string, string]> = {
  current: ['Current', 'teal'],
  due: ['Due soon', 'yellow'],
  overdue: ['Overdue', 'red'],
  never: ['Never', 'orange'],
  not_required: ['Not needed', 'gray'],
};

function VendorModal({ onClose }: { onClose: () => void }) {
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { name: '', supplies: 'infrastructure', offering: '', country: '', direct: true } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<VendorDetail>(estatePath(clientId, '/vendors'), { ...v, offering: v.offering || null, country: v.country || null }),
    success: (v) => `${v.name} was added.`,
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title="Add a vendor">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <Select label="Supplies" data={[{ value: 'infrastructure', label: 'CIO infrastructure' }, { value: 'product', label: 'CTO product' }, { value: 'both', label: 'Both' }]} allowDeselect={false} {...form.getInputProps('supplies')} />
          <TextInput label="What it supplies" {...form.getInputProps('offering')} />
          <TextInput label="Country" {...form.getInputProps('country')} />
          <Switch label="The client deals with it directly (off: known only as a subcontractor)" {...form.getInputProps('direct', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add vendor
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function VendorList() {
  const { clientId, client, can, href } = useCurrentClient();
  const [adding, setAdding] = useState(false);
  const [tier, setTier] = useState<string | null>(null);
  const [sort, setSort] = useState<DataTableSortStatus<VendorOut>>({ columnAccessor: 'name', direction: 'asc' });
  const vendors = useVendors(clientId, { tier, limit: 100, sort: 'name', order: sort.direction });
  if (vendors.isError) return <ErrorAlert error={vendors.error} onRetry={vendors.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select label="Tier" placeholder="All tiers" clearable data={['1', '2', '3', '4'].map((t) => ({ value: t, label: `Tier ${t}` }))} value={tier} onChange={setTier} w={160} />
          <ViewsMenu list="vendors" filters={{ tier }} onApply={(f) => setTier(f.tier ?? null)} />
        </Group>
        {can('estate.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add vendor
          </Button>
        ) : null}
      </Group>
      {!vendors.isPending && !tier && vendors.records.length === 0 ? (
        <EmptyState title="No vendors yet" description="Add the client's vendors, or import them with their contracts." />
      ) : (
        <TriadTable
          records={vendors.records}
          fetching={vendors.fetching && !vendors.loadingMore}
          idAccessor="id"
          aria-label="Vendors" exportAs="Vendors" columnsKey="vendors"
          noRecordsText="No vendors of this tier"
          sortStatus={sort}
          onSortStatusChange={(s: DataTableSortStatus<VendorOut>) => setSort(s)}
          columns={[
            {
              accessor: 'name',
              title: 'Vendor',
              sortable: true,
              render: (v: VendorOut) => (
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={href(`vendors/${v.id}`)} size="sm">
                    {v.name}
                  </Anchor>
                  {v.fourthParty ? (
                    <Badge size="xs" variant="outline" color="grape">
                      fourth party
                    </Badge>
                  ) : null}
                </Group>
              ),
            },
            { accessor: 'tier', title: 'Tier', render: (v: VendorOut) => <TierBadge tier={v.tier} reasons={v.tierReasons} compact /> },
            { accessor: 'supplies', title: 'Supplies', render: (v: VendorOut) => labelOf(SUPPLIES_LABELS, v.supplies) },
            { accessor: 'services', title: 'Services / data', render: (v: VendorOut) => `${v.services} / ${v.datasets}` },
            { accessor: 'annualCost', title: 'Annual cost', textAlign: 'right', render: (v: VendorOut) => <Money amount={v.annualCost} currency={client.currency} /> },
            { accessor: 'nextRenewal', title: 'Next renewal', render: (v: VendorOut) => (v.nextRenewal ? <DueDate date={v.nextRenewal} prefix="" size="sm" /> : '') },
            {
              accessor: 'assessment',
              title: 'Assessment',
              render: (v: VendorOut) => {
                const [label, color] = ASSESSMENT_LABELS[v.assessment.status] ?? ['', 'gray'];
                return (
                  <Badge variant="light" color={color}>
                    {label}
                  </Badge>
                );
              },
            },
          ]}
        />
      )}
      <LoadMore list={vendors} noun="vendors" />
      {adding ? <VendorModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function ContractModal({ vendor, onClose }: { vendor: VendorDetail; onClose: () => void }) {
  const { clientId, client } = useCurrentClient();
  const form = useForm({ initialValues: { reference: '', annualCost: 0 as number | string, renewalDate: '', noticeDays: 30 as number | string, autoRenew: true } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<ContractOut>(estatePath(clientId, '/contracts'), { vendorId: vendor.id, reference: v.reference, annualCost: Number(v.annualCost) || 0, renewalDate: v.renewalDate || null, noticeDays: Number(v.noticeDays) || 0, autoRenew: v.autoRenew }),
    success: 'The contract was added.',
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={`Add a contract with ${vendor.name}`}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label="Reference" required {...form.getInputProps('reference')} />
          <NumberInput label={`Annual cost (${client.currency})`} min={0} thousandSeparator="," {...form.getInputProps('annualCost')} />
          <TextInput label="Renewal date" placeholder="YYYY-MM-DD" {...form.getInputProps('renewalDate')} />
          <NumberInput label="Notice (days)" min={0} {...form.getInputProps('noticeDays')} />
          <Checkbox label="Renews automatically" {...form.getInputProps('autoRenew', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add contract
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SubcontractorForm({ vendor }: { vendor: VendorDetail }) {
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { name: '', service: '', handlesData: true } });
  const add = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<VendorDetail>(estatePath(clientId, `/vendors/${vendor.id}/subcontractors`), { name: v.name, service: v.service || null, handlesData: v.handlesData }),
    success: 'The subcontractor was recorded.',
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: () => form.reset(),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate aria-label="Add a subcontractor">
      <Stack gap="xs">
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <Group align="flex-end" gap="xs">
          <TextInput label="Subcontractor" placeholder="Name" required {...form.getInputProps('name')} />
          <TextInput label="What it does" {...form.getInputProps('service')} />
          <Checkbox label="Handles the client's data" {...form.getInputProps('handlesData', { type: 'checkbox' })} mb={8} />
          <Button type="submit" variant="light" loading={add.isPending}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AssessmentForm({ vendor }: { vendor: VendorDetail }) {
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { score: 80 as number | string, conclusion: 'approved', findings: '' } });
  const add = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.post(estatePath(clientId, `/vendors/${vendor.id}/assessments`), { score: v.score === '' ? null : Number(v.score), conclusion: v.conclusion, findings: v.findings.split('\n').map((f) => f.trim()).filter(Boolean) }),
    success: 'The assessment was recorded.',
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: () => form.reset(),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate aria-label="Record an assessment">
      <Stack gap="xs">
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <Group grow>
          <NumberInput label="Questionnaire score" min={0} max={100} {...form.getInputProps('score')} />
          <Select label="Conclusion" data={[{ value: 'approved', label: 'Approved' }, { value: 'approved_with_conditions', label: 'Approved with conditions' }, { value: 'rejected', label: 'Rejected' }]} allowDeselect={false} {...form.getInputProps('conclusion')} />
        </Group>
        <Textarea label="Findings (one per line)" autosize minRows={2} {...form.getInputProps('findings')} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending}>
            Record assessment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TierOverride({ vendor }: { vendor: VendorDetail }) {
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { tier: vendor.tierOverride ? String(vendor.tierOverride) : '', reason: vendor.tierOverrideReason ?? '' } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => api.patch<VendorDetail>(estatePath(clientId, `/vendors/${vendor.id}`), { tierOverride: v.tier ? Number(v.tier) : null, tierOverrideReason: v.tier ? v.reason : null }),
    success: 'The tier was changed.',
    notifyError: false,
    invalidate: estateInvalidate(clientId),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate aria-label="Override the tier">
      <Stack gap="xs">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group align="flex-end" gap="xs">
          <Select label="Tier override" placeholder={`Derived: tier ${vendor.derivedTier}`} clearable data={['1', '2', '3', '4'].map((t) => ({ value: t, label: `Tier ${t}` }))} {...form.getInputProps('tier')} w={180} />
          <TextInput label="Reason" style={{ flex: 1 }} {...form.getInputProps('reason')} />
          <Button type="submit" variant="light" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function VendorDetailPage() {
  const { vendorId = '' } = useParams();
  const { clientId, client, can, href } = useCurrentClient();
  const vendor = useVendor(clientId, vendorId);
  const [addingContract, setAddingContract] = useState(false);
  if (vendor.isError) return <ErrorAlert error={vendor.error} />;
  const v = vendor.data;
  if (!v) return null;
  const [assessLabel, assessColor] = ASSESSMENT_LABELS[v.assessment.status] ?? ['', 'gray'];
  return (
    <>
      <PageHeader eyebrow={<Anchor component={Link} to={href('vendors')} size="xs">Vendors</Anchor>} title={v.name} documentTitle={`${v.name} · ${client.name}`} description={v.offering ?? undefined} />
      <Stack gap="lg">
        <Group gap="xs">
          <TierBadge tier={v.tier} />
          {v.fourthParty ? <Badge variant="outline" color="grape">fourth party</Badge> : null}
          {!v.direct ? <Badge variant="outline" color="gray">no direct relationship</Badge> : null}
          <Badge variant="light" color="gray" tt="none">Supplies: {labelOf(SUPPLIES_LABELS, v.supplies).toLowerCase()}</Badge>
          <Badge variant="light" color={assessColor}>Assessment: {assessLabel}{v.assessment.nextDue ? ` · due ${formatDate(v.assessment.nextDue)}` : ''}</Badge>
        </Group>
        {v.assessment.broughtForward ? (
          <Text size="sm" c="orange">
            Next assessment brought forward from {v.assessment.broughtForward.from === 'none' ? 'no date' : formatDate(v.assessment.broughtForward.from)}: {v.assessment.broughtForward.reason}
          </Text>
        ) : null}
        <Paper withBorder p="md" component="section" aria-label="Why this tier">
          <Title order={2} fz="h4" mb="xs">
            Why tier {v.tier}
          </Title>
          <Stack gap={2}>
            {v.tierReasons.map((r) => (
              <Text key={r} size="sm">
                {r}
              </Text>
            ))}
          </Stack>
          {can('estate.edit') ? (
            <div style={{ marginTop: 12 }}>
              <TierOverride vendor={v} />
            </div>
          ) : null}
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-label="Fourth parties">
            <Title order={2} fz="h4" mb="xs">
              Subcontractors and sub-processors
            </Title>
            {v.fourthParties.length === 0 ? (
              <Text size="sm" c="dimmed">None recorded.</Text>
            ) : (
              <Stack gap={2}>
                {v.fourthParties.map((f) => (
                  <Group key={`${f.parentId}-${f.vendorId}`} gap={6} pl={(f.depth - 1) * 20} wrap="nowrap">
                    <Anchor component={Link} to={href(`vendors/${f.vendorId}`)} size="sm">
                      {f.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {f.service ?? ''}
                      {f.handlesData ? ' · handles data' : ''}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
            {v.worksFor.length > 0 ? (
              <Text size="sm" mt="sm">
                Works for: {v.worksFor.map((w) => w.name).join(', ')}
              </Text>
            ) : null}
            {can('estate.edit') ? (
              <div style={{ marginTop: 12 }}>
                <SubcontractorForm vendor={v} />
              </div>
            ) : null}
          </Paper>
          <Paper withBorder p="md" component="section" aria-label="What depends on it">
            <Title order={2} fz="h4" mb="xs">
              What depends on it
            </Title>
            {v.dependentServices.length === 0 && v.heldDatasets.length === 0 ? <Text size="sm" c="dimmed">Nothing recorded.</Text> : null}
            {v.dependentServices.map((s) => (
              <Text key={s.id} size="sm">
                Service: {s.name} ({s.criticality}){s.via ? `, through ${s.via}` : ''}
              </Text>
            ))}
            {v.heldDatasets.map((d) => (
              <Text key={d.id} size="sm">
                Data: {d.name} ({d.classification}, {formatNumber(d.records)} records){d.via ? `, for ${d.via}` : ''}
              </Text>
            ))}
            <Text size="sm" mt="xs" c="dimmed">
              {formatNumber(v.systemsTotal)} {v.systemsTotal === 1 ? 'system' : 'systems'} supplied
            </Text>
          </Paper>
        </SimpleGrid>
        <Stack gap="xs" component="section" aria-label="Contracts">
          <Group justify="space-between">
            <Title order={2} fz="h4">
              Contracts
            </Title>
            {can('estate.edit') ? (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAddingContract(true)}>
                Add contract
              </Button>
            ) : null}
          </Group>
          <TriadTable
            records={v.contracts}
            idAccessor="id"
            aria-label="Contracts" exportAs="Contracts"
            noRecordsText="No contracts"
            columns={[
              { accessor: 'reference', title: 'Contract' },
              { accessor: 'annualCost', title: 'Annual cost', textAlign: 'right', render: (c: ContractOut) => <Money amount={c.annualCost} currency={client.currency} /> },
              { accessor: 'nextRenewal', title: 'Next renewal', render: (c: ContractOut) => (c.status === 'ended' ? 'Ended' : formatDate(c.nextRenewal)) },
              { accessor: 'noticeDeadline', title: 'Notice by', render: (c: ContractOut) => formatDate(c.noticeDeadline) },
              { accessor: 'autoRenew', title: 'Auto-renews', render: (c: ContractOut) => (c.autoRenew ? 'Yes' : 'No') },
            ]}
          />
        </Stack>
        <Stack gap="xs" component="section" aria-label="Assessments">
          <Title order={2} fz="h4">
            Assessments
          </Title>
          {v.assessments.length === 0 ? <Text size="sm" c="dimmed">Not assessed yet.</Text> : null}
          {v.assessments.map((a) => (
            <Text key={a.id} size="sm">
              {formatDate(a.assessedOn)}: {words(a.conclusion)}
              {a.score !== null ? `, score ${a.score}` : ''}
              {a.findings.length > 0 ? ` · ${a.findings.join('; ')}` : ''}
              {a.nextDue ? ` · next due ${formatDate(a.nextDue)}` : ''}
            </Text>
          ))}
          {can('estate.edit') ? <AssessmentForm vendor={v} /> : null}
        </Stack>
      </Stack>
      {addingContract ? <ContractModal vendor={v} onClose={() => setAddingContract(false)} /> : null}
    </>
  );
}

function RenewalsView() {
  const { clientId, client } = useCurrentClient();
  const [days, setDays] = useState('90');
  const renewals = useRenewals(clientId, Number(days));
  if (renewals.isError) return <ErrorAlert error={renewals.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Contracts that renew, and the last days to give notice, in the window.
        </Text>
        <Group gap="sm">
          <SegmentedControl value={days} onChange={setDays} data={[{ value: '30', label: '30 days' }, { value: '90', label: '90 days' }, { value: '365', label: '365 days' }]} aria-label="Window" />
          <ViewsMenu list="vendors.renewals" filters={{ days }} onApply={(f) => setDays(f.days ?? '90')} />
        </Group>
      </Group>
      <TriadTable
        records={renewals.data?.renewals ?? []}
        fetching={renewals.isPending}
        idAccessor="contractId"
        aria-label="Renewals" exportAs="Renewals" columnsKey="vendors.renewals"
        noRecordsText="Nothing renews in this window"
        columns={[
          { accessor: 'vendorName', title: 'Vendor' },
          { accessor: 'reference', title: 'Contract' },
          { accessor: 'noticeDeadline', title: 'Notice by', render: (r: Renewal) => <DueDate date={r.noticeDeadline} prefix="" size="sm" fw={r.events.includes('notice') ? 600 : 400} /> },
          { accessor: 'renewalDate', title: 'Renews', render: (r: Renewal) => formatDate(r.renewalDate) },
          { accessor: 'autoRenew', title: 'Auto-renews', render: (r: Renewal) => (r.autoRenew ? 'Yes' : 'No') },
          { accessor: 'annualCost', title: 'Annual cost', textAlign: 'right', render: (r: Renewal) => <Money amount={r.annualCost} currency={client.currency} /> },
        ]}
      />
    </Stack>
  );
}

function ConcentrationView() {
  const { clientId } = useCurrentClient();
  const me = useMe();
  const firmView = me.data?.user.firmRole === 'admin' || me.data?.user.firmRole === 'advisor';
  const entries = useConcentration(clientId);
  const firm = useFirmConcentration(firmView);
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-label="Concentration in this client">
        <Title order={2} fz="h4">
          What this client depends on most
        </Title>
        <Text size="sm" c="dimmed">
          Vendors and fourth parties by the business services and data sets that depend on them, directly or through the vendors they work for.
        </Text>
        {entries.isError ? <ErrorAlert error={entries.error} /> : null}
        <TriadTable
          records={entries.data ?? []}
          fetching={entries.isPending}
          idAccessor="vendorId"
          aria-label="Vendor concentration" exportAs="Vendor concentration"
          columns={[
            { accessor: 'name', title: 'Vendor', render: (e: ConcentrationEntry) => <>{e.name}{e.fourthParty ? <Badge ml={6} size="xs" variant="outline" color="grape">fourth party</Badge> : null}</> },
            { accessor: 'services', title: 'Services', textAlign: 'right' },
            { accessor: 'criticalServices', title: 'Critical', textAlign: 'right' },
            { accessor: 'datasets', title: 'Data sets', textAlign: 'right' },
            { accessor: 'restrictedDatasets', title: 'Restricted', textAlign: 'right' },
            { accessor: 'worksFor', title: 'Through', render: (e: ConcentrationEntry) => e.worksFor.join(', ') || '—' },
          ]}
        />
      </Stack>
      {firmView ? (
        <Stack gap="xs" component="section" aria-label="Across the firm's clients">
          <Title order={2} fz="h4">
            Across the firm&rsquo;s clients
          </Title>
          <Text size="sm" c="dimmed">
            Vendors and fourth parties shared by the most clients. Clients you do not work with are counted, not named.
          </Text>
          {firm.isError ? <ErrorAlert error={firm.error} /> : null}
          <TriadTable
            records={firm.data?.entries ?? []}
            fetching={firm.isPending}
            idAccessor="name"
            aria-label="Shared vendors" exportAs="Shared vendors"
            columns={[
              { accessor: 'name', title: 'Company' },
              { accessor: 'clients', title: 'Clients', textAlign: 'right' },
              { accessor: 'asFourthParty', title: 'As a fourth party', textAlign: 'right' },
              {
                accessor: 'visibleClients',
                title: 'Which',
                render: (e: NonNullable<typeof firm.data>['entries'][number]) =>
                  [...e.visibleClients.map((c) => c.name), ...(e.otherClients > 0 ? [`${e.otherClients} other ${e.otherClients === 1 ? 'client' : 'clients'}`] : [])].join(', '),
              },
            ]}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}

function VendorViews() {
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title="Vendors"
        documentTitle={`Vendors · ${client.name}`}
        description="Third parties and their own subcontractors (fourth parties): what they supply and to whom, how critical they are and why, their contracts, renewals and assessments."
      />
      <RouteTabs base="vendors" tabs={TABS} />
      <Outlet />
    </>
  );
}

export default function VendorsPage() {
  return (
    <Routes>
      <Route element={<VendorViews />}>
        <Route index element={<VendorList />} />
        <Route path="renewals" element={<RenewalsView />} />
        <Route path="concentration" element={<ConcentrationView />} />
      </Route>
      <Route path=":vendorId" element={<VendorDetailPage />} />
    </Routes>
  );
}
