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
 * treatment's multiplier on each factor (residual.ts). A risk's results therefore depend on
 * nothing but its own inputs, and a draw of one purpose on nothing but that purpose's inputs.
 */
import type { Sampler } from './distributions.js';
import { insureBlock } from './insurance.js';
import type { RiskPlan } from './plan.js';
import { simulateResidual } from './residual.js';
import { STREAM, TWO_POW_M32, poisson, type Rng } from './rng.js';
import { BLOCK_YEARS, type BlockScratch, type RiskTargets } from './scratch.js';

export { BLOCK_YEARS, BlockScratch, type RiskTargets } from './scratch.js';
export { compileRisk, expectedMean, expectedRate, type RiskPlan } from './plan.js';

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
    if (plan.lef) plan.lef.fill(rng, s.rate, len);
    else {
      plan.tef!.fill(rng, s.rate, len);
      rng.reseed(seed, key, b, STREAM.vulnerability);
      plan.vulnerability!.fill(rng, s.vulnerability, len);
      for (let y = 0; y < len; y++) s.rate[y] = s.rate[y]! * s.vulnerability[y]!;
    }
    rng.reseed(seed, key, b, STREAM.events);
    n = varyingRateEvents(rng, s.rate, len, s);
    s.ensureEvents(n);
  }
  if (plan.slef) {
    if (plan.slef.isConstant) s.slef.fill(plan.slef.value, 0, len);
    else plan.slef.fill(rng.reseed(seed, key, b, STREAM.secondaryFrequency), s.slef, len);
  }

  // 2. Each event's losses.
  if (!lossesDrawn) {
    rng.reseed(seed, key, b, STREAM.primaryLoss);
    if (plan.primary.logSigma >= 0) s.lognormalPrimary(n, plan.primary.logMu, plan.primary.logSigma);
    else plan.primary.fill(rng, s.primary, n);
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
  secondary.fill(rng.reseed(seed, plan.key, b, STREAM.secondaryLoss), s.eventTmp, m);
  m = 0;
  for (let i = 0; i < n; i++) sec[i] = chance[i]! < slef[ev[i]!]! ? s.eventTmp[m++]! : 0;
  const pri = s.primary;
  const total = s.eventLoss;
  for (let i = 0; i < n; i++) total[i] = pri[i]! + sec[i]!;
}

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
