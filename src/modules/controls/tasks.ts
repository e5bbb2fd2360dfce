/** What framework assessments ask of the caller: answers owed or sent back, hand-ins to review. One client's, or every client's of a set at once. */
import type { ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';
import type { CtlRequestsTable } from './tables.js';

/** The tasks of the requests asked of the caller (open, oldest first) and of those handed in (oldest first). */
function requestTasks(scope: ClientScope, asked: readonly CtlRequestsTable[], handedIn: readonly CtlRequestsTable[]): TaskOut[] {
  const t = scope.now().toISOString().slice(0, 10);
  const say = words(scope.language, 'tasks');
  const tasks: TaskOut[] = [];
  for (const r of asked) {
    const returned = r.returned_note !== null;
    tasks.push({
      id: `${returned ? 'assessment.returned' : 'assessment.answer'}:${r.id}`,
      kind: returned ? 'assessment.returned' : 'assessment.answer',
      title: say(returned ? 'assessment.returned.title' : 'assessment.answer.title', { node: r.node_id, title: r.node_title }),
      detail: returned
        ? say('assessment.returned.detail', { name: r.reviewed_by ?? r.asked_by, note: r.returned_note ?? '' })
        : r.note
          ? say('assessment.answer.detailWithNote', { name: r.asked_by, note: r.note })
          : say('assessment.answer.detail', { name: r.asked_by }),
      path: `controls/${r.assessment_id}`,
      dueOn: r.due_on,
      overdue: r.due_on !== null && r.due_on < t,
    });
  }
  for (const r of handedIn) {
    tasks.push({
      id: `assessment.review:${r.id}`,
      kind: 'assessment.review',
      title: say('assessment.review.title', { node: r.node_id, title: r.node_title }),
      detail: say('assessment.review.detail'),
      path: `controls/${r.assessment_id}`,
      dueOn: null,
      overdue: false,
    });
  }
  return tasks;
}

/** Whether the scope's caller answers requests, and manages (reviews hand-ins). */
function asks(scope: ClientScope): { answers: boolean; reviews: boolean } {
  return { answers: scope.actor.userId !== null && scope.can('controls.answer'), reviews: scope.can('controls.manage') };
}

export async function controlsTasks(scope: ClientScope): Promise<TaskOut[]> {
  const { answers, reviews } = asks(scope);
  const asked = answers ? await scope.db.selectFrom('ctl_requests').selectAll().where('status', '=', 'open').where('assignee_user_id', '=', scope.actor.userId).orderBy('created_at').execute() : [];
  const handedIn = reviews ? await scope.db.selectFrom('ctl_requests').selectAll().where('status', '=', 'submitted').orderBy('submitted_at').execute() : [];
  return requestTasks(scope, asked, handedIn);
}

/**
 * controlsTasks for every client of `set` (each with its scope in `scopes`, which may read
 * controls), in at most two statements for all of them. The caller is the same person in every
 * scope (the firm's views are one person's).
 */
export async function controlsTasksFor(set: ClientSetDb, scopes: ReadonlyMap<string, ClientScope>): Promise<Map<string, TaskOut[]>> {
  const all = [...scopes.values()];
  const me = all[0]?.actor.userId ?? null;
  const answering = all.filter((s) => asks(s).answers).map((s) => s.clientId);
  const reviewing = new Set(all.filter((s) => asks(s).reviews).map((s) => s.clientId));
  const [asked, handedIn] = await Promise.all([
    answering.length > 0 && me !== null ? set.selectFrom('ctl_requests').selectAll().where('status', '=', 'open').where('assignee_user_id', '=', me).where('client_id', 'in', answering).orderBy('created_at').execute() : [],
    reviewing.size > 0 ? set.selectFrom('ctl_requests').selectAll().where('status', '=', 'submitted').where('client_id', 'in', [...reviewing]).orderBy('submitted_at').execute() : [],
  ]);
  const askedOf = byClient(set.clientIds, asked);
  const handedInOf = byClient(set.clientIds, handedIn);
  const out = new Map<string, TaskOut[]>();
  for (const [clientId, scope] of scopes) out.set(clientId, requestTasks(scope, askedOf.get(clientId) ?? [], handedInOf.get(clientId) ?? []));
  return out;
}
