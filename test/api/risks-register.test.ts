import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type Response, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { OverviewOut } from '../../src/modules/risks/overview-schema.js';
import { RegisterOut, REGISTER_SORTS, type RegisterSort, type ScenarioListItem } from '../../src/modules/risks/schema.js';

/**
 * The register's list a page at a time (filtered, sorted by any offered column, the id last),
 * and the register kept per version of the client's data: every change to its scenarios,
 * treatments, appetite, settings or insurance, and every recompute's stored results (also
 * between the batches it writes them in), is in the next answer, and an ETag answers 304 only
 * while the answer is byte for byte the same.
 */

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let viewer: Caller;
let clientId: string;
let base: string;

const SCENARIOS = 41;

/** A deterministic model file: scenarios of varied size, owners and titles, some treated, some with equal figures. */
function model(n: number) {
  const risks = [];
  for (let i = 1; i <= n; i++) {
    // Every seventh is the same as the first, so sorts meet ties that the id breaks.
    const k = i % 7 === 0 ? 1 : i;
    risks.push({
      id: `R${i}`,
      name: `${['Phishing', 'ransomware', 'Outage', 'vendor breach', 'Insider'][i % 5]} scenario ${String(i).padStart(2, '0')}`,
      lossEventFrequency: { type: 'constant', value: 0.05 + (k % 9) * 0.1 },
      primaryLoss: { type: 'lognormal', low: 1_000 * k, high: 20_000 * k },
      ...(i % 4 === 0 ? { treatments: [{ id: `C${i}`, name: 'Backups', annualCost: 500, effect: { primaryLoss: { type: 'uniform', min: 0.4, max: 0.6 } } }] } : {}),
    });
  }
  return { risks };
}

async function page(caller: Caller, query: string, headers: Record<string, string> = {}): Promise<Response<RegisterOut>> {
  return caller.request<RegisterOut>('GET', `${base}${query ? `?${query}` : ''}`, undefined, headers);
}

