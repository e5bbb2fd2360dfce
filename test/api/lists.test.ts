import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { clientInfo, getClientRow } from '../../src/modules/clients/clients.js';
import { notify } from '../../src/modules/notifications/api.js';
import { ClientScope } from '../../src/server/context.js';
import { systemActor } from '../../src/server/firm.js';

/**
 * The one list convention (src/shared/paging.ts) on the lists outside the estate and the audit
 * trail: governance decisions, acceptances and concerns, notifications, the e-mail outbox and
 * jobs. Walking every page gives each row once, newest first (created_at, then id, descending);
 * the total is counted only when asked; a cursor that is not the list's is refused, naming it.
 */

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Page {
  nextCursor: string | null;
  total: number | null;
}
type Row = { id: string; createdAt: string };

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let viewer: Caller;
let clientId: string;
let base: string;
let viewerId: string;

const DECISIONS = 23;
const CONCERNS = 12;
const ACCEPTANCES = 7;
const NOTIFICATIONS = 17;
const JOBS = 13;

/** Every page of a list, `limit` rows a time; checks each page's shape as it goes. */
async function walk<R extends Row>(caller: Caller, url: string, key: string, limit: number): Promise<{ rows: R[]; pages: number; total: number | null }> {
  const rows: R[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total: number | null = null;
  const sep = url.includes('?') ? '&' : '?';
  do {
    const res: { status: number; body: Page & Record<string, unknown> } = await caller.get<Page & Record<string, unknown>>(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : '&total=true'}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const page = res.body[key] as R[];
    expect(page.length).toBeLessThanOrEqual(limit);
    if (cursor === null) total = res.body.total;
    // Asked only on the first page: the others say null.
    else expect(res.body.total).toBeNull();
    if (res.body.nextCursor !== null) expect(page).toHaveLength(limit);
    rows.push(...page);
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { rows, pages, total };
}

/** Newest first: created_at descending, then id descending. */
function expectNewestFirst(rows: readonly Row[]): void {
  const sorted = [...rows].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
  expect(rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
}

async function expectBadCursor(caller: Caller, url: string): Promise<void> {
  for (const cursor of ['not-a-cursor', Buffer.from(JSON.stringify(['newest', 'x'])).toString('base64url'), Buffer.from(JSON.stringify(['ref.asc', 1, 'x'])).toString('base64url')]) {
    const res = await caller.get<ErrorBody>(`${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toContain('querystring.cursor');
  }
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  viewer = await demo.as(DEMO.accounting.viewer);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Listwell Partners', sector: 'Professional services', employees: 40, annualRevenue: 6_000_000, currency: 'USD' });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  base = `/api/clients/${clientId}`;
  expect((await advisor.post(`${base}/members`, { email: DEMO.accounting.viewer, role: 'viewer' })).status).toBe(201);
  viewerId = (await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', DEMO.accounting.viewer).executeTakeFirstOrThrow()).id;
  // The CISO seat held, so that concerns about it owe a response.
  expect((await advisor.post(`${base}/members`, { email: DEMO.accounting.executive, role: 'executive' })).status).toBe(201);
  const executiveId = (await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', DEMO.accounting.executive).executeTakeFirstOrThrow()).id;
  const seat = await advisor.put(`${base}/governance/seats/CISO`, { holderUserId: executiveId, reportsTo: 'CEO' });
  expect(seat.status, JSON.stringify(seat.body)).toBe(200);

  // Rows made at the same instant share created_at (the id orders them), others a minute apart.
  for (let i = 0; i < DECISIONS; i++) {
    if (i % 4 === 0) t.clock.advance(60_000);
    const res = await advisor.post(`${base}/governance/decisions`, { title: `Decision ${i + 1}`, proposal: 'Do it', seats: ['CIO'] });
    expect(res.status).toBe(201);
  }
  for (let i = 0; i < CONCERNS; i++) {
    if (i % 3 === 0) t.clock.advance(60_000);
    const res = await advisor.post(`${base}/governance/concerns`, { subjectType: 'finding', subjectId: `F-${i + 1}`, subjectTitle: `Finding ${i + 1}`, seat: 'CISO', summary: 'Concerns the CISO' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  for (let i = 0; i < ACCEPTANCES; i++) {
    const risk = await advisor.post<{ id: string }>(`${base}/risks`, { title: `Accepted risk ${i + 1}`, inputs: { lossEventFrequency: { type: 'constant', value: 0.1 }, primaryLoss: { type: 'constant', value: 1000 } } });
    expect(risk.status).toBe(201);
    if (i % 2 === 0) t.clock.advance(60_000);
    const res = await advisor.post(`${base}/governance/acceptances`, { riskIds: [risk.body.id], justification: 'Small enough to carry', expiresOn: '2027-03-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const row = await getClientRow(t.ctx, clientId);
  const scope = new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor');
  for (let i = 0; i < NOTIFICATIONS; i++) {
    if (i % 5 === 0) t.clock.advance(60_000);
    await scope.write(async (w) => {
      await notify(w, { to: { userIds: [viewerId] }, kind: 'test.note', title: `Note ${i + 1}` });
      await w.audit({ action: 'test.note', entityType: 'note', entityId: String(i) });
    });
  }
  for (let i = 0; i < JOBS; i++) {
    if (i % 6 === 0) t.clock.advance(60_000);
    await t.ctx.jobs.enqueue({ kind: 'test.listed', clientId, payload: { i } });
  }
});
afterAll(async () => {
  await t.close();
});

describe('a page at a time, newest first', () => {
  it('walks decisions, acceptances and concerns: each row once, in order, as many as the total says', async () => {
    for (const [path, key, count] of [
      ['governance/decisions', 'decisions', DECISIONS],
      ['governance/acceptances', 'acceptances', ACCEPTANCES],
      ['governance/concerns', 'concerns', CONCERNS],
    ] as const) {
      const all = await walk<Row>(viewer, `${base}/${path}`, key, 5);
      expect(all.rows, path).toHaveLength(count);
      expect(all.total, path).toBe(count);
      expect(all.pages).toBe(Math.ceil(count / 5));
      expectNewestFirst(all.rows);
      // One page holding all of them says there is no next one.
      const one = await viewer.get<Page & Record<string, Row[]>>(`${base}/${path}?limit=500`);
      expect(one.body[key]!.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
      expect(one.body.nextCursor).toBeNull();
      expect(one.body.total).toBeNull();
    }
  });

  it('pages within a filter, and counts only what the filter matches', async () => {
    const requested = await walk<Row & { status: string }>(viewer, `${base}/governance/acceptances?status=requested`, 'acceptances', 3);
    expect(requested.rows).toHaveLength(ACCEPTANCES);
    expect(requested.rows.every((a) => a.status === 'requested')).toBe(true);
    const none = await viewer.get<Page & { acceptances: unknown[] }>(`${base}/governance/acceptances?status=approved&total=true`);
    expect(none.body).toMatchObject({ acceptances: [], nextCursor: null, total: 0 });
    const owed = await walk<Row & { state: string }>(viewer, `${base}/governance/concerns?state=owed`, 'concerns', 4);
    expect(owed.rows.map((c) => c.state)).toEqual(new Array<string>(CONCERNS).fill('owed'));
    // Past their date, the same concerns are lapsed: the filter follows, in SQL.
    t.clock.advanceDays(30);
    // Sessions end meanwhile: sign in again.
    demo.forgetSessions();
    advisor = await demo.as(DEMO.advisor);
    viewer = await demo.as(DEMO.accounting.viewer);
    expect((await viewer.get<{ total: number }>(`${base}/governance/concerns?state=owed&total=true`)).body.total).toBe(0);
    const lapsed = await walk<Row & { state: string }>(viewer, `${base}/governance/concerns?state=lapsed`, 'concerns', 4);
    expect(lapsed.rows.map((c) => c.id)).toEqual(owed.rows.map((c) => c.id));
    expect(lapsed.total).toBe(CONCERNS);
  });

  it('walks a person\u2019s notifications across clients, and a client\u2019s e-mails', async () => {
    const mine = await walk<Row & { clientId: string }>(viewer, `/api/notifications?clientId=${clientId}`, 'notifications', 4);
    expect(mine.rows.filter((n) => n.clientId === clientId)).toHaveLength(NOTIFICATIONS);
    expect(mine.total).toBe(NOTIFICATIONS);
    expectNewestFirst(mine.rows);
    const everywhere = await walk<Row>(viewer, '/api/notifications', 'notifications', 7);
    expectNewestFirst(everywhere.rows);
    expect(everywhere.rows.length).toBe(everywhere.total);
    const page = await viewer.get<{ unread: number; total: number | null }>('/api/notifications?limit=1');
    expect(page.body.unread).toBeGreaterThanOrEqual(NOTIFICATIONS);
    expect(page.body.total).toBeNull();
    // The outbox held an e-mail for each (no SMTP server here).
    const emails = await walk<Row>(advisor, `${base}/notifications/outbox`, 'emails', 6);
    expect(emails.rows.length).toBeGreaterThanOrEqual(NOTIFICATIONS);
    expect(emails.total).toBe(emails.rows.length);
    expectNewestFirst(emails.rows);
  });

  it('walks a client\u2019s jobs, of one kind or all', async () => {
    const listed = await walk<Row & { kind: string }>(viewer, `${base}/jobs?kind=test.listed`, 'jobs', 5);
    expect(listed.rows).toHaveLength(JOBS);
    expect(listed.rows.every((j) => j.kind === 'test.listed')).toBe(true);
    expectNewestFirst(listed.rows);
    const all = await walk<Row>(viewer, `${base}/jobs`, 'jobs', 8);
    expect(all.rows.length).toBe(all.total);
    expect(all.rows.length).toBeGreaterThan(JOBS);
    expectNewestFirst(all.rows);
  });

  it('continues after the last row sent when rows are added meanwhile', async () => {
    const first = await viewer.get<Page & { decisions: Row[] }>(`${base}/governance/decisions?limit=10`);
    t.clock.advance(60_000);
    expect((await advisor.post(`${base}/governance/decisions`, { title: 'Added while paging', proposal: 'Do it', seats: ['CTO'] })).status).toBe(201);
    const second = await viewer.get<Page & { decisions: Row[] }>(`${base}/governance/decisions?limit=10&cursor=${first.body.nextCursor}`);
    const all = (await viewer.get<{ decisions: Row[] }>(`${base}/governance/decisions?limit=500`)).body.decisions;
    // The new one is first in the list, and not on the second page: that goes on from the tenth.
    expect(all[0]!.id).not.toBe(first.body.decisions[0]!.id);
    expect(second.body.decisions.map((d) => d.id)).toEqual(all.slice(11, 21).map((d) => d.id));
  });
});

describe('what a list refuses', () => {
  it('refuses a cursor it did not give, naming `cursor`', async () => {
    for (const path of [`${base}/governance/decisions`, `${base}/governance/acceptances`, `${base}/governance/concerns`, '/api/notifications', `${base}/notifications/outbox`, `${base}/jobs`]) {
      await expectBadCursor(path.startsWith('/api/notifications') ? viewer : advisor, path);
    }
  });

  it('refuses a limit out of range and an unknown parameter', async () => {
    for (const q of ['limit=0', 'limit=501', 'limit=ten', 'total=yes', 'page=2']) {
      const res = await viewer.get<ErrorBody>(`${base}/governance/decisions?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});
