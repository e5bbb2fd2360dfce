/**
 * The firm's webhooks: an HTTPS endpoint receives the events people automate — a decision
 * escalated, a risk acceptance requested, approved or expired, a board pack issued, an import
 * finished — as a signed JSON POST.
 *
 * - The events come from the audit trail: every change is audited in its own transaction, and
 *   the listener here queues one delivery per subscribed webhook in that same transaction, so a
 *   delivery exists exactly when its change committed.
 * - Signed: `Triad-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
 *   webhook's secret>`; the receiver recomputes it and refuses old timestamps (replays).
 * - Retried with backoff through the jobs queue (1 min, 5 min, 30 min, 2 h, 12 h), then failed;
 *   every attempt is in the delivery log.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AuditListener, AppContext } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import type { DB } from '../../server/db/schema.js';
import type { WebhookDeliveriesTable } from './tables.js';

export const WEBHOOK_EVENTS = ['escalation', 'acceptance.requested', 'acceptance.approved', 'acceptance.expired', 'pack.issued', 'import.finished'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The audited actions that are events. */
const EVENT_OF_ACTION: Record<string, WebhookEvent> = {
  'decision.escalate': 'escalation',
  'acceptance.request': 'acceptance.requested',
  'acceptance.approve': 'acceptance.approved',
  'acceptance.reapprove': 'acceptance.approved',
  'acceptance.expire': 'acceptance.expired',
  'report.issue': 'pack.issued',
  'report.issue.override': 'pack.issued',
  'estate.import': 'import.finished',
  'budget.import': 'import.finished',
};

/** Minutes to wait after each failed attempt; after the last, the delivery has failed. */
export const BACKOFF_MINUTES = [1, 5, 30, 120, 720];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
const TIMEOUT_MS = 10_000;
export const DELIVER_JOB = 'webhooks.deliver';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The signature header of a body sent at `unixSeconds`. */
export function signature(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** Queues the deliveries of an audited change that is an event, in the change's transaction. */
export const queueDeliveries: (app: AppContext) => AuditListener = (app) => async (tx, client, change, actor, at) => {
  const event = EVENT_OF_ACTION[change.action];
  if (!event) return;
  const hooks = await tx.selectFrom('webhooks').select(['id', 'events']).where('firm_id', '=', client.firm_id).where('active', '=', 1).execute();
  const subscribed = hooks.filter((h) => (JSON.parse(h.events) as string[]).includes(event));
  if (subscribed.length === 0) return;
  const id = newId();
  const body = JSON.stringify({
    id,
    event,
    occurredAt: toTimestamp(at),
    firm: { id: client.firm_id },
    client: { id: client.id, name: client.name },
    action: change.action,
    entity: { type: change.entityType, id: change.entityId },
    actor: actor.label,
    data: change.after ?? null,
  });
  for (const h of subscribed) await queueDelivery(app, tx, { firmId: client.firm_id, webhookId: h.id, event, body, at });
};

export async function queueDelivery(app: AppContext, tx: Transaction<DB>, d: { firmId: string; webhookId: string; event: string; body: string; at: Date }): Promise<string> {
  const id = newId();
  await tx
    .insertInto('webhook_deliveries')
    .values({ id, firm_id: d.firmId, webhook_id: d.webhookId, event: d.event, payload: d.body, status: 'pending', attempts: 0, next_attempt_at: toTimestamp(d.at), last_status: null, last_error: null, created_at: toTimestamp(d.at), delivered_at: null })
    .execute();
  await app.jobs.enqueueIn(tx, { kind: DELIVER_JOB, clientId: null, payload: { deliveryId: id } });
  return id;
}

/** One attempt of a delivery: POST, signed; on failure the next attempt is queued after its backoff. */
export async function deliver(app: AppContext, deliveryId: string): Promise<void> {
  const db = app.database.db;
  const d = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
  if (!d || d.status !== 'pending') return;
  const hook = await db.selectFrom('webhooks').selectAll().where('id', '=', d.webhook_id).executeTakeFirst();
  const now = app.clock.now();
  if (!hook || !hook.active) {
    await db.updateTable('webhook_deliveries').set({ status: 'failed', next_attempt_at: null, last_error: hook ? 'the webhook was paused' : 'the webhook was removed' }).where('id', '=', d.id).execute();
    return;
  }
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Triad-Webhooks/1',
        'triad-event': d.event,
        'triad-delivery': d.id,
        'triad-signature': signature(hook.secret, Math.floor(now.getTime() / 1000), d.payload),
      },
      body: d.payload,
    });
    status = res.status;
    await res.body?.cancel();
    if (status < 200 || status >= 300) error = `the receiver answered ${status}`;
  } catch (err) {
    error = `the receiver could not be reached: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`;
  }
  const attempts = d.attempts + 1;
  const change: Partial<WebhookDeliveriesTable> = { attempts, last_status: status, last_error: error };
  if (!error) Object.assign(change, { status: 'delivered', delivered_at: toTimestamp(now), next_attempt_at: null });
  else if (attempts >= MAX_ATTEMPTS) Object.assign(change, { status: 'failed', next_attempt_at: null });
  else change.next_attempt_at = toTimestamp(new Date(now.getTime() + BACKOFF_MINUTES[attempts - 1]! * 60_000));
  // The attempt's record and the next attempt's job commit together.
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('webhook_deliveries').set(change).where('id', '=', d.id).execute();
    if (change.next_attempt_at) await app.jobs.enqueueIn(tx, { kind: DELIVER_JOB, clientId: null, payload: { deliveryId: d.id }, runAfter: new Date(change.next_attempt_at) });
  });
}

/** Registers the listener and the delivery job. */
export function installWebhooks(app: AppContext): void {
  app.auditListeners.push(queueDeliveries(app));
  app.jobs.register(DELIVER_JOB, async (run) => {
    await deliver(app, (run.job.payload as { deliveryId: string }).deliveryId);
  });
}
