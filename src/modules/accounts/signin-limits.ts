/**
 * Sign-in limits, kept in the database so that every server on one database counts the same
 * attempts (no instance counts alone, a restart forgets nothing):
 *
 * - per client address (`request.ip`, from the proxy chain by TRIAD_TRUST_PROXY's hops): at most
 *   TRIAD_LOGIN_ATTEMPTS_PER_MINUTE attempts a minute of any sign-in step, for any account;
 * - per account, across addresses: TRIAD_LOGIN_FAILURES_PER_ACCOUNT failed attempts within
 *   TRIAD_LOGIN_LOCKOUT_MINUTES lock the account for that long. Wrong passwords, wrong second-
 *   factor codes and wrong current passwords on the change-password route all count.
 *
 * The account is keyed by the SHA-256 of the e-mail as typed (normalised), whether or not such an
 * account exists, so an unknown e-mail is counted, locked and answered exactly like a known one:
 * the limit tells nobody which accounts exist.
 *
 * An attempt is charged before the password is checked and refunded when it was right, in one
 * atomic upsert: parallel guesses cannot slip past the limit while the slow hash runs.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { AppError } from '../../server/errors.js';

const MINUTE = 60_000;

/** The row key of an account's limit. */
export function accountLimitKey(email: string): string {
  return `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

interface Counted {
  attempts: number;
  window_started_at: string;
  locked_until: string | null;
}

/**
 * Counts one attempt under `key` in a window of `windowMs` that starts with the first attempt:
 * a window that has passed starts again at 1; a lock still running leaves the row as it is.
 */
async function countAttempt(ctx: AppContext, key: string, windowMs: number, now: Date): Promise<Counted> {
  const at = toTimestamp(now);
  const floor = toTimestamp(new Date(now.getTime() - windowMs));
  const expires = toTimestamp(new Date(now.getTime() + windowMs));
  const locked = sql<boolean>`signin_limits.locked_until is not null and signin_limits.locked_until > ${at}`;
  const over = sql<boolean>`signin_limits.window_started_at <= ${floor}`;
  return ctx.database.db
    .insertInto('signin_limits')
    .values({ key, attempts: 1, window_started_at: at, locked_until: null, expires_at: expires })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        attempts: sql<number>`case when ${locked} then signin_limits.attempts when ${over} then 1 else signin_limits.attempts + 1 end`,
        window_started_at: sql<string>`case when ${locked} then signin_limits.window_started_at when ${over} then ${at} else signin_limits.window_started_at end`,
        locked_until: sql<string | null>`case when ${locked} then signin_limits.locked_until else null end`,
        expires_at: sql<string>`case when ${locked} then signin_limits.expires_at when ${over} then ${expires} else signin_limits.expires_at end`,
      }),
    )
    .returning(['attempts', 'window_started_at', 'locked_until'])
    .executeTakeFirstOrThrow();
}

function refuse(reply: FastifyReply, seconds: number, message: string): AppError {
  reply.header('retry-after', String(Math.max(1, seconds)));
  return new AppError('RATE_LIMITED', message);
}

/**
 * Counts a sign-in attempt from the caller's address: any step (password, second factor, its
 * enrolment, the current password when changing it), any account. `sso` counts single sign-on
 * starts and callbacks apart, with three times the budget (a person may go back and forth).
 */
export async function chargeAddress(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, kind: 'sign-in' | 'sso' = 'sign-in'): Promise<void> {
  const max = kind === 'sso' ? ctx.config.loginAttemptsPerMinute * 3 : ctx.config.loginAttemptsPerMinute;
  const now = ctx.clock.now();
  const row = await countAttempt(ctx, `${kind === 'sso' ? 'sso' : 'address'}:${request.ip}`, MINUTE, now);
  if (row.attempts > max) {
    const seconds = Math.ceil((Date.parse(row.window_started_at) + MINUTE - now.getTime()) / 1000);
    throw refuse(reply, seconds, `Too many sign-in attempts from your address: try again in ${seconds} s.`);
  }
}

/** One attempt charged to an account: refund it when the password (or code) was right. */
export interface AccountCharge {
  refund(): Promise<void>;
}

function lockMessage(lockedUntil: string, now: Date): { seconds: number; message: string } {
  const seconds = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
  const minutes = Math.ceil(seconds / 60);
  const at = lockedUntil.slice(11, 16);
  return {
    seconds,
    message: `Too many failed sign-ins for this account: it is locked for ${minutes} more ${minutes === 1 ? 'minute' : 'minutes'}, until ${at} UTC. Try again then, or ask a firm admin to set a new password.`,
  };
}

/**
 * Charges a failed attempt to the account of `email` before the secret is checked; throws
 * RATE_LIMITED while the account is locked, and locks it when this attempt is one too many.
 */
export async function chargeAccount(ctx: AppContext, reply: FastifyReply, email: string): Promise<AccountCharge> {
  const key = accountLimitKey(email);
  const windowMs = ctx.config.loginLockoutMinutes * MINUTE;
  const now = ctx.clock.now();
  const at = toTimestamp(now);
  const row = await countAttempt(ctx, key, windowMs, now);
  let lockedUntil = row.locked_until !== null && row.locked_until > at ? row.locked_until : null;
  if (!lockedUntil && row.attempts > ctx.config.loginFailuresPerAccount) {
    lockedUntil = toTimestamp(new Date(now.getTime() + windowMs));
    const set = await ctx.database.db
      .updateTable('signin_limits')
      .set({ locked_until: lockedUntil, expires_at: lockedUntil })
      .where('key', '=', key)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .executeTakeFirst();
    // A parallel attempt locked it first: say its time.
    if (Number(set.numUpdatedRows) === 0) {
      lockedUntil = (await ctx.database.db.selectFrom('signin_limits').select('locked_until').where('key', '=', key).executeTakeFirst())?.locked_until ?? lockedUntil;
    }
  }
  if (lockedUntil) {
    const { seconds, message } = lockMessage(lockedUntil, now);
    throw refuse(reply, seconds, message);
  }
  return {
    refund: async () => {
      await ctx.database.db
        .updateTable('signin_limits')
        .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
        .where('key', '=', key)
        .where('window_started_at', '=', row.window_started_at)
        .where('attempts', '>', 0)
        .execute();
    },
  };
}

/** Deletes the limits whose window and lock have passed (a scheduled task). */
export async function expireSigninLimits(ctx: AppContext): Promise<number> {
  const res = await ctx.database.db.deleteFrom('signin_limits').where('expires_at', '<=', toTimestamp(ctx.clock.now())).executeTakeFirst();
  return Number(res.numDeletedRows);
}
