/* eslint-disable no-var -- asm.js allows only `var` declarations */
/**
 * The engine's inner loops as an asm.js module, and the heap they work in.
 *
 * Why asm.js: JavaScript engines compile a validated asm.js module ahead of time (V8 through its
 * WebAssembly pipeline), so these loops run at full speed from their first iteration. Ordinary
 * JavaScript would spend its first hundred milliseconds or so in the interpreter while the
 * optimising compiler catches up, which is most of a typical run. asm.js is plain JavaScript:
 * where it is not validated (an engine without support), the same code runs as ordinary
 * JavaScript with the same results, since asm.js arithmetic is JavaScript arithmetic.
 *
 * The module sees one ArrayBuffer (the heap): tables, the generator state, a block's events,
 * the dense year array, the series being summarised and scratch space, at byte offsets laid out
 * by {@link Heap}. Rules of the dialect (which keep it valid): every parameter and local is
 * declared with its type (`x | 0` integer, `+x` double), integer results are coerced with `| 0`,
 * heap loads are `I32[p >> 2]` / `F64[p >> 3]`, double literals carry a decimal point. Node
 * prints a warning when a module fails validation; the CLI tests check that standard error stays
 * empty.
 */
import { EXP_P, EXP_T, ZN_F, ZN_K, ZN_W, ZN_W_SIGNED } from './rng.js';

/** What an asm.js module may take from the global object. */
interface AsmStdlib {
  Math: Math;
  Int32Array: Int32ArrayConstructor;
  Float64Array: Float64ArrayConstructor;
}

// Fixed regions (byte offsets). The generator state sits at 0 so that an Rng can share it.
const STATE = 0;
const SCRATCH = 16; // results besides a function's return value
const ZN_K_AT = 1024; // 256 × i32
const ZN_W_AT = 2048; // 512 × f64
const EXP_T_AT = 8192; // 2048 × f64
const EXP_P_AT = 24576; // 2048 × f64
const ZN_WU_AT = 40960; // 256 × f64, widths without sign
const ZN_F_AT = 43008; // 256 × f64, densities at the layer edges
const TABLES_END = 45056;

