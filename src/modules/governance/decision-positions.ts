/**
 * The seats' positions on an open decision, its escalation to the executives when they
 * disagree, and how it closes: decided (by an executive once escalated, otherwise once every
 * held seat has spoken) or withdrawn.
 */
import type { ClientScope } from '../../server/context.js';
import { fromFlag, newId, toFlag, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid } from '../../server/errors.js';
import { words } from '../../server/i18n/index.js';
import { closeNotifications, notify } from '../notifications/api.js';
import { actorName } from './common.js';
import { DecideInput, PositionInput, ReasonInput, type DecisionOut, type Seat } from './schema.js';
import { cisoReportsToCio, holderOf, seatStates, seatsHeldBy } from './seats.js';
import type { GovDecisionsTable, GovPositionsTable } from './tables.js';
import { auditView, decisionSeats, escalationReason, escalationReasonIn, getDecision, getRow, storedOptions } from './decisions.js';
import { checkDates } from './decision-editing.js';

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
