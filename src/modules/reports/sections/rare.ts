/**
 * The board pack's words for a rare, large risk: where its 1-in-10-year loss would read $0,
 * how often it loses and how much when it does (src/shared/risks/rare.ts).
 */
import { isRare, rareReading } from '../../../shared/risks/rare.js';
import type { TopRisk } from '../sources.js';
import { money } from '../text.js';

/** The "1 year in 10" cell: the amount, or for a rare risk the plain reading instead of $0. */
export function p90Cell(r: TopRisk, currency: string): string {
  const reading = isRare(r) ? rareReading(r, currency) : null;
  return reading ? `${reading.charAt(0).toUpperCase()}${reading.slice(1)}` : money(r.p90, currency);
}

/** For the summary's sentence on a large risk that costs nothing in most years. */
export function rareClause(r: TopRisk, currency: string): string {
  const reading = rareReading(r, currency);
  return reading ? `though in most years it costs nothing: ${reading}` : 'though in most years it costs nothing: it is rare but costly when it happens';
}
