/**
 * The working memory for one block of years of one risk, reused from block to block, and the
 * operations on it that have an asm.js loop (in the thread's {@link Heap}) and a JavaScript one
 * (for a block whose events do not fit the heap). Both give the same numbers in the same order,
 * so a risk's results never depend on how many events the heap has room for (which depends on
 * the other risks of the model).
 */
import { fillUniformIntegers } from './batches.js';
import type { Heap } from './heap.js';
import type { InsuranceTargets } from './insurance.js';
import { EventLimitError, MAX_BLOCK_EVENTS } from './model.js';
import { Rng } from './rng.js';

/** Years per block. Random streams are keyed by block, so this is part of what a seed means. */
export const BLOCK_YEARS = 4096;

/**
 * Where a risk's simulated years go: its non-zero annual losses (appended from `count` on) and
 * the portfolio sums it adds to. All of them but the insurance targets are views into the
 * scratch's heap.
 */
export interface RiskTargets {
  seed: number;
  years: number;
  /** Non-zero annual losses of the risk; room for `years` values. */
  values: Float64Array;
  count: number;
  /** The same with treatments applied (treated risks only). */
  residualValues: Float64Array;
  residualCount: number;
  /** Annual sums this risk adds to (the portfolio, or a partial sum of it), dense. */
  portfolio: Float64Array;
  /** The same for residual losses, when any risk of the model has treatments. */
  residualPortfolio: Float64Array | null;
  /** Recoveries and retained losses, when the model has insurance. */
  insurance: InsuranceTargets | null;
}

export class BlockScratch {
  /** The risk's inherent streams; shares its state with the heap's loops. */
  readonly rng: Rng;
  /** The risk's events' stream, drawn beside another one (the heap's second state). */
  readonly eventRng: Rng;
  /** Treatment and residual streams. */
  readonly trng = new Rng();
  /** Whether the per-event arrays below are the heap's. */
  eventsInHeap = true;
  /** The id of the risk being simulated, for an {@link EventLimitError}. */
  riskId = '';
  /** Per event: year within the block, primary loss, secondary loss (0 if none), secondary-loss chance draw. */
  eventYear: Int32Array;
  primary: Float64Array;
  secondary = new Float64Array(1024);
  chance = new Float64Array(1024);
  /** Per event: primary + secondary loss. */
  eventLoss: Float64Array;
  /** Per event, for residual losses and temporary products. */
  residual: Float64Array;
  eventMult = new Float64Array(1024);
  eventTmp = new Float64Array(1024);
  /** Events that treatments add (a rate multiplied by more than 1): their years and losses. */
  extraYear = new Int32Array(256);
  extraLoss = new Float64Array(256);
  extraCount = 0;
  /** Per year of the block. */
  readonly rate = new Float64Array(BLOCK_YEARS);
  readonly vulnerability = new Float64Array(BLOCK_YEARS);
  readonly slef = new Float64Array(BLOCK_YEARS);
  readonly ratio = new Float64Array(BLOCK_YEARS);
  readonly extraRate = new Float64Array(BLOCK_YEARS);
  readonly slefResidual = new Float64Array(BLOCK_YEARS);
  readonly yearTmp = new Float64Array(BLOCK_YEARS);
  readonly residualYear = new Float64Array(BLOCK_YEARS);
  /** Annual sums of the block (in the heap), kept at zero between uses. */
  readonly dense: Float64Array;

  constructor(readonly heap: Heap) {
    this.rng = new Rng(heap.state);
    this.eventRng = new Rng(heap.eventState);
    this.eventYear = heap.eventYear;
    this.primary = heap.primary;
    this.eventLoss = heap.eventLoss;
    this.residual = heap.residual;
    this.dense = heap.dense;
  }

  /** Starts a block: the per-event arrays are the heap's again, no extra events. */
  beginBlock(): void {
    this.extraCount = 0;
    if (this.eventsInHeap) return;
    const h = this.heap;
    this.eventsInHeap = true;
    this.eventYear = h.eventYear;
    this.primary = h.primary;
    this.eventLoss = h.eventLoss;
    this.residual = h.residual;
  }

  /** Makes room for at least `n` events in every per-event array, keeping the event years already there. */
  ensureEvents(n: number): void {
    if (n > MAX_BLOCK_EVENTS) throw new EventLimitError(this.riskId, n);
    if (n > this.eventYear.length) {
      let cap = this.eventYear.length;
      while (cap < n) cap *= 2;
      cap = Math.min(cap, MAX_BLOCK_EVENTS);
      const years = new Int32Array(cap);
      years.set(this.eventYear);
      this.eventYear = years;
      this.primary = new Float64Array(cap);
      this.eventLoss = new Float64Array(cap);
      this.residual = new Float64Array(cap);
      this.eventsInHeap = false;
    }
    if (n > this.secondary.length) {
      let cap = this.secondary.length;
      while (cap < n) cap *= 2;
      cap = Math.min(cap, MAX_BLOCK_EVENTS);
      this.secondary = new Float64Array(cap);
      this.chance = new Float64Array(cap);
      this.eventMult = new Float64Array(cap);
      this.eventTmp = new Float64Array(cap);
    }
  }

