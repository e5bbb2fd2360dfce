import type { ClientScope, Writer } from '../../server/context.js';
import { fromFlag, fromJson, newId, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid, notFound } from '../../server/errors.js';
import { formatMoney } from '../../shared/money.js';
import { closeNotifications, notify } from '../notifications/api.js';
import { actorName, addMonths, daysBetween, getSettings, peopleById, personRef, today, type Member } from './common.js';
import { appetiteOf, riskSnapshots, setStatus, type AppetiteCheck, type RiskSnapshot } from './risk-bridge.js';
import { AcceptanceInput, ApproveInput, ReasonInput, type AcceptanceOut, type AcceptanceStatus, type Authority, type DelegationOut } from './schema.js';
import { authorityFor, authorityProblem, storedWeighed, type Weighed } from './authority.js';
import { getDelegation } from './delegation.js';
import { holderOf, seatStates } from './seats.js';
import type { GovAcceptanceRisksTable, GovAcceptancesTable } from './tables.js';

/** Acceptances that hold or may come to hold a risk: one at a time per risk. */
const ACTIVE: AcceptanceStatus[] = ['requested', 'approved'];

function storedAppetite(row: GovAcceptancesTable): AcceptanceOut['appetite'] {
  return { defined: fromFlag(row.appetite_defined), above: fromFlag(row.above_appetite), settled: fromFlag(row.appetite_settled), explanation: row.appetite_explanation };
}

/** Waiting for someone's approval: a new request, or an accepted risk that changed materially. */
export function awaitingApproval(row: GovAcceptancesTable): boolean {
  return row.status === 'requested' || (row.status === 'approved' && row.reapproval_required_at !== null);
}

interface Loaded {
  risks: Map<string, GovAcceptanceRisksTable[]>;
  people: Map<string, Member>;
  delegation: DelegationOut | null;
  /** The portfolio weighed now, for acceptances waiting for approval. */
  live: Map<string, AppetiteCheck>;
}

async function load(scope: ClientScope, rows: GovAcceptancesTable[]): Promise<Loaded> {
  const risks = new Map<string, GovAcceptanceRisksTable[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await scope.db.selectFrom('gov_acceptance_risks').selectAll().where('acceptance_id', 'in', ids.slice(i, i + 500)).execute()) {
      risks.set(r.acceptance_id, [...(risks.get(r.acceptance_id) ?? []), r]);
    }
  }
  const people = await peopleById(scope, rows.map((r) => r.closed_by_user_id));
  const delegation = await getDelegation(scope);
  const live = new Map<string, AppetiteCheck>();
  for (const row of rows.filter(awaitingApproval)) {
    try {
      live.set(row.id, await appetiteOf(scope, (risks.get(row.id) ?? []).map((r) => r.risk_id), scope.language));
    } catch (err) {
      // A scenario deleted meanwhile: the acceptance shows what it was weighed on last.
      scope.app.log.warn({ err, acceptanceId: row.id }, 'acceptance could not be weighed on the current register');
    }
  }
  return { risks, people, delegation, live };
}

