/**
 * How a file writes numbers and dates: the decimal mark (`1,234.50` or `1.234,50`) and the order
 * of day, month and year (`10.01.2022`, `01/10/2022`). Each import reads with one locale, given by
 * the person or guessed from the file's first rows; a guess that cannot tell day from month is
 * refused rather than taken, with the formats to choose from.
 */
import { isRealDate } from '../common.js';

export type DecimalMark = '.' | ',';
/** Day, month and year order of dates not written as YYYY-MM-DD. */
export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** The formats offered to the person, by order. */
export const DATE_FORMAT_LABELS: Record<DateOrder, string> = { DMY: 'DD/MM/YYYY (also DD.MM.YYYY)', MDY: 'MM/DD/YYYY', YMD: 'YYYY-MM-DD' };

export interface ReadLocale {
  decimal: DecimalMark;
  /** null: no date in the file needs an order (ISO dates only, or none). */
  dateOrder: DateOrder | null;
}

export const DEFAULT_LOCALE: ReadLocale = { decimal: '.', dateOrder: null };

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A number's forms with each decimal mark: grouped in threes by the other mark ("1,5" in a dot-decimal file is not 15), or plain. */
const NUMBER_FORMS: Record<DecimalMark, { grouped: RegExp; plain: RegExp }> = {
  '.': { grouped: /^\d{1,3}(,\d{3})+(\.\d+)?$/, plain: /^\d+(\.\d+)?$/ },
  ',': { grouped: /^\d{1,3}(\.\d{3})+(,\d+)?$/, plain: /^\d+(,\d+)?$/ },
};

/**
 * A number as the locale writes it: thousands grouped by the other mark, a space, a narrow
 * no-break space or an apostrophe (`1'234.50`); currency signs and codes around it are dropped.
 * Returns null when the text is not a number in this locale.
 */
export function readNumber(cell: string, decimal: DecimalMark): number | null {
  let s = cell
    .replace(/^[A-Z]{3}\s*/i, '')
    .replace(/\s*[A-Z]{3}$/i, '')
    .replace(/[$€£¥]/g, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const group = decimal === '.' ? ',' : '.';
  const { grouped, plain } = NUMBER_FORMS[decimal];
  if (grouped.test(s)) s = s.split(group).join('');
  else if (!plain.test(s)) return null;
  const n = Number(decimal === ',' ? s.replace(',', '.') : s);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}

/** Four-digit year of a two-digit one: 00-69 are 2000-2069, 70-99 are 1970-1999 (as POSIX %y). */
export function fullYear(yy: string): string {
  if (yy.length === 4) return yy;
  const n = Number(yy);
  return String(n < 70 ? 2000 + n : 1900 + n);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** Three numbers separated by `/`, `.` or `-`, an optional time after them. */
const PARTS = /^(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?:[T ,]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\.?$/i;

/** How a date cell could be read: its parts, and which orders it allows. */
function dateParts(cell: string): { a: string; b: string; c: string; sep: string } | null {
  const m = PARTS.exec(cell);
  return m ? { a: m[1]!, sep: m[2]!, b: m[3]!, c: m[4]! } : null;
}

/** Reads a date in the locale's order; YYYY-MM-DD is always accepted. */
export function readDate(cell: string, order: DateOrder | null): Parsed<string> {
  const iso = ISO.exec(cell);
  let y: string, m: string, d: string;
  if (iso) [y, m, d] = [iso[1]!, iso[2]!, iso[3]!];
  else {
    const p = dateParts(cell);
    if (!p) return { ok: false, reason: `"${cell}" is not a date (write YYYY-MM-DD, or choose the file's date format)` };
    if (p.a.length === 4) [y, m, d] = [p.a, p.b, p.c];
    else {
      if (!order) return { ok: false, reason: `"${cell}" could be read more than one way: choose the file's date format (${DATE_ORDERS.map((o) => DATE_FORMAT_LABELS[o]).join(', ')})` };
      if (order === 'YMD') return { ok: false, reason: `"${cell}" is not a date in the format ${DATE_FORMAT_LABELS.YMD}` };
      [d, m] = order === 'DMY' ? [p.a, p.b] : [p.b, p.a];
      y = fullYear(p.c);
      if (p.c.length === 3) return { ok: false, reason: `"${cell}" has a three-digit year` };
    }
  }
  const out = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!isRealDate(out)) return { ok: false, reason: order && !iso ? `"${cell}" is not a real date in the format ${DATE_FORMAT_LABELS[order]}` : `"${cell}" is not a real date` };
  return { ok: true, value: out };
}

/** What the first rows say about the file's locale. */
export class LocaleEvidence {
  private dmy = 0;
  private mdy = 0;
  private dotSeparated = 0;
  private ambiguous: string | null = null;
  private needsOrder = false;
  private comma = 0;
  private dot = 0;

  date(cell: string): void {
    if (ISO.test(cell)) return;
    const p = dateParts(cell);
    if (!p || p.a.length === 4) return;
    this.needsOrder = true;
    const a = Number(p.a);
    const b = Number(p.b);
    if (a > 12 && b <= 12) this.dmy += 1;
    else if (b > 12 && a <= 12) this.mdy += 1;
    else if (a !== b) this.ambiguous ??= cell;
    if (p.sep === '.') this.dotSeparated += 1;
  }

  number(cell: string): void {
    const s = cell.replace(/[^\d.,-]/g, '');
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) || /^-?\d+,\d{1,2}$/.test(s) || /^-?\d+,\d{4,}$/.test(s)) this.comma += 1;
    else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || /^-?\d+\.\d{1,2}$/.test(s) || /^-?\d+\.\d{4,}$/.test(s)) this.dot += 1;
  }

  /**
   * The locale the evidence points to, what was given winning over it; or why the date order
   * cannot be chosen (dates read both ways, or only dates that could be either).
   */
  decide(given: Partial<ReadLocale>, delimiter: string): { locale: ReadLocale; guessed: { decimal: boolean; dateOrder: boolean }; problem: string | null } {
    const decimal: DecimalMark = given.decimal ?? (this.comma > this.dot ? ',' : this.dot > this.comma ? '.' : delimiter === ';' ? ',' : '.');
    let dateOrder: DateOrder | null = given.dateOrder ?? null;
    let problem: string | null = null;
    if (!given.dateOrder && this.needsOrder) {
      const choices = DATE_ORDERS.filter((o) => o !== 'YMD').map((o) => DATE_FORMAT_LABELS[o]).join(' or ');
      if (this.dmy > 0 && this.mdy > 0) problem = `the dates are written both day first and month first; choose the file's date format (${choices})`;
      else if (this.dmy > 0 || this.dotSeparated > 0) dateOrder = 'DMY';
      else if (this.mdy > 0) dateOrder = 'MDY';
      else problem = `the dates are ambiguous: "${this.ambiguous ?? ''}" could be day first or month first; choose the file's date format (${choices})`;
    }
    return { locale: { decimal, dateOrder }, guessed: { decimal: given.decimal === undefined, dateOrder: given.dateOrder === undefined && dateOrder !== null }, problem };
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A value as read, in words for the dry run's sample: `10 January 2022`, `3342.6`, `yes`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(describeValue).join('; ');
  return typeof v === 'string' ? v : JSON.stringify(v);
}
