/**
 * Security options for a project: two or more alternative sets of measures for one scenario or
 * a group of scenarios, compared side by side by cost, residual mean and P90 and return on
 * security investment. The recompute job simulates each option against the same random numbers
 * as the register (see model.ts), so differences between options are the options', not noise.
 */
import type { ClientScope, Writer } from '../../server/context.js';
import { fromJson, newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { assertValid, riskProblems } from './checks.js';
import { engineTreatment, optionModels, optionSetHash, registerModel, scenarioInputs, type StoredMeasure } from './model.js';
import { enqueueRecompute } from './recompute.js';
import { loadRegisterData } from './register.js';
import type { OptionFigures, OptionSetOut } from './options-schema.js';
import type { OptionSetInput } from './options-schema.js';
import { findScenario } from './scenarios.js';
import { nextNumber } from './settings.js';
import type { RiskOptionSetsTable, RiskOptionsTable } from './tables.js';
import type { z } from 'zod';

type ParsedOptionSet = z.output<typeof OptionSetInput>;

/** Years over which the three-year cost and benefit of an option are counted. */
export const OPTION_HORIZON_YEARS = 3;

/** `risk_option_sets.result_json`. */
export interface StoredOptionResult {
  hash: string;
  computedAt: string;
  baseline: { inherentMean: number; mean: number; p90: number; p99: number };
  options: Record<string, { mean: number; p90: number; p99: number }>;
}

/** Figures of one option against the baseline; costs in major units. */
export function optionFigures(baseline: StoredOptionResult['baseline'], result: { mean: number; p90: number; p99: number }, annualCost: number, oneTimeCost: number): OptionFigures {
  const reduction = baseline.mean - result.mean;
  const threeYearCost = oneTimeCost + OPTION_HORIZON_YEARS * annualCost;
  return {
    annualCost,
    oneTimeCost,
    residualMean: result.mean,
    residualP90: result.p90,
    residualP99: result.p99,
    reduction,
    rosi: annualCost > 0 ? (reduction - annualCost) / annualCost : null,
    threeYearCost,
    threeYearBenefit: OPTION_HORIZON_YEARS * reduction - threeYearCost,
  };
}

async function checkSet(scope: ClientScope, input: ParsedOptionSet): Promise<void> {
  const details: { path: string; message: string }[] = [];
  const ids = new Set(input.scenarioIds);
  if (ids.size !== input.scenarioIds.length) details.push({ path: 'body.scenarioIds', message: 'a scenario is listed twice' });
  const scenarios = new Map<string, Awaited<ReturnType<typeof findScenario>>>();
  for (const [i, id] of input.scenarioIds.entries()) {
    const s = await scope.db.selectFrom('risk_scenarios').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s) details.push({ path: `body.scenarioIds.${i}`, message: 'no such scenario in this client' });
    else if (s.proposed === 1 || s.status === 'closed') details.push({ path: `body.scenarioIds.${i}`, message: `${s.ref} is not in the register (a proposal or closed)` });
    else scenarios.set(id, s);
  }
  const treatments = await scope.db.selectFrom('risk_treatments').selectAll().execute();
  input.options.forEach((o, i) =>
    o.measures.forEach((m, j) =>
      m.effects.forEach((e, k) => {
        const path = `body.options.${i}.measures.${j}.effects.${k}`;
        const s = scenarios.get(e.scenarioId);
        if (!s) {
          if (!ids.has(e.scenarioId)) details.push({ path: `${path}.scenarioId`, message: 'not one of the set\u2019s scenarios' });
          return;
        }
        const counted = treatments.filter((t) => t.scenario_id === s.id && t.status !== 'proposed').map((t) => engineTreatment(t, scope.client.currency));
        details.push(
          ...riskProblems(scenarioInputs(s), [...counted, { id: 'measure', annualCost: 0, effect: e.effect }], `${path}.scenario`, (ref) => (ref === 'measure' ? path : null)),
        );
      }),
    ),
  );
  assertValid(details, 'The security options are not valid');
}

function auditSet(set: Pick<RiskOptionSetsTable, 'title' | 'description'>, scenarioIds: string[], options: { name: string; description: string | null; measures: StoredMeasure[] }[], currency: string): Record<string, unknown> {
  return {
    title: set.title,
    description: set.description,
    scenarioIds,
    options: options.map((o) => ({ name: o.name, description: o.description, measures: o.measures.map((m) => ({ ...m, annualCost: fromMinorUnits(m.annualCost, currency), oneTimeCost: fromMinorUnits(m.oneTimeCost, currency) })) })),
  };
}

function toStored(input: ParsedOptionSet, currency: string): { name: string; description: string | null; measures: StoredMeasure[] }[] {
  return input.options.map((o) => ({
    name: o.name,
    description: o.description ?? null,
    measures: o.measures.map((m) => ({ name: m.name, annualCost: toMinorUnits(m.annualCost, currency), oneTimeCost: toMinorUnits(m.oneTimeCost, currency), effects: m.effects })),
  }));
}

