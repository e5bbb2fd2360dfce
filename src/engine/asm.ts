/* eslint-disable no-var -- asm.js allows only `var` declarations */
/**
 * The engine's inner loops as asm.js modules: here the simulation's (random numbers, losses,
 * annual sums); the summaries' passes over a series are a module in stats.ts, the insurance
 * loops one in insurance.ts, and the heap they all work in is heap.ts.
 *
 * Why asm.js: JavaScript engines compile a validated asm.js module ahead of time (V8 through its
 * WebAssembly pipeline), so these loops run at full speed from their first iteration. Ordinary
 * JavaScript would spend its first hundred milliseconds or so in the interpreter while the
 * optimising compiler catches up, which is most of a typical run. asm.js is plain JavaScript:
 * where it is not validated (an engine without support), the same code runs as ordinary
 * JavaScript with the same results, since asm.js arithmetic is JavaScript arithmetic.
 *
 * A module sees one ArrayBuffer (the heap): tables, the generator state, a block's events,
 * the dense year array, the series being summarised and scratch space, at byte offsets laid out
 * by {@link Heap}. Rules of the dialect (which keep it valid): every parameter and local is
 * declared with its type (`x | 0` integer, `+x` double), integer results are coerced with `| 0`,
 * heap loads are `I32[p >> 2]` / `F64[p >> 3]`, double literals carry a decimal point. Node
 * prints a warning when a module fails validation; the CLI tests check that standard error stays
 * empty.
 */

/** What an asm.js module may take from the global object. */
export interface AsmStdlib {
  Math: Math;
  Int32Array: Int32ArrayConstructor;
  Float64Array: Float64ArrayConstructor;
}

// Fixed regions (byte offsets) of the heap (heap.ts), which the module's literals repeat. The
// generator state sits at 0 so that an Rng can share it.
export const STATE = 0;
export const SCRATCH = 16; // results besides a function's return value (to byte 40)
export const EVENT_STATE = 48; // a second generator state: the events' stream
export const ZN_K_AT = 1024; // 256 × i32
export const ZN_W_AT = 2048; // 512 × f64
export const EXP_T_AT = 8192; // 2048 × f64
export const EXP_P_AT = 24576; // 2048 × f64
export const ZN_WU_AT = 40960; // 256 × f64, widths without sign
export const ZN_F_AT = 43008; // 256 × f64, densities at the layer edges
export const ZE_K_AT = 45056; // 256 × i32, the exponential ziggurat's acceptance bounds
export const ZE_W_AT = 46080; // 256 × f64, its widths
export const ZE_F_AT = 48128; // 256 × f64, its densities at the layer edges
export const TABLES_END = 50176;

