import { Accordion, ActionIcon, Badge, Button, Card, Group, Modal, MultiSelect, NumberInput, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { OptionSetOut, ScenarioListItem } from '@schema/risks';
import { useState } from 'react';
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
import { money, RefreshBanner } from './ui';

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
const newOption = (n: number): OptionDraft => ({ name: `Option ${String.fromCharCode(64 + n)}`, description: '', measures: [newMeasure()] });

/** Builds a set of two or more options, each a list of measures with their costs and effects per scenario. */
function OptionSetModal({ clientId, scenarios, onClose }: { clientId: string; scenarios: ScenarioListItem[]; onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [scenarioIds, setScenarioIds] = useState<string[]>([]);
  const [options, setOptions] = useState<OptionDraft[]>([newOption(1), newOption(2)]);
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
    <Modal opened onClose={onClose} title="New security options" size="xl">
      <Stack gap="md">
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <TextInput label="Project or question" placeholder="e.g. Ransomware resilience project" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus />
        <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <MultiSelect
          label="Scenarios"
          description="The scenarios the options act on; the comparison adds them up."
          data={scenarios.map((s) => ({ value: s.id, label: `${s.ref} ${s.title}` }))}
          value={scenarioIds}
          onChange={setScenarioIds}
          searchable
        />
        {options.map((o, i) => (
          <Card key={i} withBorder>
            <Group justify="space-between" mb="xs">
              <TextInput aria-label={`Option ${i + 1} name`} value={o.name} onChange={(e) => setOption(i, { ...o, name: e.currentTarget.value })} style={{ flex: 1 }} />
              {options.length > 2 ? (
                <ActionIcon variant="subtle" color="gray" aria-label={`Remove option ${i + 1}`} onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
            <Textarea aria-label={`Option ${i + 1} description`} placeholder="What this option is" autosize minRows={1} value={o.description} onChange={(e) => setOption(i, { ...o, description: e.currentTarget.value })} mb="sm" />
            {o.measures.map((m, k) => (
              <Stack key={k} gap="xs" mb="sm" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
                <Group grow align="flex-end">
                  <TextInput label="Measure" aria-label={`Option ${i + 1} measure ${k + 1}`} value={m.name} onChange={(e) => setMeasure(i, k, { ...m, name: e.currentTarget.value })} />
                  <NumberInput label="Annual cost" aria-label={`Option ${i + 1} measure ${k + 1} annual cost`} min={0} thousandSeparator="," value={m.annualCost} onChange={(v) => setMeasure(i, k, { ...m, annualCost: Number(v) || 0 })} />
                  <NumberInput label="One-time cost" aria-label={`Option ${i + 1} measure ${k + 1} one-time cost`} min={0} thousandSeparator="," value={m.oneTimeCost} onChange={(v) => setMeasure(i, k, { ...m, oneTimeCost: Number(v) || 0 })} />
                </Group>
                {chosen.map((s) => (
                  <div key={s.id}>
                    <Text size="xs" fw={600} c="dimmed">
                      On {s.ref} {s.title}
                    </Text>
                    <ScenarioEffects clientId={clientId} scenarioId={s.id} rows={m.effects[s.id] ?? []} onChange={(rows) => setMeasure(i, k, { ...m, effects: { ...m.effects, [s.id]: rows } })} />
                  </div>
                ))}
              </Stack>
            ))}
            <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setOption(i, { ...o, measures: [...o.measures, newMeasure()] })}>
              Add a measure
            </Button>
          </Card>
        ))}
        <Group justify="space-between">
          <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setOptions([...options, newOption(options.length + 1)])} disabled={options.length >= 8}>
            Add an option
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={submit} loading={save.isPending} disabled={!title.trim() || scenarioIds.length === 0}>
              Save and compare
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
  const adopt = useApiMutation({
    mutationFn: (optionId: string) => api.post<{ treatmentsCreated: number }>(clientPath(clientId, `/risks/options/${set.id}/adopt`), { optionId }),
    job: recomputeJob(clientId, (r: { treatmentsCreated: number }) => i18n.t('jobs.recompute.optionAdopted', { count: r.treatmentsCreated })),
    invalidate: riskChangeKeys(clientId),
  });
  const toRoadmap = useApiMutation({
    mutationFn: (optionId: string) => api.post<{ ref: string; title: string; targetQuarterLabel: string }>(clientPath(clientId, '/roadmap/initiatives/from-source'), { type: 'option', setId: set.id, optionId }),
    success: (i) => `Adopted: its measures are planned treatments, and ${i.ref} ${i.title} is on the roadmap for ${i.targetQuarterLabel}.`,
    invalidate: [keys.client(clientId)],
  });
  const remove = useApiMutation({
    mutationFn: () => api.delete(clientPath(clientId, `/risks/options/${set.id}`)),
    success: 'Options deleted.',
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
          {set.stale ? <Badge color="blue" variant="light">Being compared</Badge> : null}
          {canAdopt ? (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${set.title}`}
              onClick={() => modals.openConfirmModal({ title: `Delete ${set.title}?`, labels: { confirm: 'Delete', cancel: 'Cancel' }, confirmProps: { color: 'red' }, onConfirm: () => remove.mutate() })}
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
        For {set.scenarios.map((s) => `${s.ref} ${s.title}`).join(', ')}.
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table withTableBorder withColumnBorders aria-label={`Comparison of ${set.title}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">As is</Table.Th>
              {set.options.map((o) => (
                <Table.Th key={o.id} ta="right">
                  {o.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row('Annual cost', '—', (f) => money(f.annualCost, currency))}
            {row('One-time cost', '—', (f) => money(f.oneTimeCost, currency))}
            {row('Expected annual loss', money(b?.mean, currency), (f) => money(f.residualMean, currency))}
            {row('1-in-10-year loss (P90)', money(b?.p90, currency), (f) => money(f.residualP90, currency))}
            {row('1-in-100-year loss (P99)', money(b?.p99, currency), (f) => money(f.residualP99, currency))}
            {row('Loss avoided a year', '—', (f) => money(f.reduction, currency))}
            {row('Return on security investment', '—', (f) => (f.rosi === null ? '—' : `${(f.rosi * 100).toFixed(0)} %`))}
            {row('Net benefit over 3 years', '—', (f) => money(f.threeYearBenefit, currency))}
            {canAdopt ? (
              <Table.Tr>
                <Table.Th />
                <Table.Td />
                {set.options.map((o) => (
                  <Table.Td key={o.id} ta="right">
                    <Button
                      size="compact-xs"
                      variant="light"
                      aria-label={`Adopt ${o.name}`}
                      onClick={() =>
                        modals.openConfirmModal({
                          title: `Adopt ${o.name}?`,
                          children: <Text size="sm">Its measures become planned treatments of the scenarios and count in their residual results.</Text>,
                          labels: { confirm: 'Adopt', cancel: 'Cancel' },
                          onConfirm: () => adopt.mutate(o.id),
                        })
                      }
                    >
                      Adopt
                    </Button>
                    {canPlan ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        mt={4}
                        aria-label={`Adopt ${o.name} as an initiative`}
                        loading={toRoadmap.isPending}
                        onClick={() =>
                          modals.openConfirmModal({
                            title: `Adopt ${o.name} as an initiative?`,
                            children: <Text size="sm">Its measures become planned treatments of the scenarios, and an approved initiative on the roadmap carries them, with the risk they reduce.</Text>,
                            labels: { confirm: 'Adopt and plan', cancel: 'Cancel' },
                            onConfirm: () => toRoadmap.mutate(o.id),
                          })
                        }
                      >
                        As an initiative
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
            <Accordion.Control>{o.name}: what it is</Accordion.Control>
            <Accordion.Panel>
              {o.description ? <Text size="sm" mb="xs">{o.description}</Text> : null}
              {o.measures.map((m, i) => (
                <Text key={i} size="sm">
                  {m.name}: {money(m.annualCost, currency)} a year, {money(m.oneTimeCost, currency)} once
                </Text>
              ))}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      <Text size="xs" c="dimmed" mt="sm">
        Each option is simulated on the same random years as the register, so the differences are the options&apos;. Return on security investment = (loss avoided − annual cost) ÷ annual cost.
      </Text>
    </Card>
  );
}

/** Security options: alternative sets of measures for one or more scenarios, side by side. */
export function OptionsPage() {
  const { clientId, can } = useCurrentClient();
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
          For a project or a decision: two or more ways to treat the same scenarios, compared by cost, the loss that remains and the return on the investment.
        </Text>
        {can('risks.edit') ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            New security options
          </Button>
        ) : null}
      </Group>
      {sets.data.length === 0 ? <EmptyState title="No security options yet" description="Compare alternative treatments for a project side by side." /> : null}
      {sets.data.map((set) => (
        <Comparison key={set.id} set={set} currency={register.data.currency} canAdopt={can('risks.edit')} canPlan={can('risks.edit') && can('roadmap.edit')} clientId={clientId} />
      ))}
      {adding ? <OptionSetModal clientId={clientId} scenarios={inRegister} onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}
