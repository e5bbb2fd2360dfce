import type { ClientScope } from '../../server/context.js';
import { fromFlag, fromJson, newId, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid, notFound } from '../../server/errors.js';
import { words, type Language, type Say } from '../../server/i18n/index.js';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { closeNotifications, notify } from '../notifications/api.js';
import { actorName, peopleById, personRef, today, type Member } from './common.js';
import { validateRiskLinks } from './risk-bridge.js';
import {
  DecideInput,
  DecisionInput,
  DecisionPatch,
  PositionInput,
  ReasonInput,
  type DecisionOut,
  type DecisionStatus,
  type OptionInput,
  type OptionOut,
  type Seat,
  type Stance,
} from './schema.js';
import { cisoReportsToCio, holderOf, seatStates, seatsHeldBy, type SeatState } from './seats.js';
import type { GovDecisionsTable, GovPositionsTable } from './tables.js';

/** An option as stored (money in minor units). */
interface StoredOption {
  id: string;
  title: string;
  description: string | null;
  cost: number | null;
  riskEffect: string | null;
  links: { kind: 'risk' | 'treatment'; id: string }[];
}

/**
 * Why a decision goes to the executives, or null: some seat opposes what another supports; or,
 * while the CISO reports to the CIO, the CISO opposes at all (its dissent would otherwise stay
 * inside IT).
 */
export function escalationReason(positions: readonly { seat: Seat; stance: Stance }[], cisoUnderCio: boolean, language: Language = 'en'): string | null {
  const say = words(language, 'governance');
  const supporting = positions.filter((p) => p.stance === 'supports').map((p) => p.seat);
  const opposing = positions.filter((p) => p.stance === 'opposes').map((p) => p.seat);
  if (supporting.length > 0 && opposing.length > 0) {
    return say('escalation.disagree', {
      supporting: say('escalation.supports', { seats: listSeats(supporting, say), count: supporting.length }),
      opposing: say('escalation.opposes', { seats: listSeats(opposing, say), count: opposing.length }),
    });
  }
  if (cisoUnderCio && opposing.includes('CISO')) return say('escalation.cisoUnderCio');
  return null;
}

/**
 * A stored escalation reason (stored in English when the decision escalated) in the reader's
 * language, where it still says what the recorded positions say; as stored otherwise.
 */
function escalationReasonIn(language: Language, stored: string | null, positions: readonly { seat: Seat; stance: Stance }[]): string | null {
  if (!stored || language === 'en') return stored;
  for (const cisoUnderCio of [false, true]) {
    if (escalationReason(positions, cisoUnderCio) === stored) return escalationReason(positions, cisoUnderCio, language);
  }
  return stored;
}

function listSeats(seats: Seat[], say: Say<'governance'>): string {
  const named = seats.map((seat) => say('seats.the', { seat }));
  return named.length <= 1 ? (named[0] ?? '') : say('seats.and', { list: named.slice(0, -1).join(', '), last: named.at(-1) ?? '' });
}

export function decisionSeats(row: GovDecisionsTable): Seat[] {
  return fromJson<Seat[]>(row.seats_json, []);
}

function storedOptions(row: GovDecisionsTable): StoredOption[] {
  return fromJson<StoredOption[]>(row.options_json, []);
}

/** Open past its decide-by date, or decided and past its revisit date. */
export function isOverdue(row: GovDecisionsTable, on: string): boolean {
  if (row.status === 'open') return row.decide_by !== null && row.decide_by < on;
  if (row.status === 'decided') return row.revisit_on !== null && row.revisit_on < on;
  return false;
}

interface Loaded {
  states: SeatState[];
  positions: Map<string, GovPositionsTable[]>;
  people: Map<string, Member>;
}

