import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EventLimitError, HISTOGRAM_BINS, LEC_POINTS, parseModel, recommendedThreads, simulateModel, type Risk, type RiskModel } from './index.js';
import { SimulationPool, simulateParallel } from './parallel.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const portfolio100 = parseModel(JSON.parse(readFileSync(`${repoRoot}../shared/bench/portfolio-100.json`, 'utf8')));
/** The exact mean annual loss of portfolio-100 (shared/bench/README.md). */
const PORTFOLIO_100_MEAN = 150_850_969.85;

const treated: RiskModel = parseModel({
  currency: 'EUR',
  appetite: [
    { loss: 50_000, probability: 0.5 },
    { loss: 2_000_000, probability: 0.01 },
  ],
  risks: [
    {
      id: 'R1',
      name: 'Ransomware',
      threatEventFrequency: { type: 'pert', min: 0.5, mode: 2, max: 6 },
      vulnerability: { type: 'uniform', min: 0.1, max: 0.4 },
      primaryLoss: { type: 'lognormal', low: 20_000, high: 2_000_000 },
      secondaryLossEventFrequency: { type: 'triangular', min: 0.1, mode: 0.2, max: 0.5 },
      secondaryLoss: { type: 'lognormal', low: 5_000, high: 500_000, confidence: 0.8 },
      treatments: [
        { id: 'C1', annualCost: 40_000, effect: { primaryLoss: { type: 'uniform', min: 0.2, max: 0.5 } } },
        { id: 'C2', annualCost: 15_000, effect: { vulnerability: { type: 'constant', value: 0.5 }, secondaryLoss: { type: 'pert', min: 0.3, mode: 0.6, max: 1 } } },
      ],
    },
    { id: 'R2', lossEventFrequency: { type: 'constant', value: 3 }, primaryLoss: { type: 'normal', mean: 8000, sd: 3000 } },
    {
      id: 'R3',
      lossEventFrequency: { type: 'uniform', min: 0.01, max: 0.2 },
      primaryLoss: { type: 'triangular', min: 1e5, mode: 3e5, max: 2e6 },
      treatments: [{ id: 'C3', annualCost: 0, effect: { lossEventFrequency: { type: 'constant', value: 0.7 } } }],
    },
  ],
});

const pools: SimulationPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.destroy()));
});

