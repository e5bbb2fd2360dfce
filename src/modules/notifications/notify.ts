import type { Writer } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import type { MemberRole } from '../../server/db/platform-tables.js';

/** The background job that delivers one outbox e-mail. */
export const EMAIL_JOB = 'notifications.email';

/** Who gets a notification: named people, and/or every member holding one of the roles. */
export interface Recipients {
  userIds?: readonly (string | null | undefined)[];
  roles?: readonly MemberRole[];
  /** People left out even when named or in a role (usually the person acting). */
  except?: readonly (string | null | undefined)[];
}

export interface NotifyInput {
  to: Recipients;
  /** What happened, `<area>.<event>`: `decision.escalated`, `acceptance.expiring`. */
  kind: string;
  /** One line, shown in the bell and as the e-mail's subject. */
  title: string;
  /** A few plain sentences: what happened and what the person is asked to do. */
  body?: string;
  /** The page in the client's workspace, relative to it: `governance/decisions/<id>`. */
  path?: string;
  /** The record it is about, for lists and de-duplication. */
  subject?: { type: string; id: string };
  /**
   * Sent once: a person who already has a notification with this key in the client does not
   * get another (e.g. `acceptance:<id>:reminder:30`).
   */
  dedupeKey?: string;
  /** Also queue an e-mail (default true). */
  email?: boolean;
}

/**
 * Notifies people of a client inside the caller's write transaction: one in-app notification
 * per person (the bell in the web app's header) and, unless `email: false`, an e-mail in the
 * outbox, delivered by a background job through SMTP when `SMTP_URL` is configured and kept
 * in the outbox (viewable in the web app) when it is not. Everything commits or rolls back
 * with the change that caused it.
 *
 * Only current members of the client (and the firm's admins, when named) are notified;
 * disabled accounts are skipped. Returns the ids of the people notified.
 *
 * ```ts
 * await scope.write(async (w) => {
 *   // … the change, its audit entry …
 *   await notify(w, {
 *     to: { roles: ['executive'], except: [scope.actor.userId] },
 *     kind: 'decision.escalated',
 *     title: `Decision escalated to you: ${title}`,
 *     body: 'The CIO supports it and the CISO opposes it.',
 *     path: `governance/decisions/${id}`,
 *     subject: { type: 'decision', id },
 *   });
 * });
 * ```
 */
export async function notify(w: Writer, input: NotifyInput): Promise<string[]> {
  const people = await resolveRecipients(w, input.to);
  if (people.length === 0) return [];
  const client = await w.tx.selectFrom('clients').select(['name']).where('id', '=', w.db.clientId).executeTakeFirstOrThrow();
  const now = toTimestamp(w.now());
  const link = input.path === undefined ? null : `/clients/${w.db.clientId}/${input.path.replace(/^\//, '')}`;
  const body = input.body ?? '';
  const sentTo: string[] = [];
  for (const person of people) {
    if (input.dedupeKey) {
      const already = await w.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', person.id)
        .where('dedupe_key', '=', input.dedupeKey)
        .executeTakeFirst();
      if (already) continue;
    }
    const id = newId();
    await w.db
      .insertInto('notifications', {
        id,
        user_id: person.id,
        kind: input.kind,
        title: input.title,
        body,
        link,
        subject_type: input.subject?.type ?? null,
        subject_id: input.subject?.id ?? null,
        dedupe_key: input.dedupeKey ?? null,
        created_at: now,
        read_at: null,
      })
      .execute();
    if (input.email !== false) {
      const outboxId = newId();
      await w.db
        .insertInto('notification_outbox', {
          id: outboxId,
          notification_id: id,
          to_email: person.email,
          to_name: person.name,
          subject: `[${client.name}] ${input.title}`,
          body_text: body,
          status: 'pending',
          attempts: 0,
          last_error: null,
          created_at: now,
          sent_at: null,
        })
        .execute();
      await w.enqueue(EMAIL_JOB, { outboxId }, { dedupeKey: `email:${outboxId}` });
    }
    sentTo.push(person.id);
  }
  return sentTo;
}

interface Person {
  id: string;
  email: string;
  name: string;
}

async function resolveRecipients(w: Writer, to: Recipients): Promise<Person[]> {
  const named = new Set((to.userIds ?? []).filter((u): u is string => typeof u === 'string'));
  const roles = [...new Set(to.roles ?? [])];
  const except = new Set((to.except ?? []).filter((u): u is string => typeof u === 'string'));
  const found = new Map<string, Person>();
  if (named.size > 0 || roles.length > 0) {
    let q = w.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.name', 'memberships.role'])
      .where('users.disabled_at', 'is', null);
    q = q.where((eb) => {
      const parts = [];
      if (named.size > 0) parts.push(eb('users.id', 'in', [...named]));
      if (roles.length > 0) parts.push(eb('memberships.role', 'in', roles));
      return eb.or(parts);
    });
    for (const r of await q.execute()) found.set(r.id, { id: r.id, email: r.email, name: r.name });
  }
  // Firm admins act in every client without a membership; they are notified when named.
  const missing = [...named].filter((id) => !found.has(id));
  if (missing.length > 0) {
    const admins = await w.tx
      .selectFrom('users')
      .innerJoin('clients', 'clients.firm_id', 'users.firm_id')
      .select(['users.id', 'users.email', 'users.name'])
      .where('clients.id', '=', w.db.clientId)
      .where('users.firm_role', '=', 'admin')
      .where('users.disabled_at', 'is', null)
      .where('users.id', 'in', missing)
      .execute();
    for (const a of admins) found.set(a.id, a);
  }
  return [...found.values()].filter((p) => !except.has(p.id)).sort((a, b) => a.id.localeCompare(b.id));
}

/** What a task's notifications are about, to close them once the task is done. */
export interface CloseInput {
  subject: { type: string; id: string };
  /** The kinds of notification that asked for the task: `['acceptance.requested']`. */
  kinds: readonly string[];
  /** Only these people's (default: everyone's, when the task was anyone's to do). */
  userIds?: readonly (string | null | undefined)[];
}

/**
 * Closes the notifications that asked for a task once it is done (an acceptance approved, a
 * concern answered): inside the same write as the change, so a notification is never "new"
 * about something already settled. Closing marks them read; they stay in the list as history.
 * Returns how many were still unread.
 */
export async function closeNotifications(w: Writer, input: CloseInput): Promise<number> {
  if (input.kinds.length === 0) return 0;
  let q = w.db
    .updateTable('notifications')
    .set({ read_at: toTimestamp(w.now()) })
    .where('subject_type', '=', input.subject.type)
    .where('subject_id', '=', input.subject.id)
    .where('kind', 'in', [...input.kinds])
    .where('read_at', 'is', null);
  if (input.userIds !== undefined) {
    const ids = input.userIds.filter((u): u is string => typeof u === 'string');
    if (ids.length === 0) return 0;
    q = q.where('user_id', 'in', ids);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
