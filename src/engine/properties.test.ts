import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributionMoments, expectedAnnualLoss, parseModel, simulateModel, type Distribution, type LossSummary, type Risk, type RiskModel, type Treatment } from './index.js';

// Generators of valid distributions for each role.

const rate: fc.Arbitrary<Distribution> = fc.oneof(
  fc.double({ min: 0.05, max: 4, noNaN: true }).map((value) => ({ type: 'constant' as const, value })),
  fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true })).map(([min, w]) => ({ type: 'uniform' as const, min, max: min + w })),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.2, max: 4, noNaN: true }))
    .map(([min, at, w]) => ({ type: 'pert' as const, min, mode: min + at * w, max: min + w })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.2, max: 4, noNaN: true })).map(([min, at, w]) => ({
    type: 'triangular' as const,
    min,
    mode: min + at * w,
    max: min + w,
  })),
);

const probability: fc.Arbitrary<Distribution> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((value) => ({ type: 'constant' as const, value })),
  fc.tuple(fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0.05, max: 0.2, noNaN: true })).map(([min, w]) => ({ type: 'uniform' as const, min, max: min + w })),
  fc.tuple(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.02, max: 0.3, noNaN: true })).map(([mean, sd]) => ({ type: 'normal' as const, mean, sd })),
);

const loss: fc.Arbitrary<Distribution> = fc.oneof(
  fc.double({ min: 1, max: 1e6, noNaN: true }).map((value) => ({ type: 'constant' as const, value })),
  fc.tuple(fc.double({ min: 10, max: 1e4, noNaN: true }), fc.double({ min: 2, max: 30, noNaN: true })).map(([low, ratio]) => ({ type: 'lognormal' as const, low, high: low * ratio })),
  fc
    .tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 1e4, noNaN: true }))
    .map(([min, at, w]) => ({ type: 'pert' as const, min, mode: min + at * w, max: min + w })),
  fc.tuple(fc.double({ min: 100, max: 1e4, noNaN: true }), fc.double({ min: 0.05, max: 0.5, noNaN: true })).map(([mean, cv]) => ({ type: 'normal' as const, mean, sd: mean * cv })),
);

/** Multipliers that can only reduce: values within [0, 1]. */
const reducing: fc.Arbitrary<Distribution> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((value) => ({ type: 'constant' as const, value })),
  fc.tuple(fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0.01, max: 0.1, noNaN: true })).map(([min, w]) => ({ type: 'uniform' as const, min, max: Math.min(1, min + w) })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.05, max: 0.5, noNaN: true })).map(([mean, sd]) => ({ type: 'normal' as const, mean, sd, max: 1 })),
);

const risk = (id: string): fc.Arbitrary<Risk> =>
  fc
    .record({
      lef: fc.option(rate, { nil: undefined }),
      tef: rate,
      vulnerability: probability,
      primary: loss,
      secondary: fc.option(fc.tuple(probability, loss), { nil: undefined }),
    })
    .map(({ lef, tef, vulnerability, primary, secondary }) => ({
      id,
      ...(lef ? { lossEventFrequency: lef } : { threatEventFrequency: tef, vulnerability }),
      primaryLoss: primary,
      ...(secondary ? { secondaryLossEventFrequency: secondary[0], secondaryLoss: secondary[1] } : {}),
    }));

const treatment = (id: string): fc.Arbitrary<Treatment> =>
  fc
    .record(
      {
        lossEventFrequency: reducing,
        threatEventFrequency: reducing,
        vulnerability: reducing,
        primaryLoss: reducing,
        secondaryLossEventFrequency: reducing,
        secondaryLoss: reducing,
      },
      { requiredKeys: [] },
    )
    .filter((effect) => Object.keys(effect).length > 0)
    .map((effect) => ({ id, annualCost: 1000, effect }));

