/**
 * What the board pack adds to an appetite verdict: the basis it was checked on, and a plain
 * warning when the simulated years cannot settle it (a point within 1.96 standard errors of its
 * limit, src/shared/risks/verdict.ts); where the pack stands against appetite, and the verdict
 * as the sentence the summary and the risk section print.
 */
import { CONFIDENCE_Z, verdictOf } from '../../../shared/risks/verdict.js';
import type { PackWords } from '../i18n/index.js';
import type { AppetiteState } from '../schema.js';
import type { RiskSource, Source } from '../sources.js';

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

/** Where the register stands against appetite: within, above, none set, or not yet known. */
export function appetiteState(risk: Source<RiskSource>): AppetiteState {
  if (!risk.ok) return 'unknown';
  const a = risk.value.appetite;
  if (!a.defined) return 'not-set';
  if (a.breached === null) return 'unknown';
  return a.breached ? 'above' : 'within';
}

export const APPETITE_WORDS: Record<AppetiteState, string> = { within: 'Within appetite', above: 'Above appetite', 'not-set': 'No appetite set', unknown: 'Not yet known' };

/** The appetite verdict as one sentence, with its basis and any warning that it is too close to call. */
export function appetiteSentence(words: PackWords, risk: Source<RiskSource>, currency: string): string {
  const state = appetiteState(risk);
  if (!risk.ok) return risk.reason;
  const a = risk.value.appetite;
  if (state === 'not-set') return words.t('appetite.notSet');
  if (state === 'unknown') return words.t('appetite.unknown');
  const breached = a.checks.filter((c) => c.breached).sort((x, y) => y.probability / Math.max(y.limit, 1e-12) - x.probability / Math.max(x.limit, 1e-12))[0];
  const unsettled = unsettledNote(words, risk.value, currency);
  const basis = basisWords(words, risk.value);
  const verdict =
    state === 'above' && breached
      ? words.t('appetite.above', { basis, loss: words.roughly(breached.loss, currency), chance: words.pct(breached.probability), limit: words.pct(breached.limit) })
      : a.statement
        ? words.t('appetite.withinStatement', { basis, statement: a.statement.trim() })
        : words.t('appetite.within', { basis });
  return `${verdict}${unsettled ? ` ${unsettled}` : ''}`;
}
