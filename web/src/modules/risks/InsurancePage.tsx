/** The client's insurance policies: what each costs against what it is expected to recover, and the loss the company keeps. */
import { ActionIcon, Alert, Button, Card, Group, Modal, MultiSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InsuranceOut, PolicyOut } from '@schema/risks';
import { useState } from 'react';
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
  const { clientId, client } = useCurrentClient();
  const inRegister = useScenarioChoices(clientId, { statuses: ['open', 'treating', 'accepted'], proposals: false });
  const form = useForm({
    initialValues: {
      name: policy?.name ?? 'Cyber liability',
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
    <Modal opened onClose={onClose} title={policy ? `Change ${policy.ref}` : 'Add an insurance policy'} size="lg">
      <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => form.setErrors(fieldErrors(err)) }))}>
        <Stack gap="sm">
          {save.isError && Object.keys(fieldErrors(save.error)).length === 0 ? <ErrorAlert error={save.error} /> : null}
          <Group grow>
            <TextInput label="Policy" required {...form.getInputProps('name')} />
            <TextInput label="Insurer" required {...form.getInputProps('insurer')} />
          </Group>
          <SimpleGrid cols={2}>
            <NumberInput label={`Premium a year (${client.currency})`} thousandSeparator="," required {...form.getInputProps('premium')} />
            <NumberInput label="Deductible per loss event" description="What the company keeps of each event" thousandSeparator="," required {...form.getInputProps('deductible')} />
            <NumberInput label="Limit per loss event" description="Most the policy pays for one event" thousandSeparator="," required {...form.getInputProps('limit')} />
            <NumberInput label="Annual aggregate limit" description="Most it pays in a year; leave empty for none" thousandSeparator="," {...form.getInputProps('aggregateLimit')} />
          </SimpleGrid>
          <TextInput type="date" label="Renewal date" w={220} {...form.getInputProps('renewalOn')} />
          <SegmentedControl
            data={[
              { value: 'all', label: 'Covers every scenario' },
              { value: 'some', label: 'Covers some scenarios' },
            ]}
            value={form.values.coversAll ? 'all' : 'some'}
            onChange={(v) => form.setFieldValue('coversAll', v === 'all')}
          />
          {!form.values.coversAll ? <MultiSelect label="Covered scenarios" searchable data={scenarios} {...form.getInputProps('scenarioIds')} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {policy ? 'Save policy' : 'Add policy'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function InsurancePage() {
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
        <Card component="section" aria-label="Loss kept after insurance">
          <Title order={2} fz="h3" mb="sm">
            What the company keeps
          </Title>
          <Table withTableBorder aria-label="Before and after insurance">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">Before insurance</Table.Th>
                <Table.Th ta="right">Kept after insurance</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>Expected loss a year</Table.Td>
                <Table.Td ta="right">{money(d.summary.before.mean, cur)}</Table.Td>
                <Table.Td ta="right">{money(d.summary.kept.mean, cur)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>1-in-10-year loss</Table.Td>
                <Table.Td ta="right">{money(d.summary.before.p90, cur)}</Table.Td>
                <Table.Td ta="right">{money(d.summary.kept.p90, cur)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>1-in-100-year loss</Table.Td>
                <Table.Td ta="right">{money(d.summary.before.p99, cur)}</Table.Td>
                <Table.Td ta="right">{money(d.summary.kept.p99, cur)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>Premiums against expected recovery, a year</Table.Td>
                <Table.Td ta="right">{money(d.summary.premium, cur)} paid</Table.Td>
                <Table.Td ta="right">{money(d.summary.expectedRecovery, cur)} recovered</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" mt="sm">
            {d.summary.sentence}
          </Text>
        </Card>
      ) : d.policies.length > 0 ? (
        <Alert color="blue" title="Being recomputed">
          The register is being simulated with the policies; the loss kept after insurance appears when it is done.
        </Alert>
      ) : null}
      <Card component="section" aria-label="Insurance policies">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h3">
            Policies
          </Title>
          {d.can.edit ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              Add a policy
            </Button>
          ) : null}
        </Group>
        {d.policies.length === 0 ? (
          <EmptyState title="No insurance policy yet" description="Add the client's cyber policy: the register then shows the loss the company keeps, and what the premium buys." />
        ) : (
          <Table withTableBorder verticalSpacing="sm" aria-label="Policies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Policy</Table.Th>
                <Table.Th ta="right">Deductible</Table.Th>
                <Table.Th ta="right">Limit per event / a year</Table.Th>
                <Table.Th ta="right">Premium</Table.Th>
                <Table.Th ta="right">Expected recovery</Table.Th>
                <Table.Th ta="right">Years with a claim</Table.Th>
                <Table.Th>Renews</Table.Th>
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
                      {p.insurer} · {p.coversAll ? 'covers every scenario' : `covers ${p.scenarios.map((s) => s.ref).join(', ')}`}
                    </Text>
                    {p.sentence ? (
                      <Text size="xs" mt={4}>
                        {p.sentence}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right">{money(p.deductible, cur)}</Table.Td>
                  <Table.Td ta="right">
                    {money(p.limit, cur)} / {p.aggregateLimit === null ? 'no aggregate' : money(p.aggregateLimit, cur)}
                  </Table.Td>
                  <Table.Td ta="right">{money(p.premium, cur)}</Table.Td>
                  <Table.Td ta="right">{p.figures ? money(p.figures.expectedRecovery, cur) : '…'}</Table.Td>
                  <Table.Td ta="right">{p.figures ? percent(p.figures.probabilityOfClaim) : '…'}</Table.Td>
                  <Table.Td>{p.renewalOn ? formatDate(p.renewalOn) : '—'}</Table.Td>
                  <Table.Td>
                    {d.can.edit ? (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon variant="subtle" aria-label={`Change ${p.ref}`} onClick={() => setEditing(p)}>
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove ${p.ref}`} onClick={() => remove.mutate(p)}>
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
