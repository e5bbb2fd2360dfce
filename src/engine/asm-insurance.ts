/* eslint-disable no-var -- asm.js allows only `var` declarations */
/**
 * The insurance loops as an asm.js module of their own, linked to the same heap as the
 * simulation kernel (asm.ts, which explains the dialect and why): the events of a block applied
 * to the policies, one series taken out of interleaved ones, and the aggregate limits.
 */
import type { AsmStdlib } from './asm.js';

/** The asm.js module. Offsets are in bytes; counts in elements. */
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
