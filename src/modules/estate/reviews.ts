import type { z } from 'zod';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid, notFound } from '../../server/errors.js';
import { chunk, today } from './common.js';
import { presentGrants } from './grants.js';
import type { EstateReviewItemsTable, EstateReviewsTable } from './tables.js';
import type { ReviewDecision } from './vocab.js';
import type { ReviewProgress, ReviewDetail, ReviewItemOut, ReviewOut } from './access-schema.js';
import { DecisionInput, ReviewInput } from './access-schema.js';

/** The caller decides an item when it is theirs, or when they are an advisor. */
function mayDecide(scope: ClientScope, item: Pick<EstateReviewItemsTable, 'reviewer_user_id'>): boolean {
  return scope.role === 'advisor' || (item.reviewer_user_id !== null && item.reviewer_user_id === scope.actor.userId);
}

function progressOf(scope: ClientScope, review: EstateReviewsTable, items: Pick<EstateReviewItemsTable, 'decision' | 'reviewer_user_id'>[]): { progress: z.infer<typeof ReviewProgress>; overdue: boolean; myPending: number } {
  const late = review.status === 'open' && review.due_date < today(scope);
  const pending = items.filter((i) => i.decision === null);
  const progress = {
    total: items.length,
    decided: items.length - pending.length,
    certified: items.filter((i) => i.decision === 'certify').length,
    revoked: items.filter((i) => i.decision === 'revoke').length,
    pending: pending.length,
    overdue: late ? pending.length : 0,
  };
  return { progress, overdue: late && pending.length > 0, myPending: review.status === 'open' ? pending.filter((i) => mayDecide(scope, i)).length : 0 };
}

function presentReview(scope: ClientScope, r: EstateReviewsTable, items: Pick<EstateReviewItemsTable, 'decision' | 'reviewer_user_id'>[]): ReviewOut {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    dueDate: r.due_date,
    startedBy: r.started_by_label,
    startedAt: r.started_at,
    closedAt: r.closed_at,
    ...progressOf(scope, r, items),
  };
}

export async function listReviews(scope: ClientScope): Promise<ReviewOut[]> {
  const [reviews, items] = await Promise.all([
    scope.db.selectFrom('estate_reviews').selectAll().orderBy('started_at', 'desc').execute(),
    scope.db.selectFrom('estate_review_items').select(['review_id', 'decision', 'reviewer_user_id']).execute(),
  ]);
  return reviews.map((r) => presentReview(scope, r, items.filter((i) => i.review_id === r.id)));
}

