/**
 * Opening a decision record and changing it (advisors): its options, with the risks and
 * treatments they link to, the seats concerned and its dates.
 */
import type { ClientScope } from '../../server/context.js';
import { newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { conflict, invalid } from '../../server/errors.js';
import { words } from '../../server/i18n/index.js';
import { toMinorUnits } from '../../shared/money.js';
import { notify } from '../notifications/api.js';
import { actorName, today } from './common.js';
import { validateRiskLinks } from './risk-bridge.js';
import { DecisionInput, DecisionPatch, type DecisionOut, type OptionInput } from './schema.js';
import { holderOf, seatStates } from './seats.js';
import type { GovDecisionsTable } from './tables.js';
import { auditView, getDecision, getRow, listSeats, storedOptions, type StoredOption } from './decisions.js';

/** Turns option inputs into stored options, keeping the ids of existing ones. */
async function buildOptions(scope: ClientScope, inputs: OptionInput[], existing: StoredOption[]): Promise<{ options: StoredOption[]; proposedId: string | null }> {
  const known = new Set(existing.map((o) => o.id));
  const details: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const options = inputs.map((o, i) => {
    if (o.id !== undefined && !known.has(o.id)) details.push({ path: `options.${i}.id`, message: 'no such option in this decision' });
    const id = o.id !== undefined && known.has(o.id) ? o.id : newId();
    if (seen.has(id)) details.push({ path: `options.${i}.id`, message: 'the same option is listed twice' });
    seen.add(id);
    return {
      id,
      title: o.title.trim(),
      description: o.description?.trim() || null,
      cost: o.cost === undefined || o.cost === null ? null : toMinorUnits(o.cost, scope.client.currency),
      riskEffect: o.riskEffect?.trim() || null,
      links: o.links ?? [],
    };
  });
  const proposed = inputs.flatMap((o, i) => (o.proposed ? [i] : []));
  if (proposed.length > 1) details.push(...proposed.slice(1).map((i) => ({ path: `options.${i}.proposed`, message: 'only one option can be the proposal' })));
  details.push(...(await validateRiskLinks(scope, options.map((o) => o.links))));
  if (details.length > 0) throw invalid(details[0]!.message, details);
  const first = proposed[0];
  return { options, proposedId: first === undefined ? null : options[first]!.id };
}

export function checkDates(scope: ClientScope, dates: { decideBy?: string | null | undefined; revisitOn?: string | null | undefined }): void {
  const t = today(scope);
  const details = [
    ...(dates.decideBy && dates.decideBy < t ? [{ path: 'decideBy', message: 'must not be in the past' }] : []),
    ...(dates.revisitOn && dates.revisitOn < t ? [{ path: 'revisitOn', message: 'must not be in the past' }] : []),
  ];
  if (details.length > 0) throw invalid(`${details[0]!.path} must not be in the past.`, details);
}

/** Opens a decision record (advisors); the holders of the seats concerned are asked for their position. */
export async function createDecision(scope: ClientScope, raw: DecisionInput): Promise<DecisionOut> {
  scope.require('governance.edit');
  const input = DecisionInput.parse(raw);
  const seats = [...new Set(input.seats)];
  checkDates(scope, input);
  const { options, proposedId } = await buildOptions(scope, input.options, []);
  const now = toTimestamp(scope.now());
  const row: GovDecisionsTable = {
    client_id: scope.clientId,
    id: newId(),
    title: input.title,
    context: input.context ?? null,
    proposal: input.proposal,
    options_json: toJson(options) ?? '[]',
    proposed_option_id: proposedId,
    seats_json: toJson(seats) ?? '[]',
    status: 'open',
    decide_by: input.decideBy ?? null,
    revisit_on: input.revisitOn ?? null,
    escalated_at: null,
    escalation_reason: null,
    outcome: null,
    chosen_option_id: null,
    decided_by_user_id: null,
    decided_by_name: null,
    decided_role: null,
    decided_at: null,
    raised_by_user_id: scope.actor.userId,
    created_at: now,
    updated_at: now,
  };
  const states = await seatStates(scope);
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('gov_decisions', values).execute();
    await w.audit({ action: 'decision.create', entityType: 'decision', entityId: row.id, after: auditView(row) });
    await notify(w, {
      to: { userIds: seats.map((s) => holderOf(states, s)?.userId), except: [scope.actor.userId] },
      kind: 'decision.position-requested',
      title: `Your position is asked: ${row.title}`,
      body: `${actorName(scope)} opened a decision that concerns ${listSeats(seats, words('en', 'governance'))}. Record whether your seat supports, opposes or abstains, and why.`,
      path: `governance/decisions/${row.id}`,
      subject: { type: 'decision', id: row.id },
    });
  });
  return getDecision(scope, row.id);
}

/**
 * Changes an open decision (advisors). A decided one only takes a new revisit date. A seat that
 * has recorded a position stays concerned: dropping it would silence it.
 */
export async function updateDecision(scope: ClientScope, id: string, raw: DecisionPatch): Promise<DecisionOut> {
  scope.require('governance.edit');
  const patch = DecisionPatch.parse(raw);
  const row = await getRow(scope, id);
  if (row.status !== 'open') {
    const others = Object.keys(patch).filter((k) => k !== 'revisitOn');
    if (row.status === 'withdrawn' || others.length > 0) {
      throw conflict(`This decision is ${row.status}; ${row.status === 'decided' ? 'only its revisit date can change' : 'it can no longer change'}.`, others.map((k) => ({ path: k, message: 'cannot change after the decision' })));
    }
  }
  checkDates(scope, patch);
  const next: GovDecisionsTable = { ...row, updated_at: toTimestamp(scope.now()) };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.context !== undefined) next.context = patch.context;
  if (patch.proposal !== undefined) next.proposal = patch.proposal;
  if (patch.decideBy !== undefined) next.decide_by = patch.decideBy;
  if (patch.revisitOn !== undefined) next.revisit_on = patch.revisitOn;
  if (patch.options !== undefined) {
    const built = await buildOptions(scope, patch.options, storedOptions(row));
    next.options_json = toJson(built.options) ?? '[]';
    next.proposed_option_id = built.proposedId;
  }
  if (patch.seats !== undefined) {
    const seats = [...new Set(patch.seats)];
    const spoken = await scope.db.selectFrom('gov_positions').select('seat').where('decision_id', '=', id).execute();
    const dropped = spoken.map((p) => p.seat).filter((s) => !seats.includes(s));
    if (dropped.length > 0) {
      throw conflict(`${listSeats(dropped, words('en', 'governance'))} has recorded a position, so it stays concerned by this decision.`, [{ path: 'seats', message: `must include ${dropped.join(', ')}` }]);
    }
    next.seats_json = toJson(seats) ?? '[]';
  }
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_decisions')
      .set({
        title: next.title,
        context: next.context,
        proposal: next.proposal,
        options_json: next.options_json,
        proposed_option_id: next.proposed_option_id,
        seats_json: next.seats_json,
        decide_by: next.decide_by,
        revisit_on: next.revisit_on,
        updated_at: next.updated_at,
      })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'decision.update', entityType: 'decision', entityId: id, before: auditView(row), after: auditView(next) });
  });
  return getDecision(scope, id);
}
