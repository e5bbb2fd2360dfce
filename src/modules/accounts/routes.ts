import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, invalid } from '../../server/errors.js';
import { authOf, clearSessionCookies } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { createChallenge } from './challenges.js';
import { mfaRequired } from './firm-settings.js';
import { firmSettingsRoutes } from './firm-routes.js';
import { buildMe, MeOut, startSession } from './me.js';
import { getMfa, mfaEnabled } from './mfa.js';
import { mfaRoutes } from './mfa-routes.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { MfaStepOut } from './schema.js';
import { createApiToken, deleteSession, listApiTokens, revokeApiToken } from './sessions.js';
import { chargeAccount, chargeAddress } from './signin-limits.js';
import { passwordSignInAllowed } from './sso.js';
import { ssoRoutes } from './sso-routes.js';
import { changePassword, createUser, FIRM_ROLES, findUserByEmail, getUser, listUsers, presentUser, updateUser, UserOut } from './users.js';
import type { ApiTokensTable } from '../../server/db/platform-tables.js';

const LoginBody = z.strictObject({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1000),
});

const TokenOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  parentId: z.string().nullable().describe('The token this one was made with; it dies with that one'),
});

function presentToken(t: ApiTokensTable): z.infer<typeof TokenOut> {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at, lastUsedAt: t.last_used_at, expiresAt: t.expires_at, revokedAt: t.revoked_at, parentId: t.parent_id };
}

const Ok = z.object({ ok: z.literal(true) });
const RevokeTokens = z.boolean().default(true).describe('Revoke the user\'s API tokens too (default true): a password that may have leaked should take the tokens made with it along');
const PasswordChanged = z.object({ ok: z.literal(true), tokensRevoked: z.number().describe('API tokens revoked by the change') });
const IdParams = (name: string) => z.strictObject({ [name]: z.string().max(64) });

