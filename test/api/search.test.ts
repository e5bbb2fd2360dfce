import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, TestApp } from '../support/app.js';
import { startTestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { otherFirm } from '../support/transfer.js';
import type { SearchKind, SearchResult, SearchResults } from '../../src/modules/search/schema.js';

/**
 * The global search: each kind is found by part of its name, across the clients a person may
 * see and in no other; the query is taken literally; bad queries are refused; nothing is audited.
 */

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller; // Sam: advisor of Harbor & Finch and Kestrel, not of Lumen
let admin: Caller;
let margaret: Caller; // executive of Harbor & Finch only
let robert: Caller; // executive of Kestrel only
let harbor: string;
let kestrel: string;
let lumen: string;
const made: Record<string, string> = {};
let names: Record<string, string> = {};

async function find(caller: Caller, q: string, limit?: number): Promise<SearchResult[]> {
  const res = await caller.get<SearchResults>(`/api/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`);
  expect(res.status).toBe(200);
  return res.body.results;
}
const of = (results: SearchResult[], kind: SearchKind): SearchResult[] => results.filter((r) => r.kind === kind);

/** Adds a vendor, system, service, data set and decision named with `word` to a client, as its advisor. */
async function seedWord(caller: Caller, clientId: string, word: string): Promise<void> {
  const base = `/api/clients/${clientId}`;
  const posts: [string, string, unknown][] = [
    ['vendor', `${base}/estate/vendors`, { name: `${word} Cloud Backup` }],
    ['system', `${base}/estate/systems`, { name: `${word} NAS`, assetTag: `${word.toUpperCase()}-01` }],
    ['service', `${base}/estate/services`, { name: `${word} invoicing` }],
    ['dataset', `${base}/estate/datasets`, { name: `${word} customer ledger` }],
    ['decision', `${base}/governance/decisions`, { title: `Replace ${word} appliances`, proposal: 'Proceed.', seats: ['CIO'], options: [] }],
  ];
  for (const [kind, url, body] of posts) {
    const res = await caller.post<{ id: string }>(url, body);
    expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(201);
    made[`${clientId}:${kind}`] = res.body.id;
  }
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  ({ accounting: harbor, manufacturer: kestrel, saas: lumen } = demo.clients);
  names = Object.fromEntries((await t.ctx.database.db.selectFrom('clients').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  margaret = await demo.as(DEMO.accounting.executive);
  robert = await demo.as(DEMO.manufacturer.executive);
  await seedWord(advisor, harbor, 'Quokka');
  await seedWord(advisor, kestrel, 'Quokka');
  await seedWord(await demo.as(DEMO.advisor2), lumen, 'Quokka');
});
afterAll(async () => {
  await t.close();
});

describe('what the search finds', () => {
  it('finds vendors, systems, services, data sets and decisions by part of their name, with their client and their page', async () => {
    const results = await find(advisor, 'quokka');
    const expected: [SearchKind, string, (id: string) => string][] = [
      ['vendor', 'Quokka Cloud Backup', (id) => `/clients/${harbor}/vendors/${id}`],
      ['system', 'Quokka NAS', (id) => `/clients/${harbor}/estate/systems?system=${id}`],
      ['service', 'Quokka invoicing', () => `/clients/${harbor}/estate`],
      ['dataset', 'Quokka customer ledger', () => `/clients/${harbor}/data`],
      ['decision', 'Replace Quokka appliances', (id) => `/clients/${harbor}/governance/decisions/${id}`],
    ];
    for (const [kind, title, path] of expected) {
      const hits = of(results, kind);
      // Sam sees Harbor & Finch and Kestrel: one of each, never Lumen's.
      expect(hits.map((h) => h.clientName).sort(), kind).toEqual([names[harbor], names[kestrel]].sort());
      const inHarbor = hits.find((h) => h.clientId === harbor)!;
      expect(inHarbor).toMatchObject({ kind, title, id: made[`${harbor}:${kind}`], path: path(made[`${harbor}:${kind}`]!) });
    }
    expect(results.some((r) => r.clientId === lumen)).toBe(false);
    // Grouped by kind, in the schema's order.
    const kinds = results.map((r) => r.kind);
    expect(kinds).toEqual(['system', 'system', 'service', 'service', 'vendor', 'vendor', 'dataset', 'dataset', 'decision', 'decision']);
  });

  it('finds a system by its asset tag, without regard to case', async () => {
    const hits = of(await find(margaret, 'QUOKKA-0'), 'system');
    expect(hits.map((h) => [h.title, h.detail, h.clientId])).toEqual([['Quokka NAS', 'QUOKKA-01', harbor]]);
  });

  it('finds risk scenarios by title or reference, clients by name, pages and people', async () => {
    const scenario = await t.ctx.database.db.selectFrom('risk_scenarios').select(['id', 'ref', 'title']).where('client_id', '=', harbor).orderBy('ref_number').executeTakeFirstOrThrow();
    const byTitle = of(await find(margaret, scenario.title.slice(0, 40)), 'scenario');
    expect(byTitle[0]).toMatchObject({ id: scenario.id, title: scenario.title, detail: scenario.ref, clientId: harbor, path: `/clients/${harbor}/risks/${scenario.id}` });
    const byRef = of(await find(margaret, scenario.ref), 'scenario');
    expect(byRef[0]).toMatchObject({ id: scenario.id, clientId: harbor });

    expect(of(await find(advisor, 'kestrel'), 'client')).toEqual([
      { kind: 'client', id: kestrel, title: names[kestrel], detail: expect.any(String) as string, clientId: kestrel, clientName: names[kestrel], path: `/clients/${kestrel}` },
    ]);

    const roadmaps = of(await find(advisor, 'roadmap'), 'page');
    expect(roadmaps.map((p) => [p.title, p.clientId, p.path])).toEqual([
      ['Roadmap', harbor, `/clients/${harbor}/roadmap`],
      ['Roadmap', kestrel, `/clients/${kestrel}/roadmap`],
    ]);

    const people = of(await find(advisor, 'margaret'), 'person');
    expect(people.map((p) => [p.title, p.clientId, p.path])).toEqual([['Margaret Finch', harbor, `/clients/${harbor}/members`]]);
    expect(people[0]!.detail).toBe('margaret@harborfinch.example · Executive');
    // By e-mail address too.
    expect(of(await find(advisor, 'robert@kestrel'), 'person').map((p) => p.clientId)).toEqual([kestrel]);
  });

  it('orders each kind by best match: the exact name, then names that start with the query, then the rest', async () => {
    for (const name of ['Blue Ocelot', 'Ocelot Systems', 'OCELOT', 'Acme (Ocelot reseller)']) {
      expect((await advisor.post(`/api/clients/${harbor}/estate/vendors`, { name })).status).toBe(201);
    }
    const hits = of(await find(margaret, 'ocelot'), 'vendor');
    expect(hits.map((h) => h.title)).toEqual(['OCELOT', 'Ocelot Systems', 'Acme (Ocelot reseller)', 'Blue Ocelot']);
    expect(of(await find(margaret, 'ocelot', 2), 'vendor').map((h) => h.title)).toEqual(['OCELOT', 'Ocelot Systems']);
  });

  it('gives a firm admin every client of the firm and the firm\'s users; an advisor only the clients they serve', async () => {
    const adminHits = await find(admin, 'quokka');
    expect(new Set(of(adminHits, 'vendor').map((h) => h.clientId))).toEqual(new Set([harbor, kestrel, lumen]));
    const staff = of(await find(admin, 'priya'), 'person').filter((p) => p.clientId === null);
    expect(staff).toEqual([{ kind: 'person', id: expect.any(String) as string, title: 'Priya Raman', detail: DEMO.advisor2, clientId: null, clientName: null, path: '/admin/users' }]);
    // Sam is not a firm admin: Priya is found only as a member of Kestrel, which they share.
    expect(of(await find(advisor, 'priya'), 'person').map((p) => p.clientId)).toEqual([kestrel]);
  });

  it('is not written to the audit trail', async () => {
    const count = async (): Promise<number> => Number((await t.ctx.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await find(admin, 'quokka');
    await find(margaret, 'ocelot');
    expect(await count()).toBe(before);
  });
});

describe('who finds what', () => {
  it('never shows a member of one client anything of another client', async () => {
    // Margaret (Harbor & Finch) and Robert (Kestrel) search the same word: each finds their own client's records only.
    for (const [caller, own] of [[margaret, harbor], [robert, kestrel]] as const) {
      const results = await find(caller, 'quokka', 20);
      expect(results.length).toBe(5);
      expect(results.every((r) => r.clientId === own)).toBe(true);
    }
    // Another client's name, its people and its records are not found at all.
    expect(await find(margaret, 'Kestrel')).toEqual([]);
    expect(await find(margaret, 'robert')).toEqual([]);
    expect(await find(margaret, 'Lumen')).toEqual([]);
    const vendorNames = async (clientId: string): Promise<string[]> => (await t.ctx.database.db.selectFrom('estate_vendors').select('name').where('client_id', '=', clientId).orderBy('name').execute()).map((v) => v.name);
    const harborVendors = new Set(await vendorNames(harbor));
    const kestrelOnly = (await vendorNames(kestrel)).filter((n) => !harborVendors.has(n) && n.length <= 100);
    expect(kestrelOnly.length).toBeGreaterThan(0);
    for (const name of kestrelOnly) {
      expect(of(await find(margaret, name), 'vendor').filter((v) => v.title === name), name).toEqual([]);
    }
    const kestrelVendor = { name: kestrelOnly[0]! };
    expect(of(await find(robert, kestrelVendor.name), 'vendor').map((v) => v.clientId)).toContain(kestrel);
  });

  it('shows another firm nothing of this one', async () => {
    const other = await otherFirm(t.ctx, t.server, 'Elsewhere IT', 'admin@elsewhere.example');
    expect(await find(other.admin, 'quokka')).toEqual([]);
    expect(await find(other.admin, 'Harbor')).toEqual([]);
    expect(await find(other.admin, 'margaret')).toEqual([]);
  });
});

describe('the query', () => {
  it('takes %, _ and ! literally', async () => {
    for (const name of ['99.9% Uptime Hosting', '9 to 5 Staffing', 'Snake_Case Labs', 'Pierce Consulting', 'Bang! Networks', 'Bangor Freight']) {
      expect((await advisor.post(`/api/clients/${harbor}/estate/vendors`, { name })).status).toBe(201);
    }
    expect(of(await find(margaret, '9%'), 'vendor').map((v) => v.title)).toEqual(['99.9% Uptime Hosting']);
    expect(of(await find(margaret, 'e_c'), 'vendor').map((v) => v.title)).toEqual(['Snake_Case Labs']);
    expect(of(await find(margaret, 'g!'), 'vendor').map((v) => v.title)).toEqual(['Bang! Networks']);
    // A bare wildcard matches only names that contain it.
    expect(await find(margaret, '%%')).toEqual([]);
    const underscores = await find(margaret, '__');
    expect(underscores).toEqual([]);
  });

  it('refuses a query shorter than 2 or longer than 100 characters, once trimmed, with the field named', async () => {
    const cases: [string, string][] = [
      ['/api/search?q=a', 'querystring.q'],
      [`/api/search?q=${encodeURIComponent('   a   ')}`, 'querystring.q'],
      [`/api/search?q=${'x'.repeat(101)}`, 'querystring.q'],
      ['/api/search', 'querystring.q'],
      ['/api/search?q=ok&limit=0', 'querystring.limit'],
      ['/api/search?q=ok&limit=21', 'querystring.limit'],
      ['/api/search?q=ok&kind=vendor', 'querystring.kind'],
    ];
    for (const [url, path] of cases) {
      const res = await margaret.get<{ error: { code: string; message: string; details: { path: string; message: string }[] } }>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.details.map((d) => d.path), url).toContain(path);
    }
    // Exactly 100 characters is searched.
    expect((await margaret.get(`/api/search?q=${'x'.repeat(100)}`)).status).toBe(200);
    // Spaces around the query are not part of it.
    const padded = await margaret.get<SearchResults>(`/api/search?q=${encodeURIComponent('  quokka nas  ')}`);
    expect(padded.body.query).toBe('quokka nas');
    expect(of(padded.body.results, 'system').map((s) => s.title)).toEqual(['Quokka NAS']);
  });

  it('answers 401 without a session', async () => {
    const res = await t.server.inject({ method: 'GET', url: '/api/search?q=quokka' });
    expect(res.statusCode).toBe(401);
  });
});
