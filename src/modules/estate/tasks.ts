/**
 * What the estate asks of the caller: access grants to certify, overdue access reviews (advisors);
 * and what the portfolio's "Needs action" counts of it (overdue reviews, renewals this quarter).
 * One client's, or every client's of a set at once from the same rows.
 */
import type { ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';
import { today } from './common.js';
import { renewalsFor } from './contracts.js';
import type { EstateReviewItemsTable, EstateReviewsTable } from './tables.js';

type PendingItem = Pick<EstateReviewItemsTable, 'review_id' | 'reviewer_user_id'>;

/** The review ids asked for at a time (an `in` list). */
const CHUNK = 500;

/** The tasks of a client's open reviews (soonest due first) and their undecided items. */
function reviewTasks(scope: ClientScope, reviews: readonly EstateReviewsTable[], pending: readonly PendingItem[]): TaskOut[] {
  if (reviews.length === 0) return [];
  const t = today(scope);
  const me = scope.actor.userId;
  const say = words(scope.language, 'tasks');
  const tasks: TaskOut[] = [];
  for (const r of reviews) {
    const items = pending.filter((i) => i.review_id === r.id);
    const mine = items.filter((i) => me !== null && i.reviewer_user_id === me).length;
    const overdue = r.due_date < t;
    const path = `data/reviews/${r.id}`;
    if (mine > 0 && scope.can('access.certify')) {
      tasks.push({
        id: `review.certify:${r.id}`,
        kind: 'review.certify',
        title: say('review.certify.title', { count: mine, name: r.name }),
        detail: say('review.certify.detail'),
        path,
        dueOn: r.due_date,
        overdue,
      });
    } else if (overdue && items.length > 0 && scope.can('access.review.manage')) {
      tasks.push({
        id: `review.overdue:${r.id}`,
        kind: 'review.overdue',
        title: say('review.overdue.title', { name: r.name }),
        detail: say('review.overdue.detail', { count: items.length }),
        path,
        dueOn: r.due_date,
        overdue: true,
      });
    }
  }
  return tasks;
}

/** Open reviews past their due date with grants still undecided. */
function countOverdue(on: string, reviews: readonly Pick<EstateReviewsTable, 'id' | 'due_date'>[], pending: readonly PendingItem[]): number {
  const undecided = new Set(pending.map((p) => p.review_id));
  return reviews.filter((r) => r.due_date < on && undecided.has(r.id)).length;
}

/** From today to the end of today's calendar quarter. */
function thisQuarter(from: string): { from: string; to: string } {
  const endMonth = Math.ceil(Number(from.slice(5, 7)) / 3) * 3;
  return { from, to: new Date(Date.UTC(Number(from.slice(0, 4)), endMonth, 0)).toISOString().slice(0, 10) };
}

function distinctContracts(events: readonly { contractId: string }[]): number {
  return new Set(events.map((e) => e.contractId)).size;
}

export async function estateTasks(scope: ClientScope): Promise<TaskOut[]> {
  const reviews = await scope.db.selectFrom('estate_reviews').selectAll().where('status', '=', 'open').orderBy('due_date').execute();
  if (reviews.length === 0) return [];
  const pending = await scope.db
    .selectFrom('estate_review_items')
    .select(['review_id', 'reviewer_user_id'])
    .where('decision', 'is', null)
    .where('review_id', 'in', reviews.map((r) => r.id))
    .execute();
  return reviewTasks(scope, reviews, pending);
}

export interface EstateAttention {
  tasks: TaskOut[];
  overdueReviews: number;
  renewalsThisQuarter: number;
}

/**
 * For every client of `set` (each with its scope in `scopes`, which may read the estate), in a
 * few statements for all of them: the caller's estate tasks (as estateTasks gives them one client
 * at a time); the open reviews past their due date with grants still undecided (those the
 * client's reviews page marks overdue); and the contracts with a renewal or notice deadline from
 * today to the end of the calendar quarter.
 */
export async function estateAttention(set: ClientSetDb, scopes: ReadonlyMap<string, ClientScope>): Promise<Map<string, EstateAttention>> {
  const reviews = await set.selectFrom('estate_reviews').selectAll().where('status', '=', 'open').orderBy('due_date').execute();
  const ids = reviews.map((r) => r.id);
  const pending: (PendingItem & { client_id: string })[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    pending.push(...(await set.selectFrom('estate_review_items').select(['client_id', 'review_id', 'reviewer_user_id']).where('decision', 'is', null).where('review_id', 'in', ids.slice(i, i + CHUNK)).execute()));
  }
  const renewals = await renewalsFor(set, scopes, (clientId) => thisQuarter(today(scopes.get(clientId)!)));
  const pendingOf = byClient(set.clientIds, pending);
  const out = new Map<string, EstateAttention>();
  for (const [clientId, open] of byClient(set.clientIds, reviews)) {
    const scope = scopes.get(clientId);
    if (!scope) continue;
    const items = pendingOf.get(clientId) ?? [];
    out.set(clientId, { tasks: reviewTasks(scope, open, items), overdueReviews: countOverdue(today(scope), open, items), renewalsThisQuarter: distinctContracts(renewals.get(clientId) ?? []) });
  }
  return out;
}
