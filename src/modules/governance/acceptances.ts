/**
 * Risk acceptances as they are read: each with its scenarios as frozen, its verdict against the
 * appetite and the authority it needs (weighed on the register as it stands while it waits for
 * approval), and what the reader may do with it; and what the audit trail keeps of one.
 */
import type { WhereInterface } from 'kysely';
import type { ClientScope } from '../../server/context.js';
import type { DB } from '../../server/db/schema.js';
import { fromFlag, fromJson } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
import { daysBetween, peopleById, personRef, today, type Member } from './common.js';
import { appetiteOf, type AppetiteCheck } from './risk-bridge.js';
import type { AcceptanceOut, AcceptanceStatus, DelegationOut } from './schema.js';
import { authorityFor, authorityProblem, storedWeighed, type Weighed } from './authority.js';
import { getDelegation } from './delegation.js';
import type { GovAcceptanceRisksTable, GovAcceptancesTable } from './tables.js';

function storedAppetite(row: GovAcceptancesTable): AcceptanceOut['appetite'] {
  return { defined: fromFlag(row.appetite_defined), above: fromFlag(row.above_appetite), settled: fromFlag(row.appetite_settled), explanation: row.appetite_explanation };
}

/** Waiting for someone's approval: a new request, or an accepted risk that changed materially. */
export function awaitingApproval(row: GovAcceptancesTable): boolean {
  return row.status === 'requested' || (row.status === 'approved' && row.reapproval_required_at !== null);
}

/** The same condition in a query: the acceptances waiting for someone's approval. */
export function whereAwaitingApproval<QB extends WhereInterface<DB, 'gov_acceptances'>>(qb: QB): QB {
  return qb.where((eb) => eb.or([eb('status', '=', 'requested'), eb.and([eb('status', '=', 'approved'), eb('reapproval_required_at', 'is not', null)])])) as QB;
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

export async function getRow(scope: ClientScope, id: string): Promise<GovAcceptancesTable> {
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

/** What the audit trail keeps of an acceptance. */
export function auditView(row: GovAcceptancesTable) {
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
