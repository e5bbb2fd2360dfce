import { z } from 'zod';
import type { Actor, AppContext } from '../../server/context.js';
import { firmWrite } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import type { FirmRole, UsersTable } from '../../server/db/platform-tables.js';
import { AppError, conflict, invalid, notFound } from '../../server/errors.js';
import { hashPassword } from './passwords.js';
import { accountLimitKey } from './signin-limits.js';
import { passwordProblem } from './strength.js';

export const FIRM_ROLES = ['admin', 'advisor', 'member'] as const satisfies readonly FirmRole[];

/** A user as the API shows it: never the password hash. */
export const UserOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  firmRole: z.enum(FIRM_ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
}).meta({ id: 'User', description: 'A person of the firm' });
export type UserOut = z.infer<typeof UserOut>;

export function presentUser(u: UsersTable): UserOut {
  return { id: u.id, email: u.email, name: u.name, firmRole: u.firm_role, disabled: u.disabled_at !== null, createdAt: u.created_at };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The actor for a signed-in user. */
export function actorOf(u: UsersTable): Actor {
  return { userId: u.id, label: `${u.name} <${u.email}>`, firmId: u.firm_id, firmRole: u.firm_role, email: u.email };
}

export async function findUserByEmail(app: AppContext, email: string): Promise<UsersTable | undefined> {
  return app.database.db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function getUser(app: AppContext, firmId: string, id: string): Promise<UsersTable> {
  const u = await app.database.db.selectFrom('users').selectAll().where('id', '=', id).where('firm_id', '=', firmId).executeTakeFirst();
  if (!u) throw notFound('User');
  return u;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  firmRole: FirmRole;
}

/** Creates a user in the actor's firm; the e-mail must be new. */
export async function createUser(app: AppContext, actor: Actor, input: NewUser): Promise<UsersTable> {
  const email = normaliseEmail(input.email);
  const problem = await passwordProblem(input.password, { name: input.name, email });
  if (problem) throw invalid('The password is too easy to guess.', [{ path: 'password', message: problem }]);
  if (await findUserByEmail(app, email)) {
    throw conflict('A user with this e-mail already exists.', [{ path: 'email', message: 'already in use' }]);
  }
  const passwordHash = await hashPassword(input.password);
  const now = toTimestamp(app.clock.now());
  const row: UsersTable = {
    id: newId(),
    firm_id: actor.firmId,
    email,
    name: input.name.trim(),
    password_hash: passwordHash,
    firm_role: input.firmRole,
    created_at: now,
    updated_at: now,
    disabled_at: null,
  };
  return firmWrite(app, actor, async (tx, audit) => {
    await tx.insertInto('users').values(row).execute();
    await audit({ action: 'user.create', entityType: 'user', entityId: row.id, after: presentUser(row) });
    return row;
  });
}

export interface UserPatch {
  name?: string | undefined;
  firmRole?: FirmRole | undefined;
  disabled?: boolean | undefined;
}

/** Changes a user's name, firm role or disabled state (firm admins). */
export async function updateUser(app: AppContext, actor: Actor, id: string, patch: UserPatch): Promise<UsersTable> {
  const before = await getUser(app, actor.firmId, id);
  if (id === actor.userId && (patch.disabled === true || (patch.firmRole && patch.firmRole !== 'admin'))) {
    throw new AppError('CONFLICT', 'You cannot disable yourself or remove your own firm admin role.');
  }
  const now = toTimestamp(app.clock.now());
  const after: UsersTable = {
    ...before,
    name: patch.name?.trim() ?? before.name,
    firm_role: patch.firmRole ?? before.firm_role,
    disabled_at: patch.disabled === undefined ? before.disabled_at : patch.disabled ? (before.disabled_at ?? now) : null,
    updated_at: now,
  };
  return firmWrite(app, actor, async (tx, audit) => {
    await tx
      .updateTable('users')
      .set({ name: after.name, firm_role: after.firm_role, disabled_at: after.disabled_at, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (after.disabled_at) {
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    await audit({ action: 'user.update', entityType: 'user', entityId: id, before: presentUser(before), after: presentUser(after) });
    return after;
  });
}

export interface PasswordChange {
  newPassword: string;
  /** The session making the change, which stays signed in; every other session of the user ends. */
  keepSessionId: string | null;
  /** Revoke every API token of the user too (the API's and the web app's default). */
  revokeTokens: boolean;
}

/**
 * Sets a new password (the caller checked the current one, or is a firm admin resetting it):
 * ends the user's other sessions, revokes their API tokens unless told not to, and lifts a
 * sign-in lock of the account, since the guesses it counted were at the old password.
 */
export async function changePassword(app: AppContext, actor: Actor, user: UsersTable, change: PasswordChange): Promise<{ tokensRevoked: number }> {
  const problem = await passwordProblem(change.newPassword, { name: user.name, email: user.email });
  if (problem) throw invalid('The new password is too easy to guess.', [{ path: 'newPassword', message: problem }]);
  const hash = await hashPassword(change.newPassword);
  const now = toTimestamp(app.clock.now());
  return firmWrite(app, actor, async (tx, audit) => {
    await tx.updateTable('users').set({ password_hash: hash, updated_at: now }).where('id', '=', user.id).execute();
    let q = tx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (change.keepSessionId) q = q.where('id', '!=', change.keepSessionId);
    const ended = await q.executeTakeFirst();
    const revoked = change.revokeTokens
      ? await tx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).returning('id').execute()
      : [];
    await tx.deleteFrom('signin_limits').where('key', '=', accountLimitKey(user.email)).execute();
    await audit({
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      after: { by: actor.userId === user.id ? 'themselves' : 'a firm admin', sessionsEnded: Number(ended.numDeletedRows), tokensRevoked: revoked.length },
    });
    return { tokensRevoked: revoked.length };
  });
}

export async function listUsers(app: AppContext, firmId: string): Promise<UsersTable[]> {
  return app.database.db.selectFrom('users').selectAll().where('firm_id', '=', firmId).orderBy('name').execute();
}
