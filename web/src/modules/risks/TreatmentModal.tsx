import { ActionIcon, Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Distribution, FairInputs, TreatmentEffect, TreatmentOut } from '@schema/risks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, clientPath, fieldErrors } from '../../api/client';
import { useApiMutation } from '../../api/mutation';
import { ErrorAlert } from '../../components/ErrorAlert';
import i18n from '../../i18n';
import { recomputeJob, riskChangeKeys } from './api';
import { useSimulationPreview } from './preview';
import { FACTORS, money, TREATMENT_STATUSES, type RiskT, type TreatmentStatus } from './ui';

export interface EffectRow {
  factor: string;
  /** Per cent of today's value the factor falls to: from `low` to `high`. */
  low: number;
  high: number;
}

export function effectToRows(effect: TreatmentEffect): EffectRow[] {
  return Object.entries(effect).map(([factor, d]) => {
    const dist = d;
    if (dist.type === 'constant') return { factor, low: dist.value * 100, high: dist.value * 100 };
    if (dist.type === 'uniform' || dist.type === 'pert' || dist.type === 'triangular') return { factor, low: dist.min * 100, high: dist.max * 100 };
    return { factor, low: 50, high: 80 };
  });
}

/** The effect as entered: "at least" is the range's minimum and "at most" its maximum, never swapped. */
export function rowsToEffect(rows: EffectRow[]): TreatmentEffect {
  const effect: Record<string, Distribution> = {};
  for (const r of rows) {
    effect[r.factor] = r.low === r.high ? { type: 'constant', value: r.low / 100 } : { type: 'uniform', min: r.low / 100, max: r.high / 100 };
  }
  return effect;
}

/** What is wrong with an effect row, by field; refused with a message, never rewritten. */
export function rowProblems(t: RiskT, r: EffectRow): { low?: string; high?: string } {
  if (!Number.isFinite(r.low)) return { low: t('treatment.enterPercent') };
  if (!Number.isFinite(r.high)) return { high: t('treatment.enterPercent') };
  if (r.low < 0) return { low: t('treatment.notNegative') };
  if (r.high < 0) return { high: t('treatment.notNegative') };
  if (r.low > r.high) return { low: t('treatment.lowAboveHigh', { high: r.high }) };
  return {};
}

const percentValue = (v: string | number): number => (v === '' ? Number.NaN : Number(v));

/** The factors a treatment may act on: those the scenario has. */
export function factorOptions(t: RiskT, inputs: FairInputs) {
  return FACTORS.filter((f) => inputs[f.key] !== undefined).map((f) => ({ value: f.key, label: t(`factor.${f.key}.label`) }));
}

