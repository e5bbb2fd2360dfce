/**
 * Risk scenarios: create (from a template or with explicit FAIR inputs), change, approve a
 * contributor's proposal, delete. Every change is audited and queues a recompute of the
 * client's results in the same transaction.
 */
import type { ClientScope, Writer } from '../../server/context.js';
import { fromJson, newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../server/errors.js';
import { paramProblems, TEMPLATES, templateParams, type TemplateKey } from '../../shared/risks/templates.js';
import { assertValid, riskProblems } from './checks.js';
import { engineTreatment, scenarioInputs } from './model.js';
import { clientProfile } from './profile.js';
import { enqueueRecompute } from './recompute.js';
import type { FairInputs, LinkInput, ScenarioPatch } from './schema.js';
import type { ScenarioInput } from './schema.js';
import { loadSettings, nextNumber } from './settings.js';
import type { RiskLinksTable, RiskScenariosTable, RiskStatus } from './tables.js';
import { assertRegisterWork, frequencyPath } from './work.js';
import type { z } from 'zod';

type ParsedScenarioInput = z.output<typeof ScenarioInput>;

/** The message for anyone who tries to accept a risk by setting its status. */
export const ACCEPTANCE_MESSAGE =
  "A risk is accepted through a risk acceptance request (governance), which records who accepted it, on what authority and until when; its status cannot be set to 'accepted' here.";

export async function findScenario(scope: ClientScope, id: string, w?: Writer): Promise<RiskScenariosTable> {
  const db = w ? w.db : scope.db;
  const row = await db.selectFrom('risk_scenarios').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Risk scenario');
  return row;
}

/** What the audit trail keeps of a scenario. */
export function auditScenario(s: RiskScenariosTable, links: { kind: string; targetId: string | null; label: string }[]): Record<string, unknown> {
  return {
    ref: s.ref,
    title: s.title,
    description: s.description,
    threat: s.threat,
    ownerSeat: s.owner_seat,
    status: s.status,
    statusReason: s.status_reason,
    proposed: s.proposed === 1,
    template: s.template,
    templateParams: fromJson(s.template_params_json, null),
    inputs: scenarioInputs(s),
    links,
  };
}

const LINK_TABLES = { service: 'estate_services', system: 'estate_systems', dataset: 'estate_datasets', vendor: 'estate_vendors' } as const;

/** Refuses a link whose target is not a record of this client (another client's, or none), naming the field. */
async function checkLinkTargets(scope: ClientScope, links: LinkInput[]): Promise<void> {
  const details = [];
  for (const [i, l] of links.entries()) {
    if (!l.targetId) continue;
    const found = await scope.db.selectFrom(LINK_TABLES[l.kind]).select('id').where('id', '=', l.targetId).executeTakeFirst();
    if (!found) details.push({ path: `body.links.${i}.targetId`, message: `no such ${l.kind} in this client` });
  }
  if (details.length > 0) throw invalid(`${details[0]!.path}: ${details[0]!.message}`, details);
}

function linkRows(scenarioId: string, links: LinkInput[]): Omit<RiskLinksTable, 'client_id'>[] {
  return links.map((l, i) => ({ id: newId(), scenario_id: scenarioId, kind: l.kind, target_id: l.targetId ?? null, label: l.label, position: i }));
}

const presentLinks = (rows: Pick<RiskLinksTable, 'kind' | 'target_id' | 'label'>[]) => rows.map((l) => ({ kind: l.kind, targetId: l.target_id, label: l.label }));

/** The inputs a template gives for a client with the given parameters; checks them with the engine. */
export async function templateInputs(scope: ClientScope, key: TemplateKey, given: Record<string, number> = {}, path = 'body.templateParams'): Promise<{ inputs: FairInputs; params: Record<string, number> }> {
  const template = TEMPLATES[key];
  const known = new Set(template.params.map((p) => p.key));
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw invalid(`${path}.${unknown[0]}: not a parameter of the ${template.name} template`, unknown.map((k) => ({ path: `${path}.${k}`, message: `not a parameter of this template (it takes ${[...known].join(', ')})` })));
  }
  const wrong = paramProblems(template, given);
  if (wrong.length > 0) throw invalid(`${path}.${wrong[0]!.key}: ${wrong[0]!.message}`, wrong.map((w) => ({ path: `${path}.${w.key}`, message: w.message })));
  const [profile, settings] = await Promise.all([clientProfile(scope), loadSettings(scope)]);
  const params = templateParams(template, profile, settings.templateOverrides[key] ?? {}, given);
  const inputs = template.build(params);
  assertValid(riskProblems(inputs, [], 'body.inputs', () => null), `The ${template.name} template's parameters give invalid inputs`);
  return { inputs, params };
}

/** Template parameters stored beside inputs given by hand: refused when wrong, as when they build the inputs. */
function checkedParams(key: TemplateKey, params: Record<string, number>, path = 'body.templateParams'): Record<string, number> {
  const wrong = paramProblems(TEMPLATES[key], params);
  if (wrong.length > 0) throw invalid(`${path}.${wrong[0]!.key}: ${wrong[0]!.message}`, wrong.map((w) => ({ path: `${path}.${w.key}`, message: w.message })));
  return params;
}