async function findSet(scope: ClientScope, id: string): Promise<RiskOptionSetsTable> {
  const row = await scope.db.selectFrom('risk_option_sets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Security option set');
  return row;
}

async function setContents(scope: ClientScope, id: string): Promise<{ scenarioIds: string[]; options: RiskOptionsTable[] }> {
  const [links, options] = await Promise.all([
    scope.db.selectFrom('risk_option_set_scenarios').select(['scenario_id']).where('set_id', '=', id).orderBy('id').execute(),
    scope.db.selectFrom('risk_options').selectAll().where('set_id', '=', id).orderBy('position').execute(),
  ]);
  return { scenarioIds: links.map((l) => l.scenario_id), options };
}

async function writeContents(w: Writer, setId: string, scenarioIds: string[], options: { name: string; description: string | null; measures: StoredMeasure[] }[]): Promise<void> {
  await w.db.deleteFrom('risk_option_set_scenarios').where('set_id', '=', setId).execute();
  await w.db.deleteFrom('risk_options').where('set_id', '=', setId).execute();
  await w.db.insertInto('risk_option_set_scenarios', scenarioIds.map((scenario_id) => ({ id: newId(), set_id: setId, scenario_id }))).execute();
  await w.db
    .insertInto(
      'risk_options',
      options.map((o, i) => ({ id: newId(), set_id: setId, name: o.name, description: o.description, position: i, measures_json: toJson(o.measures)! })),
    )
    .execute();
}

export async function createOptionSet(scope: ClientScope, input: ParsedOptionSet): Promise<string> {
  scope.require('risks.edit');
  await checkSet(scope, input);
  const now = toTimestamp(scope.now());
  const options = toStored(input, scope.client.currency);
  return scope.write(async (w) => {
    const id = newId();
    await w.db.insertInto('risk_option_sets', { id, title: input.title, description: input.description ?? null, result_json: null, created_at: now, updated_at: now }).execute();
    await writeContents(w, id, input.scenarioIds, options);
    await w.audit({ action: 'risk.options.create', entityType: 'risk_option_set', entityId: id, after: auditSet({ title: input.title, description: input.description ?? null }, input.scenarioIds, options, scope.client.currency) });
    await enqueueRecompute(w, scope.clientId);
    return id;
  });
}

export async function replaceOptionSet(scope: ClientScope, id: string, input: ParsedOptionSet): Promise<void> {
  scope.require('risks.edit');
  const before = await findSet(scope, id);
  const old = await setContents(scope, id);
  await checkSet(scope, input);
  const options = toStored(input, scope.client.currency);
  const currency = scope.client.currency;
  await scope.write(async (w) => {
    await w.db.updateTable('risk_option_sets').set({ title: input.title, description: input.description ?? null, updated_at: toTimestamp(scope.now()) }).where('id', '=', id).execute();
    await writeContents(w, id, input.scenarioIds, options);
    await w.audit({
      action: 'risk.options.update',
      entityType: 'risk_option_set',
      entityId: id,
      before: auditSet(before, old.scenarioIds, old.options.map((o) => ({ name: o.name, description: o.description, measures: fromJson<StoredMeasure[]>(o.measures_json, []) })), currency),
      after: auditSet({ title: input.title, description: input.description ?? null }, input.scenarioIds, options, currency),
    });
    await enqueueRecompute(w, scope.clientId);
  });
}

export async function deleteOptionSet(scope: ClientScope, id: string): Promise<void> {
  scope.require('risks.edit');
  const before = await findSet(scope, id);
  const old = await setContents(scope, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('risk_option_set_scenarios').where('set_id', '=', id).execute();
    await w.db.deleteFrom('risk_options').where('set_id', '=', id).execute();
    await w.db.deleteFrom('risk_option_sets').where('id', '=', id).execute();
    await w.audit({
      action: 'risk.options.delete',
      entityType: 'risk_option_set',
      entityId: id,
      before: auditSet(before, old.scenarioIds, old.options.map((o) => ({ name: o.name, description: o.description, measures: fromJson<StoredMeasure[]>(o.measures_json, []) })), scope.client.currency),
    });
  });
}

/**
 * Adopts an option: each of its measures becomes a planned treatment of the scenarios it acts
 * on (a measure acting on several scenarios has its costs split evenly between them).
 */
export async function adoptOption(scope: ClientScope, setId: string, optionId: string): Promise<number> {
  return (await adoptOptionWith(scope, setId, optionId)).treatments.length;
}

/** A treatment made by adopting an option. */
export interface AdoptedTreatment {
  id: string;
  ref: string;
  scenarioId: string;
  name: string;
}

/**
 * Adopts an option (as adoptOption) and, in the same transaction, hands the new treatments to
 * `within` (the roadmap makes them an initiative): all of it is stored, or none.
 */
