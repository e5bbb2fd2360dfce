import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountOut, ActualOut, FirmBudgetOut, LineOut, YearOut } from '../../src/modules/budget/schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditPage {
  entries: { action: string; entityId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let viewer: Caller;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.manufacturer.contributor);
  viewer = await demo.as(DEMO.manufacturer.viewer);
  base = `/api/clients/${demo.clients.manufacturer}`;
});
afterAll(async () => {
  await t.close();
});

async function csv(caller: Caller, body: string, dryRun = false): Promise<{ status: number; body: unknown }> {
  return caller.request('POST', `${base}/budget/actuals/import?dryRun=${dryRun}&fileName=ledger.csv`, body, { 'content-type': 'text/csv' });
}

async function lastAudit(action: string): Promise<AuditPage['entries'][number] | undefined> {
  return (await advisor.get<AuditPage>(`${base}/audit?limit=100`)).body.entries.find((e) => e.action === action);
}

describe('the IT budget', () => {
  it('shows the demo year: six months of actuals, plan for the rest, committed renewals, and reasons that add up to the variance', async () => {
    const res = await viewer.get<YearOut>(`${base}/budget`);
    expect(res.status).toBe(200);
    const y = res.body;
    // The demo's fiscal year started six months before the test clock's month (November 2026).
    expect(y.startMonth).toBe(5);
    expect(y.label).toBe('FY2027');
    expect(y.range).toBe('May 2026 \u2013 Apr 2027');
    expect(y.months.filter((m) => m.basis === 'actual').map((m) => m.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(y.committed.some((c) => c.kind === 'renewal')).toBe(true);
    const sum = y.reasons.filter((r) => r.kind !== 'missing-actuals').reduce((s, r) => s + r.amount, 0);
    expect(sum).toBeCloseTo(y.totals.variance, 6);
    expect(y.totals.forecast).toBeCloseTo(y.totals.plan + y.totals.variance, 6);
    expect(y.byScope.map((g) => g.label)).toEqual(['Internal IT (bottom line)']);
    expect(y.can).toEqual({ plan: false, actuals: false });
  });

  it('advisors plan; contributors record actuals; viewers read', async () => {
    const line = { fiscalYear: 2027, name: 'Plant Wi-Fi', category: 'infrastructure', annual: 12_000 };
    expect((await contributor.post(`${base}/budget/lines`, line)).status).toBe(403);
    expect((await viewer.post(`${base}/budget/actuals`, { month: '2026-11', category: 'security', amount: 10 })).status).toBe(403);
    const made = await advisor.post<LineOut>(`${base}/budget/lines`, line);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    // $12,000 over twelve months: $1,000 each.
    expect(made.body.months).toEqual(Array.from({ length: 12 }, () => 1_000));
    expect(made.body).toMatchObject({ seat: 'CIO', scope: 'internal', total: 12_000 });
    const entry = await lastAudit('budget.line.create');
    expect(entry!.entityId).toBe(made.body.id);
    expect(entry!.after!.months).toEqual(made.body.months);
    const patched = await advisor.patch<LineOut>(`${base}/budget/lines/${made.body.id}`, { months: [0, 0, 0, 0, 0, 0, 3000, 3000, 3000, 3000, 0, 0] });
    expect(patched.body.total).toBe(12_000);
    expect((await lastAudit('budget.line.update'))!.before!.months).toEqual(made.body.months);
    const actual = await contributor.post<ActualOut>(`${base}/budget/actuals`, { month: '2026-11', category: 'security', amount: -250.5, vendor: 'Refund' });
    expect(actual.status).toBe(201);
    expect(actual.body).toMatchObject({ seat: 'CISO', amount: -250.5, source: 'entered' });
    expect((await lastAudit('budget.actual.create'))!.entityId).toBe(actual.body.id);
    expect((await advisor.delete(`${base}/budget/lines/${made.body.id}`)).status).toBe(200);
    expect((await contributor.delete(`${base}/budget/actuals/${actual.body.id}`)).status).toBe(200);
    expect((await lastAudit('budget.actual.delete'))!.entityId).toBe(actual.body.id);
  });

  it('refuses amounts with more decimals than the currency has, and a plan without amounts, saying where', async () => {
    const cents = await advisor.post<ErrorBody>(`${base}/budget/lines`, { fiscalYear: 2027, name: 'x', category: 'people', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12.345] });
    expect(cents.status).toBe(400);
    expect(cents.body.error.details).toEqual([{ path: 'body.months.11', message: 'USD amounts have at most 2 decimals' }]);
    const none = await advisor.post<ErrorBody>(`${base}/budget/lines`, { fiscalYear: 2027, name: 'x', category: 'people' });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0]!.path).toBe('body.months');
    const short = await advisor.post<ErrorBody>(`${base}/budget/lines`, { fiscalYear: 2027, name: 'x', category: 'people', months: [1, 2] });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]!.path).toBe('body.months');
    const both = await advisor.post<ErrorBody>(`${base}/budget/lines`, { fiscalYear: 2027, name: 'x', category: 'people', annual: 1, months: Array(12).fill(0) });
    expect(both.status).toBe(400);
    const contract = await advisor.post<ErrorBody>(`${base}/budget/lines`, { fiscalYear: 2027, name: 'x', category: 'people', annual: 1, contractId: 'nope' });
    expect(contract.body.error.details[0]!.path).toBe('body.contractId');
  });

  it('imports actuals from accounting: a bad line refuses the whole file, a good one imports once', async () => {
    const before = (await advisor.get<{ total: number }>(`${base}/budget/actuals?limit=1`)).body.total;
    const good = ['Transaction Date,GL Account,Payee,Memo,Debit', '2026-11-03,7120 Software licences and subscriptions,Epicor,Kinetic,"14,000.00"', '2026-11-04,7140 Security services,Arctic Wolf,MDR,(1200.00)', '2026-11-04,7140 Security services,Arctic Wolf,MDR,(1200.00)'].join('\n');
    const unmapped = `${good}\n2026-11-05,9999 Mystery account,Someone,?,10.00`;
    const refused = await csv(contributor, unmapped);
    expect(refused.status).toBe(400);
    const e = refused.body as ErrorBody;
    expect(e.error.message).toBe('1 line was refused; nothing was imported.');
    expect(e.error.details).toEqual([{ path: 'line 5, column GL Account', message: 'the account "9999 Mystery account" is not mapped to a budget category: map it once (Budget, Accounts), or add a Category column' }]);
    const badAmount = await csv(contributor, good.replace('"14,000.00"', '"14.000,00"'), true);
    expect(badAmount.status).toBe(200);
    expect((badAmount.body as { status: string; problems: { line: number; column: string }[] }).problems[0]).toMatchObject({ line: 2, column: 'Debit' });
    expect((await advisor.get<{ total: number }>(`${base}/budget/actuals?limit=1`)).body.total).toBe(before);
    const checked = await csv(contributor, good, true);
    expect(checked.body).toMatchObject({ status: 'checked', kind: 'actuals', rows: 3, created: 3 });
    const imported = await csv(contributor, good);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ status: 'imported', created: 3, unchanged: 0 });
    const lines = (await advisor.get<{ actuals: ActualOut[]; total: number }>(`${base}/budget/actuals?month=2026-11`)).body.actuals;
    // Two identical credits are two lines; parentheses are a credit.
    expect(lines.filter((a) => a.vendor === 'Arctic Wolf').map((a) => a.amount)).toEqual([-1200, -1200]);
    expect(lines.find((a) => a.vendor === 'Epicor')).toMatchObject({ category: 'software_saas', amount: 14_000, source: 'import', date: '2026-11-03' });
    const again = await csv(contributor, good);
    expect(again.body).toMatchObject({ status: 'imported', created: 0, unchanged: 3 });
    const entry = await lastAudit('budget.import');
    expect(entry!.after).toMatchObject({ fileName: 'ledger.csv', rows: 3, created: 3 });
    expect((await csv(viewer, good)).status).toBe(403);
  });

  it('maps accounts once per client', async () => {
    const mapped = await contributor.put<AccountOut>(`${base}/budget/accounts`, { account: '9999 Mystery account', category: 'services' });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({ seat: 'CIO', scope: 'internal' });
    const remapped = await contributor.put<AccountOut>(`${base}/budget/accounts`, { account: '9999  mystery ACCOUNT', category: 'product_engineering' });
    expect(remapped.body.id).toBe(mapped.body.id);
    expect(remapped.body.seat).toBe('CTO');
    expect((await lastAudit('budget.account.update'))!.before!.category).toBe('services');
    const list = await viewer.get<{ accounts: AccountOut[] }>(`${base}/budget/accounts`);
    expect(list.body.accounts.some((a) => a.id === mapped.body.id)).toBe(true);
    expect((await viewer.put(`${base}/budget/accounts`, { account: 'x', category: 'people' })).status).toBe(403);
    expect((await viewer.delete(`${base}/budget/accounts/${mapped.body.id}`)).status).toBe(403);
    expect((await contributor.delete(`${base}/budget/accounts/${mapped.body.id}`)).status).toBe(200);
    expect((await lastAudit('budget.account.delete'))!.before!.account).toBe('9999  mystery ACCOUNT');
    expect((await contributor.delete(`${base}/budget/accounts/${mapped.body.id}`)).status).toBe(404);
  });

  it('counts a renewal in the forecast unless a plan line pays for its contract', async () => {
    const y = (await advisor.get<YearOut>(`${base}/budget`)).body;
    const renewal = y.committed.find((c) => c.kind === 'renewal')!;
    const line = await advisor.post<LineOut>(`${base}/budget/lines`, { fiscalYear: y.fiscalYear, name: renewal.label, category: 'software_saas', annual: 1000, contractId: renewal.id });
    expect(line.status).toBe(201);
    const after = (await advisor.get<YearOut>(`${base}/budget`)).body;
    expect(after.committed.some((c) => c.id === renewal.id)).toBe(false);
    // The line's planned months without actuals count instead of the renewal.
    const planned = line.body.months.reduce((s, a, i) => s + (after.months[i]!.basis === 'plan' ? a : 0), 0);
    expect(after.totals.forecast).toBeCloseTo(y.totals.forecast - renewal.amount + planned, 6);
  });

  it('the firm view gives each client\u2019s variance, for the caller\u2019s clients only', async () => {
    const res = await advisor.get<FirmBudgetOut>('/api/budget/variance');
    expect(res.status).toBe(200);
    expect(res.body.clients.map((c) => c.name).sort()).toEqual(['Harbor & Finch CPAs', 'Kestrel Precision Manufacturing']);
    for (const c of res.body.clients) expect(c.forecast! - c.plan!).toBeCloseTo(c.variance!, 6);
  });

  it('the client profile keeps its fiscal year start month; advisors change it', async () => {
    expect((await contributor.patch(base, { fiscalYearStartMonth: 1 })).status).toBe(403);
    const bad = await advisor.patch<ErrorBody>(base, { fiscalYearStartMonth: 13 });
    expect(bad.status).toBe(400);
    const ok = await advisor.patch<{ fiscalYearStartMonth: number }>(base, { fiscalYearStartMonth: 10 });
    expect(ok.body.fiscalYearStartMonth).toBe(10);
    const y = (await advisor.get<YearOut>(`${base}/budget`)).body;
    expect(y.range).toBe('Oct 2026 \u2013 Sep 2027');
  });
});
