/**
 * The second factor of password users: TOTP (RFC 6238, with otplib) and one-time recovery
 * codes kept as SHA-256 hashes. A code is accepted once: the last accepted time step is kept
 * and a code of that step or an earlier one is refused.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import { firmWrite, type Actor, type AppContext } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import type { DB } from '../../server/db/schema.js';
import { AppError, conflict, invalid } from '../../server/errors.js';
import { hashSecret } from './secrets.js';
import type { UserMfaTable } from './tables.js';
import { mfaRequired } from './firm-settings.js';

const ISSUER = 'Triad';
const RECOVERY_CODES = 10;
/** Codes of the previous and next 30-second step are accepted too (clock drift). */
const TOLERANCE_SECONDS = 30;

export async function getMfa(app: AppContext, userId: string): Promise<UserMfaTable | undefined> {
  return app.database.db.selectFrom('user_mfa').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function mfaEnabled(row: UserMfaTable | undefined): row is UserMfaTable & { confirmed_at: string } {
  return row?.confirmed_at != null;
}

/** Whether the user signs in with a password (people made by single sign-on have none). */
export function hasPassword(user: UsersTable): boolean {
  return user.password_hash.startsWith('scrypt$');
}

/** Starts (or restarts) enrolment: a new pending secret and the URI its QR code carries. */
export async function beginEnrolment(app: AppContext, actor: Actor, user: UsersTable): Promise<{ secret: string; otpauthUri: string }> {
  const existing = await getMfa(app, user.id);
  if (mfaEnabled(existing)) throw conflict('Your second factor is already set up; turn it off first to set up another device.');
  const { generateSecret, generateURI } = await import('otplib');
  const secret = generateSecret();
  const now = toTimestamp(app.clock.now());
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.deleteFrom('user_mfa').where('user_id', '=', user.id).execute();
    await tx.insertInto('user_mfa').values({ user_id: user.id, secret, created_at: now, confirmed_at: null, last_step: null }).execute();
    await audit({ action: 'user.mfa_setup', entityType: 'user', entityId: user.id });
  });
  return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
}

