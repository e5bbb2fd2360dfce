import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Actor, AppContext } from '../context.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../db/platform-tables.js';
import { AppError, sayingError } from '../errors.js';
import { resolveApiToken, resolveSession, TOKEN_PREFIX } from '../../modules/accounts/sessions.js';
import { actorOf } from '../../modules/accounts/users.js';

export const SESSION_COOKIE = 'triad_session';
export const CSRF_COOKIE = 'triad_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface AuthInfo {
  user: UsersTable;
  actor: Actor;
  via: 'session' | 'token';
  session: SessionsTable | null;
  /** The API token the request came with (via 'token') and how many tokens are above it: the tokens it makes are bounded by it. */
  token: { token: ApiTokensTable; depth: number } | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthInfo | null;
  }
  interface FastifyContextConfig {
    /** Open to anyone: no session or token needed. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookie options: HttpOnly for the session, Secure whenever the request came over TLS. */
export function cookieOptions(request: FastifyRequest, httpOnly: boolean, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function setSessionCookies(reply: FastifyReply, request: FastifyRequest, token: string, csrfToken: string, hours: number): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, true, hours * 3600));
  reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(request, false, hours * 3600));
}

export function clearSessionCookies(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request, true));
  reply.clearCookie(CSRF_COOKIE, cookieOptions(request, false));
}

/**
 * Who is calling: a personal API token (`Authorization: Bearer triad_…`) or the session cookie.
 * Cookie sessions must echo their CSRF token in `X-CSRF-Token` on every unsafe method.
 * Every /api route needs one of them unless it is marked `config: { public: true }`.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1] || !match[1].startsWith(TOKEN_PREFIX)) {
        throw new AppError('UNAUTHENTICATED', 'The Authorization header must be `Bearer triad_…` with a personal API token.');
      }
      const found = await resolveApiToken(ctx, match[1]);
      if (!found) throw new AppError('UNAUTHENTICATED', 'The API token is unknown, revoked or expired.');
      request.auth = { user: found.user, actor: actorOf(found.user), via: 'token', session: null, token: { token: found.token, depth: found.depth } };
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const found = await resolveSession(ctx, token);
        if (found) {
          request.auth = { user: found.user, actor: actorOf(found.user), via: 'session', session: found.session, token: null };
          if (!SAFE_METHODS.has(request.method)) {
            const sent = request.headers[CSRF_HEADER];
            if (typeof sent !== 'string' || !sameSecret(sent, found.session.csrf_token)) {
              throw sayingError('CSRF_FAILED', 'error.csrf', { header: CSRF_HEADER });
            }
          }
        }
      }
    }
    // The API reference pages are open; an unknown path answers 404 whoever asks.
    const open = request.routeOptions.config.public === true || request.is404 || request.url.startsWith('/api/docs');
    if (!request.auth && !open) {
      throw sayingError('UNAUTHENTICATED', 'error.noSession');
    }
  });
}

/** The signed-in caller; for use in routes that are not public. */
export function authOf(request: FastifyRequest): AuthInfo {
  if (!request.auth) throw sayingError('UNAUTHENTICATED', 'error.signInFirst');
  return request.auth;
}