function refuseAccepted(status: RiskStatus | undefined): void {
  if (status === 'accepted') throw new AppError('VALIDATION_FAILED', ACCEPTANCE_MESSAGE, [{ path: 'body.status', message: ACCEPTANCE_MESSAGE }]);
}

/**
 * Adds a scenario. An advisor's scenario joins the register at once; a contributor's is a
 * proposal (`proposed`), simulated and shown but left out of the portfolio until an advisor
 * approves it.
 */
export async function createScenario(scope: ClientScope, input: ParsedScenarioInput): Promise<RiskScenariosTable> {
  scope.require('risks.propose');
  refuseAccepted(input.status);
  const advisor = scope.can('risks.edit');
  if (!advisor && input.status && input.status !== 'open') {
    throw forbidden('A proposal starts open; an advisor sets the status once it is approved.');
  }
  let inputs: FairInputs;
  let params: Record<string, number> | null = null;
  if (input.inputs) {
    inputs = input.inputs;
    assertValid(riskProblems(inputs, [], 'body.inputs', () => null));
    if (input.template && input.templateParams) params = checkedParams(input.template, input.templateParams);
  } else if (input.template) {
    ({ inputs, params } = await templateInputs(scope, input.template, input.templateParams ?? {}));
  } else {
    throw invalid('Give the FAIR inputs, or a template to build them from.', [{ path: 'body.inputs', message: 'required unless a template is given' }]);
  }
  const now = toTimestamp(scope.now());
  const links = input.links ?? [];
  await checkLinkTargets(scope, links);
  return scope.write(async (w) => {
    const number = await nextNumber(w, scope, 'risk');
    const row: RiskScenariosTable = {
      client_id: scope.clientId,
      id: newId(),
      ref: `R${number}`,
      ref_number: number,
      title: input.title,
      description: input.description ?? null,
      threat: input.threat ?? (input.template ? TEMPLATES[input.template].threat : null),
      owner_seat: input.ownerSeat,
      status: input.status ?? 'open',
      proposed: advisor ? 0 : 1,
      template: input.template ?? null,
      template_params_json: toJson(params),
      inputs_json: toJson(inputs)!,
      status_reason: null,
      created_by: scope.actor.userId,
      created_at: now,
      updated_at: now,
    };
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('risk_scenarios', values).execute();
    const rows = linkRows(row.id, links);
    if (rows.length > 0) await w.db.insertInto('risk_links', rows).execute();
    await w.audit({ action: row.proposed ? 'risk.propose' : 'risk.create', entityType: 'risk', entityId: row.id, after: auditScenario(row, presentLinks(rows)) });
    await assertRegisterWork(w, scope, input.inputs ? frequencyPath(inputs, 'body.inputs') : input.templateParams ? 'body.templateParams' : 'body.template');
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [row.id] }));
    return row;
  });
}

/**
 * Changes a scenario. Advisors change any; a contributor only their own proposal, and never its
 * status. 'accepted' is never set here, and an accepted risk leaves that status only through
 * governance (or by being closed).
 */
