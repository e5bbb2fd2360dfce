import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Caller, startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { CALLBACK_URL, callback, ssoSignIn, TRIAD_URL } from '../support/sso.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { verifyChain } from '../../src/modules/audit/chain.js';

/**
 * Single sign-on against a real OpenID provider (node-oidc-provider on loopback): the
 * authorization code flow with PKCE, state and nonce, users matched by verified e-mail.
 */
let t: TestApp;
let demo: DemoWorld;
let idp: TestOidcProvider;
let firmId: string;
let admin: Caller;

interface SsoOut {
  enabled: boolean;
  issuer: string;
  clientSecretSet: boolean;
  allowedDomains: string[];
  redirectUri: string;
}
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

const settings = (over: Record<string, unknown> = {}) => ({
  enabled: true,
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  allowedDomains: ['northbridge.example', 'harborfinch.example'],
  passwordSignIn: true,
  createUsers: false,
  buttonLabel: 'Sign in with Northbridge ID',
  ...over,
});

beforeAll(async () => {
  idp = await startOidcProvider({ redirectUris: [CALLBACK_URL] });
  idp.accounts.set(DEMO.advisor, { email: DEMO.advisor, email_verified: true, name: 'Sam Okafor' });
  idp.accounts.set('new.hire@northbridge.example', { email: 'new.hire@northbridge.example', email_verified: true, name: 'New Hire' });
  idp.accounts.set('outsider@elsewhere.example', { email: 'outsider@elsewhere.example', email_verified: true, name: 'Out Sider' });
  idp.accounts.set('unverified@northbridge.example', { email: 'unverified@northbridge.example', email_verified: false, name: 'Not Verified' });
  t = await startTestApp({ config: { publicUrl: TRIAD_URL } });
  demo = await seedDemoWorld(t.ctx, t.server);
  admin = await demo.as(DEMO.admin);
  firmId = (await t.ctx.database.db.selectFrom('firms').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
  await idp.close();
});

describe('single sign-on settings', () => {
  it('are for firm admins, refuse bad input with field paths, and never show the secret', async () => {
    const advisor = await demo.as(DEMO.advisor);
    expect((await advisor.put('/api/firm/sso', settings())).status).toBe(403);

    const plainHttp = await admin.put<ErrorBody>('/api/firm/sso', settings({ issuer: 'http://login.example.com' }));
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.error.details[0]?.path).toBe('body.issuer');
    const badDomain = await admin.put<ErrorBody>('/api/firm/sso', settings({ allowedDomains: ['@northbridge.example'] }));
    expect(badDomain.status).toBe(400);
    expect(badDomain.body.error.details[0]?.path).toBe('body.allowedDomains.0');
    const noSecret = await admin.put<ErrorBody>('/api/firm/sso', settings({ clientSecret: undefined }));
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.error.details[0]?.path).toBe('body.clientSecret');
    const unknownField = await admin.put<ErrorBody>('/api/firm/sso', { ...settings(), scopes: 'all' });
    expect(unknownField.status).toBe(400);

    const saved = await admin.put<SsoOut>('/api/firm/sso', settings());
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, issuer: idp.issuer, clientSecretSet: true, redirectUri: CALLBACK_URL });
    expect(JSON.stringify(saved.body)).not.toContain(idp.clientSecret);
    // Saving again without the secret keeps it.
    expect((await admin.put<SsoOut>('/api/firm/sso', settings({ clientSecret: undefined }))).body.clientSecretSet).toBe(true);

    const trail = await admin.get<{ entries: { action: string; after: unknown }[] }>('/api/firm/audit?action=firm.sso_update');
    expect(trail.body.entries.length).toBe(2);
    expect(JSON.stringify(trail.body.entries)).not.toContain(idp.clientSecret);
    expect((await verifyChain(t.ctx.database.db, firmId)).ok).toBe(true);
  });

  it('put a button on the sign-in page', async () => {
    const res = await anonymous(t.server).get<{ providers: { firmId: string; label: string; startUrl: string }[] }>('/api/auth/sso');
    expect(res.body.providers).toEqual([{ firmId, firmName: 'Northbridge Advisory', label: 'Sign in with Northbridge ID', startUrl: `/api/auth/sso/${firmId}/start` }]);
  });
});

