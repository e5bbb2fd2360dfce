/** One vendor: why its tier (and an override), its fourth parties, what depends on it, its contracts and assessments. */
import { Anchor, Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ContractOut, VendorDetail } from '@schema/estate/vendors';
import { api, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { TriadTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber } from '../../components/format';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentClient } from '../../layout/client-context';
import { estateInvalidate, estatePath, useVendor } from './api';
import { ASSESSMENT_COLORS, CONCLUSIONS, TierBadge, TIERS } from './ui';

function ContractModal({ vendor, onClose }: { vendor: VendorDetail; onClose: () => void }) {
  const { t } = useTranslation('estate');
  const { clientId, client } = useCurrentClient();
  const form = useForm({ initialValues: { reference: '', annualCost: 0 as number | string, renewalDate: '', noticeDays: 30 as number | string, autoRenew: true } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.post<ContractOut>(estatePath(clientId, '/contracts'), { vendorId: vendor.id, reference: v.reference, annualCost: Number(v.annualCost) || 0, renewalDate: v.renewalDate || null, noticeDays: Number(v.noticeDays) || 0, autoRenew: v.autoRenew }),
    success: t('vendors.contractAdded'),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={t('vendors.contractTitle', { name: vendor.name })}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate>
        <Stack gap="sm">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('vendors.reference')} required {...form.getInputProps('reference')} />
          <NumberInput label={t('vendors.annualCost', { currency: client.currency })} min={0} thousandSeparator="," {...form.getInputProps('annualCost')} />
          <TextInput label={t('vendors.renewalDate')} placeholder={t('common.datePlaceholder')} {...form.getInputProps('renewalDate')} />
          <NumberInput label={t('vendors.noticeDays')} min={0} {...form.getInputProps('noticeDays')} />
          <Checkbox label={t('vendors.renewsAutomatically')} {...form.getInputProps('autoRenew', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('vendors.addContract')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SubcontractorForm({ vendor }: { vendor: VendorDetail }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { name: '', service: '', handlesData: true } });
  const add = useApiMutation({
    mutationFn: (v: typeof form.values) => api.post<VendorDetail>(estatePath(clientId, `/vendors/${vendor.id}/subcontractors`), { name: v.name, service: v.service || null, handlesData: v.handlesData }),
    success: t('vendors.subcontractorRecorded'),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: () => form.reset(),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate aria-label={t('vendors.addSubcontractor')}>
      <Stack gap="xs">
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <Group align="flex-end" gap="xs">
          <TextInput label={t('vendors.subcontractor')} placeholder={t('common.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('vendors.whatItDoes')} {...form.getInputProps('service')} />
          <Checkbox label={t('vendors.handlesClientData')} {...form.getInputProps('handlesData', { type: 'checkbox' })} mb={8} />
          <Button type="submit" variant="light" loading={add.isPending}>
            {t('common.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AssessmentForm({ vendor }: { vendor: VendorDetail }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { score: 80 as number | string, conclusion: 'approved', findings: '' } });
  const add = useApiMutation({
    mutationFn: (v: typeof form.values) =>
      api.post(estatePath(clientId, `/vendors/${vendor.id}/assessments`), { score: v.score === '' ? null : Number(v.score), conclusion: v.conclusion, findings: v.findings.split('\n').map((f) => f.trim()).filter(Boolean) }),
    success: t('vendors.assessmentRecorded'),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
    onSuccess: () => form.reset(),
  });
  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate aria-label={t('vendors.recordAssessment')}>
      <Stack gap="xs">
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <Group grow>
          <NumberInput label={t('vendors.score')} min={0} max={100} {...form.getInputProps('score')} />
          <Select label={t('vendors.conclusion')} data={CONCLUSIONS.map((value) => ({ value, label: t(`values.conclusion.${value}`) }))} allowDeselect={false} {...form.getInputProps('conclusion')} />
        </Group>
        <Textarea label={t('vendors.findings')} autosize minRows={2} {...form.getInputProps('findings')} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending}>
            {t('vendors.recordAssessmentButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TierOverride({ vendor }: { vendor: VendorDetail }) {
  const { t } = useTranslation('estate');
  const { clientId } = useCurrentClient();
  const form = useForm({ initialValues: { tier: vendor.tierOverride ? String(vendor.tierOverride) : '', reason: vendor.tierOverrideReason ?? '' } });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => api.patch<VendorDetail>(estatePath(clientId, `/vendors/${vendor.id}`), { tierOverride: v.tier ? Number(v.tier) : null, tierOverrideReason: v.tier ? v.reason : null }),
    success: t('vendors.tierChanged'),
    notifyError: false,
    invalidate: estateInvalidate(clientId),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))} noValidate aria-label={t('vendors.overrideTier')}>
      <Stack gap="xs">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Group align="flex-end" gap="xs">
          <Select label={t('vendors.tierOverride')} placeholder={t('vendors.derivedTier', { tier: vendor.derivedTier })} clearable data={TIERS.map((tier) => ({ value: String(tier), label: t('common.tier', { tier }) }))} {...form.getInputProps('tier')} w={180} />
          <TextInput label={t('common.reason')} style={{ flex: 1 }} {...form.getInputProps('reason')} />
          <Button type="submit" variant="light" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function VendorDetailPage() {
  const { t } = useTranslation('estate');
  const { vendorId = '' } = useParams();
  const { clientId, client, can, href } = useCurrentClient();
  const canEstateEdit = can('estate.edit');
  const vendor = useVendor(clientId, vendorId);
  const [addingContract, setAddingContract] = useState(false);
  if (vendor.isError) return <ErrorAlert error={vendor.error} />;
  const v = vendor.data;
  if (!v) return null;
  const assessLabel = t(`values.assessment.${v.assessment.status}`);
  return (
    <>
      <PageHeader eyebrow={<Anchor component={Link} to={href('vendors')} size="xs">{t('common.vendors')}</Anchor>} title={v.name} documentTitle={`${v.name} · ${client.name}`} description={v.offering ?? undefined} />
      <Stack gap="lg">
        <Group gap="xs">
          <TierBadge tier={v.tier} />
          {v.fourthParty ? <Badge variant="outline" color="grape">{t('common.fourthParty')}</Badge> : null}
          {!v.direct ? <Badge variant="outline" color="gray">{t('vendors.noDirect')}</Badge> : null}
          <Badge variant="light" color="gray" tt="none">{t('vendors.suppliesBadge', { value: t(`values.supplies.${v.supplies}`) })}</Badge>
          <Badge variant="light" color={ASSESSMENT_COLORS[v.assessment.status]}>{v.assessment.nextDue ? t('vendors.assessmentBadgeDue', { label: assessLabel, date: formatDate(v.assessment.nextDue) }) : t('vendors.assessmentBadge', { label: assessLabel })}</Badge>
        </Group>
        {v.assessment.broughtForward ? (
          <Text size="sm" c="orange">
            {t('vendors.broughtForward', { from: v.assessment.broughtForward.from === 'none' ? t('vendors.noDate') : formatDate(v.assessment.broughtForward.from), reason: v.assessment.broughtForward.reason })}
          </Text>
        ) : null}
        <Paper withBorder p="md" component="section" aria-label={t('vendors.whyThisTier')}>
          <Title order={2} fz="h4" mb="xs">
            {t('vendors.whyTier', { tier: v.tier })}
          </Title>
          <Stack gap={2}>
            {v.tierReasons.map((r) => (
              <Text key={r} size="sm">
                {r}
              </Text>
            ))}
          </Stack>
          {canEstateEdit ? (
            <div style={{ marginTop: 12 }}>
              <TierOverride vendor={v} />
            </div>
          ) : null}
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" component="section" aria-label={t('vendors.fourthParties')}>
            <Title order={2} fz="h4" mb="xs">
              {t('vendors.subcontractors')}
            </Title>
            {v.fourthParties.length === 0 ? (
              <Text size="sm" c="dimmed">{t('common.noneRecorded')}</Text>
            ) : (
              <Stack gap={2}>
                {v.fourthParties.map((f) => (
                  <Group key={`${f.parentId}-${f.vendorId}`} gap={6} pl={(f.depth - 1) * 20} wrap="nowrap">
                    <Anchor component={Link} to={href(`vendors/${f.vendorId}`)} size="sm">
                      {f.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {f.service ?? ''}
                      {f.handlesData ? t('vendors.handlesData') : ''}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
            {v.worksFor.length > 0 ? (
              <Text size="sm" mt="sm">
                {t('vendors.worksFor', { names: v.worksFor.map((w) => w.name).join(', ') })}
              </Text>
            ) : null}
            {canEstateEdit ? (
              <div style={{ marginTop: 12 }}>
                <SubcontractorForm vendor={v} />
              </div>
            ) : null}
          </Paper>
          <Paper withBorder p="md" component="section" aria-label={t('vendors.whatDepends')}>
            <Title order={2} fz="h4" mb="xs">
              {t('vendors.whatDepends')}
            </Title>
            {v.dependentServices.length === 0 && v.heldDatasets.length === 0 ? <Text size="sm" c="dimmed">{t('vendors.nothingRecorded')}</Text> : null}
            {v.dependentServices.map((s) => (
              <Text key={s.id} size="sm">
                {s.via ? t('vendors.serviceLineVia', { name: s.name, criticality: t(`values.criticality.${s.criticality}`), via: s.via }) : t('vendors.serviceLine', { name: s.name, criticality: t(`values.criticality.${s.criticality}`) })}
              </Text>
            ))}
            {v.heldDatasets.map((d) => (
              <Text key={d.id} size="sm">
                {d.via ? t('vendors.dataLineVia', { name: d.name, classification: t(`values.classification.${d.classification}`), records: formatNumber(d.records), via: d.via }) : t('vendors.dataLine', { name: d.name, classification: t(`values.classification.${d.classification}`), records: formatNumber(d.records) })}
              </Text>
            ))}
            <Text size="sm" mt="xs" c="dimmed">
              {t('vendors.systemsSupplied', { count: v.systemsTotal, formatted: formatNumber(v.systemsTotal) })}
            </Text>
          </Paper>
        </SimpleGrid>
        <Stack gap="xs" component="section" aria-label={t('vendors.contracts')}>
          <Group justify="space-between">
            <Title order={2} fz="h4">
              {t('vendors.contracts')}
            </Title>
            {canEstateEdit ? (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAddingContract(true)}>
                {t('vendors.addContract')}
              </Button>
            ) : null}
          </Group>
          <TriadTable
            records={v.contracts}
            idAccessor="id"
            aria-label={t('vendors.contracts')} exportAs={t('vendors.contracts')}
            noRecordsText={t('vendors.noContracts')}
            columns={[
              { accessor: 'reference', title: t('common.contract') },
              { accessor: 'annualCost', title: t('common.annualCost'), textAlign: 'right', render: (c: ContractOut) => <Money amount={c.annualCost} currency={client.currency} /> },
              { accessor: 'nextRenewal', title: t('vendors.column.nextRenewal'), render: (c: ContractOut) => (c.status === 'ended' ? t('vendors.ended') : formatDate(c.nextRenewal)) },
              { accessor: 'noticeDeadline', title: t('common.noticeBy'), render: (c: ContractOut) => formatDate(c.noticeDeadline) },
              { accessor: 'autoRenew', title: t('common.autoRenews'), render: (c: ContractOut) => (c.autoRenew ? t('common.yes') : t('common.no')) },
            ]}
          />
        </Stack>
        <Stack gap="xs" component="section" aria-label={t('vendors.assessments')}>
          <Title order={2} fz="h4">
            {t('vendors.assessments')}
          </Title>
          {v.assessments.length === 0 ? <Text size="sm" c="dimmed">{t('vendors.notAssessed')}</Text> : null}
          {v.assessments.map((a) => (
            <Text key={a.id} size="sm">
              {t('vendors.assessmentLine', { date: formatDate(a.assessedOn), conclusion: t(`values.conclusion.${a.conclusion}`) })}
              {a.score !== null ? t('vendors.withScore', { score: a.score }) : ''}
              {a.findings.length > 0 ? ` · ${a.findings.join('; ')}` : ''}
              {a.nextDue ? t('vendors.nextDue', { date: formatDate(a.nextDue) }) : ''}
            </Text>
          ))}
          {canEstateEdit ? <AssessmentForm vendor={v} /> : null}
        </Stack>
      </Stack>
      {addingContract ? <ContractModal vendor={v} onClose={() => setAddingContract(false)} /> : null}
    </>
  );
}
