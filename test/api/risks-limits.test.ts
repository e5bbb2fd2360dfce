import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * The risk register refuses figures its engine cannot honour (docs/risk-register.md, "Limits"):
 * a contributor's proposal with a loss event frequency of 200,000 a year, or 1e308, is a
 * validation error naming the field and the figure, whichever way it comes in, and the server
 * stays up to say so.
 */
interface ErrorOut {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  base = `/api/clients/${demo.clients.accounting}/risks`;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const loss = { type: 'uniform', min: 1000, max: 5000 };

describe('figures beyond the register\'s limits', () => {
  it('a proposal with 200,000 loss events a year is refused, naming the field and the figure', async () => {
    const contributor = await demo.as(DEMO.accounting.contributor);
    const res = await contributor.post<ErrorOut>(base, { title: 'Phishing clicks', inputs: { lossEventFrequency: { type: 'constant', value: 200_000 }, primaryLoss: loss } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: 'body.inputs.lossEventFrequency', message: 'may be at most 1,000 events a year (this one reaches 200,000)' }]);
  });

  it('1e308 anywhere in a distribution is refused by its field', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<ErrorOut>(base, { title: 'Huge', inputs: { threatEventFrequency: { type: 'pert', min: 1, mode: 2, max: 1e308 }, vulnerability: { type: 'constant', value: 0.1 }, primaryLoss: loss } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toContain('body.inputs.threatEventFrequency.max');
  });

  it('a treatment that multiplies a factor more than tenfold is refused', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const made = await advisor.post<{ id: string }>(base, { title: 'Bounded', inputs: { lossEventFrequency: { type: 'constant', value: 2 }, primaryLoss: loss } });
    expect(made.status).toBe(201);
    const res = await advisor.post<ErrorOut>(`${base}/${made.body.id}/treatments`, { name: 'Worse', effect: { lossEventFrequency: { type: 'uniform', min: 1, max: 50 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.effect.lossEventFrequency', message: 'a multiplier may be at most 10 (this one reaches 50)' }]);
  });

  it('a template whose parameters give too many events a year is refused with the resulting field', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<ErrorOut>(base, { title: 'Many attempts', template: 'bec', templateParams: { attemptsMin: 10_000, attemptsMode: 20_000, attemptsMax: 50_000 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'body.inputs.threatEventFrequency', message: 'may be at most 1,000 events a year (this one reaches 50,000)' });
  });

  it('a model file with too many events a year imports nothing and names the risk and field', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const model = { risks: [{ id: 'R900', name: 'Flood of incidents', lossEventFrequency: { type: 'constant', value: 5000 }, primaryLoss: loss }] };
    const res = await advisor.post<ErrorOut>(`${base}/import`, { model, dryRun: true });
    expect(res.status).toBe(400);
    // The engine's own bound answers first: a risk may expect at most 1,000 loss events a year.
    expect(res.body.error.details).toContainEqual({ path: 'body.model.R900.lossEventFrequency', message: "expects 5,000 loss events a year on average; a risk may expect at most 1,000 (the engine holds a block of 4,096 years of a risk's events in memory)" });
    // And the server is still there, answering.
    expect((await advisor.get(`${base}`)).status).toBe(200);
  });
});

describe('the work of a recompute', () => {
  const count = async (table: 'risk_scenarios' | 'audit_entries'): Promise<number> => {
    const row = await t.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', demo.clients.accounting).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('a frequency whose mean is beyond 1,000 a year is refused by the engine\'s figure, even when its 95th percentile is within the limit', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<ErrorOut>(base, { title: 'Long tail', inputs: { lossEventFrequency: { type: 'lognormal', low: 0.001, high: 1000 }, primaryLoss: loss } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.inputs.lossEventFrequency', message: "expects 6,757.39 loss events a year on average; a risk may expect at most 1,000 (the engine holds a block of 4,096 years of a risk's events in memory)" },
    ]);
  });

  it('a scenario that would take the register past a billion loss events a recompute is refused, naming its frequency, and nothing is stored', async () => {
    const advisor = await demo.as(DEMO.advisor);
    expect((await advisor.put(`${base}/settings`, { years: 1_000_000 })).status).toBe(200);
    const scenarios = await count('risk_scenarios');
    const audit = await count('audit_entries');
    const res = await advisor.post<ErrorOut>(base, { title: 'Very frequent', inputs: { lossEventFrequency: { type: 'constant', value: 999.5 }, primaryLoss: loss } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toHaveLength(1);
    expect(res.body.error.details[0]!.path).toBe('body.inputs.lossEventFrequency');
    expect(res.body.error.details[0]!.message).toMatch(/^the register would simulate [\d,.]+ loss events a recompute \(1,000,000 years × [\d,.]+ expected a year over its \d+ open scenarios and proposals\), more than the 1,000,000,000 a recompute may/);
    expect(await count('risk_scenarios')).toBe(scenarios);
    expect(await count('audit_entries')).toBe(audit);
    // A contributor's proposal counts too: proposals are simulated.
    const contributor = await demo.as(DEMO.accounting.contributor);
    const proposed = await contributor.post<ErrorOut>(base, { title: 'Proposed flood', inputs: { threatEventFrequency: { type: 'constant', value: 999 }, vulnerability: { type: 'constant', value: 1 }, primaryLoss: loss } });
    expect(proposed.status).toBe(400);
    expect(proposed.body.error.details[0]!.path).toBe('body.inputs.threatEventFrequency');
    expect(await count('risk_scenarios')).toBe(scenarios);
  });

  it('more simulated years that would take it there are refused, naming the years; the settings stay as they were', async () => {
    const advisor = await demo.as(DEMO.advisor);
    expect((await advisor.put(`${base}/settings`, { years: 2000 })).status).toBe(200);
    const made = await advisor.post<{ id: string }>(base, { title: 'Frequent but fine', inputs: { lossEventFrequency: { type: 'constant', value: 999.5 }, primaryLoss: loss } });
    expect(made.status).toBe(201);
    const res = await advisor.put<ErrorOut>(`${base}/settings`, { years: 1_000_000 });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toEqual(['body.years']);
    expect((await advisor.get<{ years: number }>(`${base}/settings`)).body.years).toBe(2000);
    // Closing the scenario brings the work back within the bound; reopening it is refused by its status.
    expect((await advisor.patch(`${base}/${made.body.id}`, { status: 'closed' })).status).toBe(200);
    expect((await advisor.put(`${base}/settings`, { years: 1_000_000 })).status).toBe(200);
    const reopen = await advisor.patch<ErrorOut>(`${base}/${made.body.id}`, { status: 'open' });
    expect(reopen.status).toBe(400);
    expect(reopen.body.error.details.map((d) => d.path)).toEqual(['body.status']);
    expect((await advisor.put(`${base}/settings`, { years: null })).status).toBe(200);
  });

  it('an imported model file whose years would take the register there is refused, naming its years, and changes nothing', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const scenarios = await count('risk_scenarios');
    const audit = await count('audit_entries');
    // The file alone is within the bound (1,000,000 years × 999.99 events a year); with the register's other scenarios it is not.
    const model = { years: 1_000_000, risks: [{ id: 'R950', name: 'Frequent', lossEventFrequency: { type: 'constant', value: 999.99 }, primaryLoss: loss }] };
    const res = await advisor.post<ErrorOut>(`${base}/import`, { model });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toEqual(['body.model.years']);
    expect(await count('risk_scenarios')).toBe(scenarios);
    expect(await count('audit_entries')).toBe(audit);
    expect((await advisor.get<{ years: number }>(`${base}/settings`)).body.years).toBe(2000);
  });
});
