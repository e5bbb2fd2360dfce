import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { ManualClock } from '../../src/server/clock.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { accountLimitKey } from '../../src/modules/accounts/signin-limits.js';

/**
 * Sign-in limits that hold: failures count per account from every address (a clear, timed lock,
 * the same for an e-mail with no account), the client's address comes from the proxy chain by
 * the configured hops, and the counts live in the database, so two servers on one database
 * share them. On SQLite and PostgreSQL.
 */
interface Answer {
  status: number;
  message: string;
  retryAfter: string | string[] | number | undefined;
}

async function attempt(app: TestApp, email: string, password: string, from: { remoteAddress?: string; forwardedFor?: string } = {}): Promise<Answer> {
  const res = await app.server.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(from.remoteAddress ? { remoteAddress: from.remoteAddress } : {}),
    headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
  });
  const body = JSON.parse(res.body) as { error?: { message: string } };
  return { status: res.statusCode, message: body.error?.message ?? 'signed in', retryAfter: res.headers['retry-after'] };
}

describe('the account-wide limit', () => {
  let t: TestApp;
  let demo: DemoWorld;
  beforeAll(async () => {
    t = await startTestApp({ config: { loginFailuresPerAccount: 5, loginLockoutMinutes: 15, loginAttemptsPerMinute: 100 } });
    demo = await seedDemoWorld(t.ctx, t.server);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('counts failures from every address; then even the right password is refused with the time, and an unknown e-mail answers the same', async () => {
    const run = async (email: string, net: string): Promise<Answer[]> => {
      const answers: Answer[] = [];
      // Five addresses, one wrong password each: no address comes near its own limit.
      for (let i = 1; i <= 5; i++) answers.push(await attempt(t, email, `wrong-password-${i}`, { remoteAddress: `${net}.${i}` }));
      // A sixth address, with the account's right password.
      answers.push(await attempt(t, email, DEMO_PASSWORD, { remoteAddress: `${net}.6` }));
      return answers;
    };
    const known = await run(DEMO.advisor, '198.51.100');
    expect(known.slice(0, 5).map((a) => [a.status, a.message])).toEqual(Array(5).fill([401, 'The e-mail or password is wrong.']));
    expect(known[5]).toEqual({
      status: 429,
      message: 'Too many failed sign-ins for this account: it is locked for 15 more minutes, until 09:15 UTC. Try again then, or ask a firm admin to set a new password.',
      retryAfter: '900',
    });
    // No user enumeration: an e-mail with no account is counted, locked and answered alike.
    const unknown = await run('nobody-here@northbridge.example', '203.0.113');
    expect(unknown).toEqual(known);

    // The lock runs out after its time, not before.
    t.clock.advance(14 * 60_000);
    const still = await attempt(t, DEMO.advisor, DEMO_PASSWORD, { remoteAddress: '192.0.2.1' });
    expect(still.status).toBe(429);
    expect(still.message).toMatch(/locked for 1 more minute, until 09:15 UTC/);
    t.clock.advance(60_000);
    expect((await attempt(t, DEMO.advisor, DEMO_PASSWORD, { remoteAddress: '192.0.2.1' })).status).toBe(200);
  });

  it('holds against guesses sent all at once: no more get checked than the limit allows', async () => {
    const who = 'parallel-guesses@northbridge.example';
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(t, who, `guess-${i}`, { remoteAddress: `198.18.0.${i + 1}` })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(15).fill(429)]);
    t.clock.advance(15 * 60_000);
  });

  it('right passwords do not count against it', async () => {
    for (let i = 0; i < 8; i++) expect((await attempt(t, DEMO.accounting.executive, DEMO_PASSWORD, { remoteAddress: `192.0.2.${10 + i}` })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(t, DEMO.accounting.executive, 'wrong-password')).status).toBe(401);
    expect((await attempt(t, DEMO.accounting.executive, DEMO_PASSWORD)).status).toBe(429);
    t.clock.advance(15 * 60_000);
  });

  it('counts wrong codes of the second step as wrong passwords', async () => {
    const who = DEMO.manufacturer.executive;
    const caller = await login(t.server, who, DEMO_PASSWORD);
    const setup = await caller.post<{ secret: string }>('/api/me/mfa/setup');
    const code = (): Promise<string> => generate({ secret: setup.body.secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
    expect((await caller.post('/api/me/mfa/confirm', { code: await code() })).status).toBe(200);
    t.clock.advance(30_000);
    const passwordStep = async (): Promise<string> => {
      const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: who, password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      return (JSON.parse(res.body) as { challenge: string }).challenge;
    };
    const verify = async (challenge: string, c: string, remoteAddress: string) => {
      const res = await t.server.inject({ method: 'POST', url: '/api/auth/mfa/verify', payload: { challenge, code: c }, remoteAddress });
      return { status: res.statusCode, message: (JSON.parse(res.body) as { error?: { message: string } }).error?.message };
    };
    // Each challenge allows five wrong codes; new challenges do not give the account new tries.
    const first = await passwordStep();
    for (let i = 0; i < 3; i++) expect((await verify(first, '000000', `198.51.100.${20 + i}`)).status).toBe(401);
    const second = await passwordStep();
    for (let i = 0; i < 2; i++) expect((await verify(second, '000000', `198.51.100.${30 + i}`)).status).toBe(401);
    const right = await verify(second, await code(), '198.51.100.40');
    expect(right.status).toBe(429);
    expect(right.message).toMatch(/^Too many failed sign-ins for this account: it is locked for 15 more minutes/);
    // The password step is locked too.
    expect((await attempt(t, who, DEMO_PASSWORD)).status).toBe(429);
    t.clock.advance(15 * 60_000);
    const third = await passwordStep();
    expect((await verify(third, await code(), '198.51.100.41')).status).toBe(200);
  });

  it('counts wrong current passwords when changing it, with sign-in; a firm admin\'s reset lifts the lock', async () => {
    const who = DEMO.advisor2;
    const priya = await login(t.server, who, DEMO_PASSWORD);
    for (let i = 0; i < 5; i++) {
      const res = await priya.post<{ error: { details: { path: string }[] } }>('/api/me/password', { currentPassword: `guess-${i}`, newPassword: 'a-quiet-harbour-at-dawn' });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0]?.path).toBe('body.currentPassword');
    }
    const right = await priya.post<{ error: { message: string } }>('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-quiet-harbour-at-dawn' });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/locked for 15 more minutes/);
    expect((await attempt(t, who, DEMO_PASSWORD)).status).toBe(429);

    const admin = await demo.as(DEMO.admin);
    const users = await admin.get<{ users: { id: string; email: string }[] }>('/api/users');
    const id = users.body.users.find((u) => u.email === who)!.id;
    expect((await admin.post(`/api/users/${id}/password`, { newPassword: 'lanterns-over-the-quay' })).status).toBe(200);
    expect((await attempt(t, who, 'lanterns-over-the-quay')).status).toBe(200);
  });
});

