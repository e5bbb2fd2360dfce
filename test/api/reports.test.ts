import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import type { PackDetailOut, PackListOut, PackOut, PortfolioReport, WorstCaseReport } from '../../src/modules/reports/schema.js';
import type { OverviewOut } from '../../src/modules/risks/overview-schema.js';
import type { ScenarioDetailOut, WorstCaseOut } from '../../src/modules/risks/schema.js';
import type { ConcernOut } from '../../src/modules/governance/schema.js';
import { formatMoney } from '../../src/shared/money.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditEntry {
  action: string;
  entityId: string | null;
  after: Record<string, unknown> | null;
}
interface Raw {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  // The demo's risk registers are computed by the background job.
  await t.ctx.jobs.runDue();
  advisor = await demo.as(DEMO.advisor);
});
afterAll(async () => {
  await t.close();
});

/** A GET with the raw bytes of the answer (PDFs), as the signed-in demo user. */
async function raw(email: string, url: string): Promise<Raw> {
  let cookie = cookies.get(email);
  if (!cookie) {
    const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
    const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session');
    cookie = `triad_session=${session?.value ?? ''}`;
    cookies.set(email, cookie);
  }
  const res = await t.server.inject({ method: 'GET', url, headers: { cookie } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

function pdfText(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  expect(out.status, out.stderr?.toString()).toBe(0);
  // Lines joined, runs of spaces made one: figures and sentences can be searched for.
  return out.stdout.toString('utf8').replace(/[ \t]+/g, ' ');
}

function pdfPages(pdf: Buffer): number {
  const out = spawnSync('pdfinfo', ['-'], { input: pdf });
  expect(out.status, out.stderr?.toString()).toBe(0);
  return Number(/Pages:\s+(\d+)/.exec(out.stdout.toString())?.[1]);
}

const packs = (clientId: string) => `/api/clients/${clientId}/board-packs`;

/** Asks for a draft, runs the background job, and returns the finished draft. */
async function generate(clientId: string, quarter: string, caller: Caller = advisor): Promise<PackDetailOut> {
  const res = await caller.post<PackOut>(packs(clientId), { quarter });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.status).toBe('generating');
  await t.ctx.jobs.runDue();
  const detail = await caller.get<PackDetailOut>(`${packs(clientId)}/${res.body.id}`);
  expect(detail.status).toBe(200);
  expect(detail.body.status, detail.body.error ?? '').toBe('draft');
  return detail.body;
}

async function audit(clientId: string, action: string, caller: Caller = advisor): Promise<AuditEntry[]> {
  const res = await caller.get<{ entries: AuditEntry[] }>(`/api/clients/${clientId}/audit?limit=500`);
  return res.body.entries.filter((e) => e.action === action);
}

describe('the quarterly board pack', () => {
  it('is generated in the background with progress, and its PDF has the figures the web app shows', async () => {
    const clientId = demo.clients.manufacturer;
    const res = await advisor.post<PackOut>(packs(clientId), { quarter: '2026Q4' });
    expect(res.status).toBe(202);
    const jobs = await advisor.get<{ jobs: { kind: string; status: string; progress: number }[] }>(`/api/clients/${clientId}/jobs?kind=reports.board-pack`);
    expect(jobs.body.jobs[0]).toMatchObject({ kind: 'reports.board-pack', status: 'queued' });
    await t.ctx.jobs.runDue();
    const done = await advisor.get<{ jobs: { status: string; progress: number }[] }>(`/api/clients/${clientId}/jobs?kind=reports.board-pack`);
    expect(done.body.jobs[0]).toMatchObject({ status: 'done', progress: 1 });

    const pack = (await advisor.get<PackDetailOut>(`${packs(clientId)}/${res.body.id}`)).body;
    expect(pack.status).toBe('draft');
    expect(pack.files.map((f) => f.format)).toEqual(['html', 'pdf']);
    const content = pack.content!;
    expect(content.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // The same figures as the risk register's overview (what its web page shows).
    const overview = (await advisor.get<OverviewOut>(`/api/clients/${clientId}/risks/overview`)).body;
    expect(overview.portfolio).not.toBeNull();
    expect(content.figures.expectedLoss).toBe(overview.portfolio!.current.mean);
    expect(content.figures.p90).toBe(overview.portfolio!.current.p90);
    expect(content.figures.p99).toBe(overview.portfolio!.current.p99);
    expect(content.figures.appetite).toBe(overview.appetite.breached ? 'above' : 'within');
    const top3 = overview.top.slice(0, 3);

    const pdf = await raw(DEMO.advisor, `${packs(clientId)}/${pack.id}.pdf?download=1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="kestrel-precision-manufacturing-board-pack-2026Q4-draft.pdf"');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(pdf.body)).toBeGreaterThanOrEqual(6);
    const text = pdfText(pdf.body);
    const cur = overview.currency;
    for (const amount of [overview.portfolio!.current.mean, overview.portfolio!.current.p90, overview.portfolio!.current.p99]) expect(text).toContain(formatMoney(amount, cur));
    for (const r of top3) {
      expect(text).toContain(r.ref);
      expect(text).toContain(formatMoney(r.mean, cur));
      expect(text).toContain(formatMoney(r.p90, cur));
    }
    expect(text).toContain('Kestrel Precision Manufacturing');
    expect(text).toContain('Page 1 of');
    for (const title of ['Risk against appetite', 'Decisions for the board', 'Accepted risks and governance', 'Vendors', 'Estate lifecycle']) expect(text).toContain(title);
    // The chart is drawn: its axis and legend text is in the PDF.
    expect(text).toContain('Annual loss');
    expect(text).toContain('Risk appetite (tolerance)');
    // The disagreement, each seat's position side by side.
    expect(text).toContain('Standing remote access to the shop floor');
    expect(text).toMatch(/Opposes/);

    const html = await raw(DEMO.advisor, `${packs(clientId)}/${pack.id}.html`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toBe('inline; filename="kestrel-precision-manufacturing-board-pack-2026Q4-draft.html"');
    const page = html.body.toString('utf8');
    expect(page).toContain('<svg');
    expect(page).toContain(formatMoney(overview.portfolio!.current.mean, cur));
    // Self-contained: no scripts, no links or sources outside the page.
    expect(page).not.toMatch(/<script|<link|src=|url\((?!#)|@import|href="http/i);

    const entries = await audit(clientId, 'report.generate');
    expect(entries.some((e) => e.entityId === pack.id)).toBe(true);
    expect((await audit(clientId, 'report.draft')).some((e) => e.entityId === pack.id)).toBe(true);
  });

  it('refuses a quarter that is not one, naming the field, and unknown fields', async () => {
    const bad = await advisor.post<ErrorBody>(packs(demo.clients.accounting), { quarter: 'Q4-2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toBe('body.quarter');
    const extra = await advisor.post<ErrorBody>(packs(demo.clients.accounting), { quarter: '2026Q4', title: 'x' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.some((d) => d.path.includes('title'))).toBe(true);
    const list = await advisor.get<PackListOut>(packs(demo.clients.accounting));
    expect(list.body.packs.filter((p) => p.quarter === 'Q4-2026')).toEqual([]);
  });

  it('lets advisors generate; executives read drafts; contributors and viewers see only issued packs', async () => {
    const clientId = demo.clients.accounting;
    const draft = await generate(clientId, '2026Q3');
    for (const email of [DEMO.accounting.executive, DEMO.accounting.contributor, DEMO.accounting.viewer]) {
      const caller = await demo.as(email);
      expect((await caller.post(packs(clientId), { quarter: '2026Q3' })).status).toBe(403);
      expect((await caller.post(`${packs(clientId)}/${draft.id}/issue`, {})).status).toBe(403);
    }
    const executive = await demo.as(DEMO.accounting.executive);
    expect((await executive.get<PackListOut>(packs(clientId))).body.packs.some((p) => p.id === draft.id)).toBe(true);
    expect((await executive.get(`${packs(clientId)}/${draft.id}`)).status).toBe(200);
    const viewer = await demo.as(DEMO.accounting.viewer);
    const list = await viewer.get<PackListOut>(packs(clientId));
    expect(list.body.packs.some((p) => p.id === draft.id)).toBe(false);
    expect(list.body.can).toEqual({ generate: false, readDrafts: false });
    expect((await viewer.get(`${packs(clientId)}/${draft.id}`)).status).toBe(404);
    expect((await raw(DEMO.accounting.viewer, `${packs(clientId)}/${draft.id}.pdf`)).status).toBe(404);

    // Once issued, everyone in the client reads it.
    const issued = await advisor.post<PackDetailOut>(`${packs(clientId)}/${draft.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect((await viewer.get<PackDetailOut>(`${packs(clientId)}/${draft.id}`)).body.status).toBe('issued');
    const pdf = await raw(DEMO.accounting.viewer, `${packs(clientId)}/${draft.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toBe('inline; filename="harbor-finch-cpas-board-pack-2026Q3.pdf"');
  });

  it('a pack of another client is unreachable, by its id under any client', async () => {
    const kestrel = (await advisor.get<PackListOut>(packs(demo.clients.manufacturer))).body.packs[0]!;
    // Sam advises Harbor & Finch too, but the Kestrel pack is not Harbor & Finch's.
    expect((await advisor.get(`${packs(demo.clients.accounting)}/${kestrel.id}`)).status).toBe(404);
    expect((await raw(DEMO.advisor, `${packs(demo.clients.accounting)}/${kestrel.id}.pdf`)).status).toBe(404);
    // A member of another client gets 404 for the client and its pack.
    const outsider = await demo.as(DEMO.saas.executive);
    expect((await outsider.get(`${packs(demo.clients.manufacturer)}/${kestrel.id}`)).status).toBe(404);
    expect((await raw(DEMO.saas.executive, `${packs(demo.clients.manufacturer)}/${kestrel.id}.html`)).status).toBe(404);
    expect((await raw(DEMO.saas.executive, `${packs(demo.clients.saas)}/${kestrel.id}.pdf`)).status).toBe(404);
  });
});

describe('no blindsiding', () => {
  it('refuses to issue while a seat owes a response; the response then shows beside it', async () => {
    const clientId = demo.clients.manufacturer;
    const draft = await generate(clientId, '2026Q2');
    // Kestrel's CISO raised the access review with the CIO, who has not answered yet.
    expect(draft.owedNow.map((o) => [o.seat, o.kind])).toContainEqual(['CIO', 'concern']);
    const refused = await advisor.post<ErrorBody>(`${packs(clientId)}/${draft.id}/issue`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/the CIO \(Priya Raman\) has not yet responded/);
    expect(refused.body.error.details.map((d) => d.path)).toContain('overrideReason');
    expect((await advisor.get<PackDetailOut>(`${packs(clientId)}/${draft.id}`)).body.status).toBe('draft');

    const priya = await demo.as(DEMO.advisor2);
    const concerns = (await priya.get<{ concerns: ConcernOut[] }>(`/api/clients/${clientId}/governance/concerns?seat=CIO&state=owed`)).body.concerns;
    const concern = concerns.find((c) => c.subjectId === 'access-review-2026-q3')!;
    const answer = 'Leavers are removed in the January clean-up; purchasing rights were revoked on 1 December.';
    expect((await priya.post(`/api/clients/${clientId}/governance/concerns/${concern.id}/response`, { response: answer })).status).toBe(200);

    const issued = await advisor.post<PackDetailOut>(`${packs(clientId)}/${draft.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.content!.issue).toMatchObject({ issuedBy: 'Sam Okafor', override: null });
    const responses = issued.body.content!.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'responses' ? b.items : []));
    expect(responses.find((r) => r.about.startsWith('Access review'))).toMatchObject({ seat: 'CIO', state: 'responded', response: answer });
    const text = pdfText((await raw(DEMO.advisor, `${packs(clientId)}/${draft.id}.pdf`)).body);
    expect(text).toContain('Leavers are removed in the January clean-up');
    expect(text).not.toContain('DRAFT');
  });

  it('an advisor may issue anyway with a recorded reason, which the audit trail and the pack keep', async () => {
    const clientId = demo.clients.manufacturer;
    const draft = await generate(clientId, '2026Q3');
    // The CISO writes about the CIO's vendors in this pack's vendor section.
    const raised = await advisor.post<ConcernOut>(`/api/clients/${clientId}/governance/concerns`, {
      subjectType: 'report-section',
      subjectId: 'board-pack:2026Q3:vendors',
      subjectTitle: 'Board pack Q3 2026: vendors',
      seat: 'CIO',
      summary: 'Three critical vendors have never been assessed.',
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const refused = await advisor.post<ErrorBody>(`${packs(clientId)}/${draft.id}/issue`, {});
    expect(refused.status).toBe(409);
    const short = await advisor.post<ErrorBody>(`${packs(clientId)}/${draft.id}/issue`, { overrideReason: 'late' });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]!.path).toBe('body.overrideReason');
    const reason = 'The board meets tomorrow; the CIO is travelling and has seen the draft.';
    const issued = await advisor.post<PackDetailOut>(`${packs(clientId)}/${draft.id}/issue`, { overrideReason: reason });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.overrideReason).toBe(reason);
    expect(issued.body.content!.issue!.override!.owed).toContainEqual(expect.objectContaining({ seat: 'CIO', subjectId: 'board-pack:2026Q3:vendors' }));
    const vendors = issued.body.content!.sections.find((s) => s.key === 'vendors')!;
    expect(vendors.blocks.some((b) => b.kind === 'responses' && b.items.some((i) => i.state === 'owed' && i.concern.startsWith('Three critical vendors')))).toBe(true);
    const entry = (await audit(clientId, 'report.issue.override')).find((e) => e.entityId === draft.id)!;
    expect(entry.after).toMatchObject({ overrideReason: reason, status: 'issued' });
    const text = pdfText((await raw(DEMO.advisor, `${packs(clientId)}/${draft.id}.pdf`)).body);
    expect(text).toContain('Issued while responses were still owed');
    expect(text).toContain('The board meets tomorrow');
  });
});

describe('snapshots and the change since last quarter', () => {
  let clientId: string;
  const risks = () => `/api/clients/${clientId}/risks`;
  const constant = (lef: number, loss: number) => ({ lossEventFrequency: { type: 'constant', value: lef }, primaryLoss: { type: 'constant', value: loss } });

  beforeAll(async () => {
    const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Quarry & Vale LLP', sector: 'Legal', employees: 60, annualRevenue: 9_000_000, currency: 'EUR' });
    expect(created.status).toBe(201);
    clientId = created.body.id;
  });

  it('a client with no records yet still gets a pack that says what is missing', async () => {
    const draft = await generate(clientId, '2026Q4');
    expect(draft.content!.figures.expectedLoss).toBeNull();
    const text = pdfText((await raw(DEMO.advisor, `${packs(clientId)}/${draft.id}.pdf`)).body);
    expect(text).toContain('no computed figures yet');
    expect(text).toContain('No contract renews');
  });

  it('issuing freezes the quarter; a later change shows next quarter and never alters the issued pack', async () => {
    const make = async (caller: Caller, title: string, lef: number, loss: number) => {
      const res = await caller.post<ScenarioDetailOut>(risks(), { title, ownerSeat: 'CISO', inputs: constant(lef, loss) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const big = await make(advisor, 'Client files encrypted by ransomware', 0.5, 400_000);
    const small = await make(advisor, 'Partner laptop stolen', 1, 20_000);
    const gone = await make(advisor, 'Fax server abused', 0.5, 10_000);
    expect((await advisor.put(`${risks()}/appetite`, { points: [{ loss: 100_000, probability: 0.5 }, { loss: 1_000_000, probability: 0.05 }] })).status).toBe(200);
    await t.ctx.jobs.runDue();
    const before = (await advisor.get<OverviewOut>(`${risks()}/overview`)).body;

    const q4 = await generate(clientId, '2026Q4');
    const issued = await advisor.post<PackDetailOut>(`${packs(clientId)}/${q4.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.content!.figures.expectedLoss).toBe(before.portfolio!.current.mean);
    expect(issued.body.content!.comparison).toBeNull();
    const frozenPdf = (await raw(DEMO.advisor, `${packs(clientId)}/${q4.id}.pdf`)).body;
    const frozenHtml = (await raw(DEMO.advisor, `${packs(clientId)}/${q4.id}.html`)).body;
    expect(pdfText(frozenPdf)).toContain(formatMoney(before.portfolio!.current.mean, 'EUR'));
    // The audit trail's head when issued is printed: an anchor with the board.
    const trail = issued.body.content!.issue!.auditTrail!;
    expect(trail.entries).toBeGreaterThan(0);
    expect(pdfText(frozenPdf).replace(/\s+/g, '')).toContain(trail.headHash);
    expect(frozenHtml.toString('utf8')).toContain(`Audit trail when issued: ${trail.entries.toLocaleString('en-US')} entries`);

    // An issued quarter is never generated again, and there is no route to change it.
    const again = await advisor.post<ErrorBody>(packs(clientId), { quarter: '2026Q4' });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0]!.path).toBe('quarter');
    expect((await advisor.post<ErrorBody>(`${packs(clientId)}/${q4.id}/issue`, {})).status).toBe(409);
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) expect((await advisor.request(method, `${packs(clientId)}/${q4.id}`, method === 'DELETE' ? undefined : {})).status).toBe(404);

    // Next quarter (sessions do not last that long: sign in again): a risk grows, one is closed, one is new.
    t.clock.set('2027-02-10T09:00:00.000Z');
    cookies.clear();
    try {
      const next = await login(t.server, DEMO.advisor, DEMO_PASSWORD);
      expect((await next.patch(`${risks()}/${small.id}`, { inputs: constant(1, 900_000) })).status).toBe(200);
      expect((await next.patch(`${risks()}/${gone.id}`, { status: 'closed' })).status).toBe(200);
      const added = await make(next, 'Court filing deadline missed after an outage', 0.2, 150_000);
      await t.ctx.jobs.runDue();
      const after = (await next.get<OverviewOut>(`${risks()}/overview`)).body;
      expect(after.portfolio!.current.mean).not.toBe(before.portfolio!.current.mean);

      const list = (await next.get<PackListOut>(packs(clientId))).body;
      expect(list.currentQuarter).toBe('2027Q1');
      const q1 = await generate(clientId, '2027Q1', next);
      const c = q1.content!.comparison!;
      expect(c.previousQuarter).toBe('2026Q4');
      expect(c.previousPackId).toBe(q4.id);
      expect(c.expectedLoss).toMatchObject({ before: before.portfolio!.current.mean, after: after.portfolio!.current.mean });
      expect(c.newRisks.map((r) => r.id)).toEqual([added.id]);
      expect(c.closedRisks.map((r) => r.id)).toEqual([gone.id]);
      const moved = c.moved.find((m) => m.id === small.id)!;
      expect(moved).toMatchObject({ rankBefore: 2, rankAfter: 1 });
      expect(moved.meanAfter!).toBeGreaterThan(moved.meanBefore!);
      expect(c.moved.find((m) => m.id === big.id)).toMatchObject({ rankBefore: 1, rankAfter: 2 });
      const text = pdfText((await raw(DEMO.advisor, `${packs(clientId)}/${q1.id}.pdf`)).body);
      expect(text).toContain('Change since the last pack');
      expect(text).toContain('New: Court filing deadline missed after an outage');
      expect(text).toContain('Closed: Fax server abused');
      expect(text).toContain('Partner laptop stolen (R2) moved from number 2 to 1');

      // The issued pack is as it was: content, PDF and HTML, byte for byte.
      const q4Now = (await next.get<PackDetailOut>(`${packs(clientId)}/${q4.id}`)).body;
      expect(q4Now.contentHash).toBe(issued.body.contentHash);
      expect(q4Now.content).toEqual(issued.body.content);
      expect((await raw(DEMO.advisor, `${packs(clientId)}/${q4.id}.pdf`)).body.equals(frozenPdf)).toBe(true);
      expect((await raw(DEMO.advisor, `${packs(clientId)}/${q4.id}.html`)).body.equals(frozenHtml)).toBe(true);
      expect(pdfText(frozenPdf)).not.toContain('Court filing deadline');

      // Issued packs are listed per client, newest quarter first.
      const issuedQ1 = await next.post<PackDetailOut>(`${packs(clientId)}/${q1.id}/issue`, {});
      expect(issuedQ1.status).toBe(200);
      const listed = (await next.get<PackListOut>(packs(clientId))).body.packs;
      expect(listed.map((p) => [p.quarter, p.status])).toEqual([
        ['2027Q1', 'issued'],
        ['2026Q4', 'issued'],
      ]);
      expect(listed[0]!.comparedToQuarter).toBe('2026Q4');
      const entry = (await audit(clientId, 'report.issue', next)).find((e) => e.entityId === q1.id)!;
      expect(entry.after).toMatchObject({ quarter: '2027Q1', comparedToPackId: q4.id, pdfSha256: listed[0]!.files.find((f) => f.format === 'pdf')!.sha256 });
    } finally {
      t.clock.set('2026-11-26T09:00:00.000Z');
      cookies.clear();
      // Expired sessions are cleared away while the clock is in 2027: the later tests sign in again.
      demo.forgetSessions();
      advisor = await demo.as(DEMO.advisor);
    }
  });
});

describe('the ransomware worst case', () => {
  it('gives the range, its assumptions and the treatments\u2019 yearly cost, as JSON, a one-page PDF and HTML', async () => {
    const clientId = demo.clients.accounting;
    const mine = (await advisor.get<WorstCaseReport>(`/api/clients/${clientId}/reports/worst-case`)).body;
    const register = (await advisor.get<WorstCaseOut>(`/api/clients/${clientId}/risks/worst-case`)).body;
    expect(mine.range).toEqual({ low: register.low, expected: register.expected, high: register.high });
    expect(mine.assumptions).toEqual(register.assumptions);
    expect(mine.lines).toEqual(register.lines);
    expect(mine.treatments.length).toBeGreaterThan(0);
    expect(mine.costs.inPlaceOrPlannedAnnual).toBe(mine.treatments.filter((x) => x.status !== 'proposed').reduce((s, x) => s + x.annualCost, 0));
    const pdf = await raw(DEMO.accounting.viewer, `/api/clients/${clientId}/reports/worst-case.pdf?download=1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="harbor-finch-cpas-ransomware-worst-case.pdf"');
    expect(pdfPages(pdf.body)).toBe(1);
    const text = pdfText(pdf.body);
    expect(text).toContain(formatMoney(register.expected, register.currency));
    expect(text).toContain(formatMoney(register.high, register.currency));
    expect(text).toContain('How each figure is derived');
    expect(text).toContain('Assumptions');
    const html = await raw(DEMO.accounting.viewer, `/api/clients/${clientId}/reports/worst-case.html`);
    // Each part with the line that says how it was derived.
    for (const c of register.components) expect(html.body.toString()).toContain(c.label);
    expect(html.body.toString()).toContain('How each figure is derived');
    expect(html.body.toString()).not.toMatch(/<script|src=|href="http/i);
  });
});

describe('the firm\u2019s portfolio report', () => {
  it('shows an advisor only the clients they may see, in JSON, PDF and HTML', async () => {
    const report = (await advisor.get<PortfolioReport>('/api/reports/portfolio')).body;
    const names = report.rows.map((r) => r.name);
    expect(names).toContain('Harbor & Finch CPAs');
    expect(names).toContain('Kestrel Precision Manufacturing');
    expect(names).not.toContain('Lumen Analytics');
    expect(report.rows.every((r) => r.clientId !== demo.clients.saas)).toBe(true);
    const kestrel = report.rows.find((r) => r.clientId === demo.clients.manufacturer)!;
    const overview = (await advisor.get<OverviewOut>(`/api/clients/${demo.clients.manufacturer}/risks/overview`)).body;
    expect(kestrel.expectedLoss).toBe(overview.portfolio!.current.mean);
    expect(kestrel.appetite).toBe('above');
    expect(kestrel.openEscalations).toBe(1);
    expect(kestrel.lastIssuedQuarter).not.toBeNull();

    const pdf = await raw(DEMO.advisor, '/api/reports/portfolio.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body);
    expect(text).toContain('Kestrel Precision Manufacturing');
    expect(text).toContain(formatMoney(kestrel.expectedLoss!, kestrel.currency));
    expect(text).not.toContain('Lumen');
    const html = (await raw(DEMO.advisor, '/api/reports/portfolio.html')).body.toString();
    expect(html).toContain('Harbor &amp; Finch CPAs');
    expect(html).not.toContain('Lumen');

    const priya = (await (await demo.as(DEMO.advisor2)).get<PortfolioReport>('/api/reports/portfolio')).body;
    expect(priya.rows.map((r) => r.name).sort()).toEqual(['Kestrel Precision Manufacturing', 'Lumen Analytics']);
    const admin = (await (await demo.as(DEMO.admin)).get<PortfolioReport>('/api/reports/portfolio')).body;
    expect(admin.rows.length).toBeGreaterThanOrEqual(3);
  });

  it('is not for client members', async () => {
    const member = await demo.as(DEMO.manufacturer.executive);
    expect((await member.get<ErrorBody>('/api/reports/portfolio')).status).toBe(403);
    expect((await raw(DEMO.manufacturer.executive, '/api/reports/portfolio.pdf')).status).toBe(403);
    expect((await t.server.inject({ method: 'GET', url: '/api/reports/portfolio' })).statusCode).toBe(401);
  });
});

describe('the API description', () => {
  it('describes the PDF and HTML downloads', async () => {
    const doc = (await advisor.get<{ paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> }>('/api/openapi.json')).body;
    const pdf = doc.paths['/api/clients/{clientId}/board-packs/{packId}.pdf']!.get!.responses['200']!;
    expect(Object.keys(pdf.content!)).toEqual(['application/pdf']);
    expect(JSON.stringify(pdf.content)).toContain('binary');
    expect(Object.keys(doc.paths['/api/clients/{clientId}/board-packs/{packId}.html']!.get!.responses['200']!.content!)).toEqual(['text/html']);
    expect(doc.paths['/api/reports/portfolio.pdf']).toBeDefined();
  });
});

describe('a draft whose job gave up', () => {
  it('says it failed and why, instead of "generating", when its server died on every attempt', async () => {
    const clientId = demo.clients.manufacturer;
    const res = await advisor.post<PackOut>(packs(clientId), { quarter: '2025Q2' });
    expect(res.status).toBe(202);
    const db = t.ctx.database.db;
    const job = await db.selectFrom('jobs').selectAll().where('kind', '=', 'reports.board-pack').where('status', '=', 'queued').where('client_id', '=', clientId).executeTakeFirstOrThrow();
    // A server claimed it for the last time and died: its lease ran out long ago.
    await db.updateTable('jobs').set({ status: 'running', attempts: 3, worker: 'gone:1', started_at: '2026-11-26T08:00:00.000Z', lease_until: '2026-11-26T08:00:20.000Z' }).where('id', '=', job.id).execute();
    expect(await t.ctx.jobs.reapExpired()).toBe(1);
    const pack = await advisor.get<PackDetailOut>(`${packs(clientId)}/${res.body.id}`);
    expect(pack.body.status).toBe('failed');
    expect(pack.body.error).toMatch(/the server running it stopped before it finished/);
  });
});
