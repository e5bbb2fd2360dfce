import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Caller, login, startTestApp, withToken, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { verifyChain } from '../../src/modules/audit/chain.js';

/** The second factor: TOTP enrolment, sign-in with it, recovery codes, the firm's requirement. */
let t: TestApp;
let demo: DemoWorld;

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Step {
  mfa: 'verify' | 'enrol';
  challenge: string;
}

const code = (secret: string, app: TestApp = t): Promise<string> => generate({ secret, epoch: Math.floor(app.clock.now().getTime() / 1000) });

/** Signs in with the password, expecting a second-factor step; no session cookie yet. */
async function passwordStep(email: string, app: TestApp = t): Promise<Step> {
  const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['set-cookie']).toBeUndefined();
  const body = JSON.parse(res.body) as Step;
  expect(body.mfa).toMatch(/verify|enrol/);
  return body;
}

async function verify(payload: Record<string, string>, app: TestApp = t) {
  const res = await app.server.inject({ method: 'POST', url: '/api/auth/mfa/verify', payload });
  const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session');
  return { status: res.statusCode, body: JSON.parse(res.body) as ErrorBody & { csrfToken: string; user: { email: string } }, cookie: session ? `triad_session=${session.value}` : null };
}

/** Turns the second factor on for a signed-in caller; returns the secret and recovery codes. */
async function enrol(caller: Caller): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await caller.post<{ secret: string; otpauthUri: string }>('/api/me/mfa/setup');
  expect(setup.status).toBe(200);
  const confirmed = await caller.post<{ recoveryCodes: string[] }>('/api/me/mfa/confirm', { code: await code(setup.body.secret) });
  expect(confirmed.status).toBe(200);
  return { secret: setup.body.secret, recoveryCodes: confirmed.body.recoveryCodes };
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
});
afterAll(async () => {
  await t.close();
});

describe('setting up a second factor', () => {
  it('gives a secret and its QR URI, wants a right code, then shows ten recovery codes once and keeps only their hashes', async () => {
    const sam = await login(t.server, DEMO.advisor, DEMO_PASSWORD);
    const setup = await sam.post<{ secret: string; otpauthUri: string }>('/api/me/mfa/setup');
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Triad:sam%40northbridge\.example\?/);
    expect(setup.body.otpauthUri).toContain(`secret=${setup.body.secret}`);

    const wrong = await sam.post<ErrorBody>('/api/me/mfa/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'body.code', message: 'does not match' }]);
    const notDigits = await sam.post<ErrorBody>('/api/me/mfa/confirm', { code: 'abc' });
    expect(notDigits.body.error.details[0]?.path).toBe('body.code');

    const ok = await sam.post<{ recoveryCodes: string[] }>('/api/me/mfa/confirm', { code: await code(setup.body.secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    expect(new Set(ok.body.recoveryCodes).size).toBe(10);
    const stored = await t.ctx.database.db.selectFrom('user_recovery_codes').innerJoin('users', 'users.id', 'user_recovery_codes.user_id').select('code_hash').where('users.email', '=', DEMO.advisor).execute();
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(ok.body.recoveryCodes.some((c) => row.code_hash.includes(c.replace(/-/g, '')))).toBe(false);
    }
    const status = await sam.get<{ enabled: boolean; recoveryCodesLeft: number; required: boolean }>('/api/me/mfa');
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });
    // Already on: a second setup is refused rather than replacing the device silently.
    expect((await sam.post('/api/me/mfa/setup')).status).toBe(409);

    const trail = await (await demo.as(DEMO.admin)).get<{ entries: { action: string; after: unknown }[] }>('/api/firm/audit');
    expect(trail.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['user.mfa_setup', 'user.mfa_enable']));
    expect(JSON.stringify(trail.body.entries)).not.toContain(setup.body.secret);
    const firm = await t.ctx.database.db.selectFrom('firms').select('id').executeTakeFirstOrThrow();
    expect((await verifyChain(t.ctx.database.db, firm.id)).ok).toBe(true);
  });
});

