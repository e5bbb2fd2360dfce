/**
 * Managing the firm's webhooks (firm admins): add one (its signing secret is shown once), change
 * its address, events or whether it is active, remove it, send a test event, and read its
 * delivery log. Every change is in the firm's audit trail.
 */
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { firmWrite } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { AppError, forbidden } from '../../server/errors.js';
import { actorOf } from '../accounts/users.js';
import type { WebhookDeliveriesTable, WebhooksTable } from './tables.js';
import { newWebhookSecret, queueDelivery, WEBHOOK_EVENTS } from './webhooks.js';

/** An https address; http only to this machine (a receiver on loopback, for development). */
const WebhookUrl = z
  .url()
  .max(2000)
  .refine((u) => {
    // An address that does not parse is refused by url() already, once.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  }, 'must be an https:// address (http:// only to localhost)');

export const WebhookInput = z.strictObject({
  url: WebhookUrl,
  description: z.string().trim().max(200).nullable().default(null),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  active: z.boolean().default(true),
});
export const WebhookPatch = WebhookInput.partial().strict();

export const WebhookOut = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    active: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Webhook', description: 'A firm\'s webhook (never its secret, which is shown once when it is made)' });

export const DeliveryOut = z
  .object({
    id: z.string(),
    event: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number(),
    nextAttemptAt: z.string().nullable(),
    lastStatus: z.number().nullable().describe('The receiver\'s HTTP status at the last attempt'),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.string().describe('The JSON body sent'),
  })
  .meta({ id: 'WebhookDelivery' });

export function presentWebhook(h: WebhooksTable): z.infer<typeof WebhookOut> {
  return { id: h.id, url: h.url, description: h.description, events: JSON.parse(h.events) as z.infer<typeof WebhookOut>['events'], active: h.active === 1, createdAt: h.created_at, createdBy: h.created_by, updatedAt: h.updated_at };
}

export function presentDelivery(d: WebhookDeliveriesTable): z.infer<typeof DeliveryOut> {
  return { id: d.id, event: d.event, status: d.status, attempts: d.attempts, nextAttemptAt: d.next_attempt_at, lastStatus: d.last_status, lastError: d.last_error, createdAt: d.created_at, deliveredAt: d.delivered_at, payload: d.payload };
}

function requireAdmin(user: UsersTable): void {
  if (user.firm_role !== 'admin') throw forbidden('Only firm admins manage webhooks.');
}

async function hookOf(app: AppContext, user: UsersTable, id: string): Promise<WebhooksTable> {
  requireAdmin(user);
  const h = await app.database.db.selectFrom('webhooks').selectAll().where('id', '=', id).where('firm_id', '=', user.firm_id).executeTakeFirst();
  if (!h) throw new AppError('NOT_FOUND', 'Webhook not found');
  return h;
}

export async function listWebhooks(app: AppContext, user: UsersTable): Promise<WebhooksTable[]> {
  requireAdmin(user);
  return app.database.db.selectFrom('webhooks').selectAll().where('firm_id', '=', user.firm_id).orderBy('created_at').execute();
}

export async function createWebhook(app: AppContext, user: UsersTable, input: z.infer<typeof WebhookInput>): Promise<{ secret: string; hook: WebhooksTable }> {
  requireAdmin(user);
  const now = toTimestamp(app.clock.now());
  const actor = actorOf(user);
  const hook: WebhooksTable = { id: newId(), firm_id: user.firm_id, url: input.url, description: input.description, secret: newWebhookSecret(), events: JSON.stringify(input.events), active: input.active ? 1 : 0, created_at: now, created_by: actor.label, updated_at: now };
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.insertInto('webhooks').values(hook).execute();
    await audit({ action: 'webhook.create', entityType: 'webhook', entityId: hook.id, after: { url: hook.url, events: input.events, active: input.active } });
  });
  return { secret: hook.secret, hook };
}

export async function updateWebhook(app: AppContext, user: UsersTable, id: string, patch: z.infer<typeof WebhookPatch>): Promise<WebhooksTable> {
  const before = await hookOf(app, user, id);
  const next: WebhooksTable = {
    ...before,
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.events !== undefined ? { events: JSON.stringify(patch.events) } : {}),
    ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    updated_at: toTimestamp(app.clock.now()),
  };
  await firmWrite(app, actorOf(user), async (tx, audit) => {
    await tx.updateTable('webhooks').set({ url: next.url, description: next.description, events: next.events, active: next.active, updated_at: next.updated_at }).where('id', '=', id).execute();
    await audit({ action: 'webhook.update', entityType: 'webhook', entityId: id, before: presentWebhook(before), after: presentWebhook(next) });
  });
  return next;
}

export async function deleteWebhook(app: AppContext, user: UsersTable, id: string): Promise<void> {
  const before = await hookOf(app, user, id);
  await firmWrite(app, actorOf(user), async (tx, audit) => {
    await tx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
    await tx.deleteFrom('webhooks').where('id', '=', id).execute();
    await audit({ action: 'webhook.delete', entityType: 'webhook', entityId: id, before: presentWebhook(before) });
  });
}

/** Queues a `ping` to the webhook, to check the receiver and its signature check. */
export async function pingWebhook(app: AppContext, user: UsersTable, id: string): Promise<string> {
  const hook = await hookOf(app, user, id);
  const at = app.clock.now();
  const body = JSON.stringify({ id: newId(), event: 'ping', occurredAt: toTimestamp(at), firm: { id: hook.firm_id }, data: { message: 'A test delivery from Triad' } });
  return app.database.db.transaction().execute((tx) => queueDelivery(app, tx, { firmId: hook.firm_id, webhookId: hook.id, event: 'ping', body, at }));
}

export async function listDeliveries(app: AppContext, user: UsersTable, id: string, limit: number): Promise<WebhookDeliveriesTable[]> {
  await hookOf(app, user, id);
  return app.database.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
