import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expInPlace, fillNormals, fillUniformIntegers } from './batches.js';
import { NO_KEY, Rng, logGamma, poisson, streamKey } from './rng.js';
import { Heap } from './heap.js';
import { BLOCK_YEARS } from './scratch.js';
import { BUCKETS, HISTOGRAM_BINS, LEC_POINTS, QUANTILES, S_HISTOGRAM, S_LEC_LOSS, S_LEC_PROBABILITY, S_MAX, S_MEAN, S_PROBABILITY, S_Q, S_SD, quantileSorted, slotSize, summarize, type SummaryOptions } from './stats.js';

/** Summarises the given values through a heap, as the engine does. */
function summarizeValues(values: ArrayLike<number>, count: number, years: number, options: SummaryOptions, out: Float64Array): void {
  const heap = new Heap(Math.max(years, values.length, 1), BLOCK_YEARS, 1024, false, BUCKETS, LEC_POINTS);
  heap.values.set(Array.from(values));
  summarize(heap, heap.values, count, years, options, out, 0);
}

describe('summarize', () => {
  it('matches type-7 quantiles, mean and sd of the full sorted series, zeros implied or stored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: 0, maxLength: 2000 }),
        fc.integer({ min: 0, max: 3000 }),
        (nonZero, zeros) => {
          const years = nonZero.length + zeros;
          fc.pre(years > 0);
          const full = [...nonZero, ...new Array<number>(zeros).fill(0)].sort((a, b) => a - b);
          const mean = full.reduce((a, b) => a + b, 0) / years;
          const sd = years > 1 ? Math.sqrt(full.reduce((a, b) => a + (b - mean) ** 2, 0) / (years - 1)) : 0;
          const check = (out: Float64Array): void => {
            QUANTILES.forEach((p, i) => expect(out[S_Q + i]).toBe(quantileSorted(full, p)));
            expect(out[S_MAX]).toBe(full[full.length - 1]);
            expect(out[S_PROBABILITY]).toBe(nonZero.length / years);
            expect(out[S_MEAN]).toBeCloseTo(mean, 6);
            expect(Math.abs(out[S_SD]! - sd)).toBeLessThanOrEqual(1e-9 * Math.max(1, sd));
          };
          const sparse = new Float64Array(slotSize(0));
          summarizeValues(nonZero, nonZero.length, years, { curves: false, sd: true, appetite: [] }, sparse);
          check(sparse);
          const dense = new Float64Array(slotSize(0));
          summarizeValues([...new Array<number>(zeros).fill(0), ...nonZero], years, years, { curves: false, sd: true, appetite: [] }, dense);
          check(dense);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('builds exceedance curves, histograms and appetite probabilities from counts', () => {
    const values = Float64Array.from([5, 1, 100, 20, 0, 0, 7, 1000, 3, 50]);
    const out = new Float64Array(slotSize(3));
    summarizeValues(values, values.length, 12, { curves: true, sd: true, appetite: [0, 7, 2000] }, out);
    const loss = Array.from(out.subarray(S_LEC_LOSS, S_LEC_LOSS + LEC_POINTS));
    const prob = Array.from(out.subarray(S_LEC_PROBABILITY, S_LEC_PROBABILITY + LEC_POINTS));
    expect(loss[0]).toBe(1);
    expect(loss[LEC_POINTS - 1]).toBe(1000);
    expect(loss[50]).toBeCloseTo(Math.sqrt(1000), 9);
    loss.forEach((x, i) => expect(prob[i]).toBe([...values].filter((v) => v > x).length / 12));
    const hist = Array.from(out.subarray(S_HISTOGRAM, S_HISTOGRAM + HISTOGRAM_BINS));
    expect(hist.reduce((a, b) => a + b, 0)).toBe(8);
    expect(hist[0]).toBe(1); // the smallest value, 1, alone in the first bin [1, 1.148]
    expect(Array.from(out.subarray(S_HISTOGRAM + HISTOGRAM_BINS, S_HISTOGRAM + HISTOGRAM_BINS + 3))).toEqual([8 / 12, 4 / 12, 0]);
  });
});

describe('random numbers', () => {
  it('derives reproducible, distinct streams from (seed, risk id, block, purpose, treatment id)', () => {
    const draw = (seed: number, risk: string, block: number, purpose: number, sub?: string): number[] => {
      const r = new Rng().reseed(seed, streamKey(risk), block, purpose, sub === undefined ? NO_KEY : streamKey(sub));
      return [r.next(), r.next(), r.next()];
    };
    expect(draw(1, 'R2', 3, 0)).toEqual(draw(1, 'R2', 3, 0));
    const keys: [number, string, number, number, string?][] = [
      [1, 'R2', 3, 0],
      [1, 'R2', 3, 1],
      [1, 'R2', 4, 0],
      [1, 'R3', 3, 0],
      [1, 'R2 ', 3, 0],
      [1, '', 3, 0],
      [2, 'R2', 3, 0],
      [2 ** 40 + 1, 'R2', 3, 0],
      [1 + 2 ** 32 * 5, 'R2', 3, 0],
      [1, 'R2', 3, 16, 'C1'],
      [1, 'R2', 3, 16, 'C2'],
      [1, 'R2', 3, 17, 'C1'],
    ];
    expect(new Set(keys.map((k) => draw(...k).join())).size).toBe(keys.length);
  });

  it('keys streams by ids: 100,000 ids give 100,000 distinct keys', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(streamKey(`R${i}`).join());
    seen.add(streamKey('').join());
    expect(seen.size).toBe(100_001);
    expect(streamKey('Ransomware')).toEqual(streamKey('Ransomware'));
  });

  it('gives standard normals and exponentials (moments and tails)', () => {
    const n = 2_000_000;
    const rng = new Rng().reseed(42, NO_KEY, 0, 0);
    const z = new Float64Array(n);
    fillNormals(rng, z, n);
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    let tail = 0;
    for (const x of z) {
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
      if (x > 3) tail++;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(0.004);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.005);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.03);
    expect(Math.abs(tail / n - 0.0013498980316301) / 0.0013498980316301).toBeLessThan(0.05);
    const e = Float64Array.from({ length: n }, () => rng.exponential());
    let m1 = 0;
    let m2 = 0;
    let etail = 0;
    for (const x of e) {
      m1 += x;
      m2 += x * x;
      if (x > 8) etail++;
    }
    expect(Math.abs(m1 / n - 1)).toBeLessThan(0.004);
    expect(Math.abs(m2 / n - 2)).toBeLessThan(0.02);
    expect(Math.abs(etail / n - Math.exp(-8)) / Math.exp(-8)).toBeLessThan(0.1);
    const single = new Rng().reseed(42, NO_KEY, 0, 0);
    expect(single.normal()).toBeTypeOf('number');
  });

  it('draws Poisson counts with the right mean and variance, small and large means', () => {
    const rng = new Rng().reseed(7, [1, 0], 2, 0);
    for (const mean of [0.3, 4, 9.99, 10, 37.5, 4096 * 3.2]) {
      const n = 100_000;
      let s1 = 0;
      let s2 = 0;
      let zeros = 0;
      for (let i = 0; i < n; i++) {
        const k = poisson(rng, mean);
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        s1 += k;
        s2 += k * k;
        if (k === 0) zeros++;
      }
      const m = s1 / n;
      const v = s2 / n - m * m;
      expect(Math.abs(m - mean), `mean ${mean}`).toBeLessThan(6 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1), `variance ${mean}`).toBeLessThan(0.03);
      if (mean < 5) expect(Math.abs(zeros / n - Math.exp(-mean))).toBeLessThan(6 * Math.sqrt(Math.exp(-mean) / n));
    }
    expect(poisson(rng, 0)).toBe(0);
  });

  it('computes ln Γ', () => {
    let factorial = 1;
    for (let k = 1; k <= 30; k++) {
      factorial *= k;
      expect(Math.abs(logGamma(k + 1) - Math.log(factorial))).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.log(factorial)));
    }
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
  });

  it('draws uniform integers below any bound', () => {
    const rng = new Rng().reseed(3, NO_KEY, 0, 0);
    for (const len of [1, 3, 24, 1000, 4096]) {
      const n = 200_000;
      const out = new Int32Array(n);
      fillUniformIntegers(rng, out, n, len);
      const counts = new Array<number>(len).fill(0);
      for (const y of out) counts[y]!++;
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      const expected = n / len;
      const chi2 = counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
      // Chi-square with len − 1 degrees of freedom: mean len − 1, sd √(2(len − 1)).
      expect(chi2).toBeLessThan(len - 1 + 6 * Math.sqrt(2 * Math.max(1, len - 1)) + 1);
    }
  });

  it('computes exp(mu + sigma·x) to within 2 ulp of Math.exp', () => {
    const one = new Float64Array(1);
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (x, mu) => {
        one[0] = x;
        expInPlace(one, 1, mu, 1);
        const expected = Math.exp(mu + x);
        expect(Math.abs(one[0] - expected)).toBeLessThanOrEqual(4.5e-16 * expected);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('summarize at the edges of floating point', () => {
  it('counts subnormal losses as losses', () => {
    const values = new Float64Array(200);
    for (let i = 0; i < 100; i++) values[i] = 5e-324 * (i + 1);
    for (let i = 100; i < 200; i++) values[i] = 1 + i * Number.EPSILON;
    const full = Array.from(values).sort((a, b) => a - b);
    const out = new Float64Array(slotSize(0));
    summarizeValues(values, 200, 250, { curves: false, sd: true, appetite: [] }, out);
    const all = [...new Array<number>(50).fill(0), ...full];
    QUANTILES.forEach((p, i) => expect(out[S_Q + i]).toBe(quantileSorted(all, p)));
  });
});

describe('the asm.js loss loop', () => {
  it('steps the same generator as Rng', () => {
    const heap = new Heap(16, BLOCK_YEARS, 16, false, BUCKETS, LEC_POINTS);
    new Rng(heap.state).reseed(5, [6, 0], 7, 0);
    const js = new Rng().reseed(5, [6, 0], 7, 0);
    for (let i = 0; i < 1000; i++) expect(heap.kernel.next()).toBe(js.next());
  });

  it('draws the same uniform years as fillUniformIntegers', () => {
    for (const len of [1, 7, 4096]) {
      const n = 5000;
      const heap = new Heap(len, BLOCK_YEARS, n, false, BUCKETS, LEC_POINTS);
      new Rng(heap.state).reseed(9, NO_KEY, len, 0);
      heap.kernel.uniformYears(heap.at(heap.eventYear), n, len, heap.at(heap.state));
      const js = new Int32Array(n);
      fillUniformIntegers(new Rng().reseed(9, NO_KEY, len, 0), js, n, len);
      expect(Array.from(heap.eventYear.subarray(0, n))).toEqual(Array.from(js));
    }
  });

  it('draws years and losses in one pass exactly as in two, each from its own stream', () => {
    const n = 20_000;
    const one = new Heap(4096, BLOCK_YEARS, n, false, BUCKETS, LEC_POINTS);
    new Rng(one.state).reseed(3, [1, 2], 0, 4);
    new Rng(one.eventState).reseed(3, [1, 2], 0, 3);
    one.kernel.yearsLognormals(one.at(one.eventYear), one.at(one.primary), n, 4096, 9, 1.7);
    const two = new Heap(4096, BLOCK_YEARS, n, false, BUCKETS, LEC_POINTS);
    new Rng(two.state).reseed(3, [1, 2], 0, 4);
    new Rng(two.eventState).reseed(3, [1, 2], 0, 3);
    two.kernel.uniformYears(two.at(two.eventYear), n, 4096, two.at(two.eventState));
    two.kernel.lognormals(two.at(two.primary), n, 9, 1.7);
    expect(Array.from(one.eventYear.subarray(0, n))).toEqual(Array.from(two.eventYear.subarray(0, n)));
    expect(Array.from(one.primary.subarray(0, n))).toEqual(Array.from(two.primary.subarray(0, n)));
    expect(Array.from(one.state)).toEqual(Array.from(two.state));
    expect(Array.from(one.eventState)).toEqual(Array.from(two.eventState));
  });

  it('draws uniform years and lognormal losses, tails included', () => {
    const n = 400_000;
    const len = 1000;
    const heap = new Heap(len, BLOCK_YEARS, n, false, BUCKETS, LEC_POINTS);
    new Rng(heap.state).reseed(11, NO_KEY, 0, 0);
    const mu = 2;
    const sigma = 0.5;
    heap.kernel.uniformYears(heap.at(heap.eventYear), n, len, heap.at(heap.state));
    heap.kernel.lognormals(heap.at(heap.primary), n, mu, sigma);
    let s1 = 0;
    let s2 = 0;
    let tail = 0;
    const perYear = new Array<number>(len).fill(0);
    for (let i = 0; i < n; i++) {
      const z = (Math.log(heap.primary[i]!) - mu) / sigma;
      s1 += z;
      s2 += z * z;
      if (Math.abs(z) > 3.6541528853610088) tail++; // beyond the ziggurat's base layer: its slow path
      perYear[heap.eventYear[i]!]!++;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(0.006);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.008);
    const tailP = 2 * 0.00012903; // P(|Z| > 3.654)
    expect(Math.abs(tail / n - tailP) / tailP).toBeLessThan(0.15);
    const chi2 = perYear.reduce((a, c) => a + (c - n / len) ** 2 / (n / len), 0);
    expect(chi2).toBeLessThan(len - 1 + 6 * Math.sqrt(2 * (len - 1)));
  });
});
