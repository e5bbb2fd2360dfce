/**
 * The board pack's words for a rare, large risk: where its 1-in-10-year loss would read $0,
 * how often it loses and how much when it does (src/shared/risks/rare.ts).
 */
import { isRare, rareReading } from '../../../shared/risks/rare.js';
import { numberFormat } from '../../../shared/money.js';
import type { PackWords } from '../i18n/index.js';
import type { TopRisk } from '../sources.js';

/** src/shared/risks/rare.ts's reading ("a loss in 7 % of years; ...") in the pack's language. */
function reading(words: PackWords, r: TopRisk, currency: string): string | null {
  if (words.language === 'en') return rareReading(r, currency);
  if (r.probabilityOfLoss <= 0 || !r.whenLoss) return null;
  const v = 100 * r.probabilityOfLoss;
  const compact = (x: number): string => numberFormat({ style: 'currency', currency, notation: 'compact', minimumSignificantDigits: 2, maximumSignificantDigits: 2 }, words.locale).format(x).replace(/\u00a0/g, ' ');
  const share = `${v >= 1 ? words.count(Math.round(v)) : words.fixed(v, v >= 0.1 ? 1 : 2)} %`;
  return words.t('summary.rareReading', { share, median: compact(r.whenLoss.median), p95: compact(r.whenLoss.p95) });
}

/** The "1 year in 10" cell: the amount, or for a rare risk the plain reading instead of $0. */
export function p90Cell(words: PackWords, r: TopRisk, currency: string): string {
  const text = isRare(r) ? reading(words, r, currency) : null;
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : words.money(r.p90, currency);
}

/** For the summary's sentence on a large risk that costs nothing in most years. */
export function rareClause(words: PackWords, r: TopRisk, currency: string): string {
  const text = reading(words, r, currency);
  return text ? words.t('summary.rare', { reading: text }) : words.t('summary.rareUnknown');
}