/** The asm.js module. Offsets are in bytes; counts in elements. */
export function kernel(stdlib: AsmStdlib, _foreign: unknown, heap: ArrayBuffer) {
  'use asm';
  var imul = stdlib.Math.imul;
  var clz32 = stdlib.Math.clz32;
  var log = stdlib.Math.log;
  var exp = stdlib.Math.exp;
  var sqrt = stdlib.Math.sqrt;
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
   * The rare part of a ziggurat exponential whose first output r missed the layer's core: the
   * tail beyond 7.697… for layer 0, else the wedge test, else a fresh draw (as rng.ts exponentialSlow).
   */
  function exponentialSlow(r: number): number {
    r = r | 0;
    var i = 0;
    var j = 0;
    var x = 0.0;
    for (;;) {
      i = r & 255;
      if ((i | 0) == 0) return +(7.697117470131487 - +log(+uniformPositive()));
      x = +((r >>> 8) >>> 0) * +F64[(46080 + (i << 3)) >> 3]!;
      // 1 − uniformPositive() is exactly rng.uniform(): the same 53 bits.
      if (+F64[(48128 + (i << 3)) >> 3]! + (1.0 - +uniformPositive()) * (+F64[(48128 + ((i - 1) << 3)) >> 3]! - +F64[(48128 + (i << 3)) >> 3]!) < +exp(-x)) return +x;
      r = next() | 0;
      j = r >>> 8;
      if ((j | 0) < (I32[(45056 + ((r & 255) << 2)) >> 2]! | 0)) return +(+(j | 0) * +F64[(46080 + ((r & 255) << 3)) >> 3]!);
    }
    return 0.0;
  }

  /**
   * The events of years whose rate varies (as kernel.ts varyingRateEvents, which gives the same
   * events): year y takes the next rate[y] units of a unit-rate process, its gaps exponential
   * draws from the generator state at 0. Starts at year y with n events written and t the
   * position of the next event; returns the count of events, and stops early when it reaches
   * `cap` with one more to write. Leaves the year it stopped in (len when done) at SCRATCH and t
   * at SCRATCH + 8, to go on from.
   */
  function varyingEvents(rateP: number, len: number, evP: number, n: number, cap: number, y: number, t: number): number {
    rateP = rateP | 0;
    len = len | 0;
    evP = evP | 0;
    n = n | 0;
    cap = cap | 0;
    y = y | 0;
    t = +t;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var o = 0;
    var u = 0;
    var j = 0;
    var rate = 0.0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    for (; (y | 0) < (len | 0); y = (y + 1) | 0) {
      rate = +F64[(rateP + (y << 3)) >> 3]!;
      while (t < rate) {
        if ((n | 0) == (cap | 0)) {
          I32[0] = s0;
          I32[1] = s1;
          I32[2] = s2;
          I32[3] = s3;
          I32[4] = y;
          F64[3] = t;
          return n | 0;
        }
        I32[(evP + (n << 2)) >> 2] = y;
        n = (n + 1) | 0;
        // XOSHIRO STEP
        o = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
        u = s1 << 9;
        s2 = s2 ^ s0;
        s3 = s3 ^ s1;
        s1 = s1 ^ s2;
        s0 = s0 ^ s3;
        s2 = s2 ^ u;
        s3 = (s3 << 11) | (s3 >>> 21);
        j = o >>> 8;
        if ((j | 0) < (I32[(45056 + ((o & 255) << 2)) >> 2]! | 0)) {
          t = t + +(j | 0) * +F64[(46080 + ((o & 255) << 3)) >> 3]!;
        } else {
          I32[0] = s0;
          I32[1] = s1;
          I32[2] = s2;
          I32[3] = s3;
          t = t + +exponentialSlow(o);
          s0 = I32[0] | 0;
          s1 = I32[1] | 0;
          s2 = I32[2] | 0;
          s3 = I32[3] | 0;
        }
      }
      t = t - rate;
    }
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
    I32[4] = y;
    F64[3] = t;
    return n | 0;
  }

  /**
   * years[i] uniform on [0, len) for i < n: the top bits of an xoshiro128** output, redrawn when
   * too large (as batches.ts fillUniformIntegers, which gives the same numbers), from the
   * generator state at stateP.
   */
  function uniformYears(yearsP: number, n: number, len: number, stateP: number): void {
    yearsP = yearsP | 0;
    n = n | 0;
    len = len | 0;
    stateP = stateP | 0;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var i = 0;
    var r = 0;
    var t = 0;
    var y = 0;
    var shift = 0;
    s0 = I32[stateP >> 2]! | 0;
    s1 = I32[(stateP + 4) >> 2]! | 0;
    s2 = I32[(stateP + 8) >> 2]! | 0;
    s3 = I32[(stateP + 12) >> 2]! | 0;
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
    I32[stateP >> 2] = s0;
    I32[(stateP + 4) >> 2] = s1;
    I32[(stateP + 8) >> 2] = s2;
    I32[(stateP + 12) >> 2] = s3;
  }

  /**
   * The two loops above and below in one pass, for a block of a constant rate with lognormal
   * losses: years[i] from the events' stream (state at EVENT_STATE, as uniformYears) and
   * losses[i] from the primary losses' stream (state at 0, as lognormals). Each stream gives the
   * numbers it gives on its own; one pass over the events saves a loop.
   */
  function yearsLognormals(yearsP: number, lossesP: number, n: number, len: number, mu: number, sigma: number): void {
    yearsP = yearsP | 0;
    lossesP = lossesP | 0;
    n = n | 0;
    len = len | 0;
    mu = +mu;
    sigma = +sigma;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var e0 = 0;
    var e1 = 0;
    var e2 = 0;
    var e3 = 0;
    var i = 0;
    var r = 0;
    var t = 0;
    var y = 0;
    var j = 0;
    var k = 0;
    var shift = 0;
    var z = 0.0;
    var x = 0.0;
    var kd = 0.0;
    var f = 0.0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    e0 = I32[12]! | 0;
    e1 = I32[13]! | 0;
    e2 = I32[14]! | 0;
    e3 = I32[15]! | 0;
    shift = clz32((len - 1) | 0) | 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      do {
        // XOSHIRO STEP (same as Rng.next), of the events' stream
        r = imul((imul(e1, 5) << 7) | (imul(e1, 5) >>> 25), 9) | 0;
        t = e1 << 9;
        e2 = e2 ^ e0;
        e3 = e3 ^ e1;
        e1 = e1 ^ e2;
        e0 = e0 ^ e3;
        e2 = e2 ^ t;
        e3 = (e3 << 11) | (e3 >>> 21);
        y = (shift | 0) == 32 ? 0 : r >>> shift;
      } while ((y | 0) >= (len | 0));
      I32[(yearsP + (i << 2)) >> 2] = y;
      // XOSHIRO STEP, of the primary losses' stream
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
    I32[12] = e0;
    I32[13] = e1;
    I32[14] = e2;
    I32[15] = e3;
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

  /**
   * out[i] = mn + width·U for i < n, U uniform on [0, 1) from the generator state at 0: the
   * same numbers as distributions.ts Sampler.fill draws one by one with Rng.uniform.
   */
  function uniforms(outP: number, n: number, mn: number, width: number): void {
    outP = outP | 0;
    n = n | 0;
    mn = +mn;
    width = +width;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var i = 0;
    var t = 0;
    var ra = 0;
    var rb = 0;
    var u = 0.0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      // uniform: two outputs (XOSHIRO STEP twice), 53 bits in [0, 1)
      ra = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
      t = s1 << 9;
      s2 = s2 ^ s0;
      s3 = s3 ^ s1;
      s1 = s1 ^ s2;
      s0 = s0 ^ s3;
      s2 = s2 ^ t;
      s3 = (s3 << 11) | (s3 >>> 21);
      rb = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
      t = s1 << 9;
      s2 = s2 ^ s0;
      s3 = s3 ^ s1;
      s1 = s1 ^ s2;
      s0 = s0 ^ s3;
      s2 = s2 ^ t;
      s3 = (s3 << 11) | (s3 >>> 21);
      u = (+((ra >>> 5) >>> 0) * 67108864.0 + +((rb >>> 6) >>> 0)) * 1.1102230246251565e-16;
      F64[(outP + (i << 3)) >> 3] = mn + width * u;
    }
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
  }

  /**
   * Triangular draws by the inverse distribution function for i < n (c = (mode − min)/(max −
   * min), lowSpan = (max − min)(mode − min), highSpan = (max − min)(max − mode)), from the
   * generator state at 0: the same numbers as distributions.ts Sampler.fill.
   */
  function triangulars(outP: number, n: number, mn: number, mx: number, c: number, lowSpan: number, highSpan: number): void {
    outP = outP | 0;
    n = n | 0;
    mn = +mn;
    mx = +mx;
    c = +c;
    lowSpan = +lowSpan;
    highSpan = +highSpan;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var i = 0;
    var t = 0;
    var ra = 0;
    var rb = 0;
    var u = 0.0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      // uniform: two outputs (XOSHIRO STEP twice), 53 bits in [0, 1)
      ra = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
      t = s1 << 9;
      s2 = s2 ^ s0;
      s3 = s3 ^ s1;
      s1 = s1 ^ s2;
      s0 = s0 ^ s3;
      s2 = s2 ^ t;
      s3 = (s3 << 11) | (s3 >>> 21);
      rb = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
      t = s1 << 9;
      s2 = s2 ^ s0;
      s3 = s3 ^ s1;
      s1 = s1 ^ s2;
      s0 = s0 ^ s3;
      s2 = s2 ^ t;
      s3 = (s3 << 11) | (s3 >>> 21);
      u = (+((ra >>> 5) >>> 0) * 67108864.0 + +((rb >>> 6) >>> 0)) * 1.1102230246251565e-16;
      if (u < c) F64[(outP + (i << 3)) >> 3] = mn + +sqrt(u * lowSpan);
      else F64[(outP + (i << 3)) >> 3] = mx - +sqrt((1.0 - u) * highSpan);
    }
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
  }

  /**
   * out[i] = mn + width·X/(X + Y) for i < n, X ~ Gamma(alpha), Y ~ Gamma(beta) (Marsaglia and
   * Tsang; d = shape − 1/3, c = 1/√(9d) for each), from the generator state at 0: the Beta-PERT
   * draw, the same numbers from the same outputs as batches.ts fillPert and Rng.gamma.
   */
  function pert(outP: number, n: number, mn: number, width: number, dA: number, cA: number, dB: number, cB: number): void {
    outP = outP | 0;
    n = n | 0;
    mn = +mn;
    width = +width;
    dA = +dA;
    cA = +cA;
    dB = +dB;
    cB = +cB;
    var s0 = 0;
    var s1 = 0;
    var s2 = 0;
    var s3 = 0;
    var i = 0;
    var r = 0;
    var t = 0;
    var j = 0;
    var ra = 0;
    var rb = 0;
    var x = 0.0;
    var v = 0.0;
    var u = 0.0;
    var x2 = 0.0;
    var ga = 0.0;
    var gb = 0.0;
    s0 = I32[0]! | 0;
    s1 = I32[1]! | 0;
    s2 = I32[2]! | 0;
    s3 = I32[3]! | 0;
    // The two gamma draws written out one after the other (not a loop over the two shapes): the
    // straight code lets the processor overlap them, about 13 % faster a draw.
    for (i = 0; (i | 0) < (n | 0); i = (i + 1) | 0) {
      // X ~ Gamma(alpha)
      for (;;) {
        do {
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
            x = +(j | 0) * +F64[(2048 + ((r & 511) << 3)) >> 3]!;
          } else {
            I32[0] = s0;
            I32[1] = s1;
            I32[2] = s2;
            I32[3] = s3;
            x = +normalSlow(r);
            s0 = I32[0] | 0;
            s1 = I32[1] | 0;
            s2 = I32[2] | 0;
            s3 = I32[3] | 0;
          }
          v = 1.0 + cA * x;
        } while (v <= 0.0);
        v = v * v * v;
        // uniformPositive: two outputs (XOSHIRO STEP twice)
        ra = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
        t = s1 << 9;
        s2 = s2 ^ s0;
        s3 = s3 ^ s1;
        s1 = s1 ^ s2;
        s0 = s0 ^ s3;
        s2 = s2 ^ t;
        s3 = (s3 << 11) | (s3 >>> 21);
        rb = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
        t = s1 << 9;
        s2 = s2 ^ s0;
        s3 = s3 ^ s1;
        s1 = s1 ^ s2;
        s0 = s0 ^ s3;
        s2 = s2 ^ t;
        s3 = (s3 << 11) | (s3 >>> 21);
        u = 1.0 - (+((ra >>> 5) >>> 0) * 67108864.0 + +((rb >>> 6) >>> 0)) * 1.1102230246251565e-16;
        x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) {
          ga = dA * v;
          break;
        }
        if (+log(u) < 0.5 * x2 + dA * (1.0 - v + +log(v))) {
          ga = dA * v;
          break;
        }
      }
      // Y ~ Gamma(beta)
      for (;;) {
        do {
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
            x = +(j | 0) * +F64[(2048 + ((r & 511) << 3)) >> 3]!;
          } else {
            I32[0] = s0;
            I32[1] = s1;
            I32[2] = s2;
            I32[3] = s3;
            x = +normalSlow(r);
            s0 = I32[0] | 0;
            s1 = I32[1] | 0;
            s2 = I32[2] | 0;
            s3 = I32[3] | 0;
          }
          v = 1.0 + cB * x;
        } while (v <= 0.0);
        v = v * v * v;
        // uniformPositive: two outputs (XOSHIRO STEP twice)
        ra = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
        t = s1 << 9;
        s2 = s2 ^ s0;
        s3 = s3 ^ s1;
        s1 = s1 ^ s2;
        s0 = s0 ^ s3;
        s2 = s2 ^ t;
        s3 = (s3 << 11) | (s3 >>> 21);
        rb = imul((imul(s1, 5) << 7) | (imul(s1, 5) >>> 25), 9) | 0;
        t = s1 << 9;
        s2 = s2 ^ s0;
        s3 = s3 ^ s1;
        s1 = s1 ^ s2;
        s0 = s0 ^ s3;
        s2 = s2 ^ t;
        s3 = (s3 << 11) | (s3 >>> 21);
        u = 1.0 - (+((ra >>> 5) >>> 0) * 67108864.0 + +((rb >>> 6) >>> 0)) * 1.1102230246251565e-16;
        x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2) {
          gb = dB * v;
          break;
        }
        if (+log(u) < 0.5 * x2 + dB * (1.0 - v + +log(v))) {
          gb = dB * v;
          break;
        }
      }
      F64[(outP + (i << 3)) >> 3] = mn + (width * ga) / (ga + gb);
    }
    I32[0] = s0;
    I32[1] = s1;
    I32[2] = s2;
    I32[3] = s3;
  }


  return {
    next: next,
    pert: pert,
    uniforms: uniforms,
    triangulars: triangulars,
    varyingEvents: varyingEvents,
    uniformYears: uniformYears,
    yearsLognormals: yearsLognormals,
    lognormals: lognormals,
    scatterAdd: scatterAdd,
    emitDense: emitDense,
    emitSparse: emitSparse,
  };
}

export type Kernel = ReturnType<typeof kernel>;
