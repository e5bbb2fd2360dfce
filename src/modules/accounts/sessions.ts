import { firmWrite, type Actor, type AppContext } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../../server/db/platform-tables.js';
import { newId } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
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

/** The live session and its user for a cookie value, or null. */
export async function resolveSession(app: AppContext, token: string): Promise<{ session: SessionsTable; user: UsersTable } | null> {
  const row = await app.database.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as s_id', 'sessions.csrf_token as s_csrf', 'sessions.created_at as s_created', 'sessions.expires_at as s_expires', 'sessions.last_seen_at as s_seen'])
    .where('sessions.id', '=', hashSecret(token))
    .executeTakeFirst();
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

/** Makes a personal API token; the token is returned once and only its hash is kept. */
export async function createApiToken(app: AppContext, actor: Actor, user: UsersTable, name: string, expiresInDays: number | null): Promise<{ token: string; row: ApiTokensTable }> {
  const token = TOKEN_PREFIX + newSecret();
  const now = app.clock.now();
  const row: ApiTokensTable = {
    id: newId(),
    user_id: user.id,
    name: name.trim(),
    token_hash: hashSecret(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    created_at: toTimestamp(now),
    last_used_at: null,
    expires_at: expiresInDays ? toTimestamp(new Date(now.getTime() + expiresInDays * 86_400_000)) : null,
    revoked_at: null,
  };
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.insertInto('api_tokens').values(row).execute();
    await audit({ action: 'token.create', entityType: 'api_token', entityId: row.id, after: { name: row.name, prefix: row.prefix, expiresAt: row.expires_at } });
  });
  return { token, row };
}

export async function resolveApiToken(app: AppContext, token: string): Promise<{ token: ApiTokensTable; user: UsersTable } | null> {
  const t = await app.database.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!t || t.revoked_at) return null;
  const now = app.clock.now();
  if (t.expires_at && t.expires_at <= toTimestamp(now)) return null;
  const user = await app.database.db.selectFrom('users').selectAll().where('id', '=', t.user_id).executeTakeFirst();
  if (!user || user.disabled_at) return null;
  if (!t.last_used_at || now.getTime() - Date.parse(t.last_used_at) > 60_000) {
    await app.database.db.updateTable('api_tokens').set({ last_used_at: toTimestamp(now) }).where('id', '=', t.id).execute();
  }
  return { token: t, user };
}

export async function listApiTokens(app: AppContext, userId: string): Promise<ApiTokensTable[]> {
  return app.database.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function revokeApiToken(app: AppContext, actor: Actor, userId: string, tokenId: string): Promise<ApiTokensTable> {
  const t = await app.database.db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('user_id', '=', userId).executeTakeFirst();
  if (!t) throw notFound('Token');
  if (t.revoked_at) return t;
  const revokedAt = toTimestamp(app.clock.now());
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', t.id).execute();
    await audit({ action: 'token.revoke', entityType: 'api_token', entityId: t.id, before: { name: t.name, prefix: t.prefix } });
  });
  return { ...t, revoked_at: revokedAt };
}
