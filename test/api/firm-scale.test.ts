import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDemoCopies } from '../../src/server/demo.js';
import { ClientScope } from '../../src/server/context.js';
import { systemActor } from '../../src/server/firm.js';
import { clientInfo } from '../../src/modules/clients/clients.js';
import { maturitySummary } from '../../src/modules/controls/api.js';
import type { PortfolioMaturityRow } from '../../src/modules/controls/schema.js';
import type { PortfolioReport } from '../../src/modules/reports/schema.js';
import type { FirmBudgetOut, YearOut } from '../../src/modules/budget/schema.js';
import type { PortfolioRiskRow, OverviewOut } from '../../src/modules/risks/overview-schema.js';
import type { AcceptanceOut, SummaryOut } from '../../src/modules/governance/schema.js';
import type { AttentionList, TaskList } from '../../src/modules/tasks/schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/**
 * The firm's views read each table once for all the caller's clients: the number of statements
 * a view costs is the same for a firm of N clients and of 2N (counted with Kysely's log hook),
 * and what they show of each client is what that client's own pages show.
 */
let t: TestApp;
let admin: Caller;
let statements = 0;

const FIRM_VIEWS = ['/api/portfolio/attention', '/api/reports/portfolio', '/api/portfolio/risk', '/api/budget/variance', '/api/portfolio/controls', '/api/estate/concentration', '/api/roadmap/due', '/api/clients', '/api/search?q=ra&limit=20'];

beforeAll(async () => {
  t = await startTestApp({ onQuery: () => { statements += 1; } });
  const demo = await seedDemoWorld(t.ctx, t.server);
  admin = await demo.as(DEMO.admin);
  // The admin's calendar feed: the dates of every client, read as calendar apps poll it.
  const feed = await admin.post<{ url: string }>('/api/me/calendar-feeds', { name: 'All clients' });
  expect(feed.status).toBe(201);
  FIRM_VIEWS.push(new URL(feed.body.url, 'http://localhost').pathname);
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** The statements one GET costs, after a first call (so one-time work such as defaults is not counted). */
async function statementsOf(url: string): Promise<number> {
  expect((await admin.get(url)).status, url).toBe(200);
  statements = 0;
  const res = await admin.get(url);
  expect(res.status, url).toBe(200);
  return statements;
}

async function countAll(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const url of FIRM_VIEWS) out[url] = await statementsOf(url);
  return out;
}

async function clientCount(): Promise<number> {
  return (await admin.get<{ clients: unknown[] }>('/api/clients')).body.clients.length;
}

describe('the firm\'s views', () => {
  it('cost the same number of statements for N clients as for 2N', async () => {
    await addDemoCopies(t.ctx, 1);
    await t.ctx.jobs.runDue();
    const n = await clientCount();
    expect(n).toBe(4);
    const atN = await countAll();
    await addDemoCopies(t.ctx, n);
    await t.ctx.jobs.runDue();
    expect(await clientCount()).toBe(2 * n);
    const at2N = await countAll();
    expect(at2N).toEqual(atN);
    // And few of them: the session, the caller's clients, then a handful of set reads.
    for (const [url, count] of Object.entries(at2N)) expect(count, url).toBeLessThan(20);
  }, 300_000);

  it('show each client as its own pages do', async () => {
    const report = (await admin.get<PortfolioReport>('/api/reports/portfolio')).body;
    const risk = (await admin.get<{ clients: PortfolioRiskRow[] }>('/api/portfolio/risk')).body.clients;
    const budgets = (await admin.get<FirmBudgetOut>('/api/budget/variance')).body.clients;
    const attention = (await admin.get<AttentionList>('/api/portfolio/attention')).body.clients;
    expect(report.rows.length).toBe(8);
    expect(attention.length).toBe(8);
    const to = report.window.to;
    let withFigures = 0;
    for (const row of report.rows) {
      const base = `/api/clients/${row.clientId}`;
      expect(row.unavailable, row.name).toEqual([]);
      const overview = (await admin.get<OverviewOut>(`${base}/risks/overview`)).body;
      const r = risk.find((x) => x.clientId === row.clientId)!;
      expect(r.mean, row.name).toBe(overview.portfolio ? overview.portfolio.current.mean : null);
      expect(row.expectedLoss, row.name).toBe(r.mean);
      if (r.mean !== null) withFigures += 1;

      const summary = (await admin.get<SummaryOut>(`${base}/governance/summary`)).body;
      expect(row.openEscalations, row.name).toBe(summary.awaitingExecutive);
      expect(row.acceptancesAwaitingApproval, row.name).toBe(summary.acceptancesAwaitingApproval);
      const accepted = (await admin.get<{ acceptances: AcceptanceOut[] }>(`${base}/governance/acceptances?status=approved`)).body.acceptances;
      expect(row.expiringAcceptances, row.name).toBe(accepted.filter((a) => a.expiresOn <= to).length);

      // Needs action: the client's own task list, escalations and reviews.
      const a = attention.find((x) => x.clientId === row.clientId)!;
      expect(a.tasks, row.name).toBe((await admin.get<TaskList>(`${base}/tasks`)).body.tasks.length);
      expect(a.escalations, row.name).toBe(summary.awaitingExecutive);
      const renewals = (await admin.get<{ renewals: { annualCost: number }[] }>(`${base}/estate/contracts/renewals?from=${report.asOf}&to=${to}`)).body.renewals;
      expect(row.renewals, row.name).toBe(renewals.length);
      expect(row.renewalsAnnualCost, row.name).toBeCloseTo(renewals.reduce((s, e) => s + e.annualCost, 0), 6);

      const year = (await admin.get<YearOut>(`${base}/budget`)).body;
      const planned = year.totals.plan !== 0 || year.totals.actual !== 0;
      expect(row.budgetLabel, row.name).toBe(year.label);
      expect(row.budgetVariance, row.name).toBe(planned ? year.totals.variance : null);
      const b = budgets.find((x) => x.clientId === row.clientId)!;
      expect([b.plan, b.forecast, b.variance], row.name).toEqual(planned ? [year.totals.plan, year.totals.forecast, year.totals.variance] : [null, null, null]);
    }
    // Maturity: what each client's own summary (the board pack's) says.
    const maturity = (await admin.get<{ clients: PortfolioMaturityRow[] }>('/api/portfolio/controls')).body.clients;
    const clients = await t.ctx.database.db.selectFrom('clients').selectAll().execute();
    let assessed = 0;
    for (const c of clients) {
      const m = await maturitySummary(new ClientScope(t.ctx, clientInfo(c), systemActor(c.firm_id, 'test'), 'advisor'));
      const row = maturity.find((x) => x.clientId === c.id);
      if (!m) {
        expect(row, c.name).toBeUndefined();
        continue;
      }
      assessed += 1;
      expect(row, c.name).toEqual({
        clientId: c.id,
        catalogue: m.catalogue.title,
        scale: m.scale,
        latest: m.latestCompleted ? { id: m.latestCompleted.id, title: m.latestCompleted.title, completedAt: m.latestCompleted.completedAt, current: m.latestCompleted.current, target: m.latestCompleted.target } : null,
        inProgress: m.inProgress ? { id: m.inProgress.id, title: m.inProgress.title, outcomes: m.inProgress.outcomes, answered: m.inProgress.answered, current: m.inProgress.current } : null,
      });
    }
    expect(assessed).toBeGreaterThan(0);
    // Needs action's renewals this quarter and overdue reviews: what each client's own pages show.
    const asOf = report.asOf;
    const quarterEnd = new Date(Date.UTC(Number(asOf.slice(0, 4)), Math.ceil(Number(asOf.slice(5, 7)) / 3) * 3, 0)).toISOString().slice(0, 10);
    for (const a of attention) {
      const base = `/api/clients/${a.clientId}`;
      const renewals = (await admin.get<{ renewals: { contractId: string }[] }>(`${base}/estate/contracts/renewals?from=${asOf}&to=${quarterEnd}`)).body.renewals;
      expect(a.renewalsThisQuarter, a.clientId).toBe(new Set(renewals.map((r) => r.contractId)).size);
      const reviews = (await admin.get<{ reviews: { overdue: boolean }[] }>(`${base}/estate/reviews`)).body.reviews;
      expect(a.overdueReviews, a.clientId).toBe(reviews.filter((r) => r.overdue).length);
    }
    // The demo's registers were computed: the comparison is of figures, not of nulls.
    expect(withFigures).toBe(8);
    expect(budgets.some((b) => b.variance !== null)).toBe(true);
    expect(report.rows.some((r) => (r.renewals ?? 0) > 0)).toBe(true);
    expect(attention.some((a) => a.tasks > 0) && attention.some((a) => a.renewalsThisQuarter > 0)).toBe(true);
  }, 120_000);
});
