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
 * Common random numbers (contract version 2): every draw comes from a stream keyed by the seed,
 * the risk's id, the block and the draw's purpose (rng.ts STREAM): the frequency, the
 * vulnerability, the events, the primary losses, the secondary loss event frequency, which events
 * bring secondary loss, and the secondary losses each have their own, and so does each
 * treatment's multiplier on each factor (below). A risk's results therefore depend on
 * nothing but its own inputs, and a draw of one purpose on nothing but that purpose's inputs.
 */
import type { FastDraws, Sampler } from './distributions.js';
import { BLOCK_YEARS, type BlockScratch, type RiskTargets } from './scratch.js';
import { insureBlock } from './insurance.js';
import type { Multiplier, RiskPlan } from './layout.js';
import { exponentialSlow, STREAM, TWO_POW_M32, poisson, ZE_K, ZE_W, type Rng, type StreamKey } from './rng.js';

/**
 * Below this many events per year in a block, annual sums are collected by following the events
 * rather than by scanning every year of the block. The two list a risk's years in different
 * orders, which sets the order of the sum behind its mean, so this is part of what a seed means.
 */
export const SPARSE_EVENTS_PER_YEAR = 0.5;

/**
 * Simulates one risk over all years, block after block (each block from its own streams), and
 * appends its non-zero annual losses to the targets, resetting their counts first.
 */
export function simulateRisk(plan: RiskPlan, t: RiskTargets, s: BlockScratch): void {
  t.count = 0;
  t.residualCount = 0;
  s.riskId = plan.id;
  const blocks = Math.ceil(t.years / BLOCK_YEARS);
  for (let b = 0; b < blocks; b++) simulateRiskBlock(plan, t, b, s);
}

function simulateRiskBlock(plan: RiskPlan, t: RiskTargets, b: number, s: BlockScratch): void {
  const y0 = b * BLOCK_YEARS;
  const len = Math.min(BLOCK_YEARS, t.years - y0);
  const { seed } = t;
  const key = plan.key;
  const rng = s.rng;
  s.beginBlock();

  // 1. The years' factors and the events (their years; for a constant rate and lognormal
  // losses, the losses too, in the same pass).
  let n: number;
  let lossesDrawn = false;
  if (!Number.isNaN(plan.constantRate)) {
    // A Poisson count for the block and a uniform year for each event: Poisson counts per year.
    const events = s.eventRng.reseed(seed, key, b, STREAM.events);
    n = poisson(events, plan.constantRate * len);
    s.ensureEvents(n);
    if (plan.primary.logSigma >= 0) {
      rng.reseed(seed, key, b, STREAM.primaryLoss);
      s.uniformYearsAndLognormalPrimary(n, len, plan.primary.logMu, plan.primary.logSigma);
      lossesDrawn = true;
    } else s.uniformYears(n, len);
  } else {
    rng.reseed(seed, key, b, STREAM.frequency);
    if (plan.lef) plan.lef.fill(rng, s.rate, len, s.heap);
    else {
      plan.tef!.fill(rng, s.rate, len, s.heap);
      rng.reseed(seed, key, b, STREAM.vulnerability);
      plan.vulnerability!.fill(rng, s.vulnerability, len, s.heap);
      for (let y = 0; y < len; y++) s.rate[y] = s.rate[y]! * s.vulnerability[y]!;
    }
    rng.reseed(seed, key, b, STREAM.events);
    n = varyingRateEvents(rng, s.rate, len, s);
    s.ensureEvents(n);
  }
  if (plan.slef) {
    if (plan.slef.isConstant) s.slef.fill(plan.slef.value, 0, len);
    else plan.slef.fill(rng.reseed(seed, key, b, STREAM.secondaryFrequency), s.slef, len, s.heap);
  }

  // 2. Each event's losses.
  if (!lossesDrawn) {
    rng.reseed(seed, key, b, STREAM.primaryLoss);
    if (plan.primary.logSigma >= 0) s.lognormalPrimary(n, plan.primary.logMu, plan.primary.logSigma);
    else plan.primary.fill(rng, s.primary, n, s.heap);
  }
  if (plan.secondary) secondaryLosses(plan, plan.secondary, t.seed, b, n, s);

  // 3. Annual sums, each year's losses added in event order: non-zero years to the risk's values,
  // every year to the portfolio.
  const residualPortfolio = !plan.treated ? t.residualPortfolio : null;
  const losses = plan.secondary ? s.eventLoss : s.primary;
  s.scatterAdd(losses, n);
  const sparse = n < SPARSE_EVENTS_PER_YEAR * len;
  t.count = s.emit(sparse, n, len, t.values, t.count, y0, t.portfolio, residualPortfolio);

  if (plan.treated) simulateResidual(plan, t, b, len, n, sparse, s);
  // Insurance applies to what the company bears after treatments: the residual losses of a
  // treated risk (inherent events, removed ones at zero, then the extra ones), else the inherent.
  if (t.insurance) insureBlock(plan, t.insurance, y0, s.eventYear, plan.treated ? s.residual : losses, n, s);
}

