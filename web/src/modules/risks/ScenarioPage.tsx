import { ActionIcon, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconCheck, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { FairInputs, ScenarioDetailOut, Stats, TreatmentOut } from '@schema/risks';
import { lossDistributionOption, lossExceedanceOption } from '@shared/charts';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, clientPath } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { Chart } from './Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Money } from '../../components/Money';
import { HistoryLink } from '../../components/HistoryLink';
import { PageHeader } from '../../components/PageHeader';
import { PageSkeleton } from '../../components/Skeletons';
import i18n from '../../i18n';
import { useCurrentClient } from '../../layout/client-context';
import { rareSentence } from './P90Cell';
import { recomputeJob, riskChangeKeys, useRegisterSummary, useScenario } from './api';
import { FairInputsEditor, inputProblems } from './inputs';
import { useSimulationPreview } from './preview';
import { DetailsModal } from './DetailsModal';
import { TreatmentModal } from './TreatmentModal';
import { describeDistribution, FACTORS, money, percent, RatingBadge, RefreshBanner, StatusBadge, TreatmentBadge } from './ui';

function ResultColumn({ title, stats, currency, note }: { title: string; stats: Stats | null; currency: string; note?: string }) {
  return (
    <Card withBorder padding="md" bg={stats ? undefined : 'gray.0'} role="group" aria-label={title}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {title}
      </Text>
      {stats ? (
        <Stack gap={2} mt={6}>
          <Text fz={22} fw={650} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {money(stats.mean, currency)}
            <Text span size="sm" c="dimmed" fw={400}>
              {' '}
              a year
            </Text>
          </Text>
          {rareSentence(stats, currency) ? <Text size="sm">{rareSentence(stats, currency)}</Text> : <Text size="sm">1-in-10-year loss (P90): {money(stats.p90, currency)}</Text>}
          <Text size="sm">1-in-100-year loss (P99): {money(stats.p99, currency)}</Text>
          {rareSentence(stats, currency) ? null : (
            <Text size="sm" c="dimmed">
              A loss in {percent(stats.probabilityOfLoss)} of years
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed" mt={6}>
          {note ?? '—'}
        </Text>
      )}
    </Card>
  );
}

function effectText(t: TreatmentOut): string {
  return Object.entries(t.effect)
    .map(([k, d]) => `${FACTORS.find((f) => f.key === k)?.label ?? k} × ${describeDistribution(d, 'multiplier', 'USD')}`)
    .join('; ');
}

function InputsCard({ scenario, clientId }: { scenario: ScenarioDetailOut; clientId: string }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<FairInputs>(scenario.inputs);
  const preview = useSimulationPreview(draft);
  const save = useApiMutation({
    mutationFn: (inputs: FairInputs) => api.patch<ScenarioDetailOut>(clientPath(clientId, `/risks/${scenario.id}`), { inputs }),
    job: recomputeJob(clientId, () => i18n.t('jobs.recompute.inputsSaved')),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: () => setEditing(false),
  });
  const invalid = Object.keys(inputProblems(draft)).length > 0;
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h3">
          FAIR inputs
        </Title>
        {scenario.permissions.edit && !editing ? (
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconPencil size={14} />}
            onClick={() => {
              setDraft(scenario.inputs);
              setEditing(true);
            }}
          >
            Adjust ranges
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <FairInputsEditor value={draft} onChange={setDraft} currency={scenario.currency} />
          {preview ? (
            <Text size="sm" role="status">
              Preview: {money(preview.mean, scenario.currency)} a year, P90 {money(preview.p90, scenario.currency)} (simulated in your browser before saving).
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button onClick={() => save.mutate(draft)} loading={save.isPending} disabled={invalid}>
              Save inputs
            </Button>
          </Group>
        </Stack>
      ) : (
        <Table aria-label="FAIR inputs" verticalSpacing="sm">
          <Table.Tbody>
            {FACTORS.filter((f) => scenario.inputs[f.key] !== undefined).map((f) => (
              <Table.Tr key={f.key}>
                <Table.Td w="40%">
                  <Text size="sm" fw={600}>
                    {f.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {f.help}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeDistribution(scenario.inputs[f.key], f.unit, scenario.currency)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Closed-form mean before treatments: {money(scenario.expectedMean, scenario.currency)} a year.
      </Text>
    </Card>
  );
}

function TreatmentsCard({ scenario, clientId }: { scenario: ScenarioDetailOut; clientId: string }) {
  const [editing, setEditing] = useState<TreatmentOut | 'new' | null>(null);
  const remove = useApiMutation({
    mutationFn: (t: TreatmentOut) => api.delete(clientPath(clientId, `/risks/${scenario.id}/treatments/${t.id}`)),
    success: 'Treatment removed.',
    invalidate: riskChangeKeys(clientId),
  });
  const r = scenario.result;
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h3">
          Treatments
        </Title>
        {scenario.permissions.treat ? (
          <Button size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            Add treatment
          </Button>
        ) : null}
      </Group>
      {scenario.treatmentList.length === 0 ? (
        <Text size="sm" c="dimmed">
          No treatments yet.
        </Text>
      ) : (
        <Table aria-label="Treatments" verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Treatment</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Annual cost</Table.Th>
              <Table.Th ta="right">One-time cost</Table.Th>
              <Table.Th>Effect</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scenario.treatmentList.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {t.ref} {t.name}
                  </Text>
                  {t.description ? (
                    <Text size="xs" c="dimmed">
                      {t.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <TreatmentBadge status={t.status} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money amount={t.annualCost} currency={scenario.currency} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money amount={t.oneTimeCost} currency={scenario.currency} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{effectText(t)}</Text>
                </Table.Td>
                <Table.Td>
                  {scenario.permissions.treat ? (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={`Change ${t.name}`} onClick={() => setEditing(t)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${t.name}`}
                        onClick={() =>
                          modals.openConfirmModal({
                            title: `Remove ${t.ref} ${t.name}?`,
                            children: <Text size="sm">The treatment is removed from this scenario; the audit trail keeps it.</Text>,
                            labels: { confirm: 'Remove', cancel: 'Cancel' },
                            confirmProps: { color: 'red' },
                            onConfirm: () => remove.mutate(t),
                          })
                        }
                      >
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
      {r && r.residual ? (
        <Text size="sm" mt="sm">
          Planned and in-place treatments cost {money(r.treatmentCost, scenario.currency)} a year and lower the expected loss by {money(r.inherent.mean - r.residual.mean, scenario.currency)}: a
          return on security investment of {r.rosi === null ? '—' : `${(r.rosi * 100).toFixed(0)} %`}.
        </Text>
      ) : null}
      {editing ? (
        <TreatmentModal
          key={editing === 'new' ? 'new' : editing.id}
          clientId={clientId}
          scenarioId={scenario.id}
          inputs={scenario.inputs}
          currency={scenario.currency}
          treatment={editing === 'new' ? null : editing}
          opened
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

/** One scenario: what it is, its inputs in plain language, its result, its treatments. */
export function ScenarioPage() {
  const { riskId = '' } = useParams();
  const { clientId, client, href, can } = useCurrentClient();
  const navigate = useNavigate();
  const query = useScenario(clientId, riskId);
  const register = useRegisterSummary(clientId);
  const approve = useApiMutation({
    mutationFn: () => api.post(clientPath(clientId, `/risks/${riskId}/approve`), {}),
    success: 'Approved into the register.',
    invalidate: riskChangeKeys(clientId),
  });
  const remove = useApiMutation({
    mutationFn: () => api.delete(clientPath(clientId, `/risks/${riskId}`)),
    success: 'Scenario deleted.',
    invalidate: riskChangeKeys(clientId),
    onSuccess: () => void navigate(href('risks')),
  });
  const [editingDetails, setEditingDetails] = useState(false);
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  const r = s.result;
  const years = register.data?.status.years ?? 0;
  const current = s.curves?.residual ?? s.curves?.inherent ?? null;
  return (
    <>
      <Anchor component={Link} to={href('risks')} size="sm" mb="sm" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Risk register
        </Group>
      </Anchor>
      <PageHeader
        eyebrow={`${s.ref} · ${client.name}`}
        title={s.title}
        documentTitle={`${s.ref} ${s.title}`}
        description={s.description ?? undefined}
        actions={
          <Group gap="sm">
            {s.permissions.approve ? (
              <Button leftSection={<IconCheck size={16} />} color="teal" onClick={() => approve.mutate()} loading={approve.isPending}>
                Approve into the register
              </Button>
            ) : null}
            {s.permissions.edit ? (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditingDetails(true)}>
                Edit details
              </Button>
            ) : null}
            {s.permissions.edit ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() =>
                  modals.openConfirmModal({
                    title: `Delete ${s.ref}?`,
                    children: <Text size="sm">The scenario, its treatments and links are deleted; the audit trail keeps a record.</Text>,
                    labels: { confirm: 'Delete', cancel: 'Cancel' },
                    confirmProps: { color: 'red' },
                    onConfirm: () => remove.mutate(),
                  })
                }
              >
                Delete
              </Button>
            ) : null}
            <HistoryLink entityType="risk" entityId={s.id} />
          </Group>
        }
      />
      <Stack gap="lg">
        <Group gap="sm">
          <StatusBadge status={s.status} proposed={s.proposed} />
          <Badge variant="default">Owner: {s.ownerSeat}</Badge>
          {s.threat ? <Badge variant="default">Threat: {s.threat}</Badge> : null}
          {r ? <RatingBadge rating={r.rating} /> : null}
          {s.links.map((l, i) => (
            <Badge key={i} variant="outline" color="gray">
              {l.kind}: {l.label}
            </Badge>
          ))}
        </Group>
        {s.statusReason ? (
          <Text size="sm" c="dimmed">
            Status: {s.statusReason}
          </Text>
        ) : null}
        {register.data ? <RefreshBanner status={register.data.status} /> : null}
        <Card>
          <Title order={2} fz="h3" mb="sm">
            Result{r?.stale ? ' (being refreshed)' : ''}
          </Title>
          {r ? (
            <>
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <ResultColumn title="Inherent (no treatments)" stats={r.inherent} currency={s.currency} />
                <ResultColumn title="Residual (planned and in place)" stats={r.residual} currency={s.currency} note="No planned or in-place treatment yet." />
                <ResultColumn title="With proposed treatments too" stats={r.withProposed} currency={s.currency} note="No proposed treatment." />
              </SimpleGrid>
              {r.share !== null ? (
                <Text size="sm" c="dimmed" mt="sm">
                  {percent(r.share)} of the client&apos;s expected annual loss.
                </Text>
              ) : (
                <Text size="sm" c="dimmed" mt="sm">
                  Not counted in the client&apos;s totals{s.proposed ? ' until an advisor approves it' : ''}.
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              Not simulated yet: the result appears when the refresh has run.
            </Text>
          )}
        </Card>
        {s.curves && current && current.histogram.counts.length > 0 ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card>
              <Title order={3} fz="h4" mb="xs">
                Loss distribution
              </Title>
              <Chart height={300} label="Loss distribution of the scenario" option={lossDistributionOption({
                  currency: s.currency,
                  histogram: current.histogram,
                  years,
                  label: s.curves.residual ? 'With treatments' : 'Years with this loss',
                  compare: s.curves.residual ? { label: 'Without treatments', histogram: s.curves.inherent.histogram } : null,
                  markers: r ? [{ label: 'P90', value: (r.residual ?? r.inherent).p90 }, { label: 'P99', value: (r.residual ?? r.inherent).p99 }] : [],
                })}
              />
            </Card>
            <Card>
              <Title order={3} fz="h4" mb="xs">
                Loss exceedance
              </Title>
              <Chart height={300} label="Loss exceedance curve of the scenario" option={lossExceedanceOption({ currency: s.currency, inherent: s.curves.inherent.lec, residual: s.curves.residual?.lec ?? null })} />
            </Card>
          </SimpleGrid>
        ) : null}
        {editingDetails ? <DetailsModal clientId={clientId} scenario={s} canSetStatus={can('risks.edit')} onClose={() => setEditingDetails(false)} /> : null}
        <TreatmentsCard scenario={s} clientId={clientId} />
        <InputsCard key={JSON.stringify(s.inputs)} scenario={s} clientId={clientId} />
      </Stack>
    </>
  );
}
