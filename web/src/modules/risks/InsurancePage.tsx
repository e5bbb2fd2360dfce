/** The client's insurance policies: what each costs against what it is expected to recover, and the loss the company keeps. */
import { ActionIcon, Alert, Button, Card, Group, Modal, MultiSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InsuranceOut, PolicyOut } from '@schema/risks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { PageSkeleton } from '../../components/Skeletons';
import i18n from '../../i18n';
import { useCurrentClient } from '../../layout/client-context';
import { recomputeJob, riskChangeKeys, riskKeys, useRegisterSummary, useScenarioChoices } from './api';
import { money, percent } from './ui';

function useInsurance(clientId: string) {
  const register = useRegisterSummary(clientId);
  return useQuery({
    queryKey: [...riskKeys.all(clientId), 'insurance', register.data?.status.runId ?? null, register.data?.status.refreshing ?? false],
    queryFn: ({ signal }) => api.get<InsuranceOut>(clientPath(clientId, '/risks/insurance'), { signal }),
    placeholderData: keepPreviousData,
  });
}

const num = (v: number | string): number | null => (v === '' ? null : Number(v));

function PolicyModal({ policy, onClose }: { policy: PolicyOut | null; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const { clientId, client } = useCurrentClient();
  const inRegister = useScenarioChoices(clientId, { statuses: ['open', 'treating', 'accepted'], proposals: false });
  const form = useForm({
    initialValues: {
      name: policy?.name ?? t('insurance.defaultName'),
      insurer: policy?.insurer ?? '',
      premium: (policy?.premium ?? '') as number | string,
      deductible: (policy?.deductible ?? '') as number | string,
      limit: (policy?.limit ?? '') as number | string,
      aggregateLimit: (policy?.aggregateLimit ?? '') as number | string,
      renewalOn: policy?.renewalOn ?? '',
      coversAll: policy?.coversAll ?? true,
      scenarioIds: policy && !policy.coversAll ? policy.scenarios.map((s) => s.id) : ([] as string[]),
    },
  });
  const save = useApiMutation({
    mutationFn: (v: typeof form.values) => {
      const body = {
        name: v.name,
        insurer: v.insurer,
        premium: num(v.premium),
        deductible: num(v.deductible),
        limit: num(v.limit),
        aggregateLimit: num(v.aggregateLimit),
        renewalOn: v.renewalOn || null,
        coversAll: v.coversAll,
        ...(v.coversAll ? {} : { scenarioIds: v.scenarioIds }),
      };
      return policy ? api.patch<PolicyOut>(clientPath(clientId, `/risks/insurance/${policy.id}`), body) : api.post<PolicyOut>(clientPath(clientId, '/risks/insurance'), body);
    },
    job: recomputeJob(clientId, (p: PolicyOut) => i18n.t('jobs.recompute.policySaved', { name: `${p.ref} ${p.name}` })),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: onClose,
  });
  const scenarios = (inRegister.data ?? []).map((s) => ({ value: s.id, label: `${s.ref} ${s.title}` }));
  return (
    <Modal opened onClose={onClose} title={policy ? t('insurance.change', { ref: policy.ref }) : t('insurance.add')} size="lg">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))}>
        <Stack gap="sm">
          {save.isError && Object.keys(fieldErrors(save.error)).length === 0 ? <ErrorAlert error={save.error} /> : null}
          <Group grow>
            <TextInput label={t('insurance.policy')} required {...form.getInputProps('name')} />
            <TextInput label={t('insurance.insurer')} required {...form.getInputProps('insurer')} />
          </Group>
          <SimpleGrid cols={2}>
            <NumberInput label={t('insurance.premium', { currency: client.currency })} thousandSeparator="," required {...form.getInputProps('premium')} />
            <NumberInput label={t('insurance.deductible')} description={t('insurance.deductibleHelp')} thousandSeparator="," required {...form.getInputProps('deductible')} />
            <NumberInput label={t('insurance.limit')} description={t('insurance.limitHelp')} thousandSeparator="," required {...form.getInputProps('limit')} />
            <NumberInput label={t('insurance.aggregate')} description={t('insurance.aggregateHelp')} thousandSeparator="," {...form.getInputProps('aggregateLimit')} />
          </SimpleGrid>
          <TextInput type="date" label={t('insurance.renewal')} w={220} {...form.getInputProps('renewalOn')} />
          <SegmentedControl
            data={[
              { value: 'all', label: t('insurance.coversAll') },
              { value: 'some', label: t('insurance.coversSome') },
            ]}
            value={form.values.coversAll ? 'all' : 'some'}
            onChange={(v) => form.setFieldValue('coversAll', v === 'all')}
          />
          {!form.values.coversAll ? <MultiSelect label={t('insurance.covered')} searchable data={scenarios} {...form.getInputProps('scenarioIds')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('insurance.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {policy ? t('insurance.save') : t('insurance.addButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function InsurancePage() {
  const { t } = useTranslation('risks');
  const { clientId, client } = useCurrentClient();
  const q = useInsurance(clientId);
  const [editing, setEditing] = useState<PolicyOut | 'new' | null>(null);
  const remove = useApiMutation({
    mutationFn: (p: PolicyOut) => api.delete(clientPath(clientId, `/risks/insurance/${p.id}`)),
    job: recomputeJob(clientId, () => i18n.t('jobs.recompute.policyRemoved')),
    invalidate: riskChangeKeys(clientId),
  });
  if (q.isPending) return <PageSkeleton />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const cur = client.currency;
  return (
    <Stack gap="lg">
      {d.summary ? (
        <Card component="section" aria-label={t('insurance.kept')}>
          <Title order={2} fz="h3" mb="sm">
            {t('insurance.keeps')}
          </Title>
          <Table withTableBorder aria-label={t('insurance.beforeAfter')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">{t('insurance.before')}</Table.Th>
                <Table.Th ta="right">{t('insurance.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{t('insurance.mean')}</Table.Td>
                <Table.Td ta="right">{money(d.summary.before.mean, cur)}</Table.Td>
                <Table.Td ta="right">{money(d.summary.kept.mean, cur)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('insurance.p90')}</Table.Td>
                <Table.Td ta="right">{money(d.summary.before.p90, cur)}</Table.Td>
                <Table.Td ta="right">{money(d.summary.kept.p90, cur)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('insurance.p99')}</Table.Td>
                <Table.Td ta="right">{money(d.summary.before.p99, cur)}</Table.Td>
                <Table.Td ta="right">{money(d.summary.kept.p99, cur)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>{t('insurance.premiums')}</Table.Td>
                <Table.Td ta="right">{t('insurance.paid', { v: money(d.summary.premium, cur) })}</Table.Td>
                <Table.Td ta="right">{t('insurance.recovered', { v: money(d.summary.expectedRecovery, cur) })}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" mt="sm">
            {d.summary.sentence}
          </Text>
        </Card>
      ) : d.policies.length > 0 ? (
        <Alert color="blue" title={t('insurance.recomputing')}>
          {t('insurance.recomputingText')}
        </Alert>
      ) : null}
      <Card component="section" aria-label={t('insurance.policies')}>
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h3">
            {t('insurance.policiesTitle')}
          </Title>
          {d.can.edit ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('insurance.addPolicy')}
            </Button>
          ) : null}
        </Group>
        {d.policies.length === 0 ? (
          <EmptyState title={t('insurance.emptyTitle')} description={t('insurance.emptyDescription')} />
        ) : (
          <Table withTableBorder verticalSpacing="sm" aria-label={t('insurance.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('insurance.policy')}</Table.Th>
                <Table.Th ta="right">{t('insurance.deductibleColumn')}</Table.Th>
                <Table.Th ta="right">{t('insurance.limitColumn')}</Table.Th>
                <Table.Th ta="right">{t('insurance.premiumColumn')}</Table.Th>
                <Table.Th ta="right">{t('insurance.recovery')}</Table.Th>
                <Table.Th ta="right">{t('insurance.claimYears')}</Table.Th>
                <Table.Th>{t('insurance.renews')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.policies.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {p.ref} {p.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.insurer} · {p.coversAll ? t('insurance.coversEvery') : t('insurance.coversRefs', { refs: p.scenarios.map((s) => s.ref).join(', ') })}
                    </Text>
                    {p.sentence ? (
                      <Text size="xs" mt={4}>
                        {p.sentence}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{money(p.deductible, cur)}</Table.Td>
                  <Table.Td ta="right">
                    {money(p.limit, cur)} / {p.aggregateLimit === null ? t('insurance.noAggregate') : money(p.aggregateLimit, cur)}
                  </Table.Td>
                  <Table.Td ta="right">{money(p.premium, cur)}</Table.Td>
                  <Table.Td ta="right">{p.figures ? money(p.figures.expectedRecovery, cur) : '…'}</Table.Td>
                  <Table.Td ta="right">{p.figures ? percent(p.figures.probabilityOfClaim) : '…'}</Table.Td>
                  <Table.Td>{p.renewalOn ? formatDate(p.renewalOn) : '—'}</Table.Td>
                  <Table.Td>
                    {d.can.edit ? (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon variant="subtle" aria-label={t('insurance.change', { ref: p.ref })} onClick={() => setEditing(p)}>
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red" aria-label={t('insurance.remove', { ref: p.ref })} onClick={() => remove.mutate(p)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {editing ? <PolicyModal policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
