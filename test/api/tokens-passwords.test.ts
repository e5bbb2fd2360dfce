import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, withToken, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { MAX_TOKEN_DEPTH } from '../../src/modules/accounts/sessions.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';

/**
 * Tokens and passwords: a new password (changed or reset) ends the other sessions and revokes
 * the API tokens unless the caller says otherwise; a token makes tokens only within its own
 * expiry, and they die with it; weak passwords are refused with the reason wherever a
 * password is set. On SQLite and PostgreSQL.
 */
let t: TestApp;
let demo: DemoWorld;
let admin: Caller;

interface ErrorOut {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface TokenMade {
  token: string;
  info: { id: string; expiresAt: string | null; revokedAt: string | null; parentId: string | null };
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  admin = await demo.as(DEMO.admin);
}, 120_000);
afterAll(async () => {
  await t.close();
});

let people = 0;
/** A person of their own for each test, signed in. */
async function person(password = 'copper-kettle-on-the-stove'): Promise<{ id: string; email: string; caller: Caller; password: string }> {
  people += 1;
  const email = `person${people}@northbridge.example`;
  const made = await admin.post<{ id: string }>('/api/users', { email, name: `Casey Marlow ${people}`, password, firmRole: 'member' });
  expect(made.status).toBe(201);
  return { id: made.body.id, email, caller: await login(t.server, email, password), password };
}

async function mint(caller: Caller, expiresInDays: number | null, name = 'integration'): Promise<{ status: number; body: TokenMade & ErrorOut }> {
  return caller.post<TokenMade & ErrorOut>('/api/me/tokens', { name, expiresInDays });
}

const alive = async (token: string): Promise<boolean> => (await withToken(t.server, token).get('/api/me')).status === 200;

describe('a new password', () => {
  it('changed by its owner ends the other sessions and revokes the API tokens, unless told to keep them', async () => {
    const p = await person();
    const other = await login(t.server, p.email, p.password);
    const made = await mint(p.caller, 30);
    expect(made.status).toBe(201);
    expect(await alive(made.body.token)).toBe(true);

    const changed = await p.caller.post<{ ok: boolean; tokensRevoked: number }>('/api/me/password', { currentPassword: p.password, newPassword: 'brass-lantern-in-the-fog' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ok: true, tokensRevoked: 1 });
    expect(await alive(made.body.token)).toBe(false);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await p.caller.get('/api/me')).status).toBe(200);
    const list = await p.caller.get<{ tokens: { id: string; revokedAt: string | null }[] }>('/api/me/tokens');
    expect(list.body.tokens.find((x) => x.id === made.body.info.id)?.revokedAt).not.toBeNull();

    // Keeping them is an explicit choice.
    const kept = await mint(p.caller, 30);
    const again = await p.caller.post<{ tokensRevoked: number }>('/api/me/password', { currentPassword: 'brass-lantern-in-the-fog', newPassword: 'velvet-moth-at-the-window', revokeTokens: false });
    expect(again.body.tokensRevoked).toBe(0);
    expect(await alive(kept.body.token)).toBe(true);

    const trail = await admin.get<{ entries: { action: string; entityId: string; after: Record<string, unknown> | null }[] }>('/api/firm/audit?limit=500');
    const changes = trail.body.entries.filter((e) => e.action === 'user.password_change' && e.entityId === p.id);
    expect(changes.map((e) => e.after)).toEqual(
      expect.arrayContaining([
        { by: 'themselves', sessionsEnded: 1, tokensRevoked: 1 },
        { by: 'themselves', sessionsEnded: 0, tokensRevoked: 0 },
      ]),
    );
  });

  it('reset by a firm admin ends every session and revokes the tokens', async () => {
    const p = await person();
    const made = await mint(p.caller, null);
    const reset = await admin.post<{ tokensRevoked: number }>(`/api/users/${p.id}/password`, { newPassword: 'harbour-bells-at-noon' });
    expect(reset.status).toBe(200);
    expect(reset.body.tokensRevoked).toBe(1);
    expect(await alive(made.body.token)).toBe(false);
    expect((await p.caller.get('/api/me')).status).toBe(401);
  });
});

