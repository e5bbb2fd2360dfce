/** Business services: what an hour of downtime costs, when they run, how fast they must come back; implausible costs flagged where entered. */
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataTableSortStatus } from 'mantine-datatable';
import type { ServiceOut, ServiceSaved } from '@schema/estate';
import { OPERATING_HOURS } from '@shared/downtime';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { useCurrentClient } from '../../layout/client-context';
import { LoadMore } from '../../components/LoadMore';
import { estateInvalidate, estatePath, useDowntimeCheck, useServices, useSystemOptions } from './api';
import { CRITICALITIES, CriticalityBadge } from './ui';

function ServiceModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('estate');
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
    success: (s) => t('common.added', { name: s.name }),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: (s) => {
      // Kept as entered, and flagged where it was entered.
      if (s.warning) notifications.show({ color: 'orange', title: t('services.checkCosts'), message: s.warning, autoClose: false });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('services.addTitle')} size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('common.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('services.businessUnit')} {...form.getInputProps('businessUnit')} />
          <Group grow align="flex-start">
            <NumberInput label={t('services.revenueLost', { currency: client.currency })} description={t('services.revenueLostHelp')} thousandSeparator="," clampBehavior="none" {...form.getInputProps('downtimeCostPerHour')} />
            <Select label={t('services.runs')} description={t('services.runsHelp')} data={OPERATING_HOURS.map((value) => ({ value, label: t(`values.operatingHours.${value}`) }))} allowDeselect={false} {...form.getInputProps('operatingHours')} />
          </Group>
          <Group grow>
            <NumberInput label={t('services.rto')} clampBehavior="none" decimalScale={2} {...form.getInputProps('rtoHours')} />
            <NumberInput label={t('services.rpo')} clampBehavior="none" decimalScale={2} {...form.getInputProps('rpoHours')} />
          </Group>
          <Select label={t('services.criticality')} data={CRITICALITIES.map((value) => ({ value, label: t(`values.criticality.${value}`) }))} allowDeselect={false} {...form.getInputProps('criticality')} />
          <MultiSelect label={t('services.dependsOn')} searchable data={(systems.data ?? []).map((s) => ({ value: s.id, label: s.assetTag ? t('services.systemWithTag', { name: s.name, tag: s.assetTag }) : s.name }))} {...form.getInputProps('systemIds')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('services.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ServicesView() {
  const { t } = useTranslation('estate');
  const { clientId, client, can } = useCurrentClient();
  const canEstateEdit = can('estate.edit');
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
          {t('services.intro')}
        </Text>
        {canEstateEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('services.add')}
          </Button>
        ) : null}
      </Group>
      {downtime?.implausible ? (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('services.implausibleTitle')} role="alert">
          {downtime.message} {t('services.implausibleCap')}
        </Alert>
      ) : null}
      {!services.isPending && services.records.length === 0 ? (
        <EmptyState title={t('services.emptyTitle')} description={t('services.emptyDescription')} />
      ) : (
        <TriadTable
          records={services.records}
          fetching={services.fetching && !services.loadingMore}
          idAccessor="id"
          aria-label={t('services.table')} exportAs={t('services.table')}
          sortStatus={sort}
          onSortStatusChange={(s: DataTableSortStatus<ServiceOut>) => setSort(s)}
          columns={[
            { accessor: 'name', title: t('services.column.service'), sortable: true },
            { accessor: 'businessUnit', title: t('services.businessUnit'), render: (s: ServiceOut) => s.businessUnit ?? '—' },
            { accessor: 'criticality', title: t('services.criticality'), render: (s: ServiceOut) => <CriticalityBadge value={s.criticality} /> },
            { accessor: 'downtimeCostPerHour', title: t('services.column.downtime'), textAlign: 'right', sortable: true, render: (s: ServiceOut) => <Money amount={s.downtimeCostPerHour} currency={client.currency} /> },
            { accessor: 'operatingHours', title: t('services.runs'), render: (s: ServiceOut) => t(`values.operatingHours.${s.operatingHours}`) },
            { accessor: 'rtoHours', title: t('services.column.rtoRpo'), render: (s: ServiceOut) => t('services.rtoRpo', { rto: s.rtoHours ?? '—', rpo: s.rpoHours ?? '—' }) },
            { accessor: 'systemIds', title: t('services.dependsOn'), render: (s: ServiceOut) => s.systemIds.map((id) => names.get(id) ?? '…').join(', ') || '—' },
          ]}
        />
      )}
      <LoadMore list={services} noun={t('services.noun')} />
      {adding ? <ServiceModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
