/**
 * A thread's memory for a run: the ArrayBuffer that the asm.js modules (asm.ts, and those in
 * stats.ts and insurance.ts) work in, its layout, and a typed view of each region for the
 * JavaScript side. The working memory of one block of years of one risk, which uses it, is in
 * scratch.ts.
 */
import { EVENT_STATE, EXP_P_AT, EXP_T_AT, kernel, SCRATCH, STATE, TABLES_END, ZE_F_AT, ZE_K_AT, ZE_W_AT, ZN_F_AT, ZN_K_AT, ZN_W_AT, ZN_WU_AT, type Kernel } from './asm.js';
import { EXP_P, EXP_T } from './batches.js';
import { insuranceKernel, type InsuranceKernel } from './insurance.js';
import { type Rng, ZE_F, ZE_K, ZE_W, ZN_F, ZN_K, ZN_W, ZN_W_SIGNED } from './rng.js';
import { statsKernel, type StatsKernel } from './stats.js';

/** A valid asm.js heap size: a power of two up to 16 MB, a multiple of 16 MB above. */
function heapSize(bytes: number): number {
  const MB16 = 16 * 1024 * 1024;
  if (bytes > MB16) return Math.ceil(bytes / MB16) * MB16;
  let size = 65536;
  while (size < bytes) size *= 2;
  return size;
}

/** Beta-PERT draws made by the asm.js loop per call (a block's years). */
const DRAW_CHUNK = 4096;

/** Byte offset of the high 32 bits within a double: 4 on little-endian machines. */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 4 : 0;

/**
 * One thread's heap for a run: regions for a block's events, the dense year array, a risk's
 * annual losses (inherent and residual), a group's portfolio sums (inherent and residual) and
 * insurance sums, and scratch for summaries, with a typed view of each for the JavaScript side.
 */
export class Heap {
  readonly buffer: ArrayBuffer;
  readonly kernel: Kernel;
  /** The summaries' passes, on the same buffer. */
  readonly stats: StatsKernel;
  private insuranceLoops: InsuranceKernel | null = null;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  /** Byte offset of the high word within a double. */
  readonly high = HIGH_WORD;
  /** The generator state (shared with an Rng) and the SCRATCH results of the module. */
  readonly state: Int32Array;
  /** A second generator state (the events' stream, shared with another Rng). */
  readonly eventState: Int32Array;
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
  /** Beta-PERT draws on their way to the caller's array ({@link pert}). */
  readonly draws: Float64Array;
  /** A group's yearly sums of the retained loss and each policy's recoveries, interleaved: 1 + policies a year. */
  readonly insuranceSums: Float64Array;
  /** Deductible and limit of each policy; the covering policies of the risk at hand; per-event shares. */
  readonly policyParams: Float64Array;
  readonly cover: Int32Array;
  readonly share: Float64Array;
  /**
   * A run on one thread adds each group's sums to running totals as it goes (see run.ts): the
   * portfolio's, the residual portfolio's and the interleaved insurance sums. Empty otherwise.
   */
  readonly portfolioTotal: Float64Array;
  readonly residualTotal: Float64Array;
  readonly insuranceTotal: Float64Array;

  /**
   * @param years years of the run (length of the series regions)
   * @param blockYears years per block (length of the dense region)
   * @param eventCapacity events per block that fit
   * @param residual whether to lay out the residual regions
   * @param buckets size of the selection histogram
   * @param points points of a loss exceedance curve
   * @param policies insurance policies of the model (0: no insurance regions)
   * @param totals whether to lay out the running totals of a run on one thread
   */
  constructor(years: number, blockYears: number, eventCapacity: number, residual: boolean, buckets: number, points: number, policies = 0, totals = false) {
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
      draws: region('draws', DRAW_CHUNK, 8),
      insuranceSums: region('insuranceSums', policies > 0 ? (1 + policies) * years : 0, 8),
      policyParams: region('policyParams', 2 * policies, 8),
      cover: region('cover', policies, 4),
      share: region('share', policies, 8),
      portfolioTotal: region('portfolioTotal', totals ? years : 0, 8),
      residualTotal: region('residualTotal', totals ? r : 0, 8),
      insuranceTotal: region('insuranceTotal', totals && policies > 0 ? (1 + policies) * years : 0, 8),
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
    this.i32.set(ZE_K, ZE_K_AT / 4);
    this.f64.set(ZE_W, ZE_W_AT / 8);
    this.f64.set(ZE_F, ZE_F_AT / 8);
    this.kernel = kernel(globalThis, null, this.buffer);
    this.stats = statsKernel(globalThis, null, this.buffer);
    this.eventCapacity = cap;
    const i32 = (o: number, n: number): Int32Array => new Int32Array(this.buffer, o, n);
    const f64 = (o: number, n: number): Float64Array => new Float64Array(this.buffer, o, n);
    this.state = i32(STATE, 4);
    this.eventState = i32(EVENT_STATE, 4);
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
    this.draws = f64(offsets.draws, DRAW_CHUNK);
    this.insuranceSums = f64(offsets.insuranceSums, policies > 0 ? (1 + policies) * years : 0);
    this.policyParams = f64(offsets.policyParams, 2 * policies);
    this.cover = i32(offsets.cover, policies);
    this.share = f64(offsets.share, policies);
    this.portfolioTotal = f64(offsets.portfolioTotal, totals ? years : 0);
    this.residualTotal = f64(offsets.residualTotal, totals ? r : 0);
    this.insuranceTotal = f64(offsets.insuranceTotal, totals && policies > 0 ? (1 + policies) * years : 0);
  }

