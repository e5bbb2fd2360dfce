import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModel, simulateModel, type InsurancePolicy, type Risk, type RiskModel, type SimulationResult } from './index.js';
import { SimulationPool } from './parallel.js';

const c = (value: number) => ({ type: 'constant', value }) as const;
const constantRisk = (id: string, rate: number, loss: number): Risk => ({ id, lossEventFrequency: c(rate), primaryLoss: c(loss) });

const ransomware: Risk = {
  id: 'R1',
  threatEventFrequency: { type: 'pert', min: 0.5, mode: 2, max: 6 },
  vulnerability: { type: 'uniform', min: 0.1, max: 0.4 },
  primaryLoss: { type: 'lognormal', low: 20_000, high: 2_000_000 },
  secondaryLossEventFrequency: { type: 'triangular', min: 0.1, mode: 0.2, max: 0.5 },
  secondaryLoss: { type: 'lognormal', low: 5_000, high: 500_000 },
  treatments: [
    { id: 'C1', annualCost: 40_000, effect: { primaryLoss: { type: 'uniform', min: 0.2, max: 0.5 } } },
    { id: 'C2', annualCost: 15_000, effect: { threatEventFrequency: { type: 'uniform', min: 0.8, max: 1.3 } } },
  ],
};
const breach: Risk = { id: 'R2', lossEventFrequency: { type: 'uniform', min: 0.5, max: 2 }, primaryLoss: { type: 'pert', min: 10_000, mode: 60_000, max: 400_000 } };
const outage: Risk = { id: 'R3', lossEventFrequency: c(3), primaryLoss: { type: 'normal', mean: 8000, sd: 3000 } };

/** The output without what insurance adds (and the appetite, whose basis it changes). */
function withoutInsurance(r: SimulationResult): unknown {
  const { retained: _r, insurance: _i, appetite: _a, ...portfolio } = r.portfolio;
  return { ...r, portfolio };
}

describe('insurance', () => {
  it('shares an event between policies that together would pay more than the loss, in proportion', () => {
    // Loss 150,000 once a year on average; both policies would pay 100,000: each gets 75,000.
    const r = simulateModel(
      parseModel({
        risks: [constantRisk('A', 1, 150_000)],
        insurance: [
          { id: 'P1', premium: 1, deductible: 0, limit: 100_000 },
          { id: 'P2', premium: 1, deductible: 0, limit: 100_000 },
        ],
      }),
      { years: 50_000, seed: 3 },
    );
    const [p1, p2] = r.portfolio.insurance!;
    expect(p1!.expectedRecovery).toBe(p2!.expectedRecovery);
    expect(p1!.expectedRecovery / 75_000).toBeCloseTo(r.portfolio.mean / 150_000, 12);
    expect(r.portfolio.retained!.mean).toBe(0);
    expect(r.portfolio.retained!.probabilityOfLoss).toBe(0);
    expect(r.portfolio.retained!.lec).toEqual([]);
  });

  it('retains exactly what a full cover leaves: nothing', () => {
    const { result: r, detail } = simulateModel(parseModel({ risks: [ransomware, breach], insurance: [{ id: 'P', premium: 5, deductible: 0, limit: 1e15 }] }), { years: 20_000, seed: 1, detail: true });
    expect(r.portfolio.retained).toEqual({ mean: 0, p90: 0, p95: 0, p99: 0, max: 0, probabilityOfLoss: 0, lec: [] });
    expect(r.portfolio.insurance![0]!.expectedRecovery).toBeCloseTo(r.portfolio.residual!.mean, 3);
    // Claims follow the residual losses (C2 can raise the rate), not the inherent ones.
    expect(r.portfolio.insurance![0]!.probabilityOfClaim).toBe(detail.portfolio.residual!.probabilityOfLoss);
  });

  it('covers only the risks it names', () => {
    const r = simulateModel(
      parseModel({ risks: [constantRisk('A', 1, 100_000), constantRisk('B', 1, 100_000)], insurance: [{ id: 'P', premium: 1, deductible: 0, limit: 1e9, covers: ['B'] }] }),
      { years: 20_000, seed: 2 },
    );
    expect(r.portfolio.insurance![0]!.expectedRecovery).toBe(r.risks[1]!.mean);
    expect(r.portfolio.retained!.mean).toBe(r.risks[0]!.mean);
  });

  it('checks the appetite on the retained loss, and says when the simulated years cannot settle a point', () => {
    // One event a year on average, 1,000,000 each, half of it recovered: P(retained > 400,000) = 1 − e^−1.
    const model = parseModel({
      appetite: [
        { loss: 400_000, probability: 0.6321 },
        { loss: 400_000.5, probability: 0.5 },
        { loss: 10_000_000, probability: 0.9 },
      ],
      risks: [constantRisk('A', 1, 1_000_000)],
      insurance: [{ id: 'P', premium: 1, deductible: 500_000, limit: 500_000 }],
    });
    const years = 10_000;
    const r = simulateModel(model, { years, seed: 4 });
    const a = r.portfolio.appetite!;
    expect(a.basis).toBe('retained');
    const [close, breached, safe] = a.points;
    for (const p of a.points) expect(p.stdError).toBe(Math.sqrt((p.probability * (1 - p.probability)) / years));
    expect(close!.confident).toBe(false); // 0.6321 is within sampling error of 1 − e^−1
    expect(breached!.breached).toBe(true);
    expect(breached!.confident).toBe(true);
    expect(safe!.probability).toBe(0);
    expect(safe!.confident).toBe(true);
    expect(a.breached).toBe(true);
  });

  it('adds retained and insurance to the output in the contract order, and to the detail', () => {
    const model = parseModel({ appetite: [{ loss: 100_000, probability: 0.2 }], risks: [ransomware, breach], insurance: [{ id: 'P', name: 'Cyber', premium: 9000, deductible: 25_000, limit: 500_000, aggregateLimit: 1_000_000 }] });
    const { result, detail } = simulateModel(model, { years: 5000, seed: 2, detail: true });
    expect(Object.keys(result.portfolio)).toEqual(['mean', 'sd', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss', 'lec', 'appetite', 'residual', 'retained', 'insurance']);
    expect(Object.keys(result.portfolio.retained!)).toEqual(['mean', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss', 'lec']);
    expect(Object.keys(result.portfolio.insurance![0]!)).toEqual(['id', 'premium', 'expectedRecovery', 'p99Recovery', 'probabilityOfClaim', 'aggregateExhausted']);
    expect(result.portfolio.retained!.lec.length).toBeGreaterThanOrEqual(50);
    expect(detail.portfolio.retained!.mean).toBe(result.portfolio.retained!.mean);
    expect(detail.portfolio.retained!.premium).toBe(9000);
    expect(detail.portfolio.retained!.appetite).toEqual(result.portfolio.appetite);
    expect(detail.portfolio.residual!.appetite!.basis).toBe('residual');
    expect(detail.portfolio.appetite!.basis).toBe('inherent');
    // An empty list of policies is no insurance.
    expect(simulateModel(parseModel({ risks: [breach], insurance: [] }), { years: 100 }).portfolio.retained).toBeUndefined();
  });

  it('gives byte-identical output with 1 and 2 threads', async () => {
    const model = parseModel({
      appetite: [{ loss: 200_000, probability: 0.1 }],
      risks: [ransomware, breach, outage],
      insurance: [
        { id: 'P1', premium: 30_000, deductible: 50_000, limit: 250_000, aggregateLimit: 400_000 },
        { id: 'P2', premium: 8000, deductible: 300_000, limit: 1_000_000, covers: ['R1'] },
      ],
    });
    const pool = new SimulationPool({ threads: 2 });
    pools.push(pool);
    const options = { years: 30_000, seed: 9, detail: true } as const;
    expect(JSON.stringify(await pool.simulate(model, options))).toBe(JSON.stringify(simulateModel(model, options)));
  });
});

const pools: SimulationPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.destroy()));
});