/** The asm.js module. Offsets are in bytes; counts in elements. */
function kernel(stdlib: AsmStdlib, _foreign: unknown, heap: ArrayBuffer) {
  'use asm';
  var imul = stdlib.Math.imul;
  var clz32 = stdlib.Math.clz32;
  var log = stdlib.Math.log;
  var exp = stdlib.Math.exp;
  var I32 = new stdlib.Int32Array(heap);
  var F64 = new stdlib.Float64Array(heap);

  /** The next xoshiro128** output, from and to the state in the heap (for the rare paths). */
  function next(): number {
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var r = 0;
    var t = 0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    // XOSHIRO STEP
    r = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
    t = s1 << 9;
    s2 = s2 ^ s0;
    s3 = s3 ^ s1;
    s1 = s1 ^ s2;
    s0 = s0 ^ s3;
    s2 = s2 ^ t;
    s3 = (s3 << 11) | (s3 >>> 21);
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
    return r | 0;
  }

  /** Uniform in (0, 1] with 53 random bits (as Rng.uniformPositive). */
  function uniformPositive(): number {
    var a = 0;
    var b = 0;
    a = next() | 0;
    b = next() | 0;
    return +(1.0 - (+((a >>> 5) >>> 0) * 67108864.0 + +((b >>> 6) >>> 0)) * 1.1102230246251565e-16);
  }

  /**
   * The rare part of a ziggurat normal whose first output r missed the layer's core: the tail
   * beyond 3.654… (Marsaglia 1964) for layer 0, else the wedge test, else a fresh draw (as rng.ts normalSlow).
   */
  function normalSlow(r: number): number {
    r = r | 0;
    var i = 0;
    var j = 0;
    var x = 0.0;
    var y = 0.0;
    for (;;) {
      i = r & 255;
      if ((i | 0) == 0) {
        do {
          x = -+log(+uniformPositive()) / 3.6541528853610088;
          y = -+log(+uniformPositive());
        } while (y + y < x * x);
        return +((r & 256) ? -3.6541528853610088 - x : 3.6541528853610088 + x);
      }
      x = +((r >>> 9) >>> 0) * +F64[(40960 + (i << 3)) >> 3]!;
      if (+F64[(43008 + (i << 3)) >> 3]! + (1.0 - +uniformPositive()) * (+F64[(43008 + ((i - 1) << 3)) >> 3]! - +F64[(43008 + (i << 3)) >> 3]!) < +exp(-0.5 * x * x)) {
        return +((r & 256) ? -x : x);
      }
      r = next() | 0;
      j = r >>> 9;
      if ((j | 0) < (I32[(1024 + ((r & 255) << 2)) >> 2]! | 0)) return +(+(j | 0) * +F64[(2048 + ((r & 511) << 3)) >> 3]!);
    }
    return 0.0;
  }

  /**
   * years[i] uniform on [0, len) for i < n: the top bits of an xoshiro128** output, redrawn when
   * too large (as rng.ts fillUniformIntegers, which gives the same numbers).
   */
  function uniformYears(yearsP: number, n: number, len: number): void {
    yearsP = yearsP | 0;
    n = n | 0;
    len = len | 0;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var i = 0;
    var r = 0;
    var t = 0;
    var y = 0;
    var shift = 0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    shift = clz32((len - 1) | 0) | 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      do {
        // XOSHIRO STEP (same as Rng.next)
        r = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
        t = s1 << 9;
        s2 = s2 ^ s0;
        s3 = s3 ^ s1;
        s1 = s1 ^ s2;
        s0 = s0 ^ s3;
        s2 = s2 ^ t;
        s3 = (s3 << 11) | (s3 >>> 21);
        y = (shift | 0) == 32 ? 0 : r >>> shift;
      } while ((y | 0) >= (len | 0));
      I32[(yearsP + (i << 2)) >> 2] = y;
    }
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
  }

  /**
   * losses[i] = exp(mu + sigma·Z) for i < n, Z normal by the 256-layer ziggurat (a miss of the
   * layer's core completed at once from the stream's next outputs), exp by a 2048-entry table of
   * 2^(k/2048) times a cubic (within 2 ulp of Math.exp).
   */
  function lognormals(lossesP: number, n: number, mu: number, sigma: number): void {
    lossesP = lossesP | 0;
    n = n | 0;
    mu = +mu;
    sigma = +sigma;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var i = 0;
    var r = 0;
    var t = 0;
    var j = 0;
    var k = 0;
    var z = 0.0;
    var x = 0.0;
    var kd = 0.0;
    var f = 0.0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      // XOSHIRO STEP
      r = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
      t = s1 << 9;
      s2 = s2 ^ s0;
      s3 = s3 ^ s1;
      s1 = s1 ^ s2;
      s0 = s0 ^ s3;
      s2 = s2 ^ t;
      s3 = (s3 << 11) | (s3 >>> 21);
      j = r >>> 9;
      if ((j | 0) < (I32[(1024 + ((r & 255) << 2)) >> 2]! | 0)) {
        z = +(j | 0) * +F64[(2048 + ((r & 511) << 3)) >> 3]!;
      } else {
        // The rare path draws more numbers: through the state in the heap.
        I32[0] = s0;
        I32[1] = s1;
        I32[2] = s2;
        I32[3] = s3;
        z = +normalSlow(r);
        s0 = I32[0] | 0;
        s1 = I32[1] | 0;
        s2 = I32[2] | 0;
        s3 = I32[3] | 0;
      }
      // Clamped to [−708, 709] by comparisons: Math.max and Math.min carry NaN and −0 rules that
      // cost branches here, and mean the same for these values.
      x = mu + sigma * z;
      x = x < 709.0 ? (x > -708.0 ? x : -708.0) : 709.0;
      kd = x * 2954.639443740597 + 6755399441055744.0 - 6755399441055744.0;
      k = ~~kd;
      f = x - kd * 0.00033845077166461124 - kd * 9.3174557093290415e-14;
      F64[(lossesP + (i << 3)) >> 3] = (1.0 + f * (1.0 + f * (0.5 + f * 0.16666666666666666))) * +F64[(8192 + ((k & 2047) << 3)) >> 3]! * +F64[(24576 + (((k >> 11) & 2047) << 3)) >> 3]!;
    }
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
  }

  /** dense[years[i]] += losses[i] for i < n, in event order. */
  function scatterAdd(yearsP: number, lossesP: number, n: number, denseP: number): void {
    yearsP = yearsP | 0;
    lossesP = lossesP | 0;
    n = n | 0;
    denseP = denseP | 0;
    var i = 0;
    var p = 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      p = (denseP + (I32[(yearsP + (i << 2)) >> 2]! << 3)) | 0;
      F64[p >> 3] = +F64[p >> 3]! + +F64[(lossesP + (i << 3)) >> 3]!;
    }
  }

  /**
   * Appends the non-zero entries of dense[0..len) to values[k..], adds every entry to
   * portfolio[y0..] (and residual[y0..] when withResidual), clears dense. Returns the new k.
   */
  function emitDense(denseP: number, len: number, valuesP: number, k: number, portP: number, resP: number, withResidual: number, y0: number): number {
    denseP = denseP | 0;
    len = len | 0;
    valuesP = valuesP | 0;
    k = k | 0;
    portP = portP | 0;
    resP = resP | 0;
    withResidual = withResidual | 0;
    y0 = y0 | 0;
    var y = 0;
    var v = 0.0;
    var p = 0;
    for (y = 0; (y | 0) < (len | 0); y = (y + 1) | 0) {
      v = +F64[(denseP + (y << 3)) >> 3]!;
      F64[(valuesP + (k << 3)) >> 3] = v;
      k = (k + (v > 0.0 ? 1 : 0)) | 0;
      p = (portP + ((y0 + y) << 3)) | 0;
      F64[p >> 3] = +F64[p >> 3]! + v;
      if (withResidual) {
        p = (resP + ((y0 + y) << 3)) | 0;
        F64[p >> 3] = +F64[p >> 3]! + v;
      }
      F64[(denseP + (y << 3)) >> 3] = 0.0;
    }
    return k | 0;
  }

  /** emitDense for a block with few events: visits the events' years; the first visit of a year takes its sum. */
  function emitSparse(yearsP: number, n: number, denseP: number, valuesP: number, k: number, portP: number, resP: number, withResidual: number, y0: number): number {
    yearsP = yearsP | 0;
    n = n | 0;
    denseP = denseP | 0;
    valuesP = valuesP | 0;
    k = k | 0;
    portP = portP | 0;
    resP = resP | 0;
    withResidual = withResidual | 0;
    y0 = y0 | 0;
    var i = 0;
    var y = 0;
    var v = 0.0;
    var p = 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      y = I32[(yearsP + (i << 2)) >> 2]! | 0;
      v = +F64[(denseP + (y << 3)) >> 3]!;
      if (v > 0.0) {
        F64[(valuesP + (k << 3)) >> 3] = v;
        k = (k + 1) | 0;
        p = (portP + ((y0 + y) << 3)) | 0;
        F64[p >> 3] = +F64[p >> 3]! + v;
        if (withResidual) {
          p = (resP + ((y0 + y) << 3)) | 0;
          F64[p >> 3] = +F64[p >> 3]! + v;
        }
        F64[(denseP + (y << 3)) >> 3] = 0.0;
      }
    }
    return k | 0;
  }

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

  /**
   * Applies n events (years within the block, losses) to the policies that cover their risk:
   * `m` policy indices at coverP, each policy's deductible and limit at paramsP + 16k. The
   * group's yearly sums are interleaved, `w` doubles a year from sumsP (the block's first year):
   * the retained loss, then each policy's recoveries; each event adds its retained loss and each
   * policy's share there (insurance.ts has the rules and the same loop in JavaScript).
   * min(max(x, 0), limit) is written with comparisons: Math.min and Math.max carry NaN and −0
   * rules that cost unpredictable branches here, and give the same values for these numbers.
   */
  function insureEvents(yearsP: number, lossesP: number, n: number, coverP: number, m: number, paramsP: number, sumsP: number, w: number, shareP: number): void {
    yearsP = yearsP | 0;
    lossesP = lossesP | 0;
    n = n | 0;
    coverP = coverP | 0;
    m = m | 0;
    paramsP = paramsP | 0;
    sumsP = sumsP | 0;
    w = w | 0;
    shareP = shareP | 0;
    var i = 0;
    var j = 0;
    var k = 0;
    var q = 0;
    var p = 0;
    var o = 0;
    var o2 = 0;
    var loss = 0.0;
    var r = 0.0;
    var r2 = 0.0;
    var d = 0.0;
    var d2 = 0.0;
    var lim = 0.0;
    var lim2 = 0.0;
    var total = 0.0;
    var scale = 0.0;
    w = w << 3;
    if ((m | 0) == 0) {
      for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
        p = (sumsP + imul(I32[(yearsP + (i << 2)) >> 2]! | 0, w)) | 0;
        F64[p >> 3] = +F64[p >> 3]! + +F64[(lossesP + (i << 3)) >> 3]!;
      }
      return;
    }
    if ((m | 0) <= 2) {
      // One or two policies (a policy, or a tower of two layers): the general loop below,
      // unrolled, with the same arithmetic; a single policy is a second one that never pays.
      k = I32[coverP >> 2]! | 0;
      d = +F64[(paramsP + (k << 4)) >> 3]!;
      lim = +F64[(paramsP + (k << 4) + 8) >> 3]!;
      o = (k + 1) << 3;
      if ((m | 0) == 2) {
        j = I32[(coverP + 4) >> 2]! | 0;
        d2 = +F64[(paramsP + (j << 4)) >> 3]!;
        lim2 = +F64[(paramsP + (j << 4) + 8) >> 3]!;
        o2 = (j + 1) << 3;
      }
      for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
        loss = +F64[(lossesP + (i << 3)) >> 3]!;
        if (!(loss > 0.0)) continue;
        q = (sumsP + imul(I32[(yearsP + (i << 2)) >> 2]! | 0, w)) | 0;
        r = loss - d;
        r = r > 0.0 ? (r < lim ? r : lim) : 0.0;
        if ((m | 0) == 1) {
          F64[q >> 3] = +F64[q >> 3]! + (loss - r);
          p = (q + o) | 0;
          F64[p >> 3] = +F64[p >> 3]! + r;
          continue;
        }
        r2 = loss - d2;
        r2 = r2 > 0.0 ? (r2 < lim2 ? r2 : lim2) : 0.0;
        total = r + r2;
        if (total > loss) {
          scale = loss / total;
          r = r * scale;
          r2 = r2 * scale;
        }
        F64[q >> 3] = +F64[q >> 3]! + (loss - (total < loss ? total : loss));
        p = (q + o) | 0;
        F64[p >> 3] = +F64[p >> 3]! + r;
        p = (q + o2) | 0;
        F64[p >> 3] = +F64[p >> 3]! + r2;
      }
      return;
    }
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      loss = +F64[(lossesP + (i << 3)) >> 3]!;
      if (!(loss > 0.0)) continue;
      q = (sumsP + imul(I32[(yearsP + (i << 2)) >> 2]! | 0, w)) | 0;
      total = 0.0;
      for (j = 0; (j | 0) < (m | 0); j = (j + 1) | 0) {
        k = I32[(coverP + (j << 2)) >> 2]! | 0;
        r = loss - +F64[(paramsP + (k << 4)) >> 3]!;
        lim = +F64[(paramsP + (k << 4) + 8) >> 3]!;
        r = r > 0.0 ? (r < lim ? r : lim) : 0.0;
        F64[(shareP + (j << 3)) >> 3] = r;
        total = total + r;
      }
      scale = total > loss ? loss / total : 1.0;
      F64[q >> 3] = +F64[q >> 3]! + (loss - (total < loss ? total : loss));
      for (j = 0; (j | 0) < (m | 0); j = (j + 1) | 0) {
        k = I32[(coverP + (j << 2)) >> 2]! | 0;
        r = +F64[(shareP + (j << 3)) >> 3]!;
        p = (q + ((k + 1) << 3)) | 0;
        F64[p >> 3] = +F64[p >> 3]! + (scale == 1.0 ? r : r * scale);
      }
    }
  }

  /** dst[i] = src[i·w] for i < n: one series out of interleaved ones. */
  function strided(srcP: number, w: number, n: number, dstP: number): void {
    srcP = srcP | 0;
    w = w | 0;
    n = n | 0;
    dstP = dstP | 0;
    var i = 0;
    w = w << 3;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      F64[(dstP + (i << 3)) >> 3] = +F64[srcP >> 3]!;
      srcP = (srcP + w) | 0;
    }
  }

  /**
   * Caps each year's recoveries at[0..n) at `cap`, adding what the cap takes off to
   * retained[0..n); returns the number of years that reached the cap.
   */
  function capRecoveries(recP: number, retP: number, n: number, cap: number): number {
    recP = recP | 0;
    retP = retP | 0;
    n = n | 0;
    cap = +cap;
    var i = 0;
    var reached = 0;
    var r = 0.0;
    var p = 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      r = +F64[(recP + (i << 3)) >> 3]!;
      if (r >= cap) {
        reached = (reached + 1) | 0;
        if (r > cap) {
          p = (retP + (i << 3)) | 0;
          F64[p >> 3] = +F64[p >> 3]! + (r - cap);
          F64[(recP + (i << 3)) >> 3] = cap;
        }
      }
    }
    return reached | 0;
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
    next: next,
    uniformYears: uniformYears,
    lognormals: lognormals,
    scatterAdd: scatterAdd,
    emitDense: emitDense,
    emitSparse: emitSparse,
    scan: scan,
    sumOfSquares: sumOfSquares,
    countAbove: countAbove,
    bucketCounts: bucketCounts,
    gather: gather,
    thresholdsBelow: thresholdsBelow,
    addInto: addInto,
    insureEvents: insureEvents,
    strided: strided,
    capRecoveries: capRecoveries,
  };
}

