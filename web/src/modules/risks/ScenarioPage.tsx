import { numberLocale } from '../../components/format';
import { ActionIcon, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowLeft, IconCheck, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { FairInputs, ScenarioDetailOut, Stats, TreatmentOut } from '@schema/risks';
import { lossDistributionOption, lossExceedanceOption } from '@shared/charts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { describeDistribution, FACTORS, lecLabels, money, percent, RatingBadge, RefreshBanner, StatusBadge, TreatmentBadge, type RiskT } from './ui';

function ResultColumn({ title, stats, currency, note }: { title: string; stats: Stats | null; currency: string; note?: string }) {
  const { t } = useTranslation('risks');
  const rare = stats ? rareSentence(t, stats, currency) : null;
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
              {t('scenario.aYear')}
            </Text>
          </Text>
          {rare ? <Text size="sm">{rare}</Text> : <Text size="sm">{t('scenario.p90', { v: money(stats.p90, currency) })}</Text>}
          <Text size="sm">{t('scenario.p99', { v: money(stats.p99, currency) })}</Text>
          {rare ? null : (
            <Text size="sm" c="dimmed">
              {t('scenario.lossIn', { share: percent(stats.probabilityOfLoss) })}
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

function effectText(t: RiskT, treatment: TreatmentOut): string {
  return Object.entries(treatment.effect)
    .map(([k, d]) => {
      const factor = FACTORS.find((f) => f.key === k);
      return `${factor ? t(`factor.${factor.key}.label`) : k} × ${describeDistribution(t, d, 'multiplier', 'USD')}`;
    })
    .join('; ');
}

function InputsCard({ scenario, clientId }: { scenario: ScenarioDetailOut; clientId: string }) {
  const { t } = useTranslation('risks');
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
          {t('scenario.inputs')}
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
            {t('scenario.adjust')}
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <FairInputsEditor value={draft} onChange={setDraft} currency={scenario.currency} />
          {preview ? (
            <Text size="sm" role="status">
              {t('scenario.preview', { mean: money(preview.mean, scenario.currency), p90: money(preview.p90, scenario.currency) })}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(false)}>
              {t('scenario.cancel')}
            </Button>
            <Button onClick={() => save.mutate(draft)} loading={save.isPending} disabled={invalid}>
              {t('scenario.saveInputs')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Table aria-label={t('scenario.inputs')} verticalSpacing="sm">
          <Table.Tbody>
            {FACTORS.filter((f) => scenario.inputs[f.key] !== undefined).map((f) => (
              <Table.Tr key={f.key}>
                <Table.Td w="40%">
                  <Text size="sm" fw={600}>
                    {t(`factor.${f.key}.label`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`factor.${f.key}.help`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeDistribution(t, scenario.inputs[f.key], f.unit, scenario.currency)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('scenario.closedForm', { v: money(scenario.expectedMean, scenario.currency) })}
      </Text>
    </Card>
  );
}

function TreatmentsCard({ scenario, clientId }: { scenario: ScenarioDetailOut; clientId: string }) {
  const { t } = useTranslation('risks');
  const [editing, setEditing] = useState<TreatmentOut | 'new' | null>(null);
  const remove = useApiMutation({
    mutationFn: (x: TreatmentOut) => api.delete(clientPath(clientId, `/risks/${scenario.id}/treatments/${x.id}`)),
    success: t('scenario.treatmentRemoved'),
    invalidate: riskChangeKeys(clientId),
  });
  const r = scenario.result;
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h3">
          {t('scenario.treatments')}
        </Title>
        {scenario.permissions.treat ? (
          <Button size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('scenario.addTreatment')}
          </Button>
        ) : null}
      </Group>
      {scenario.treatmentList.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('scenario.noTreatments')}
        </Text>
      ) : (
        <Table aria-label={t('scenario.treatments')} verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('scenario.treatment')}</Table.Th>
              <Table.Th>{t('scenario.status')}</Table.Th>
              <Table.Th ta="right">{t('scenario.annualCost')}</Table.Th>
              <Table.Th ta="right">{t('scenario.oneTimeCost')}</Table.Th>
              <Table.Th>{t('scenario.effect')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scenario.treatmentList.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {x.ref} {x.name}
                  </Text>
                  {x.description ? (
                    <Text size="xs" c="dimmed">
                      {x.description}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <TreatmentBadge status={x.status} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money amount={x.annualCost} currency={scenario.currency} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money amount={x.oneTimeCost} currency={scenario.currency} size="sm" />
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{effectText(t, x)}</Text>
                </Table.Td>
                <Table.Td>
                  {scenario.permissions.treat ? (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={t('scenario.change', { name: x.name })} onClick={() => setEditing(x)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('scenario.remove', { name: x.name })}
                        onClick={() =>
                          modals.openConfirmModal({
                            title: t('scenario.removeTitle', { name: `${x.ref} ${x.name}` }),
                            children: <Text size="sm">{t('scenario.removeText')}</Text>,
                            labels: { confirm: t('scenario.removeConfirm'), cancel: t('scenario.cancel') },
                            confirmProps: { color: 'red' },
                            onConfirm: () => remove.mutate(x),
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
          {t('scenario.rosi', { cost: money(r.treatmentCost, scenario.currency), saving: money(r.inherent.mean - r.residual.mean, scenario.currency), rosi: r.rosi === null ? '—' : `${(r.rosi * 100).toFixed(0)} %` })}
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
  const { t } = useTranslation('risks');
  const { riskId = '' } = useParams();
  const { clientId, client, href, can } = useCurrentClient();
  const navigate = useNavigate();
  const query = useScenario(clientId, riskId);
  const register = useRegisterSummary(clientId);
  const approve = useApiMutation({
    mutationFn: () => api.post(clientPath(clientId, `/risks/${riskId}/approve`), {}),
    success: t('scenario.approved'),
    invalidate: riskChangeKeys(clientId),
  });
  const remove = useApiMutation({
    mutationFn: () => api.delete(clientPath(clientId, `/risks/${riskId}`)),
    success: t('scenario.deleted'),
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
          <IconArrowLeft size={14} /> {t('scenario.back')}
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
                {t('scenario.approve')}
              </Button>
            ) : null}
            {s.permissions.edit ? (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditingDetails(true)}>
                {t('scenario.editDetails')}
              </Button>
            ) : null}
            {s.permissions.edit ? (
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() =>
                  modals.openConfirmModal({
                    title: t('scenario.deleteTitle', { ref: s.ref }),
                    children: <Text size="sm">{t('scenario.deleteText')}</Text>,
                    labels: { confirm: t('scenario.delete'), cancel: t('scenario.cancel') },
                    confirmProps: { color: 'red' },
                    onConfirm: () => remove.mutate(),
                  })
                }
              >
                {t('scenario.delete')}
              </Button>
            ) : null}
            <HistoryLink entityType="risk" entityId={s.id} />
          </Group>
        }
      />
      <Stack gap="lg">
        <Group gap="sm">
          <StatusBadge status={s.status} proposed={s.proposed} />
          <Badge variant="default">{t('scenario.owner', { seat: s.ownerSeat })}</Badge>
          {s.threat ? <Badge variant="default">{t('scenario.threat', { threat: s.threat })}</Badge> : null}
          {r ? <RatingBadge rating={r.rating} /> : null}
          {s.links.map((l, i) => (
            <Badge key={i} variant="outline" color="gray">
              {t(`linkKind.${l.kind}`)}: {l.label}
            </Badge>
          ))}
        </Group>
        {s.statusReason ? (
          <Text size="sm" c="dimmed">
            {t('scenario.statusReason', { reason: s.statusReason })}
          </Text>
        ) : null}
        {register.data ? <RefreshBanner status={register.data.status} /> : null}
        <Card>
          <Title order={2} fz="h3" mb="sm">
            {r?.stale ? t('scenario.resultRefreshing') : t('scenario.result')}
          </Title>
          {r ? (
            <>
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <ResultColumn title={t('scenario.inherent')} stats={r.inherent} currency={s.currency} />
                <ResultColumn title={t('scenario.residual')} stats={r.residual} currency={s.currency} note={t('scenario.noResidual')} />
                <ResultColumn title={t('scenario.withProposed')} stats={r.withProposed} currency={s.currency} note={t('scenario.noProposed')} />
              </SimpleGrid>
              {r.share !== null ? (
                <Text size="sm" c="dimmed" mt="sm">
                  {t('scenario.share', { share: percent(r.share) })}
                </Text>
              ) : (
                <Text size="sm" c="dimmed" mt="sm">
                  {s.proposed ? t('scenario.notCountedProposed') : t('scenario.notCounted')}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('scenario.notSimulated')}
            </Text>
          )}
        </Card>
        {s.curves && current && current.histogram.counts.length > 0 ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card>
              <Title order={3} fz="h4" mb="xs">
                {t('scenario.distribution')}
              </Title>
              <Chart height={300} label={t('scenario.distributionChart')} option={lossDistributionOption({
                  currency: s.currency,
                  histogram: current.histogram,
                  years,
                  label: s.curves.residual ? t('scenario.withTreatments') : t('scenario.yearsWithLoss'),
                  compare: s.curves.residual ? { label: t('scenario.withoutTreatments'), histogram: s.curves.inherent.histogram } : null,
                  markers: r ? [{ label: 'P90', value: (r.residual ?? r.inherent).p90 }, { label: 'P99', value: (r.residual ?? r.inherent).p99 }] : [],
                })}
              />
            </Card>
            <Card>
              <Title order={3} fz="h4" mb="xs">
                {t('scenario.exceedance')}
              </Title>
              <Chart height={300} label={t('scenario.exceedanceChart')} option={lossExceedanceOption({ currency: s.currency, inherent: s.curves.inherent.lec, residual: s.curves.residual?.lec ?? null, labels: lecLabels(t), locale: numberLocale() })} />
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
