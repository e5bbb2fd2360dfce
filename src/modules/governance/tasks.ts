/**
 * What governance asks of the caller: decisions to make, positions to record, concerns to
 * answer and risk acceptances to approve. Built from the same presenters as the pages, so a
 * task appears only when the action it leads to can succeed.
 */
import type { AppContext, ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';
import { presentAcceptances, whereAwaitingApproval } from './acceptances.js';
import { today } from './common.js';
import { presentDecisions, presentDecisionsFor } from './decisions.js';
import type { AcceptanceOut, DecisionOut } from './schema.js';
import type { GovConcernsTable } from './tables.js';

/** The tasks of the client's open decisions (as presented to the caller, oldest first). */
function decisionTasks(scope: ClientScope, open: readonly DecisionOut[]): TaskOut[] {
  const me = scope.actor.userId;
  const say = words(scope.language, 'tasks');
  const tasks: TaskOut[] = [];
  for (const d of open) {
    const path = `governance/decisions/${d.id}`;
    const dueOn = d.decideBy;
    if (d.can.decide && (d.awaitingExecutive || scope.role !== 'executive')) {
      tasks.push({
        id: `decision.decide:${d.id}`,
        kind: 'decision.decide',
        title: say('decision.decide.title', { title: d.title }),
        detail: say(d.awaitingExecutive ? 'decision.decide.escalated' : 'decision.decide.ready'),
        path,
        dueOn,
        overdue: d.overdue,
      });
    }
    for (const p of d.positions) {
      if (p.stance === null && p.holder?.userId === me && d.can.recordPositionFor.includes(p.seat)) {
        tasks.push({
          id: `decision.position:${d.id}:${p.seat}`,
          kind: 'decision.position',
          title: say('decision.position.title', { seat: p.seat, title: d.title }),
          detail: say('decision.position.detail'),
          path,
          dueOn,
          overdue: d.overdue,
        });
      }
    }
  }
  return tasks;
}

/** The tasks of the concerns the caller owes a response to (soonest first; those not yet past their date). */
function concernTasks(scope: ClientScope, owed: readonly GovConcernsTable[]): TaskOut[] {
  const say = words(scope.language, 'tasks');
  return owed.map((c) => ({
    id: `concern.respond:${c.id}`,
    kind: 'concern.respond' as const,
    title: say('concern.respond.title', { seat: c.seat, title: c.subject_title }),
    detail: c.summary,
    path: 'governance/concerns',
    dueOn: c.respond_by,
    overdue: false,
  }));
}

/** The tasks of the acceptances waiting for an approval the caller may give (as presented, oldest request first). */
function acceptanceTasks(scope: ClientScope, waiting: readonly AcceptanceOut[]): TaskOut[] {
  const say = words(scope.language, 'tasks');
  return waiting
    .filter((a) => a.can.approve)
    .map((a) => ({
      id: `acceptance.approve:${a.id}`,
      kind: 'acceptance.approve' as const,
      title: say('acceptance.approve.title', { title: a.title }),
      detail: a.reapprovalRequired ? say('acceptance.approve.again', { reason: a.reapprovalReason ?? say('acceptance.approve.riskChanged') }) : say('acceptance.approve.asked', { name: a.requestedBy.name, date: a.expiresOn }),
      path: `governance/acceptances/${a.id}`,
      dueOn: null,
      overdue: false,
    }));
}

export async function governanceTasks(scope: ClientScope): Promise<TaskOut[]> {
  const me = scope.actor.userId;
  const open = await presentDecisions(scope, await scope.db.selectFrom('gov_decisions').selectAll().where('status', '=', 'open').orderBy('created_at').execute());
  const owed = me === null ? [] : await scope.db.selectFrom('gov_concerns').selectAll().where('response_status', '=', 'owed').where('holder_user_id', '=', me).where('respond_by', '>=', today(scope)).orderBy('respond_by').execute();
  const waiting = scope.can('governance.acceptance.approve') ? await presentAcceptances(scope, await whereAwaitingApproval(scope.db.selectFrom('gov_acceptances').selectAll()).orderBy('requested_at').execute()) : [];
  return [...decisionTasks(scope, open), ...concernTasks(scope, owed), ...acceptanceTasks(scope, waiting)];
}

export interface GovernanceAttention {
  tasks: TaskOut[];
  /** Open decisions escalated to the executives. */
  escalations: number;
}

/**
 * For every client of `set` (each with its scope in `scopes`, which may read governance): the
 * caller's governance tasks and the open escalations, as governanceTasks and the governance
 * summary give them one client at a time. The decisions, concerns and escalations take a few
 * statements for all the clients. An acceptance waiting for approval is weighed on its client's
 * register as it stands (presentAcceptances), so a client with one the caller did not request
 * costs that client's own reads; the others cost nothing more.
 */
export async function governanceAttention(app: AppContext, set: ClientSetDb, scopes: ReadonlyMap<string, ClientScope>): Promise<Map<string, GovernanceAttention>> {
  const me = [...scopes.values()][0]?.actor.userId ?? null;
  const approving = [...scopes.values()].filter((s) => s.can('governance.acceptance.approve')).map((s) => s.clientId);
  const [decisions, owed, waiting, escalated] = await Promise.all([
    set.selectFrom('gov_decisions').selectAll().where('status', '=', 'open').orderBy('created_at').execute(),
    me === null ? [] : set.selectFrom('gov_concerns').selectAll().where('response_status', '=', 'owed').where('holder_user_id', '=', me).orderBy('respond_by').execute(),
    approving.length === 0 ? [] : whereAwaitingApproval(set.selectFrom('gov_acceptances').selectAll()).where('client_id', 'in', approving).orderBy('requested_at').execute(),
    set.selectFrom('gov_decisions').select((eb) => ['client_id', eb.fn.countAll<number | string>().as('n')]).where('status', '=', 'open').where('escalated_at', 'is not', null).groupBy('client_id').execute(),
  ]);
  const presented = await presentDecisionsFor(app, set, scopes, byClient(set.clientIds, decisions));
  const owedOf = byClient(set.clientIds, owed);
  const waitingOf = byClient(set.clientIds, waiting);
  const escalations = new Map(escalated.map((r) => [r.client_id, Number(r.n)]));
  const out = new Map<string, GovernanceAttention>();
  for (const [clientId, scope] of scopes) {
    const t = today(scope);
    // The caller's own requests are never theirs to approve: only the others are worth weighing.
    const theirs = waitingOf.get(clientId) ?? [];
    const acceptances = theirs.some((a) => a.requested_by_user_id === null || a.requested_by_user_id !== me) ? await presentAcceptances(scope, theirs) : [];
    out.set(clientId, {
      tasks: [...decisionTasks(scope, presented.get(clientId) ?? []), ...concernTasks(scope, (owedOf.get(clientId) ?? []).filter((c) => c.respond_by >= t)), ...acceptanceTasks(scope, acceptances)],
      escalations: escalations.get(clientId) ?? 0,
    });
  }
  return out;
}
