/**
 * A client's register as engine models (docs/risk-model.md). The register model holds the
 * scenarios in the portfolio (approved, not closed), in the order of their refs, each with its
 * planned and in-place treatments: it is what the recompute simulates, what the export writes
 * and what `triad simulate` reproduces. Side runs (proposed treatments, proposals, security
 * options) keep each scenario at its register position, with zero-loss placeholders elsewhere,
 * so that a scenario draws the same random numbers as in the register run.
 */
import { createHash } from 'node:crypto';
import { withoutFloatNoise } from '../../shared/numbers.js';
import type { InsurancePolicy, Risk, RiskModel, Treatment } from '../../engine/index.js';
import { fromJson } from '../../server/db/conventions.js';
import { fromMinorUnits } from '../../shared/money.js';
import type { FairInputs, TreatmentEffect } from './schema.js';
import type { RiskSettings } from './settings.js';
import type { RiskOptionsTable, RiskPoliciesTable, RiskScenariosTable, RiskTreatmentsTable, TreatmentStatus } from './tables.js';

export interface RegisterData {
  currency: string;
  settings: RiskSettings;
  /** Every scenario, in ref order. */
  scenarios: RiskScenariosTable[];
  treatments: Map<string, RiskTreatmentsTable[]>;
  /** The client's insurance policies, in ref order, and the scenarios each covers when not all. */
  policies: RiskPoliciesTable[];
  policyScenarios: Map<string, string[]>;
}

/**
 * The policies as the engine takes them, for a model holding `scenarios`: a policy covering
 * every scenario has no `covers`; one covering some names their refs, and is left out when none
 * of them is in the model (it covers nothing there).
 */
export function engineInsurance(data: RegisterData, scenarios: readonly RiskScenariosTable[]): InsurancePolicy[] {
  if (data.policies.length === 0) return [];
  const refs = new Map(scenarios.map((s) => [s.id, s.ref]));
  const out: InsurancePolicy[] = [];
  for (const p of data.policies) {
    const covers = p.covers_all ? null : (data.policyScenarios.get(p.id) ?? []).map((id) => refs.get(id)).filter((r): r is string => !!r);
    if (covers && covers.length === 0) continue;
    out.push({
      id: p.ref,
      name: p.name,
      premium: fromMinorUnits(p.premium, data.currency),
      deductible: fromMinorUnits(p.deductible, data.currency),
      limit: fromMinorUnits(p.event_limit, data.currency),
      ...(p.aggregate_limit !== null ? { aggregateLimit: fromMinorUnits(p.aggregate_limit, data.currency) } : {}),
      ...(covers ? { covers } : {}),
    });
  }
  return out;
}

/** Treatments in the residual result and the model file: planned and in place; proposed ones are options. */
export function isCounted(status: TreatmentStatus): boolean {
  return status === 'planned' || status === 'in_place';
}

/** Whether a scenario is part of the client's portfolio: approved and not closed. */
export function inPortfolio(s: Pick<RiskScenariosTable, 'proposed' | 'status'>): boolean {
  return s.proposed === 0 && s.status !== 'closed';
}

export function scenarioInputs(s: Pick<RiskScenariosTable, 'inputs_json'>): FairInputs {
  return fromJson<FairInputs>(s.inputs_json, { primaryLoss: { type: 'constant', value: 0 } });
}

export function engineTreatment(t: RiskTreatmentsTable, currency: string): Treatment {
  return { id: t.ref, name: t.name, annualCost: fromMinorUnits(t.annual_cost, currency), effect: withoutFloatNoise(fromJson<TreatmentEffect>(t.effect_json, {})) };
}

/** The engine risk of a scenario with the given treatments (none: no `treatments` field). */
export function engineRisk(s: RiskScenariosTable, treatments: Treatment[]): Risk {
  // Every engine input is without floating-point noise, so the exported model file reads as
  // written (3.8, not 3.8000000000000003) and every run (register, side runs, the file) sees the same numbers.
  const inputs = withoutFloatNoise(scenarioInputs(s));
  return { id: s.ref, name: s.title, ...inputs, ...(treatments.length > 0 ? { treatments } : {}) };
}