describe('signing in through the provider', () => {
  it('signs in a person with an account, matched by verified e-mail, and goes where they asked', async () => {
    const outcome = await ssoSignIn(t.server, firmId, idp, DEMO.advisor, { next: '/account' });
    expect(outcome.error).toBeNull();
    expect(outcome.location).toBe('/account');
    const me = await new Caller(t.server, outcome.cookie, null).get<{ user: { email: string }; clients: unknown[] }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(DEMO.advisor);
    expect(me.body.clients.length).toBe(2);
  });

  it('sends PKCE (S256), state and nonce to the provider', async () => {
    let sent: URL | null = null;
    await ssoSignIn(t.server, firmId, idp, DEMO.advisor, { tamper: (u) => void (sent = new URL(u)) });
    const params = (sent as URL | null)!.searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('redirect_uri')).toBe(CALLBACK_URL);
  });

  it('refuses a callback used twice', async () => {
    const first = await ssoSignIn(t.server, firmId, idp, DEMO.advisor);
    expect(first.cookie).not.toBeNull();
    const again = await callback(t.server, first.callbackQuery);
    expect(again.cookie).toBeNull();
    expect(again.error).toMatch(/unknown or was already used/);
  });

  it('refuses an ID token with another nonce than the one this sign-in sent', async () => {
    const outcome = await ssoSignIn(t.server, firmId, idp, DEMO.advisor, { tamper: (u) => u.searchParams.set('nonce', 'a-nonce-an-attacker-chose') });
    expect(outcome.cookie).toBeNull();
    expect(outcome.location).toMatch(/^\/login\?sso_error=/);
    expect(outcome.error).toMatch(/nonce/i);
  });

  it('refuses an expired authorization code', async () => {
    idp.codeTtlSeconds = 1;
    try {
      const outcome = await ssoSignIn(t.server, firmId, idp, DEMO.advisor, { beforeCallback: () => new Promise((r) => setTimeout(r, 2100)) });
      expect(outcome.cookie).toBeNull();
      expect(outcome.error).toMatch(/not accepted.*(invalid_grant|expired|invalid)/i);
    } finally {
      idp.codeTtlSeconds = 60;
    }
  });

  it('refuses a sign-in that took more than ten minutes to come back', async () => {
    const outcome = await ssoSignIn(t.server, firmId, idp, DEMO.advisor, { beforeCallback: () => Promise.resolve(t.clock.advance(11 * 60_000)) });
    expect(outcome.cookie).toBeNull();
    expect(outcome.error).toMatch(/took too long/);
  });

  it('refuses an e-mail domain the firm does not allow', async () => {
    const outcome = await ssoSignIn(t.server, firmId, idp, 'outsider@elsewhere.example');
    expect(outcome.cookie).toBeNull();
    expect(outcome.error).toBe('Addresses at elsewhere.example may not sign in to this firm (allowed: northbridge.example, harborfinch.example).');
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const outcome = await ssoSignIn(t.server, firmId, idp, 'unverified@northbridge.example');
    expect(outcome.cookie).toBeNull();
    expect(outcome.error).toMatch(/has not verified unverified@northbridge\.example/);
    expect(await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', 'unverified@northbridge.example').executeTakeFirst()).toBeUndefined();
  });

  it('makes no account for an unknown person unless the firm allows it; then a member with no clients', async () => {
    const refused = await ssoSignIn(t.server, firmId, idp, 'new.hire@northbridge.example');
    expect(refused.cookie).toBeNull();
    expect(refused.error).toMatch(/no Triad account for new\.hire@northbridge\.example/);

    expect((await admin.put('/api/firm/sso', settings({ clientSecret: undefined, createUsers: true }))).status).toBe(200);
    const made = await ssoSignIn(t.server, firmId, idp, 'new.hire@northbridge.example');
    expect(made.error).toBeNull();
    const me = await new Caller(t.server, made.cookie, null).get<{ user: { name: string; firmRole: string }; clients: unknown[] }>('/api/me');
    expect(me.body.user).toMatchObject({ name: 'New Hire', firmRole: 'member' });
    expect(me.body.clients).toEqual([]);
    const created = await admin.get<{ entries: { actor: string; after: { email: string; via: string } }[] }>('/api/firm/audit?action=user.create');
    expect(created.body.entries[0]?.after).toMatchObject({ email: 'new.hire@northbridge.example', via: 'sso' });
    expect(created.body.entries[0]?.actor).toContain('single sign-on');
    // A person made by single sign-on has no password to sign in with.
    const pw = await anonymous(t.server).post('/api/auth/login', { email: 'new.hire@northbridge.example', password: '!sso' });
    expect(pw.status).toBe(401);
  });

  it('stops password sign-in for the firm\'s people when the firm says so, but not for firm admins', async () => {
    expect((await admin.put('/api/firm/sso', settings({ clientSecret: undefined, passwordSignIn: false }))).status).toBe(200);
    try {
      const advisor = await anonymous(t.server).post<ErrorBody>('/api/auth/login', { email: DEMO.advisor2, password: DEMO_PASSWORD });
      expect(advisor.status).toBe(403);
      expect(advisor.body.error.message).toMatch(/single sign-on/);
      const wrong = await anonymous(t.server).post('/api/auth/login', { email: DEMO.advisor2, password: 'not-the-password' });
      expect(wrong.status).toBe(401);
      const firmAdmin = await anonymous(t.server).post('/api/auth/login', { email: DEMO.admin, password: DEMO_PASSWORD });
      expect(firmAdmin.status).toBe(200);
    } finally {
      await admin.put('/api/firm/sso', settings({ clientSecret: undefined }));
    }
  });

  it('sends the person back to the sign-in page with the reason when the provider cannot be reached', async () => {
    await admin.put('/api/firm/sso', settings({ clientSecret: undefined, issuer: 'http://127.0.0.1:9/' }));
    try {
      const outcome = await ssoSignIn(t.server, firmId, idp, DEMO.advisor);
      expect(outcome.location).toMatch(/^\/login\?sso_error=/);
      expect(outcome.error).toMatch(/could not be reached/);
    } finally {
      await admin.put('/api/firm/sso', settings({ clientSecret: undefined }));
    }
  });
});
