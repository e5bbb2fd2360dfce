/**
 * Statistics of simulated annual losses without sorting them: quantiles by bucket selection,
 * exceedance counts by bucketing. Losses are never negative, which the selection relies on. A
 * series is `count` values in an array plus `years − count` implied zeros, so a risk's years
 * without loss need not be stored. The passes over the values run in the asm.js module at the
 * end of this file.
 */
/* eslint-disable no-var -- asm.js allows only `var` declarations */
import type { AsmStdlib } from './asm.js';

/** What the summaries use of a thread's heap (heap.ts): the passes, and regions for their work. */
export interface SummaryHeap {
  readonly stats: StatsKernel;
  /** Byte offset of the high word within a double. */
  readonly high: number;
  readonly candidates: Float64Array;
  readonly counts: Int32Array;
  readonly slots: Int32Array;
  readonly fill: Int32Array;
  readonly thresholds: Float64Array;
  readonly below: Int32Array;
  at(view: Int32Array | Float64Array): number;
  scanResults(): { nonZero: number; max: number; minNonZero: number };
}

/** Probabilities of the quantiles every summary reports. */
export const QUANTILES = [0.1, 0.5, 0.9, 0.95, 0.99] as const;
/** Points of a loss exceedance curve. */
export const LEC_POINTS = 101;
/** Bins of a histogram; their edges are every other LEC threshold. */
export const HISTOGRAM_BINS = (LEC_POINTS - 1) / 2;

// Layout of a summary slot (a Float64Array region).
export const S_MEAN = 0;
export const S_SD = 1;
export const S_Q = 2; // five quantiles, in the order of QUANTILES
export const S_MAX = 7;
export const S_PROBABILITY = 8;
export const S_MIN_NON_ZERO = 9;
export const S_NON_ZERO = 10;
/** Share of years in which an insurance policy's aggregate limit was reached (policy slots only). */
export const S_EXHAUSTED = 11;
export const S_LEC_LOSS = 12;
export const S_LEC_PROBABILITY = S_LEC_LOSS + LEC_POINTS;
export const S_HISTOGRAM = S_LEC_PROBABILITY + LEC_POINTS;
export const S_APPETITE = S_HISTOGRAM + HISTOGRAM_BINS;

/** Size of a summary slot for a run with `appetitePoints` appetite points. */
export function slotSize(appetitePoints: number): number {
  return S_APPETITE + appetitePoints;
}

/**
 * Linear interpolation between two order statistics, written so that the result never
 * decreases when either of them does (so a dominated series never gets a larger quantile).
 */
export function lerp(lo: number, hi: number, t: number): number {
  return t === 0 ? lo : (1 - t) * lo + t * hi;
}

/**
 * Type-7 quantile of a sorted array: h = (n − 1)p, interpolating between x[⌊h⌋] and x[⌊h⌋ + 1].
 * The reference definition; summaries get the same numbers by selection.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return lerp(sorted[lo]!, sorted[hi]!, h - lo);
}

/** Thresholds of a loss exceedance curve: LEC_POINTS values spaced logarithmically from min to max. */
export function lecThresholds(min: number, max: number, out: Float64Array, offset: number): void {
  const a = Math.log(min);
  const step = (Math.log(max) - a) / (LEC_POINTS - 1);
  out[offset] = min;
  for (let i = 1; i < LEC_POINTS - 1; i++) out[offset + i] = Math.max(out[offset + i - 1]!, Math.exp(a + i * step));
  out[offset + LEC_POINTS - 1] = max;
}

/** What to compute besides the basic summary. */
export interface SummaryOptions {
  /** Loss exceedance curve and histogram. */
  curves: boolean;
  /** Standard deviation (otherwise NaN); it takes a pass of its own. */
  sd: boolean;
  /** Appetite losses (≥ 0) whose exceedance probabilities to compute. */
  appetite: readonly number[];
}

/**
 * Summarises a series of `years` annual losses: the first `count` entries of `values` (any
 * order, may include zeros; a view into the heap) and `years − count` zeros. Writes the slot at
 * out[offset..]. The passes over the values run in the heap's asm.js module.
 */