/** The scenario's engine risk with its planned and in-place treatments. */
export function registerRisk(data: RegisterData, s: RiskScenariosTable): Risk {
  const counted = (data.treatments.get(s.id) ?? []).filter((t) => isCounted(t.status));
  return engineRisk(s, counted.map((t) => engineTreatment(t, data.currency)));
}

/** A risk that never loses anything, holding a position in a side run. */
export function placeholder(index: number): Risk {
  return { id: `_${index}`, lossEventFrequency: { type: 'constant', value: 0 }, primaryLoss: { type: 'constant', value: 0 } };
}

export interface RegisterModel {
  model: RiskModel;
  /** The scenarios in the model, in its order. */
  included: RiskScenariosTable[];
  /** Position of each included scenario's id. */
  index: Map<string, number>;
  /** Hash of each included risk with its position, the seed and the years, in model order. */
  riskHashes: string[];
  /** Hash of the whole model: currency, seed, years, appetite and every risk's hash. */
  hash: string;
}

/**
 * Scenario hashes by the stored fields they are computed from, so that reading a register does
 * not build, serialise and hash every unchanged scenario again. Bounded: the oldest entries go first.
 */
const scenarioHashes = new Map<string, string>();
const SCENARIO_HASHES_KEPT = 10_000;

function remember(key: string, compute: () => string): string {
  let hash = scenarioHashes.get(key);
  if (hash === undefined) {
    hash = compute();
    if (scenarioHashes.size >= SCENARIO_HASHES_KEPT) scenarioHashes.delete(scenarioHashes.keys().next().value as string);
    scenarioHashes.set(key, hash);
  }
  return hash;
}

/** What a scenario's register hash was computed from: every stored field engineRisk and engineTreatment read. */
interface HashedScenario {
  currency: string;
  seed: number;
  years: number;
  position: number;
  ref: string;
  title: string;
  inputs: string;
  /** The counted treatments' ref, name, annual cost and effect, one after another (see sameCounted). */
  treatments: (string | number)[];
  hash: string;
}

/** The last hash of each scenario by its id, with what it was computed from (compared field by field: no key to build). */
const lastHashes = new Map<string, HashedScenario>();

const treatmentsKey = (ts: readonly RiskTreatmentsTable[]): string => (ts.length === 0 ? '' : JSON.stringify(ts.map((t) => [t.ref, t.name, t.annual_cost, t.effect_json])));

/** The fields engineTreatment reads of each counted treatment, one after another. */
function countedFields(ts: readonly RiskTreatmentsTable[] | undefined): (string | number)[] {
  const fields: (string | number)[] = [];
  if (ts) for (const t of ts) if (isCounted(t.status)) fields.push(t.ref, t.name, t.annual_cost, t.effect_json);
  return fields;
}

/** Whether the counted treatments among `ts` have the fields `fields` holds, in order (no key built: a register read compares a thousand). */
function sameCounted(ts: readonly RiskTreatmentsTable[] | undefined, fields: readonly (string | number)[]): boolean {
  let k = 0;
  if (ts) {
    for (const t of ts) {
      if (!isCounted(t.status)) continue;
      if (fields[k] !== t.ref || fields[k + 1] !== t.name || fields[k + 2] !== t.annual_cost || fields[k + 3] !== t.effect_json) return false;
      k += 4;
    }
  }
  return k === fields.length;
}

/**
 * The hash of a scenario's register risk (its counted treatments) at a position, remembered by
 * the stored fields engineRisk and engineTreatment read; the risk is built only when the hash
 * is not known yet.
 */