export async function adoptOptionWith<T = void>(
  scope: ClientScope,
  setId: string,
  optionId: string,
  within?: (w: Writer, adopted: { setTitle: string; optionName: string; treatments: AdoptedTreatment[]; annualCost: number; oneTimeCost: number }) => Promise<T>,
): Promise<{ treatments: AdoptedTreatment[]; result: T | undefined }> {
  scope.require('risks.edit');
  const set = await findSet(scope, setId);
  const option = await scope.db.selectFrom('risk_options').selectAll().where('id', '=', optionId).where('set_id', '=', setId).executeTakeFirst();
  if (!option) throw notFound('Option');
  const measures = fromJson<StoredMeasure[]>(option.measures_json, []);
  const now = toTimestamp(scope.now());
  const currency = scope.client.currency;
  for (const m of measures) for (const e of m.effects) await findScenario(scope, e.scenarioId);
  return scope.write(async (w) => {
    const adopted: AdoptedTreatment[] = [];
    for (const m of measures) {
      const n = m.effects.length;
      for (const [k, e] of m.effects.entries()) {
        // Split so that the parts add up to the whole, the remainder on the first.
        const share = (total: number): number => Math.floor(total / n) + (k === 0 ? total - Math.floor(total / n) * n : 0);
        const row = {
          id: newId(),
          ref: `C${await nextNumber(w, scope, 'treatment')}`,
          scenario_id: e.scenarioId,
          name: m.name,
          description: `Adopted from the security option "${option.name}"${n > 1 ? `; its cost is split between ${n} scenarios` : ''}.`,
          status: 'planned' as const,
          annual_cost: share(m.annualCost),
          one_time_cost: share(m.oneTimeCost),
          effect_json: toJson(e.effect)!,
          created_at: now,
          updated_at: now,
        };
        await w.db.insertInto('risk_treatments', row).execute();
        await w.audit({
          action: 'risk.treatment.create',
          entityType: 'risk_treatment',
          entityId: row.id,
          after: { ref: row.ref, scenarioId: row.scenario_id, name: row.name, status: row.status, annualCost: fromMinorUnits(row.annual_cost, currency), oneTimeCost: fromMinorUnits(row.one_time_cost, currency), effect: e.effect, adoptedFrom: { setId, optionId, option: option.name } },
        });
        adopted.push({ id: row.id, ref: row.ref, scenarioId: row.scenario_id, name: row.name });
      }
    }
    if (adopted.length === 0) throw invalid('This option has no measures to adopt.');
    await enqueueRecompute(w, scope.clientId);
    const ids = [...new Set(measures.flatMap((m) => m.effects.map((e) => e.scenarioId)))];
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: ids }));
    const result = within
      ? await within(w, {
          setTitle: set.title,
          optionName: option.name,
          treatments: adopted,
          annualCost: fromMinorUnits(measures.reduce((sum, m) => sum + m.annualCost, 0), currency),
          oneTimeCost: fromMinorUnits(measures.reduce((sum, m) => sum + m.oneTimeCost, 0), currency),
        })
      : undefined;
    return { treatments: adopted, result };
  });
}

/** Every option set of the client with its stored comparison (stale when its inputs changed since). */
export async function listOptionSets(scope: ClientScope, onlyId?: string): Promise<OptionSetOut[]> {
  let q = scope.db.selectFrom('risk_option_sets').selectAll();
  if (onlyId) q = q.where('id', '=', onlyId);
  const sets = await q.orderBy('created_at').execute();
  if (onlyId && sets.length === 0) throw notFound('Security option set');
  if (sets.length === 0) return [];
  const data = await loadRegisterData(scope);
  const register = registerModel(data);
  const currency = scope.client.currency;
  const out: OptionSetOut[] = [];
  for (const set of sets) {
    const { scenarioIds, options } = await setContents(scope, set.id);
    const runs = optionModels(data, register, scenarioIds, options);
    const stored = fromJson<StoredOptionResult | null>(set.result_json, null);
    const fresh = !!stored && !!runs && stored.hash === optionSetHash(runs, options);
    out.push({
      id: set.id,
      title: set.title,
      description: set.description,
      scenarios: scenarioIds.map((id) => data.scenarios.find((s) => s.id === id)).filter((s) => !!s).map((s) => ({ id: s.id, ref: s.ref, title: s.title })),
      baseline: stored?.baseline ?? null,
      options: options.map((o) => {
        const measures = fromJson<StoredMeasure[]>(o.measures_json, []);
        const annual = fromMinorUnits(measures.reduce((s, m) => s + m.annualCost, 0), currency);
        const oneTime = fromMinorUnits(measures.reduce((s, m) => s + m.oneTimeCost, 0), currency);
        const r = stored?.options[o.id];
        return {
          id: o.id,
          name: o.name,
          description: o.description,
          measures: measures.map((m) => ({ name: m.name, annualCost: fromMinorUnits(m.annualCost, currency), oneTimeCost: fromMinorUnits(m.oneTimeCost, currency), effects: m.effects })),
          figures: stored && r ? optionFigures(stored.baseline, r, annual, oneTime) : null,
        };
      }),
      stale: !fresh,
      computedAt: stored?.computedAt ?? null,
      createdAt: set.created_at,
      updatedAt: set.updated_at,
    });
  }
  return out;
}
