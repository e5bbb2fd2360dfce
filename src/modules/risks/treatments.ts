/**
 * Treatments and controls of a scenario: annual and one-time cost, status (proposed, planned,
 * in place) and effect on the FAIR factors. Planned and in-place treatments count in the
 * residual result; proposed ones are shown as options ("with proposed treatments").
 */
import type { ClientScope } from '../../server/context.js';
import { fromJson, newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { assertValid, riskProblems } from './checks.js';
import { engineTreatment, scenarioInputs } from './model.js';
import { enqueueRecompute } from './recompute.js';
import type { TreatmentPatch } from './schema.js';
import type { TreatmentInput } from './schema.js';
import { findScenario } from './scenarios.js';
import { nextNumber } from './settings.js';
import type { RiskTreatmentsTable } from './tables.js';
import type { z } from 'zod';

type ParsedTreatmentInput = z.output<typeof TreatmentInput>;

function auditTreatment(t: RiskTreatmentsTable, currency: string): Record<string, unknown> {
  return {
    ref: t.ref,
    scenarioId: t.scenario_id,
    name: t.name,
    description: t.description,
    status: t.status,
    annualCost: fromMinorUnits(t.annual_cost, currency),
    oneTimeCost: fromMinorUnits(t.one_time_cost, currency),
    effect: fromJson(t.effect_json, {}),
  };
}

/** Checks the scenario with its other treatments and this one (as it would be). */
async function checkWith(scope: ClientScope, scenarioId: string, candidate: RiskTreatmentsTable): Promise<void> {
  const scenario = await findScenario(scope, scenarioId);
  const others = await scope.db.selectFrom('risk_treatments').selectAll().where('scenario_id', '=', scenarioId).where('id', '!=', candidate.id).execute();
  const currency = scope.client.currency;
  const list = [...others.map((t) => engineTreatment(t, currency)), engineTreatment(candidate, currency)];
  assertValid(
    riskProblems(scenarioInputs(scenario), list, 'scenario.inputs', (ref) => (ref === candidate.ref ? 'body' : `treatments.${ref}`)),
    'The treatment is not valid',
  );
}

export async function createTreatment(scope: ClientScope, scenarioId: string, input: ParsedTreatmentInput): Promise<RiskTreatmentsTable> {
  scope.require('risks.edit');
  await findScenario(scope, scenarioId);
  const currency = scope.client.currency;
  const now = toTimestamp(scope.now());
  const draft: RiskTreatmentsTable = {
    client_id: scope.clientId,
    id: newId(),
    ref: 'C?',
    scenario_id: scenarioId,
    name: input.name,
    description: input.description ?? null,
    status: input.status,
    annual_cost: toMinorUnits(input.annualCost, currency),
    one_time_cost: toMinorUnits(input.oneTimeCost, currency),
    effect_json: toJson(input.effect)!,
    created_at: now,
    updated_at: now,
  };
  await checkWith(scope, scenarioId, draft);
  return scope.write(async (w) => {
    const row = { ...draft, ref: `C${await nextNumber(w, scope, 'treatment')}` };
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('risk_treatments', values).execute();
    await w.audit({ action: 'risk.treatment.create', entityType: 'risk_treatment', entityId: row.id, after: auditTreatment(row, currency) });
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [scenarioId] }));
    return row;
  });
}

async function findTreatment(scope: ClientScope, scenarioId: string, id: string): Promise<RiskTreatmentsTable> {
  const row = await scope.db.selectFrom('risk_treatments').selectAll().where('id', '=', id).where('scenario_id', '=', scenarioId).executeTakeFirst();
  if (!row) throw notFound('Treatment');
  return row;
}

export async function updateTreatment(scope: ClientScope, scenarioId: string, id: string, patch: TreatmentPatch): Promise<RiskTreatmentsTable> {
  scope.require('risks.edit');
  const before = await findTreatment(scope, scenarioId, id);
  const currency = scope.client.currency;
  const after: RiskTreatmentsTable = {
    ...before,
    name: patch.name ?? before.name,
    description: patch.description === undefined ? before.description : patch.description,
    status: patch.status ?? before.status,
    annual_cost: patch.annualCost === undefined ? before.annual_cost : toMinorUnits(patch.annualCost, currency),
    one_time_cost: patch.oneTimeCost === undefined ? before.one_time_cost : toMinorUnits(patch.oneTimeCost, currency),
    effect_json: patch.effect ? toJson(patch.effect)! : before.effect_json,
    updated_at: toTimestamp(scope.now()),
  };
  await checkWith(scope, scenarioId, after);
  await scope.write(async (w) => {
    await w.db
      .updateTable('risk_treatments')
      .set({ name: after.name, description: after.description, status: after.status, annual_cost: after.annual_cost, one_time_cost: after.one_time_cost, effect_json: after.effect_json, updated_at: after.updated_at })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'risk.treatment.update', entityType: 'risk_treatment', entityId: id, before: auditTreatment(before, currency), after: auditTreatment(after, currency) });
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [scenarioId] }));
  });
  return after;
}

export async function deleteTreatment(scope: ClientScope, scenarioId: string, id: string): Promise<void> {
  scope.require('risks.edit');
  const before = await findTreatment(scope, scenarioId, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('risk_treatments').where('id', '=', id).execute();
    await w.audit({ action: 'risk.treatment.delete', entityType: 'risk_treatment', entityId: id, before: auditTreatment(before, scope.client.currency) });
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [scenarioId] }));
  });
}