function present(scope: ClientScope, row: GovAcceptancesTable, l: Loaded): AcceptanceOut {
  const live = l.live.get(row.id);
  const appetite = live ? { defined: live.appetiteDefined, above: live.aboveAppetite, settled: live.settled, explanation: live.explanation } : storedAppetite(row);
  const weighed: Weighed = live ? { ...live, size: live.size } : storedWeighed(row, l.risks.get(row.id) ?? []);
  const required = authorityFor(weighed, l.delegation, scope.client, scope.language);
  const waiting = awaitingApproval(row);
  const mine = row.requested_by_user_id !== null && row.requested_by_user_id === scope.actor.userId;
  const mayApprove = waiting && !mine && scope.can('governance.acceptance.approve') && authorityProblem(scope, required, l.delegation) === null;
  return {
    id: row.id,
    title: row.title,
    justification: row.justification,
    status: row.status,
    expiresOn: row.expires_on,
    daysLeft: daysBetween(today(scope), row.expires_on),
    requestedBy: { userId: row.requested_by_user_id, name: row.requested_by_name, role: row.requested_role },
    requestedAt: row.requested_at,
    appetite,
    requiredAuthority: required.authority,
    authorityReason: required.reason,
    approvedBy: row.approved_at ? { userId: row.approved_by_user_id, name: row.approved_by_name ?? 'unknown', role: row.approved_role ?? 'unknown' } : null,
    approvedAt: row.approved_at,
    closedBy: personRef(l.people, row.closed_by_user_id),
    closedAt: row.closed_at,
    note: row.note,
    reapprovalRequired: row.reapproval_required_at !== null && row.status === 'approved',
    reapprovalReason: row.reapproval_reason,
    awaitingBoard: waiting && required.authority === 'executive',
    risks: (l.risks.get(row.id) ?? []).map((r) => ({
      riskId: r.risk_id,
      title: r.risk_title,
      frozen: fromJson<unknown>(r.snapshot_json, null),
      frozenMean: r.frozen_mean,
      frozenP90: r.frozen_p90,
      latestMean: r.latest_mean,
      changePercent: r.latest_mean !== null && r.frozen_mean ? Math.round(((r.latest_mean - r.frozen_mean) / r.frozen_mean) * 1000) / 10 : null,
    })),
    can: {
      approve: mayApprove,
      reject: mayApprove,
      withdraw: row.status === 'requested' && scope.can('governance.acceptance.request') && (mine || scope.role === 'advisor'),
    },
  };
}

export async function presentAcceptances(scope: ClientScope, rows: GovAcceptancesTable[]): Promise<AcceptanceOut[]> {
  const l = await load(scope, rows);
  return rows.map((r) => present(scope, r, l));
}

async function getRow(scope: ClientScope, id: string): Promise<GovAcceptancesTable> {
  const row = await scope.db.selectFrom('gov_acceptances').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Risk acceptance');
  return row;
}

export async function getAcceptance(scope: ClientScope, id: string): Promise<AcceptanceOut> {
  return (await presentAcceptances(scope, [await getRow(scope, id)]))[0]!;
}

/** Every acceptance the filter matches, newest first: for other modules' readers (the API pages them in lists.ts). */
export async function listAcceptances(scope: ClientScope, filter: { status?: AcceptanceStatus | undefined } = {}): Promise<AcceptanceOut[]> {
  let q = scope.db.selectFrom('gov_acceptances').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  return presentAcceptances(scope, await q.orderBy('created_at', 'desc').execute());
}

/** Who should act on an acceptance waiting for approval: the executives, and the CISO's advisor where the approval is delegated to them. */
function approvers(delegation: DelegationOut | null, authority: Authority): { roles: ['executive']; userIds: (string | null)[] } {
  return { roles: ['executive'], userIds: authority === 'ciso-advisor-or-executive' && delegation?.holdsCisoSeat ? [delegation.delegate.userId] : [] };
}

function frozenRisk(s: RiskSnapshot) {
  return { risk_title: s.title, snapshot_json: toJson(s.raw) ?? 'null', frozen_mean: s.mean, frozen_p90: s.p90, latest_mean: null, latest_at: null };
}

