/**
 * A plain reading of rare, large risks. A risk that loses something in fewer than one year in
 * ten has a 1-in-10-year loss (P90) of $0, which tells a board nothing; what it needs is how
 * often a loss comes and how large it is when it does: "a loss in 7 % of years; when it happens,
 * typically $2.1M (1 in 20 such years: $4.0M)". The figures given a loss are quantiles of the
 * simulated annual losses above zero, read off the loss exceedance curve: P(L > x | L > 0) =
 * P(L > x) / P(L > 0).
 */
import type { LecPoint } from '../../engine/index.js';
import { numberFormat } from '../money.js';

/** The annual loss in the years that have one: its median and its 95th percentile. */
export interface WhenLoss {
  median: number;
  p95: number;
}

/**
 * The loss x the curve exceeds with probability `target`, interpolated linearly in the
 * logarithm of the loss between the curve's points (which are spaced logarithmically).
 */
function lossExceededWith(lec: readonly LecPoint[], target: number): number {
  const first = lec[0]!;
  if (target >= first.probability) return first.loss;
  for (let i = 1; i < lec.length; i++) {
    const a = lec[i - 1]!;
    const b = lec[i]!;
    if (b.probability <= target) {
      if (a.probability === b.probability || a.loss <= 0) return b.loss;
      const f = (a.probability - target) / (a.probability - b.probability);
      return Math.exp(Math.log(a.loss) + f * (Math.log(b.loss) - Math.log(a.loss)));
    }
  }
  return lec[lec.length - 1]!.loss;
}

/** The median and 95th percentile of the annual loss in years with a loss; null without losses. */
export function whenLoss(lec: readonly LecPoint[], probabilityOfLoss: number): WhenLoss | null {
  if (probabilityOfLoss <= 0 || lec.length === 0) return null;
  return { median: lossExceededWith(lec, 0.5 * probabilityOfLoss), p95: lossExceededWith(lec, 0.05 * probabilityOfLoss) };
}

/** Whether a risk's P90 says nothing: it loses in fewer than one year in ten, so its P90 is $0. */
export function isRare(s: { p90: number; probabilityOfLoss: number }): boolean {
  return s.p90 === 0 && s.probabilityOfLoss > 0;
}

/** "$2.1M", "$850K", "$4.0M": two significant figures, as a board reads them. */
export function compactMoney(amount: number, currency: string): string {
  return numberFormat({ style: 'currency', currency, notation: 'compact', minimumSignificantDigits: 2, maximumSignificantDigits: 2 }).format(amount).replace(/\u00a0/g, ' ');
}

function share(p: number): string {
  const v = 100 * p;
  return v >= 1 ? `${Math.round(v)} %` : `${v.toFixed(v >= 0.1 ? 1 : 2)} %`;
}

/**
 * "a loss in 7 % of years; when it happens, typically $2.1M (1 in 20 such years: $4.0M)", or
 * null when the risk has no loss or its figures given a loss are not known.
 */
export function rareReading(s: { probabilityOfLoss: number; whenLoss: WhenLoss | null }, currency: string, money: (x: number, c: string) => string = compactMoney): string | null {
  if (s.probabilityOfLoss <= 0 || !s.whenLoss) return null;
  return `a loss in ${share(s.probabilityOfLoss)} of years; when it happens, typically ${money(s.whenLoss.median, currency)} (1 in 20 such years: ${money(s.whenLoss.p95, currency)})`;
}
