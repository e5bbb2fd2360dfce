/**
 * Treatments: the residual losses of a treated risk beside its inherent ones, on common random
 * numbers. The inherent events and draws stay as they are (kernel.ts); each treatment's
 * multipliers on each factor come from a stream of their own (keyed by the risk's id, the
 * treatment's id and the factor). Residual events are the inherent events thinned with the
 * ratio of residual to inherent rate (a stream of the risk's own, used only where treatments
 * change the rate), so with multipliers ≤ 1 each year's residual loss is at most its inherent
 * loss (term by term, in the same order of addition), and a treatment of constant 1 gives the
 * inherent losses exactly; multipliers above 1 add events of an independent Poisson process
 * for the excess rate.
 */
import type { Multiplier, RiskPlan } from './plan.js';
import { STREAM, TWO_POW_M32, type Rng, type StreamKey } from './rng.js';
import { BLOCK_YEARS, type BlockScratch, type RiskTargets } from './scratch.js';

/**
 * out[0..n) = the product of each multiplier's draws (out starts at 1), each multiplier drawing
 * from its own stream for the block.
 */
function fillProduct(multipliers: readonly Multiplier[], rng: Rng, seed: number, key: StreamKey, b: number, out: Float64Array, tmp: Float64Array, n: number): void {
  out.fill(1, 0, n);
  for (const m of multipliers) {
    const sampler = m.sampler;
    if (sampler.isConstant) {
      const v = sampler.value;
      for (let i = 0; i < n; i++) out[i] = out[i]! * v;
    } else {
      sampler.fill(rng.reseed(seed, key, b, m.purpose, m.treatment), tmp, n);
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
export function simulateResidual(plan: RiskPlan, t: RiskTargets, b: number, len: number, n: number, sparse: boolean, s: BlockScratch): void {
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
    fillProduct(plan.rateMultipliers, rng, seed, key, b, ratio, s.yearTmp, len);
    if (plan.vulnerabilityMultipliers.length > 0) {
      fillProduct(plan.vulnerabilityMultipliers, rng, seed, key, b, s.residualYear, s.yearTmp, len);
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
    fillProduct(plan.slefMultipliers, rng, seed, key, b, slefRes, s.yearTmp, len);
    for (let y = 0; y < len; y++) slefRes[y] = Math.min(1, s.slef[y]! * slefRes[y]!);
  }

  // Per inherent event: its residual loss (each term no larger than the inherent one when the
  // multipliers are ≤ 1), then whether the event is kept at all.
  const res = s.residual;
  const pri = s.primary;
  if (plan.primaryMultipliers.length > 0) {
    fillProduct(plan.primaryMultipliers, rng, seed, key, b, res, s.eventTmp, n);
    for (let i = 0; i < n; i++) res[i] = pri[i]! * res[i]!;
  } else {
    res.set(pri.subarray(0, n));
  }
  if (plan.secondary) {
    const mult = s.eventMult;
    fillProduct(plan.secondaryMultipliers, rng, seed, key, b, mult, s.eventTmp, n);
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
