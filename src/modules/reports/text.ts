/** Words and numbers as the reports print them: money in the client's currency, dates, shares. */
import { formatMoney, numberFormat } from '../../shared/money.js';
import { reportDate } from '../../shared/reports/words.js';
import { hasGlyph } from './render/fonts.js';

/**
 * Characters the PDF's embedded fonts can show (Noto Sans: Latin, Greek, Cyrillic and common
 * signs). Anything else is spelled out or replaced, so nothing prints as a blank box.
 */
const SPELLED: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '−': '-', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '✓': 'yes', '×': 'x', '≈': '~' };

export function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c === 0x0a || (c >= 0x20 && c !== 0x7f && !(c >= 0x80 && c < 0xa0) && hasGlyph(c));
}

/** Text the PDF fonts can print: unknown characters spelled out or replaced by '?'. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isPrintable(ch)) out += ch;
    else if (ch === '\t' || ch === '\r') out += ' ';
    else out += SPELLED[ch] ?? '?';
  }
  return out;
}

/** The number formats' locale of a pack's language (en-US for English). */
export type NumberLocale = 'en-US' | 'de-DE';

/**
 * Money in the client's currency, whole units: `$1,234,567` (`1.234.567 $` in German). A
 * currency whose symbol the PDF fonts cannot print is written with its code (`INR 1,234`), the
 * same in every format.
 */
export function money(amount: number, currency: string, options: { compact?: boolean; locale?: NumberLocale } = {}): string {
  const text = formatMoney(amount, currency, options);
  if ([...text].every(isPrintable)) return text.replace(/\u00a0/g, ' ');
  return numberFormat(
    {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      maximumFractionDigits: options.compact ? 1 : 0,
      minimumFractionDigits: 0,
      notation: options.compact ? 'compact' : 'standard',
    },
    options.locale,
  )
    .format(amount)
    .replace(/\u00a0/g, ' ');
}

/** `$303K`, `$1.1M`, `$9.25M` for sentences (three significant digits); small amounts in full. */
export function roughly(amount: number, currency: string, locale: NumberLocale = 'en-US'): string {
  if (Math.abs(amount) < 10_000) return money(amount, currency, { locale });
  const format = (display: 'symbol' | 'code'): string =>
    numberFormat({ style: 'currency', currency, currencyDisplay: display, notation: 'compact', maximumSignificantDigits: 3 }, locale).format(amount).replace(/\u00a0/g, ' ');
  const text = format('symbol');
  return [...text].every(isPrintable) ? text : format('code');
}

/** A probability as a percentage: `14%`, `0.5%` (`14 %`, `0,5 %` in German). */
export function pct(p: number, locale: NumberLocale = 'en-US'): string {
  const v = p * 100;
  if (locale !== 'en-US') return numberFormat({ style: 'percent', maximumFractionDigits: v !== 0 && v < 1 ? 1 : 0, minimumFractionDigits: v !== 0 && v < 1 ? 1 : 0 }, locale).format(v < 1 ? p : Math.round(v) / 100).replace(/\u00a0/g, ' ');
  if (v === 0) return '0%';
  if (v < 1) return `${v.toFixed(1)}%`;
  return `${Math.round(v)}%`;
}

/** A change in percent with its sign: `+12%`, `-3%`. */
export function signedPct(x: number, locale: NumberLocale = 'en-US'): string {
  const v = Math.round(x);
  if (locale !== 'en-US') return numberFormat({ style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }, locale).format(v / 100).replace(/\u00a0/g, ' ');
  return `${v > 0 ? '+' : ''}${v}%`;
}

/** `26 Nov 2026` from `2026-11-26` or a timestamp. */
export const date = reportDate;

export { plural } from '../../shared/plural.js';

export function count(n: number, locale: NumberLocale = 'en-US'): string {
  return numberFormat({}, locale).format(n);
}

/** "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Capitalises the first letter. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The line that prints an issued pack's anchor of the audit trail. */
export function auditTrailLine(trail: { entries: number; headHash: string }): string {
  return `Audit trail when issued: ${count(trail.entries)} entries; the last entry's hash is ${trail.headHash}. \`triad audit verify\` checks the trail against this.`;
}
