import { sql } from 'kysely';
import type { AppContext, ClientScope } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { countOf, NEWEST_FIRST, olderThan, readPage, type PageRequest } from '../../server/db/keyset-page.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { ClientDb } from '../../server/db/scoped.js';
import { notFound } from '../../server/errors.js';
import type { PageInfo } from '../../shared/paging.js';
import type { NotificationOut, OutboxOut } from './schema.js';
import type { NotificationOutboxTable } from './tables.js';

/**
 * A person's notifications across the clients they may still see. This is the one read of
 * notifications that is not client-scoped: the bell in the header shows all of a person's
 * clients at once, and every row is filtered by the person and their current access.
 */
function visibleTo(ctx: AppContext, user: UsersTable) {
  const mine = ctx.database.db
    .selectFrom('notifications')
    .innerJoin('clients', 'clients.id', 'notifications.client_id')
    .where('notifications.user_id', '=', user.id)
    .where('clients.firm_id', '=', user.firm_id)
    .where('clients.archived_at', 'is', null);
  // A firm admin sees every client of the firm; anyone else only the clients they belong to.
  // (No constant `true` condition here: SQLite cannot bind a boolean.)
  if (user.firm_role === 'admin') return mine;
  return mine.where((eb) =>
    eb.exists(
      eb
        .selectFrom('memberships')
        .select(sql.lit(1).as('one'))
        .whereRef('memberships.client_id', '=', 'notifications.client_id')
        .where('memberships.user_id', '=', user.id),
    ),
  );
}

export interface InboxQuery extends PageRequest {
  unreadOnly: boolean;
  clientId?: string | undefined;
}

/** A person's notifications across their clients, newest first, a page at a time (on `(user_id, created_at, id)`). */
export async function listNotifications(ctx: AppContext, user: UsersTable, query: InboxQuery): Promise<{ notifications: NotificationOut[]; unread: number } & PageInfo> {
  const filtered = () => {
    let q = visibleTo(ctx, user);
    if (query.unreadOnly) q = q.where('notifications.read_at', 'is', null);
    if (query.clientId) q = q.where('notifications.client_id', '=', query.clientId);
    return q;
  };
  const [{ rows, ...info }, unread] = await Promise.all([
    readPage(query, {
      ...NEWEST_FIRST,
      rows: (after, take) => {
        let q = filtered().select([
          'notifications.id',
          'notifications.client_id',
          'clients.name as client_name',
          'notifications.kind',
          'notifications.title',
          'notifications.body',
          'notifications.link',
          'notifications.subject_type',
          'notifications.subject_id',
          'notifications.created_at',
          'notifications.read_at',
        ]);
        if (after) q = q.where(olderThan('notifications', after));
        return q.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc').limit(take).execute();
      },
      count: async () => countOf(await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()),
    }),
    unreadCount(ctx, user),
  ]);
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientName: r.client_name,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread,
    ...info,
  };
}

export async function unreadCount(ctx: AppContext, user: UsersTable): Promise<number> {
  const row = await visibleTo(ctx, user)
    .where('notifications.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Marks the person's own notifications read: one (`id`), those of one client (`clientId`), or
 * all. Reading is the person's own state, not a change to the client's records, so it is not
 * written to the audit trail. Returns how many were unread.
 */
export async function markRead(ctx: AppContext, user: UsersTable, target: { id?: string | undefined; clientId?: string | undefined }): Promise<number> {
  let q = visibleTo(ctx, user).select(['notifications.id', 'notifications.client_id', 'notifications.read_at']);
  if (target.id) q = q.where('notifications.id', '=', target.id);
  if (target.clientId) q = q.where('notifications.client_id', '=', target.clientId);
  const rows = await q.execute();
  if (target.id && rows.length === 0) throw notFound('Notification');
  const byClient = new Map<string, string[]>();
  for (const r of rows) {
    if (r.read_at === null) byClient.set(r.client_id, [...(byClient.get(r.client_id) ?? []), r.id]);
  }
  const now = toTimestamp(ctx.clock.now());
  let n = 0;
  for (const [clientId, ids] of byClient) {
    const db = new ClientDb(ctx.database.db, clientId);
    for (let i = 0; i < ids.length; i += 500) {
      await db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', user.id).where('id', 'in', ids.slice(i, i + 500)).where('read_at', 'is', null).execute();
    }
    n += ids.length;
  }
  return n;
}

export function presentOutbox(r: NotificationOutboxTable): OutboxOut {
  return {
    id: r.id,
    toEmail: r.to_email,
    toName: r.to_name,
    subject: r.subject,
    body: r.body_text,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** The client's e-mails, newest first, a page at a time: what was sent, and what is held when no SMTP server is set. */
export async function listOutbox(scope: ClientScope, page: PageRequest): Promise<{ emails: OutboxOut[] } & PageInfo> {
  const { rows, ...info } = await readPage(page, {
    ...NEWEST_FIRST,
    rows: (after, take) => {
      let q = scope.db.selectFrom('notification_outbox').selectAll();
      if (after) q = q.where(olderThan('notification_outbox', after));
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(take).execute();
    },
    count: async () => countOf(await scope.db.selectFrom('notification_outbox').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()),
  });
  return { emails: rows.map(presentOutbox), ...info };
}