/** Every page of the list for a query, `limit` a time; each page is checked against the response schema. */
async function walk(query: string, limit: number): Promise<{ rows: ScenarioListItem[]; total: number | null; pages: number }> {
  const rows: ScenarioListItem[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  let pages = 0;
  do {
    const res = await page(viewer, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : '&total=true'}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    RegisterOut.parse(res.body);
    if (cursor === null) total = res.body.total;
    else expect(res.body.total).toBeNull();
    rows.push(...res.body.scenarios);
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { rows, total, pages };
}

/** The key values each order sorts by, as the API documents them, the id last. */
function keysOf(s: ScenarioListItem, sort: RegisterSort): (string | number)[] {
  const r = s.result;
  switch (sort) {
    case 'ref':
      return [Number(s.ref.slice(1)), s.id];
    case 'title':
      return [s.title, s.id];
    case 'mean':
      return [r?.current.mean ?? -1, s.id];
    case 'p90':
      return [r?.current.p90 ?? -1, s.id];
    case 'share':
      return [r?.share ?? -1, s.id];
    case 'rating':
      return [r?.rating.score ?? 0, r?.current.mean ?? -1, s.id];
    case 'ownerSeat':
      return [s.ownerSeat, s.id];
    case 'status':
      return [s.status, s.id];
  }
}

function compare(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  viewer = await demo.as(DEMO.accounting.viewer);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Ledgerline Freight', sector: 'Logistics', employees: 300, annualRevenue: 80_000_000, currency: 'USD' });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  base = `/api/clients/${clientId}/risks`;
  expect((await advisor.post(`/api/clients/${clientId}/members`, { email: DEMO.accounting.viewer, role: 'viewer' })).status).toBe(201);
  const imported = await advisor.post(`${base}/import`, { model: model(SCENARIOS) });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  await t.ctx.jobs.runDue();
  // Variety for the filters: a closed one, another owner, a contributor's proposal not simulated yet.
  const all = (await page(viewer, 'limit=500')).body.scenarios;
  expect((await advisor.patch(`${base}/${all[2]!.id}`, { status: 'closed' })).status).toBe(200);
  expect((await advisor.patch(`${base}/${all[5]!.id}`, { ownerSeat: 'CTO', threat: 'Cyber criminals' })).status).toBe(200);
  const contributor = await demo.as(DEMO.accounting.contributor);
  expect((await advisor.post(`/api/clients/${clientId}/members`, { email: DEMO.accounting.contributor, role: 'contributor' })).status).toBe(201);
  expect((await contributor.post(`${base}`, { title: 'A proposal', inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 5_000 } } })).status).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('the register a page at a time', () => {
  it('walks every order, both ways: each scenario once, in the order of its keys, the id last', async () => {
    const everything = (await page(viewer, 'limit=500&total=true')).body;
    expect(everything.total).toBe(SCENARIOS + 1);
    expect(everything.nextCursor).toBeNull();
    for (const sort of REGISTER_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const { rows, total, pages } = await walk(`sort=${sort}&order=${order}`, 6);
        expect(total).toBe(SCENARIOS + 1);
        expect(pages).toBe(Math.ceil((SCENARIOS + 1) / 6));
        expect(new Set(rows.map((r) => r.id)).size).toBe(SCENARIOS + 1);
        const expected = [...everything.scenarios].sort((a, b) => compare(keysOf(a, sort), keysOf(b, sort)) * (order === 'desc' ? -1 : 1));
        expect(rows.map((r) => r.id), `${sort} ${order}`).toEqual(expected.map((r) => r.id));
      }
    }
  });

  it('answers in ref order by default, with the summary on every page, and counts only when asked', async () => {
    const first = (await page(viewer, 'limit=10')).body;
    expect(first.scenarios.map((s) => s.ref)).toEqual(Array.from({ length: 10 }, (_, i) => `R${i + 1}`));
    expect(first.total).toBeNull();
    expect(first.portfolio?.scenarioCount).toBe(SCENARIOS);
    const second = (await page(viewer, `limit=10&cursor=${encodeURIComponent(first.nextCursor!)}`)).body;
    expect(second.scenarios[0]!.ref).toBe('R11');
    expect(second.portfolio).toEqual(first.portfolio);
    expect(second.appetite).toEqual(first.appetite);
    // The default page is a hundred: this register fits in it.
    const whole = (await page(viewer, '')).body;
    expect(whole.scenarios).toHaveLength(SCENARIOS + 1);
    expect(whole.nextCursor).toBeNull();
  });

  it('filters by status, owner, proposals and words, and pages within the filter', async () => {
    const all = (await page(viewer, 'limit=500')).body.scenarios;
    const check = async (query: string, want: (s: ScenarioListItem) => boolean) => {
      const { rows, total } = await walk(`${query}&sort=mean&order=desc`, 4);
      const expected = all.filter(want);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(total, query).toBe(expected.length);
      expect(new Set(rows.map((r) => r.id)), query).toEqual(new Set(expected.map((r) => r.id)));
    };
    await check('status=open,treating,accepted', (s) => s.status !== 'closed');
    await check('status=closed', (s) => s.status === 'closed');
    await check('owner=CTO', (s) => s.ownerSeat === 'CTO');
    await check('proposed=true', (s) => s.proposed);
    await check('proposed=false&status=open', (s) => !s.proposed && s.status === 'open');
    await check('q=RANSOMWARE', (s) => s.title.toLowerCase().includes('ransomware'));
    await check('q=criminals', (s) => (s.threat ?? '').includes('criminals'));
    await check('q=r12', (s) => s.ref === 'R12');
    const none = (await page(viewer, 'q=nothing-like-it&total=true')).body;
    expect(none).toMatchObject({ scenarios: [], nextCursor: null, total: 0 });
  });

  it('refuses a cursor of another order or list, and a status that is not one, naming the field', async () => {
    const first = (await page(viewer, 'limit=5&sort=mean')).body;
    for (const query of [`sort=title&cursor=${first.nextCursor}`, `sort=mean&order=desc&cursor=${first.nextCursor}`, 'cursor=garbage', `cursor=${Buffer.from('["ref.asc","one","x"]').toString('base64url')}`]) {
      const res = await page(viewer, query) as unknown as Response<ErrorBody>;
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.map((d) => d.path), query).toContain('querystring.cursor');
    }
    const bad = await page(viewer, 'status=open,lost') as unknown as Response<ErrorBody>;
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toContain('status');
    expect((await page(viewer, 'sort=likelihood')).status).toBe(400);
    expect((await page(viewer, 'limit=501')).status).toBe(400);
  });
});

