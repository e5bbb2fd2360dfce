import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { endChallenge, failChallenge, resolveChallenge } from './challenges.js';
import { MeOut, startSession } from './me.js';
import { beginEnrolment, checkSecondFactor, confirmEnrolment, disableMfa, hasPassword, mfaStatus, regenerateRecoveryCodes, resetMfa } from './mfa.js';
import { MfaCode, MfaProofInput, MfaSetupOut, MfaStatusOut, MfaVerifyInput, RecoveryCodesOut } from './schema.js';
import { chargeAccount, chargeAddress } from './signin-limits.js';
import { actorOf, getUser } from './users.js';

const Ok = z.object({ ok: z.literal(true) });
const Challenge = z.string().min(10).max(200);

/**
 * The second factor: finishing a sign-in with it (or setting it up when the firm requires it),
 * and managing one's own from the account page. The sign-in steps count against the password's
 * limit per address; wrong codes count against the account's limit as wrong passwords do, and
 * each challenge allows five.
 */
export function mfaRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/auth/mfa/verify', {
    config: { public: true },
    schema: {
      tags: ['accounts'],
      summary: 'Finish signing in with the second factor: a code from the authenticator app, or a recovery code',
      body: MfaVerifyInput,
      response: { 200: MeOut },
    },
  }, async (request, reply) => {
    await chargeAddress(ctx, request, reply);
    const { row, user } = await resolveChallenge(ctx, request.body.challenge, 'verify');
    const charge = await chargeAccount(ctx, reply, user.email);
    const ok = await checkSecondFactor(ctx, actorOf(user), user, { code: request.body.code, recoveryCode: request.body.recoveryCode });
    if (ok) await charge.refund();
    else {
      const left = await failChallenge(ctx, row);
      throw new AppError('UNAUTHENTICATED', left > 0 ? `That code is not right (${left} ${left === 1 ? 'try' : 'tries'} left).` : 'That code is not right, and that was the last try: sign in with your password again.');
    }
    await endChallenge(ctx, row);
    return startSession(ctx, request, reply, user);
  });

  app.post('/api/auth/mfa/enrol/start', {
    config: { public: true },
    schema: {
      tags: ['accounts'],
      summary: 'Your firm requires a second factor: start setting it up during sign-in (the secret and its QR code URI)',
      body: z.strictObject({ challenge: Challenge }),
      response: { 200: MfaSetupOut },
    },
  }, async (request, reply) => {
    await chargeAddress(ctx, request, reply);
    const { user } = await resolveChallenge(ctx, request.body.challenge, 'enrol');
    return beginEnrolment(ctx, actorOf(user), user);
  });

  app.post('/api/auth/mfa/enrol/finish', {
    config: { public: true },
    schema: {
      tags: ['accounts'],
      summary: 'Confirm the new second factor with its first code; signs in and shows the recovery codes once',
      body: z.strictObject({ challenge: Challenge, code: MfaCode }),
      response: { 200: MeOut.extend(RecoveryCodesOut.shape) },
    },
  }, async (request, reply) => {
    await chargeAddress(ctx, request, reply);
    const { row, user } = await resolveChallenge(ctx, request.body.challenge, 'enrol');
    let recoveryCodes: string[];
    try {
      recoveryCodes = await confirmEnrolment(ctx, actorOf(user), user, request.body.code);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION_FAILED') await failChallenge(ctx, row);
      throw err;
    }
    await endChallenge(ctx, row);
    return { ...(await startSession(ctx, request, reply, user)), recoveryCodes };
  });

  app.get('/api/me/mfa', {
    schema: { tags: ['accounts'], summary: 'Your second factor: on or off, whether the firm requires it, recovery codes left', response: { 200: MfaStatusOut } },
  }, async (request) => mfaStatus(ctx, authOf(request).user));

  app.post('/api/me/mfa/setup', {
    schema: {
      tags: ['accounts'],
      summary: 'Start setting up a second factor: a new secret and the otpauth:// URI for the QR code',
      response: { 200: MfaSetupOut },
    },
  }, async (request) => {
    const auth = authOf(request);
    if (!hasPassword(auth.user)) throw new AppError('CONFLICT', 'You sign in through your firm\'s identity provider, which asks for your second factor.');
    return beginEnrolment(ctx, auth.actor, auth.user);
  });

  app.post('/api/me/mfa/confirm', {
    schema: {
      tags: ['accounts'],
      summary: 'Turn the second factor on with the first code from the app; answers the recovery codes, shown once',
      body: z.strictObject({ code: MfaCode }),
      response: { 200: RecoveryCodesOut },
    },
  }, async (request) => {
    const auth = authOf(request);
    return { recoveryCodes: await confirmEnrolment(ctx, auth.actor, auth.user, request.body.code) };
  });

  app.post('/api/me/mfa/disable', {
    schema: {
      tags: ['accounts'],
      summary: 'Turn the second factor off, with a current code or a recovery code (not when the firm requires it)',
      body: MfaProofInput,
      response: { 200: Ok },
    },
  }, async (request) => {
    const auth = authOf(request);
    await disableMfa(ctx, auth.actor, auth.user, request.body);
    return { ok: true as const };
  });

  app.post('/api/me/mfa/recovery-codes', {
    schema: {
      tags: ['accounts'],
      summary: 'New recovery codes, with a current code as proof; the old ones stop working',
      body: MfaProofInput,
      response: { 200: RecoveryCodesOut },
    },
  }, async (request) => {
    const auth = authOf(request);
    return { recoveryCodes: await regenerateRecoveryCodes(ctx, auth.actor, auth.user, request.body) };
  });

  app.get('/api/users/mfa', {
    schema: {
      tags: ['accounts'],
      summary: 'Who in the firm has two-step sign-in on, and since when (firm admins)',
      response: { 200: z.object({ users: z.array(z.object({ userId: z.string(), enabledAt: z.string() })) }) },
    },
  }, async (request) => {
    const auth = authOf(request);
    if (auth.user.firm_role !== 'admin') throw forbidden('Only firm admins see who has two-step sign-in.');
    const rows = await ctx.database.db
      .selectFrom('user_mfa')
      .innerJoin('users', 'users.id', 'user_mfa.user_id')
      .select(['user_mfa.user_id', 'user_mfa.confirmed_at'])
      .where('users.firm_id', '=', auth.user.firm_id)
      .where('user_mfa.confirmed_at', 'is not', null)
      .execute();
    return { users: rows.map((r) => ({ userId: r.user_id, enabledAt: r.confirmed_at! })) };
  });

  app.post('/api/users/:userId/mfa/reset', {
    schema: {
      tags: ['accounts'],
      summary: 'Remove a user\'s second factor when they lost it (firm admins); ends their sessions, they set it up again',
      params: z.strictObject({ userId: z.string().max(64) }),
      response: { 200: Ok },
    },
  }, async (request) => {
    const auth = authOf(request);
    if (auth.user.firm_role !== 'admin') throw forbidden('Only firm admins reset a second factor.');
    const user = await getUser(ctx, auth.user.firm_id, request.params.userId);
    await resetMfa(ctx, auth.actor, user);
    return { ok: true as const };
  });
}