/** The time step of a valid code for the secret, or null. */
async function checkTotp(app: AppContext, row: UserMfaTable, code: string): Promise<number | null> {
  const { verify } = await import('otplib');
  const result = await verify({
    secret: row.secret,
    token: code,
    epoch: Math.floor(app.clock.now().getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(row.last_step !== null ? { afterTimeStep: row.last_step } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(8).toString('hex');
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

function hashRecoveryCode(code: string): string {
  return hashSecret(code.trim().toLowerCase().replace(/[\s-]/g, ''));
}

async function storeRecoveryCodes(tx: Transaction<DB>, userId: string, hashes: string[], now: string): Promise<void> {
  await tx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await tx
    .insertInto('user_recovery_codes')
    .values(hashes.map((code_hash) => ({ id: newId(), user_id: userId, code_hash, created_at: now, used_at: null })))
    .execute();
}

/** Confirms enrolment with a first code; turns the factor on and returns the recovery codes, once. */
export async function confirmEnrolment(app: AppContext, actor: Actor, user: UsersTable, code: string): Promise<string[]> {
  const row = await getMfa(app, user.id);
  if (!row) throw conflict('Start setting up the second factor first.');
  if (mfaEnabled(row)) throw conflict('Your second factor is already set up.');
  const step = await checkTotp(app, row, code);
  if (step === null) throw invalid('That code is not right; check the time on your phone and try the next code.', [{ path: 'body.code', message: 'does not match' }]);
  const now = toTimestamp(app.clock.now());
  const { codes, hashes } = newRecoveryCodes();
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.updateTable('user_mfa').set({ confirmed_at: now, last_step: step }).where('user_id', '=', user.id).execute();
    await storeRecoveryCodes(tx, user.id, hashes, now);
    await audit({ action: 'user.mfa_enable', entityType: 'user', entityId: user.id, after: { recoveryCodes: RECOVERY_CODES } });
  });
  return codes;
}

export interface SecondFactor {
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

/**
 * Checks a second factor of a user whose factor is on: a TOTP code not used before, or an
 * unused recovery code (which is then spent). Returns false when it does not match.
 */
export async function checkSecondFactor(app: AppContext, actor: Actor, user: UsersTable, proof: SecondFactor): Promise<boolean> {
  const row = await getMfa(app, user.id);
  if (!mfaEnabled(row)) return false;
  if (proof.code !== undefined) {
    const step = await checkTotp(app, row, proof.code);
    if (step === null) return false;
    // Conditional on the step read: two requests with one code cannot both pass.
    const updated = await app.database.db
      .updateTable('user_mfa')
      .set({ last_step: step })
      .where('user_id', '=', user.id)
      .where((eb) => (row.last_step === null ? eb('last_step', 'is', null) : eb('last_step', '=', row.last_step)))
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }
  if (proof.recoveryCode !== undefined) {
    const hash = hashRecoveryCode(proof.recoveryCode);
    const now = toTimestamp(app.clock.now());
    return firmWrite(app, actor, async (tx, audit) => {
      const spent = await tx
        .updateTable('user_recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', user.id)
        .where('code_hash', '=', hash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) return false;
      await audit({ action: 'user.mfa_recovery_code_use', entityType: 'user', entityId: user.id });
      return true;
    });
  }
  return false;
}

async function requireProof(app: AppContext, actor: Actor, user: UsersTable, proof: SecondFactor): Promise<void> {
  if (!(await checkSecondFactor(app, actor, user, proof))) {
    const path = proof.code !== undefined ? 'body.code' : 'body.recoveryCode';
    throw invalid('That code is not right.', [{ path, message: 'does not match' }]);
  }
}

/** Turns the second factor off (with a current code or a recovery code); not while the firm requires it. */
export async function disableMfa(app: AppContext, actor: Actor, user: UsersTable, proof: SecondFactor): Promise<void> {
  if (await mfaRequired(app, user.firm_id)) throw conflict('Your firm requires a second factor; it cannot be turned off.');
  await requireProof(app, actor, user, proof);
  await firmWrite(app, actor, async (tx, audit) => {
    await tx.deleteFrom('user_mfa').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('user_recovery_codes').where('user_id', '=', user.id).execute();
    await audit({ action: 'user.mfa_disable', entityType: 'user', entityId: user.id });
  });
}

/** New recovery codes (the old ones stop working), with a current code as proof. */
export async function regenerateRecoveryCodes(app: AppContext, actor: Actor, user: UsersTable, proof: SecondFactor): Promise<string[]> {
  await requireProof(app, actor, user, proof);
  const { codes, hashes } = newRecoveryCodes();
  await firmWrite(app, actor, async (tx, audit) => {
    await storeRecoveryCodes(tx, user.id, hashes, toTimestamp(app.clock.now()));
    await audit({ action: 'user.mfa_recovery_codes', entityType: 'user', entityId: user.id, after: { recoveryCodes: RECOVERY_CODES } });
  });
  return codes;
}

/** A firm admin removes a person's second factor (a lost phone and lost codes); they enrol again. */
export async function resetMfa(app: AppContext, actor: Actor, user: UsersTable): Promise<void> {
  await firmWrite(app, actor, async (tx, audit) => {
    const gone = await tx.deleteFrom('user_mfa').where('user_id', '=', user.id).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw new AppError('CONFLICT', `${user.name} has no second factor to reset.`);
    await tx.deleteFrom('user_recovery_codes').where('user_id', '=', user.id).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await audit({ action: 'user.mfa_reset', entityType: 'user', entityId: user.id });
  });
}

export async function mfaStatus(app: AppContext, user: UsersTable) {
  const row = await getMfa(app, user.id);
  const left = await app.database.db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    enabled: mfaEnabled(row),
    enabledAt: row?.confirmed_at ?? null,
    required: await mfaRequired(app, user.firm_id),
    recoveryCodesLeft: mfaEnabled(row) ? Number(left.n) : 0,
    hasPassword: hasPassword(user),
  };
}
