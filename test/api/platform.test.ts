import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, login, startTestApp, withToken, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
});
afterAll(async () => {
  await t.close();
});

describe('health and API description', () => {
  it('answers health with the database kind', async () => {
    const res = await anonymous(t.server).get<{ status: string; database: string }>('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.database).toBe(t.ctx.database.dialect);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('describes every API route in OpenAPI 3', async () => {
    const res = await anonymous(t.server).get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = new Set(Object.entries(res.body.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = t.server.triadRoutes.filter((r) => !r.url.startsWith('/api/docs'));
    for (const r of routes) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(documented, `${r.method} ${r.url} is documented`).toContain(`${r.method} ${path}`);
    }
  });

  it('rejects unknown fields by construction: every documented request body is closed', async () => {
    const res = await anonymous(t.server).get<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>> }>('/api/openapi.json');
    for (const [path, ops] of Object.entries(res.body.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema && schema.type === 'object') {
          expect(schema.additionalProperties, `${method} ${path} body rejects unknown fields`).toBe(false);
        }
      }
    }
  });

  it('serves a browsable API reference', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('signing in', () => {
  it('refuses a wrong password with 401 and the error body, and sets no cookie', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.advisor, password: 'not-the-password' } });
    expect(res.statusCode).toBe(401);
    const body = JSON.parse(res.body) as ErrorBody;
    expect(body.error.code).toBe('UNAUTHENTICATED');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an unknown e-mail the same way', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.com', password: 'whatever-123' } });
    expect(res.statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite session cookie and returns the user with their clients', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.advisor, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/triad_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const body = JSON.parse(res.body) as { user: { email: string }; clients: { name: string }[]; csrfToken: string };
    expect(body.user.email).toBe(DEMO.advisor);
    expect(body.clients.map((c) => c.name).sort()).toEqual(['Harbor & Finch CPAs', 'Kestrel Precision Manufacturing']);
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('marks the cookie Secure when the request came over TLS behind a trusted proxy', async () => {
    const proxied = await startTestApp({ config: { trustProxyHops: 1 } });
    try {
      await seedDemoWorld(proxied.ctx, proxied.server);
      const res = await proxied.server.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: DEMO.advisor, password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect([res.headers['set-cookie']].flat().join('\n')).toMatch(/triad_session=[^;]+;.*Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('rate-limits repeated attempts from one address', async () => {
    const limited = await startTestApp({ config: { loginAttemptsPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@example.com', password: 'wrong-password' } });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[3]).toBe(429);
      const last = await limited.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@example.com', password: 'wrong-password' } });
      expect((JSON.parse(last.body) as ErrorBody).error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('needs a session or token for everything but the public routes', async () => {
    const res = await anonymous(t.server).get<ErrorBody>('/api/clients');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session on logout', async () => {
    const caller = await login(t.server, DEMO.accounting.viewer, DEMO_PASSWORD);
    expect((await caller.post('/api/auth/logout')).status).toBe(200);
    expect((await caller.get('/api/me')).status).toBe(401);
  });
});

describe('CSRF protection of cookie sessions', () => {
  it('refuses a change without the CSRF header and accepts it with', async () => {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.admin, password: DEMO_PASSWORD } });
    const cookie = `triad_session=${(res.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session')!.value}`;
    const csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
    const without = await t.server.inject({ method: 'POST', url: '/api/clients', headers: { cookie }, payload: { name: 'No CSRF Ltd' } });
    expect(without.statusCode).toBe(403);
    expect((JSON.parse(without.body) as ErrorBody).error.code).toBe('CSRF_FAILED');
    const wrong = await t.server.inject({ method: 'POST', url: '/api/clients', headers: { cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: { name: 'No CSRF Ltd' } });
    expect(wrong.statusCode).toBe(403);
    const withIt = await t.server.inject({ method: 'POST', url: '/api/clients', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'With CSRF Ltd' } });
    expect(withIt.statusCode).toBe(201);
  });
});

describe('personal API tokens', () => {
  it('works as a bearer token until revoked, and is stored hashed', async () => {
    const me = await demo.as(DEMO.advisor2);
    const made = await me.post<{ token: string; info: { id: string; prefix: string } }>('/api/me/tokens', { name: 'CLI on laptop' });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^triad_/);
    const stored = await t.ctx.database.db.selectFrom('api_tokens').selectAll().where('id', '=', made.body.info.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(made.body.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const api = withToken(t.server, made.body.token);
    const clients = await api.get<{ clients: { name: string }[] }>('/api/clients');
    expect(clients.status).toBe(200);
    expect(clients.body.clients.map((c) => c.name).sort()).toEqual(['Kestrel Precision Manufacturing', 'Lumen Analytics']);
    // Tokens need no CSRF header.
    expect((await api.patch('/api/me', { name: 'Priya R.' })).status).toBe(200);
    expect((await me.delete(`/api/me/tokens/${made.body.info.id}`)).status).toBe(200);
    const after = await api.get<ErrorBody>('/api/clients');
    expect(after.status).toBe(401);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('bad input gets 4xx with the error body, never 500', () => {
  it('malformed JSON', async () => {
    const admin = await demo.as(DEMO.admin);
    const res = await admin.request<ErrorBody>('POST', '/api/clients', '{"name": "Broken', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('unknown fields, named in the details', async () => {
    const admin = await demo.as(DEMO.admin);
    const res = await admin.post<ErrorBody>('/api/clients', { name: 'Acme', colour: 'blue' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toContainEqual({ path: 'body.colour', message: 'unknown field' });
  });

  it('wrong types, with the path of each field', async () => {
    const admin = await demo.as(DEMO.admin);
    const res = await admin.post<ErrorBody>('/api/clients', { name: 42, employees: 'many' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d) => d.path);
    expect(paths).toContain('body.name');
    expect(paths).toContain('body.employees');
  });

  it('oversize bodies', async () => {
    const admin = await demo.as(DEMO.admin);
    const res = await admin.post<ErrorBody>('/api/clients', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body of another content type', async () => {
    const admin = await demo.as(DEMO.admin);
    const res = await admin.request<ErrorBody>('POST', '/api/clients', 'name=Acme', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('bad and unknown ids', async () => {
    const admin = await demo.as(DEMO.admin);
    for (const id of ['not-an-id', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", 'x'.repeat(300)]) {
      const res = await admin.get<ErrorBody>(`/api/clients/${encodeURIComponent(id)}`);
      expect(res.status, id).toBeGreaterThanOrEqual(400);
      expect(res.status, id).toBeLessThan(500);
      expect(res.body.error.code).toBeTruthy();
    }
  });

  it('NUL characters in the body or the URL (PostgreSQL cannot store them)', async () => {
    const admin = await demo.as(DEMO.admin);
    const body = await admin.post<ErrorBody>('/api/clients', { name: 'Bad\u0000Name' });
    expect(body.status).toBe(400);
    expect(body.body.error.details[0]?.path).toBe('body.name');
    const url = await admin.get<ErrorBody>('/api/clients/abc%00def');
    expect(url.status).toBe(400);
    expect(url.body.error.code).toBe('BAD_REQUEST');
  });

  it('unknown API paths', async () => {
    const res = await anonymous(t.server).get<ErrorBody>('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('clients and members', () => {
  it('a client user sees only their own client', async () => {
    const exec = await demo.as(DEMO.accounting.executive);
    const res = await exec.get<{ clients: { id: string; role: string }[] }>('/api/clients');
    expect(res.body.clients).toEqual([expect.objectContaining({ id: demo.clients.accounting, role: 'executive' })]);
  });

  it('another client\'s id answers 404, exactly as a client that does not exist', async () => {
    const exec = await demo.as(DEMO.accounting.executive);
    const other = await exec.get<ErrorBody>(`/api/clients/${demo.clients.saas}`);
    const none = await exec.get<ErrorBody>('/api/clients/01a21868-f316-7442-9b0f-a2c51213f029');
    expect(other.status).toBe(404);
    expect(none.status).toBe(404);
    expect(other.body.error.message).toBe(none.body.error.message);
  });

  it('returns the caller\'s permissions with the client', async () => {
    const viewer = await demo.as(DEMO.accounting.viewer);
    const res = await viewer.get<{ permissions: Record<string, boolean> }>(`/api/clients/${demo.clients.accounting}`);
    expect(res.status).toBe(200);
    expect(res.body.permissions['client.read']).toBe(true);
    expect(res.body.permissions['client.edit']).toBe(false);
  });

  it('an advisor adds a new person as a contributor, who can then sign in and see the client', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<{ role: string; email: string }>(`/api/clients/${demo.clients.accounting}/members`, {
      email: 'new.person@harborfinch.example',
      role: 'contributor',
      name: 'New Person',
      password: 'a-long-enough-password',
    });
    expect(res.status).toBe(201);
    const newbie = await login(t.server, 'new.person@harborfinch.example', 'a-long-enough-password');
    const list = await newbie.get<{ clients: { id: string }[] }>('/api/clients');
    expect(list.body.clients.map((c) => c.id)).toEqual([demo.clients.accounting]);
  });

  it('a viewer may not add members (403), a contributor neither', async () => {
    for (const email of [DEMO.accounting.viewer, DEMO.accounting.contributor]) {
      const c = await demo.as(email);
      const res = await c.post<ErrorBody>(`/api/clients/${demo.clients.accounting}/members`, { email: DEMO.advisor2, role: 'viewer' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('a member cannot create clients unless advisor or firm admin', async () => {
    const exec = await demo.as(DEMO.accounting.executive);
    expect((await exec.post('/api/clients', { name: 'Sneaky' })).status).toBe(403);
  });

  it('an advisor who adds a client becomes its advisor', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<{ id: string; role: string }>('/api/clients', { name: 'Delta Dental Group', sector: 'Healthcare', employees: 65, annualRevenue: 12_000_000 });
    expect(res.status).toBe(201);
    const members = await advisor.get<{ members: { email: string; role: string }[] }>(`/api/clients/${res.body.id}/members`);
    expect(members.body.members).toEqual([expect.objectContaining({ email: DEMO.advisor, role: 'advisor' })]);
  });
});

describe('firm accounts', () => {
  it('only firm admins list and add users', async () => {
    const advisor = await demo.as(DEMO.advisor);
    expect((await advisor.get('/api/users')).status).toBe(403);
    const admin = await demo.as(DEMO.admin);
    const added = await admin.post<{ email: string; firmRole: string }>('/api/users', { email: 'new.advisor@northbridge.example', name: 'New Advisor', password: 'another-long-password', firmRole: 'advisor' });
    expect(added.status).toBe(201);
    expect(added.body.firmRole).toBe('advisor');
    const dup = await admin.post<ErrorBody>('/api/users', { email: 'NEW.ADVISOR@northbridge.example', name: 'Again', password: 'another-long-password' });
    expect(dup.status).toBe(409);
    const weak = await admin.post<ErrorBody>('/api/users', { email: 'weak@northbridge.example', name: 'Weak', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0]?.path).toBe('password');
  });

  it('a firm admin sets a new password for a user who lost theirs, ending their sessions', async () => {
    const admin = await demo.as(DEMO.admin);
    const victim = await login(t.server, DEMO.manufacturer.viewer, DEMO_PASSWORD);
    const users = await admin.get<{ users: { id: string; email: string }[] }>('/api/users');
    const id = users.body.users.find((u) => u.email === DEMO.manufacturer.viewer)!.id;
    const advisor = await demo.as(DEMO.advisor);
    expect((await advisor.post(`/api/users/${id}/password`, { newPassword: 'a-brand-new-password' })).status).toBe(403);
    expect((await admin.post(`/api/users/${id}/password`, { newPassword: 'short' })).status).toBe(400);
    expect((await admin.post(`/api/users/${id}/password`, { newPassword: 'a-brand-new-password' })).status).toBe(200);
    expect((await victim.get('/api/me')).status).toBe(401);
    await login(t.server, DEMO.manufacturer.viewer, 'a-brand-new-password');
  });

  it('the firm\'s own trail records account events, for firm admins only', async () => {
    const admin = await demo.as(DEMO.admin);
    const res = await admin.get<{ entries: { action: string }[] }>('/api/firm/audit?limit=200');
    expect(res.status).toBe(200);
    const actions = res.body.entries.map((e) => e.action);
    expect(actions).toContain('user.create');
    expect(actions).toContain('user.password_change');
    expect((await admin.get<{ ok: boolean }>('/api/firm/audit/verify')).body.ok).toBe(true);
    expect((await (await demo.as(DEMO.advisor)).get('/api/firm/audit')).status).toBe(403);
  });

  it('stores passwords as scrypt hashes', async () => {
    const u = await t.ctx.database.db.selectFrom('users').select('password_hash').where('email', '=', DEMO.admin).executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^scrypt\$/);
    expect(u.password_hash).not.toContain(DEMO_PASSWORD);
  });

  it('a disabled user can no longer sign in and their sessions end', async () => {
    const admin = await demo.as(DEMO.admin);
    const victim = await login(t.server, DEMO.saas.viewer, DEMO_PASSWORD);
    const users = await admin.get<{ users: { id: string; email: string }[] }>('/api/users');
    const id = users.body.users.find((u) => u.email === DEMO.saas.viewer)!.id;
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await victim.get('/api/me')).status).toBe(401);
    const again = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.saas.viewer, password: DEMO_PASSWORD } });
    expect(again.statusCode).toBe(401);
  });
});

describe('audit trail', () => {
  it('records changes with who, what, before and after, newest first', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const patched = await advisor.patch(`/api/clients/${demo.clients.manufacturer}`, { employees: 310 });
    expect(patched.status).toBe(200);
    const res = await advisor.get<{ entries: { action: string; actor: string; before: { employees: number }; after: { employees: number } }[] }>(`/api/clients/${demo.clients.manufacturer}/audit?limit=5`);
    expect(res.status).toBe(200);
    const first = res.body.entries[0]!;
    expect(first.action).toBe('client.update');
    expect(first.actor).toContain('Sam Okafor');
    expect(first.before.employees).toBe(300);
    expect(first.after.employees).toBe(310);
  });

  it('pages back through the trail', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const page1 = await advisor.get<{ entries: { seq: number }[]; nextCursor: string | null }>(`/api/clients/${demo.clients.manufacturer}/audit?limit=2`);
    expect(page1.body.entries).toHaveLength(2);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await advisor.get<{ entries: { seq: number }[] }>(`/api/clients/${demo.clients.manufacturer}/audit?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.entries[0]!.seq).toBe(page1.body.entries[1]!.seq - 1);
  });

  it('a failed change leaves neither the change nor an audit entry', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const before = await advisor.get<{ entries: { seq: number }[] }>(`/api/clients/${demo.clients.accounting}/audit?limit=1`);
    const res = await advisor.post(`/api/clients/${demo.clients.accounting}/members`, { email: DEMO.accounting.viewer, role: 'viewer' });
    expect(res.status).toBe(409);
    const after = await advisor.get<{ entries: { seq: number }[] }>(`/api/clients/${demo.clients.accounting}/audit?limit=1`);
    expect(after.body.entries[0]!.seq).toBe(before.body.entries[0]!.seq);
  });

  it('verifies, and names the entry when one is edited in the database', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const ok = await advisor.get<{ ok: boolean; entries: number }>(`/api/clients/${demo.clients.accounting}/audit/verify`);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.entries).toBeGreaterThan(3);
    await t.ctx.database.db.updateTable('audit_entries').set({ actor_label: 'someone else' }).where('client_id', '=', demo.clients.accounting).where('seq', '=', 2).execute();
    const bad = await advisor.get<{ ok: boolean; failure: { seq: number } }>(`/api/clients/${demo.clients.accounting}/audit/verify`);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.failure.seq).toBe(2);
  });

  it('detects a deleted entry', async () => {
    const advisor = await demo.as(DEMO.advisor2);
    const last = await advisor.get<{ entries: { seq: number }[] }>(`/api/clients/${demo.clients.saas}/audit?limit=1`);
    await t.ctx.database.db.deleteFrom('audit_entries').where('client_id', '=', demo.clients.saas).where('seq', '=', last.body.entries[0]!.seq).execute();
    const admin = await demo.as(DEMO.admin);
    const bad = await admin.get<{ ok: boolean; failure: { seq: number } }>(`/api/clients/${demo.clients.saas}/audit/verify`);
    expect(bad.body.ok).toBe(false);
  });
});
