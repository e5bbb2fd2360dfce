import { firmWrite, type Actor, type AppContext } from '../../server/context.js';
import type { Kysely } from 'kysely';
import { toTimestamp } from '../../server/db/conventions.js';
import { fixedQuery } from '../../server/db/fixed-query.js';
import type { DB } from '../../server/db/schema.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../../server/db/platform-tables.js';
import { newId } from '../../server/db/conventions.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { hashSecret, newSecret } from './secrets.js';

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrfToken: string;
  session: SessionsTable;
}

export async function createSession(app: AppContext, user: UsersTable): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const now = app.clock.now();
  const session: SessionsTable = {
    id: hashSecret(token),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: toTimestamp(now),
    expires_at: toTimestamp(new Date(now.getTime() + app.config.sessionHours * 3_600_000)),
    last_seen_at: toTimestamp(now),
  };
  await app.database.db.insertInto('sessions').values(session).execute();
  return { token, csrfToken, session };
}

/** A session and its user: every signed-in request starts with it, so it is compiled once. */
const sessionRow = fixedQuery((db: Kysely<DB>, slot: (name: 'id') => string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as s_id', 'sessions.csrf_token as s_csrf', 'sessions.created_at as s_created', 'sessions.expires_at as s_expires', 'sessions.last_seen_at as s_seen'])
    .where('sessions.id', '=', slot('id')),
);

/** The live session and its user for a cookie value, or null. */
export async function resolveSession(app: AppContext, token: string): Promise<{ session: SessionsTable; user: UsersTable } | null> {
  const [row] = await sessionRow(app.database.db, { id: hashSecret(token) });
  if (!row) return null;
  const now = app.clock.now();
  if (row.s_expires <= toTimestamp(now) || row.disabled_at !== null) return null;
  const { s_id, s_csrf, s_created, s_expires, s_seen, ...user } = row;
  // Touch at most once a minute to keep writes off the hot path.
  if (now.getTime() - Date.parse(s_seen) > 60_000) {
    await app.database.db.updateTable('sessions').set({ last_seen_at: toTimestamp(now) }).where('id', '=', s_id).execute();
  }
  return { session: { id: s_id, user_id: user.id, csrf_token: s_csrf, created_at: s_created, expires_at: s_expires, last_seen_at: s_seen }, user };
}

export async function deleteSession(app: AppContext, sessionId: string): Promise<void> {
  await app.database.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export const TOKEN_PREFIX = 'triad_';

/** How deep tokens made by tokens may go: a token made in a session is level 0. */
export const MAX_TOKEN_DEPTH = 3;

const DAY = 86_400_000;

/**
 * Makes a personal API token; the token is returned once and only its hash is kept. Made with
 * another token (`parent`), it must expire no later than that one and dies with it: revoking or
 * expiring the parent ends it too.
 */
export async function createApiToken(
  app: AppContext,
  actor: Actor,
  user: UsersTable,
  name: string,
  expiresInDays: number | null,
  parent: { token: ApiTokensTable; depth: number } | null = null,
): Promise<{ token: string; row: ApiTokensTable }> {
  const now = app.clock.now();
  const expiresAt = expiresInDays ? toTimestamp(new Date(now.getTime() + expiresInDays * DAY)) : null;
  if (parent) {
    if (parent.depth + 1 > MAX_TOKEN_DEPTH) {
      throw conflict(`Tokens made by tokens may go ${MAX_TOKEN_DEPTH} levels deep, and this token is at the last level: make the new one in a signed-in session.`);
    }
    const limit = parent.token.expires_at;
    if (limit && (expiresAt === null || expiresAt > limit)) {
      const days = Math.floor((Date.parse(limit) - now.getTime()) / DAY);
      throw invalid(`A token made with a token must expire no later than it does (${limit}).`, [
        { path: 'body.expiresInDays', message: days >= 1 ? `must be at most ${days} (the token you are using expires on ${limit.slice(0, 10)})` : `the token you are using expires within a day (${limit}); make the new one in a signed-in session` },
      ]);
    }
  }
  const token = TOKEN_PREFIX + newSecret();
  const row: ApiTokensTable = {
    id: newId(),
    user_id: user.id,
    name: name.trim(),
    token_hash: hashSecret(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    created_at: toTimestamp(now),
    last_used_at: null,
    expires_at: expiresAt,
    revoked_at: null,
    parent_id: parent?.token.id ?? null,
  };
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.insertInto('api_tokens').values(row).execute();
    await audit({ action: 'token.create', entityType: 'api_token', entityId: row.id, after: { name: row.name, prefix: row.prefix, expiresAt: row.expires_at, madeWith: row.parent_id } });
  });
  return { token, row };
}

function dead(t: ApiTokensTable, now: string): boolean {
  return t.revoked_at !== null || (t.expires_at !== null && t.expires_at <= now);
}

/**
 * The live token and its user for a bearer token, or null. A token made with another lives only
 * while every token above it does. `depth` is how many tokens are above it.
 */
export async function resolveApiToken(app: AppContext, token: string): Promise<{ token: ApiTokensTable; user: UsersTable; depth: number } | null> {
  const db = app.database.db;
  const t = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  const now = app.clock.now();
  const at = toTimestamp(now);
  if (!t || dead(t, at)) return null;
  let depth = 0;
  for (let parentId = t.parent_id; parentId !== null; depth++) {
    const parent = depth < MAX_TOKEN_DEPTH ? await db.selectFrom('api_tokens').selectAll().where('id', '=', parentId).executeTakeFirst() : undefined;
    if (!parent || dead(parent, at)) return null;
    parentId = parent.parent_id;
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', t.user_id).executeTakeFirst();
  if (!user || user.disabled_at) return null;
  if (!t.last_used_at || now.getTime() - Date.parse(t.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', t.id).execute();
  }
  return { token: t, user, depth };
}

export async function listApiTokens(app: AppContext, userId: string): Promise<ApiTokensTable[]> {
  return app.database.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/** Revokes a token and every token made with it (and with those), in one audited change. */
export async function revokeApiToken(app: AppContext, actor: Actor, userId: string, tokenId: string): Promise<ApiTokensTable> {
  const t = await app.database.db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('user_id', '=', userId).executeTakeFirst();
  if (!t) throw notFound('Token');
  if (t.revoked_at) return t;
  const revokedAt = toTimestamp(app.clock.now());
  await firmWrite(app, actor, async (tx, audit) => {
    const made: string[] = [];
    let level = [t.id];
    while (level.length > 0) {
      const children = await tx.selectFrom('api_tokens').select('id').where('parent_id', 'in', level).execute();
      level = children.map((c) => c.id);
      made.push(...level);
    }
    await tx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', 'in', [t.id, ...made]).where('revoked_at', 'is', null).execute();
    await audit({ action: 'token.revoke', entityType: 'api_token', entityId: t.id, before: { name: t.name, prefix: t.prefix }, after: { alsoRevoked: made } });
  });
  return { ...t, revoked_at: revokedAt };
}