describe('the client address behind proxies', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });
  const start = async (hops: number): Promise<TestApp> => {
    const app = await startTestApp({ config: { trustProxyHops: hops, loginAttemptsPerMinute: 3 } });
    apps.push(app);
    return app;
  };

  it('with one trusted hop, is the address the proxy appended; what a client writes before it changes nothing', async () => {
    const app = await start(1);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(app, 'x@example.com', 'wrong-password', { forwardedFor: `10.9.9.${i}, 203.0.113.7` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await attempt(app, 'x@example.com', 'wrong-password', { forwardedFor: '203.0.113.7' });
    expect(refused.message).toMatch(/^Too many sign-in attempts from your address: try again in \d+ s\.$/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // Another client behind the same proxy has its own count.
    expect((await attempt(app, 'x@example.com', 'wrong-password', { forwardedFor: '203.0.113.8' })).status).toBe(401);
  });

  it('with two hops, is the address the outer proxy saw', async () => {
    const app = await start(2);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(app, 'y@example.com', 'wrong-password', { forwardedFor: `10.9.9.${i}, 203.0.113.9, 10.0.0.2` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt(app, 'y@example.com', 'wrong-password', { forwardedFor: '203.0.113.10, 10.0.0.2' })).status).toBe(401);
  });

  it('with no proxy, is the connection\'s address and X-Forwarded-For is ignored', async () => {
    const app = await start(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(app, 'z@example.com', 'wrong-password', { forwardedFor: `203.0.113.${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await attempt(app, 'z@example.com', 'wrong-password', { remoteAddress: '192.0.2.99' })).status).toBe(401);
  });
});

describe('two servers on one database', () => {
  let a: TestApp;
  let b: TestApp;
  const clock = new ManualClock('2026-11-26T09:00:00.000Z');
  const config = { loginAttemptsPerMinute: 4, loginFailuresPerAccount: 4, loginLockoutMinutes: 10 };
  beforeAll(async () => {
    a = await startTestApp({ clock, config });
    b = await startTestApp({ clock, config, storage: a.storage });
  }, 120_000);
  afterAll(async () => {
    await b.stop();
    await a.close();
  });

  it('share the count of an address', async () => {
    const from = { remoteAddress: '198.51.100.77' };
    const statuses = [
      (await attempt(a, 'one@example.com', 'wrong-password', from)).status,
      (await attempt(b, 'two@example.com', 'wrong-password', from)).status,
      (await attempt(a, 'three@example.com', 'wrong-password', from)).status,
      (await attempt(b, 'four@example.com', 'wrong-password', from)).status,
      (await attempt(a, 'five@example.com', 'wrong-password', from)).status,
      (await attempt(b, 'six@example.com', 'wrong-password', from)).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('share the lock of an account, and expire the counts once their time has passed', async () => {
    const who = 'shared@example.com';
    for (let i = 0; i < 4; i++) expect((await attempt(i % 2 ? a : b, who, 'wrong-password', { remoteAddress: `203.0.113.${50 + i}` })).status).toBe(401);
    const onA = await attempt(a, who, 'wrong-password', { remoteAddress: '203.0.113.60' });
    const onB = await attempt(b, who, 'wrong-password', { remoteAddress: '203.0.113.61' });
    expect(onA.status).toBe(429);
    expect(onB).toEqual({ ...onA });

    const rows = () => a.ctx.database.db.selectFrom('signin_limits').select('key').execute();
    expect((await rows()).length).toBeGreaterThan(0);
    clock.advance(9 * 60_000);
    await a.ctx.jobs.runDue();
    // The lock is still running: the account's row stays; the addresses' minutes are gone.
    const left = (await rows()).map((r) => r.key);
    expect(left).toContain(accountLimitKey(who));
    expect(left.filter((k) => !k.startsWith('account:'))).toEqual([]);
    clock.advance(60_000);
    await b.ctx.jobs.runDue();
    expect(await rows()).toEqual([]);
  });
});
