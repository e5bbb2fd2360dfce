import { describe, expect, it } from 'vitest';
import { parseModel, simulateModel, type RiskModel } from './index.js';
import { allocateBuffers, assemble, C_DONE_GROUPS, layoutRun, resolveRun, RunWorker } from './run.js';

/** Five risks (five groups), treatments and two policies: every kind of group sum. */
const model: RiskModel = parseModel({
  risks: [
    { id: 'A', lossEventFrequency: { type: 'pert', min: 0.5, mode: 2, max: 5 }, primaryLoss: { type: 'lognormal', low: 1000, high: 200_000 } },
    {
      id: 'B',
      threatEventFrequency: { type: 'triangular', min: 1, mode: 3, max: 9 },
      vulnerability: { type: 'uniform', min: 0.1, max: 0.5 },
      primaryLoss: { type: 'lognormal', low: 5000, high: 900_000 },
      treatments: [{ id: 'T1', annualCost: 1000, effect: { vulnerability: { type: 'constant', value: 0.5 } } }],
    },
    { id: 'C', lossEventFrequency: { type: 'constant', value: 0.3 }, primaryLoss: { type: 'normal', mean: 40_000, sd: 9000 } },
    {
      id: 'D',
      lossEventFrequency: { type: 'uniform', min: 0.1, max: 0.9 },
      primaryLoss: { type: 'triangular', min: 1e4, mode: 5e4, max: 4e5 },
      treatments: [{ id: 'T2', annualCost: 500, effect: { primaryLoss: { type: 'uniform', min: 0.3, max: 0.8 } } }],
    },
    { id: 'E', lossEventFrequency: { type: 'constant', value: 4 }, primaryLoss: { type: 'lognormal', low: 200, high: 20_000 } },
  ],
  insurance: [
    { id: 'P', premium: 1, deductible: 1000, limit: 100_000, aggregateLimit: 400_000 },
    { id: 'Q', premium: 1, deductible: 5000, limit: 300_000, covers: ['B', 'D'] },
  ],
});

describe('a shared run adds its groups in group order', () => {
  it('gives the sequential result when groups finish out of order and wait in the pool', () => {
    const options = { years: 6000, seed: 9, detail: true };
    const layout = layoutRun(resolveRun(model, options));
    expect(layout.groups.length).toBe(5);
    const buffers = allocateBuffers(layout, true, 2);
    expect(buffers.pool.length).toBe(2);
    // Two "threads" on the same buffers: groups 2 and 1 finish first and are parked; group 0
    // is added, then the parked 1 and 2 after it; then 4 is parked until 3 comes.
    const first = new RunWorker(layout, buffers);
    const second = new RunWorker(layout, buffers);
    first.group(2);
    second.group(1);
    expect(Array.from(buffers.poolGroup).sort()).toEqual([1, 2]);
    expect(buffers.control[C_DONE_GROUPS]).toBe(0);
    first.group(0);
    expect(buffers.control[C_DONE_GROUPS]).toBe(3);
    expect(Array.from(buffers.poolGroup)).toEqual([-1, -1]);
    second.group(4);
    expect(buffers.control[C_DONE_GROUPS]).toBe(3);
    first.group(3);
    expect(buffers.control[C_DONE_GROUPS]).toBe(5);
    second.claimPortfolios();
    expect(assemble(layout, buffers.summaries)).toEqual(simulateModel(model, options));
  });
});