describe('signing in with a second factor', () => {
  let secret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    ({ secret, recoveryCodes } = await enrol(await login(t.server, DEMO.advisor2, DEMO_PASSWORD)));
    t.clock.advance(60_000);
  });

  it('asks for the code after the password and signs in with it; a code is accepted once', async () => {
    const step = await passwordStep(DEMO.advisor2);
    expect(step.mfa).toBe('verify');
    const wrong = await verify({ challenge: step.challenge, code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('That code is not right (4 tries left).');
    expect(wrong.cookie).toBeNull();
    const current = await code(secret);
    const right = await verify({ challenge: step.challenge, code: current });
    expect(right.status).toBe(200);
    expect(right.body.user.email).toBe(DEMO.advisor2);
    const me = await new Caller(t.server, right.cookie, right.body.csrfToken).get('/api/me');
    expect(me.status).toBe(200);
    // The challenge is spent, and the same code does not open another sign-in.
    expect((await verify({ challenge: step.challenge, code: current })).status).toBe(401);
    const again = await passwordStep(DEMO.advisor2);
    expect((await verify({ challenge: again.challenge, code: current })).status).toBe(401);
    t.clock.advance(30_000);
    expect((await verify({ challenge: again.challenge, code: await code(secret) })).status).toBe(200);
  });

  it('takes a recovery code once', async () => {
    const step = await passwordStep(DEMO.advisor2);
    const used = await verify({ challenge: step.challenge, recoveryCode: recoveryCodes[0]! });
    expect(used.status).toBe(200);
    const next = await passwordStep(DEMO.advisor2);
    expect((await verify({ challenge: next.challenge, recoveryCode: recoveryCodes[0]! })).status).toBe(401);
    const caller = new Caller(t.server, used.cookie, used.body.csrfToken);
    expect((await caller.get<{ recoveryCodesLeft: number }>('/api/me/mfa')).body.recoveryCodesLeft).toBe(9);
  });

  it('ends a sign-in after five wrong codes', async () => {
    const step = await passwordStep(DEMO.advisor2);
    for (let i = 0; i < 5; i++) expect((await verify({ challenge: step.challenge, code: '000000' })).status).toBe(401);
    t.clock.advance(30_000);
    const late = await verify({ challenge: step.challenge, code: await code(secret) });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/sign in with your password again/);
  });

  it('refuses an expired challenge', async () => {
    const step = await passwordStep(DEMO.advisor2);
    t.clock.advance(6 * 60_000);
    expect((await verify({ challenge: step.challenge, code: await code(secret) })).status).toBe(401);
  });

  it('leaves personal API tokens working without a second factor', async () => {
    t.clock.advance(30_000);
    const step = await passwordStep(DEMO.advisor2);
    const signedIn = await verify({ challenge: step.challenge, code: await code(secret) });
    const caller = new Caller(t.server, signedIn.cookie, signedIn.body.csrfToken);
    const made = await caller.post<{ token: string }>('/api/me/tokens', { name: 'CI' });
    const me = await withToken(t.server, made.body.token).get<{ user: { email: string } }>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(DEMO.advisor2);
  });

  it('new recovery codes replace the old ones; turning it off needs a code', async () => {
    t.clock.advance(30_000);
    const step = await passwordStep(DEMO.advisor2);
    const signedIn = await verify({ challenge: step.challenge, code: await code(secret) });
    const caller = new Caller(t.server, signedIn.cookie, signedIn.body.csrfToken);
    t.clock.advance(30_000);
    const fresh = await caller.post<{ recoveryCodes: string[] }>('/api/me/mfa/recovery-codes', { code: await code(secret) });
    expect(fresh.status).toBe(200);
    const next = await passwordStep(DEMO.advisor2);
    expect((await verify({ challenge: next.challenge, recoveryCode: recoveryCodes[1]! })).status).toBe(401);
    expect((await verify({ challenge: next.challenge, recoveryCode: fresh.body.recoveryCodes[0]! })).status).toBe(200);

    const noProof = await caller.post<ErrorBody>('/api/me/mfa/disable', { code: '000000' });
    expect(noProof.status).toBe(400);
    t.clock.advance(30_000);
    expect((await caller.post('/api/me/mfa/disable', { code: await code(secret) })).status).toBe(200);
    const plain = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.advisor2, password: DEMO_PASSWORD } });
    expect(JSON.parse(plain.body)).toHaveProperty('csrfToken');
  });
});