export function memoisedScenarioHash(data: RegisterData, s: RiskScenariosTable, position: number, risk: () => Risk = () => registerRisk(data, s)): string {
  const treatments = data.treatments.get(s.id);
  const { seed, years } = data.settings;
  const last = lastHashes.get(s.id);
  if (
    last &&
    last.position === position &&
    last.inputs === s.inputs_json &&
    last.title === s.title &&
    last.ref === s.ref &&
    last.seed === seed &&
    last.years === years &&
    last.currency === data.currency &&
    sameCounted(treatments, last.treatments)
  ) {
    return last.hash;
  }
  const hash = scenarioHash(risk(), position, seed, years);
  if (!last && lastHashes.size >= SCENARIO_HASHES_KEPT) lastHashes.delete(lastHashes.keys().next().value as string);
  lastHashes.set(s.id, { currency: data.currency, seed, years, position, ref: s.ref, title: s.title, inputs: s.inputs_json, treatments: countedFields(treatments), hash });
  return hash;
}

/** A scenario's hash with its proposed treatments too (they are part of its stored result), remembered the same way. */
export function memoisedWithProposed(data: RegisterData, s: RiskScenariosTable, base: string): string {
  const proposed = (data.treatments.get(s.id) ?? []).filter((t) => t.status === 'proposed');
  if (proposed.length === 0) return base;
  const key = JSON.stringify([base, data.currency, treatmentsKey(proposed)]);
  return remember(key, () => hashOf({ base, proposed: proposed.map((t) => engineTreatment(t, data.currency)) }));
}

/**
 * The register model. Its hashes come first and cheaply (remembered per scenario); the engine
 * model itself is built on first use of `model` (a recompute, an export), not to read a register.
 */
export function registerModel(data: RegisterData): RegisterModel {
  const included = data.scenarios.filter(inPortfolio);
  const risks: (Risk | undefined)[] = new Array<Risk | undefined>(included.length);
  const riskAt = (i: number): Risk => (risks[i] ??= registerRisk(data, included[i]!));
  const insurance = engineInsurance(data, included);
  const { seed, years } = data.settings;
  const appetite = data.settings.appetite.length > 0 ? data.settings.appetite : null;
  const riskHashes = included.map((s, i) => memoisedScenarioHash(data, s, i, () => riskAt(i)));
  // Insurance changes what the company keeps, never a scenario's own figures: it is in the
  // model's hash (a policy change recomputes), not in the scenarios'.
  const hash = modelHash({ currency: data.currency, seed, years, appetite, risks: riskHashes, insurance });
  let model: RiskModel | undefined;
  return {
    get model(): RiskModel {
      return (model ??= {
        currency: data.currency,
        years,
        seed,
        ...(appetite ? { appetite } : {}),
        risks: included.map((_, i) => riskAt(i)),
        ...(insurance.length > 0 ? { insurance } : {}),
      });
    },
    included,
    index: new Map(included.map((s, i) => [s.id, i])),
    riskHashes,
    hash,
  };
}

/**
 * The register model's hash: `hashOf` of its currency, seed, years, appetite, risks' hashes and
 * insurance (left out when there is none), with the same canonical JSON, written out so that the
 * thousand risk hashes are serialised as one array of strings rather than through
 * canonicalJson's replacer one by one. model.test.ts holds the two equal.
 */
export function modelHash(m: { currency: string; seed: number; years: number; appetite: readonly unknown[] | null; risks: readonly string[]; insurance: readonly unknown[] }): string {
  const json =
    `{"appetite":${canonicalJson(m.appetite)},"currency":${JSON.stringify(m.currency)},` +
    (m.insurance.length > 0 ? `"insurance":${canonicalJson(m.insurance)},` : '') +
    `"risks":${JSON.stringify(m.risks)},"seed":${canonicalJson(m.seed)},"years":${canonicalJson(m.years)}}`;
  return createHash('sha256').update(json).digest('hex');
}

/** JSON with object keys sorted, so equal models hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** What one scenario's result depends on: its risk, its position, the seed and the years. */
export function scenarioHash(risk: Risk, position: number | null, seed: number, years: number): string {
  return hashOf({ risk, position, seed, years });
}