export function summarize(h: SummaryHeap, values: Float64Array, count: number, years: number, options: SummaryOptions, out: Float64Array, offset: number): void {
  const k = h.stats;
  const at = h.at(values);
  // Summed in array order, so that whichever thread does it gets the same.
  const sum = k.scan(at, count);
  const { nonZero, max, minNonZero } = h.scanResults();
  const mean = sum / years;
  out[offset + S_MEAN] = mean;
  if (options.sd) {
    const ss = (years - count) * mean * mean + k.sumOfSquares(at, count, mean);
    out[offset + S_SD] = years > 1 ? Math.sqrt(ss / (years - 1)) : 0;
  } else out[offset + S_SD] = NaN;
  out[offset + S_MAX] = max;
  out[offset + S_PROBABILITY] = nonZero / years;
  out[offset + S_MIN_NON_ZERO] = nonZero > 0 ? minNonZero : 0;
  out[offset + S_NON_ZERO] = nonZero;
  options.appetite.forEach((loss, a) => {
    out[offset + S_APPETITE + a] = k.countAbove(at, count, loss) / years;
  });
  if (options.curves) curves(h, values, count, years, nonZero, minNonZero, max, out, offset);
  quantiles(h, values, count, years, nonZero, minNonZero, max, out, offset + S_Q);
}

/**
 * The QUANTILES of a series: order statistics at ⌊h⌋ and ⌊h⌋ + 1, h = (years − 1)p. Positions
 * among the zeros (implied or stored) are zero; the others are selected among the positive
 * values.
 */
function quantiles(h: SummaryHeap, values: Float64Array, count: number, years: number, nonZero: number, minNonZero: number, max: number, out: Float64Array, offset: number): void {
  const zeros = years - nonZero;
  const ranks: number[] = [];
  for (const p of QUANTILES) {
    const lo = Math.floor((years - 1) * p);
    for (const k of [lo, Math.min(lo + 1, years - 1)]) if (k >= zeros && !ranks.includes(k - zeros)) ranks.push(k - zeros);
  }
  ranks.sort((x, y) => x - y);
  const found = new Map<number, number>();
  if (ranks.length > 0) selectPositive(h, values, count, nonZero, minNonZero, max, ranks, found);
  const at = (k: number): number => (k < zeros ? 0 : found.get(k - zeros)!);
  QUANTILES.forEach((p, i) => {
    const pos = (years - 1) * p;
    const lo = Math.floor(pos);
    out[offset + i] = lerp(at(lo), at(Math.min(lo + 1, years - 1)), pos - lo);
  });
}

/** Buckets of the selection histogram. */
export const BUCKETS = 2048;
const WORD = new Float64Array(1);
const WORDS = new Int32Array(WORD.buffer);

/**
 * Finds the values of the given ranks (ascending) among the positive entries of values[0..count),
 * without sorting them: a histogram of the doubles' high words (which grow with the value) locates
 * the bucket of each rank, then only those buckets' values are sorted.
 */
function selectPositive(h: SummaryHeap, values: Float64Array, count: number, positives: number, min: number, max: number, ranks: number[], found: Map<number, number>): void {
  if (positives <= 64) {
    const sorted = values.slice(0, count).filter((v) => v > 0).sort();
    for (const k of ranks) found.set(k, sorted[k]!);
    return;
  }
  const high = h.high / 4;
  const highWord = (x: number): number => {
    WORD[0] = x;
    return WORDS[high]!;
  };
  const base = highWord(min);
  let shift = 0;
  while ((highWord(max) - base) >>> shift >= BUCKETS) shift++;
  // A risk's series holds only its positive years: no need to test for zeros.
  const mixed = positives < count ? 1 : 0;
  const counts = h.counts;
  counts.fill(0);
  h.stats.bucketCounts(h.at(values), count, h.at(counts), base, shift, mixed, h.high);
  // The bucket of each rank, and where its values will go among the candidates.
  const slots = h.slots;
  slots.fill(-1);
  const starts: number[] = [];
  const bucketOf: number[] = [];
  const before: number[] = [];
  let size = 0;
  let cumulative = 0;
  let b = 0;
  for (const k of ranks) {
    while (cumulative + counts[b]! <= k) cumulative += counts[b++]!;
    bucketOf.push(b);
    before.push(cumulative);
    if (slots[b] === -1) {
      slots[b] = starts.length;
      starts.push(size);
      size += counts[b]!;
    }
  }
  h.fill.set(starts);
  h.stats.gather(h.at(values), count, base, shift, h.at(slots), h.at(h.fill), h.at(h.candidates), mixed, h.high);
  const sorted = new Map<number, Float64Array>();
  ranks.forEach((k, i) => {
    const s = slots[bucketOf[i]!]!;
    let part = sorted.get(s);
    if (!part) {
      part = h.candidates.subarray(starts[s], starts[s]! + counts[bucketOf[i]!]!).sort();
      sorted.set(s, part);
    }
    found.set(k, part[k - before[i]!]!);
  });
}