/** Effect rows: each a FAIR factor and the range (in % of today) it falls to. */
export function EffectRows({ rows, onChange, inputs }: { rows: EffectRow[]; onChange: (rows: EffectRow[]) => void; inputs: FairInputs }) {
  const { t } = useTranslation('risks');
  const options = factorOptions(t, inputs);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t('treatment.effect')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('treatment.effectHelp')}
      </Text>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={i === 0 ? t('treatment.factor') : undefined}
            aria-label={t('treatment.factor')}
            data={options}
            value={r.factor}
            allowDeselect={false}
            onChange={(v) => v && onChange(rows.map((x, j) => (j === i ? { ...x, factor: v } : x)))}
            style={{ flex: 2 }}
          />
          <NumberInput
            label={i === 0 ? t('treatment.atLeast') : undefined}
            aria-label={t('treatment.atLeastPercent')}
            suffix=" %"
            clampBehavior="none"
            value={Number.isFinite(r.low) ? r.low : ''}
            error={rowProblems(t, r).low}
            onChange={(v) => onChange(rows.map((x, j) => (j === i ? { ...x, low: percentValue(v) } : x)))}
            style={{ flex: 1 }}
          />
          <NumberInput
            label={i === 0 ? t('treatment.atMost') : undefined}
            aria-label={t('treatment.atMostPercent')}
            suffix=" %"
            clampBehavior="none"
            value={Number.isFinite(r.high) ? r.high : ''}
            error={rowProblems(t, r).high}
            onChange={(v) => onChange(rows.map((x, j) => (j === i ? { ...x, high: percentValue(v) } : x)))}
            style={{ flex: 1 }}
          />
          <ActionIcon variant="subtle" color="gray" aria-label={t('treatment.removeEffect')} onClick={() => onChange(rows.filter((_, j) => j !== i))} mb={4}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, { factor: options.find((o) => !rows.some((r) => r.factor === o.value))?.value ?? options[0]!.value, low: 40, high: 70 }])}
          disabled={rows.length >= options.length}
        >
          {t('treatment.addEffect')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Adds or changes a treatment; previews its residual mean in the browser. */
export function TreatmentModal({
  clientId,
  scenarioId,
  inputs,
  currency,
  treatment,
  opened,
  onClose,
}: {
  clientId: string;
  scenarioId: string;
  inputs: FairInputs;
  currency: string;
  treatment: TreatmentOut | null;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('risks');
  const [name, setName] = useState(treatment?.name ?? '');
  const [description, setDescription] = useState(treatment?.description ?? '');
  const [status, setStatus] = useState<TreatmentStatus>(treatment?.status ?? 'proposed');
  const [annualCost, setAnnualCost] = useState<number>(treatment?.annualCost ?? 0);
  const [oneTimeCost, setOneTimeCost] = useState<number>(treatment?.oneTimeCost ?? 0);
  const [rows, setRows] = useState<EffectRow[]>(treatment ? effectToRows(treatment.effect) : [{ factor: factorOptions(t, inputs)[0]?.value ?? 'primaryLoss', low: 40, high: 70 }]);
  const effect = rowsToEffect(rows);
  const preview = useSimulationPreview(inputs, rows.length > 0 ? [{ annualCost, effect }] : []);
  const save = useApiMutation({
    mutationFn: (body: Record<string, unknown>) =>
      treatment
        ? api.patch<TreatmentOut>(clientPath(clientId, `/risks/${scenarioId}/treatments/${treatment.id}`), body)
        : api.post<TreatmentOut>(clientPath(clientId, `/risks/${scenarioId}/treatments`), body),
    job: recomputeJob(clientId, (x: TreatmentOut) => i18n.t('jobs.recompute.treatmentSaved', { name: `${x.ref} ${x.name}` })),
    notifyError: false,
    invalidate: riskChangeKeys(clientId),
    onSuccess: onClose,
  });
  return (
    <Modal opened={opened} onClose={onClose} title={treatment ? t('treatment.change', { ref: treatment.ref }) : t('treatment.add')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name: name.trim(), description: description.trim() || null, status, annualCost, oneTimeCost, effect });
        }}
      >
        <Stack gap="md">
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          <TextInput label={t('treatment.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Textarea label={t('treatment.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Select
            label={t('treatment.status')}
            description={t('treatment.statusHelp')}
            data={TREATMENT_STATUSES.map((s) => ({ value: s, label: t(`treatmentStatus.${s}`) }))}
            value={status}
            allowDeselect={false}
            onChange={(v) => v && setStatus(v)}
          />
          <Group grow>
            <NumberInput label={t('treatment.annualCost')} clampBehavior="none" thousandSeparator="," value={annualCost} onChange={(v) => setAnnualCost(v === '' ? 0 : Number(v))} error={fieldErrors(save.error).annualCost ?? (annualCost < 0 ? t('treatment.notNegative') : undefined)} />
            <NumberInput label={t('treatment.oneTimeCost')} clampBehavior="none" thousandSeparator="," value={oneTimeCost} onChange={(v) => setOneTimeCost(v === '' ? 0 : Number(v))} error={fieldErrors(save.error).oneTimeCost ?? (oneTimeCost < 0 ? t('treatment.notNegative') : undefined)} />
          </Group>
          <EffectRows rows={rows} onChange={setRows} inputs={inputs} />
          {preview ? (
            <Text size="sm" c="dimmed" role="status">
              {preview.residualMean !== null
                ? t('treatment.previewWith', { mean: money(preview.mean, currency), residual: money(preview.residualMean, currency) })
                : t('treatment.preview', { mean: money(preview.mean, currency) })}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('treatment.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim() || rows.length === 0 || rows.some((r) => Object.keys(rowProblems(t, r)).length > 0) || annualCost < 0 || oneTimeCost < 0}>
              {treatment ? t('treatment.save') : t('treatment.addButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