export function accountRoutes(app: ZodApp, ctx: AppContext): void {

  const me = (userId: string, csrfToken?: string): Promise<MeOut> => buildMe(ctx, userId, csrfToken);
  ssoRoutes(app, ctx);
  mfaRoutes(app, ctx);
  firmSettingsRoutes(app, ctx);

  app.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags: ['accounts'],
      summary: 'Sign in with e-mail and password; sets the session cookie, or asks for the second factor',
      description:
        'With the right password, answers the signed-in user (and sets the session cookie), unless the person has a second factor: then it answers `{ mfa: "verify", challenge }` for POST /api/auth/mfa/verify; or, when the firm requires a second factor the person has not set up, `{ mfa: "enrol", challenge }` for the enrolment routes. ' +
        'Answers 429 (with Retry-After) past the attempts a minute from one address, and while the account is locked after too many failed attempts from any address; an e-mail with no account is counted and answered the same way.',
      body: LoginBody,
      response: { 200: z.union([MeOut, MfaStepOut]) },
    },
  }, async (request, reply) => {
    await chargeAddress(ctx, request, reply);
    const charge = await chargeAccount(ctx, reply, request.body.email);
    const user = await findUserByEmail(ctx, request.body.email);
    const ok = user ? await verifyPassword(request.body.password, user.password_hash) : await verifyPassword(request.body.password, await dummyPasswordHash());
    if (!user || !ok || user.disabled_at) {
      throw new AppError('UNAUTHENTICATED', 'The e-mail or password is wrong.');
    }
    await charge.refund();
    if (!(await passwordSignInAllowed(ctx, user))) {
      throw new AppError('FORBIDDEN', 'Your firm signs in with single sign-on: use the single sign-on button instead of a password.');
    }
    if (mfaEnabled(await getMfa(ctx, user.id))) return { mfa: 'verify' as const, ...(await createChallenge(ctx, user, 'verify')) };
    if (await mfaRequired(ctx, user.firm_id)) return { mfa: 'enrol' as const, ...(await createChallenge(ctx, user, 'enrol')) };
    return startSession(ctx, request, reply, user);
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['accounts'], summary: 'Sign out: ends the session', response: { 200: Ok } },
  }, async (request, reply) => {
    const auth = authOf(request);
    if (auth.session) await deleteSession(ctx, auth.session.id);
    clearSessionCookies(reply, request);
    return { ok: true as const };
  });

  app.get('/api/me', {
    schema: { tags: ['accounts'], summary: 'The signed-in user, their firm and the clients they may see', response: { 200: MeOut } },
  }, async (request) => {
    const auth = authOf(request);
    return me(auth.user.id, auth.session?.csrf_token);
  });

  app.patch('/api/me', {
    schema: { tags: ['accounts'], summary: 'Change your name', body: z.strictObject({ name: z.string().trim().min(1).max(200) }), response: { 200: UserOut } },
  }, async (request) => {
    const auth = authOf(request);
    const updated = await updateUser(ctx, auth.actor, auth.user.id, { name: request.body.name });
    return presentUser(updated);
  });

  app.post('/api/me/password', {
    schema: {
      tags: ['accounts'],
      summary: 'Change your password: ends your other sessions and, unless revokeTokens is false, revokes your API tokens',
      description: 'Wrong current passwords count against the account\'s sign-in limit (429 while it is locked), as wrong passwords at sign-in do.',
      body: z.strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: z.string().min(1).max(1000), revokeTokens: RevokeTokens }),
      response: { 200: PasswordChanged },
    },
  }, async (request, reply) => {
    const auth = authOf(request);
    await chargeAddress(ctx, request, reply);
    const charge = await chargeAccount(ctx, reply, auth.user.email);
    if (!(await verifyPassword(request.body.currentPassword, auth.user.password_hash))) {
      throw invalid('The current password is wrong.', [{ path: 'body.currentPassword', message: 'does not match' }]);
    }
    await charge.refund();
    const { tokensRevoked } = await changePassword(ctx, auth.actor, auth.user, { newPassword: request.body.newPassword, keepSessionId: auth.session?.id ?? null, revokeTokens: request.body.revokeTokens });
    return { ok: true as const, tokensRevoked };
  });

  app.get('/api/me/tokens', {
    schema: { tags: ['accounts'], summary: 'Your personal API tokens', response: { 200: z.object({ tokens: z.array(TokenOut) }) } },
  }, async (request) => {
    const auth = authOf(request);
    return { tokens: (await listApiTokens(ctx, auth.user.id)).map(presentToken) };
  });

  app.post('/api/me/tokens', {
    schema: {
      tags: ['accounts'],
      summary: 'Make a personal API token for the CLI or an integration; the token is shown once',
      description: 'Made with an API token, the new token must expire no later than that one (`expiresInDays` within its time left) and dies with it when it is revoked or expires.',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).nullable().default(null) }),
      response: { 201: z.object({ token: z.string(), info: TokenOut }) },
    },
  }, async (request, reply) => {
    const auth = authOf(request);
    const { token, row } = await createApiToken(ctx, auth.actor, auth.user, request.body.name, request.body.expiresInDays, auth.token);
    return reply.code(201).send({ token, info: presentToken(row) });
  });

  app.delete('/api/me/tokens/:tokenId', {
    schema: { tags: ['accounts'], summary: 'Revoke one of your API tokens, and every token made with it', params: IdParams('tokenId'), response: { 200: TokenOut } },
  }, async (request) => {
    const auth = authOf(request);
    return presentToken(await revokeApiToken(ctx, auth.actor, auth.user.id, request.params.tokenId!));
  });

  const requireAdmin = (firmRole: string): void => {
    if (firmRole !== 'admin') throw forbidden('Only firm admins manage accounts.');
  };

  app.get('/api/users', {
    schema: { tags: ['accounts'], summary: 'The firm\'s users (firm admins)', response: { 200: z.object({ users: z.array(UserOut) }) } },
  }, async (request) => {
    const auth = authOf(request);
    requireAdmin(auth.user.firm_role);
    return { users: (await listUsers(ctx, auth.user.firm_id)).map(presentUser) };
  });

  app.post('/api/users', {
    schema: {
      tags: ['accounts'],
      summary: 'Add a user to the firm (firm admins)',
      body: z.strictObject({
        email: z.string().trim().email().max(320),
        name: z.string().trim().min(1).max(200),
        password: z.string().min(1).max(1000),
        firmRole: z.enum(FIRM_ROLES).default('member'),
      }),
      response: { 201: UserOut },
    },
  }, async (request, reply) => {
    const auth = authOf(request);
    requireAdmin(auth.user.firm_role);
    const user = await createUser(ctx, auth.actor, request.body);
    return reply.code(201).send(presentUser(user));
  });

  app.post('/api/users/:userId/password', {
    schema: {
      tags: ['accounts'],
      summary: 'Set a new password for a user who lost theirs (firm admins): ends their sessions, revokes their API tokens unless revokeTokens is false, and lifts a sign-in lock',
      params: IdParams('userId'),
      body: z.strictObject({ newPassword: z.string().min(1).max(1000), revokeTokens: RevokeTokens }),
      response: { 200: PasswordChanged },
    },
  }, async (request) => {
    const auth = authOf(request);
    requireAdmin(auth.user.firm_role);
    const user = await getUser(ctx, auth.user.firm_id, request.params.userId!);
    const { tokensRevoked } = await changePassword(ctx, auth.actor, user, { newPassword: request.body.newPassword, keepSessionId: null, revokeTokens: request.body.revokeTokens });
    return { ok: true as const, tokensRevoked };
  });

  app.patch('/api/users/:userId', {
    schema: {
      tags: ['accounts'],
      summary: 'Change a user\'s name, firm role or disable them (firm admins)',
      params: IdParams('userId'),
      body: z.strictObject({ name: z.string().trim().min(1).max(200).optional(), firmRole: z.enum(FIRM_ROLES).optional(), disabled: z.boolean().optional() }),
      response: { 200: UserOut },
    },
  }, async (request) => {
    const auth = authOf(request);
    requireAdmin(auth.user.firm_role);
    await getUser(ctx, auth.user.firm_id, request.params.userId!);
    return presentUser(await updateUser(ctx, auth.actor, request.params.userId!, request.body));
  });
}