/** Loss exceedance curve and histogram of the non-zero values. */
function curves(h: SummaryHeap, values: Float64Array, count: number, years: number, nonZero: number, min: number, max: number, out: Float64Array, offset: number): void {
  const lec = offset + S_LEC_LOSS;
  const prob = offset + S_LEC_PROBABILITY;
  const hist = offset + S_HISTOGRAM;
  out.fill(0, lec, offset + S_APPETITE);
  if (nonZero === 0) return;
  lecThresholds(min, max, out, lec);
  // below[k] = number of values with exactly k thresholds below them.
  h.thresholds.set(out.subarray(lec, lec + LEC_POINTS));
  const below = h.below;
  below.fill(0);
  h.stats.thresholdsBelow(h.at(values), count, h.at(h.thresholds), LEC_POINTS, h.at(below));
  // P(loss > threshold i) = share of values with more than i thresholds below them.
  let exceed = 0;
  for (let i = LEC_POINTS - 1; i >= 0; i--) {
    exceed += below[i + 1]!;
    out[prob + i] = exceed / years;
  }
  // Bin j spans thresholds 2j to 2j + 2; the smallest value itself goes to bin 0.
  for (let k = 0; k <= LEC_POINTS; k++) {
    const c = below[k]!;
    if (c === 0) continue;
    const bin = k === 0 ? 0 : Math.min(HISTOGRAM_BINS - 1, (k - 1) >> 1);
    out[hist + bin] = out[hist + bin]! + c;
  }
}

/**
 * The passes over a series as an asm.js module of their own, linked to the same heap as the
 * simulation kernel (asm.ts explains the dialect and why): sums, exceedance counts, the
 * selection histogram, and the sum of two series. Offsets are in bytes; counts in elements.
 */
