/** Vendors and their fourth parties: tiers and why, contracts and renewals, assessments, concentration. */
import { Anchor, Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, Route, Routes } from 'react-router';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { ConcentrationEntry, VendorDetail, VendorOut } from '@schema/estate/vendors';
import { api, fieldErrors } from '../../api/client';
import { useMe } from '../../api/hooks';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ViewsMenu } from '../../components/SavedViews';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { estateInvalidate, estatePath, useConcentration, useFirmConcentration, useRenewals, useVendors, type Renewal } from './api';
import { VendorDetailPage } from './VendorDetailPage';
import { RouteTabs } from '../../components/RouteTabs';
import { DueDate } from '../../components/DueDate';
import { LoadMore } from '../../components/LoadMore';
import { ASSESSMENT_COLORS, SUPPLIES, TierBadge, TIERS } from './ui';

const TABS = ['list', 'renewals', 'concentration'] as const;

function VendorModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { name: '', supplies: 'infrastructure', offering: '', country: '', direct: true } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<VendorDetail>(estatePath(clientId, '/vendors'), { ...v, offering: v.offering || null, country: v.country || null }),
    success: (v) => t('common.added', { name: v.name }),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('vendors.addTitle')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
          <Select label={t('vendors.supplies')} data={SUPPLIES.map((value) => ({ value, label: t(`values.suppliesChoice.${value}`) }))} allowDeselect={false} {...form.getInputProps('supplies')} />
          <TextInput label={t('vendors.whatItSupplies')} {...form.getInputProps('offering')} />
          <TextInput label={t('vendors.country')} {...form.getInputProps('country')} />
          <Switch label={t('vendors.direct')} {...form.getInputProps('direct', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('vendors.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function VendorList() {
  const { t } = useTranslation('estate');
  const { clientId, client, can, href } = useCurrentClient();
  const canEstateEdit = can('estate.edit');
  const [adding, setAdding] = useState(false);
  const [tier, setTier] = useState<string | null>(null);
  const [sort, setSort] = useState<DataTableSortStatus<VendorOut>>({ columnAccessor: 'name', direction: 'asc' });
  const vendors = useVendors(clientId, { tier, limit: 100, sort: 'name', order: sort.direction });
  if (vendors.isError) return <ErrorAlert error={vendors.error} onRetry={vendors.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Select label={t('vendors.tier')} placeholder={t('vendors.allTiers')} clearable data={TIERS.map((tier) => ({ value: String(tier), label: t('common.tier', { tier }) }))} value={tier} onChange={setTier} w={160} />
          <ViewsMenu list="vendors" filters={{ tier }} onApply={(f) => setTier(f.tier ?? null)} />
        </Group>
        {canEstateEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('vendors.add')}
          </Button>
        ) : null}
      </Group>
      {!vendors.isPending && !tier && vendors.records.length === 0 ? (
        <EmptyState title={t('vendors.emptyTitle')} description={t('vendors.emptyDescription')} />
      ) : (
        <TriadTable
          records={vendors.records}
          fetching={vendors.fetching && !vendors.loadingMore}
          idAccessor="id"
          aria-label={t('common.vendors')} exportAs={t('common.vendors')} columnsKey="vendors"
          noRecordsText={t('vendors.noneOfTier')}
          sortStatus={sort}
          onSortStatusChange={(s: DataTableSortStatus<VendorOut>) => setSort(s)}
          columns={[
            {
              accessor: 'name',
              title: t('common.vendor'),
              sortable: true,
              render: (v: VendorOut) => (
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={href(`vendors/${v.id}`)} size="sm">
                    {v.name}
                  </Anchor>
                  {v.fourthParty ? (
                    <Badge size="xs" variant="outline" color="grape">
                      {t('common.fourthParty')}
                    </Badge>
                  ) : null}
                </Group>
              ),
            },
            { accessor: 'tier', title: t('vendors.tier'), render: (v: VendorOut) => <TierBadge tier={v.tier} reasons={v.tierReasons} compact /> },
            { accessor: 'supplies', title: t('vendors.supplies'), render: (v: VendorOut) => t(`values.supplies.${v.supplies}`) },
            { accessor: 'services', title: t('vendors.column.servicesData'), render: (v: VendorOut) => t('vendors.servicesData', { services: v.services, datasets: v.datasets }) },
            { accessor: 'annualCost', title: t('common.annualCost'), textAlign: 'right', render: (v: VendorOut) => <Money amount={v.annualCost} currency={client.currency} /> },
            { accessor: 'nextRenewal', title: t('vendors.column.nextRenewal'), render: (v: VendorOut) => (v.nextRenewal ? <DueDate date={v.nextRenewal} prefix="" size="sm" /> : '') },
            {
              accessor: 'assessment',
              title: t('vendors.column.assessment'),
              render: (v: VendorOut) => (
                <Badge variant="light" color={ASSESSMENT_COLORS[v.assessment.status]}>
                  {t(`values.assessment.${v.assessment.status}`)}
                </Badge>
              ),
            },
          ]}
        />
      )}
      <LoadMore list={vendors} noun={t('vendors.noun')} />
      {adding ? <VendorModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function RenewalsView() {
  const { t } = useTranslation('estate');
  const { clientId, client } = useCurrentClient();
  const [days, setDays] = useState('90');
  const renewals = useRenewals(clientId, Number(days));
  if (renewals.isError) return <ErrorAlert error={renewals.error} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('vendors.renewalsIntro')}
        </Text>
        <Group gap="sm">
          <SegmentedControl value={days} onChange={setDays} data={[30, 90, 365].map((n) => ({ value: String(n), label: t('common.days', { count: n }) }))} aria-label={t('common.window')} />
          <ViewsMenu list="vendors.renewals" filters={{ days }} onApply={(f) => setDays(f.days ?? '90')} />
        </Group>
      </Group>
      <TriadTable
        records={renewals.data?.renewals ?? []}
        fetching={renewals.isPending}
        idAccessor="contractId"
        aria-label={t('vendors.renewalsTable')} exportAs={t('vendors.renewalsTable')} columnsKey="vendors.renewals"
        noRecordsText={t('vendors.nothingRenews')}
        columns={[
          { accessor: 'vendorName', title: t('common.vendor') },
          { accessor: 'reference', title: t('common.contract') },
          { accessor: 'noticeDeadline', title: t('common.noticeBy'), render: (r: Renewal) => <DueDate date={r.noticeDeadline} prefix="" size="sm" fw={r.events.includes('notice') ? 600 : 400} /> },
          { accessor: 'renewalDate', title: t('vendors.renews'), render: (r: Renewal) => formatDate(r.renewalDate) },
          { accessor: 'autoRenew', title: t('common.autoRenews'), render: (r: Renewal) => (r.autoRenew ? t('common.yes') : t('common.no')) },
          { accessor: 'annualCost', title: t('common.annualCost'), textAlign: 'right', render: (r: Renewal) => <Money amount={r.annualCost} currency={client.currency} /> },
        ]}
      />
    </Stack>
  );
}

function ConcentrationView() {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const me = useMe();
  const firmView = me.data?.user.firmRole === 'admin' || me.data?.user.firmRole === 'advisor';
  const entries = useConcentration(clientId);
  const firm = useFirmConcentration(firmView);
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-label={t('vendors.concentrationHere')}>
        <Title order={2} fz="h4">
          {t('vendors.dependsMost')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('vendors.concentrationIntro')}
        </Text>
        {entries.isError ? <ErrorAlert error={entries.error} /> : null}
        <TriadTable
          records={entries.data ?? []}
          fetching={entries.isPending}
          idAccessor="vendorId"
          aria-label={t('vendors.concentrationTable')} exportAs={t('vendors.concentrationTable')}
          columns={[
            { accessor: 'name', title: t('common.vendor'), render: (e: ConcentrationEntry) => <>{e.name}{e.fourthParty ? <Badge ml={6} size="xs" variant="outline" color="grape">{t('common.fourthParty')}</Badge> : null}</> },
            { accessor: 'services', title: t('common.services'), textAlign: 'right' },
            { accessor: 'criticalServices', title: t('vendors.column2.critical'), textAlign: 'right' },
            { accessor: 'datasets', title: t('common.dataSets'), textAlign: 'right' },
            { accessor: 'restrictedDatasets', title: t('vendors.column2.restricted'), textAlign: 'right' },
            { accessor: 'worksFor', title: t('vendors.column2.through'), render: (e: ConcentrationEntry) => e.worksFor.join(', ') || '—' },
          ]}
        />
      </Stack>
      {firmView ? (
        <Stack gap="xs" component="section" aria-label={t('vendors.acrossFirm')}>
          <Title order={2} fz="h4">
            {t('vendors.acrossFirm')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('vendors.acrossFirmIntro')}
          </Text>
          {firm.isError ? <ErrorAlert error={firm.error} /> : null}
          <TriadTable
            records={firm.data?.entries ?? []}
            fetching={firm.isPending}
            idAccessor="name"
            aria-label={t('vendors.sharedTable')} exportAs={t('vendors.sharedTable')}
            columns={[
              { accessor: 'name', title: t('vendors.column2.company') },
              { accessor: 'clients', title: t('vendors.column2.clients'), textAlign: 'right' },
              { accessor: 'asFourthParty', title: t('vendors.column2.asFourthParty'), textAlign: 'right' },
              {
                accessor: 'visibleClients',
                title: t('vendors.column2.which'),
                render: (e: NonNullable<typeof firm.data>['entries'][number]) =>
                  [...e.visibleClients.map((c) => c.name), ...(e.otherClients > 0 ? [t('vendors.otherClients', { count: e.otherClients })] : [])].join(', '),
              },
            ]}
          />
        </Stack>
      ) : null}
    </Stack>
  );
}

function VendorViews() {
  const { t } = useTranslation('estate');
  const { client } = useCurrentClient();
  return (
    <>
      <PageHeader
        eyebrow={client.name}
        title={t('vendors.title')}
        documentTitle={t('vendors.documentTitle', { client: client.name })}
        description={t('vendors.description')}
      />
      <RouteTabs base="vendors" tabs={TABS.map((value) => ({ value, label: t(`vendors.tabs.${value}`) }))} />
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
