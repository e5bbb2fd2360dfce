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
 * The loops run in the asm.js module below (insureEvents); the JavaScript one serves events
 * outside the heap (a block with more events than it holds, and the extra events of treatments)
 * with the same arithmetic in the same order, so the same numbers.
 */
/* eslint-disable no-var -- asm.js allows only `var` declarations */
import type { AsmStdlib } from './asm.js';

/**
 * Where a risk's insured years go: the group's yearly sums (a view into the heap, before
 * aggregate limits), interleaved `width` doubles a year: the loss the company keeps, then each
 * policy's recoveries.
 */
export interface InsuranceTargets {
  sums: Float64Array;
  width: number;
}

/** What insurance uses of a thread's heap (heap.ts): the policies' terms and scratch, the loops. */
export interface InsuranceHeap {
  readonly insurance: InsuranceKernel;
  /** Deductible and limit of each policy; the covering policies of the risk at hand; per-event shares. */
  readonly policyParams: Float64Array;
  readonly cover: Int32Array;
  readonly share: Float64Array;
  at(view: Int32Array | Float64Array): number;
}

/** What insurance uses of a block's working memory (scratch.ts BlockScratch). */
export interface InsuredBlock {
  readonly heap: InsuranceHeap;
  /** Whether the block's per-event arrays are views into the heap. */
  readonly eventsInHeap: boolean;
  readonly extraYear: Int32Array;
  readonly extraLoss: Float64Array;
  readonly extraCount: number;
}

/**
 * Applies the block's events to the policies that cover the risk: `n` events in `years` and
 * `losses` (what the company bears before insurance; zero for an event that treatments
 * removed), then the extra events in the scratch. `y0` is the block's first year.
 */
export function insureBlock(plan: { policies: readonly number[] }, t: InsuranceTargets, y0: number, years: Int32Array, losses: Float64Array, n: number, s: InsuredBlock): void {
  const h = s.heap;
  const m = plan.policies.length;
  for (let j = 0; j < m; j++) h.cover[j] = plan.policies[j]!;
  if (s.eventsInHeap) h.insurance.insureEvents(h.at(years), h.at(losses), n, h.at(h.cover), m, h.at(h.policyParams), h.at(t.sums) + 8 * y0 * t.width, t.width, h.at(h.share));
  else insureEvents(h, m, years, losses, n, t, y0);
  insureEvents(h, m, s.extraYear, s.extraLoss, s.extraCount, t, y0);
}

/** The asm.js insureEvents, for events outside the heap. */
function insureEvents(h: InsuranceHeap, m: number, years: Int32Array, losses: Float64Array, n: number, t: InsuranceTargets, y0: number): void {
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

/**
 * The insurance loops as an asm.js module of their own, linked to the same heap as the
 * simulation kernel (asm.ts explains the dialect and why): the events of a block applied to the
 * policies, one series taken out of interleaved ones, and the aggregate limits. Offsets are in
 * bytes; counts in elements.
 */
export function insuranceKernel(stdlib: AsmStdlib, _foreign: unknown, heap: ArrayBuffer) {
  'use asm';
  var imul = stdlib.Math.imul;
  var I32 = new stdlib.Int32Array(heap);
  var F64 = new stdlib.Float64Array(heap);

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

  return {
    insureEvents: insureEvents,
    strided: strided,
    capRecoveries: capRecoveries,
  };
}

export type InsuranceKernel = ReturnType<typeof insuranceKernel>;
