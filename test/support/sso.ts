/**
 * A person's browser for single sign-on in API tests: it follows Triad's redirect to the test
 * provider (over real HTTP, keeping the provider's cookies), signs in on the provider's page,
 * and brings the code back to Triad's callback (in process). Steps can be tampered with.
 */
import type { FastifyInstance } from 'fastify';
import type { TestOidcProvider } from './oidc-provider.js';

/** Triad's address in these tests: TRIAD_PUBLIC_URL, so the redirect URI is fixed. */
export const TRIAD_URL = 'http://triad.test';
export const CALLBACK_URL = `${TRIAD_URL}/api/auth/sso/callback`;

export interface SsoOutcome {
  /** Where Triad sent the browser after the callback (`/`, or `/login?sso_error=…`). */
  location: string;
  /** The error shown on the sign-in page, if any. */
  error: string | null;
  /** `triad_session=…` when signed in. */
  cookie: string | null;
  /** The callback's query, to replay it. */
  callbackQuery: string;
}

export interface SsoOptions {
  next?: string;
  /** Changes the authorization request on its way to the provider (as an attacker could). */
  tamper?: (url: URL) => void;
  /** Runs after the provider answered with a code, before the browser reaches Triad. */
  beforeCallback?: () => Promise<void>;
}

export async function callback(server: FastifyInstance, query: string): Promise<SsoOutcome> {
  const res = await server.inject({ method: 'GET', url: `/api/auth/sso/callback?${query}`, headers: { host: 'triad.test' } });
  if (res.statusCode !== 302) throw new Error(`the callback answered ${res.statusCode}: ${res.body}`);
  const location = String(res.headers.location);
  const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session');
  const error = location.startsWith('/login') ? new URL(location, TRIAD_URL).searchParams.get('sso_error') : null;
  return { location, error, cookie: session ? `triad_session=${session.value}` : null, callbackQuery: query };
}

/** Signs in through single sign-on as `account` (an e-mail known to the provider). */
export async function ssoSignIn(server: FastifyInstance, firmId: string, provider: TestOidcProvider, account: string, options: SsoOptions = {}): Promise<SsoOutcome> {
  const start = await server.inject({
    method: 'GET',
    url: `/api/auth/sso/${firmId}/start${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`,
    headers: { host: 'triad.test' },
  });
  if (start.statusCode !== 302) throw new Error(`start answered ${start.statusCode}: ${start.body}`);
  let url = new URL(String(start.headers.location), TRIAD_URL);
  // Single sign-on could not start: straight back to the sign-in page.
  if (url.origin === TRIAD_URL) return { location: url.pathname + url.search, error: url.searchParams.get('sso_error'), cookie: null, callbackQuery: '' };
  options.tamper?.(url);
  const jar = new Map<string, string>();
  for (let hop = 0; hop < 20; hop++) {
    if (url.origin === TRIAD_URL) {
      await options.beforeCallback?.();
      return callback(server, url.search.slice(1));
    }
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    let res: Response;
    if (url.pathname.startsWith('/interaction/')) {
      const form = await fetch(url, { headers, redirect: 'manual' });
      if (form.status !== 200) throw new Error(`the provider's login page answered ${form.status}`);
      res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ account }).toString(), redirect: 'manual' });
    } else {
      res = await fetch(url, { headers, redirect: 'manual' });
    }
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) throw new Error(`the provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}
