/**
 * What the board pack adds to an appetite verdict: the basis it was checked on, and a plain
 * warning when the simulated years cannot settle it (a point within 1.96 standard errors of its
 * limit, src/shared/risks/verdict.ts).
 */
import { unsettledSentence, verdictOf } from '../../../shared/risks/verdict.js';
import type { RiskSource } from '../sources.js';
import { money } from '../text.js';

/** One sentence when the verdict is too close to call, else null. */
export function unsettledNote(r: RiskSource, currency: string): string | null {
  const a = r.appetite;
  if (!a.defined || a.settled !== false || a.checks.length === 0) return null;
  const v = verdictOf(a.checks, r.years ?? 0);
  const why = unsettledSentence(v, r.years ?? 0, (x) => money(x, currency));
  return `Too close to call: ${why ? why.charAt(0).toLowerCase() + why.slice(1) : 'the simulated years cannot settle it.'} Simulating more years, or an advisor's review of the inputs, would settle it.`;
}

/** "after insurance" / "after the treatments in place and planned" / "" (inherent). */
export function basisWords(r: RiskSource): string {
  return r.appetite.basis === 'retained' ? ' (the loss the company keeps after insurance)' : r.appetite.basis === 'residual' ? ' (with the treatments in place and planned)' : '';
}
