/**
 * What governance gives the rest of Triad, above all the board pack:
 *
 * - `governanceChecks(scope)`: the computed checks (vacant seats, uncovered responsibilities,
 *   the CISO reporting to the CIO, conflicting seats, overdue decisions, expired acceptances…).
 * - `decisionsForTheBoard(scope, { since })`: the escalated decisions (seats disagree) still
 *   waiting for an executive, each with every seat's position side by side — and, with
 *   `since`, the escalated ones decided since then — plus the acceptances awaiting the board.
 * - `acceptedRisks(scope)`: acceptances in force with their expiry and the risk as frozen.
 * - `acceptanceDelegation(scope)`: the approval of acceptances the client delegated to its CISO's
 *   advisor (who, since when, up to what amount), printed in the board pack; null without one.
 * - No blindsiding: `raiseConcern(scope, …)` when a finding or report section concerns another
 *   seat's area; `responsesOwed(scope, subjects)` (anything owed keeps a subject out of the
 *   board pack) and `responsesFor(scope, subjects)` (the responses to print beside it).
 */
import type { ClientScope } from '../../server/context.js';
import type { ClientSetDb } from '../../server/db/client-set.js';
import { listAcceptances, presentAcceptances, whereAwaitingApproval } from './acceptances.js';
import { governanceChecks } from './checks.js';
import { ensureGovernance, getSettings, today, addDays } from './common.js';
import { responsesOwed } from './concerns.js';
import { presentDecisions } from './decisions.js';
import type { AcceptanceOut, BoardOut, DecisionOut, SummaryOut } from './schema.js';
import { listSeats } from './seats.js';

export { governanceChecks } from './checks.js';
export { listConcerns, raiseConcern, responsesFor, responsesOwed, subjectKey, type OwedResponse, type SubjectRef } from './concerns.js';
export type { AcceptanceOut, CheckOut, ConcernOut, DecisionOut, DelegationOut, PositionOut, SeatOut } from './schema.js';
/** The approval of acceptances delegated to the CISO's advisor (who, since when, up to what amount), or null. */
export { getDelegation as acceptanceDelegation } from './delegation.js';

/**
 * Decisions for the board: escalated decisions still waiting for an executive (each with
 * every concerned seat's position and rationale), the escalated ones decided on or after
 * `since` when given, and the risk acceptances that only an executive can approve.
 */
export async function decisionsForTheBoard(scope: ClientScope, options: { since?: string } = {}): Promise<{ decisions: DecisionOut[]; acceptancesAwaitingBoard: AcceptanceOut[] }> {
  let q = scope.db.selectFrom('gov_decisions').selectAll().where('escalated_at', 'is not', null);
  const since = options.since;
  q = since
    ? q.where((eb) => eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'decided'), eb('decided_at', '>=', since)])]))
    : q.where('status', '=', 'open');
  const decisions = await presentDecisions(scope, await q.orderBy('escalated_at').execute());
  const waiting = await whereAwaitingApproval(scope.db.selectFrom('gov_acceptances').selectAll())
    .orderBy('requested_at')
    .execute();
  const acceptancesAwaitingBoard = (await presentAcceptances(scope, waiting)).filter((a) => a.awaitingBoard);
  return { decisions, acceptancesAwaitingBoard };
}

/** Risk acceptances in force, soonest expiry first, with the risk as it stood when accepted. */
export async function acceptedRisks(scope: ClientScope): Promise<AcceptanceOut[]> {
  return (await listAcceptances(scope, { status: 'approved' })).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
}

/** Everything the board pack takes from governance, in one call. */
export async function boardExport(scope: ClientScope): Promise<BoardOut> {
  const board = await decisionsForTheBoard(scope);
  return { checks: await governanceChecks(scope), decisionsForTheBoard: board.decisions, acceptancesAwaitingBoard: board.acceptancesAwaitingBoard, acceptedRisks: await acceptedRisks(scope) };
}

export interface GovernanceCounts {
  /** Open decisions escalated to an executive (the seats disagree). */
  awaitingExecutive: number;
  /** Acceptances requested, or approved but to be approved again. */
  acceptancesAwaitingApproval: number;
  /** Acceptances in force that expire on or before `expiringBy`. */
  expiringAcceptances: number;
}

/**
 * For every client of `set` at once (the firm's portfolio report), in two statements: the
 * counts the client home page's card and acceptedRisks() give one client at a time.
 */
export async function governanceCounts(set: ClientSetDb, options: { expiringBy: string }): Promise<Map<string, GovernanceCounts>> {
  const [decisions, acceptances] = await Promise.all([
    set.selectFrom('gov_decisions').select((eb) => ['client_id', eb.fn.countAll<number>().as('n')]).where('status', '=', 'open').where('escalated_at', 'is not', null).groupBy('client_id').execute(),
    set.selectFrom('gov_acceptances').select(['client_id', 'status', 'expires_on', 'reapproval_required_at']).where('status', 'in', ['requested', 'approved']).execute(),
  ]);
  const out = new Map<string, GovernanceCounts>(set.clientIds.map((id) => [id, { awaitingExecutive: 0, acceptancesAwaitingApproval: 0, expiringAcceptances: 0 }]));
  for (const d of decisions) {
    const c = out.get(d.client_id);
    if (c) c.awaitingExecutive = Number(d.n);
  }
  for (const a of acceptances) {
    const c = out.get(a.client_id);
    if (!c) continue;
    if (a.status === 'requested' || a.reapproval_required_at !== null) c.acceptancesAwaitingApproval += 1;
    if (a.status === 'approved' && a.expires_on <= options.expiringBy) c.expiringAcceptances += 1;
  }
  return out;
}

/** The client home page's card: checks, seats and what waits for whom. */
export async function governanceSummary(scope: ClientScope): Promise<SummaryOut> {
  await ensureGovernance(scope);
  const t = today(scope);
  const settings = await getSettings(scope.db);
  const horizon = addDays(t, Math.max(0, ...settings.reminderDays));
  const open = await scope.db.selectFrom('gov_decisions').select(['id', 'escalated_at']).where('status', '=', 'open').execute();
  const acceptances = await scope.db.selectFrom('gov_acceptances').select(['status', 'expires_on', 'reapproval_required_at']).where('status', 'in', ['requested', 'approved']).execute();
  const concernsOwed = await scope.db.selectFrom('gov_concerns').select('id').where('response_status', '=', 'owed').where('respond_by', '>=', t).execute();
  const positionsOwed = await responsesOwed(scope, open.map((d) => ({ type: 'decision', id: d.id })));
  return {
    checks: await governanceChecks(scope),
    seats: await listSeats(scope),
    openDecisions: open.length,
    awaitingExecutive: open.filter((d) => d.escalated_at !== null).length,
    acceptancesAwaitingApproval: acceptances.filter((a) => a.status === 'requested' || a.reapproval_required_at !== null).length,
    acceptancesExpiringSoon: acceptances.filter((a) => a.status === 'approved' && a.expires_on <= horizon).length,
    responsesOwed: concernsOwed.length + positionsOwed.length,
  };
}

/** What governance asks of the caller (the home page's "Waiting for you"). */
export { governanceAttention, governanceTasks, type GovernanceAttention } from './tasks.js';