export type Kernel = ReturnType<typeof kernel>;

/** A valid asm.js heap size: a power of two up to 16 MB, a multiple of 16 MB above. */
function heapSize(bytes: number): number {
  const MB16 = 16 * 1024 * 1024;
  if (bytes > MB16) return Math.ceil(bytes / MB16) * MB16;
  let size = 65536;
  while (size < bytes) size *= 2;
  return size;
}

/** Byte offset of the high 32 bits within a double: 4 on little-endian machines. */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 4 : 0;

/**
 * One thread's heap for a run: regions for a block's events, the dense year array, a risk's
 * annual losses (inherent and residual), a group's portfolio sums (inherent and residual), and
 * scratch for summaries, with a typed view of each for the JavaScript side.
 */
export class Heap {
  readonly buffer: ArrayBuffer;
  readonly kernel: Kernel;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  /** Byte offset of the high word within a double. */
  readonly high = HIGH_WORD;
  /** The generator state (shared with an Rng) and the SCRATCH results of the module. */
  readonly state: Int32Array;
  /** Room for this many events per block. */
  readonly eventCapacity: number;
  readonly eventYear: Int32Array;
  readonly primary: Float64Array;
  readonly eventLoss: Float64Array;
  readonly residual: Float64Array;
  readonly dense: Float64Array;
  readonly values: Float64Array;
  readonly residualValues: Float64Array;
  readonly partial: Float64Array;
  readonly residualPartial: Float64Array;
  readonly candidates: Float64Array;
  readonly counts: Int32Array;
  readonly slots: Int32Array;
  readonly fill: Int32Array;
  readonly thresholds: Float64Array;
  readonly below: Int32Array;
  /** A group's yearly sums of the retained loss and each policy's recoveries, interleaved: 1 + policies a year. */
  readonly insuranceSums: Float64Array;
  /** Deductible and limit of each policy; the covering policies of the risk at hand; per-event shares. */
  readonly policyParams: Float64Array;
  readonly cover: Int32Array;
  readonly share: Float64Array;

