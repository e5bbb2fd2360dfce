import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/** A change that takes no input (delete, close, submit…) refuses a body rather than ignore it. */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

const CHANGES = ['POST', 'PUT', 'PATCH', 'DELETE'];
const SOME_ID = '01900000-0000-7000-8000-000000000000';

let t: TestApp;
let advisor: Caller;
let admin: Caller;
let executive: Caller;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  executive = await demo.as(DEMO.accounting.executive);
  clientId = demo.clients.accounting;
});
afterAll(async () => {
  await t.close();
});

function expectNoBody(res: { status: number; body: unknown }, where: string): void {
  expect(res.status, `${where}: ${JSON.stringify(res.body)}`).toBe(400);
  const { error } = res.body as ErrorBody;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.details).toEqual([{ path: 'body', message: 'must be empty: this request takes no body' }]);
}

describe('changes that take no body', () => {
  it('a delete with a body is refused and deletes nothing; without one, or with {}, it deletes', async () => {
    const base = `/api/clients/${clientId}/risks`;
    const make = async (title: string): Promise<string> =>
      (await advisor.post<{ id: string }>(base, { title, inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1_000 } } })).body.id;
    const first = await make('Laptop stolen from a car');
    const second = await make('Payroll file sent to the wrong person');

    expectNoBody(await advisor.request('DELETE', `${base}/${first}`, { reason: 'duplicate' }), 'DELETE with a reason');
    expectNoBody(await advisor.request('DELETE', `${base}/${first}`, [first]), 'DELETE with an array');
    expect((await advisor.get(`${base}/${first}`)).status).toBe(200);

    expect((await advisor.delete(`${base}/${first}`)).status).toBeLessThan(300);
    expect((await advisor.request('DELETE', `${base}/${second}`, {})).status).toBeLessThan(300);
    expect((await advisor.get(`${base}/${first}`)).status).toBe(404);
    expect((await advisor.get(`${base}/${second}`)).status).toBe(404);
  });

  it('an action with a string, an array or null is refused in the reader\u2019s language; with {} it runs', async () => {
    const json = { 'content-type': 'application/json' };
    for (const payload of ['"x"', '[]', 'null', '{"secret":"mine"}']) {
      expectNoBody(await advisor.request('POST', '/api/me/mfa/setup', payload, json), `mfa setup with ${payload}`);
    }
    const de = await advisor.request('POST', '/api/me/mfa/setup', '[]', { ...json, 'accept-language': 'de' });
    expect(de.status).toBe(400);
    expect((de.body as ErrorBody).error.message).toBe('Diese Anfrage nimmt keinen Inhalt; senden Sie keinen oder ein leeres JSON-Objekt.');
    const ok = await advisor.post<{ secret?: string }>('/api/me/mfa/setup', {});
    expect(ok.status).toBe(200);
    expect(typeof ok.body.secret).toBe('string');
  });

  it('every change route without a body schema refuses one, before it looks for the record', async () => {
    const routes = t.server.triadRoutes.filter((r) => CHANGES.includes(r.method) && r.input.body === undefined && !r.input.consumes && !r.public);
    // Deleting, closing, submitting, setting up two-step sign-in, signing out…
    expect(routes.length).toBeGreaterThanOrEqual(30);
    for (const r of routes) {
      const url = r.url.replace(':clientId', clientId).replace(/:[A-Za-z]+/g, SOME_ID);
      // The first of the people whose role allows the change (a role is checked before the body).
      let res = await advisor.request(r.method, url, { unexpected: true });
      for (const other of [executive, admin]) if (res.status === 403) res = await other.request(r.method, url, { unexpected: true });
      expectNoBody(res, `${r.method} ${r.url}`);
    }
  });

  it('routes that read a body of their own still read it: a CSV import\u2019s dry run', async () => {
    const csv = 'Name,Category\nFront desk PC,Workstation\n';
    const res = await advisor.request<{ dryRun?: boolean }>('POST', `/api/clients/${clientId}/estate/import/systems?dryRun=true`, csv, { 'content-type': 'text/csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dryRun).toBe(true);
  });
});
