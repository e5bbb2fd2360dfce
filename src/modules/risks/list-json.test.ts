import { describe, expect, it } from 'vitest';
import { entryJson, listItemJson, listItemParts, sameEntryInputs, sameSharedInputs, shareJson, storedListFigures } from './list-json.js';
import { presentListItem, type PresentContext, type ResultRow } from './register.js';
import type { RegisterData } from './model.js';
import type { RiskLinksTable, RiskScenariosTable, RiskTreatmentsTable } from './tables.js';
import type { StoredScenarioResult } from './stored.js';
import { scenarioRow } from '../../../test/support/risk-rows.js';

const stats = (mean: number, pol: number) => ({
  mean,
  sd: mean * 2.1,
  p10: 0,
  p50: mean / 3,
  p90: mean * 2.7,
  p95: mean * 4.1,
  p99: mean * 9.3,
  max: mean * 40,
  probabilityOfLoss: pol,
  whenLoss: { median: mean * 1.9, p95: mean * 8.8 },
});

/** A scenario whose entry has characters JSON escapes or writes as they are. */
const scenario = (n: number, over: Partial<RiskScenariosTable> = {}): RiskScenariosTable =>
  scenarioRow(n, { title: `Scenario ${n} “quoted” \\ and ünïcode`, threat: n % 2 ? 'Ransomware' : null, ...over });

function result(n: number, over: Partial<ResultRow> = {}): ResultRow {
  const r: StoredScenarioResult = {
    inherent: stats(123_456.789 * n, 0.31),
    residual: n % 3 === 0 ? stats(45_678.123 * n, 0.12) : null,
    withProposed: n % 4 === 0 ? stats(40_000.5 * n, 0.1) : null,
    treatmentCost: n % 3 === 0 ? 12_000 : 0,
    rosi: n % 3 === 0 ? 1.75 : null,
  } as unknown as StoredScenarioResult;
  return {
    id: `s${n}`,
    run_id: 'run1',
    input_hash: `h${n}`,
    in_portfolio: 1,
    // As a recompute writes them: the current figures, the residual's else the inherent's.
    mean: (r.residual ?? r.inherent).mean,
    p90: (r.residual ?? r.inherent).p90,
    result_json: JSON.stringify(r),
    computed_at: '2026-11-03T10:00:00.000Z',
    list_figures: null,
    probability_of_loss: null,
    ...over,
  };
}

const link = (n: number, label: string): RiskLinksTable => ({ client_id: 'c1', id: `l${n}`, scenario_id: `s${n}`, kind: 'system', target_id: `t${n}`, label, position: 0 });
const treatment = (n: number, status: RiskTreatmentsTable['status']): RiskTreatmentsTable => ({
  client_id: 'c1',
  id: `t${n}-${status}`,
  ref: `T${n}`,
  scenario_id: `s${n}`,
  name: 'MFA',
  description: null,
  status,
  annual_cost: 100,
  one_time_cost: 0,
  effect_json: '{}',
  created_at: '2026-11-01T10:00:00.000Z',
  updated_at: '2026-11-01T10:00:00.000Z',
});

/** A register of 12 scenarios read from scratch: every row a new object, as a read gives them. */
function context(): { scenarios: RiskScenariosTable[]; ctx: PresentContext } {
  const scenarios = Array.from({ length: 12 }, (_, i) => scenario(i + 1, i === 5 ? { proposed: 1 } : i === 7 ? { status: 'closed' } : {}));
  const data = {
    currency: 'EUR',
    settings: { likelihoodBands: [0.05, 0.2, 0.5, 0.8], impactBands: [10_000, 100_000, 1_000_000, 10_000_000] },
    scenarios,
    treatments: new Map(scenarios.filter((_, i) => i % 3 === 2).map((s) => [s.id, [treatment(s.ref_number, 'planned'), treatment(s.ref_number, 'proposed')]])),
    policies: [],
    policyScenarios: new Map(),
  } as unknown as RegisterData;
  const ctx: PresentContext = {
    data,
    hashes: new Map(scenarios.map((s) => [s.id, s.ref_number === 4 ? 'other' : `h${s.ref_number}`])),
    results: new Map(scenarios.filter((s) => s.ref_number !== 10).map((s) => [s.id, result(s.ref_number)])),
    links: new Map(scenarios.filter((_, i) => i % 2 === 0).map((s) => [s.id, [link(s.ref_number, `System ${s.ref_number}`)]])),
    portfolioMean: 2_500_000.25,
  };
  return { scenarios, ctx };
}