const money = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const policyArb = (id: string, riskIds: string[]): fc.Arbitrary<InsurancePolicy> =>
  fc
    .record({
      premium: money(0, 50_000),
      deductible: fc.oneof(fc.constant(0), money(0, 300_000)),
      limit: money(1, 2_000_000),
      aggregate: fc.option(money(1, 3), { nil: undefined }),
      covers: fc.option(fc.subarray(riskIds, { minLength: 1 }), { nil: undefined }),
    })
    .map(({ premium, deductible, limit, aggregate, covers }) => ({
      id,
      premium,
      deductible,
      limit,
      ...(aggregate !== undefined ? { aggregateLimit: limit * aggregate } : {}),
      ...(covers ? { covers } : {}),
    }));

describe('properties of insurance', () => {
  it('never changes another result, keeps retained ≤ residual, and retained + recoveries = residual', () => {
    const risks = [ransomware, breach, outage];
    const ids = risks.map((r) => r.id);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 3 }), policyArb('P1', ids), policyArb('P2', ids), fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 }), (pick, p1, p2, two, seed) => {
        const chosen = [...new Set(pick)].map((i) => risks[i]!);
        const names = new Set(chosen.map((r) => r.id));
        const keep = (p: InsurancePolicy): InsurancePolicy => {
          const covers = p.covers?.filter((id) => names.has(id));
          const { covers: _c, ...rest } = p;
          return covers && covers.length > 0 ? { ...rest, covers } : rest;
        };
        const insurance = two ? [keep(p1), keep(p2)] : [keep(p1)];
        const bare: RiskModel = parseModel({ risks: chosen });
        const insured: RiskModel = parseModel({ risks: chosen, insurance });
        const options = { years: 3000, seed };
        const a = simulateModel(bare, options);
        const { result: b, detail } = simulateModel(insured, { ...options, detail: true });
        expect(withoutInsurance(b)).toEqual(withoutInsurance(a));
        const bears = detail.portfolio.residual ?? detail.portfolio;
        const retained = b.portfolio.retained!;
        const slack = (x: number): number => x * (1 + 1e-12) + 1e-9;
        for (const key of ['mean', 'p90', 'p95', 'p99'] as const) expect(retained[key]).toBeLessThanOrEqual(slack(bears[key]));
        expect(retained.probabilityOfLoss).toBeLessThanOrEqual(bears.probabilityOfLoss);
        const recovered = b.portfolio.insurance!.reduce((sum, p) => sum + p.expectedRecovery, 0);
        expect(Math.abs(retained.mean + recovered - bears.mean)).toBeLessThanOrEqual(1e-9 * bears.mean + 1e-9);
        b.portfolio.insurance!.forEach((p, i) => {
          const policy = insurance[i]!;
          const cap = policy.aggregateLimit ?? Infinity;
          expect(p.premium).toBe(policy.premium);
          // Every year's recovery is at most the cap; a mean or an interpolated quantile of them
          // may round one ulp above it.
          expect(p.p99Recovery).toBeLessThanOrEqual(slack(cap));
          expect(p.expectedRecovery).toBeLessThanOrEqual(slack(cap));
          expect(p.probabilityOfClaim).toBeLessThanOrEqual(bears.probabilityOfLoss);
          if (policy.aggregateLimit === undefined) expect(p.aggregateExhausted).toBe(0);
          expect(p.aggregateExhausted).toBeLessThanOrEqual(p.probabilityOfClaim);
        });
      }),
      { numRuns: 40 },
    );
  });
});
