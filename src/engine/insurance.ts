/**
 * Insurance (contract version 2), event by event. For a loss event of loss L (after
 * treatments), policy p recovers r_p = min(max(L − deductible_p, 0), limit_p); where several
 * policies cover the event, the event's recovery is min(Σ r_p, L), shared in proportion to the
 * r_p. Each event's retained loss (L minus its recovery) and each policy's share go straight
 * into the group's yearly sums, in a fixed order (risks in order, events in order); the
 * aggregate limits, which act on a policy's year over every risk it covers, apply when the
 * groups' sums are added up (run.ts). No random numbers are drawn here, so insurance never
 * changes any other result.
 *
 * The loop runs in the asm.js module (asm.ts insureEvents); the JavaScript one here serves
 * events outside the heap (a block with more events than it holds, and the extra events of
 * treatments) with the same arithmetic in the same order, so the same numbers.
 */
import type { Heap } from './heap.js';
import type { RiskPlan } from './plan.js';
import type { BlockScratch, InsuranceTargets } from './scratch.js';

/**
 * Applies the block's events to the policies that cover the risk: `n` events in `years` and
 * `losses` (what the company bears before insurance; zero for an event that treatments
 * removed), then the extra events in the scratch. `y0` is the block's first year.
 */
export function insureBlock(plan: RiskPlan, t: InsuranceTargets, y0: number, years: Int32Array, losses: Float64Array, n: number, s: BlockScratch): void {
  const h = s.heap;
  const m = plan.policies.length;
  for (let j = 0; j < m; j++) h.cover[j] = plan.policies[j]!;
  if (s.eventsInHeap) h.insurance.insureEvents(h.at(years), h.at(losses), n, h.at(h.cover), m, h.at(h.policyParams), h.at(t.sums) + 8 * y0 * t.width, t.width, h.at(h.share));
  else insureEvents(h, m, years, losses, n, t, y0);
  insureEvents(h, m, s.extraYear, s.extraLoss, s.extraCount, t, y0);
}

/** asm.ts insureEvents, for events outside the heap. */
function insureEvents(h: Heap, m: number, years: Int32Array, losses: Float64Array, n: number, t: InsuranceTargets, y0: number): void {
  const { sums, width } = t;
  const params = h.policyParams;
  const cover = h.cover;
  const share = h.share;
  for (let i = 0; i < n; i++) {
    const loss = losses[i]!;
    const q = (y0 + years[i]!) * width;
    if (m === 0) {
      sums[q] = sums[q]! + loss;
      continue;
    }
    if (!(loss > 0)) continue;
    let total = 0;
    for (let j = 0; j < m; j++) {
      const k = cover[j]!;
      const r = Math.min(Math.max(loss - params[2 * k]!, 0), params[2 * k + 1]!);
      share[j] = r;
      total += r;
    }
    // Together at most the loss, shared in proportion to what each policy would pay. (A single
    // policy never pays more than the loss: the deductible is not negative.)
    const scale = total > loss ? loss / total : 1;
    sums[q] = sums[q]! + (loss - Math.min(total, loss));
    for (let j = 0; j < m; j++) {
      const at = q + 1 + cover[j]!;
      const r = share[j]!;
      sums[at] = sums[at]! + (scale === 1 ? r : r * scale);
    }
  }
}