describe('the firm requires a second factor', () => {
  it('makes a password user set one up at sign-in before any session, and keeps it on', async () => {
    const admin = await demo.as(DEMO.admin);
    expect((await (await demo.as(DEMO.manufacturer.executive)).put('/api/firm/security', { mfaRequired: true })).status).toBe(403);
    const set = await admin.put<{ mfaRequired: boolean }>('/api/firm/security', { mfaRequired: true });
    expect(set.body.mfaRequired).toBe(true);

    const step = await passwordStep(DEMO.accounting.viewer);
    expect(step.mfa).toBe('enrol');
    // The enrolment challenge is not a way to sign in.
    expect((await verify({ challenge: step.challenge, code: '123456' })).status).toBe(401);
    const setup = await anonymous(t.server).post<{ secret: string }>('/api/auth/mfa/enrol/start', { challenge: step.challenge });
    expect(setup.status).toBe(200);
    const wrong = await anonymous(t.server).post<ErrorBody>('/api/auth/mfa/enrol/finish', { challenge: step.challenge, code: '000000' });
    expect(wrong.status).toBe(400);
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/mfa/enrol/finish', payload: { challenge: step.challenge, code: await code(setup.body.secret) } });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as { user: { email: string }; recoveryCodes: string[]; csrfToken: string };
    expect(body.user.email).toBe(DEMO.accounting.viewer);
    expect(body.recoveryCodes).toHaveLength(10);
    const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session')!;
    const lee = new Caller(t.server, `triad_session=${session.value}`, body.csrfToken);
    expect((await lee.get<{ required: boolean; enabled: boolean }>('/api/me/mfa')).body).toMatchObject({ required: true, enabled: true });
    t.clock.advance(30_000);
    const off = await lee.post<ErrorBody>('/api/me/mfa/disable', { code: await code(setup.body.secret) });
    expect(off.status).toBe(409);
    expect(off.body.error.message).toMatch(/requires a second factor/);

    // A firm admin resets it (lost phone): their sessions end and they enrol again at sign-in.
    const users = await admin.get<{ users: { id: string; email: string }[] }>('/api/users');
    const leeId = users.body.users.find((u) => u.email === DEMO.accounting.viewer)!.id;
    const enrolled = await admin.get<{ users: { userId: string }[] }>('/api/users/mfa');
    expect(enrolled.body.users.map((u) => u.userId)).toContain(leeId);
    expect((await lee.get('/api/users/mfa')).status).toBe(403);
    expect((await admin.post(`/api/users/${leeId}/mfa/reset`)).status).toBe(200);
    expect((await admin.get<{ users: { userId: string }[] }>('/api/users/mfa')).body.users.map((u) => u.userId)).not.toContain(leeId);
    expect((await admin.post(`/api/users/${leeId}/mfa/reset`)).status).toBe(409);
    expect((await lee.get('/api/me')).status).toBe(401);
    expect((await passwordStep(DEMO.accounting.viewer)).mfa).toBe('enrol');
    await admin.put('/api/firm/security', { mfaRequired: false });
  });
});

describe('rate limits', () => {
  it('cover the second factor as they cover the password', async () => {
    const limited = await startTestApp({ config: { loginAttemptsPerMinute: 3 } });
    try {
      await seedDemoWorld(limited.ctx, limited.server);
      const caller = await login(limited.server, DEMO.advisor, DEMO_PASSWORD);
      const setup = await caller.post<{ secret: string }>('/api/me/mfa/setup');
      await caller.post('/api/me/mfa/confirm', { code: await code(setup.body.secret, limited) });
      // A new minute: the password step and the codes share the address's three attempts.
      limited.clock.advance(60_000);
      const step = await passwordStep(DEMO.advisor, limited);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await verify({ challenge: step.challenge, code: '000000' }, limited)).status);
      expect(codes).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
