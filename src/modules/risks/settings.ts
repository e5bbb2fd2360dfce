/**
 * A client's risk settings: simulation seed and years, the appetite (loss-tolerance curve and
 * statement), the rating bands and the client's own template defaults. One row per client,
 * created with the client's first risk change; until then the defaults apply.
 */
import { createHash } from 'node:crypto';
import type { AppetitePoint } from '../../engine/index.js';
import type { ClientInfo, ClientScope, Writer } from '../../server/context.js';
import type { Config } from '../../server/config.js';
import type { ClientDb } from '../../server/db/scoped.js';
import { fromJson, toJson, toTimestamp } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { fromMinorUnits } from '../../shared/money.js';
import { bandsProblem, DEFAULT_LIKELIHOOD_BANDS, defaultImpactBands } from '../../shared/risks/rating.js';
import { paramProblems, TEMPLATES, type TemplateKey } from '../../shared/risks/templates.js';
import type { AppetiteInput, SettingsInput, SettingsOut } from './settings-schema.js';
import type { RiskSettingsTable } from './tables.js';

export const SETTINGS_ID = 'settings';

export interface RiskSettings {
  seed: number;
  years: number;
  yearsIsDefault: boolean;
  appetite: AppetitePoint[];
  statement: string | null;
  likelihoodBands: number[];
  impactBands: number[];
  likelihoodIsDefault: boolean;
  impactIsDefault: boolean;
  templateOverrides: Partial<Record<TemplateKey, Record<string, number>>>;
  /** Share of lost revenue actually lost (the gross margin), or null when not set. */
  grossMargin: number | null;
  /** The ransomware scenario the worst case is priced from, or null until one is chosen. */
  worstCaseScenarioId: string | null;
}

/** A client's seed until an advisor sets one: stable, derived from the client's id. */
export function defaultSeed(clientId: string): number {
  return Number.parseInt(createHash('sha256').update(`risks:${clientId}`).digest('hex').slice(0, 8), 16);
}

export function resolveSettings(row: RiskSettingsTable | undefined | null, client: ClientInfo, config: Pick<Config, 'simulationYears'>): RiskSettings {
  const likelihood = fromJson<number[] | null>(row?.likelihood_bands_json ?? null, null);
  const impact = fromJson<number[] | null>(row?.impact_bands_json ?? null, null);
  return {
    seed: row?.seed ?? defaultSeed(client.id),
    years: row?.years ?? config.simulationYears,
    yearsIsDefault: row?.years === null || row?.years === undefined,
    appetite: fromJson<AppetitePoint[]>(row?.appetite_json ?? null, []),
    statement: row?.appetite_statement ?? null,
    likelihoodBands: likelihood ?? [...DEFAULT_LIKELIHOOD_BANDS],
    impactBands: impact ?? defaultImpactBands(fromMinorUnits(client.annual_revenue, client.currency), client.employees),
    likelihoodIsDefault: likelihood === null,
    impactIsDefault: impact === null,
    templateOverrides: fromJson(row?.template_params_json ?? null, {}),
    grossMargin: row?.gross_margin ?? null,
    worstCaseScenarioId: row?.worst_case_scenario_id ?? null,
  };
}

