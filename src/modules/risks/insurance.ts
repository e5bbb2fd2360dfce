/**
 * A client's insurance policies: insurer, premium, deductible, limit per loss event, annual
 * aggregate, renewal date, and the scenarios each covers. They go into the register's model
 * (model.ts, `engineInsurance`), so a change recomputes the loss the company keeps; every change
 * is audited. Advisors keep them; everyone in the client reads them.
 */
import type { ClientScope } from '../../server/context.js';
import { fromFlag, fromJson, newId, toFlag, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { daysBetween } from '../../shared/dates.js';
import { formatMoney, fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { PolicyInput, PolicyPatch, type InsuranceOut, type InsuranceSummary, type PolicyFigures, type PolicyOut } from './insurance-schema.js';
import { inPortfolio } from './model.js';
import { enqueueRecompute } from './recompute.js';
import { loadRegisterView, type RegisterView, type StoredPortfolio } from './register.js';
import { nextNumber } from './settings.js';
import type { RiskPoliciesTable } from './tables.js';

const today = (scope: ClientScope): string => toTimestamp(scope.now()).slice(0, 10);

/** What the stored run says of each policy (by ref), when it is current. */
function storedPolicies(view: RegisterView): Map<string, PolicyFigures> | null {
  const stored = view.run ? fromJson<StoredPortfolio | null>(view.run.summary_json, null) : null;
  if (!stored?.insurance || view.status.stale) return null;
  return new Map(stored.insurance.map((p) => [p.id, p]));
}

function policySentence(p: { name: string; premium: number }, f: PolicyFigures, currency: string): string {
  const money = (x: number): string => formatMoney(x, currency);
  const ratio = f.premium > 0 ? f.expectedRecovery / f.premium : null;
  const claim = f.probabilityOfClaim > 0 ? `it pays out in ${Math.round(100 * f.probabilityOfClaim * 10) / 10} % of years, ${money(f.p99Recovery)} or more one year in a hundred` : 'no simulated year had a claim';
  return `${p.name}: a premium of ${money(f.premium)} a year against an expected recovery of ${money(f.expectedRecovery)} a year${ratio !== null ? ` (${Math.round(ratio * 100)} cents on the dollar)` : ''}; ${claim}.`;
}

export function presentPolicy(view: RegisterView, p: RiskPoliciesTable, figures: Map<string, PolicyFigures> | null, on: string): PolicyOut {
  const cur = view.data.currency;
  const covered = fromFlag(p.covers_all) ? view.register.included : (view.data.policyScenarios.get(p.id) ?? []).map((id) => view.data.scenarios.find((s) => s.id === id)).filter((s) => !!s);
  const f = figures?.get(p.ref) ?? null;
  const out = {
    id: p.id,
    ref: p.ref,
    name: p.name,
    insurer: p.insurer,
    premium: fromMinorUnits(p.premium, cur),
    deductible: fromMinorUnits(p.deductible, cur),
    limit: fromMinorUnits(p.event_limit, cur),
    aggregateLimit: p.aggregate_limit === null ? null : fromMinorUnits(p.aggregate_limit, cur),
    renewalOn: p.renewal_on,
    daysToRenewal: p.renewal_on ? daysBetween(on, p.renewal_on) : null,
    coversAll: fromFlag(p.covers_all),
    scenarios: covered.map((s) => ({ id: s.id, ref: s.ref, title: s.title, inPortfolio: inPortfolio(s) })),
    notes: p.notes,
    figures: f,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
  };
  return { ...out, sentence: f ? policySentence(out, f, cur) : null };
}

/** The register's loss before and after insurance, from the stored run; null without policies simulated. */
export function insuranceSummary(view: RegisterView): InsuranceSummary | null {
  const stored = view.run ? fromJson<StoredPortfolio | null>(view.run.summary_json, null) : null;
  if (!stored?.retained || !stored.insurance) return null;
  const before = stored.residual ?? stored.inherent;
  const kept = stored.retained;
  const premium = stored.insurance.reduce((s, p) => s + p.premium, 0);
  const expectedRecovery = stored.insurance.reduce((s, p) => s + p.expectedRecovery, 0);
  const money = (x: number): string => formatMoney(x, view.data.currency);
  const pick = (x: typeof kept) => ({ mean: x.mean, p90: x.p90, p99: x.p99, probabilityOfLoss: x.probabilityOfLoss });
  return {
    before: pick(before),
    kept: pick(kept),
    premium,
    expectedRecovery,
    costWithInsurance: kept.mean + premium,
    sentence: `Before insurance the company can expect to lose ${money(before.mean)} a year, and ${money(before.p99)} or more one year in a hundred; after its insurance it keeps ${money(kept.mean)} a year, and ${money(kept.p99)} one year in a hundred. It pays ${money(premium)} a year in premiums for an expected ${money(expectedRecovery)} a year of recoveries.`,
  };
}

export async function getInsurance(scope: ClientScope): Promise<InsuranceOut> {
  const view = await loadRegisterView(scope);
  const figures = storedPolicies(view);
  const on = today(scope);
  return {
    currency: view.data.currency,
    policies: view.data.policies.map((p) => presentPolicy(view, p, figures, on)),
    summary: view.status.stale ? null : insuranceSummary(view),
    stale: view.status.stale,
    can: { edit: scope.can('risks.insurance') },
  };
}

async function getPolicy(scope: ClientScope, id: string): Promise<PolicyOut> {
  const view = await loadRegisterView(scope);
  const p = view.data.policies.find((x) => x.id === id);
  if (!p) throw notFound('Insurance policy');
  return presentPolicy(view, p, storedPolicies(view), today(scope));
}

function auditPolicy(p: RiskPoliciesTable, scenarioIds: string[], currency: string): Record<string, unknown> {
  const m = (x: number | null) => (x === null ? null : fromMinorUnits(x, currency));
  return {
    ref: p.ref,
    name: p.name,
    insurer: p.insurer,
    premium: m(p.premium),
    deductible: m(p.deductible),
    limit: m(p.event_limit),
    aggregateLimit: m(p.aggregate_limit),
    renewalOn: p.renewal_on,
    coversAll: fromFlag(p.covers_all),
    scenarioIds: fromFlag(p.covers_all) ? [] : scenarioIds,
    notes: p.notes,
  };
}

/** Problems a policy can have beyond its fields' own: the aggregate below the limit, its scenarios. */
async function checkPolicy(scope: ClientScope, p: { limit: number; aggregateLimit: number | null; coversAll: boolean; scenarioIds: string[] }): Promise<void> {
  const details: { path: string; message: string }[] = [];
  if (p.aggregateLimit !== null && p.aggregateLimit < p.limit) details.push({ path: 'body.aggregateLimit', message: `must not be below the limit per event (${p.limit})` });
  if (!p.coversAll) {
    if (p.scenarioIds.length === 0) details.push({ path: 'body.scenarioIds', message: 'name the scenarios it covers, or set coversAll' });
    const known = new Set(p.scenarioIds.length ? (await scope.db.selectFrom('risk_scenarios').select('id').where('id', 'in', p.scenarioIds).execute()).map((r) => r.id) : []);
    p.scenarioIds.forEach((id, i) => {
      if (!known.has(id)) details.push({ path: `body.scenarioIds.${i}`, message: 'no such risk scenario in this client' });
    });
    if (new Set(p.scenarioIds).size !== p.scenarioIds.length) details.push({ path: 'body.scenarioIds', message: 'a scenario is listed twice' });
  }
  if (details.length > 0) throw invalid(details.length === 1 ? `${details[0]!.path}: ${details[0]!.message}` : `${details.length} problems with the policy.`, details);
}

export async function createPolicy(scope: ClientScope, raw: PolicyInput): Promise<PolicyOut> {
  scope.require('risks.insurance');
  const input = PolicyInput.parse(raw);
  const scenarioIds = input.coversAll ? [] : (input.scenarioIds ?? []);
  await checkPolicy(scope, { limit: input.limit, aggregateLimit: input.aggregateLimit ?? null, coversAll: input.coversAll, scenarioIds });
  const cur = scope.client.currency;
  const now = toTimestamp(scope.now());
  const id = newId();
  await scope.write(async (w) => {
    const number = await nextNumber(w, scope, 'policy');
    const row: RiskPoliciesTable = {
      client_id: scope.clientId,
      id,
      ref: `P${number}`,
      name: input.name,
      insurer: input.insurer,
      premium: toMinorUnits(input.premium, cur),
      deductible: toMinorUnits(input.deductible, cur),
      event_limit: toMinorUnits(input.limit, cur),
      aggregate_limit: input.aggregateLimit === null || input.aggregateLimit === undefined ? null : toMinorUnits(input.aggregateLimit, cur),
      renewal_on: input.renewalOn ?? null,
      covers_all: toFlag(input.coversAll),
      notes: input.notes ?? null,
      created_at: now,
      updated_at: now,
    };
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('risk_policies', values).execute();
    if (scenarioIds.length > 0) await w.db.insertInto('risk_policy_scenarios', scenarioIds.map((scenarioId) => ({ id: newId(), policy_id: id, scenario_id: scenarioId }))).execute();
    await w.audit({ action: 'risk.policy.create', entityType: 'policy', entityId: id, after: auditPolicy(row, scenarioIds, cur) });
    await enqueueRecompute(w, scope.clientId);
  });
  return getPolicy(scope, id);
}

export async function updatePolicy(scope: ClientScope, id: string, raw: PolicyPatch): Promise<PolicyOut> {
  scope.require('risks.insurance');
  const patch = PolicyPatch.parse(raw);
  const before = await scope.db.selectFrom('risk_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Insurance policy');
  const cur = scope.client.currency;
  const oldIds = (await scope.db.selectFrom('risk_policy_scenarios').select('scenario_id').where('policy_id', '=', id).orderBy('id').execute()).map((r) => r.scenario_id);
  const m = (x: number | null | undefined, old: number | null): number | null => (x === undefined ? old : x === null ? null : toMinorUnits(x, cur));
  const after: RiskPoliciesTable = {
    ...before,
    name: patch.name ?? before.name,
    insurer: patch.insurer ?? before.insurer,
    premium: m(patch.premium, before.premium)!,
    deductible: m(patch.deductible, before.deductible)!,
    event_limit: m(patch.limit, before.event_limit)!,
    aggregate_limit: m(patch.aggregateLimit, before.aggregate_limit),
    renewal_on: patch.renewalOn === undefined ? before.renewal_on : patch.renewalOn,
    covers_all: patch.coversAll === undefined ? before.covers_all : toFlag(patch.coversAll),
    notes: patch.notes === undefined ? before.notes : patch.notes,
    updated_at: toTimestamp(scope.now()),
  };
  const scenarioIds = fromFlag(after.covers_all) ? [] : (patch.scenarioIds ?? oldIds);
  await checkPolicy(scope, {
    limit: fromMinorUnits(after.event_limit, cur),
    aggregateLimit: after.aggregate_limit === null ? null : fromMinorUnits(after.aggregate_limit, cur),
    coversAll: fromFlag(after.covers_all),
    scenarioIds,
  });
  await scope.write(async (w) => {
    const { client_id: _c, id: _id, created_at: _created, ...values } = after;
    await w.db.updateTable('risk_policies').set(values).where('id', '=', id).execute();
    await w.db.deleteFrom('risk_policy_scenarios').where('policy_id', '=', id).execute();
    if (scenarioIds.length > 0) await w.db.insertInto('risk_policy_scenarios', scenarioIds.map((scenarioId) => ({ id: newId(), policy_id: id, scenario_id: scenarioId }))).execute();
    await w.audit({ action: 'risk.policy.update', entityType: 'policy', entityId: id, before: auditPolicy(before, oldIds, cur), after: auditPolicy(after, scenarioIds, cur) });
    await enqueueRecompute(w, scope.clientId);
  });
  return getPolicy(scope, id);
}

export async function deletePolicy(scope: ClientScope, id: string): Promise<void> {
  scope.require('risks.insurance');
  const before = await scope.db.selectFrom('risk_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Insurance policy');
  const ids = (await scope.db.selectFrom('risk_policy_scenarios').select('scenario_id').where('policy_id', '=', id).execute()).map((r) => r.scenario_id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('risk_policy_scenarios').where('policy_id', '=', id).execute();
    await w.db.deleteFrom('risk_policies').where('id', '=', id).execute();
    await w.audit({ action: 'risk.policy.delete', entityType: 'policy', entityId: id, before: auditPolicy(before, ids, scope.client.currency) });
    await enqueueRecompute(w, scope.clientId);
  });
}