describe('simulateModel', () => {
  it('gives the same output for the same input, seed and years, and another for another seed', () => {
    const a = JSON.stringify(simulateModel(treated, { years: 20_000, seed: 5 }));
    const b = JSON.stringify(simulateModel(treated, { years: 20_000, seed: 5 }));
    const c = JSON.stringify(simulateModel(treated, { years: 20_000, seed: 6 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('takes years and seed from the options, then the model, then 100,000 and 1', () => {
    const model = parseModel({ years: 3000, seed: 9, risks: [{ id: 'A', lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1 } }] });
    const fromModel = simulateModel(model);
    expect([fromModel.years, fromModel.seed]).toEqual([3000, 9]);
    const fromOptions = simulateModel(model, { years: 100, seed: 2 });
    expect([fromOptions.years, fromOptions.seed]).toEqual([100, 2]);
    const { years: _y, seed: _s, ...bare } = model;
    const defaults = simulateModel(bare);
    expect([defaults.years, defaults.seed, defaults.currency]).toEqual([100_000, 1, 'USD']);
  });

  it('returns exactly the contract fields, in the contract order', () => {
    const r = simulateModel(treated, { years: 5000, seed: 1, version: '9.9.9' });
    expect(Object.keys(r)).toEqual(['engine', 'years', 'seed', 'currency', 'portfolio', 'risks']);
    expect(r.engine).toEqual({ name: 'triad', version: '9.9.9' });
    expect(r.currency).toBe('EUR');
    expect(Object.keys(r.portfolio)).toEqual(['mean', 'sd', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss', 'lec', 'appetite', 'residual']);
    expect(Object.keys(r.portfolio.residual!)).toEqual(['mean', 'p90', 'p95', 'p99']);
    expect(Object.keys(r.portfolio.appetite!)).toEqual(['basis', 'breached', 'points']);
    expect(r.portfolio.appetite!.basis).toBe('residual');
    expect(Object.keys(r.portfolio.appetite!.points[0]!)).toEqual(['loss', 'limit', 'probability', 'stdError', 'confident', 'breached']);
    expect(Object.keys(r.risks[0]!)).toEqual(['id', 'mean', 'p50', 'p90', 'p95', 'p99', 'probabilityOfLoss', 'residual', 'treatmentCost', 'rosi']);
    expect(Object.keys(r.risks[0]!.residual!)).toEqual(['mean', 'p90', 'p99']);
    expect(Object.keys(r.risks[1]!)).toEqual(['id', 'mean', 'p50', 'p90', 'p95', 'p99', 'probabilityOfLoss']);
    expect(r.risks[0]!.treatmentCost).toBe(55_000);
    expect(r.risks[0]!.rosi).toBeCloseTo((r.risks[0]!.mean - r.risks[0]!.residual!.mean - 55_000) / 55_000, 12);
    expect(r.risks[2]!.rosi).toBeNull();
    const untreated = simulateModel(parseModel({ risks: [{ id: 'A', lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1 } }] }), { years: 10 });
    expect(Object.keys(untreated.portfolio)).toEqual(['mean', 'sd', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss', 'lec']);
  });

  it('draws a loss exceedance curve of at least 50 log-spaced points over the non-zero losses', () => {
    const { result, detail } = simulateModel(treated, { years: 20_000, seed: 3, detail: true });
    const lec = result.portfolio.lec;
    expect(lec.length).toBe(LEC_POINTS);
    expect(lec.length).toBeGreaterThanOrEqual(50);
    expect(lec[0]!.loss).toBeGreaterThan(0);
    expect(lec[lec.length - 1]!.loss).toBe(result.portfolio.max);
    const ratios = lec.slice(1).map((p, i) => p.loss / lec[i]!.loss);
    for (const q of ratios) expect(q).toBeCloseTo(ratios[0]!, 6);
    for (let i = 1; i < lec.length; i++) expect(lec[i]!.probability).toBeLessThanOrEqual(lec[i - 1]!.probability);
    expect(lec[lec.length - 1]!.probability).toBe(0);
    expect(lec[0]!.probability).toBeLessThanOrEqual(result.portfolio.probabilityOfLoss);
    // The histogram counts every year with a loss once.
    for (const d of [detail.portfolio, ...detail.risks]) {
      expect(d.histogram.counts.length).toBe(HISTOGRAM_BINS);
      expect(d.histogram.edges.length).toBe(HISTOGRAM_BINS + 1);
      expect(d.histogram.counts.reduce((a, b) => a + b, 0)).toBe(Math.round(d.probabilityOfLoss * 20_000));
    }
  });

  it('returns detail apart from the contract: curves per risk, residual portfolio curve and appetite', () => {
    const plain = simulateModel(treated, { years: 8000, seed: 4 });
    const { result, detail } = simulateModel(treated, { years: 8000, seed: 4, detail: true });
    expect(result).toEqual(plain);
    expect(detail.risks.map((r) => r.id)).toEqual(['R1', 'R2', 'R3']);
    expect(detail.risks[0]!.name).toBe('Ransomware');
    expect(detail.risks[0]!.lec.length).toBe(LEC_POINTS);
    expect(detail.risks[0]!.residual!.lec.length).toBe(LEC_POINTS);
    expect(detail.risks[1]!.residual).toBeUndefined();
    expect(detail.risks[0]!.mean).toBe(result.risks[0]!.mean);
    expect(detail.risks[0]!.expectedMean).toBeGreaterThan(0);
    const res = detail.portfolio.residual!;
    expect(res.lec.length).toBe(LEC_POINTS);
    expect(res.appetite!.points.map((p) => p.loss)).toEqual([50_000, 2_000_000]);
    expect(res.treatmentCost).toBe(55_000);
    expect(res.mean).toBe(result.portfolio.residual!.mean);
    expect(res.rosi).toBeCloseTo((result.portfolio.mean - res.mean - 55_000) / 55_000, 12);
    // The output checks the appetite on what the company bears (residual here); the detail has both.
    expect(detail.portfolio.residual!.appetite).toEqual(result.portfolio.appetite);
    expect(detail.portfolio.appetite!.basis).toBe('inherent');
    // Every multiplier of `treated` is at most 1: no exceedance probability rises.
    detail.portfolio.appetite!.points.forEach((p, i) => expect(result.portfolio.appetite!.points[i]!.probability).toBeLessThanOrEqual(p.probability));
  });

  it('keeps inherent results whatever the treatments, and a treatment of 1× changes nothing', () => {
    const { treatments: _t, ...bare } = treated.risks[0]!;
    const without = simulateModel({ ...treated, risks: [bare, ...treated.risks.slice(1)] }, { years: 10_000, seed: 8 });
    const withT = simulateModel(treated, { years: 10_000, seed: 8 });
    expect(withT.risks.map((r) => [r.mean, r.p50, r.p99])).toEqual(without.risks.map((r) => [r.mean, r.p50, r.p99]));
    expect(withT.portfolio.p95).toBe(without.portfolio.p95);
    const one = { type: 'constant', value: 1 } as const;
    const identity = simulateModel(
      { risks: [{ ...bare, treatments: [{ id: 'X', annualCost: 1, effect: { primaryLoss: one, vulnerability: one, secondaryLoss: one, secondaryLossEventFrequency: one } }] }] },
      { years: 10_000, seed: 8 },
    );
    const r = identity.risks[0]!;
    expect([r.residual!.mean, r.residual!.p90, r.residual!.p99]).toEqual([r.mean, r.p90, r.p99]);
  });

  it('gives residual means that match the closed form for every kind of multiplier', () => {
    const c = (value: number) => ({ type: 'constant', value }) as const;
    // Inherent: rate 4 × 0.5 = 2, primary 1000, secondary 100 with chance 0.5: mean 2 × 1050 = 2100.
    const base = { id: 'R', threatEventFrequency: c(4), vulnerability: c(0.5), primaryLoss: c(1000), secondaryLossEventFrequency: c(0.5), secondaryLoss: c(100) };
    const cases: [Record<string, number>, number][] = [
      [{ lossEventFrequency: 0.5 }, 0.5 * 2 * 1050],
      [{ threatEventFrequency: 0.25 }, 0.25 * 2 * 1050],
      [{ vulnerability: 0.5 }, 0.5 * 2 * 1050],
      [{ vulnerability: 3 }, 4 * 1050], // vulnerability capped at 1: rate 4, more events than inherent
      [{ lossEventFrequency: 1.5 }, 1.5 * 2 * 1050],
      [{ primaryLoss: 0.5 }, 2 * (500 + 50)],
      [{ secondaryLossEventFrequency: 0.5 }, 2 * (1000 + 25)],
      [{ secondaryLossEventFrequency: 4 }, 2 * (1000 + 100)], // chance capped at 1
      [{ secondaryLoss: 0 }, 2 * 1000],
    ];
    for (const [factors, expected] of cases) {
      const effect = Object.fromEntries(Object.entries(factors).map(([f, v]) => [f, c(v)]));
      const r = simulateModel(parseModel({ risks: [{ ...base, treatments: [{ id: 'T', annualCost: 100, effect }] }] }), { years: 200_000, seed: 4 }).risks[0]!;
      expect(Math.abs(r.mean / 2100 - 1), JSON.stringify(factors)).toBeLessThan(0.01);
      expect(Math.abs(r.residual!.mean / expected - 1), JSON.stringify(factors)).toBeLessThan(0.015);
    }
  });

  it('reports progress up to completion', () => {
    const seen: number[] = [];
    simulateModel(treated, { years: 5000, onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('portfolio-100: the mean is within 1 % of 150,850,969.85 at 100,000 years, for any seed', () => {
    for (const seed of [1, 2, 987654321]) {
      const r = simulateModel(portfolio100, { years: 100_000, seed });
      expect(Math.abs(r.portfolio.mean / PORTFOLIO_100_MEAN - 1), `seed ${seed}`).toBeLessThan(0.01);
      expect(r.risks.length).toBe(100);
    }
  });
});

describe('parallel runner', () => {
  it('recommends a second thread where the work pays for it: events and the factors drawn each year', () => {
    const realistic = parseModel(JSON.parse(readFileSync(`${repoRoot}../shared/bench/register-realistic.json`, 'utf8')));
    // 4.8 million loss events at constant rates: a worker would cost more than it saves.
    expect(recommendedThreads(portfolio100, 100_000, 2)).toBe(1);
    // Few loss events, but PERT frequencies and vulnerabilities drawn every year for 200 risks.
    expect(recommendedThreads(realistic, 100_000, 2)).toBe(2);
    expect(recommendedThreads(realistic, 100_000, 1)).toBe(1);
    expect(recommendedThreads(realistic, 1_000, 2)).toBe(1);
  });

  it('gives byte-identical output with 1 and 2 threads, in process or not', async () => {
    const options = { years: 30_000, seed: 11, version: '1.0.0' };
    const inProcess = JSON.stringify(simulateModel(treated, options));
    const one = JSON.stringify(await simulateParallel(treated, { ...options, threads: 1 }));
    const two = JSON.stringify(await simulateParallel(treated, { ...options, threads: 2 }));
    expect(one).toBe(inProcess);
    expect(two).toBe(inProcess);
    const big = JSON.stringify(simulateModel(portfolio100, { years: 20_000, seed: 3 }));
    expect(JSON.stringify(await simulateParallel(portfolio100, { years: 20_000, seed: 3, threads: 2 }))).toBe(big);
  });

  it('gives the same output with more threads than cores, one-shot or pooled', async () => {
    // Threads may finish groups ahead of the one the totals wait for (run.test.ts drives that
    // case step by step); whatever the timing, the sums come out in group order.
    const options = { years: 8_000, seed: 5, version: '1.0.0' };
    const expected = JSON.stringify(simulateModel(portfolio100, options));
    expect(JSON.stringify(await simulateParallel(portfolio100, { ...options, threads: 4 }))).toBe(expected);
    const pool = new SimulationPool({ threads: 3 });
    pools.push(pool);
    expect(JSON.stringify(await pool.simulate(portfolio100, options))).toBe(expected);
    const detailed = JSON.stringify(simulateModel(treated, { ...options, detail: true }));
    expect(JSON.stringify(await simulateParallel(treated, { ...options, threads: 3, detail: true }))).toBe(detailed);
  });

  it('stops every thread when a risk draws more events than the engine holds, and the pool serves the next run', async () => {
    // R1 draws more than MAX_BLOCK_EVENTS in its first block with seed 292 (validate.test.ts);
    // the threads that wait for its group to be added must give up, not wait for ever.
    const cheap = (id: string): Risk => ({ id, lossEventFrequency: { type: 'constant', value: 0.5 }, primaryLoss: { type: 'constant', value: 1 } });
    const runaway: Risk = { id: 'R1', lossEventFrequency: { type: 'lognormal', low: 0.0001, high: 50 }, primaryLoss: { type: 'constant', value: 1 } };
    const model: RiskModel = { risks: [cheap('A'), cheap('B'), runaway, cheap('C'), cheap('D'), cheap('E')] };
    const options = { years: 4096, seed: 292 };
    await expect(simulateParallel(model, { ...options, threads: 2 })).rejects.toThrow(EventLimitError);
    const pool = new SimulationPool({ threads: 2 });
    pools.push(pool);
    await expect(pool.simulate(model, options)).rejects.toThrow('R1: drew more than');
    expect(await pool.simulate(treated, { years: 2000, seed: 4 })).toEqual(simulateModel(treated, { years: 2000, seed: 4 }));
  });

  it('keeps a reusable pool that serves several runs, with detail and progress', async () => {
    const pool = new SimulationPool({ threads: 2 });
    pools.push(pool);
    const seen: number[] = [];
    const [a, b] = await Promise.all([
      pool.simulate(treated, { years: 10_000, seed: 1, detail: true, onProgress: (p) => seen.push(p.done) }),
      pool.simulate(portfolio100, { years: 5000, seed: 2 }),
    ]);
    expect(a).toEqual(simulateModel(treated, { years: 10_000, seed: 1, detail: true }));
    expect(b).toEqual(simulateModel(portfolio100, { years: 5000, seed: 2 }));
    expect(seen.length).toBeGreaterThan(0);
    await pool.destroy();
    await expect(pool.simulate(treated, { years: 10 })).rejects.toThrow('destroyed');
  });

  it('validates before starting', async () => {
    await expect(simulateParallel({ risks: [] }, { threads: 2 })).rejects.toThrow('risks: must be a list with at least one risk');
    expect(() => new SimulationPool({ threads: 0 })).toThrow('threads: must be a whole number');
  });
});
