import { Accordion, ActionIcon, Badge, Button, Card, Group, Modal, MultiSelect, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ScenarioListItem } from '@schema/risks';
import type { OptionSetOut } from '@schema/risks/options';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath } from '../../api/client';
import { keys } from '../../api/keys';
import { useApiMutation } from '../../api/mutation';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSkeleton } from '../../components/Skeletons';
import i18n from '../../i18n';
import { useCurrentClient } from '../../layout/client-context';
import { recomputeJob, riskChangeKeys, useOptionSets, useRegisterSummary, useScenario, useScenarioChoices } from './api';
import { EffectRows, rowsToEffect, type EffectRow } from './TreatmentModal';
import { money, RefreshBanner, type RiskT } from './ui';

interface MeasureDraft {
  name: string;
  annualCost: number;
  oneTimeCost: number;
  effects: Record<string, EffectRow[]>;
}
interface OptionDraft {
  name: string;
  description: string;
  measures: MeasureDraft[];
}

const newMeasure = (): MeasureDraft => ({ name: '', annualCost: 0, oneTimeCost: 0, effects: {} });
const newOption = (t: RiskT, n: number): OptionDraft => ({ name: t('options.optionName', { letter: String.fromCharCode(64 + n) }), description: '', measures: [newMeasure()] });