/**
 * Draws which events bring secondary loss (a chance below the year's SLEF) and how much, each
 * from its own stream; totals each event's loss.
 */
function secondaryLosses(plan: RiskPlan, secondary: Sampler, seed: number, b: number, n: number, s: BlockScratch): void {
  const rng = s.rng;
  const ev = s.eventYear;
  const chance = s.chance;
  const slef = s.slef;
  const sec = s.secondary;
  fillChances(rng.reseed(seed, plan.key, b, STREAM.secondaryOccurrence), chance, n);
  let m = 0;
  for (let i = 0; i < n; i++) if (chance[i]! < slef[ev[i]!]!) m++;
  secondary.fill(rng.reseed(seed, plan.key, b, STREAM.secondaryLoss), s.eventTmp, m, s.heap);
  m = 0;
  for (let i = 0; i < n; i++) sec[i] = chance[i]! < slef[ev[i]!]! ? s.eventTmp[m++]! : 0;
  const pri = s.primary;
  const total = s.eventLoss;
  for (let i = 0; i < n; i++) total[i] = pri[i]! + sec[i]!;
}

/**
 * Events when year y has rate[y]: year y takes the next rate[y] units of a unit-rate process,
 * the gaps `rng.exponential()` draws. The asm.js loop (asm.ts varyingEvents) writes them while
 * they fit the heap's event array, the year's rates copied beside it; past that, and for a
 * generator that is not the heap's own, {@link varyingRateEventsFrom} goes on from where it
 * stopped, with the same draws.
 */
function varyingRateEvents(rng: Rng, rate: Float64Array, len: number, s: BlockScratch): number {
  const t = rng.exponential();
  const h = s.heap;
  if (!s.eventsInHeap || rng !== s.rng || len > h.draws.length) return varyingRateEventsFrom(rng, rate, len, s, 0, t, 0);
  h.draws.set(rate.subarray(0, len));
  const n = h.kernel.varyingEvents(h.at(h.draws), len, h.at(s.eventYear), 0, s.eventYear.length, 0, t);
  const { year, position } = h.stoppedAt();
  return year >= len ? n : varyingRateEventsFrom(rng, rate, len, s, year, position, n);
}

/**
 * {@link varyingRateEvents} from year `y0`, with `n` events written and the next at `t`; the
 * exponential gaps with the generator in local variables (the ziggurat's rare misses hand the
 * state back to `exponentialSlow`): the same draws as `rng.exponential()`, faster.
 */
function varyingRateEventsFrom(rng: Rng, rate: Float64Array, len: number, s: BlockScratch, y0: number, t: number, n: number): number {
  const zk = ZE_K;
  const zw = ZE_W;
  const st = rng.s;
  let s0 = st[0]!;
  let s1 = st[1]!;
  let s2 = st[2]!;
  let s3 = st[3]!;
  let ev = s.eventYear;
  for (let y = y0; y < len; y++) {
    const r = rate[y]!;
    while (t < r) {
      if (n === ev.length) {
        s.ensureEvents(n + 1);
        ev = s.eventYear;
      }
      ev[n++] = y;
      // XOSHIRO STEP (same as Rng.next), then the exponential ziggurat's core
      const o = Math.imul((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25), 9);
      const tt = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= tt;
      s3 = (s3 << 11) | (s3 >>> 21);
      const j = o >>> 8;
      if (j < zk[o & 255]!) t += j * zw[o & 255]!;
      else {
        st[0] = s0;
        st[1] = s1;
        st[2] = s2;
        st[3] = s3;
        t += exponentialSlow(rng, o);
        s0 = st[0]!;
        s1 = st[1]!;
        s2 = st[2]!;
        s3 = st[3]!;
      }
    }
    t -= r;
  }
  st[0] = s0;
  st[1] = s1;
  st[2] = s2;
  st[3] = s3;
  return n;
}

/** Fills out[0..n) with 32-bit uniforms in [0, 1), for yes/no draws. */
function fillChances(rng: Rng, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = (rng.next() >>> 0) * TWO_POW_M32;
}

// --- Treatments: the residual losses of a treated risk beside its inherent ones, on common
// random numbers. The inherent events and draws stay as they are; each treatment's multipliers
// on each factor come from a stream of their own (keyed by the risk's id, the treatment's id and
// the factor). Residual events are the inherent events thinned with the ratio of residual to
// inherent rate (a stream of the risk's own, used only where treatments change the rate), so
// with multipliers ≤ 1 each year's residual loss is at most its inherent loss (term by term, in
// the same order of addition), and a treatment of constant 1 gives the inherent losses exactly;
// multipliers above 1 add events of an independent Poisson process for the excess rate.

