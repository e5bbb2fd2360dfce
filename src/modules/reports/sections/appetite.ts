/**
 * What the board pack adds to an appetite verdict: the basis it was checked on, and a plain
 * warning when the simulated years cannot settle it (a point within 1.96 standard errors of its
 * limit, src/shared/risks/verdict.ts).
 */
import { CONFIDENCE_Z, verdictOf } from '../../../shared/risks/verdict.js';
import type { PackWords } from '../i18n/index.js';
import type { RiskSource } from '../sources.js';

/**
 * One sentence when the verdict is too close to call, else null. The reading of the verdict is
 * src/shared/risks/verdict.ts's `unsettledSentence`, in the pack's language.
 */
export function unsettledNote(words: PackWords, r: RiskSource, currency: string): string | null {
  const a = r.appetite;
  if (!a.defined || a.settled !== false || a.checks.length === 0) return null;
  const years = r.years ?? 0;
  const v = verdictOf(a.checks, years);
  const d = !v.settled ? v.deciding : null;
  const why = d
    ? words.t('appetite.unsettledWhy', { years: words.count(years), loss: words.money(d.loss, currency), chance: words.share(d.probability), error: words.share(CONFIDENCE_Z * d.stdError), limit: words.share(d.limit) })
    : null;
  return words.t('appetite.unsettled', { why: why ? why.charAt(0).toLowerCase() + why.slice(1) : words.t('appetite.unsettledNoWhy') });
}

/** " (after insurance)" / " (with the treatments in place and planned)" / "" (inherent). */
export function basisWords(words: PackWords, r: RiskSource): string {
  return r.appetite.basis === 'retained' ? words.t('appetite.basisRetained') : r.appetite.basis === 'residual' ? words.t('appetite.basisResidual') : '';
}