/** Builds a set of two or more options, each a list of measures with their costs and effects per scenario. */
function OptionSetModal({ clientId, scenarios, onClose }: { clientId: string; scenarios: ScenarioListItem[]; onClose: () => void }) {
  const { t } = useTranslation('risks');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [scenarioIds, setScenarioIds] = useState<string[]>([]);
  const [options, setOptions] = useState<OptionDraft[]>(() => [newOption(t, 1), newOption(t, 2)]);
  const chosen = scenarios.filter((s) => scenarioIds.includes(s.id));
  const save = useApiMutation({
    mutationFn: (body: unknown) => api.post<OptionSetOut>(clientPath(clientId, '/risks/options'), body),
    job: recomputeJob(clientId, () => i18n.t('jobs.recompute.optionsSaved')),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: onClose,
  });
  const setOption = (i: number, o: OptionDraft) => setOptions(options.map((x, j) => (j === i ? o : x)));
  const setMeasure = (i: number, k: number, m: MeasureDraft) => setOption(i, { ...options[i]!, measures: options[i]!.measures.map((x, j) => (j === k ? m : x)) });
  const submit = () =>
    save.mutate({
      title: title.trim(),
      description: description.trim() || null,
      scenarioIds,
      options: options.map((o) => ({
        name: o.name.trim(),
        description: o.description.trim() || null,
        measures: o.measures.map((m) => ({
          name: m.name.trim(),
          annualCost: m.annualCost,
          oneTimeCost: m.oneTimeCost,
          effects: Object.entries(m.effects)
            .filter(([id, rows]) => scenarioIds.includes(id) && rows.length > 0)
            .map(([scenarioId, rows]) => ({ scenarioId, effect: rowsToEffect(rows) })),
        })),
      })),
    });
  return (
    <Modal opened onClose={onClose} title={t('options.modalTitle')} size="xl">
      <Stack gap="md">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <TextInput label={t('options.project')} placeholder={t('options.projectPlaceholder')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
        <Textarea label={t('options.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <MultiSelect
          label={t('options.scenarios')}
          description={t('options.scenariosHelp')}
          data={scenarios.map((s) => ({ value: s.id, label: `${s.ref} ${s.title}` }))}
          value={scenarioIds}
          onChange={setScenarioIds}
          searchable
        />
        {options.map((o, i) => (
          <Card key={i} withBorder>
            <Group justify="space-between" mb="xs">
              <TextInput aria-label={t('options.optionNameLabel', { n: i + 1 })} value={o.name} onChange={(e) => setOption(i, { ...o, name: e.currentTarget.value })} style={{ flex: 1 }} />
              {options.length > 2 ? (
                <ActionIcon variant="subtle" color="gray" aria-label={t('options.removeOption', { n: i + 1 })} onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
            <Textarea aria-label={t('options.optionDescription', { n: i + 1 })} placeholder={t('options.whatItIs')} autosize minRows={1} value={o.description} onChange={(e) => setOption(i, { ...o, description: e.currentTarget.value })} mb="sm" />
            {o.measures.map((m, k) => (
              <Stack key={k} gap="xs" mb="sm" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
                <Group grow align="flex-end">
                  <TextInput label={t('options.measure')} aria-label={t('options.measureLabel', { n: i + 1, k: k + 1 })} value={m.name} onChange={(e) => setMeasure(i, k, { ...m, name: e.currentTarget.value })} />
                  <NumberInput label={t('options.annualCost')} aria-label={t('options.annualCostLabel', { n: i + 1, k: k + 1 })} min={0} thousandSeparator="," value={m.annualCost} onChange={(v) => setMeasure(i, k, { ...m, annualCost: Number(v) || 0 })} />
                  <NumberInput label={t('options.oneTimeCost')} aria-label={t('options.oneTimeCostLabel', { n: i + 1, k: k + 1 })} min={0} thousandSeparator="," value={m.oneTimeCost} onChange={(v) => setMeasure(i, k, { ...m, oneTimeCost: Number(v) || 0 })} />
                </Group>
                {chosen.map((s) => (
                  <div key={s.id}>
                    <Text size="xs" fw={600} c="dimmed">
                      {t('options.on', { ref: s.ref, title: s.title })}
                    </Text>
                    <ScenarioEffects clientId={clientId} scenarioId={s.id} rows={m.effects[s.id] ?? []} onChange={(rows) => setMeasure(i, k, { ...m, effects: { ...m.effects, [s.id]: rows } })} />
                  </div>
                ))}
              </Stack>
            ))}
            <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setOption(i, { ...o, measures: [...o.measures, newMeasure()] })}>
              {t('options.addMeasure')}
            </Button>
          </Card>
        ))}
        <Group justify="space-between">
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setOptions([...options, newOption(t, options.length + 1)])} disabled={options.length >= 8}>
            {t('options.addOption')}
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('options.cancel')}
            </Button>
            <Button onClick={submit} loading={save.isPending} disabled={!title.trim() || scenarioIds.length === 0}>
              {t('options.saveCompare')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The effect rows of one measure on one scenario, with the factors that scenario has. */
function ScenarioEffects({ clientId, scenarioId, rows, onChange }: { clientId: string; scenarioId: string; rows: EffectRow[]; onChange: (rows: EffectRow[]) => void }) {
  const scenario = useScenarioInputs(clientId, scenarioId);
  if (!scenario) return null;
  return <EffectRows rows={rows} onChange={onChange} inputs={scenario} />;
}

function useScenarioInputs(clientId: string, scenarioId: string) {
  return useScenario(clientId, scenarioId).data?.inputs ?? null;
}

function Comparison({ set, currency, canAdopt, canPlan, clientId }: { set: OptionSetOut; currency: string; canAdopt: boolean; canPlan: boolean; clientId: string }) {
  const { t } = useTranslation('risks');
  const adopt = useApiMutation({
    mutationFn: (optionId: string) => api.post<{ treatmentsCreated: number }>(clientPath(clientId, `/risks/options/${set.id}/adopt`), { optionId }),
    job: recomputeJob(clientId, (r: { treatmentsCreated: number }) => i18n.t('jobs.recompute.optionAdopted', { count: r.treatmentsCreated })),
    invalidate: riskChangeKeys(clientId),
  });
  const toRoadmap = useApiMutation({
    mutationFn: (optionId: string) => api.post<{ ref: string; title: string; targetQuarterLabel: string }>(clientPath(clientId, '/roadmap/initiatives/from-source'), { type: 'option', setId: set.id, optionId }),
    success: (i) => t('options.adopted', { ref: i.ref, title: i.title, quarter: i.targetQuarterLabel }),
    invalidate: [keys.client(clientId)],
  });
  const remove = useApiMutation({
    mutationFn: () => api.delete(clientPath(clientId, `/risks/options/${set.id}`)),
    success: t('options.deleted'),
    invalidate: riskChangeKeys(clientId),
  });
  const b = set.baseline;
  const best = set.options.reduce<string | null>((acc, o) => (o.figures && (!acc || o.figures.residualMean < set.options.find((x) => x.id === acc)!.figures!.residualMean) ? o.id : acc), null);
  const row = (label: string, base: string, cell: (f: NonNullable<OptionSetOut['options'][number]['figures']>) => string) => (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td ta="right">{base}</Table.Td>
      {set.options.map((o) => (
        <Table.Td key={o.id} ta="right" fw={o.id === best ? 600 : undefined}>
          {o.figures ? cell(o.figures) : '—'}
        </Table.Td>
      ))}
    </Table.Tr>
  );
  return (
    <Card>
      <Group justify="space-between" mb={4}>
        <Title order={2} fz="h3">
          {set.title}
        </Title>
        <Group gap="xs">
          {set.stale ? <Badge color="blue" variant="light">{t('options.beingCompared')}</Badge> : null}
          {canAdopt ? (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('options.delete', { title: set.title })}
              onClick={() => modals.openConfirmModal({ title: t('options.deleteTitle', { title: set.title }), labels: { confirm: t('options.deleteConfirm'), cancel: t('options.cancel') }, confirmProps: { color: 'red' }, onConfirm: () => remove.mutate() })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          ) : null}
        </Group>
      </Group>
      {set.description ? (
        <Text size="sm" c="dimmed" mb="xs">
          {set.description}
        </Text>
      ) : null}
      <Text size="sm" mb="md">
        {t('options.for', { scenarios: set.scenarios.map((s) => `${s.ref} ${s.title}`).join(', ') })}
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders aria-label={t('options.comparison', { title: set.title })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('options.asIs')}</Table.Th>
              {set.options.map((o) => (
                <Table.Th key={o.id} ta="right">
                  {o.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row(t('options.annualCost'), '—', (f) => money(f.annualCost, currency))}
            {row(t('options.oneTimeCost'), '—', (f) => money(f.oneTimeCost, currency))}
            {row(t('options.expected'), money(b?.mean, currency), (f) => money(f.residualMean, currency))}
            {row(t('options.p90'), money(b?.p90, currency), (f) => money(f.residualP90, currency))}
            {row(t('options.p99'), money(b?.p99, currency), (f) => money(f.residualP99, currency))}
            {row(t('options.avoided'), '—', (f) => money(f.reduction, currency))}
            {row(t('options.rosi'), '—', (f) => (f.rosi === null ? '—' : `${(f.rosi * 100).toFixed(0)} %`))}
            {row(t('options.net'), '—', (f) => money(f.threeYearBenefit, currency))}
            {canAdopt ? (
              <Table.Tr>
                <Table.Th />
                <Table.Td />
                {set.options.map((o) => (
                  <Table.Td key={o.id} ta="right">
                    <Button
                      size="compact-xs"
                      variant="light"
                      aria-label={t('options.adopt', { name: o.name })}
                      onClick={() =>
                        modals.openConfirmModal({
                          title: t('options.adoptTitle', { name: o.name }),
                          children: <Text size="sm">{t('options.adoptText')}</Text>,
                          labels: { confirm: t('options.adoptButton'), cancel: t('options.cancel') },
                          onConfirm: () => adopt.mutate(o.id),
                        })
                      }
                    >
                      {t('options.adoptButton')}
                    </Button>
                    {canPlan ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        mt={4}
                        aria-label={t('options.adoptInitiative', { name: o.name })}
                        loading={toRoadmap.isPending}
                        onClick={() =>
                          modals.openConfirmModal({
                            title: t('options.adoptInitiativeTitle', { name: o.name }),
                            children: <Text size="sm">{t('options.adoptInitiativeText')}</Text>,
                            labels: { confirm: t('options.adoptAndPlan'), cancel: t('options.cancel') },
                            onConfirm: () => toRoadmap.mutate(o.id),
                          })
                        }
                      >
                        {t('options.asInitiative')}
                      </Button>
                    ) : null}
                  </Table.Td>
                ))}
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Accordion variant="contained" mt="md">
        {set.options.map((o) => (
          <Accordion.Item key={o.id} value={o.id}>
            <Accordion.Control>{t('options.whatItIsTitle', { name: o.name })}</Accordion.Control>
            <Accordion.Panel>
              {o.description ? <Text size="sm" mb="xs">{o.description}</Text> : null}
              {o.measures.map((m, i) => (
                <Text key={i} size="sm">
                  {t('options.measureCosts', { name: m.name, annual: money(m.annualCost, currency), once: money(m.oneTimeCost, currency) })}
                </Text>
              ))}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <Text size="xs" c="dimmed" mt="sm">
        {t('options.footnote')}
      </Text>
    </Card>
  );
}

/** Security options: alternative sets of measures for one or more scenarios, side by side. */
export function OptionsPage() {
  const { t } = useTranslation('risks');
  const { clientId, can } = useCurrentClient();
  const canEdit = can('risks.edit');
  const register = useRegisterSummary(clientId);
  const sets = useOptionSets(clientId);
  const [adding, setAdding] = useState(false);
  // Every scenario of the portfolio (approved, not closed), for a new set; read when one is made.
  const portfolio = useScenarioChoices(clientId, { statuses: ['open', 'treating', 'accepted'], proposals: false }, adding);
  if (sets.isPending || register.isPending) return <PageSkeleton />;
  if (sets.isError) return <ErrorAlert error={sets.error} onRetry={() => void sets.refetch()} />;
  if (register.isError) return <ErrorAlert error={register.error} />;
  const inRegister = portfolio.data ?? [];
  return (
    <Stack gap="lg">
      <RefreshBanner status={register.data.status} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          {t('options.intro')}
        </Text>
        {canEdit ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('options.new')}
          </Button>
        ) : null}
      </Group>
      {sets.data.length === 0 ? <EmptyState title={t('options.emptyTitle')} description={t('options.emptyDescription')} /> : null}
      {sets.data.map((set) => (
        <Comparison key={set.id} set={set} currency={register.data.currency} canAdopt={can('risks.edit')} canPlan={can('risks.edit') && can('roadmap.edit')} clientId={clientId} />
      ))}
      {adding ? <OptionSetModal clientId={clientId} scenarios={inRegister} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