  /** eventYear[0..n) uniform on [0, len), from the stream of `eventRng`. */
  uniformYears(n: number, len: number): void {
    const h = this.heap;
    if (this.eventsInHeap) h.kernel.uniformYears(h.at(this.eventYear), n, len, h.at(h.eventState));
    else fillUniformIntegers(this.eventRng, this.eventYear, n, len);
  }

  /**
   * {@link uniformYears} and {@link lognormalPrimary} together, in one pass of the asm.js loop
   * when the events are in the heap; each stream gives the same numbers either way.
   */
  uniformYearsAndLognormalPrimary(n: number, len: number, mu: number, sigma: number): void {
    const h = this.heap;
    if (this.eventsInHeap) h.kernel.yearsLognormals(h.at(this.eventYear), h.at(this.primary), n, len, mu, sigma);
    else {
      this.uniformYears(n, len);
      this.lognormalPrimary(n, mu, sigma);
    }
  }

  /**
   * primary[0..n) lognormal exp(mu + sigma·Z), from the stream of `rng` (the heap's state). By the
   * asm.js loop in either case: through the heap's own region in chunks when the block's events
   * live outside it.
   */
  lognormalPrimary(n: number, mu: number, sigma: number): void {
    const h = this.heap;
    if (this.eventsInHeap) {
      h.kernel.lognormals(h.at(this.primary), n, mu, sigma);
      return;
    }
    const chunk = h.primary.length;
    for (let i = 0; i < n; i += chunk) {
      const m = Math.min(chunk, n - i);
      h.kernel.lognormals(h.at(h.primary), m, mu, sigma);
      this.primary.set(h.primary.subarray(0, m), i);
    }
  }

  /** dense[eventYear[i]] += loss[i] for i < n, in event order. */
  scatterAdd(loss: Float64Array, n: number): void {
    const h = this.heap;
    if (this.eventsInHeap) {
      h.kernel.scatterAdd(h.at(this.eventYear), h.at(loss), n, h.at(this.dense));
      return;
    }
    const ev = this.eventYear;
    const dense = this.dense;
    for (let i = 0; i < n; i++) {
      const y = ev[i]!;
      dense[y] = dense[y]! + loss[i]!;
    }
  }

  /** Records an event that treatments add, in year y of the block. */
  addExtraEvent(y: number, loss: number): void {
    if (this.extraCount === this.extraYear.length) {
      if (this.extraCount >= MAX_BLOCK_EVENTS) throw new EventLimitError(this.riskId, this.extraCount + 1);
      const years = new Int32Array(Math.min(2 * this.extraCount, MAX_BLOCK_EVENTS));
      const losses = new Float64Array(years.length);
      years.set(this.extraYear);
      losses.set(this.extraLoss);
      this.extraYear = years;
      this.extraLoss = losses;
    }
    this.extraYear[this.extraCount] = y;
    this.extraLoss[this.extraCount++] = loss;
  }

  /** dense[extraYear[i]] += extraLoss[i] for the extra events, in the order they were drawn. */
  scatterExtra(): void {
    const dense = this.dense;
    for (let i = 0; i < this.extraCount; i++) {
      const y = this.extraYear[i]!;
      dense[y] = dense[y]! + this.extraLoss[i]!;
    }
  }

  /**
   * Takes the block's annual sums out of the dense array: appends the non-zero ones to
   * values[k..] (in year order, or for a sparse block in the order of the events' first
   * occurrence), adds all of them to portfolio[y0..] (and to residualPortfolio), clears them.
   * Returns the new k.
   */
  emit(sparse: boolean, n: number, len: number, values: Float64Array, k: number, y0: number, portfolio: Float64Array, residualPortfolio: Float64Array | null): number {
    const h = this.heap;
    if (sparse && !this.eventsInHeap) return this.emitSparse(n, values, k, y0, portfolio, residualPortfolio);
    const resAt = residualPortfolio ? h.at(residualPortfolio) : 0;
    const withResidual = residualPortfolio ? 1 : 0;
    return sparse
      ? h.kernel.emitSparse(h.at(this.eventYear), n, h.at(this.dense), h.at(values), k, h.at(portfolio), resAt, withResidual, y0)
      : h.kernel.emitDense(h.at(this.dense), len, h.at(values), k, h.at(portfolio), resAt, withResidual, y0);
  }

  /** The asm.js emitSparse, for events outside the heap. */
  private emitSparse(n: number, values: Float64Array, k: number, y0: number, portfolio: Float64Array, residualPortfolio: Float64Array | null): number {
    const ev = this.eventYear;
    const dense = this.dense;
    for (let i = 0; i < n; i++) {
      const y = ev[i]!;
      const v = dense[y]!;
      if (v > 0) {
        values[k++] = v;
        portfolio[y0 + y] = portfolio[y0 + y]! + v;
        if (residualPortfolio) residualPortfolio[y0 + y] = residualPortfolio[y0 + y]! + v;
        dense[y] = 0;
      }
    }
    return k;
  }
}
