/**
 * Asking for a risk acceptance and answering it: the request (its scenarios frozen, the people
 * with the authority asked to approve), approval or re-approval, rejection and withdrawal; and
 * the scenarios set back to open when an acceptance ends.
 */
import type { ClientScope, Writer } from '../../server/context.js';
import { newId, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid } from '../../server/errors.js';
import { closeNotifications, notify } from '../notifications/api.js';
import { actorName, addMonths, getSettings, today } from './common.js';
import { appetiteOf, riskSnapshots, setStatus, type RiskSnapshot } from './risk-bridge.js';
import { AcceptanceInput, ApproveInput, ReasonInput, type AcceptanceOut, type AcceptanceStatus, type Authority, type DelegationOut } from './schema.js';
import { authorityFor, authorityProblem } from './authority.js';
import { getDelegation } from './delegation.js';
import type { GovAcceptanceRisksTable, GovAcceptancesTable } from './tables.js';
import { auditView, awaitingApproval, getAcceptance, getRow } from './acceptances.js';

/** Acceptances that hold or may come to hold a risk: one at a time per risk. */
const ACTIVE: AcceptanceStatus[] = ['requested', 'approved'];

/** Who should act on an acceptance waiting for approval: the executives, and the CISO's advisor where the approval is delegated to them. */
export function approvers(delegation: DelegationOut | null, authority: Authority): { roles: ['executive']; userIds: (string | null)[] } {
  return { roles: ['executive'], userIds: authority === 'ciso-advisor-or-executive' && delegation?.holdsCisoSeat ? [delegation.delegate.userId] : [] };
}

function frozenRisk(s: RiskSnapshot) {
  return { risk_title: s.title, snapshot_json: toJson(s.raw) ?? 'null', frozen_mean: s.mean, frozen_p90: s.p90, latest_mean: null, latest_at: null };
}

/** The latest day an acceptance approved today may run to: the client's maximum, never beyond twelve months. */
async function latestExpiry(scope: ClientScope): Promise<{ date: string; months: number }> {
  const months = Math.min(12, (await getSettings(scope.db)).maxAcceptanceMonths);
  return { date: addMonths(today(scope), months), months };
}

/**
 * Asks for one or more risk scenarios to be accepted, with a justification and an expiry
 * (required; at most the client's maximum, never more than twelve months). The scenarios are
 * frozen as they stand, and the people with the authority for the risk's size are asked to
 * approve; the requester can never approve it.
 */
