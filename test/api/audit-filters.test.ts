import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { ClientScope } from '../../src/server/context.js';
import { systemActor } from '../../src/server/firm.js';
import { clientInfo } from '../../src/modules/clients/clients.js';
import type { AuditFacetsOut, AuditPageOut } from '../../src/modules/audit/schema.js';

/**
 * The audit trail's filters — days, person, kind, action, one record — alone and together, on
 * its pages, its export and the firm's own trail; and the 400s of filters that are not valid.
 * A client made for the test holds a trail whose every entry the test wrote, at known times.
 */
let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let base: string;
let clientId: string;
const ids = { advisor: '', contributor: '', executive: '', outsider: '' };
let systemId = '';
let vendorId = '';

type ErrorOut = { error: { code: string; message: string; details: { path: string; message: string }[] } };

async function as(caller: Caller) {
  return (await caller.get<{ user: { id: string } }>('/api/me')).body.user.id;
}

/** Every entry a query's pages hold, walking the cursor with small pages. */
async function walk(query: string, limit = 2): Promise<number[]> {
  const seqs: number[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: AuditPageOut } = await advisor.get<AuditPageOut>(`${base}/audit?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seqs.push(...res.body.entries.map((e) => e.seq));
    cursor = res.body.nextCursor;
  } while (cursor);
  return seqs;
}

async function list(query: string): Promise<AuditPageOut> {
  const res = await advisor.get<AuditPageOut>(`${base}/audit?limit=500&total=true${query ? `&${query}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const actions = (p: AuditPageOut) => p.entries.map((e) => e.action);

/** Moves the clock, and signs the two people in again (a session lasts hours, not days). */
async function at(time: string) {
  t.clock.set(time);
  demo.forgetSessions();
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
  ids.advisor = await as(advisor);
  ids.contributor = await as(contributor);
  ids.executive = await as(await demo.as(DEMO.accounting.executive));
  ids.outsider = await as(await demo.as(DEMO.saas.executive));

  // 2026-12-01 10:00 UTC: the advisor makes the client and its members.
  await at('2026-12-01T10:00:00.000Z');
  const made = await advisor.post<{ id: string }>('/api/clients', { name: 'Filter Test GmbH', currency: 'EUR' });
  clientId = made.body.id;
  base = `/api/clients/${clientId}`;
  expect((await advisor.post(`${base}/members`, { email: DEMO.accounting.contributor, role: 'contributor' })).status).toBe(201);
  expect((await advisor.post(`${base}/members`, { email: DEMO.accounting.executive, role: 'executive' })).status).toBe(201);
  // 2026-12-01 23:30 UTC (00:30 on 2 December in Berlin): the contributor adds a system.
  await at('2026-12-01T23:30:00.000Z');
  systemId = (await contributor.post<{ id: string }>(`${base}/estate/systems`, { name: 'File server' })).body.id;
  // 2026-12-02 08:00: the contributor changes it; Triad itself records something.
  await at('2026-12-02T08:00:00.000Z');
  expect((await contributor.patch(`${base}/estate/systems/${systemId}`, { owner: 'IT' })).status).toBe(200);
  const row = await t.ctx.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
  await new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'risk engine'), 'advisor').write((w) => w.audit({ action: 'risk.results.compute', entityType: 'risk_results', entityId: null, after: { scenarios: 0 } }));
  // 2026-12-03 12:00: the advisor adds a vendor and changes the system.
  await at('2026-12-03T12:00:00.000Z');
  vendorId = (await advisor.post<{ id: string }>(`${base}/estate/vendors`, { name: 'Acme Hosting' })).body.id;
  expect((await advisor.patch(`${base}/estate/systems/${systemId}`, { location: 'Basement' })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('the audit trail\'s filters', () => {
  it('without filters: every entry, newest first, counted when asked', async () => {
    const all = await list('');
    expect(all.total).toBe(all.entries.length);
    // The advisor who made the client became its first member.
    expect(actions(all)).toEqual(['system.update', 'vendor.create', 'risk.results.compute', 'system.update', 'system.create', 'member.add', 'member.add', 'member.add', 'client.create']);
    expect(all.entries.map((e) => e.seq)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await advisor.get<AuditPageOut>(`${base}/audit`)).body.total).toBeNull();
  });

  it('by days, inclusive at both ends, in UTC unless a time zone is given', async () => {
    expect(actions(await list('from=2026-12-02'))).toEqual(['system.update', 'vendor.create', 'risk.results.compute', 'system.update']);
    expect(actions(await list('to=2026-12-01'))).toEqual(['system.create', 'member.add', 'member.add', 'member.add', 'client.create']);
    expect(actions(await list('from=2026-12-02&to=2026-12-02'))).toEqual(['risk.results.compute', 'system.update']);
    // 23:30 UTC on the 1st is 00:30 on the 2nd in Berlin.
    expect(actions(await list('from=2026-12-02&to=2026-12-02&timeZone=Europe/Berlin'))).toEqual(['risk.results.compute', 'system.update', 'system.create']);
    expect(actions(await list('to=2026-12-01&timeZone=America/New_York'))).toEqual(['system.create', 'member.add', 'member.add', 'member.add', 'client.create']);
    expect((await list('from=2026-12-04')).entries).toEqual([]);
    expect((await list('from=2026-12-04')).total).toBe(0);
  });

  it('by person, and by Triad itself', async () => {
    const byContributor = await list(`actor=${ids.contributor}`);
    expect(actions(byContributor)).toEqual(['system.update', 'system.create']);
    expect(byContributor.entries.every((e) => e.actorId === ids.contributor)).toBe(true);
    expect(actions(await list(`actor=${ids.advisor}`))).toEqual(['system.update', 'vendor.create', 'member.add', 'member.add', 'member.add', 'client.create']);
    expect(actions(await list('actor=system'))).toEqual(['risk.results.compute']);
    // A member who has changed nothing is a person of the trail: no entries, not an error.
    expect((await list(`actor=${ids.executive}`)).total).toBe(0);
  });

  it('by kind, by action and by one record', async () => {
    expect(actions(await list('entityType=system'))).toEqual(['system.update', 'system.update', 'system.create']);
    expect(actions(await list('action=system.update'))).toEqual(['system.update', 'system.update']);
    expect(actions(await list(`entityType=system&entityId=${systemId}`))).toEqual(['system.update', 'system.update', 'system.create']);
    expect(actions(await list(`entityType=vendor&entityId=${vendorId}`))).toEqual(['vendor.create']);
    expect((await list(`entityType=vendor&entityId=${systemId}`)).total).toBe(0);
    expect((await list('entityType=nothing-of-the-kind')).total).toBe(0);
  });

  it('filters together keep only what every one of them keeps', async () => {
    expect(actions(await list(`actor=${ids.contributor}&from=2026-12-02`))).toEqual(['system.update']);
    expect(actions(await list(`actor=${ids.advisor}&entityType=system&entityId=${systemId}`))).toEqual(['system.update']);
    expect(actions(await list(`actor=${ids.advisor}&action=member.add&to=2026-12-01`))).toEqual(['member.add', 'member.add', 'member.add']);
    expect(actions(await list('actor=system&entityType=risk_results&from=2026-12-02&to=2026-12-02'))).toEqual(['risk.results.compute']);
    expect((await list(`actor=${ids.contributor}&entityType=vendor`)).total).toBe(0);
    expect((await list(`actor=${ids.advisor}&from=2026-12-02&to=2026-12-02`)).total).toBe(0);
  });

  it('pages through the filtered entries with the cursor, each once', async () => {
    expect(await walk('')).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await walk(`actor=${ids.advisor}`)).toEqual([9, 8, 4, 3, 2, 1]);
    expect(await walk(`entityType=system&from=2026-12-02`, 1)).toEqual([9, 6]);
    const first = await advisor.get<AuditPageOut>(`${base}/audit?limit=3&total=true&actor=${ids.advisor}`);
    expect(first.body.total).toBe(6);
    expect(first.body.nextCursor).not.toBeNull();
  });

  it('the export holds the same entries as the pages with the same filters, oldest first', async () => {
    const queries = ['', 'from=2026-12-02&timeZone=Europe/Berlin', `actor=${ids.advisor}`, 'actor=system', `entityType=system&entityId=${systemId}`, 'action=member.add', `actor=${ids.contributor}&from=2026-12-02&to=2026-12-03`];
    for (const q of queries) {
      const page = await list(q);
      const csv = await advisor.download(`${base}/audit/export?format=csv${q ? `&${q}` : ''}`);
      expect(csv.status).toBe(200);
      expect(String(csv.headers['content-disposition'])).toMatch(/^attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"$/);
      const rows = parse<Record<string, string>>(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true });
      expect(rows.map((r) => Number(r.Seq)), q).toEqual(page.entries.map((e) => e.seq).reverse());
      expect(rows.map((r) => r.Action), q).toEqual(actions(page).reverse());

      const xlsx = await advisor.download(`${base}/audit/export?format=xlsx${q ? `&${q}` : ''}`);
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const seqs: number[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) seqs.push(Number(row.getCell(1).value));
      });
      expect(seqs, q).toEqual(page.entries.map((e) => e.seq).reverse());
    }
  });

  it('offers as people those who made entries and the members, with Triad itself last; as kinds those it holds', async () => {
    const res = await advisor.get<AuditFacetsOut>(`${base}/audit/facets`);
    expect(res.status).toBe(200);
    const people = res.body.people.map((p) => [p.actor, p.entries, p.member]);
    expect(people.at(-1)).toEqual(['system', 1, false]);
    expect(people).toContainEqual([ids.advisor, 6, true]);
    expect(people).toContainEqual([ids.contributor, 2, true]);
    expect(people).toContainEqual([ids.executive, 0, true]);
    expect(people).toHaveLength(4);
    const names = res.body.people.slice(0, -1).map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const system = res.body.kinds.find((k) => k.entityType === 'system')!;
    expect(system).toEqual({ entityType: 'system', entries: 3, actions: [{ action: 'system.create', entries: 1 }, { action: 'system.update', entries: 2 }] });
    expect(res.body.kinds.map((k) => k.entityType)).toEqual(['client', 'member', 'risk_results', 'system', 'vendor']);
  });
});

describe('filters that are not valid are refused, naming each field', () => {
  async function refused(query: string, paths: string[], route = 'audit') {
    const res = await advisor.get<ErrorOut>(`${base}/${route}?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d) => d.path), query).toEqual(paths);
    return res.body.error;
  }

  it('a `to` before `from`, a day that is not one, a time zone that does not exist', async () => {
    const err = await refused('from=2026-12-03&to=2026-12-01', ['querystring.to']);
    expect(err.message).toBe('To must not be before from (2026-12-03).');
    await refused('from=2026-02-30', ['querystring.from']);
    await refused('to=yesterday', ['querystring.to']);
    await refused('from=2026-12-1', ['querystring.from']);
    const tz = await refused('from=2026-12-01&timeZone=Mars/Olympus_Mons', ['querystring.timeZone']);
    expect(tz.message).toMatch(/^Time zone is not a time zone/);
  });

  it('a person who is not one of the trail: unknown, of another client, or not an id', async () => {
    await refused('actor=01a21868-f316-7442-9b0f-a2c51213f029', ['querystring.actor']);
    const err = await refused(`actor=${ids.outsider}`, ['querystring.actor']);
    expect(err.message).toMatch(/^Actor is not a person of this trail/);
    await refused('actor=Sam', ['querystring.actor']);
  });

  it('a record id without its kind, and every problem at once', async () => {
    await refused(`entityId=${systemId}`, ['querystring.entityId']);
    const err = await refused(`from=2026-12-03&to=2026-12-01&actor=nobody&entityId=x&timeZone=Nowhere`, ['querystring.timeZone', 'querystring.to', 'querystring.entityId', 'querystring.actor']);
    expect(err.message).toMatch(/\(and 3 more problems\)\.$/);
  });

  it('the export refuses the same, and so does a cursor of another list', async () => {
    await refused('from=2026-12-03&to=2026-12-01', ['querystring.to'], 'audit/export');
    await refused('actor=01a21868-f316-7442-9b0f-a2c51213f029&format=xlsx', ['querystring.actor'], 'audit/export');
    const other = Buffer.from(JSON.stringify(['name', 'x', 'y'])).toString('base64url');
    await refused(`cursor=${other}`, ['querystring.cursor']);
  });
});