/** A side run: `targets` at the given positions, placeholders in between. */
export function sideModel(data: RegisterData, targets: { position: number; risk: Risk }[]): RiskModel {
  const size = targets.reduce((m, t) => Math.max(m, t.position + 1), 0);
  const risks: Risk[] = Array.from({ length: size }, (_, i) => placeholder(i));
  for (const t of targets) risks[t.position] = t.risk;
  return { currency: data.currency, years: data.settings.years, seed: data.settings.seed, risks };
}

/**
 * The what-if run: scenarios with proposed treatments (all their treatments, at their register
 * positions) and the proposals waiting for approval (after the register's scenarios). Null when
 * there is nothing to run.
 */
export function whatIfModel(data: RegisterData, register: RegisterModel): { model: RiskModel; targets: { scenarioId: string; position: number; kind: 'proposed-treatments' | 'proposal' }[] } | null {
  const targets: { scenarioId: string; position: number; kind: 'proposed-treatments' | 'proposal'; risk: Risk }[] = [];
  for (const s of register.included) {
    const all = data.treatments.get(s.id) ?? [];
    if (!all.some((t) => t.status === 'proposed')) continue;
    targets.push({ scenarioId: s.id, position: register.index.get(s.id)!, kind: 'proposed-treatments', risk: engineRisk(s, all.map((t) => engineTreatment(t, data.currency))) });
  }
  let next = register.included.length;
  for (const s of data.scenarios) {
    if (s.proposed !== 1 || s.status === 'closed') continue;
    targets.push({ scenarioId: s.id, position: next++, kind: 'proposal', risk: registerRisk(data, s) });
  }
  if (targets.length === 0) return null;
  return { model: sideModel(data, targets), targets: targets.map(({ scenarioId, position, kind }) => ({ scenarioId, position, kind })) };
}

export interface StoredMeasure {
  name: string;
  annualCost: number;
  oneTimeCost: number;
  effects: { scenarioId: string; effect: TreatmentEffect }[];
}

/**
 * The runs of a security option set: the baseline (the set's scenarios as they are) and each
 * option (their treatments plus the option's measures), all at register positions.
 */
export function optionModels(data: RegisterData, register: RegisterModel, scenarioIds: string[], options: RiskOptionsTable[]): { baseline: RiskModel; options: { id: string; model: RiskModel }[] } | null {
  const members = scenarioIds.map((id) => data.scenarios.find((s) => s.id === id)).filter((s): s is RiskScenariosTable => !!s && register.index.has(s.id));
  if (members.length === 0) return null;
  const baseline = sideModel(
    data,
    members.map((s) => ({ position: register.index.get(s.id)!, risk: registerRisk(data, s) })),
  );
  const optionRuns = options.map((o) => {
    const measures = fromJson<StoredMeasure[]>(o.measures_json, []);
    const targets = members.map((s) => {
      const base = registerRisk(data, s);
      const extra: Treatment[] = [];
      measures.forEach((m, j) => {
        const e = m.effects.find((x) => x.scenarioId === s.id);
        if (e) extra.push({ id: `option-${j + 1}`, name: m.name, annualCost: 0, effect: e.effect });
      });
      const treatments = [...(base.treatments ?? []), ...extra];
      return { position: register.index.get(s.id)!, risk: { ...base, ...(treatments.length > 0 ? { treatments } : {}) } };
    });
    return { id: o.id, model: sideModel(data, targets) };
  });
  return { baseline, options: optionRuns };
}

/** What an option set's stored comparison depends on: its runs and its measures. */
export function optionSetHash(runs: { baseline: RiskModel; options: { id: string; model: RiskModel }[] }, rows: RiskOptionsTable[]): string {
  return hashOf({ baseline: runs.baseline, options: runs.options, measures: rows.map((r) => r.measures_json) });
}