export async function updateScenario(scope: ClientScope, id: string, patch: ScenarioPatch): Promise<RiskScenariosTable> {
  scope.require('risks.propose');
  const before = await findScenario(scope, id);
  if (patch.links) await checkLinkTargets(scope, patch.links);
  const advisor = scope.can('risks.edit');
  if (!advisor) {
    if (before.proposed !== 1 || before.created_by !== scope.actor.userId) {
      throw forbidden('Contributors change only their own proposals; an advisor changes scenarios in the register.');
    }
    if (patch.status !== undefined || patch.statusReason !== undefined) throw forbidden('An advisor sets the status of a scenario.');
  }
  refuseAccepted(patch.status);
  if (before.status === 'accepted' && patch.status !== undefined && patch.status !== 'accepted' && patch.status !== 'closed') {
    throw conflict('This risk is accepted: it reopens when its acceptance lapses or is withdrawn (governance), or it can be closed.', [{ path: 'body.status', message: 'an accepted risk can only be closed here' }]);
  }
  let inputs = patch.inputs ?? scenarioInputs(before);
  let params = fromJson<Record<string, number> | null>(before.template_params_json, null);
  if (patch.rebuild || (patch.templateParams && !patch.inputs)) {
    if (!before.template) throw invalid('This scenario was not made from a template; change its inputs instead.', [{ path: 'body.templateParams', message: 'the scenario has no template' }]);
    ({ inputs, params } = await templateInputs(scope, before.template as TemplateKey, { ...(params ?? {}), ...(patch.templateParams ?? {}) }));
  } else if (patch.templateParams) {
    params = { ...(params ?? {}), ...(before.template ? checkedParams(before.template as TemplateKey, patch.templateParams) : patch.templateParams) };
  }
  const treatments = await scope.db.selectFrom('risk_treatments').selectAll().where('scenario_id', '=', id).execute();
  assertValid(
    riskProblems(inputs, treatments.map((t) => engineTreatment(t, scope.client.currency)), 'body.inputs', (ref) => `treatments.${ref}`),
    'The risk inputs are not valid',
  );
  const after: RiskScenariosTable = {
    ...before,
    title: patch.title ?? before.title,
    description: patch.description === undefined ? before.description : patch.description,
    threat: patch.threat === undefined ? before.threat : patch.threat,
    owner_seat: patch.ownerSeat ?? before.owner_seat,
    status: patch.status ?? before.status,
    status_reason: patch.statusReason === undefined ? (patch.status && patch.status !== before.status ? null : before.status_reason) : patch.statusReason,
    template_params_json: toJson(params),
    inputs_json: toJson(inputs)!,
    updated_at: toTimestamp(scope.now()),
  };
  return scope.write(async (w) => {
    const oldLinks = await w.db.selectFrom('risk_links').selectAll().where('scenario_id', '=', id).orderBy('position').execute();
    let newLinks = oldLinks.map((l) => ({ kind: l.kind, target_id: l.target_id, label: l.label }));
    if (patch.links) {
      await w.db.deleteFrom('risk_links').where('scenario_id', '=', id).execute();
      const rows = linkRows(id, patch.links);
      if (rows.length > 0) await w.db.insertInto('risk_links', rows).execute();
      newLinks = rows;
    }
    await w.db
      .updateTable('risk_scenarios')
      .set({
        title: after.title,
        description: after.description,
        threat: after.threat,
        owner_seat: after.owner_seat,
        status: after.status,
        status_reason: after.status_reason,
        template_params_json: after.template_params_json,
        inputs_json: after.inputs_json,
        updated_at: after.updated_at,
      })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'risk.update', entityType: 'risk', entityId: id, before: auditScenario(before, presentLinks(oldLinks)), after: auditScenario(after, presentLinks(newLinks)) });
    if (after.inputs_json !== before.inputs_json || (after.status !== before.status && before.status === 'closed')) {
      await assertRegisterWork(w, scope, patch.inputs ? frequencyPath(inputs, 'body.inputs') : after.inputs_json !== before.inputs_json ? 'body.templateParams' : 'body.status');
    }
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [id] }));
    return after;
  });
}

/** An advisor takes a contributor's proposal into the register. */
export async function approveScenario(scope: ClientScope, id: string): Promise<RiskScenariosTable> {
  scope.require('risks.edit');
  const before = await findScenario(scope, id);
  if (before.proposed !== 1) throw conflict(`${before.ref} is already in the register.`);
  const after = { ...before, proposed: 0, updated_at: toTimestamp(scope.now()) };
  await scope.write(async (w) => {
    await w.db.updateTable('risk_scenarios').set({ proposed: 0, updated_at: after.updated_at }).where('id', '=', id).execute();
    await w.audit({ action: 'risk.approve', entityType: 'risk', entityId: id, before: { ref: before.ref, proposed: true }, after: { ref: before.ref, proposed: false } });
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [id] }));
  });
  return after;
}

/** Deletes a scenario with its treatments and links. Advisors; a contributor may withdraw their own proposal. */
export async function deleteScenario(scope: ClientScope, id: string): Promise<void> {
  scope.require('risks.propose');
  const before = await findScenario(scope, id);
  if (!scope.can('risks.edit') && (before.proposed !== 1 || before.created_by !== scope.actor.userId)) {
    throw forbidden('Contributors may withdraw only their own proposals.');
  }
  if (before.status === 'accepted') throw conflict('This risk is accepted; close it instead, so that the acceptance keeps its risk.');
  await scope.write(async (w) => {
    const links = await w.db.selectFrom('risk_links').selectAll().where('scenario_id', '=', id).orderBy('position').execute();
    const treatments = await w.db.selectFrom('risk_treatments').selectAll().where('scenario_id', '=', id).execute();
    await w.db.deleteFrom('risk_scenario_results').where('id', '=', id).execute();
    await w.db.deleteFrom('risk_option_set_scenarios').where('scenario_id', '=', id).execute();
    const covering = await w.db.selectFrom('risk_policy_scenarios').select('policy_id').where('scenario_id', '=', id).execute();
    await w.db.deleteFrom('risk_policy_scenarios').where('scenario_id', '=', id).execute();
    await w.db.deleteFrom('risk_treatments').where('scenario_id', '=', id).execute();
    await w.db.deleteFrom('risk_links').where('scenario_id', '=', id).execute();
    await w.db.deleteFrom('risk_scenarios').where('id', '=', id).execute();
    await w.audit({
      action: 'risk.delete',
      entityType: 'risk',
      entityId: id,
      before: { ...auditScenario(before, presentLinks(links)), treatments: treatments.map((t) => ({ ref: t.ref, name: t.name, status: t.status })), coveredByPolicies: covering.map((c) => c.policy_id) },
    });
    await enqueueRecompute(w, scope.clientId);
    w.afterCommit(() => scope.app.events.emit('risks.changed', { clientId: scope.clientId, riskIds: [id] }));
  });
}