async function load(scope: ClientScope, rows: GovDecisionsTable[]): Promise<Loaded> {
  const states = await seatStates(scope);
  const positions = new Map<string, GovPositionsTable[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const part = await scope.db.selectFrom('gov_positions').selectAll().where('decision_id', 'in', ids.slice(i, i + 500)).execute();
    for (const p of part) positions.set(p.decision_id, [...(positions.get(p.decision_id) ?? []), p]);
  }
  const people = await peopleById(scope, [
    ...rows.flatMap((r) => [r.raised_by_user_id, r.decided_by_user_id]),
    ...[...positions.values()].flat().flatMap((p) => [p.holder_user_id, p.recorded_by_user_id]),
  ]);
  return { states, positions, people };
}

/** The seats whose position the caller may record on an open decision. */
function recordableSeats(scope: ClientScope, row: GovDecisionsTable, states: SeatState[]): Seat[] {
  if (row.status !== 'open' || !scope.can('governance.position')) return [];
  const seats = decisionSeats(row);
  const mine = seatsHeldBy(states, scope.actor.userId).filter((s) => seats.includes(s));
  return seats.filter((seat) => {
    const holder = holderOf(states, seat);
    if (!holder) return false;
    if (holder.userId === scope.actor.userId) return true;
    return scope.role === 'advisor' && mine.length === 0;
  });
}

