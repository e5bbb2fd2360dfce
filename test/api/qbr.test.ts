import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackDetailOut, PackOut, PortfolioReport, QbrContent } from '../../src/modules/reports/schema.js';
import { freshStorage, startTestApp, type Caller, type TestApp, type TestStorage } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';

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
  it('has the summary first, then done last quarter, the roadmap for the next four, the budget, what falls due and risk in money', async () => {
    const res = await (await demo.as(DEMO.accounting.viewer)).get<QbrContent>(`${base}/reports/qbr?quarter=2026Q4`);
    expect(res.status).toBe(200);
    const q = res.body;
    expect(q.quarter.label).toBe('Q4 2026');
    expect(q.previousQuarter.label).toBe('Q3 2026');
    expect(q.sections.map((s) => s.key)).toEqual(['summary', 'done', 'roadmap', 'budget', 'lifecycle', 'risk']);
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

  it('comes as a PDF and an HTML page with the same words', async () => {
    const pdf = await raw(DEMO.accounting.executive, `${base}/reports/qbr.pdf?quarter=2026Q4&download=1`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toBe('attachment; filename="harbor-finch-cpas-qbr-2026Q4.pdf"');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.body);
    for (const words of ['Harbor & Finch CPAs', 'Done in Q3 2026', 'Roadmap, next four quarters', 'IT budget against actual', 'Replacements and renewals due', 'Risk in money', 'Security awareness training for all staff']) expect(text).toContain(words);
    const html = await raw(DEMO.accounting.executive, `${base}/reports/qbr.html?quarter=2026Q4`);
    expect(html.status).toBe(200);
    const page = html.body.toString();
    expect(page).toContain('<h2>Roadmap, next four quarters</h2>');
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
      ['budget', 7, 'IT budget against actual'],
      ['roadmap', 8, 'Roadmap'],
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
