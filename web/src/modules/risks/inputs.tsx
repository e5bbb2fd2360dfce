/** Editors for the engine's distributions and a scenario's FAIR inputs, with plain-language help. */
import { Group, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { Distribution, FairInputs } from '@schema/risks';
import { useTranslation } from 'react-i18next';
import { validateModel } from './engine';
import { FACTORS, type FactorKey } from './ui';

export type Unit = 'money' | 'rate' | 'probability' | 'multiplier';

function typesFor(unit: Unit): Distribution['type'][] {
  if (unit === 'probability' || unit === 'multiplier') return ['pert', 'uniform', 'triangular', 'constant'];
  if (unit === 'rate') return ['pert', 'triangular', 'uniform', 'lognormal', 'constant'];
  return ['lognormal', 'pert', 'triangular', 'uniform', 'constant', 'normal'];
}

type FieldLabel = 'value' | 'from' | 'to' | 'lowest' | 'mostLikely' | 'highest' | 'low' | 'high' | 'average' | 'spread';

/** Each shape's numbers; their labels are the words' `inputs.field.<label>`. */
const FIELDS: Record<Distribution['type'], { key: string; label: FieldLabel }[]> = {
  constant: [{ key: 'value', label: 'value' }],
  uniform: [
    { key: 'min', label: 'from' },
    { key: 'max', label: 'to' },
  ],
  triangular: [
    { key: 'min', label: 'lowest' },
    { key: 'mode', label: 'mostLikely' },
    { key: 'max', label: 'highest' },
  ],
  pert: [
    { key: 'min', label: 'lowest' },
    { key: 'mode', label: 'mostLikely' },
    { key: 'max', label: 'highest' },
  ],
  lognormal: [
    { key: 'low', label: 'low' },
    { key: 'high', label: 'high' },
  ],
  normal: [
    { key: 'mean', label: 'average' },
    { key: 'sd', label: 'spread' },
  ],
};

/** A distribution of the new type that keeps what it can of the old one's range. */
export function convert(d: Distribution, type: Distribution['type'], unit: Unit): Distribution {
  let lo: number;
  let hi: number;
  let mid: number;
  switch (d.type) {
    case 'constant':
      [lo, mid, hi] = [d.value * 0.5, d.value, d.value * 1.5];
      break;
    case 'uniform':
      [lo, mid, hi] = [d.min, (d.min + d.max) / 2, d.max];
      break;
    case 'triangular':
    case 'pert':
      [lo, mid, hi] = [d.min, d.mode, d.max];
      break;
    case 'lognormal':
      [lo, mid, hi] = [d.low, Math.sqrt(d.low * d.high), d.high];
      break;
    case 'normal':
      [lo, mid, hi] = [Math.max(0, d.mean - d.sd), d.mean, d.mean + d.sd];
      break;
  }
  const bounded = unit === 'probability' || unit === 'multiplier';
  const clamp = (x: number) => (bounded ? Math.min(1, Math.max(0, x)) : Math.max(0, x));
  switch (type) {
    case 'constant':
      return { type, value: clamp(mid) };
    case 'uniform':
      return { type, min: clamp(lo), max: clamp(hi) };
    case 'triangular':
    case 'pert':
      return { type, min: clamp(lo), mode: clamp(Math.min(Math.max(mid, lo), hi)), max: clamp(hi) };
    case 'lognormal':
      return { type, low: Math.max(lo, 1), high: Math.max(hi, Math.max(lo, 1) * 2) };
    case 'normal':
      return { type, mean: clamp(mid), sd: Math.max((hi - lo) / 4, 1e-6) };
  }
}

export interface DistributionEditorProps {
  label: string;
  help?: string;
  value: Distribution;
  onChange: (d: Distribution) => void;
  unit: Unit;
  currency: string;
  error?: string | null;
  disabled?: boolean;
}

/** One distribution: its shape and its numbers; probabilities and multipliers in per cent. */
export function DistributionEditor({ label, help, value, onChange, unit, currency, error, disabled }: DistributionEditorProps) {
  const { t } = useTranslation('risks');
  const percentUnit = unit === 'probability' || unit === 'multiplier';
  const fields = FIELDS[value.type];
  const record = value as unknown as Record<string, number | undefined>;
  return (
    <Stack gap={6}>
      <div>
        <Text fw={600} size="sm">
          {label}
        </Text>
        {help ? (
          <Text size="xs" c="dimmed">
            {help}
          </Text>
        ) : null}
      </div>
      <Select
        aria-label={t('inputs.shape', { label })}
        size="xs"
        data={typesFor(unit).map((type) => ({ value: type, label: t(`inputs.type.${type}`) }))}
        value={value.type}
        allowDeselect={false}
        disabled={disabled}
        onChange={(type) => type && onChange(convert(value, type, unit))}
      />
      <Group gap="xs" grow align="flex-start">
        {fields.map((f) => {
          const raw = record[f.key];
          const shown = raw === undefined ? '' : percentUnit ? Math.round(raw * 100_000) / 1000 : raw;
          return (
            <NumberInput
              key={f.key}
              size="xs"
              label={t(`inputs.field.${f.label}`)}
              aria-label={t('inputs.fieldOf', { label, field: t(`inputs.field.${f.label}`) })}
              value={shown}
              disabled={disabled}
              min={0}
              max={percentUnit ? (unit === 'probability' ? 100 : undefined) : undefined}
              // Out of range is refused with the engine's message below, never clamped.
              clampBehavior="none"
              thousandSeparator={unit === 'money' ? ',' : undefined}
              prefix={unit === 'money' ? currencySymbol(currency) : undefined}
              suffix={percentUnit ? ' %' : undefined}
              decimalScale={unit === 'money' ? 0 : 4}
              onChange={(v) => {
                const n = typeof v === 'number' ? v : Number(v);
                if (!Number.isFinite(n)) return;
                onChange({ ...value, [f.key]: percentUnit ? n / 100 : n });
              }}
            />
          );
        })}
      </Group>
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

function currencySymbol(currency: string): string {
  const part = new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency');
  return part ? `${part.value}\u00a0` : '';
}

/** The engine's problems with a scenario's inputs, by factor (`primaryLoss` → message). */
export function inputProblems(inputs: FairInputs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of validateModel({ risks: [{ id: 'scenario', ...inputs }] })) {
    const key = p.path.replace(/^scenario\.?/, '') || 'frequency';
    out[key] ??= p.message;
  }
  return out;
}

const DEFAULTS: Record<FactorKey, Distribution> = {
  threatEventFrequency: { type: 'pert', min: 1, mode: 3, max: 10 },
  vulnerability: { type: 'pert', min: 0.02, mode: 0.1, max: 0.3 },
  lossEventFrequency: { type: 'pert', min: 0.05, mode: 0.2, max: 1 },
  primaryLoss: { type: 'lognormal', low: 10_000, high: 250_000 },
  secondaryLossEventFrequency: { type: 'pert', min: 0.1, mode: 0.3, max: 0.6 },
  secondaryLoss: { type: 'lognormal', low: 10_000, high: 500_000 },
};

export const BLANK_INPUTS: FairInputs = { lossEventFrequency: DEFAULTS.lossEventFrequency, primaryLoss: DEFAULTS.primaryLoss };

/**
 * The FAIR inputs of a scenario: frequency either as threat events × the share that succeeds or
 * as loss events directly; loss per event; optionally consequences from others.
 */
export function FairInputsEditor({ value, onChange, currency, disabled }: { value: FairInputs; onChange: (v: FairInputs) => void; currency: string; disabled?: boolean }) {
  const { t } = useTranslation('risks');
  const problems = inputProblems(value);
  const byThreat = value.threatEventFrequency !== undefined;
  const secondary = value.secondaryLoss !== undefined;
  const set = (key: FactorKey, d: Distribution | undefined) => {
    const next = { ...value } as Record<string, Distribution | undefined>;
    if (d === undefined) delete next[key];
    else next[key] = d;
    onChange(next as FairInputs);
  };
  const shown = FACTORS.filter((f) => {
    if (f.key === 'threatEventFrequency' || f.key === 'vulnerability') return byThreat;
    if (f.key === 'lossEventFrequency') return !byThreat;
    if (f.key === 'secondaryLossEventFrequency' || f.key === 'secondaryLoss') return secondary;
    return true;
  });
  return (
    <Stack gap="md">
      <div>
        <Text size="sm" fw={600} mb={4}>
          {t('inputs.howOften')}
        </Text>
        <SegmentedControl
          size="xs"
          disabled={disabled}
          value={byThreat ? 'threat' : 'loss'}
          data={[
            { value: 'threat', label: t('inputs.byThreat') },
            { value: 'loss', label: t('inputs.byLoss') },
          ]}
          onChange={(mode) => {
            const next = { ...value } as Record<string, Distribution | undefined>;
            if (mode === 'threat') {
              delete next.lossEventFrequency;
              next.threatEventFrequency = DEFAULTS.threatEventFrequency;
              next.vulnerability = DEFAULTS.vulnerability;
            } else {
              delete next.threatEventFrequency;
              delete next.vulnerability;
              next.lossEventFrequency = DEFAULTS.lossEventFrequency;
            }
            onChange(next as FairInputs);
          }}
        />
      </div>
      {shown.map((f) => (
        <DistributionEditor
          key={f.key}
          label={t(`factor.${f.key}.label`)}
          help={t(`factor.${f.key}.help`)}
          unit={f.unit}
          currency={currency}
          disabled={disabled}
          value={value[f.key] ?? DEFAULTS[f.key]}
          onChange={(d) => set(f.key, d)}
          error={problems[f.key] ?? null}
        />
      ))}
      <div>
        <SegmentedControl
          size="xs"
          disabled={disabled}
          value={secondary ? 'yes' : 'no'}
          data={[
            { value: 'no', label: t('inputs.noSecondary') },
            { value: 'yes', label: t('inputs.secondary') },
          ]}
          onChange={(v) => {
            const next = { ...value } as Record<string, Distribution | undefined>;
            if (v === 'yes') {
              next.secondaryLossEventFrequency = DEFAULTS.secondaryLossEventFrequency;
              next.secondaryLoss = DEFAULTS.secondaryLoss;
            } else {
              delete next.secondaryLossEventFrequency;
              delete next.secondaryLoss;
            }
            onChange(next as FairInputs);
          }}
        />
      </div>
      {problems.frequency ? (
        <Text size="xs" c="red" role="alert">
          {problems.frequency}
        </Text>
      ) : null}
    </Stack>
  );
}
