import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { band, bandsProblem, DEFAULT_LIKELIHOOD_BANDS, defaultImpactBands, rate, ratingLevel } from './rating.js';

describe('qualitative rating', () => {
  it('places values in five bands, a value on a limit in the band above', () => {
    expect(band(0, [1, 2, 3, 4])).toBe(1);
    expect(band(1, [1, 2, 3, 4])).toBe(2);
    expect(band(3.5, [1, 2, 3, 4])).toBe(4);
    expect(band(99, [1, 2, 3, 4])).toBe(5);
  });

  it('rates likelihood from the chance of a loss year and impact from the typical loss in such a year', () => {
    const bands = defaultImpactBands(10_000_000, 50); // 10k, 50k, 200k, 500k
    expect(bands).toEqual([10_000, 50_000, 200_000, 500_000]);
    // A loss in 30 % of years, 60,000 a year on average: 200,000 in a year with a loss.
    expect(rate({ mean: 60_000, probabilityOfLoss: 0.3 }, DEFAULT_LIKELIHOOD_BANDS, bands)).toEqual({ likelihood: 3, impact: 4, score: 12, level: 'high' });
    expect(rate({ mean: 0, probabilityOfLoss: 0 }, DEFAULT_LIKELIHOOD_BANDS, bands)).toEqual({ likelihood: 1, impact: 1, score: 1, level: 'low' });
  });

  it('never rates a scenario lower when its loss grows', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 1, max: 1e8, noNaN: true }), fc.double({ min: 1, max: 10, noNaN: true }), (p, mean, factor) => {
        const bands = defaultImpactBands(20_000_000, 100);
        expect(rate({ mean: mean * factor, probabilityOfLoss: p }, DEFAULT_LIKELIHOOD_BANDS, bands).score).toBeGreaterThanOrEqual(rate({ mean, probabilityOfLoss: p }, DEFAULT_LIKELIHOOD_BANDS, bands).score);
      }),
    );
  });

  it('names the levels by score and checks advisors\u2019 bands', () => {
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(ratingLevel)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
    expect(bandsProblem([0.1, 0.2, 0.3, 0.4], 'likelihood')).toBeNull();
    expect(bandsProblem([0.1, 0.2, 0.3], 'likelihood')).toMatch(/four/);
    expect(bandsProblem([0.1, 0.3, 0.2, 0.4], 'likelihood')).toMatch(/ascending/);
    expect(bandsProblem([0.1, 0.2, 0.3, 1.5], 'likelihood')).toMatch(/below 1/);
    expect(bandsProblem([100, 1_000, 10_000, 100_000], 'impact')).toBeNull();
    expect(defaultImpactBands(0, 10)).toEqual([2_500, 13_000, 50_000, 130_000]);
  });
});
