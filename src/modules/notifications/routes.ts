import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { pageQuery } from '../../shared/paging.js';
import { listNotifications, listOutbox, markRead, unreadCount } from './inbox.js';
import { NotificationList, NotificationQuery, OutboxList } from './schema.js';

const IdParams = z.strictObject({ id: z.string().max(64) });

/** The signed-in person's notifications, across their clients (the bell in the web app). */
export function notificationRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/notifications', {
    schema: { tags: ['notifications'], summary: 'Your notifications, newest first, a page at a time, with the number unread', querystring: NotificationQuery, response: { 200: NotificationList } },
  }, async (request) => {
    const { user } = authOf(request);
    const { unread, clientId, ...page } = request.query;
    return listNotifications(ctx, user, { ...page, unreadOnly: unread === 'true', clientId });
  });

  app.get('/api/notifications/unread', {
    schema: { tags: ['notifications'], summary: 'How many of your notifications are unread', response: { 200: z.object({ unread: z.number() }) } },
  }, async (request) => ({ unread: await unreadCount(ctx, authOf(request).user) }));

  app.post('/api/notifications/:id/read', {
    schema: { tags: ['notifications'], summary: 'Mark one of your notifications read', params: IdParams, response: { 200: z.object({ marked: z.number() }) } },
  }, async (request) => ({ marked: await markRead(ctx, authOf(request).user, { id: request.params.id }) }));

  app.post('/api/notifications/read-all', {
    schema: {
      tags: ['notifications'],
      summary: 'Mark all your notifications read (or those of one client)',
      body: z.strictObject({ clientId: z.string().max(64).optional() }),
      response: { 200: z.object({ marked: z.number() }) },
    },
  }, async (request) => ({ marked: await markRead(ctx, authOf(request).user, { clientId: request.body.clientId }) }));
}

export function notificationClientRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/notifications/outbox', {
    config: { permission: 'notifications.outbox.read' },
    schema: {
      tags: ['notifications'],
      summary: 'The client\'s e-mails, newest first, a page at a time: sent, or held here when no SMTP server is configured',
      querystring: z.strictObject(pageQuery()),
      response: { 200: OutboxList },
    },
  }, async (request) => ({ ...(await listOutbox(request.scope, request.query)), smtpConfigured: Boolean(ctx.config.smtpUrl) }));
}
