import { describe, expect, it } from 'vitest';
import { parseModel, simulateModel, type Risk, type RiskModel, type SimulationResult } from './index.js';
import { allocateBuffers, assemble, layoutRun, resolveRun, RunWorker } from './run.js';

// Common random numbers (contract version 2): every risk draws from its own streams keyed by its
// id, and within a risk each purpose (and each treatment's factor) has its own stream.

const ransomware: Risk = {
  id: 'C1',
  threatEventFrequency: { type: 'pert', min: 1, mode: 3, max: 8 },
  vulnerability: { type: 'uniform', min: 0.2, max: 0.6 },
  primaryLoss: { type: 'lognormal', low: 10_000, high: 500_000 },
  secondaryLossEventFrequency: { type: 'triangular', min: 0, mode: 0.2, max: 0.5 },
  secondaryLoss: { type: 'lognormal', low: 50_000, high: 2_000_000 },
};
const supplier: Risk = { id: 'C2', lossEventFrequency: { type: 'constant', value: 0.7 }, primaryLoss: { type: 'lognormal', low: 20_000, high: 900_000 } };
const outage: Risk = { id: 'C3', lossEventFrequency: { type: 'triangular', min: 0.5, mode: 1, max: 3 }, primaryLoss: { type: 'normal', mean: 80_000, sd: 30_000 } };

const run = (model: RiskModel, seed = 7, years = 30_000): SimulationResult => simulateModel(parseModel(model), { years, seed });
const byId = (r: SimulationResult): Map<string, unknown> => new Map(r.risks.map((x) => [x.id, x]));

describe('common random numbers', () => {
  it('keys a risk by its id: moving it in the file changes none of its results', () => {
    for (const seed of [1, 2, 3]) {
      const a = run({ risks: [ransomware, supplier, outage] }, seed);
      const b = run({ risks: [outage, ransomware, supplier] }, seed);
      expect(byId(b)).toEqual(byId(a));
      expect(b.portfolio.probabilityOfLoss).toBe(a.portfolio.probabilityOfLoss);
    }
  });

  it('renaming a risk draws other numbers for it, and for it alone', () => {
    const a = run({ risks: [ransomware, supplier] });
    const b = run({ risks: [{ ...ransomware, id: 'C1-renamed' }, supplier] });
    expect(b.risks[0]!.mean).not.toBe(a.risks[0]!.mean);
    expect(b.risks[1]).toEqual(a.risks[1]);
  });

  it('changing one risk leaves every other risk identical', () => {
    const a = run({ risks: [ransomware, supplier, outage] });
    const b = run({ risks: [{ ...ransomware, primaryLoss: { type: 'lognormal', low: 1000, high: 5_000_000 } }, supplier, outage] });
    expect(b.risks.slice(1)).toEqual(a.risks.slice(1));
    expect(b.risks[0]!.mean).not.toBe(a.risks[0]!.mean);
  });

  it('a treatment that changes only secondary loss leaves the residual event counts, and so P(loss), as they were', () => {
    for (const effect of [
      { secondaryLossEventFrequency: { type: 'uniform', min: 0.1, max: 0.5 } },
      { secondaryLoss: { type: 'pert', min: 0.2, mode: 0.5, max: 1 } },
      { secondaryLossEventFrequency: { type: 'constant', value: 0.3 }, secondaryLoss: { type: 'constant', value: 0.5 } },
    ] as const) {
      const model = parseModel({ risks: [{ ...ransomware, treatments: [{ id: 'T', annualCost: 1000, effect }] }, supplier] });
      const { detail } = simulateModel(model, { years: 30_000, seed: 7, detail: true });
      expect(detail.risks[0]!.residual!.mean).toBeLessThan(detail.risks[0]!.mean);
      expect(detail.risks[0]!.residual!.probabilityOfLoss).toBe(detail.risks[0]!.probabilityOfLoss);
      expect(detail.portfolio.residual!.probabilityOfLoss).toBe(detail.portfolio.probabilityOfLoss);
    }
  });

  it("each treatment draws from its own streams: adding one of constant 1 leaves another's residual identical", () => {
    const backups = { id: 'T1', annualCost: 40_000, effect: { primaryLoss: { type: 'uniform', min: 0.2, max: 0.5 } } } as const;
    const one = { type: 'constant', value: 1 } as const;
    const noop = { id: 'T0', annualCost: 1, effect: { threatEventFrequency: one, vulnerability: one, secondaryLossEventFrequency: one, secondaryLoss: one, primaryLoss: one } };
    const a = run({ risks: [{ ...ransomware, treatments: [backups] }] });
    const b = run({ risks: [{ ...ransomware, treatments: [noop, backups] }] });
    const c = run({ risks: [{ ...ransomware, treatments: [backups, noop] }] });
    expect(b.risks[0]!.residual).toEqual(a.risks[0]!.residual);
    expect(c.risks[0]!.residual).toEqual(a.risks[0]!.residual);
  });

  it('gives a risk the same results whatever room the heap has for events (asm.js and JavaScript paths alike)', () => {
    const busy: RiskModel = parseModel({
      risks: [
        { id: 'A', lossEventFrequency: { type: 'constant', value: 12 }, primaryLoss: { type: 'lognormal', low: 100, high: 10_000 } },
        // About 1,230 events a block: more than 1,024, yet fewer than one every other year (a sparse block).
        { id: 'B', lossEventFrequency: { type: 'constant', value: 0.3 }, primaryLoss: { type: 'lognormal', low: 100, high: 10_000 } },
        { ...ransomware, treatments: [{ id: 'T', annualCost: 1, effect: { threatEventFrequency: { type: 'uniform', min: 0.5, max: 1.5 } } }] },
        // A rate that varies by year, about 4,100 events a block: the asm.js loop stops at the
        // heap's room and JavaScript goes on from there.
        { id: 'V', lossEventFrequency: { type: 'uniform', min: 0.5, max: 1.5 }, primaryLoss: { type: 'lognormal', low: 100, high: 10_000 } },
      ],
      // One, two and three policies per event (the asm.js loop has a path for each), overlapping
      // so that some events are shared between them.
      insurance: [
        { id: 'P', premium: 1, deductible: 500, limit: 100_000, aggregateLimit: 50_000_000 },
        { id: 'Q', premium: 1, deductible: 2000, limit: 400_000, covers: ['A', 'C1'] },
        { id: 'R', premium: 1, deductible: 0, limit: 3000, covers: ['A'] },
      ],
    });
    const spec = resolveRun(busy, { years: 10_000, seed: 5, detail: true });
    const runWith = (capacity: number | null): unknown => {
      const layout = layoutRun(spec);
      if (capacity !== null) layout.eventCapacity = capacity;
      const buffers = allocateBuffers(layout, false);
      const worker = new RunWorker(layout, buffers);
      worker.claimGroups();
      worker.claimPortfolios();
      return assemble(layout, buffers.summaries);
    };
    const roomy = runWith(null);
    const tight = runWith(1024); // the events of risks A, B and V no longer fit the heap
    expect(tight).toEqual(roomy);
    // Room for one event: the asm.js loops stop at once and JavaScript draws nearly everything.
    expect(runWith(1)).toEqual(roomy);
    expect(roomy).toEqual(simulateModel(busy, { years: 10_000, seed: 5, detail: true }));
  });
});
