import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { createFeed, feedCalendar, listFeeds, presentFeed, revokeFeed } from './calendar.js';
import { createWebhook, deleteWebhook, DeliveryOut, listDeliveries, listWebhooks, pingWebhook, presentDelivery, presentWebhook, updateWebhook, WebhookInput, WebhookOut, WebhookPatch } from './webhook-admin.js';

const tags = ['interchange'];
const Id = z.string().min(1).max(64);
const FeedOut = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .meta({ id: 'CalendarFeed', description: 'A calendar feed (never its secret URL, which is shown once when it is made)' });

/** The secret URL of a feed, as calendar apps subscribe to it. */
function feedUrl(ctx: AppContext, origin: string, secret: string): string {
  return `${ctx.config.publicUrl ?? origin}/api/calendar/${secret}.ics`;
}

/** Calendar feeds (each person's own) and the firm's webhooks (firm admins). */
export function interchangeRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/calendar/:file', {
    config: { public: true },
    schema: {
      tags,
      summary: 'A calendar feed (iCalendar): the dates that matter across the clients its owner may see',
      description: 'The URL holds the feed\'s secret: subscribe to it from a calendar app. Contract notice deadlines and renewals, risk acceptances\' expiry, decide-by dates, assessments due and initiatives\' target quarters, as all-day events. A revoked or unknown feed answers 404.',
      params: z.strictObject({ file: z.string().max(120).describe('The secret, then .ics') }),
      produces: ['text/calendar'],
      response: { 200: z.string().describe('text/calendar') },
    },
  }, async (request, reply) => {
    const secret = request.params.file.replace(/\.ics$/, '');
    const body = secret.startsWith('cal_') ? await feedCalendar(ctx, secret) : null;
    if (body === null) throw new AppError('NOT_FOUND', 'No such calendar feed (it may have been revoked).');
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
  });

  app.get('/api/me/calendar-feeds', {
    schema: { tags, summary: 'Your calendar feeds', response: { 200: z.object({ feeds: z.array(FeedOut) }) } },
  }, async (request) => ({ feeds: (await listFeeds(ctx, authOf(request).user)).map(presentFeed) }));

  app.post('/api/me/calendar-feeds', {
    schema: {
      tags,
      summary: 'Make a calendar feed: its secret URL is shown once',
      body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
      response: { 201: z.object({ url: z.string().describe('The secret URL to subscribe to; anyone who has it sees the dates'), feed: FeedOut }) },
    },
  }, async (request, reply) => {
    const { secret, feed } = await createFeed(ctx, authOf(request).user, request.body.name);
    return reply.code(201).send({ url: feedUrl(ctx, `${request.protocol}://${request.host}`, secret), feed: presentFeed(feed) });
  });

  app.delete('/api/me/calendar-feeds/:feedId', {
    schema: { tags, summary: 'Revoke a calendar feed: its URL stops working', params: z.strictObject({ feedId: Id }), response: { 200: FeedOut } },
  }, async (request) => presentFeed(await revokeFeed(ctx, authOf(request).user, request.params.feedId)));

  app.get('/api/firm/webhooks', {
    schema: { tags, summary: 'The firm\'s webhooks (firm admins)', response: { 200: z.object({ webhooks: z.array(WebhookOut) }) } },
  }, async (request) => ({ webhooks: (await listWebhooks(ctx, authOf(request).user)).map(presentWebhook) }));

  app.post('/api/firm/webhooks', {
    schema: {
      tags,
      summary: 'Add a webhook: its signing secret is shown once',
      description: 'Deliveries are JSON POSTs with the headers Triad-Event, Triad-Delivery and Triad-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>. A delivery that does not get a 2xx answer is retried after 1 min, 5 min, 30 min, 2 h and 12 h.',
      body: WebhookInput,
      response: { 201: z.object({ secret: z.string(), webhook: WebhookOut }) },
    },
  }, async (request, reply) => {
    const { secret, hook } = await createWebhook(ctx, authOf(request).user, request.body);
    return reply.code(201).send({ secret, webhook: presentWebhook(hook) });
  });

  app.patch('/api/firm/webhooks/:webhookId', {
    schema: { tags, summary: 'Change a webhook: its address, events, description, or pause it', params: z.strictObject({ webhookId: Id }), body: WebhookPatch, response: { 200: WebhookOut } },
  }, async (request) => presentWebhook(await updateWebhook(ctx, authOf(request).user, request.params.webhookId, request.body)));

  app.delete('/api/firm/webhooks/:webhookId', {
    schema: { tags, summary: 'Remove a webhook and its delivery log', params: z.strictObject({ webhookId: Id }), response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await deleteWebhook(ctx, authOf(request).user, request.params.webhookId);
    return { ok: true as const };
  });

  app.post('/api/firm/webhooks/:webhookId/ping', {
    schema: { tags, summary: 'Send a test event (ping) to a webhook', params: z.strictObject({ webhookId: Id }), response: { 202: z.object({ deliveryId: z.string() }) } },
  }, async (request, reply) => reply.code(202).send({ deliveryId: await pingWebhook(ctx, authOf(request).user, request.params.webhookId) }));

  app.get('/api/firm/webhooks/:webhookId/deliveries', {
    schema: {
      tags,
      summary: 'A webhook\'s delivery log, newest first',
      params: z.strictObject({ webhookId: Id }),
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ deliveries: z.array(DeliveryOut) }) },
    },
  }, async (request) => ({ deliveries: (await listDeliveries(ctx, authOf(request).user, request.params.webhookId, request.query.limit)).map(presentDelivery) }));
}