export async function getReview(scope: ClientScope, id: string, options: { mine?: boolean } = {}): Promise<ReviewDetail> {
  const review = await scope.db.selectFrom('estate_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!review) throw notFound('Access review');
  const items = await scope.db.selectFrom('estate_review_items').selectAll().where('review_id', '=', id).execute();
  const grantRows = (
    await Promise.all(chunk(items.map((i) => i.grant_id), 500).map((part) => scope.db.selectFrom('estate_grants').selectAll().where('id', 'in', part).execute()))
  ).flat();
  const grants = new Map((await presentGrants(scope, grantRows)).map((g) => [g.id, g]));
  const reviewers = new Map<string, string>();
  const reviewerIds = [...new Set(items.flatMap((i) => (i.reviewer_user_id ? [i.reviewer_user_id] : [])))];
  for (const part of chunk(reviewerIds, 500)) {
    for (const u of await scope.app.database.db.selectFrom('users').select(['id', 'name']).where('id', 'in', part).execute()) reviewers.set(u.id, u.name);
  }
  const late = review.status === 'open' && review.due_date < today(scope);
  const shown = options.mine ? items.filter((i) => i.decision === null && mayDecide(scope, i) && (i.reviewer_user_id === scope.actor.userId || i.reviewer_user_id === null)) : items;
  const out = shown.flatMap((i): ReviewItemOut[] => {
    const grant = grants.get(i.grant_id);
    if (!grant) return [];
    return [{
      id: i.id,
      grant,
      reviewerUserId: i.reviewer_user_id,
      reviewerName: i.reviewer_user_id ? (reviewers.get(i.reviewer_user_id) ?? null) : null,
      decision: i.decision,
      note: i.note,
      decidedBy: i.decided_by_label,
      decidedAt: i.decided_at,
      overdue: late && i.decision === null,
      canDecide: review.status === 'open' && i.decision === null && mayDecide(scope, i),
    }];
  });
  out.sort((a, b) => Number(a.decision !== null) - Number(b.decision !== null) || a.grant.targetName.localeCompare(b.grant.targetName) || a.grant.grantee.localeCompare(b.grant.grantee));
  return { ...presentReview(scope, review, items), items: out };
}

/**
 * Starts an access review campaign (advisors): every active grant becomes an item for its
 * owner to certify or revoke by the due date. A grant whose owner is missing or has left the
 * client goes to the advisors. One campaign runs at a time.
 */
export async function startReview(scope: ClientScope, raw: ReviewInput): Promise<ReviewDetail> {
  scope.require('access.review.manage');
  const input = ReviewInput.parse(raw);
  const on = today(scope);
  if (input.dueDate < on) throw invalid('The due date has passed.', [{ path: 'dueDate', message: 'must be today or later' }]);
  const open = await scope.db.selectFrom('estate_reviews').select('name').where('status', '=', 'open').executeTakeFirst();
  if (open) throw conflict(`The access review "${open.name}" is still open; close it before starting another.`);
  const grants = await scope.db.selectFrom('estate_grants').select(['id', 'owner_user_id']).where('revoked_at', 'is', null).execute();
  if (grants.length === 0) throw conflict('There are no active access grants to review.');
  const members = new Set((await scope.db.selectFrom('memberships').select('user_id').execute()).map((m) => m.user_id));
  const now = toTimestamp(scope.now());
  const review: Omit<EstateReviewsTable, 'client_id'> = {
    id: newId(),
    name: input.name ?? `Access review ${on}`,
    status: 'open',
    due_date: input.dueDate,
    started_by: scope.actor.userId,
    started_by_label: scope.actor.label,
    started_at: now,
    closed_at: null,
  };
  const items = grants.map((g) => ({
    id: newId(),
    review_id: review.id,
    grant_id: g.id,
    reviewer_user_id: g.owner_user_id && members.has(g.owner_user_id) ? g.owner_user_id : null,
    decision: null,
    note: null,
    decided_by: null,
    decided_by_label: null,
    decided_at: null,
  }));
  await scope.write(async (w) => {
    await w.db.insertInto('estate_reviews', review).execute();
    for (const part of chunk(items, 200)) await w.db.insertInto('estate_review_items', part).execute();
    await w.audit({
      action: 'access-review.start',
      entityType: 'access-review',
      entityId: review.id,
      after: { name: review.name, dueDate: review.due_date, items: items.length, toAdvisors: items.filter((i) => i.reviewer_user_id === null).length },
    });
  });
  return getReview(scope, review.id);
}

/**
 * An owner (or an advisor) certifies or revokes one grant of an open review. Revoking revokes
 * the grant at once. The review closes itself when its last item is decided.
 */
export async function decideItem(scope: ClientScope, reviewId: string, itemId: string, raw: DecisionInput): Promise<ReviewDetail> {
  const input = DecisionInput.parse(raw);
  const review = await scope.db.selectFrom('estate_reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw notFound('Access review');
  const item = await scope.db.selectFrom('estate_review_items').selectAll().where('id', '=', itemId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!item) throw notFound('Review item');
  if (!mayDecide(scope, item)) throw forbidden('Only the grant\'s owner or an advisor may decide this item.');
  if (review.status !== 'open') throw conflict('This access review is closed.');
  if (item.decision !== null) throw conflict(`This grant was already ${item.decision === 'certify' ? 'certified' : 'revoked'}.`);
  const grant = await scope.db.selectFrom('estate_grants').selectAll().where('id', '=', item.grant_id).executeTakeFirstOrThrow();
  const now = toTimestamp(scope.now());
  const decision: ReviewDecision = input.decision;
  await scope.write(async (w) => {
    // The conditional update makes a concurrent second decision a no-op that is refused below.
    const updated = await w.db
      .updateTable('estate_review_items')
      .set({ decision, note: input.note ?? null, decided_by: scope.actor.userId, decided_by_label: scope.actor.label, decided_at: now })
      .where('id', '=', itemId)
      .where('decision', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('This grant was decided meanwhile.');
    await w.audit({
      action: `access-review.${decision}`,
      entityType: 'grant',
      entityId: grant.id,
      before: { decision: null },
      after: { reviewId, itemId, decision, note: input.note ?? null, grantee: grant.grantee, level: grant.level, target: grant.target_key },
    });
    if (decision === 'revoke' && grant.revoked_at === null) {
      const reason = `Revoked in access review "${review.name}"${input.note ? `: ${input.note}` : ''}`;
      await w.db.updateTable('estate_grants').set({ revoked_at: now, revoked_reason: reason, updated_at: now }).where('id', '=', grant.id).execute();
      await w.audit({ action: 'grant.revoke', entityType: 'grant', entityId: grant.id, before: { active: true }, after: { active: false, revokedAt: now, revokedReason: reason } });
    }
    const left = await w.db.selectFrom('estate_review_items').select((eb) => eb.fn.countAll<number>().as('n')).where('review_id', '=', reviewId).where('decision', 'is', null).executeTakeFirstOrThrow();
    if (Number(left.n) === 0) {
      await w.db.updateTable('estate_reviews').set({ status: 'closed', closed_at: now }).where('id', '=', reviewId).execute();
      await w.audit({ action: 'access-review.complete', entityType: 'access-review', entityId: reviewId, before: { status: 'open' }, after: { status: 'closed', closedAt: now } });
    }
  });
  return getReview(scope, reviewId);
}

/** Closes a review before every item is decided (advisors); undecided items stay undecided. */
export async function closeReview(scope: ClientScope, reviewId: string): Promise<ReviewDetail> {
  scope.require('access.review.manage');
  const review = await scope.db.selectFrom('estate_reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw notFound('Access review');
  if (review.status !== 'open') throw conflict('This access review is already closed.');
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    const pending = await w.db.selectFrom('estate_review_items').select((eb) => eb.fn.countAll<number>().as('n')).where('review_id', '=', reviewId).where('decision', 'is', null).executeTakeFirstOrThrow();
    await w.db.updateTable('estate_reviews').set({ status: 'closed', closed_at: now }).where('id', '=', reviewId).execute();
    await w.audit({ action: 'access-review.close', entityType: 'access-review', entityId: reviewId, before: { status: 'open' }, after: { status: 'closed', closedAt: now, undecided: Number(pending.n) } });
  });
  return getReview(scope, reviewId);
}