function present(scope: ClientScope, row: GovDecisionsTable, l: Loaded): DecisionOut {
  const seats = decisionSeats(row);
  const recorded = l.positions.get(row.id) ?? [];
  const positions = seats.map((seat) => {
    const p = recorded.find((x) => x.seat === seat);
    const holder = holderOf(l.states, seat);
    return {
      seat,
      // A recorded position speaks for whoever held the seat then.
      holder: p ? personRef(l.people, p.holder_user_id) : holder ? { userId: holder.userId, name: holder.name } : null,
      stance: p?.stance ?? null,
      rationale: p?.rationale ?? null,
      preferredOptionId: p?.preferred_option_id ?? null,
      recordedBy: personRef(l.people, p?.recorded_by_user_id),
      onBehalf: fromFlag(p?.on_behalf),
      recordedAt: p?.recorded_at ?? null,
    };
  });
  const escalated = row.escalated_at !== null;
  const options: OptionOut[] = storedOptions(row).map((o) => ({
    id: o.id,
    title: o.title,
    description: o.description,
    cost: o.cost === null ? null : fromMinorUnits(o.cost, scope.client.currency),
    riskEffect: o.riskEffect,
    links: o.links,
    proposed: o.id === row.proposed_option_id,
  }));
  const open = row.status === 'open';
  return {
    id: row.id,
    title: row.title,
    context: row.context,
    proposal: row.proposal,
    options,
    seats,
    status: row.status,
    decideBy: row.decide_by,
    revisitOn: row.revisit_on,
    overdue: isOverdue(row, today(scope)),
    escalated,
    escalatedAt: row.escalated_at,
    escalationReason: escalationReasonIn(scope.language, row.escalation_reason, recorded),
    awaitingExecutive: escalated && open,
    positions,
    outcome: row.outcome,
    chosenOptionId: row.chosen_option_id,
    decidedBy: row.decided_at ? { userId: row.decided_by_user_id, name: row.decided_by_name ?? 'unknown', role: row.decided_role ?? 'unknown' } : null,
    decidedAt: row.decided_at,
    raisedBy: personRef(l.people, row.raised_by_user_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: {
      edit: open && scope.can('governance.edit'),
      // Offered only when it can succeed: an executive decides any open decision; anyone else
      // one that is not escalated and on which every held seat has taken a position.
      decide: open && scope.can('governance.decide') && (scope.role === 'executive' || (!escalated && positions.every((p) => p.holder === null || p.stance !== null))),
      withdraw: open && scope.can('governance.decide') && (scope.role === 'executive' || !escalated),
      recordPositionFor: recordableSeats(scope, row, l.states),
    },
  };
}

export async function presentDecisions(scope: ClientScope, rows: GovDecisionsTable[]): Promise<DecisionOut[]> {
  const l = await load(scope, rows);
  return rows.map((r) => present(scope, r, l));
}

async function getRow(scope: ClientScope, id: string): Promise<GovDecisionsTable> {
  const row = await scope.db.selectFrom('gov_decisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Decision');
  return row;
}

export async function getDecision(scope: ClientScope, id: string): Promise<DecisionOut> {
  return (await presentDecisions(scope, [await getRow(scope, id)]))[0]!;
}

export interface DecisionFilter {
  status?: DecisionStatus | undefined;
  awaitingExecutive?: boolean | undefined;
}

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

function checkDates(scope: ClientScope, dates: { decideBy?: string | null | undefined; revisitOn?: string | null | undefined }): void {
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

/** What the audit trail keeps of a decision. */
function auditView(row: GovDecisionsTable) {
  return {
    title: row.title,
    context: row.context,
    proposal: row.proposal,
    options: storedOptions(row),
    proposedOptionId: row.proposed_option_id,
    seats: decisionSeats(row),
    status: row.status,
    decideBy: row.decide_by,
    revisitOn: row.revisit_on,
    escalatedAt: row.escalated_at,
    escalationReason: row.escalation_reason,
    outcome: row.outcome,
    chosenOptionId: row.chosen_option_id,
    decidedBy: row.decided_by_name,
    decidedRole: row.decided_role,
    decidedAt: row.decided_at,
  };
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

/**
 * Records a seat's position on an open decision. The seat's holder records their own; an
 * advisor of the firm may record it on the holder's behalf (as minutes of a meeting), marked
 * as such, and the holder is told and may change it, unless the advisor holds another seat
 * concerned by the decision: nobody speaks for the seat they disagree with. When the positions
 * disagree the decision escalates to the client's executives, and stays escalated until one of
 * them decides it, whatever positions change later.
 */
export async function recordPosition(scope: ClientScope, id: string, seat: Seat, raw: PositionInput): Promise<DecisionOut> {
  scope.require('governance.position');
  const input = PositionInput.parse(raw);
  const row = await getRow(scope, id);
  if (row.status !== 'open') throw conflict(`This decision is ${row.status}; positions can no longer change.`);
  const seats = decisionSeats(row);
  if (!seats.includes(seat)) throw invalid(`The ${seat} is not among the seats concerned by this decision.`, [{ path: 'seat', message: `must be one of ${seats.join(', ')}` }]);
  const states = await seatStates(scope);
  const holder = holderOf(states, seat);
  if (!holder) throw conflict(`The ${seat} seat is vacant: nobody can take a position for it. Fill the seat first.`);
  let onBehalf = false;
  if (holder.userId !== scope.actor.userId) {
    const mine = seatsHeldBy(states, scope.actor.userId).filter((s) => seats.includes(s));
    if (scope.role !== 'advisor') {
      throw forbidden(`Only the ${seat}'s holder, ${holder.name}, can record the ${seat}'s position (or an advisor of the firm on their behalf).`);
    }
    if (mine.length > 0) {
      throw forbidden(`You hold the ${mine.join(' and ')} seat in this decision, so you cannot record the ${seat}'s position; it must come from ${holder.name}.`);
    }
    onBehalf = true;
  }
  if (input.preferredOptionId && !storedOptions(row).some((o) => o.id === input.preferredOptionId)) {
    throw invalid('The preferred option is not one of this decision\u2019s options.', [{ path: 'preferredOptionId', message: 'no such option in this decision' }]);
  }
  const existing = await scope.db.selectFrom('gov_positions').selectAll().where('decision_id', '=', id).execute();
  const previous = existing.find((p) => p.seat === seat);
  const now = toTimestamp(scope.now());
  const position: GovPositionsTable = {
    client_id: scope.clientId,
    id: previous?.id ?? newId(),
    decision_id: id,
    seat,
    stance: input.stance,
    rationale: input.rationale,
    preferred_option_id: input.preferredOptionId ?? null,
    holder_user_id: holder.userId,
    recorded_by_user_id: scope.actor.userId,
    on_behalf: toFlag(onBehalf),
    recorded_at: now,
  };
  const after = [...existing.filter((p) => p.seat !== seat), position];
  const reason = row.escalated_at ? null : escalationReason(after, cisoReportsToCio(states));
  const view = (p: GovPositionsTable | undefined) =>
    p ? { seat: p.seat, stance: p.stance, rationale: p.rationale, preferredOptionId: p.preferred_option_id, holderUserId: p.holder_user_id, onBehalf: fromFlag(p.on_behalf) } : null;
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = position;
    if (previous) await w.db.updateTable('gov_positions').set(values).where('id', '=', previous.id).execute();
    else await w.db.insertInto('gov_positions', values).execute();
    await w.db.updateTable('gov_decisions').set({ updated_at: now }).where('id', '=', id).execute();
    await w.audit({ action: 'decision.position', entityType: 'decision', entityId: id, before: view(previous), after: view(position) });
    // The seat's holder was asked for this position: that request is settled.
    await closeNotifications(w, { subject: { type: 'decision', id }, kinds: ['decision.position-requested'], userIds: [holder.userId] });
    if (onBehalf) {
      await notify(w, {
        to: { userIds: [holder.userId] },
        kind: 'decision.position-recorded-for-you',
        title: `${actorName(scope)} recorded your position as ${seat}: ${input.stance}`,
        body: `On "${row.title}", ${actorName(scope)} recorded for you that the ${seat} ${input.stance} the proposal: "${input.rationale}". If that is not your position, record your own.`,
        path: `governance/decisions/${id}`,
        subject: { type: 'decision', id },
      });
    }
    if (reason) {
      await w.db.updateTable('gov_decisions').set({ escalated_at: now, escalation_reason: reason }).where('id', '=', id).execute();
      await w.audit({ action: 'decision.escalate', entityType: 'decision', entityId: id, before: { escalatedAt: null }, after: { escalatedAt: now, reason } });
      const summary = after.map((p) => `${p.seat}: ${p.stance}`).join('; ');
      await notify(w, {
        to: { roles: ['executive'] },
        kind: 'decision.escalated',
        title: `Decision for you: ${row.title}`,
        body: `${reason} Positions so far: ${summary}. Only an executive can decide it now; it will appear among the decisions for the board.`,
        path: `governance/decisions/${id}`,
        subject: { type: 'decision', id },
      });
      await notify(w, {
        to: { userIds: seats.map((s) => holderOf(states, s)?.userId), except: [scope.actor.userId] },
        kind: 'decision.escalated',
        title: `Escalated to the executives: ${row.title}`,
        body: `${reason} The decision now waits for an executive.`,
        path: `governance/decisions/${id}`,
        subject: { type: 'decision', id },
        email: false,
      });
    }
  });
  return getDecision(scope, id);
}

/**
 * Closes an open decision with its outcome. An escalated one (the seats disagree) is decided
 * by an executive only. Otherwise an advisor may close it once every held seat concerned has
 * recorded a position (nobody is blindsided); an executive may decide at any time.
 */
export async function decide(scope: ClientScope, id: string, raw: DecideInput): Promise<DecisionOut> {
  scope.require('governance.decide');
  const input = DecideInput.parse(raw);
  const row = await getRow(scope, id);
  if (row.status !== 'open') throw conflict(`This decision is already ${row.status}.`);
  checkDates(scope, input);
  if (input.chosenOptionId && !storedOptions(row).some((o) => o.id === input.chosenOptionId)) {
    throw invalid('The chosen option is not one of this decision\u2019s options.', [{ path: 'chosenOptionId', message: 'no such option in this decision' }]);
  }
  const states = await seatStates(scope);
  const positions = await scope.db.selectFrom('gov_positions').selectAll().where('decision_id', '=', id).execute();
  const reason = row.escalation_reason ?? escalationReason(positions, cisoReportsToCio(states));
  const executive = scope.role === 'executive';
  if (reason && !executive) {
    throw forbidden(words(scope.language, 'governance')('escalation.onlyExecutive', { reason: escalationReasonIn(scope.language, reason, positions) ?? reason, client: scope.client.name }));
  }
  if (!executive) {
    const missing = decisionSeats(row).filter((s) => holderOf(states, s) && !positions.some((p) => p.seat === s));
    if (missing.length > 0) {
      const names = missing.map((s) => `the ${s} (${holderOf(states, s)!.name})`).join(' and ');
      throw conflict(`No blindsiding: ${names} ${missing.length > 1 ? 'have' : 'has'} not recorded a position yet.`);
    }
  }
  const now = toTimestamp(scope.now());
  const next: GovDecisionsTable = {
    ...row,
    status: 'decided',
    outcome: input.outcome,
    chosen_option_id: input.chosenOptionId ?? null,
    revisit_on: input.revisitOn !== undefined ? input.revisitOn : row.revisit_on,
    decided_by_user_id: scope.actor.userId,
    decided_by_name: actorName(scope),
    decided_role: scope.role,
    decided_at: now,
    escalated_at: row.escalated_at ?? (reason ? now : null),
    escalation_reason: reason,
    updated_at: now,
  };
  await scope.write(async (w) => {
    const res = await w.db
      .updateTable('gov_decisions')
      .set({
        status: next.status,
        outcome: next.outcome,
        chosen_option_id: next.chosen_option_id,
        revisit_on: next.revisit_on,
        decided_by_user_id: next.decided_by_user_id,
        decided_by_name: next.decided_by_name,
        decided_role: next.decided_role,
        decided_at: next.decided_at,
        escalated_at: next.escalated_at,
        escalation_reason: next.escalation_reason,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('This decision was closed meanwhile.');
    await w.audit({ action: 'decision.decide', entityType: 'decision', entityId: id, before: auditView(row), after: auditView(next) });
    await closeNotifications(w, { subject: { type: 'decision', id }, kinds: ['decision.position-requested', 'decision.escalated'] });
    await notify(w, {
      to: { userIds: [...decisionSeats(row).map((s) => holderOf(states, s)?.userId), row.raised_by_user_id], except: [scope.actor.userId] },
      kind: 'decision.decided',
      title: `Decided: ${row.title}`,
      body: `${actorName(scope)} (${scope.role}) decided: ${input.outcome}`,
      path: `governance/decisions/${id}`,
      subject: { type: 'decision', id },
    });
  });
  return getDecision(scope, id);
}

/** Withdraws an open decision; an escalated one only by an executive. */
export async function withdrawDecision(scope: ClientScope, id: string, raw: { reason: string }): Promise<DecisionOut> {
  scope.require('governance.decide');
  const { reason } = ReasonInput.parse(raw);
  const row = await getRow(scope, id);
  if (row.status !== 'open') throw conflict(`This decision is already ${row.status}.`);
  if (row.escalated_at && scope.role !== 'executive') {
    throw forbidden('This decision is escalated to the executives: only an executive can withdraw it.');
  }
  const now = toTimestamp(scope.now());
  const next: GovDecisionsTable = { ...row, status: 'withdrawn', outcome: `Withdrawn: ${reason}`, decided_by_user_id: scope.actor.userId, decided_by_name: actorName(scope), decided_role: scope.role, decided_at: now, updated_at: now };
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_decisions')
      .set({ status: 'withdrawn', outcome: next.outcome, decided_by_user_id: next.decided_by_user_id, decided_by_name: next.decided_by_name, decided_role: next.decided_role, decided_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'decision.withdraw', entityType: 'decision', entityId: id, before: auditView(row), after: auditView(next) });
    await closeNotifications(w, { subject: { type: 'decision', id }, kinds: ['decision.position-requested', 'decision.escalated'] });
  });
  return getDecision(scope, id);
}
