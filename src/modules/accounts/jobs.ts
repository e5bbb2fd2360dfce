import type { AppContext } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { expireSigninLimits } from './signin-limits.js';

/** How often sign-in limits, sessions and half-done sign-ins that have run out are deleted. */
export const EXPIRE_EVERY_MS = 10 * 60_000;

/** Deletes what has run out: sign-in limits past their window and lock, sessions, pending sign-ins. */
export async function expireSignInState(ctx: AppContext): Promise<void> {
  const now = toTimestamp(ctx.clock.now());
  await expireSigninLimits(ctx);
  await ctx.database.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await ctx.database.db.deleteFrom('auth_challenges').where('expires_at', '<=', now).execute();
  await ctx.database.db.deleteFrom('sso_requests').where('expires_at', '<=', now).execute();
}

/** The accounts' schedule: what has run out is deleted every ten minutes. */
export function accountJobs(ctx: AppContext): void {
  ctx.jobs.schedule({ name: 'accounts.expire', everyMs: EXPIRE_EVERY_MS, run: () => expireSignInState(ctx) });
}