export async function requestAcceptance(scope: ClientScope, raw: AcceptanceInput): Promise<AcceptanceOut> {
  scope.require('governance.acceptance.request');
  const input = AcceptanceInput.parse(raw);
  const riskIds = [...new Set(input.riskIds)];
  const t = today(scope);
  const limit = await latestExpiry(scope);
  if (input.expiresOn <= t) throw invalid('The expiry must be after today.', [{ path: 'expiresOn', message: 'must be after today' }]);
  if (input.expiresOn > limit.date) {
    throw invalid(`An acceptance runs at most ${limit.months} months: expire it on ${limit.date} or earlier.`, [
      { path: 'expiresOn', message: `must be on or before ${limit.date} (${limit.months} months)` },
    ]);
  }
  const snaps = await riskSnapshots(scope, riskIds);
  const details = input.riskIds.flatMap((id, i) => {
    const s = snaps.get(id);
    if (!s) return [{ path: `riskIds.${i}`, message: 'no such risk scenario in this client' }];
    if (s.status === 'closed') return [{ path: `riskIds.${i}`, message: `${s.title} is closed` }];
    if (s.proposed) return [{ path: `riskIds.${i}`, message: `${s.title} is a proposal not yet approved by an advisor` }];
    return [];
  });
  if (details.length > 0) throw invalid(details.length === 1 ? `Cannot accept: ${details[0]!.message}.` : `${details.length} of the scenarios cannot be accepted.`, details);
  const held = await scope.db
    .selectFrom('gov_acceptance_risks')
    .innerJoin('gov_acceptances', (j) => j.onRef('gov_acceptances.client_id', '=', 'gov_acceptance_risks.client_id').onRef('gov_acceptances.id', '=', 'gov_acceptance_risks.acceptance_id'))
    .select(['gov_acceptance_risks.risk_id', 'gov_acceptances.status'])
    .where('gov_acceptance_risks.risk_id', 'in', riskIds)
    .where('gov_acceptances.status', 'in', ACTIVE)
    .execute();
  if (held.length > 0) {
    throw conflict(
      `${held.map((h) => snaps.get(h.risk_id)?.title ?? h.risk_id).join(', ')} already ${held.length > 1 ? 'have' : 'has'} an acceptance ${held[0]!.status === 'approved' ? 'in force' : 'waiting for approval'}.`,
      held.map((h) => ({ path: `riskIds.${input.riskIds.indexOf(h.risk_id)}`, message: `already in an acceptance (${h.status})` })),
    );
  }
  const appetite = await appetiteOf(scope, riskIds);
  const delegation = await getDelegation(scope);
  const required = authorityFor(appetite, delegation, scope.client);
  const now = toTimestamp(scope.now());
  const row: GovAcceptancesTable = {
    client_id: scope.clientId,
    id: newId(),
    title: input.title ?? riskIds.map((id) => snaps.get(id)!.title).join('; ').slice(0, 200),
    justification: input.justification,
    status: 'requested',
    expires_on: input.expiresOn,
    requested_by_user_id: scope.actor.userId,
    requested_by_name: actorName(scope),
    requested_role: scope.role,
    requested_at: now,
    appetite_defined: toFlag(appetite.appetiteDefined),
    above_appetite: toFlag(appetite.aboveAppetite),
    appetite_explanation: appetite.explanation,
    appetite_settled: toFlag(appetite.settled),
    approved_by_user_id: null,
    approved_by_name: null,
    approved_role: null,
    approved_at: null,
    closed_by_user_id: null,
    closed_at: null,
    note: null,
    reapproval_required_at: null,
    reapproval_reason: null,
    reminders_sent_json: '[]',
    created_at: now,
    updated_at: now,
  };
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('gov_acceptances', values).execute();
    await w.db
      .insertInto('gov_acceptance_risks', riskIds.map((riskId) => ({ id: newId(), acceptance_id: row.id, risk_id: riskId, ...frozenRisk(snaps.get(riskId)!) })))
      .execute();
    await w.audit({
      action: 'acceptance.request',
      entityType: 'acceptance',
      entityId: row.id,
      after: { ...auditView(row), risks: riskIds.map((id) => ({ riskId: id, frozen: snaps.get(id)!.raw })) },
    });
    await notify(w, {
      to: { ...approvers(delegation, required.authority), except: [scope.actor.userId] },
      kind: 'acceptance.requested',
      title: `Risk acceptance to approve: ${row.title}`,
      body: `${actorName(scope)} asks to accept ${riskIds.length > 1 ? `${riskIds.length} risk scenarios` : 'a risk scenario'} until ${row.expires_on}: "${row.justification}". ${required.reason}`,
      path: `governance/acceptances/${row.id}`,
      subject: { type: 'acceptance', id: row.id },
    });
  });
  return getAcceptance(scope, row.id);
}

/**
 * Approves a request (or re-approves an accepted risk that changed materially). Never by the
 * requester; only with the authority the risk's size needs, weighed again now. The scenarios
 * are frozen as they stand at approval and set to accepted in the risk register.
 */
