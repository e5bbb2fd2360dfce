/** What the estate asks of the caller: access grants to certify, overdue access reviews (advisors). */
import type { ClientScope } from '../../server/context.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';
import { today } from './common.js';
import { renewalsBetween } from './contracts.js';

export async function estateTasks(scope: ClientScope): Promise<TaskOut[]> {
  const t = today(scope);
  const me = scope.actor.userId;
  const reviews = await scope.db.selectFrom('estate_reviews').selectAll().where('status', '=', 'open').orderBy('due_date').execute();
  if (reviews.length === 0) return [];
  const pending = await scope.db
    .selectFrom('estate_review_items')
    .select(['review_id', 'reviewer_user_id'])
    .where('decision', 'is', null)
    .where('review_id', 'in', reviews.map((r) => r.id))
    .execute();
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

/** Open access reviews past their due date with grants still undecided. */
export async function overdueReviews(scope: ClientScope): Promise<number> {
  const late = await scope.db.selectFrom('estate_reviews').select('id').where('status', '=', 'open').where('due_date', '<', today(scope)).execute();
  if (late.length === 0) return 0;
  const pending = await scope.db.selectFrom('estate_review_items').select('review_id').where('decision', 'is', null).where('review_id', 'in', late.map((r) => r.id)).execute();
  return new Set(pending.map((p) => p.review_id)).size;
}

/** Contracts with a renewal or notice deadline from today to the end of the calendar quarter. */
export async function renewalsThisQuarter(scope: ClientScope): Promise<number> {
  const from = today(scope);
  const month = Number(from.slice(5, 7));
  const endMonth = Math.ceil(month / 3) * 3;
  const to = new Date(Date.UTC(Number(from.slice(0, 4)), endMonth, 0)).toISOString().slice(0, 10);
  return new Set((await renewalsBetween(scope, { from, to })).map((r) => r.contractId)).size;
}
