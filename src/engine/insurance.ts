/**
 * Insurance (contract version 2), event by event. For a loss event of loss L (after
 * treatments), policy p recovers r_p = min(max(L − deductible_p, 0), limit_p); where several
 * policies cover the event, the event's recovery is min(Σ r_p, L), shared in proportion to the
 * r_p. Per risk and block, the recoveries of each policy and the loss the company keeps are
 * added up per year and then into the group's yearly partial sums; the aggregate limits, which
 * act on a policy's year over every risk it covers, are applied when the partials are added up
 * (run.ts). No random numbers are drawn here, so insurance never changes any other result.
 */
import type { PolicyPlan, RiskPlan } from './plan.js';
import type { BlockScratch, InsuranceScratch, InsuranceTargets } from './scratch.js';

/**
 * Applies the block's events to the policies that cover the risk: `n` events in `years` and
 * `losses` (the losses the company bears before insurance; zero for an event that treatments
 * removed), then the extra events in the scratch. Adds each year's sums to the targets.
 */
export function insureBlock(plan: RiskPlan, t: InsuranceTargets, y0: number, years: Int32Array, losses: Float64Array, n: number, s: BlockScratch): void {
  const ins = s.insurance(t.policies.length);
  const cover = plan.policies.map((p) => t.policies[p]!);
  applyEvents(cover, plan.policies, years, losses, n, ins);
  applyEvents(cover, plan.policies, s.extraYear, s.extraLoss, s.extraCount, ins);
  flush(years, n, y0, plan.policies, ins, t);
  flush(s.extraYear, s.extraCount, y0, plan.policies, ins, t);
}

function applyEvents(cover: PolicyPlan[], indices: number[], years: Int32Array, losses: Float64Array, n: number, ins: InsuranceScratch): void {
  const retained = ins.retained;
  if (cover.length === 0) {
    for (let i = 0; i < n; i++) {
      const y = years[i]!;
      retained[y] = retained[y]! + losses[i]!;
    }
    return;
  }
  if (cover.length === 1) {
    // One policy never recovers more than the loss: the deductible is not negative.
    const { deductible, limit } = cover[0]!;
    const recovered = ins.recovered[indices[0]!]!;
    for (let i = 0; i < n; i++) {
      const loss = losses[i]!;
      if (!(loss > 0)) continue;
      const y = years[i]!;
      const r = Math.min(Math.max(loss - deductible, 0), limit);
      retained[y] = retained[y]! + (loss - r);
      recovered[y] = recovered[y]! + r;
    }
    return;
  }
  const share = ins.share;
  const m = cover.length;
  for (let i = 0; i < n; i++) {
    const loss = losses[i]!;
    if (!(loss > 0)) continue;
    const y = years[i]!;
    let total = 0;
    for (let j = 0; j < m; j++) {
      const p = cover[j]!;
      const r = Math.min(Math.max(loss - p.deductible, 0), p.limit);
      share[j] = r;
      total += r;
    }
    // Together at most the loss, shared in proportion to what each policy would pay.
    const scale = total > loss ? loss / total : 1;
    retained[y] = retained[y]! + (loss - Math.min(total, loss));
    for (let j = 0; j < m; j++) {
      const recovered = ins.recovered[indices[j]!]!;
      recovered[y] = recovered[y]! + (scale === 1 ? share[j]! : share[j]! * scale);
    }
  }
}

/** Adds the yearly sums of the events' years to the targets and clears them. */
function flush(years: Int32Array, n: number, y0: number, indices: number[], ins: InsuranceScratch, t: InsuranceTargets): void {
  const retained = ins.retained;
  const target = t.retained;
  for (let i = 0; i < n; i++) {
    const y = years[i]!;
    const v = retained[y]!;
    if (v !== 0) {
      target[y0 + y] = target[y0 + y]! + v;
      retained[y] = 0;
    }
  }
  for (const p of indices) {
    const recovered = ins.recovered[p]!;
    const into = t.recovered[p]!;
    for (let i = 0; i < n; i++) {
      const y = years[i]!;
      const v = recovered[y]!;
      if (v !== 0) {
        into[y0 + y] = into[y0 + y]! + v;
        recovered[y] = 0;
      }
    }
  }
}
