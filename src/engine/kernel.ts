/**
 * The simulation kernel: one risk over all years, block by block.
 *
 * Semantics (docs/risk-model.md): for each year the frequency factors are drawn once, the
 * number of loss events is Poisson with the year's rate, and each event gets its own primary
 * loss and, with the year's secondary loss event frequency, its own secondary loss.
 *
 * Poisson counts: with a constant rate, a block of years gets a Poisson count of events and each
 * event a uniform year; with a rate that changes from year to year, year y takes the next
 * `rate[y]` units of a unit-rate Poisson process (exponential gaps). Both give exactly Poisson
 * counts per year, independent between years. Annual sums collect in a dense array of the
 * block's years, each year's losses added in event order.
 *
 * Treatments are simulated beside the inherent risk with common random numbers: every
 * inherent draw comes from the risk's inherent stream whether or not it has treatments, and
 * the treatment draws come from a second stream. Residual events are the inherent events
 * thinned with the ratio of residual to inherent rate, so with multipliers ≤ 1 each year's
 * residual loss is at most its inherent loss (term by term, in the same order of addition);
 * multipliers above 1 add events of an independent Poisson process for the excess rate.
 */
import { Sampler } from './distributions.js';
import type { Risk } from './model.js';
import type { Heap } from './asm.js';
import { Rng, STREAM_INHERENT, STREAM_TREATMENT, TWO_POW_M32, fillUniformIntegers, poisson } from './rng.js';

/** Years per block. Random streams are keyed by block, so this is part of what a seed means. */
export const BLOCK_YEARS = 4096;

/** A risk compiled for simulation. */
export interface RiskPlan {
  index: number;
  id: string;
  /** Loss events per year when the frequency is constant, else NaN. */
  constantRate: number;
  lef: Sampler | null;
  tef: Sampler | null;
  vulnerability: Sampler | null;
  primary: Sampler;
  slef: Sampler | null;
  secondary: Sampler | null;
  /** True when the risk has at least one treatment. */
  treated: boolean;
  /** Multipliers on the rate (lossEventFrequency, threatEventFrequency, and vulnerability of a risk given by LEF). */
  rateMultipliers: Sampler[];
  /** Multipliers on the vulnerability of a risk given by TEF × vulnerability (the product is kept ≤ 1). */
  vulnerabilityMultipliers: Sampler[];
  slefMultipliers: Sampler[];
  primaryMultipliers: Sampler[];
  secondaryMultipliers: Sampler[];
  /** Sum of the treatments' annual costs. */
  treatmentCost: number;
}

/** Compiles a validated risk. */
export function compileRisk(risk: Risk, index: number): RiskPlan {
  const lef = risk.lossEventFrequency ? Sampler.of(risk.lossEventFrequency, 'rate') : null;
  const tef = risk.threatEventFrequency ? Sampler.of(risk.threatEventFrequency, 'rate') : null;
  const vulnerability = risk.vulnerability ? Sampler.of(risk.vulnerability, 'probability') : null;
  let constantRate = NaN;
  if (lef?.isConstant) constantRate = lef.value;
  else if (tef?.isConstant && vulnerability?.isConstant) constantRate = tef.value * vulnerability.value;
  const plan: RiskPlan = {
    index,
    id: risk.id,
    constantRate,
    lef,
    tef,
    vulnerability,
    primary: Sampler.of(risk.primaryLoss, 'loss'),
    slef: risk.secondaryLossEventFrequency ? Sampler.of(risk.secondaryLossEventFrequency, 'probability') : null,
    secondary: risk.secondaryLoss ? Sampler.of(risk.secondaryLoss, 'loss') : null,
    treated: (risk.treatments?.length ?? 0) > 0,
    rateMultipliers: [],
    vulnerabilityMultipliers: [],
    slefMultipliers: [],
    primaryMultipliers: [],
    secondaryMultipliers: [],
    treatmentCost: 0,
  };
  for (const t of risk.treatments ?? []) {
    plan.treatmentCost += t.annualCost;
    const e = t.effect;
    // A fixed order of factors, so that the treatment stream is consumed the same way every run.
    if (e.lossEventFrequency) plan.rateMultipliers.push(Sampler.of(e.lossEventFrequency, 'multiplier'));
    if (e.threatEventFrequency) plan.rateMultipliers.push(Sampler.of(e.threatEventFrequency, 'multiplier'));
    if (e.vulnerability) (tef ? plan.vulnerabilityMultipliers : plan.rateMultipliers).push(Sampler.of(e.vulnerability, 'multiplier'));
    if (e.secondaryLossEventFrequency) plan.slefMultipliers.push(Sampler.of(e.secondaryLossEventFrequency, 'multiplier'));
    if (e.primaryLoss) plan.primaryMultipliers.push(Sampler.of(e.primaryLoss, 'multiplier'));
    if (e.secondaryLoss) plan.secondaryMultipliers.push(Sampler.of(e.secondaryLoss, 'multiplier'));
  }
  return plan;
}

