/* eslint-disable no-var -- asm.js allows only `var` declarations */
/**
 * The summaries' passes over a series of annual losses (stats.ts) as an asm.js module of its
 * own, linked to the same heap as the simulation kernel (asm.ts, which explains the dialect and
 * why): sums, exceedance counts, the selection histogram, and the sum of two series.
 */
import type { AsmStdlib } from './asm.js';

/** The asm.js module. Offsets are in bytes; counts in elements. */
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