describe('the register kept between changes', () => {
  /** Reads the register, then asks again with its ETag: 304 and no body while nothing changed. */
  async function readAndRevalidate(query = 'limit=500'): Promise<{ body: RegisterOut; etag: string }> {
    const res = await page(viewer, query);
    expect(res.status).toBe(200);
    const etag = String(res.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const again = await page(viewer, query, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.body ?? '').toBe('');
    return { body: res.body, etag };
  }

  /** After a change: the same If-None-Match now gets the new answer, with another ETag. */
  async function changedSince(etag: string, query = 'limit=500'): Promise<RegisterOut> {
    const res = await page(viewer, query, { 'if-none-match': etag });
    expect(res.status, 'a change must never be answered 304').toBe(200);
    expect(res.headers.etag).not.toBe(etag);
    RegisterOut.parse(res.body);
    return res.body;
  }

  it('shows each kind of change on the next read, and never answers 304 after one', async () => {
    let { body, etag } = await readAndRevalidate();
    const target = body.scenarios.find((s) => s.ref === 'R3')!;

    // A scenario.
    expect((await advisor.patch(`${base}/${target.id}`, { title: 'Renamed scenario' })).status).toBe(200);
    let now = await changedSince(etag);
    expect(now.scenarios.find((s) => s.id === target.id)!.title).toBe('Renamed scenario');
    ({ body, etag } = await readAndRevalidate());

    // A treatment.
    const treatment = await advisor.post(`${base}/${target.id}/treatments`, { name: 'Awareness training', status: 'planned', annualCost: 1_000, effect: { lossEventFrequency: { type: 'constant', value: 0.5 } } });
    expect(treatment.status).toBe(201);
    now = await changedSince(etag);
    expect(now.scenarios.find((s) => s.id === target.id)!.treatments.planned).toBe(body.scenarios.find((s) => s.id === target.id)!.treatments.planned + 1);
    ({ body, etag } = await readAndRevalidate());

    // The appetite.
    expect((await advisor.put(`${base}/appetite`, { points: [{ loss: 1_000_000, probability: 0.1 }], statement: 'Not more than a million in one year in ten' })).status).toBe(200);
    now = await changedSince(etag);
    expect(now.appetite.points).toEqual([{ loss: 1_000_000, probability: 0.1 }]);
    ({ body, etag } = await readAndRevalidate());

    // The settings: a new seed makes every stored result stale.
    expect((await advisor.put(`${base}/settings`, { seed: 4242 })).status).toBe(200);
    now = await changedSince(etag);
    expect(now.status.stale).toBe(true);
    expect(now.status.currentInputsHash).not.toBe(body.status.currentInputsHash);
    ({ body, etag } = await readAndRevalidate());

    // Insurance changes what the company keeps: the register's inputs.
    const policy = await advisor.post(`${base}/insurance`, { name: 'Cyber', insurer: 'Northern Mutual', premium: 20_000, deductible: 10_000, limit: 1_000_000 });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    now = await changedSince(etag);
    expect(now.status.currentInputsHash).not.toBe(body.status.currentInputsHash);
    ({ body, etag } = await readAndRevalidate());

    // A finished recompute: new results, a new run, nothing stale.
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    now = await changedSince(etag);
    expect(now.status.runId).not.toBe(body.status.runId);
    expect(now.status.stale).toBe(false);
    expect(now.portfolio?.retained).not.toBeNull();
    expect(now.scenarios.filter((s) => s.result !== null).every((s) => !s.result!.stale)).toBe(true);
    await readAndRevalidate();
  });

  it('gives each scenario in the list the same entry as the scenario\u2019s own answer, after a change to one of them', async () => {
    const compare = async () => {
      const list = await page(viewer, 'limit=500');
      expect(list.status).toBe(200);
      expect(list.body.scenarios.length).toBeGreaterThan(2);
      for (const entry of list.body.scenarios) {
        const own = await viewer.get<Record<string, unknown>>(`${base}/${entry.id}`);
        expect(own.status).toBe(200);
        const fields = Object.fromEntries(Object.keys(entry).map((k) => [k, own.body[k]]));
        expect(entry, entry.ref).toEqual(fields);
        expect(Object.keys(entry).sort()).toEqual(expect.arrayContaining(['id', 'ref', 'title', 'result', 'treatments', 'links']));
      }
      return list.body;
    };
    const before = await compare();
    expect(before.scenarios.some((s) => s.result !== null)).toBe(true);
    const target = before.scenarios.find((s) => s.result !== null)!;
    // One scenario changes (its figures go stale); the others' stored figures are kept.
    expect((await advisor.patch(`${base}/${target.id}`, { title: 'Renamed again', inputs: { lossEventFrequency: { type: 'constant', value: 3 }, primaryLoss: { type: 'constant', value: 50_000 } } })).status).toBe(200);
    const after = await compare();
    expect(after.scenarios.find((s) => s.id === target.id)!.result!.stale).toBe(true);
    // The recompute after it: a new portfolio mean, so every share moves; each entry still the scenario's own.
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    const recomputed = await compare();
    expect(recomputed.portfolio!.current.mean).not.toBe(after.portfolio!.current.mean);
    const shared = recomputed.scenarios.filter((s) => s.result?.share != null && s.id !== target.id);
    expect(shared.length).toBeGreaterThan(0);
    for (const s of shared) expect(s.result!.share, s.ref).not.toBe(after.scenarios.find((a) => a.id === s.id)!.result!.share);
    // Ordered by the new shares.
    const byShare = (await page(viewer, 'limit=500&sort=share&order=desc')).body.scenarios.map((s) => s.result?.share ?? -1);
    expect(byShare).toEqual([...byShare].sort((a, b) => b - a));
    expect(byShare.length).toBe(recomputed.scenarios.length);
  });

  it('keeps no answer across a recompute that stores its results in batches: a read between two batches shows them as stored', async () => {
    // Over a hundred scenarios: the recompute writes their results a hundred at a time.
    const imported = await advisor.post(`${base}/import`, { model: model(230) });
    expect(imported.status).toBe(200);
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    expect((await advisor.put(`${base}/settings`, { seed: 777 })).status).toBe(200);
    t.clock.advance(60_000);
    const stored = async () =>
      new Map((await t.ctx.database.db.selectFrom('risk_scenario_results').select(['id', 'computed_at']).where('client_id', '=', clientId).execute()).map((r) => [r.id, r.computed_at]));
    const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([id, at]) => b.get(id) === at);
    await page(viewer, 'limit=500');
    let done = false;
    const job = t.ctx.jobs.runDue().finally(() => {
      done = true;
    });
    let settled = 0;
    let between = 0;
    for (let round = 0; !done && round < 10_000; round++) {
      // A turn of the event loop, as requests arriving over the network give the recompute.
      await new Promise((resolve) => setImmediate(resolve));
      const before = await stored();
      const read = (await page(viewer, 'limit=500')).body;
      const after = await stored();
      // Only a read during which no batch was written says what the register held.
      if (!same(before, after)) continue;
      settled += 1;
      const times = new Set(before.values());
      if (times.size > 1) between += 1;
      for (const s of read.scenarios) expect(s.result?.computedAt ?? null, s.ref).toBe(before.get(s.id) ?? null);
    }
    await job;
    expect(done).toBe(true);
    expect(settled).toBeGreaterThan(0);
    // At least one read fell between two batches (some results of the new run, some of the last).
    expect(between).toBeGreaterThan(0);
  });

  it('reads results stored before their list figures were kept as it reads the others, and the next recompute stores them', async () => {
    const listed = await page(viewer, 'limit=500');
    const db = t.ctx.database.db;
    // As results were stored before the list figures came: the columns empty (and the version
    // bumped, as a write of results does, so that the register is read again).
    await db.updateTable('risk_scenario_results').set({ list_figures: null, probability_of_loss: null }).where('client_id', '=', clientId).execute();
    await db.updateTable('risk_settings').set((eb) => ({ results_version: eb('results_version', '+', 1) })).where('client_id', '=', clientId).execute();
    const parsed = await page(viewer, 'limit=500');
    expect(parsed.status).toBe(200);
    expect(parsed.body.scenarios, 'the same entries, from the parsed results').toEqual(listed.body.scenarios);
    // Byte for byte the same answer: the same ETag.
    expect(parsed.headers.etag).toBe(listed.headers.etag);
    expect((await advisor.post(`${base}/recompute`, {})).status).toBe(202);
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    const rows = await db.selectFrom('risk_scenario_results').select(['list_figures', 'probability_of_loss']).where('client_id', '=', clientId).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.list_figures !== null && typeof r.probability_of_loss === 'number')).toBe(true);
    // The same figures, computed again (now at a later time), read from the stored list figures.
    const withoutTime = (list: ScenarioListItem[]) => list.map((e) => ({ ...e, result: e.result ? { ...e.result, computedAt: null } : null }));
    const recomputed = (await page(viewer, 'limit=500')).body.scenarios;
    expect(recomputed.filter((e) => e.result !== null).length).toBeGreaterThan(0);
    expect(withoutTime(recomputed)).toEqual(withoutTime(listed.body.scenarios));
  });

  it('keeps the overview the same way, with its own ETag', async () => {
    const first = await advisor.request<OverviewOut>('GET', `${base}/overview`);
    expect(first.status).toBe(200);
    OverviewOut.parse(first.body);
    const etag = String(first.headers.etag);
    expect((await advisor.request('GET', `${base}/overview`, undefined, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    const target = (await page(viewer, 'limit=1')).body.scenarios[0]!;
    expect((await advisor.patch(`${base}/${target.id}`, { status: 'closed' })).status).toBe(200);
    const after = await advisor.request<OverviewOut>('GET', `${base}/overview`, undefined, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body.top.map((r) => r.id)).not.toContain(target.id);
  });

  it('answers each client its own register, whatever another client\u2019s is', async () => {
    const theirs = await (await demo.as(DEMO.accounting.viewer)).get<RegisterOut>(`/api/clients/${demo.clients.accounting}/risks?limit=500`);
    const ours = (await page(viewer, 'limit=500')).body;
    expect(theirs.status).toBe(200);
    const ids = new Set(ours.scenarios.map((s) => s.id));
    expect(theirs.body.scenarios.some((s) => ids.has(s.id))).toBe(false);
    // Another client's ETag is not ours.
    expect((await page(viewer, 'limit=500', { 'if-none-match': String(theirs.headers.etag) })).status).toBe(200);
  });
});
