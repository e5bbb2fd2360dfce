import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { ZodApp } from '../../server/module.js';
import { startSession } from './me.js';
import { SsoProviderOut } from './schema.js';
import { chargeAddress } from './signin-limits.js';
import { finishSso, SSO_CALLBACK_PATH, SsoError, ssoProviders, ssoRedirectUri, startSso } from './sso.js';

/** Only a path inside the app (never another site, `//evil.example`), as the sign-in page does. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') && !next.startsWith('/api/') ? next : '/';
}

/** The sign-in page, showing why single sign-on did not go through. */
function failedTo(message: string): string {
  return `/login?sso_error=${encodeURIComponent(message)}`;
}

/** Single sign-on: the providers for the sign-in page, the start, and the provider's callback. */
export function ssoRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/auth/sso', {
    config: { public: true },
    schema: { tags: ['accounts'], summary: 'The single sign-on buttons of the sign-in page', response: { 200: z.object({ providers: z.array(SsoProviderOut) }) } },
  }, async () => ({
    providers: (await ssoProviders(ctx)).map((p) => ({ ...p, startUrl: `/api/auth/sso/${encodeURIComponent(p.firmId)}/start` })),
  }));

  app.get('/api/auth/sso/:firmId/start', {
    config: { public: true },
    schema: {
      tags: ['accounts'],
      summary: 'Starts single sign-on: redirects to the firm\'s identity provider (authorization code flow with PKCE)',
      params: z.strictObject({ firmId: z.string().max(64) }),
      querystring: z.strictObject({ next: z.string().max(2000).optional().describe('Where to go after signing in (a path of the app)') }),
      response: { 302: z.null().describe('To the identity provider, or back to /login?sso_error=… when it cannot start') },
    },
  }, async (request, reply) => {
    await chargeAddress(ctx, request, reply, 'sso');
    try {
      const url = await startSso(ctx, request.params.firmId, ssoRedirectUri(ctx, request), safeNext(request.query.next));
      return reply.redirect(url.href, 302);
    } catch (err) {
      if (err instanceof SsoError) return reply.redirect(failedTo(err.message), 302);
      throw err;
    }
  });

  app.get(SSO_CALLBACK_PATH, {
    config: { public: true },
    schema: {
      tags: ['accounts'],
      summary: 'Where the identity provider sends the person back: checks state, PKCE and nonce, signs in and redirects into the app',
      querystring: z.record(z.string(), z.string().max(4000)),
      response: { 302: z.null().describe('Into the app, signed in; or to /login?sso_error=… saying why not') },
    },
  }, async (request, reply) => {
    await chargeAddress(ctx, request, reply, 'sso');
    const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    try {
      const { user, nextPath } = await finishSso(ctx, request.query, rawQuery);
      await startSession(ctx, request, reply, user);
      return reply.redirect(nextPath, 302);
    } catch (err) {
      if (err instanceof SsoError) {
        request.log.info({ reason: err.message }, 'single sign-on refused');
        return reply.redirect(failedTo(err.message), 302);
      }
      throw err;
    }
  });
}