export function statsKernel(stdlib: AsmStdlib, _foreign: unknown, heap: ArrayBuffer) {
  'use asm';
  var I32 = new stdlib.Int32Array(heap);
  var F64 = new stdlib.Float64Array(heap);

  /** Sum of values[0..count) in order (returned); non-zero count, max and smallest non-zero at SCRATCH. */
  function scan(valuesP: number, count: number): number {
    valuesP = valuesP | 0;
    count = count | 0;
    var i = 0;
    var v = 0.0;
    var sum = 0.0;
    var max = 0.0;
    var min = 0.0;
    var nonZero = 0;
    min = 1.0e308 * 10.0;
    for (i = 0; (i | 0) < (count | 0); i = (i + 1) | 0) {
      v = +F64[(valuesP + (i << 3)) >> 3]!;
      sum = sum + v;
      if (v > 0.0) {
        nonZero = (nonZero + 1) | 0;
        if (v > max) max = v;
        if (v < min) min = v;
      }
    }
    I32[4] = nonZero;
    F64[3] = max;
    F64[4] = min;
    return +sum;
  }

  /** Σ (values[i] − mean)² over i < count. */
  function sumOfSquares(valuesP: number, count: number, mean: number): number {
    valuesP = valuesP | 0;
    count = count | 0;
    mean = +mean;
    var i = 0;
    var d = 0.0;
    var ss = 0.0;
    for (i = 0; (i | 0) < (count | 0); i = (i + 1) | 0) {
      d = +F64[(valuesP + (i << 3)) >> 3]! - mean;
      ss = ss + d * d;
    }
    return +ss;
  }

  /** How many of values[0..count) exceed loss. */
  function countAbove(valuesP: number, count: number, loss: number): number {
    valuesP = valuesP | 0;
    count = count | 0;
    loss = +loss;
    var i = 0;
    var n = 0;
    for (i = 0; (i | 0) < (count | 0); i = (i + 1) | 0) {
      if (+F64[(valuesP + (i << 3)) >> 3]! > loss) n = (n + 1) | 0;
    }
    return n | 0;
  }

  /**
   * Histogram of the positive values by the high 32 bits of their doubles (which grow with the
   * value): counts[(high − base) >>> shift]++. `high` is the byte offset of the high word (4 on
   * little-endian machines); `mixed` says zeros may be present and must be skipped.
   */
  function bucketCounts(valuesP: number, count: number, countsP: number, base: number, shift: number, mixed: number, high: number): void {
    valuesP = valuesP | 0;
    count = count | 0;
    countsP = countsP | 0;
    base = base | 0;
    shift = shift | 0;
    mixed = mixed | 0;
    high = high | 0;
    var i = 0;
    var p = 0;
    var q = 0;
    for (i = 0; (i | 0) < (count | 0); i = (i + 1) | 0) {
      p = (valuesP + (i << 3)) | 0;
      if (mixed) {
        if (!(+F64[p >> 3]! > 0.0)) continue;
      }
      q = (countsP + ((((I32[(p + high) >> 2]! | 0) - base) >>> shift) << 2)) | 0;
      I32[q >> 2] = ((I32[q >> 2]! | 0) + 1) | 0;
    }
  }

  /** Copies the positive values whose bucket has a slot (slot[b] ≥ 0) to candidates, at fill[slot]++. */
  function gather(valuesP: number, count: number, base: number, shift: number, slotP: number, fillP: number, candP: number, mixed: number, high: number): void {
    valuesP = valuesP | 0;
    count = count | 0;
    base = base | 0;
    shift = shift | 0;
    slotP = slotP | 0;
    fillP = fillP | 0;
    candP = candP | 0;
    mixed = mixed | 0;
    high = high | 0;
    var i = 0;
    var p = 0;
    var s = 0;
    var at = 0;
    for (i = 0; (i | 0) < (count | 0); i = (i + 1) | 0) {
      p = (valuesP + (i << 3)) | 0;
      if (mixed) {
        if (!(+F64[p >> 3]! > 0.0)) continue;
      }
      s = I32[(slotP + ((((I32[(p + high) >> 2]! | 0) - base) >>> shift) << 2)) >> 2]! | 0;
      if ((s | 0) >= 0) {
        at = I32[(fillP + (s << 2)) >> 2]! | 0;
        F64[(candP + (at << 3)) >> 3] = +F64[p >> 3]!;
        I32[(fillP + (s << 2)) >> 2] = (at + 1) | 0;
      }
    }
  }

  /** For each positive value, the number k of thresholds (ascending, `points` of them) below it: below[k]++. */
  function thresholdsBelow(valuesP: number, count: number, thrP: number, points: number, belowP: number): void {
    valuesP = valuesP | 0;
    count = count | 0;
    thrP = thrP | 0;
    points = points | 0;
    belowP = belowP | 0;
    var i = 0;
    var v = 0.0;
    var lo = 0;
    var hi = 0;
    var mid = 0;
    var q = 0;
    for (i = 0; (i | 0) < (count | 0); i = (i + 1) | 0) {
      v = +F64[(valuesP + (i << 3)) >> 3]!;
      if (!(v > 0.0)) continue;
      lo = 0;
      hi = points;
      while ((lo | 0) < (hi | 0)) {
        mid = ((lo + hi) | 0) >> 1;
        if (+F64[(thrP + (mid << 3)) >> 3]! < v) lo = (mid + 1) | 0;
        else hi = mid;
      }
      q = (belowP + (lo << 2)) | 0;
      I32[q >> 2] = ((I32[q >> 2]! | 0) + 1) | 0;
    }
  }

  /** sum[i] += part[i] for i < n. */
  function addInto(sumP: number, partP: number, n: number): void {
    sumP = sumP | 0;
    partP = partP | 0;
    n = n | 0;
    var i = 0;
    var p = 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      p = (sumP + (i << 3)) | 0;
      F64[p >> 3] = +F64[p >> 3]! + +F64[(partP + (i << 3)) >> 3]!;
    }
  }

  return {
    scan: scan,
    sumOfSquares: sumOfSquares,
    countAbove: countAbove,
    bucketCounts: bucketCounts,
    gather: gather,
    thresholdsBelow: thresholdsBelow,
    addInto: addInto,
  };
}

export type StatsKernel = ReturnType<typeof statsKernel>;