/**
 * out[0..n) = the product of each multiplier's draws (out starts at 1), each multiplier drawing
 * from its own stream for the block.
 */
function fillProduct(multipliers: readonly Multiplier[], rng: Rng, seed: number, key: StreamKey, b: number, out: Float64Array, tmp: Float64Array, n: number, fast: FastDraws): void {
  out.fill(1, 0, n);
  for (const m of multipliers) {
    const sampler = m.sampler;
    if (sampler.isConstant) {
      const v = sampler.value;
      for (let i = 0; i < n; i++) out[i] = out[i]! * v;
    } else {
      sampler.fill(rng.reseed(seed, key, b, m.purpose, m.treatment), tmp, n, fast);
      for (let i = 0; i < n; i++) out[i] = out[i]! * tmp[i]!;
    }
  }
}

/**
 * The residual annual losses of a treated risk over block b, from the inherent events left in
 * the scratch (years, whole losses, secondary losses and their chance draws); leaves each
 * inherent event's residual loss in `s.residual` (zero when removed) and the extra events in the
 * scratch's extra list.
 */
function simulateResidual(plan: RiskPlan, t: RiskTargets, b: number, len: number, n: number, sparse: boolean, s: BlockScratch): void {
  const y0 = b * BLOCK_YEARS;
  const rng = s.trng;
  const { seed } = t;
  const key = plan.key;
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
    fillProduct(plan.rateMultipliers, rng, seed, key, b, ratio, s.yearTmp, len, s.heap);
    if (plan.vulnerabilityMultipliers.length > 0) {
      fillProduct(plan.vulnerabilityMultipliers, rng, seed, key, b, s.residualYear, s.yearTmp, len, s.heap);
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
    fillProduct(plan.slefMultipliers, rng, seed, key, b, slefRes, s.yearTmp, len, s.heap);
    for (let y = 0; y < len; y++) slefRes[y] = Math.min(1, s.slef[y]! * slefRes[y]!);
  }

  // Per inherent event: its residual loss (each term no larger than the inherent one when the
  // multipliers are ≤ 1), then whether the event is kept at all.
  const res = s.residual;
  const pri = s.primary;
  if (plan.primaryMultipliers.length > 0) {
    fillProduct(plan.primaryMultipliers, rng, seed, key, b, res, s.eventTmp, n, s.heap);
    for (let i = 0; i < n; i++) res[i] = pri[i]! * res[i]!;
  } else {
    res.set(pri.subarray(0, n));
  }
  if (plan.secondary) {
    const mult = s.eventMult;
    fillProduct(plan.secondaryMultipliers, rng, seed, key, b, mult, s.eventTmp, n, s.heap);
    // An event with secondary loss inherently keeps its amount; one that gains it only because
    // treatments raise the frequency draws its own, from a stream of its own.
    rng.reseed(seed, key, b, STREAM.residualSecondary);
    for (let i = 0; i < n; i++) {
      const y = ev[i]!;
      const c = s.chance[i]!;
      if (c < slefRes[y]!) {
        const amount = c < s.slef[y]! ? s.secondary[i]! : plan.secondary.draw(rng);
        res[i] = res[i]! + amount * mult[i]!;
      }
    }
  }
  if (hasRateEffect) {
    rng.reseed(seed, key, b, STREAM.residualThinning);
    for (let i = 0; i < n; i++) {
      if ((rng.next() >>> 0) * TWO_POW_M32 >= ratio[ev[i]!]!) res[i] = 0;
    }
  }

  // Annual sums (inherent events in order, then any extra events), listed in the same order as
  // the inherent ones so that the residual mean is summed in the same order.
  s.scatterAdd(res, n);
  if (anyExtra) {
    addExtraEvents(plan, rng.reseed(seed, key, b, STREAM.residualExtraEvents), extra, slefRes, len, s);
    s.scatterExtra();
    sparse = false; // extra events may fall in years without inherent events
  }
  t.residualCount = s.emit(sparse, n, len, t.residualValues, t.residualCount, y0, t.residualPortfolio!, null);
}

/** The events of the excess rate where treatments multiply the rate by more than 1, into the scratch's extra list. */
function addExtraEvents(plan: RiskPlan, rng: Rng, extra: Float64Array, slefRes: Float64Array, len: number, s: BlockScratch): void {
  let t = rng.exponential();
  for (let y = 0; y < len; y++) {
    const r = extra[y]!;
    while (t < r) {
      let loss = plan.primary.draw(rng);
      for (const m of plan.primaryMultipliers) loss *= m.sampler.draw(rng);
      if (plan.secondary && rng.chance() < slefRes[y]!) {
        let sec = plan.secondary.draw(rng);
        for (const m of plan.secondaryMultipliers) sec *= m.sampler.draw(rng);
        loss += sec;
      }
      s.addExtraEvent(y, loss);
      t += rng.exponential();
    }
    t -= r;
  }
}