  /** The insurance loops, on the same buffer; compiled on first use (a run without insurance never needs them). */
  get insurance(): InsuranceKernel {
    return (this.insuranceLoops ??= insuranceKernel(globalThis, null, this.buffer));
  }

  /**
   * Beta-PERT draws (min + width·Beta(alpha, beta)) by the asm.js loop, the same numbers from the
   * same outputs as batches.ts fillPert: `out` is filled a chunk at a time from the heap.
   */
  pert(rng: Rng, out: Float64Array, n: number, min: number, width: number, alpha: number, beta: number): void {
    const dA = alpha - 1 / 3;
    const dB = beta - 1 / 3;
    const cA = 1 / Math.sqrt(9 * dA);
    const cB = 1 / Math.sqrt(9 * dB);
    this.drawChunks(rng, out, n, (at, m) => this.kernel.pert(at, m, min, width, dA, cA, dB, cB));
  }

  /** Uniform draws min + width·U by the asm.js loop: the same numbers as Rng.uniform one by one. */
  uniforms(rng: Rng, out: Float64Array, n: number, min: number, width: number): void {
    this.drawChunks(rng, out, n, (at, m) => this.kernel.uniforms(at, m, min, width));
  }

  /** Triangular draws by the asm.js loop (asm.ts triangulars): the same numbers as Sampler.fill one by one. */
  triangulars(rng: Rng, out: Float64Array, n: number, min: number, max: number, c: number, lowSpan: number, highSpan: number): void {
    this.drawChunks(rng, out, n, (at, m) => this.kernel.triangulars(at, m, min, max, c, lowSpan, highSpan));
  }

  /**
   * Fills `out` a chunk at a time from the heap's draws region, `draw(at, m)` writing m draws
   * there from the generator state at 0. A generator that is not the heap's own (a treatment's)
   * lends its state to the heap for the call and takes it back after.
   */
  private drawChunks(rng: Rng, out: Float64Array, n: number, draw: (at: number, m: number) => void): void {
    const st = this.state;
    const own = rng.s.buffer === this.buffer && rng.s.byteOffset === STATE;
    let h0 = 0;
    let h1 = 0;
    let h2 = 0;
    let h3 = 0;
    if (!own) {
      h0 = st[0]!;
      h1 = st[1]!;
      h2 = st[2]!;
      h3 = st[3]!;
      st.set(rng.s);
    }
    const at = this.draws.byteOffset;
    for (let done = 0; done < n; done += DRAW_CHUNK) {
      const m = Math.min(DRAW_CHUNK, n - done);
      draw(at, m);
      out.set(m === DRAW_CHUNK ? this.draws : this.draws.subarray(0, m), done);
    }
    if (!own) {
      rng.s.set(st);
      st[0] = h0;
      st[1] = h1;
      st[2] = h2;
      st[3] = h3;
    }
  }

  /** The byte offset of a view into this heap (it must be one). */
  at(view: Int32Array | Float64Array): number {
    return view.byteOffset;
  }

  /** Where asm.ts varyingEvents stopped: the year, and the position of the next event in it. */
  stoppedAt(): { year: number; position: number } {
    return { year: this.i32[SCRATCH / 4]!, position: this.f64[SCRATCH / 8 + 1]! };
  }

  /** The scan results that do not fit the return value: non-zero count, max, smallest non-zero. */
  scanResults(): { nonZero: number; max: number; minNonZero: number } {
    return { nonZero: this.i32[SCRATCH / 4]!, max: this.f64[3]!, minNonZero: this.f64[4]! };
  }
}