  /**
   * @param years years of the run (length of the series regions)
   * @param blockYears years per block (length of the dense region)
   * @param eventCapacity events per block that fit
   * @param residual whether to lay out the residual regions
   * @param buckets size of the selection histogram
   * @param points points of a loss exceedance curve
   * @param policies insurance policies of the model (0: no insurance regions)
   */
  constructor(years: number, blockYears: number, eventCapacity: number, residual: boolean, buckets: number, points: number, policies = 0) {
    let at = TABLES_END;
    const layout: [string, number, number][] = [];
    const region = (name: string, count: number, bytes: 4 | 8): number => {
      at = Math.ceil(at / 8) * 8;
      const offset = at;
      layout.push([name, offset, count]);
      at += count * bytes;
      return offset;
    };
    const cap = eventCapacity;
    const r = residual ? years : 0;
    const offsets = {
      eventYear: region('eventYear', cap, 4),
      primary: region('primary', cap, 8),
      eventLoss: region('eventLoss', cap, 8),
      residual: region('residual', cap, 8),
      dense: region('dense', blockYears, 8),
      values: region('values', years, 8),
      residualValues: region('residualValues', r, 8),
      partial: region('partial', years, 8),
      residualPartial: region('residualPartial', r, 8),
      candidates: region('candidates', years, 8),
      counts: region('counts', buckets, 4),
      slots: region('slots', buckets, 4),
      fill: region('fill', 64, 4),
      thresholds: region('thresholds', points, 8),
      below: region('below', points + 1, 4),
      insuranceSums: region('insuranceSums', policies > 0 ? (1 + policies) * years : 0, 8),
      policyParams: region('policyParams', 2 * policies, 8),
      cover: region('cover', policies, 4),
      share: region('share', policies, 8),
    };
    this.buffer = new ArrayBuffer(heapSize(at));
    this.i32 = new Int32Array(this.buffer);
    this.f64 = new Float64Array(this.buffer);
    this.i32.set(ZN_K, ZN_K_AT / 4);
    this.f64.set(ZN_W_SIGNED, ZN_W_AT / 8);
    this.f64.set(EXP_T, EXP_T_AT / 8);
    this.f64.set(EXP_P, EXP_P_AT / 8);
    this.f64.set(ZN_W, ZN_WU_AT / 8);
    this.f64.set(ZN_F, ZN_F_AT / 8);
    this.kernel = kernel(globalThis, null, this.buffer);
    this.eventCapacity = cap;
    const i32 = (o: number, n: number): Int32Array => new Int32Array(this.buffer, o, n);
    const f64 = (o: number, n: number): Float64Array => new Float64Array(this.buffer, o, n);
    this.state = i32(STATE, 4);
    this.eventYear = i32(offsets.eventYear, cap);
    this.primary = f64(offsets.primary, cap);
    this.eventLoss = f64(offsets.eventLoss, cap);
    this.residual = f64(offsets.residual, cap);
    this.dense = f64(offsets.dense, blockYears);
    this.values = f64(offsets.values, years);
    this.residualValues = f64(offsets.residualValues, r);
    this.partial = f64(offsets.partial, years);
    this.residualPartial = f64(offsets.residualPartial, r);
    this.candidates = f64(offsets.candidates, years);
    this.counts = i32(offsets.counts, buckets);
    this.slots = i32(offsets.slots, buckets);
    this.fill = i32(offsets.fill, 64);
    this.thresholds = f64(offsets.thresholds, points);
    this.below = i32(offsets.below, points + 1);
    this.insuranceSums = f64(offsets.insuranceSums, policies > 0 ? (1 + policies) * years : 0);
    this.policyParams = f64(offsets.policyParams, 2 * policies);
    this.cover = i32(offsets.cover, policies);
    this.share = f64(offsets.share, policies);
  }

  /** The byte offset of a view into this heap (it must be one). */
  at(view: Int32Array | Float64Array): number {
    return view.byteOffset;
  }

  /** The scan results that do not fit the return value: non-zero count, max, smallest non-zero. */
  scanResults(): { nonZero: number; max: number; minNonZero: number } {
    return { nonZero: this.i32[SCRATCH / 4]!, max: this.f64[3]!, minNonZero: this.f64[4]! };
  }
}