function treat(r: Risk, treatments: Treatment[]): Risk {
  const hasSecondary = r.secondaryLoss !== undefined;
  const usable = treatments
    .map((t) => ({ ...t, effect: Object.fromEntries(Object.entries(t.effect).filter(([f]) => hasSecondary || !f.startsWith('secondary'))) }))
    .filter((t) => Object.keys(t.effect).length > 0);
  return usable.length > 0 ? { ...r, treatments: usable } : r;
}

const SUMMARY_KEYS: (keyof LossSummary)[] = ['mean', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss'];

describe('properties of the simulation', () => {
  it('the simulated mean converges on the closed-form mean', () => {
    const years = 20_000;
    fc.assert(
      fc.property(risk('R'), fc.integer({ min: 0, max: 2 ** 31 }), (r, seed) => {
        // Enough events for the run's own standard deviation to be a fair yardstick.
        const rate = r.lossEventFrequency
          ? distributionMoments(r.lossEventFrequency, 'rate').mean
          : distributionMoments(r.threatEventFrequency!, 'rate').mean * distributionMoments(r.vulnerability!, 'probability').mean;
        fc.pre(rate * years >= 500);
        const model = parseModel({ risks: [r] });
        const result = simulateModel(model, { years, seed });
        const expected = expectedAnnualLoss(model.risks[0]!);
        // Six standard errors of the mean, estimated from the run itself (plus rounding).
        const tolerance = (6 * result.portfolio.sd) / Math.sqrt(years) + 1e-9 * expected + 1e-12;
        expect(Math.abs(result.portfolio.mean - expected)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 40 },
    );
  });

  it('a treatment with multipliers ≤ 1 never raises any quantile, of a risk or of the portfolio', () => {
    fc.assert(
      fc.property(
        fc.tuple(risk('A'), risk('B'), risk('C')),
        fc.array(treatment('T'), { minLength: 1, maxLength: 2 }).map((ts) => ts.map((t, i) => ({ ...t, id: `T${i}` }))),
        treatment('U'),
        fc.integer({ min: 0, max: 2 ** 31 }),
        ([a, b, c], ts, u, seed) => {
          const model: RiskModel = parseModel({ risks: [treat(a, ts), b, treat(c, [u])] });
          const { result, detail } = simulateModel(model, { years: 5000, seed, detail: true });
          const pairs: [LossSummary, LossSummary | undefined][] = detail.risks.map((d) => [d, d.residual]);
          pairs.push([detail.portfolio, detail.portfolio.residual]);
          for (const [inherent, residual] of pairs) {
            if (!residual) continue;
            for (const key of SUMMARY_KEYS) expect(residual[key], key).toBeLessThanOrEqual(inherent[key]);
          }
          const p = result.portfolio;
          if (p.residual) expect(p.residual.p99).toBeLessThanOrEqual(p.p99);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('an appetite point is breached exactly when the loss exceedance curve passes above it', () => {
    fc.assert(
      fc.property(
        risk('A'),
        risk('B'),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (a, b, point, l1, l2, seed) => {
          const years = 4000;
          const first = simulateModel(parseModel({ risks: [a, b] }), { years, seed });
          if (first.portfolio.lec.length === 0) return;
          const loss = first.portfolio.lec[point]!.loss;
          const [small, large] = l1 <= l2 ? [l1, l2] : [l2, l1];
          const run = (limit: number) => simulateModel(parseModel({ appetite: [{ loss, probability: limit }], risks: [a, b] }), { years, seed }).portfolio.appetite!;
          const withSmall = run(small);
          const withLarge = run(large);
          // The appetite check reads the same curve: the probability at a curve point is the curve's.
          expect(withSmall.points[0]!.probability).toBe(first.portfolio.lec[point]!.probability);
          expect(withSmall.breached).toBe(withSmall.points[0]!.probability > small);
          // A larger limit is never breached when a smaller one is not.
          if (!withSmall.breached) expect(withLarge.breached).toBe(false);
          if (withLarge.breached) expect(withSmall.breached).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
