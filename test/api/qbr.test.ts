import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentListOut, GapsOut, MaturityOut } from '../../src/modules/controls/schema.js';
import type { PackDetailOut, PackOut, PortfolioReport, QbrContent } from '../../src/modules/reports/schema.js';
import type { RoadmapOut } from '../../src/modules/roadmap/schema.js';
import { freshStorage, startTestApp, type Caller, type TestApp, type TestStorage } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { reportDate } from '../../src/shared/reports/words.js';

let storage: TestStorage;
let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let base: string;

function pdfText(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  expect(out.status, out.stderr?.toString()).toBe(0);
  return out.stdout.toString('utf8').replace(/[ \t]+/g, ' ');
}

async function raw(email: string, url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const login = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  const session = (login.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session');
  const res = await t.server.inject({ method: 'GET', url, headers: { cookie: `triad_session=${session?.value ?? ''}` } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

beforeAll(async () => {
  storage = await freshStorage();
  t = await startTestApp({ storage });
  demo = await seedDemoWorld(t.ctx, t.server);
  await t.ctx.jobs.runDue();
  advisor = await demo.as(DEMO.advisor);
  base = `/api/clients/${demo.clients.accounting}`;
});
afterAll(async () => {
  await t.close();
});

describe('the quarterly business review', () => {
  it('has the summary first, then done last quarter, the roadmap for the next four, the budget, what falls due, maturity and risk in money', async () => {
    const res = await (await demo.as(DEMO.accounting.viewer)).get<QbrContent>(`${base}/reports/qbr?quarter=2026Q4`);
    expect(res.status).toBe(200);
    const q = res.body;
    expect(q.quarter.label).toBe('Q4 2026');
    expect(q.previousQuarter.label).toBe('Q3 2026');
    expect(q.sections.map((s) => s.key)).toEqual(['summary', 'done', 'roadmap', 'budget', 'lifecycle', 'maturity', 'risk']);
    expect(q.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(q.figures.doneLastQuarter).toBe(1);
    expect(q.figures.budgetVariance).toBeCloseTo(q.figures.budgetForecast! - q.figures.budgetPlan!, 6);
    expect(q.figures.riskReducedByRoadmap).toBeGreaterThan(0);
    const roadmap = q.sections.find((s) => s.key === 'roadmap')!;
    expect(roadmap.blocks.filter((b) => b.kind === 'table').map((b) => (b.kind === 'table' ? b.caption : ''))).toEqual(['Q4 2026', 'Q1 2027', 'Q2 2027', 'Q3 2027']);
    const budget = q.sections.find((s) => s.key === 'budget')!;
    expect(budget.blocks.some((b) => b.kind === 'chart' && b.chart.type === 'budget-months')).toBe(true);
    expect(JSON.stringify(budget.blocks)).toContain('Contract renewal not in the plan');
    expect((await advisor.get(`${base}/reports/qbr?quarter=2026-4`)).status).toBe(400);
  });

  it('reports maturity against the framework as the controls module has it, and what the roadmap does about the largest gaps', async () => {
    const q = (await advisor.get<QbrContent>(`${base}/reports/qbr?quarter=2026Q4`)).body;
    const section = q.sections.find((s) => s.key === 'maturity')!;
    const list = (await advisor.get<AssessmentListOut>(`${base}/controls/assessments`)).body.assessments;
    const signed = list.find((a) => a.status === 'completed')!;
    const open = list.find((a) => a.status === 'in_progress')!;
    const m = (await advisor.get<MaturityOut>(`${base}/controls/assessments/${signed.id}/maturity`)).body;
    const provisional = (await advisor.get<MaturityOut>(`${base}/controls/assessments/${open.id}/maturity`)).body;
    const one = (x: number | null) => (x === null ? '-' : x.toFixed(1));
    // The latest signed-off assessment, current against target, overall and by function.
    expect(section.title).toBe('Security maturity');
    expect(section.lead).toBe(`Against NIST Cybersecurity Framework 2.0, Harbor & Finch CPAs stands at tier ${one(m.overall.current)} of 4 on average, against a target of ${one(m.overall.target)} (${signed.title}, signed off ${reportDate(signed.completedAt)}).`);
    const figures = section.blocks.find((b) => b.kind === 'figures')!;
    expect(figures.kind === 'figures' && figures.items.map((f) => [f.label, f.value])).toEqual([
      ['Maturity now', `${one(m.overall.current)} of 4`],
      ['Target', `${one(m.overall.target)} of 4`],
      ['Below target', String(m.overall.gaps)],
      // Only one assessment is signed off: the change shows from the next one.
      ['Since the last assessment', 'First review'],
    ]);
    const byFunction = section.blocks.find((b) => b.kind === 'table' && b.columns[0]!.label === 'Function')!;
    expect(byFunction.kind === 'table' && byFunction.rows.map((r) => [r.cells.group, r.cells.current, r.cells.target, r.cells.gaps])).toEqual(
      m.functions.map((f) => [f.title.charAt(0) + f.title.slice(1).toLowerCase(), one(f.current), one(f.target), String(f.gaps)]),
    );
    expect(section.blocks.some((b) => b.kind === 'chart' && b.chart.type === 'maturity' && b.chart.groups.length === m.functions.length)).toBe(true);
    // The change since the signed-off assessment, from the one under way.
    const d = Math.round((provisional.overall.current! - m.overall.current!) * 10) / 10;
    const under = section.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith(`${open.title} is under way`))!;
    expect(under.kind === 'paragraph' && under.text).toContain(`provisionally at tier ${one(provisional.overall.current)} (${d === 0 ? 'unchanged' : `${d > 0 ? 'up' : 'down'} ${Math.abs(d).toFixed(1)}`} on ${signed.title})`);
    // The five largest gaps by money at stake, and the initiative that closes each.
    const gaps = (await advisor.get<GapsOut>(`${base}/controls/assessments/${signed.id}/gaps`)).body.gaps.slice(0, 5);
    const roadmap = (await advisor.get<RoadmapOut>(`${base}/roadmap`)).body.initiatives;
    const table = section.blocks.find((b) => b.kind === 'table' && b.columns.some((c) => c.key === 'roadmap'))!;
    if (table.kind !== 'table') throw new Error('no gap table');
    const expected = gaps.map((g) => {
      const i = roadmap.find((x) => ['proposed', 'approved', 'in_progress'].includes(x.status) && x.outcomes.some((o) => o.controlId === g.controlId && o.catalogueId === signed.catalogue.id));
      return [g.controlId, i ? `${i.ref}, ${i.targetQuarterLabel}` : 'Not yet'];
    });
    expect(table.rows.map((r) => [r.cells.outcome!.split(' ')[0], r.cells.roadmap])).toEqual(expected);
    // The demo turned the network monitoring gap into an initiative for next quarter.
    expect(expected.find(([id]) => id === 'DE.CM-01')![1]).toMatch(/^I\d+, Q1 2027$/);
    const covered = expected.filter(([, r]) => r !== 'Not yet').length;
    // The summary page says it in a sentence.
    const summary = q.sections[0]!.blocks.find((b) => b.kind === 'list')!;
    expect(summary.kind === 'list' && summary.items.map((i) => i.text)).toContain(`${section.lead} ${covered} of the 5 largest gaps by money at stake ${covered === 1 ? 'has' : 'have'} an initiative on the roadmap.`);
  });

  it('comes as a PDF and an HTML page with the same words', async () => {
    const pdf = await raw(DEMO.accounting.executive, `${base}/reports/qbr.pdf?quarter=2026Q4&download=1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toBe('attachment; filename="harbor-finch-cpas-qbr-2026Q4.pdf"');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.body);
    for (const words of ['Harbor & Finch CPAs', 'Done in Q3 2026', 'Roadmap, next four quarters', 'IT budget against actual', 'Replacements and renewals due', 'Security maturity', 'On the roadmap', 'The largest gaps, by money at stake', 'Risk in money', 'Security awareness training for all staff']) expect(text).toContain(words);
    const html = await raw(DEMO.accounting.executive, `${base}/reports/qbr.html?quarter=2026Q4`);
    expect(html.status).toBe(200);
    const page = html.body.toString();
    expect(page).toContain('<h2>Roadmap, next four quarters</h2>');
    expect(page).toContain('<h2>Security maturity</h2>');
    expect(page).toContain('On the roadmap');
    expect(page).not.toMatch(/<script|src="http/);
    // Another client's advisor gets nothing.
    expect((await raw(DEMO.saas.executive, `${base}/reports/qbr.pdf`)).status).toBe(404);
  });

  it('the board pack gains the IT budget against actual and the roadmap', async () => {
    const res = await advisor.post<PackOut>(`${base}/board-packs`, { quarter: '2026Q4' });
    expect(res.status).toBe(202);
    await t.ctx.jobs.runDue();
    const pack = await advisor.get<PackDetailOut>(`${base}/board-packs/${res.body.id}`);
    expect(pack.body.status, pack.body.error ?? '').toBe('draft');
    const sections = pack.body.content!.sections;
    expect(sections.slice(-2).map((s) => [s.key, s.number, s.title])).toEqual([
      ['budget', 8, 'IT budget against actual'],
      ['roadmap', 9, 'Roadmap'],
    ]);
    expect(sections.find((s) => s.key === 'budget')!.lead).toMatch(/^FY2027 \(May 2026 \u2013 Apr 2027\) is forecast at \$[\d,]+ against a plan of \$[\d,]+/);
  });

  it('the firm\u2019s portfolio report shows budget variance and initiatives due', async () => {
    const res = await advisor.get<PortfolioReport>('/api/reports/portfolio');
    expect(res.status).toBe(200);
    const harbor = res.body.rows.find((r) => r.name === 'Harbor & Finch CPAs')!;
    expect(harbor.budgetLabel).toBe('FY2027');
    expect(typeof harbor.budgetVariance).toBe('number');
    expect(harbor.initiativesDue).toBeGreaterThanOrEqual(1);
    const pdf = await raw(DEMO.advisor, '/api/reports/portfolio.pdf');
    const text = pdfText(pdf.body);
    expect(text).toContain('Budget variance');
    expect(text).toContain('Initiatives due');
  });

  it('`triad report qbr` writes the PDF and the HTML, on the database the server uses', async () => {
    await t.stop();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-qbr-'));
    try {
      const env = cliEnv(storage);
      const out = path.join(dir, 'qbr.pdf');
      const pdf = await runCli(['report', 'qbr', '--client', demo.clients.accounting, '--quarter', '2026Q4', '--out', out], { env });
      expect(pdf.code, pdf.stderr).toBe(0);
      expect(pdf.stderr).toMatch(/^Wrote .*qbr\.pdf \(PDF, [\d,]+ bytes\): the quarterly business review of Harbor & Finch CPAs, Q4 2026/);
      expect(pdfText(fs.readFileSync(out))).toContain('Roadmap, next four quarters');
      const html = await runCli(['report', 'qbr', '--client', demo.clients.accounting, '--quarter', '2026Q4', '--out', path.join(dir, 'qbr.html')], { env });
      expect(html.code, html.stderr).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'qbr.html'), 'utf8')).toContain('Quarterly business review');
      const bad = await runCli(['report', 'qbr', '--client', demo.clients.accounting, '--quarter', 'Q4', '--out', out], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--quarter must be a quarter such as 2026Q4');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      t = await startTestApp({ storage });
    }
  });
});