describe('a token made with a token', () => {
  it('must expire no later than the token that makes it', async () => {
    const p = await person();
    const day = await mint(p.caller, 1);
    const viaDay = withToken(t.server, day.body.token);
    const never = await mint(viaDay, null);
    expect(never.status).toBe(400);
    expect(never.body.error.details).toEqual([{ path: 'body.expiresInDays', message: expect.stringMatching(/^must be at most 1 \(the token you are using expires on \d{4}-\d\d-\d\d\)$/) as unknown }]);
    const longer = await mint(viaDay, 30);
    expect(longer.status).toBe(400);
    expect(longer.body.error.message).toMatch(/must expire no later than it does/);
    const within = await mint(viaDay, 1);
    expect(within.status).toBe(201);
    expect(within.body.info.parentId).toBe(day.body.info.id);
    expect(within.body.info.expiresAt! <= day.body.info.expiresAt!).toBe(true);

    // A token with no expiry may make one with none.
    const open = await mint(p.caller, null);
    expect((await mint(withToken(t.server, open.body.token), null)).status).toBe(201);
  });

  it('dies with its parent when the parent is revoked, however deep', async () => {
    const p = await person();
    const parent = await mint(p.caller, 90, 'parent');
    const child = await mint(withToken(t.server, parent.body.token), 60, 'child');
    const grandchild = await mint(withToken(t.server, child.body.token), 30, 'grandchild');
    expect(grandchild.status).toBe(201);
    const sibling = await mint(p.caller, 90, 'unrelated');
    for (const tk of [parent, child, grandchild, sibling]) expect(await alive(tk.body.token)).toBe(true);

    expect((await p.caller.delete(`/api/me/tokens/${parent.body.info.id}`)).status).toBe(200);
    expect(await alive(parent.body.token)).toBe(false);
    expect(await alive(child.body.token)).toBe(false);
    expect(await alive(grandchild.body.token)).toBe(false);
    expect(await alive(sibling.body.token)).toBe(true);
    const list = await p.caller.get<{ tokens: { id: string; revokedAt: string | null }[] }>('/api/me/tokens');
    const revoked = Object.fromEntries(list.body.tokens.map((x) => [x.id, x.revokedAt !== null]));
    expect(revoked).toEqual({ [parent.body.info.id]: true, [child.body.info.id]: true, [grandchild.body.info.id]: true, [sibling.body.info.id]: false });
  });

  it('dies with its parent even when only the parent is marked revoked', async () => {
    const p = await person();
    const parent = await mint(p.caller, 90);
    const child = await mint(withToken(t.server, parent.body.token), 60);
    // As a revocation by any other path (a direct change, a restore) would leave it.
    await t.ctx.database.db.updateTable('api_tokens').set({ revoked_at: t.clock.now().toISOString() }).where('id', '=', parent.body.info.id).execute();
    expect(await alive(child.body.token)).toBe(false);
  });

  it('dies when its parent expires', async () => {
    const p = await person();
    const parent = await mint(p.caller, 2);
    const child = await mint(withToken(t.server, parent.body.token), 2);
    expect(await alive(child.body.token)).toBe(true);
    t.clock.advance(2 * 86_400_000);
    expect(await alive(parent.body.token)).toBe(false);
    expect(await alive(child.body.token)).toBe(false);
    // Two days on, the admin's session has run out too.
    admin = await login(t.server, DEMO.admin, DEMO_PASSWORD);
  });

  it(`goes ${MAX_TOKEN_DEPTH} levels deep at most`, async () => {
    const p = await person();
    let current = await mint(p.caller, 90);
    for (let level = 1; level <= MAX_TOKEN_DEPTH; level++) {
      current = await mint(withToken(t.server, current.body.token), 90 - level);
      expect(current.status).toBe(201);
    }
    const deeper = await mint(withToken(t.server, current.body.token), 10);
    expect(deeper.status).toBe(409);
    expect(deeper.body.error.message).toMatch(/make the new one in a signed-in session/);
  });
});

describe('weak passwords', () => {
  const cases: [string, RegExp][] = [
    ['password12', /^This is a common password: it is on the lists of leaked passwords that attackers try first\./],
    ['1234567890', /^This is one of the most common passwords\./],
    [' '.repeat(10), /^Repeated characters like "aaa" are easy to guess\./],
    ['iloveyou123', /^This is a common password with small changes/],
    ['short', /^must be at least 10 characters long$/],
  ];

  it('are refused with the reason when a firm admin adds a user', async () => {
    for (const [password, reason] of cases) {
      const res = await admin.post<ErrorOut>('/api/users', { email: 'weak@northbridge.example', name: 'Wendy Weak', password, firmRole: 'member' });
      expect(res.status, password).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'password', message: expect.stringMatching(reason) as unknown }]);
    }
    const own = await admin.post<ErrorOut>('/api/users', { email: 'rowan.ashby@northbridge.example', name: 'Rowan Ashby', password: 'RowanAshby-2026', firmRole: 'member' });
    expect(own.body.error.details).toEqual([{ path: 'password', message: 'It contains your name or e-mail address. Leave them out, and use a few words that are less common.' }]);
    expect((await admin.get<{ users: { email: string }[] }>('/api/users')).body.users.map((u) => u.email)).not.toContain('rowan.ashby@northbridge.example');
  });

  it('are refused when changing or resetting one, and when an advisor adds a client member', async () => {
    const p = await person();
    const mine = await p.caller.post<ErrorOut>('/api/me/password', { currentPassword: p.password, newPassword: 'password12' });
    expect(mine.status).toBe(400);
    expect(mine.body.error).toMatchObject({ message: 'The new password is too easy to guess.', details: [{ path: 'newPassword', message: expect.stringMatching(cases[0]![1]) as unknown }] });
    const reset = await admin.post<ErrorOut>(`/api/users/${p.id}/password`, { newPassword: ' '.repeat(10) });
    expect(reset.status).toBe(400);
    expect(reset.body.error.details[0]?.message).toMatch(/Repeated characters/);
    // Neither took: the old password still signs in.
    await login(t.server, p.email, p.password);

    const advisor = await demo.as(DEMO.advisor);
    const member = await advisor.post<ErrorOut>(`/api/clients/${demo.clients.accounting}/members`, { email: 'jo.weak@harborfinch.example', role: 'viewer', name: 'Jo Weak', password: 'qwertyuiop' });
    expect(member.status).toBe(400);
    expect(member.body.error.details).toEqual([{ path: 'password', message: expect.stringMatching(/^This is one of the most common passwords\./) as unknown }]);
  });
});
