import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import type { PackDetailOut, PackOut } from '../../src/modules/reports/schema.js';
import type { RegisterOut, ScenarioDetailOut } from '../../src/modules/risks/schema.js';
import { rareReading } from '../../src/shared/risks/rare.js';

/**
 * A P90 of $0 beside a large risk tells a board nothing: the register and the board pack say
 * how often it loses and how much when it does. An appetite verdict the simulated years cannot
 * settle says so.
 */
let t: TestApp;
let advisor: Caller;
let clientId: string;
let base: string;
let rare: ScenarioDetailOut;

beforeAll(async () => {
  t = await startTestApp({ config: { simulationYears: 20_000 } });
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Wren Surveying', sector: 'Engineering services', employees: 30, annualRevenue: 6_000_000, currency: 'USD' });
  clientId = created.body.id;
  base = `/api/clients/${clientId}/risks`;
  const make = async (title: string, lef: number, low: number, high: number) =>
    (await advisor.post<ScenarioDetailOut>(base, { title, inputs: { lossEventFrequency: { type: 'constant', value: lef }, primaryLoss: { type: 'lognormal', low, high } } })).body;
  await make('Phishing that costs a day of work', 3, 2_000, 20_000);
  rare = await make('Survey data destroyed with its backups', 0.05, 600_000, 5_000_000);
  await t.ctx.jobs.runDue();
});
afterAll(async () => {
  await t.close();
});

describe('rare, large risks', () => {
  it('the register keeps, beside a P90 of $0, the loss in the years that have one', async () => {
    const reg = (await advisor.get<RegisterOut>(base)).body;
    const s = reg.scenarios.find((x) => x.id === rare.id)!.result!.current;
    expect(s.p90).toBe(0);
    // 1 − e^−0.05, within five standard errors of 20,000 simulated years.
    expect(Math.abs(s.probabilityOfLoss - (1 - Math.exp(-0.05)))).toBeLessThan(5 * Math.sqrt((0.0488 * 0.9512) / 20_000));
    // A year with a loss nearly always has one event: its loss is the event's, median √(low × high).
    expect(s.whenLoss!.median / Math.sqrt(600_000 * 5_000_000)).toBeGreaterThan(0.85);
    expect(s.whenLoss!.median / Math.sqrt(600_000 * 5_000_000)).toBeLessThan(1.15);
    expect(s.whenLoss!.p95).toBeGreaterThan(s.whenLoss!.median);
  });

  it('the board pack says it in words instead of $0, and says when the appetite verdict is too close to call', async () => {
    // An appetite exactly at the portfolio's simulated chance: the years cannot settle it.
    expect((await advisor.put(`${base}/appetite`, { points: [{ loss: 50_000, probability: 0.5 }] })).status).toBe(200);
    await t.ctx.jobs.runDue();
    const p = (await advisor.get<RegisterOut>(base)).body.appetite.checks[0]!.probability;
    expect((await advisor.put(`${base}/appetite`, { points: [{ loss: 50_000, probability: p }] })).status).toBe(200);
    await t.ctx.jobs.runDue();
    const reg = (await advisor.get<RegisterOut>(base)).body;
    expect(reg.appetite).toMatchObject({ breached: false, settled: false, basis: 'inherent' });
    expect(reg.appetite.checks[0]).toMatchObject({ probability: p, confident: false });

    const res = await advisor.post<PackOut>(`/api/clients/${clientId}/board-packs`, { quarter: '2026Q4' });
    expect(res.status).toBe(202);
    await t.ctx.jobs.runDue();
    const pack = (await advisor.get<PackDetailOut>(`/api/clients/${clientId}/board-packs/${res.body.id}`)).body;
    const text = JSON.stringify(pack.content);
    const s = reg.scenarios.find((x) => x.id === rare.id)!.result!.current;
    const reading = rareReading(s, 'USD')!;
    // The client's seed follows its id: the share of years with a loss is about 1 − e^−0.05 ≈ 5 %.
    expect(reading).toMatch(new RegExp(`^a loss in ${Math.round(100 * s.probabilityOfLoss)} % of years; when it happens, typically \\$[\\d.]+M \\(1 in 20 such years: \\$[\\d.]+M\\)$`));
    const risk = pack.content!.sections.find((x) => x.key === 'risk')!;
    const table = risk.blocks.find((b) => b.kind === 'table')!;
    expect(table.kind === 'table' && table.rows.find((r) => r.cells.ref === rare.ref)!.cells.p90).toBe(reading.charAt(0).toUpperCase() + reading.slice(1));
    expect(text).toContain(`though in most years it costs nothing: ${reading}`);
    expect(text).toMatch(/Too close to call: 20,000 simulated years cannot settle it: the chance of losing more than \$50,000 in a year is [\d.]+ % ± [\d.]+ %, against [\d.]+ % tolerated\./);
  });
});