function money(scope: ClientScope, amount: number | null): string {
  return amount === null ? 'not simulated' : formatMoney(amount, scope.client.currency);
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

function auditView(row: GovAcceptancesTable) {
  return {
    title: row.title,
    justification: row.justification,
    status: row.status,
    expiresOn: row.expires_on,
    requestedBy: row.requested_by_name,
    appetite: storedAppetite(row),
    approvedBy: row.approved_by_name,
    approvedRole: row.approved_role,
    approvedAt: row.approved_at,
    note: row.note,
    reapprovalRequiredAt: row.reapproval_required_at,
    reapprovalReason: row.reapproval_reason,
  };
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
async function reopenRisks(w: Writer, row: GovAcceptancesTable, riskRows: GovAcceptanceRisksTable[], snaps: Map<string, RiskSnapshot>, reason: string): Promise<string[]> {
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

/**
 * Lapses an approved acceptance on its expiry: the acceptance becomes expired and its
 * scenarios reopen. Called by the scheduled task with a system scope.
 */
export async function lapseAcceptance(scope: ClientScope, row: GovAcceptancesTable): Promise<void> {
  const riskRows = await scope.db.selectFrom('gov_acceptance_risks').selectAll().where('acceptance_id', '=', row.id).execute();
  const snaps = await riskSnapshots(scope, riskRows.map((r) => r.risk_id));
  const states = await seatStates(scope);
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    const res = await w.db
      .updateTable('gov_acceptances')
      .set({ status: 'expired', closed_at: now, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    const reopened = await reopenRisks(w, row, riskRows, snaps, `The acceptance "${row.title}" expired on ${row.expires_on}.`);
    await w.audit({
      action: 'acceptance.expire',
      entityType: 'acceptance',
      entityId: row.id,
      before: auditView(row),
      after: { ...auditView({ ...row, status: 'expired' }), reopenedRiskIds: reopened },
    });
    await notify(w, {
      to: { userIds: [row.requested_by_user_id, row.approved_by_user_id, holderOf(states, 'CISO')?.userId], roles: ['executive'] },
      kind: 'acceptance.expired',
      title: `Acceptance expired, risk reopened: ${row.title}`,
      body: `The acceptance approved by ${row.approved_by_name ?? 'unknown'} expired on ${row.expires_on}. ${
        reopened.length > 0 ? 'Its risk is open again: treat it, accept it anew, or close it.' : 'Its scenarios were not reopened: they are held by another acceptance or their status changed.'
      }`,
      path: `governance/acceptances/${row.id}`,
      subject: { type: 'acceptance', id: row.id },
    });
  });
}

/**
 * Sends the reminder due for an acceptance approaching expiry, once per threshold (30 and 7
 * days by default). When several thresholds have passed at once, one reminder goes out.
 */
export async function remindIfDue(scope: ClientScope, row: GovAcceptancesTable, reminderDays: number[]): Promise<boolean> {
  const daysLeft = daysBetween(today(scope), row.expires_on);
  const sent = fromJson<number[]>(row.reminders_sent_json, []);
  const due = reminderDays.filter((d) => daysLeft <= d && !sent.includes(d));
  if (due.length === 0 || daysLeft <= 0) return false;
  const nearest = Math.min(...due);
  const nowSent = [...new Set([...sent, ...due])].sort((a, b) => b - a);
  const states = await seatStates(scope);
  await scope.write(async (w) => {
    const res = await w.db
      .updateTable('gov_acceptances')
      .set({ reminders_sent_json: toJson(nowSent) ?? '[]', updated_at: toTimestamp(scope.now()) })
      .where('id', '=', row.id)
      .where('reminders_sent_json', '=', row.reminders_sent_json)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    await w.audit({ action: 'acceptance.remind', entityType: 'acceptance', entityId: row.id, before: { remindersSent: sent }, after: { remindersSent: nowSent, daysLeft } });
    await notify(w, {
      to: { userIds: [row.requested_by_user_id, row.approved_by_user_id, holderOf(states, 'CISO')?.userId] },
      kind: 'acceptance.expiring',
      title: `Risk acceptance expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}: ${row.title}`,
      body: `The acceptance expires on ${row.expires_on}; the risk then reopens. Renew it (a new request), treat the risk, or let it lapse.`,
      path: `governance/acceptances/${row.id}`,
      subject: { type: 'acceptance', id: row.id },
      dedupeKey: `acceptance:${row.id}:reminder:${nearest}`,
    });
  });
  return true;
}

/**
 * After the register recomputed these scenarios: an acceptance in force whose scenario's mean
 * annual loss rose by more than the client's material share since it was frozen is flagged
 * for re-approval, and the people who can re-approve it are told.
 */
export async function recheckAccepted(scope: ClientScope, riskIds: readonly string[]): Promise<string[]> {
  if (riskIds.length === 0) return [];
  const links = await scope.db
    .selectFrom('gov_acceptance_risks')
    .innerJoin('gov_acceptances', (j) => j.onRef('gov_acceptances.client_id', '=', 'gov_acceptance_risks.client_id').onRef('gov_acceptances.id', '=', 'gov_acceptance_risks.acceptance_id'))
    .selectAll('gov_acceptance_risks')
    .where('gov_acceptance_risks.risk_id', 'in', [...riskIds])
    .where('gov_acceptances.status', '=', 'approved')
    .where('gov_acceptances.reapproval_required_at', 'is', null)
    .execute();
  if (links.length === 0) return [];
  const settings = await getSettings(scope.db);
  const snaps = await riskSnapshots(scope, links.map((l) => l.risk_id));
  const share = settings.materialChangePercent / 100;
  const changed = new Map<string, { link: GovAcceptanceRisksTable; mean: number }[]>();
  const baselines: { link: GovAcceptanceRisksTable; mean: number; p90: number | null }[] = [];
  for (const link of links) {
    const snap = snaps.get(link.risk_id);
    if (!snap || snap.mean === null) continue;
    if (link.frozen_mean === null) {
      // Accepted before its first simulation: the first result becomes the baseline.
      baselines.push({ link, mean: snap.mean, p90: snap.p90 });
      continue;
    }
    const material = link.frozen_mean <= 0 ? snap.mean > 0 : snap.mean > link.frozen_mean * (1 + share);
    if (material) changed.set(link.acceptance_id, [...(changed.get(link.acceptance_id) ?? []), { link, mean: snap.mean }]);
  }
  if (baselines.length > 0) {
    await scope.write(async (w) => {
      for (const b of baselines) {
        await w.db.updateTable('gov_acceptance_risks').set({ frozen_mean: b.mean, frozen_p90: b.p90 }).where('id', '=', b.link.id).execute();
        await w.audit({
          action: 'acceptance.baseline',
          entityType: 'acceptance',
          entityId: b.link.acceptance_id,
          before: { riskId: b.link.risk_id, frozenMean: null },
          after: { riskId: b.link.risk_id, frozenMean: b.mean, frozenP90: b.p90, note: 'first result computed after the acceptance' },
        });
      }
    });
  }
  if (changed.size === 0) return [];
  const delegation = await getDelegation(scope);
  const flagged: string[] = [];
  for (const [acceptanceId, items] of changed) {
    const row = await getRow(scope, acceptanceId);
    const reason = items
      .map(({ link, mean }) => {
        const pct = link.frozen_mean ? ` (+${Math.round(((mean - link.frozen_mean) / link.frozen_mean) * 100)} %)` : '';
        return `${link.risk_title}: expected annual loss rose from ${money(scope, link.frozen_mean)} to ${money(scope, mean)}${pct}`;
      })
      .join('; ');
    const fullReason = `${reason}, more than the ${settings.materialChangePercent} % that needs re-approval.`;
    const now = toTimestamp(scope.now());
    const appetite = await appetiteOf(scope, (await scope.db.selectFrom('gov_acceptance_risks').select('risk_id').where('acceptance_id', '=', acceptanceId).execute()).map((r) => r.risk_id));
    await scope.write(async (w) => {
      await w.db
        .updateTable('gov_acceptances')
        .set({
          reapproval_required_at: now,
          reapproval_reason: fullReason,
          appetite_defined: toFlag(appetite.appetiteDefined),
          above_appetite: toFlag(appetite.aboveAppetite),
          appetite_explanation: appetite.explanation,
          appetite_settled: toFlag(appetite.settled),
          updated_at: now,
        })
        .where('id', '=', acceptanceId)
        .execute();
      for (const { link, mean } of items) {
        await w.db.updateTable('gov_acceptance_risks').set({ latest_mean: mean, latest_at: now }).where('id', '=', link.id).execute();
      }
      await w.audit({
        action: 'acceptance.reapproval-required',
        entityType: 'acceptance',
        entityId: acceptanceId,
        before: { reapprovalRequiredAt: null },
        after: { reapprovalRequiredAt: now, reason: fullReason, appetite },
      });
      const who = approvers(delegation, authorityFor(appetite, delegation, scope.client).authority);
      await notify(w, {
        to: { roles: who.roles, userIds: [...who.userIds, row.requested_by_user_id, row.approved_by_user_id] },
        kind: 'acceptance.reapproval',
        title: `Accepted risk changed; re-approval needed: ${row.title}`,
        body: fullReason,
        path: `governance/acceptances/${acceptanceId}`,
        subject: { type: 'acceptance', id: acceptanceId },
      });
    });
    flagged.push(acceptanceId);
  }
  return flagged;
}