describe('the firm\'s own trail', () => {
  it('takes the same filters, exports them and names its people (firm admins only)', async () => {
    const admin = await demo.as(DEMO.admin);
    const adminId = await as(admin);
    expect((await admin.post('/api/me/calendar-feeds', { name: 'Renewals' })).status).toBe(201);
    const mine = await admin.get<AuditPageOut>(`/api/firm/audit?actor=${adminId}&limit=500&total=true`);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.entries.every((e) => e.actorId === adminId)).toBe(true);
    const created = await admin.get<AuditPageOut>('/api/firm/audit?action=user.create&limit=500&total=true');
    expect(created.body.total).toBeGreaterThan(0);
    expect(created.body.entries.every((e) => e.action === 'user.create')).toBe(true);
    expect((await admin.get<AuditPageOut>(`/api/firm/audit?action=user.create&actor=${adminId}&total=true`)).body.total).toBe(0);

    const csv = await admin.download(`/api/firm/audit/export?actor=${adminId}`);
    expect(csv.status).toBe(200);
    const rows = parse<Record<string, string>>(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.map((r) => Number(r.Seq))).toEqual(mine.body.entries.map((e) => e.seq).reverse());

    const facets = await admin.get<AuditFacetsOut>('/api/firm/audit/facets');
    expect(facets.body.people.map((p) => p.actor)).toContain(adminId);
    expect(facets.body.people.every((p) => !p.member)).toBe(true);

    // Any user of the firm is a person of its trail; a made-up id is not.
    expect((await admin.get(`/api/firm/audit?actor=${ids.outsider}`)).status).toBe(200);
    expect((await admin.get<ErrorOut>('/api/firm/audit?actor=01a21868-f316-7442-9b0f-a2c51213f029')).body.error.details[0]!.path).toBe('querystring.actor');

    for (const path of ['/api/firm/audit', '/api/firm/audit/export', '/api/firm/audit/facets']) expect((await advisor.get(path)).status, path).toBe(403);
  });
});
