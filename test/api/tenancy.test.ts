import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { can, type Permission } from '../../src/server/policy.js';
import type { MemberRole } from '../../src/server/db/platform-tables.js';

/**
 * Walks every client-scoped route the server has (modules added later are covered without
 * touching this file): a member of another client gets 404 on all of them, whatever the
 * method, path or body; each role gets 403 exactly where the declared policy says so.
 */
let t: TestApp;
let demo: DemoWorld;
const FAKE_ID = '01a21868-f316-7442-9b0f-a2c51213f029';

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
});
afterAll(async () => {
  await t.close();
});

function clientRoutes() {
  return t.server.triadRoutes.filter((r) => r.url.startsWith('/api/clients/:clientId'));
}

function urlFor(template: string, clientId: string): string {
  return template.replace(':clientId', clientId).replace(/:[A-Za-z]+/g, FAKE_ID);
}

async function call(caller: Caller, method: string, url: string) {
  const hasBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
  return caller.request<{ error?: { code: string } }>(method, url, hasBody ? {} : undefined);
}

describe('tenancy', () => {
  it('every client route declares the permission it needs', () => {
    const missing = clientRoutes().filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(clientRoutes().length).toBeGreaterThan(5);
  });

  it('a member of another client gets 404 on every client route, as for a client that does not exist', async () => {
    const outsiders: Caller[] = [await demo.as(DEMO.saas.executive), await demo.as(DEMO.saas.contributor), await demo.as(DEMO.advisor2)];
    const failures: string[] = [];
    for (const outsider of outsiders) {
      for (const r of clientRoutes()) {
        const res = await call(outsider, r.method, urlFor(r.url, demo.clients.accounting));
        if (res.status !== 404 || res.body.error?.code !== 'NOT_FOUND') failures.push(`${r.method} ${r.url} -> ${res.status}`);
        const ghost = await call(outsider, r.method, urlFor(r.url, FAKE_ID));
        if (ghost.status !== 404) failures.push(`${r.method} ${r.url} (no such client) -> ${ghost.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('each role gets 403 exactly where the policy denies it', async () => {
    const roles: [MemberRole, string][] = [
      ['advisor', DEMO.advisor],
      ['executive', DEMO.accounting.executive],
      ['contributor', DEMO.accounting.contributor],
      ['viewer', DEMO.accounting.viewer],
    ];
    const failures: string[] = [];
    for (const [role, email] of roles) {
      const caller = await demo.as(email);
      for (const r of clientRoutes()) {
        const res = await call(caller, r.method, urlFor(r.url, demo.clients.accounting));
        const allowed = can(role, r.permission as Permission);
        if (!allowed && res.status !== 403) failures.push(`${role} ${r.method} ${r.url}: expected 403, got ${res.status}`);
        if (allowed && (res.status === 403 || res.status === 401)) failures.push(`${role} ${r.method} ${r.url}: expected access, got ${res.status}`);
        if (res.status >= 500) failures.push(`${role} ${r.method} ${r.url}: server error ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the client list never names a client the caller may not see', async () => {
    const contributor = await demo.as(DEMO.manufacturer.contributor);
    const res = await contributor.get<{ clients: { id: string }[] }>('/api/clients');
    expect(res.body.clients.map((c) => c.id)).toEqual([demo.clients.manufacturer]);
  });
});