describe('a register entry serialised from parts', () => {
  it('is byte for byte the JSON of presentListItem, with and without a result', () => {
    const { scenarios, ctx } = context();
    for (const s of scenarios) expect(listItemJson(s, ctx), s.ref).toBe(JSON.stringify(presentListItem(s, ctx)));
  });

  it('is the same from the list figures stored with the result, which it then does not parse', () => {
    const { scenarios, ctx } = context();
    const stored = context().ctx;
    for (const [id, row] of stored.results) stored.results.set(id, { ...row, ...storedListFigures(row.result_json), result_json: 'not parsed' });
    expect([...stored.results.values()].every((r) => r.list_figures !== null && r.probability_of_loss !== null)).toBe(true);
    for (const s of scenarios) expect(listItemJson(s, stored), s.ref).toBe(JSON.stringify(presentListItem(s, ctx)));
    // Another rating band moves the rating read from the columns as it moves the parsed one's.
    const bands = [1_000, 10_000, 50_000, 100_000];
    (ctx.data.settings as { impactBands: number[] }).impactBands = bands;
    (stored.data.settings as { impactBands: number[] }).impactBands = bands;
    for (const s of scenarios) expect(listItemJson(s, stored), s.ref).toBe(JSON.stringify(presentListItem(s, ctx)));
  });

  it('stores no list figures for a result whose probability of loss is not a number, which is then parsed', () => {
    const r = JSON.parse(result(3).result_json) as { residual: { probabilityOfLoss: unknown } };
    r.residual.probabilityOfLoss = null;
    expect(storedListFigures(JSON.stringify(r))).toEqual({ list_figures: null, probability_of_loss: null });
  });

  it('falls back to the plain serialiser for figures that are not finite numbers', () => {
    const { scenarios, ctx } = context();
    const s = scenarios[0]!;
    const r = JSON.parse(ctx.results.get(s.id)!.result_json) as { inherent: { p99: unknown } };
    delete r.inherent.p99;
    ctx.results.set(s.id, { ...ctx.results.get(s.id)!, result_json: JSON.stringify(r) });
    expect(listItemJson(s, ctx)).toBe(JSON.stringify(presentListItem(s, ctx)));
  });
});