export async function loadSettingsRow(scope: ClientScope): Promise<RiskSettingsTable | undefined> {
  return scope.db.selectFrom('risk_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
}

export async function loadSettings(scope: ClientScope): Promise<RiskSettings> {
  return resolveSettings(await loadSettingsRow(scope), scope.client, scope.app.config);
}

/** A client's settings row as first created: every default. */
export function defaultSettingsRow(clientId: string, now: Date): RiskSettingsTable {
  return {
    client_id: clientId,
    id: SETTINGS_ID,
    seed: defaultSeed(clientId),
    years: null,
    appetite_json: null,
    appetite_statement: null,
    likelihood_bands_json: null,
    impact_bands_json: null,
    template_params_json: null,
    next_risk_number: 1,
    next_treatment_number: 1,
    next_policy_number: 1,
    gross_margin: null,
    worst_case_scenario_id: null,
    results_version: 0,
    updated_at: toTimestamp(now),
  };
}

/** The settings row inside a write, created with the defaults when the client has none yet. */
export async function ensureSettings(w: Writer, scope: ClientScope): Promise<RiskSettingsTable> {
  const existing = await w.db.selectFrom('risk_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
  if (existing) return existing;
  const { client_id: _c, ...values } = defaultSettingsRow(scope.clientId, scope.now());
  await w.db.insertInto('risk_settings', values).onConflict((oc) => oc.columns(['client_id', 'id']).doNothing()).execute();
  return (await w.db.selectFrom('risk_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirstOrThrow());
}

/**
 * Counts a batch of stored results written outside `scope.write` (a recompute's), in its
 * transaction: the version is part of a cached register's key (register-cache.ts).
 */
export async function bumpResultsVersion(db: ClientDb, now: Date): Promise<void> {
  const { client_id: _c, ...values } = defaultSettingsRow(db.clientId, now);
  await db
    .insertInto('risk_settings', { ...values, results_version: 1 })
    .onConflict((oc) => oc.columns(['client_id', 'id']).doUpdateSet((eb) => ({ results_version: eb('risk_settings.results_version', '+', 1) })))
    .execute();
}

/** Takes the next scenario (`R7`), treatment (`C12`) or policy (`P2`) number, atomically, inside a write. */
export async function nextNumber(w: Writer, scope: ClientScope, kind: 'risk' | 'treatment' | 'policy'): Promise<number> {
  await ensureSettings(w, scope);
  const column = kind === 'risk' ? 'next_risk_number' : kind === 'treatment' ? 'next_treatment_number' : 'next_policy_number';
  const row = await w.db
    .updateTable('risk_settings')
    .set((eb) => ({ [column]: eb(column, '+', 1) }))
    .where('id', '=', SETTINGS_ID)
    .returning([column])
    .executeTakeFirstOrThrow();
  return (row as Record<string, number>)[column]! - 1;
}

export function presentSettings(s: RiskSettings): SettingsOut {
  return {
    seed: s.seed,
    years: s.years,
    yearsIsDefault: s.yearsIsDefault,
    bands: { likelihood: s.likelihoodBands, impact: s.impactBands, likelihoodIsDefault: s.likelihoodIsDefault, impactIsDefault: s.impactIsDefault },
    appetite: { points: s.appetite, statement: s.statement },
    grossMargin: s.grossMargin,
    worstCaseScenarioId: s.worstCaseScenarioId,
  };
}

function auditSettings(row: RiskSettingsTable): Record<string, unknown> {
  return {
    seed: row.seed,
    years: row.years,
    likelihoodBands: fromJson(row.likelihood_bands_json, null),
    impactBands: fromJson(row.impact_bands_json, null),
  };
}

/** Changes the seed, the simulated years or the rating bands (advisors). Queues a recompute. */
export async function updateSettings(scope: ClientScope, input: SettingsInput, enqueueRecompute: (w: Writer) => Promise<void>): Promise<RiskSettings> {
  scope.require('risks.appetite');
  const problems = [];
  if (input.likelihoodBands) {
    const p = bandsProblem(input.likelihoodBands, 'likelihood');
    if (p) problems.push({ path: 'body.likelihoodBands', message: p });
  }
  if (input.impactBands) {
    const p = bandsProblem(input.impactBands, 'impact');
    if (p) problems.push({ path: 'body.impactBands', message: p });
  }
  if (problems.length > 0) throw invalid(`${problems[0]!.path}: ${problems[0]!.message}`, problems);
  await scope.write(async (w) => {
    const before = await ensureSettings(w, scope);
    const after: RiskSettingsTable = {
      ...before,
      seed: input.seed ?? before.seed,
      years: input.years === undefined ? before.years : input.years,
      likelihood_bands_json: input.likelihoodBands === undefined ? before.likelihood_bands_json : toJson(input.likelihoodBands),
      impact_bands_json: input.impactBands === undefined ? before.impact_bands_json : toJson(input.impactBands),
      updated_at: toTimestamp(scope.now()),
    };
    await w.db
      .updateTable('risk_settings')
      .set({ seed: after.seed, years: after.years, likelihood_bands_json: after.likelihood_bands_json, impact_bands_json: after.impact_bands_json, updated_at: after.updated_at })
      .where('id', '=', SETTINGS_ID)
      .execute();
    await w.audit({ action: 'risk.settings.update', entityType: 'risk_settings', entityId: SETTINGS_ID, before: auditSettings(before), after: auditSettings(after) });
    if (after.seed !== before.seed || after.years !== before.years) await enqueueRecompute(w);
  });
  return loadSettings(scope);
}

/** Sets the loss-tolerance curve and the appetite statement (advisors). Queues a recompute. */
export async function setAppetite(scope: ClientScope, input: AppetiteInput, enqueueRecompute: (w: Writer) => Promise<void>): Promise<RiskSettings> {
  scope.require('risks.appetite');
  const seen = new Set<number>();
  const problems = [];
  input.points.forEach((p, i) => {
    if (seen.has(p.loss)) problems.push({ path: `body.points.${i}.loss`, message: `duplicate loss ${p.loss}` });
    seen.add(p.loss);
  });
  const sorted = [...input.points].sort((a, b) => a.loss - b.loss);
  // A tolerance curve falls: tolerating a larger loss more often than a smaller one is a typo.
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.probability > sorted[i - 1]!.probability) {
      problems.push({ path: 'body.points', message: `the tolerated probability must not rise with the loss (${sorted[i]!.loss} is tolerated more often than ${sorted[i - 1]!.loss})` });
      break;
    }
  }
  if (problems.length > 0) throw invalid(`${problems[0]!.path}: ${problems[0]!.message}`, problems);
  await scope.write(async (w) => {
    const before = await ensureSettings(w, scope);
    const appetite = sorted.length > 0 ? toJson(sorted) : null;
    const statement = input.statement === undefined ? before.appetite_statement : input.statement;
    await w.db.updateTable('risk_settings').set({ appetite_json: appetite, appetite_statement: statement, updated_at: toTimestamp(scope.now()) }).where('id', '=', SETTINGS_ID).execute();
    await w.audit({
      action: 'risk.appetite.update',
      entityType: 'risk_settings',
      entityId: SETTINGS_ID,
      before: { points: fromJson(before.appetite_json, []), statement: before.appetite_statement },
      after: { points: sorted, statement },
    });
    await enqueueRecompute(w);
  });
  return loadSettings(scope);
}

/** Saves the client's own defaults for a template's parameters (advisors); {} restores the standard ones. */
export async function setTemplateOverrides(scope: ClientScope, key: TemplateKey, params: Record<string, number>): Promise<void> {
  scope.require('risks.edit');
  const template = TEMPLATES[key];
  const known = new Set(template.params.map((p) => p.key));
  const unknown = Object.keys(params).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw invalid(`body.params.${unknown[0]}: unknown parameter of the ${template.name} template`, unknown.map((k) => ({ path: `body.params.${k}`, message: `unknown parameter (expected ${[...known].join(', ')})` })));
  }
  const wrong = paramProblems(template, params);
  if (wrong.length > 0) throw invalid(`body.params.${wrong[0]!.key}: ${wrong[0]!.message}`, wrong.map((w) => ({ path: `body.params.${w.key}`, message: w.message })));
  await scope.write(async (w) => {
    const row = await ensureSettings(w, scope);
    const all = fromJson<Record<string, Record<string, number>>>(row.template_params_json, {});
    const before = all[key] ?? {};
    if (Object.keys(params).length === 0) delete all[key];
    else all[key] = params;
    await w.db.updateTable('risk_settings').set({ template_params_json: toJson(all), updated_at: toTimestamp(scope.now()) }).where('id', '=', SETTINGS_ID).execute();
    await w.audit({ action: 'risk.template.update', entityType: 'risk_template', entityId: key, before, after: params });
  });
}
