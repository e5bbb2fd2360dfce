/**
 * Sign-ins half done: the password was right and the second factor (or its enrolment) is
 * next. The browser holds a random challenge; the database keeps its SHA-256, the user, a
 * count of wrong codes (five end it) and a five-minute expiry.
 */
import type { AppContext } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { AppError } from '../../server/errors.js';
import { hashSecret, newSecret } from './secrets.js';
import type { AuthChallengesTable, ChallengeKind } from './tables.js';

const TTL_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;

export async function createChallenge(app: AppContext, user: UsersTable, kind: ChallengeKind): Promise<{ challenge: string; expiresAt: string }> {
  const challenge = newSecret();
  const now = app.clock.now();
  const expiresAt = toTimestamp(new Date(now.getTime() + TTL_MS));
  await app.database.db.deleteFrom('auth_challenges').where('expires_at', '<', toTimestamp(now)).execute();
  await app.database.db
    .insertInto('auth_challenges')
    .values({ id: hashSecret(challenge), user_id: user.id, kind, attempts: 0, created_at: toTimestamp(now), expires_at: expiresAt })
    .execute();
  return { challenge, expiresAt };
}

const expired = (): AppError => new AppError('UNAUTHENTICATED', 'This sign-in has expired or was ended; sign in with your password again.');

/** The live challenge and its user, or UNAUTHENTICATED. */
export async function resolveChallenge(app: AppContext, challenge: string, kind: ChallengeKind): Promise<{ row: AuthChallengesTable; user: UsersTable }> {
  const row = await app.database.db.selectFrom('auth_challenges').selectAll().where('id', '=', hashSecret(challenge)).executeTakeFirst();
  if (!row || row.kind !== kind || row.expires_at <= toTimestamp(app.clock.now()) || row.attempts >= MAX_ATTEMPTS) throw expired();
  const user = await app.database.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirst();
  if (!user || user.disabled_at) throw expired();
  return { row, user };
}

/** Counts a wrong code (atomically, so parallel guesses all count); the fifth ends the challenge. */
export async function failChallenge(app: AppContext, row: AuthChallengesTable): Promise<number> {
  const after = await app.database.db
    .updateTable('auth_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', row.id)
    .returning('attempts')
    .executeTakeFirst();
  const attempts = after?.attempts ?? MAX_ATTEMPTS;
  if (attempts >= MAX_ATTEMPTS) await app.database.db.deleteFrom('auth_challenges').where('id', '=', row.id).execute();
  return Math.max(0, MAX_ATTEMPTS - attempts);
}

export async function endChallenge(app: AppContext, row: AuthChallengesTable): Promise<void> {
  await app.database.db.deleteFrom('auth_challenges').where('id', '=', row.id).execute();
}