describe('an entry carried into a register read again', () => {
  /** Each kind of change a read after a change can see, made to scenario `n` (or to all). */
  const changes: [string, (c: PresentContext, n: number) => void][] = [
    ['its title', (c, n) => void (c.data.scenarios[n - 1] = { ...c.data.scenarios[n - 1]!, title: 'Renamed' })],
    ['its status', (c, n) => void (c.data.scenarios[n - 1] = { ...c.data.scenarios[n - 1]!, status: 'accepted' })],
    ['its owner', (c, n) => void (c.data.scenarios[n - 1] = { ...c.data.scenarios[n - 1]!, owner_seat: 'CIO' })],
    ['its proposal flag', (c, n) => void (c.data.scenarios[n - 1] = { ...c.data.scenarios[n - 1]!, proposed: 1 })],
    ['its update time', (c, n) => void (c.data.scenarios[n - 1] = { ...c.data.scenarios[n - 1]!, updated_at: '2026-12-01T00:00:00.000Z' })],
    ['its stored figures', (c, n) => void c.results.set(`s${n}`, result(n + 1, { id: `s${n}` }))],
    ['when its figures were computed', (c, n) => void c.results.set(`s${n}`, result(n, { computed_at: '2026-12-01T00:00:00.000Z' }))],
    ['its result leaving the portfolio run', (c, n) => void c.results.set(`s${n}`, result(n, { in_portfolio: 0 }))],
    ['the hash its result carried', (c, n) => void c.results.set(`s${n}`, result(n, { input_hash: 'x' }))],
    ['its result going', (c, n) => void c.results.delete(`s${n}`)],
    ['the hash its result must carry', (c, n) => void c.hashes.set(`s${n}`, 'new')],
    ['a link added', (c, n) => void c.links.set(`s${n}`, [...(c.links.get(`s${n}`) ?? []), link(n, 'Another')])],
    ['a link renamed', (c, n) => void c.links.set(`s${n}`, [link(n, 'Renamed link')])],
    ['a treatment planned', (c, n) => void c.data.treatments.set(`s${n}`, [...(c.data.treatments.get(`s${n}`) ?? []), treatment(n, 'planned')])],
    ['a treatment put in place', (c, n) => void c.data.treatments.set(`s${n}`, (c.data.treatments.get(`s${n}`) ?? [treatment(n, 'proposed')]).map((t) => ({ ...t, status: 'in_place' as const })))],
  ];

  it('is carried when nothing it is made from changed, each row read again as a new object', () => {
    const before = context();
    const now = context();
    expect(sameSharedInputs(before.ctx, now.ctx)).toBe(true);
    before.scenarios.forEach((s, i) => {
      expect(sameEntryInputs(s, before.ctx, now.scenarios[i]!, now.ctx), s.ref).toBe(true);
      expect(listItemJson(now.scenarios[i]!, now.ctx)).toBe(listItemJson(s, before.ctx));
    });
  });

  it.each(changes)('is made again after a change to %s, and the others are carried', (_, change) => {
    for (const n of [1, 3, 4, 6, 9, 10]) {
      const before = context();
      const now = context();
      change(now.ctx, n);
      before.scenarios.forEach((s, i) => {
        const b = now.ctx.data.scenarios[i]!;
        const same = sameEntryInputs(s, before.ctx, b, now.ctx);
        // Never carried when the entry would differ; carried for every scenario not changed.
        if (listItemJson(b, now.ctx) !== listItemJson(s, before.ctx)) expect(same, `${s.ref} after the change to R${n}`).toBe(false);
        if (i !== n - 1) expect(same, s.ref).toBe(true);
      });
    }
  });

  it('is made again for every scenario when the rating bands change', () => {
    const before = context();
    const likelihood = context();
    likelihood.ctx.data.settings.likelihoodBands = [0.01, 0.2, 0.5, 0.8];
    expect(sameSharedInputs(before.ctx, likelihood.ctx)).toBe(false);
    const impact = context();
    impact.ctx.data.settings.impactBands = [1, 100_000, 1_000_000, 10_000_000];
    expect(sameSharedInputs(before.ctx, impact.ctx)).toBe(false);
  });

  it('is carried across a new portfolio mean, its share written for the new mean', () => {
    const before = context();
    const now = context();
    now.ctx.portfolioMean = 1_234_567.5;
    expect(sameSharedInputs(before.ctx, now.ctx)).toBe(true);
    let shares = 0;
    before.scenarios.forEach((s, i) => {
      const b = now.scenarios[i]!;
      expect(sameEntryInputs(s, before.ctx, b, now.ctx), s.ref).toBe(true);
      const kept = listItemParts(s, before.ctx);
      const assembled = entryJson(kept, now.ctx.portfolioMean);
      const fresh = presentListItem(b, now.ctx);
      expect(assembled, s.ref).toBe(JSON.stringify(fresh));
      if (fresh.result?.share) shares += 1;
    });
    expect(shares).toBeGreaterThan(5);
    // No mean (no run yet) or none above zero: no shares.
    for (const mean of [null, 0]) {
      now.ctx.portfolioMean = mean;
      for (const s of now.scenarios) {
        const p = listItemParts(s, before.ctx);
        if (p.tail !== null) expect(shareJson(p, mean)).toBe('null');
        expect(JSON.parse(listItemJson(s, now.ctx))).toEqual(presentListItem(s, now.ctx));
      }
    }
  });
});