export async function approveAcceptance(scope: ClientScope, id: string, raw: { note?: string | null | undefined }): Promise<AcceptanceOut> {
  scope.require('governance.acceptance.approve');
  const input = ApproveInput.parse(raw);
  const row = await getRow(scope, id);
  if (!awaitingApproval(row)) throw conflict(`This acceptance is ${row.status}; there is nothing to approve.`);
  if (row.requested_by_user_id !== null && row.requested_by_user_id === scope.actor.userId) {
    throw forbidden('You requested this acceptance; someone else must approve it.');
  }
  const t = today(scope);
  if (row.expires_on <= t) throw conflict(`This acceptance expired on ${row.expires_on}; request a new one.`);
  const riskRows = await scope.db.selectFrom('gov_acceptance_risks').selectAll().where('acceptance_id', '=', id).execute();
  const riskIds = riskRows.map((r) => r.risk_id);
  const appetite = await appetiteOf(scope, riskIds);
  const delegation = await getDelegation(scope);
  const required = authorityFor(appetite, delegation, scope.client);
  const problem = authorityProblem(scope, required, delegation);
  if (problem) throw forbidden(problem);
  if (row.status === 'requested') {
    const limit = await latestExpiry(scope);
    if (row.expires_on > limit.date) throw conflict(`The requested expiry ${row.expires_on} is more than ${limit.months} months from today; request it again with an earlier date.`);
  }
  const snaps = await riskSnapshots(scope, riskIds);
  const gone = riskRows.filter((r) => !snaps.has(r.risk_id) || snaps.get(r.risk_id)!.status === 'closed');
  if (gone.length > 0) throw conflict(`${gone.map((r) => r.risk_title).join(', ')} no longer ${gone.length > 1 ? 'exist or are' : 'exists or is'} closed; withdraw this request.`);
  const now = toTimestamp(scope.now());
  const next: GovAcceptancesTable = {
    ...row,
    status: 'approved',
    appetite_defined: toFlag(appetite.appetiteDefined),
    above_appetite: toFlag(appetite.aboveAppetite),
    appetite_explanation: appetite.explanation,
    appetite_settled: toFlag(appetite.settled),
    approved_by_user_id: scope.actor.userId,
    approved_by_name: actorName(scope),
    approved_role: scope.role,
    approved_at: now,
    note: input.note ?? null,
    reapproval_required_at: null,
    reapproval_reason: null,
    updated_at: now,
  };
  const reapproval = row.status === 'approved';
  await scope.write(async (w) => {
    const res = await w.db
      .updateTable('gov_acceptances')
      .set({
        status: next.status,
        appetite_defined: next.appetite_defined,
        above_appetite: next.above_appetite,
        appetite_explanation: next.appetite_explanation,
        appetite_settled: next.appetite_settled,
        approved_by_user_id: next.approved_by_user_id,
        approved_by_name: next.approved_by_name,
        approved_role: next.approved_role,
        approved_at: now,
        note: next.note,
        reapproval_required_at: null,
        reapproval_reason: null,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('This acceptance changed meanwhile; reload it.');
    for (const r of riskRows) {
      await w.db.updateTable('gov_acceptance_risks').set(frozenRisk(snaps.get(r.risk_id)!)).where('id', '=', r.id).execute();
      if (snaps.get(r.risk_id)!.status !== 'accepted') await setStatus(w, r.risk_id, 'accepted', `Accepted until ${row.expires_on}: ${row.title}`);
    }
    await w.audit({
      action: reapproval ? 'acceptance.reapprove' : 'acceptance.approve',
      entityType: 'acceptance',
      entityId: id,
      before: auditView(row),
      after: { ...auditView(next), authority: required, risks: riskRows.map((r) => ({ riskId: r.risk_id, frozen: snaps.get(r.risk_id)!.raw })) },
    });
    await closeNotifications(w, { subject: { type: 'acceptance', id }, kinds: ['acceptance.requested', 'acceptance.reapproval'] });
    await notify(w, {
      to: { userIds: [row.requested_by_user_id], except: [scope.actor.userId] },
      kind: 'acceptance.approved',
      title: `${reapproval ? 'Re-approved' : 'Approved'}: ${row.title}`,
      body: `${actorName(scope)} (${scope.role}) approved the acceptance until ${row.expires_on}.${input.note ? ` "${input.note}"` : ''}`,
      path: `governance/acceptances/${id}`,
      subject: { type: 'acceptance', id },
    });
  });
  return getAcceptance(scope, id);
}

/**
 * Turns a request down (or ends an accepted risk that changed materially: it reopens). Needs
 * the same authority as approving; the requester withdraws instead.
 */
export async function rejectAcceptance(scope: ClientScope, id: string, raw: { reason: string }): Promise<AcceptanceOut> {
  scope.require('governance.acceptance.approve');
  const { reason } = ReasonInput.parse(raw);
  const row = await getRow(scope, id);
  if (!awaitingApproval(row)) throw conflict(`This acceptance is ${row.status}; there is nothing to reject.`);
  if (row.requested_by_user_id !== null && row.requested_by_user_id === scope.actor.userId) {
    throw forbidden('You requested this acceptance; withdraw it instead.');
  }
  const riskRows = await scope.db.selectFrom('gov_acceptance_risks').selectAll().where('acceptance_id', '=', id).execute();
  const delegation = await getDelegation(scope);
  const problem = authorityProblem(scope, authorityFor(await appetiteOf(scope, riskRows.map((r) => r.risk_id)), delegation, scope.client, scope.language), delegation);
  const snaps = await riskSnapshots(scope, riskRows.map((r) => r.risk_id));
  if (problem) throw forbidden(problem.replace('can accept it', 'can decide on it').replace('approves it', 'decides on it').replace('may approve it', 'may decide on it'));
  const now = toTimestamp(scope.now());
  const next: GovAcceptancesTable = { ...row, status: 'rejected', closed_by_user_id: scope.actor.userId, closed_at: now, note: reason, updated_at: now };
  await scope.write(async (w) => {
    await w.db.updateTable('gov_acceptances').set({ status: 'rejected', closed_by_user_id: scope.actor.userId, closed_at: now, note: reason, updated_at: now }).where('id', '=', id).execute();
    if (row.status === 'approved') await reopenRisks(w, row, riskRows, snaps, `The acceptance "${row.title}" was ended after a material change: ${reason}`);
    await w.audit({ action: 'acceptance.reject', entityType: 'acceptance', entityId: id, before: auditView(row), after: auditView(next) });
    await closeNotifications(w, { subject: { type: 'acceptance', id }, kinds: ['acceptance.requested', 'acceptance.reapproval'] });
    await notify(w, {
      to: { userIds: [row.requested_by_user_id], except: [scope.actor.userId] },
      kind: 'acceptance.rejected',
      title: `Not accepted: ${row.title}`,
      body: `${actorName(scope)} (${scope.role}): "${reason}"`,
      path: `governance/acceptances/${id}`,
      subject: { type: 'acceptance', id },
    });
  });
  return getAcceptance(scope, id);
}

/** The requester (or an advisor) withdraws a request not yet approved. */
export async function withdrawAcceptance(scope: ClientScope, id: string, raw: { reason: string }): Promise<AcceptanceOut> {
  scope.require('governance.acceptance.request');
  const { reason } = ReasonInput.parse(raw);
  const row = await getRow(scope, id);
  if (row.status !== 'requested') throw conflict(`This acceptance is ${row.status}; only a request waiting for approval can be withdrawn.`);
  if (row.requested_by_user_id !== scope.actor.userId && scope.role !== 'advisor') {
    throw forbidden('Only the requester or an advisor can withdraw this request.');
  }
  const now = toTimestamp(scope.now());
  const next: GovAcceptancesTable = { ...row, status: 'withdrawn', closed_by_user_id: scope.actor.userId, closed_at: now, note: reason, updated_at: now };
  await scope.write(async (w) => {
    await w.db.updateTable('gov_acceptances').set({ status: 'withdrawn', closed_by_user_id: scope.actor.userId, closed_at: now, note: reason, updated_at: now }).where('id', '=', id).execute();
    await w.audit({ action: 'acceptance.withdraw', entityType: 'acceptance', entityId: id, before: auditView(row), after: auditView(next) });
    await closeNotifications(w, { subject: { type: 'acceptance', id }, kinds: ['acceptance.requested', 'acceptance.reapproval'] });
  });
  return getAcceptance(scope, id);
}

/**
 * Sets the acceptance's scenarios back to open, unless another acceptance in force holds them
 * or they are no longer accepted (closed or under treatment meanwhile). `snaps` are read before
 * the transaction: inside it, only the writer may be used.
 */
export async function reopenRisks(w: Writer, row: GovAcceptancesTable, riskRows: GovAcceptanceRisksTable[], snaps: Map<string, RiskSnapshot>, reason: string): Promise<string[]> {
  const riskIds = riskRows.map((r) => r.risk_id);
  const otherHolds = new Set(
    (
      await w.db
        .selectFrom('gov_acceptance_risks')
        .innerJoin('gov_acceptances', (j) => j.onRef('gov_acceptances.client_id', '=', 'gov_acceptance_risks.client_id').onRef('gov_acceptances.id', '=', 'gov_acceptance_risks.acceptance_id'))
        .select('gov_acceptance_risks.risk_id')
        .where('gov_acceptance_risks.risk_id', 'in', riskIds)
        .where('gov_acceptances.status', '=', 'approved')
        .where('gov_acceptances.id', '!=', row.id)
        .execute()
    ).map((r) => r.risk_id),
  );
  const reopened: string[] = [];
  for (const riskId of riskIds) {
    if (otherHolds.has(riskId) || snaps.get(riskId)?.status !== 'accepted') continue;
    await setStatus(w, riskId, 'open', reason);
    reopened.push(riskId);
  }
  return reopened;
}
