/** Business services: what an hour of downtime costs, when they run, how fast they must come back; implausible costs flagged where entered. */
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { ServiceOut, ServiceSaved } from '@schema/estate';
import { OPERATING_HOURS, OPERATING_HOURS_LABELS } from '@shared/downtime';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { LoadMore } from '../../components/LoadMore';
import { estateInvalidate, estatePath, useDowntimeCheck, useServices, useSystemOptions } from './api';
import { CriticalityBadge } from './ui';

const HOURS_OPTIONS = OPERATING_HOURS.map((value) => ({ value, label: OPERATING_HOURS_LABELS[value] }));

function ServiceModal({ onClose }: { onClose: () => void }) {
  const { clientId, client } = useCurrentClient();
  const systems = useSystemOptions(clientId);
  const form = useForm({
    initialValues: { name: '', businessUnit: '', downtimeCostPerHour: 0 as number | string, operatingHours: 'business', rtoHours: '' as number | string, rpoHours: '' as number | string, criticality: 'medium', systemIds: [] as string[] },
  });
  const num = (x: number | string): number | null => (x === '' ? null : Number(x));
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<ServiceSaved>(estatePath(clientId, '/services'), {
        name: v.name,
        businessUnit: v.businessUnit || null,
        downtimeCostPerHour: num(v.downtimeCostPerHour) ?? 0,
        operatingHours: v.operatingHours,
        rtoHours: num(v.rtoHours),
        rpoHours: num(v.rpoHours),
        criticality: v.criticality,
        systemIds: v.systemIds,
      }),
    success: (s) => `${s.name} was added.`,
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: (s) => {
      // Kept as entered, and flagged where it was entered.
      if (s.warning) notifications.show({ color: 'orange', title: 'Check the downtime costs', message: s.warning, autoClose: false });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Add a business service" size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label="Name" required {...form.getInputProps('name')} />
          <TextInput label="Business unit" {...form.getInputProps('businessUnit')} />
          <Group grow align="flex-start">
            <NumberInput label={`Revenue lost per hour of downtime (${client.currency})`} description="While the service would be running" thousandSeparator="," clampBehavior="none" {...form.getInputProps('downtimeCostPerHour')} />
            <Select label="Runs" description="Downtime loses revenue only then" data={HOURS_OPTIONS} allowDeselect={false} {...form.getInputProps('operatingHours')} />
          </Group>
          <Group grow>
            <NumberInput label="RTO (hours)" clampBehavior="none" decimalScale={2} {...form.getInputProps('rtoHours')} />
            <NumberInput label="RPO (hours)" clampBehavior="none" decimalScale={2} {...form.getInputProps('rpoHours')} />
          </Group>
          <Select label="Criticality" data={['critical', 'high', 'medium', 'low']} allowDeselect={false} {...form.getInputProps('criticality')} />
          <MultiSelect label="Depends on" searchable data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.assetTag ? `${s.name} (${s.assetTag})` : s.name }))} {...form.getInputProps('systemIds')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add service
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ServicesView() {
  const { clientId, client, can } = useCurrentClient();
  const [sort, setSort] = useState<DataTableSortStatus<ServiceOut>>({ columnAccessor: 'name', direction: 'asc' });
  const services = useServices(clientId, { limit: 100, sort: sort.columnAccessor, order: sort.direction });
  const downtime = useDowntimeCheck(clientId).data;
  const systems = useSystemOptions(clientId);
  const [adding, setAdding] = useState(false);
  const names = new Map((systems.data ?? []).map((s) => [s.id, s.name]));
  if (services.isError) return <ErrorAlert error={services.error} onRetry={services.refetch} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          What the business does that depends on technology, the revenue an hour of downtime loses while it would be running, and how quickly it must come back.
        </Text>
        {can('estate.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add service
          </Button>
        ) : null}
      </Group>
      {downtime?.implausible ? (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="These downtime costs are more than the company earns" role="alert">
          {downtime.message} The ransomware worst case caps the business interruption at the gross profit earned in the outage&apos;s hours.
        </Alert>
      ) : null}
      {!services.isPending && services.records.length === 0 ? (
        <EmptyState title="No business services yet" description="Add the services the business runs, or import them from a spreadsheet." />
      ) : (
        <TriadTable
          records={services.records}
          fetching={services.fetching && !services.loadingMore}
          idAccessor="id"
          aria-label="Business services" exportAs="Business services"
          sortStatus={sort}
          onSortStatusChange={(s: DataTableSortStatus<ServiceOut>) => setSort(s)}
          columns={[
            { accessor: 'name', title: 'Service', sortable: true },
            { accessor: 'businessUnit', title: 'Business unit', render: (s: ServiceOut) => s.businessUnit ?? '—' },
            { accessor: 'criticality', title: 'Criticality', render: (s: ServiceOut) => <CriticalityBadge value={s.criticality} /> },
            { accessor: 'downtimeCostPerHour', title: 'Downtime per hour', textAlign: 'right', sortable: true, render: (s: ServiceOut) => <Money amount={s.downtimeCostPerHour} currency={client.currency} /> },
            { accessor: 'operatingHours', title: 'Runs', render: (s: ServiceOut) => OPERATING_HOURS_LABELS[s.operatingHours] },
            { accessor: 'rtoHours', title: 'RTO / RPO', render: (s: ServiceOut) => `${s.rtoHours ?? '—'} h / ${s.rpoHours ?? '—'} h` },
            { accessor: 'systemIds', title: 'Depends on', render: (s: ServiceOut) => s.systemIds.map((id) => names.get(id) ?? '…').join(', ') || '—' },
          ]}
        />
      )}
      <LoadMore list={services} noun="services" />
      {adding ? <ServiceModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