/**
 * Where a risk's simulated years go: its non-zero annual losses (appended from `count` on) and
 * the portfolio sums it adds to. All of them are views into the scratch's heap.
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
}

/**
 * Per-thread working memory, reused from block to block. The per-event arrays that the asm.js
 * loops read live in the heap while a block's events fit there; a block with more events (rare:
 * only a rate far above its expectation) uses ordinary arrays and the JavaScript loops.
 */
export class BlockScratch {
  /** The inherent stream shares its state with the heap's loops. */
  readonly rng: Rng;
  readonly trng = new Rng();
  /** Whether the per-event arrays below are the heap's. */
  eventsInHeap = true;
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
    this.eventYear = heap.eventYear;
    this.primary = heap.primary;
    this.eventLoss = heap.eventLoss;
    this.residual = heap.residual;
    this.dense = heap.dense;
  }

  /** Starts a block: the per-event arrays are the heap's again. */
  beginBlock(): void {
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
    if (n > this.eventYear.length) {
      let cap = this.eventYear.length;
      while (cap < n) cap *= 2;
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
      this.secondary = new Float64Array(cap);
      this.chance = new Float64Array(cap);
      this.eventMult = new Float64Array(cap);
      this.eventTmp = new Float64Array(cap);
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

  /**
   * Takes the block's annual sums out of the dense array: appends the non-zero ones to
   * values[k..] (in year order, or for a sparse block in the order of the events' first
   * occurrence), adds all of them to portfolio[y0..] (and to residualPortfolio), clears them.
   * Returns the new k.
   */
  emit(sparse: boolean, n: number, len: number, values: Float64Array, k: number, y0: number, portfolio: Float64Array, residualPortfolio: Float64Array | null): number {
    const h = this.heap;
    const resAt = residualPortfolio ? h.at(residualPortfolio) : 0;
    const withResidual = residualPortfolio ? 1 : 0;
    return sparse && this.eventsInHeap
      ? h.kernel.emitSparse(h.at(this.eventYear), n, h.at(this.dense), h.at(values), k, h.at(portfolio), resAt, withResidual, y0)
      : h.kernel.emitDense(h.at(this.dense), len, h.at(values), k, h.at(portfolio), resAt, withResidual, y0);
  }
}

/**
 * Simulates one risk over all years, block after block (each block from its own streams), and
 * appends its non-zero annual losses to the targets, resetting their counts first.
 */
export function simulateRisk(plan: RiskPlan, t: RiskTargets, s: BlockScratch): void {
  t.count = 0;
  t.residualCount = 0;
  const blocks = Math.ceil(t.years / BLOCK_YEARS);
  for (let b = 0; b < blocks; b++) simulateRiskBlock(plan, t, b, s);
}

function simulateRiskBlock(plan: RiskPlan, t: RiskTargets, b: number, s: BlockScratch): void {
  const y0 = b * BLOCK_YEARS;
  const len = Math.min(BLOCK_YEARS, t.years - y0);
  const rng = s.rng.reseed(t.seed, plan.index, b, STREAM_INHERENT);
  s.beginBlock();

  // 1. The year's factors, then the events (their years) and, for lognormal losses, their losses.
  let n: number;
  let lossesDrawn = false;
  if (!Number.isNaN(plan.constantRate)) {
    // A Poisson count for the block and a uniform year for each event: Poisson counts per year.
    n = poisson(rng, plan.constantRate * len);
    s.ensureEvents(n);
    if (plan.primary.logSigma >= 0 && s.eventsInHeap) {
      // Years and lognormal losses in one pass of the asm.js loop.
      const h = s.heap;
      h.kernel.yearsLognormals(h.at(h.eventYear), h.at(h.primary), n, len, plan.primary.logMu, plan.primary.logSigma);
      lossesDrawn = true;
    } else fillUniformIntegers(rng, s.eventYear, n, len);
  } else {
    if (plan.lef) plan.lef.fill(rng, s.rate, len);
    else {
      plan.tef!.fill(rng, s.rate, len);
      plan.vulnerability!.fill(rng, s.vulnerability, len);
      for (let y = 0; y < len; y++) s.rate[y] = s.rate[y]! * s.vulnerability[y]!;
    }
    n = varyingRateEvents(rng, s.rate, len, s);
    s.ensureEvents(n);
  }
  if (plan.slef) {
    if (plan.slef.isConstant) s.slef.fill(plan.slef.value, 0, len);
    else plan.slef.fill(rng, s.slef, len);
  }

  // 2. Each event's losses.
  if (!lossesDrawn) plan.primary.fill(rng, s.primary, n);
  if (plan.secondary) secondaryLosses(plan.secondary, rng, n, s);

  // 3. Annual sums, each year's losses added in event order: non-zero years to the risk's values,
  // every year to the portfolio.
  const residualPortfolio = !plan.treated ? t.residualPortfolio : null;
  s.scatterAdd(plan.secondary ? s.eventLoss : s.primary, n);
  const sparse = n < SPARSE_EVENTS_PER_YEAR * len;
  t.count = s.emit(sparse, n, len, t.values, t.count, y0, t.portfolio, residualPortfolio);

  if (plan.treated) simulateResidual(plan, t, b, len, n, sparse, s);
}


/** Draws which events bring secondary loss (chance below the year's SLEF) and how much; totals each event's loss. */
function secondaryLosses(secondary: Sampler, rng: Rng, n: number, s: BlockScratch): void {
  const ev = s.eventYear;
  const chance = s.chance;
  const slef = s.slef;
  const sec = s.secondary;
  fillChances(rng, chance, n);
  let m = 0;
  for (let i = 0; i < n; i++) if (chance[i]! < slef[ev[i]!]!) m++;
  secondary.fill(rng, s.eventTmp, m);
  m = 0;
  for (let i = 0; i < n; i++) sec[i] = chance[i]! < slef[ev[i]!]! ? s.eventTmp[m++]! : 0;
  const pri = s.primary;
  const total = s.eventLoss;
  for (let i = 0; i < n; i++) total[i] = pri[i]! + sec[i]!;
}

/**
 * Below this many events per year in a block, annual sums are collected by following the events
 * rather than by scanning every year of the block. The two list a risk's years in different
 * orders, which sets the order of the sum behind its mean, so this is part of what a seed means.
 */
export const SPARSE_EVENTS_PER_YEAR = 0.5;

/** Events when year y has rate[y]: year y takes the next rate[y] units of a unit-rate process. */
function varyingRateEvents(rng: Rng, rate: Float64Array, len: number, s: BlockScratch): number {
  let n = 0;
  let ev = s.eventYear;
  let t = rng.exponential();
  for (let y = 0; y < len; y++) {
    const r = rate[y]!;
    while (t < r) {
      if (n === ev.length) {
        s.ensureEvents(n + 1);
        ev = s.eventYear;
      }
      ev[n++] = y;
      t += rng.exponential();
    }
    t -= r;
  }
  return n;
}

/** Fills out[0..n) with 32-bit uniforms in [0, 1), for yes/no draws. */
function fillChances(rng: Rng, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = (rng.next() >>> 0) * TWO_POW_M32;
}

/** Multiplies out[0..n) by the product of draws of each sampler (out starts at 1). */
function fillProduct(samplers: readonly Sampler[], rng: Rng, out: Float64Array, tmp: Float64Array, n: number): void {
  out.fill(1, 0, n);
  for (const m of samplers) {
    if (m.isConstant) {
      const v = m.value;
      for (let i = 0; i < n; i++) out[i] = out[i]! * v;
    } else {
      m.fill(rng, tmp, n);
      for (let i = 0; i < n; i++) out[i] = out[i]! * tmp[i]!;
    }
  }
}

/**
 * The residual annual losses of a treated risk over the block, from the inherent events left in
 * the scratch (years, whole losses, secondary losses and their chance draws) and the treatment stream.
 */
function simulateResidual(plan: RiskPlan, t: RiskTargets, b: number, len: number, n: number, sparse: boolean, s: BlockScratch): void {
  const y0 = b * BLOCK_YEARS;
  const rng = s.trng.reseed(t.seed, plan.index, b, STREAM_TREATMENT);
  const ev = s.eventYear;

  // Per year: the inherent rate and factors (filled in for constant ones), and their residual form.
  const constant = !Number.isNaN(plan.constantRate);
  if (constant) s.rate.fill(plan.constantRate, 0, len);
  if (plan.tef && plan.vulnerability?.isConstant && constant) s.vulnerability.fill(plan.vulnerability.value, 0, len);
  const hasRateEffect = plan.rateMultipliers.length > 0 || plan.vulnerabilityMultipliers.length > 0;
  const ratio = s.ratio;
  const extra = s.extraRate;
  let anyExtra = false;
  if (hasRateEffect) {
    fillProduct(plan.rateMultipliers, rng, ratio, s.yearTmp, len);
    if (plan.vulnerabilityMultipliers.length > 0) {
      fillProduct(plan.vulnerabilityMultipliers, rng, s.residualYear, s.yearTmp, len);
      for (let y = 0; y < len; y++) {
        const v = s.vulnerability[y]!;
        ratio[y] = v > 0 ? (ratio[y]! * Math.min(1, v * s.residualYear[y]!)) / v : 0;
      }
    }
    for (let y = 0; y < len; y++) {
      const x = s.rate[y]! * (ratio[y]! - 1);
      extra[y] = x > 0 ? x : 0;
      if (x > 0) anyExtra = true;
    }
  }
  const slefRes = s.slefResidual;
  if (plan.slef) {
    if (plan.slef.isConstant) s.slef.fill(plan.slef.value, 0, len);
    fillProduct(plan.slefMultipliers, rng, slefRes, s.yearTmp, len);
    for (let y = 0; y < len; y++) slefRes[y] = Math.min(1, s.slef[y]! * slefRes[y]!);
  }

  // Per inherent event: its residual loss (each term no larger than the inherent one when the
  // multipliers are ≤ 1), then whether the event is kept at all.
  const res = s.residual;
  const pri = s.primary;
  if (plan.primaryMultipliers.length > 0) {
    fillProduct(plan.primaryMultipliers, rng, res, s.eventTmp, n);
    for (let i = 0; i < n; i++) res[i] = pri[i]! * res[i]!;
  } else {
    res.set(pri.subarray(0, n));
  }
  if (plan.secondary) {
    const mult = s.eventMult;
    fillProduct(plan.secondaryMultipliers, rng, mult, s.eventTmp, n);
    for (let i = 0; i < n; i++) {
      const y = ev[i]!;
      const c = s.chance[i]!;
      if (c < slefRes[y]!) {
        // An event with secondary loss inherently keeps its amount; one that gains it only
        // because the treatment raised the frequency draws its own.
        const amount = c < s.slef[y]! ? s.secondary[i]! : plan.secondary.draw(rng);
        res[i] = res[i]! + amount * mult[i]!;
      }
    }
  }
  if (hasRateEffect) {
    for (let i = 0; i < n; i++) {
      if ((rng.next() >>> 0) * TWO_POW_M32 >= ratio[ev[i]!]!) res[i] = 0;
    }
  }

  // Annual sums (inherent events in order, then any extra events), listed in the same order as
  // the inherent ones so that the residual mean is summed in the same order.
  s.scatterAdd(res, n);
  if (anyExtra) {
    addExtraEvents(plan, rng, extra, slefRes, len, s.dense);
    sparse = false; // extra events may fall in years without inherent events
  }
  t.residualCount = s.emit(sparse, n, len, t.residualValues, t.residualCount, y0, t.residualPortfolio!, null);
}

/** Events of the excess rate when treatments multiply the rate by more than 1. */
function addExtraEvents(plan: RiskPlan, rng: Rng, extra: Float64Array, slefRes: Float64Array, len: number, acc: Float64Array): void {
  let t = rng.exponential();
  for (let y = 0; y < len; y++) {
    const r = extra[y]!;
    while (t < r) {
      let loss = plan.primary.draw(rng);
      for (const m of plan.primaryMultipliers) loss *= m.draw(rng);
      if (plan.secondary && rng.chance() < slefRes[y]!) {
        let sec = plan.secondary.draw(rng);
        for (const m of plan.secondaryMultipliers) sec *= m.draw(rng);
        loss += sec;
      }
      acc[y] = acc[y]! + loss;
      t += rng.exponential();
    }
    t -= r;
  }
}

/** A risk's expected loss events per year: E[LEF], or E[TEF] × E[vulnerability]. */
export function expectedRate(plan: RiskPlan): number {
  return plan.lef ? plan.lef.mean : plan.tef!.mean * plan.vulnerability!.mean;
}

/** A risk's mean annual loss in closed form: E[rate] × (E[primary] + E[SLEF] × E[secondary]). */
export function expectedMean(plan: RiskPlan): number {
  const secondary = plan.slef && plan.secondary ? plan.slef.mean * plan.secondary.mean : 0;
  return expectedRate(plan) * (plan.primary.mean + secondary);
}
