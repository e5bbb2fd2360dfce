/**
 * Cell parsers for CSV import: each takes a trimmed, non-empty cell and the file's locale, and
 * gives a typed value or the reason it is refused. They accept what spreadsheets and asset tools
 * write: `$1,234.50` or `1.234,50 €` (by the file's decimal mark), `2024-03-01 10:00:00`,
 * `10.01.2022` or `1/10/22` (by the file's date order), `Yes`, `Tier 1`.
 */
import { DEFAULT_LOCALE, readDate, readNumber, type ReadLocale } from './locale.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
/** `reads` tells the import which cells to look at when it guesses the file's locale. */
export type CellParser<T> = ((cell: string, locale?: ReadLocale) => Parsed<T>) & { reads?: 'date' | 'number' };

function reading<T>(reads: 'date' | 'number', fn: (cell: string, locale: ReadLocale) => Parsed<T>): CellParser<T> {
  return Object.assign((cell: string, locale?: ReadLocale) => fn(cell, locale ?? DEFAULT_LOCALE), { reads });
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

export const text =
  (max = 500): CellParser<string> =>
  (cell) =>
    cell.length > max ? fail(`is longer than ${max} characters`) : ok(cell);

/** Money in major units, written with the file's decimal mark: `1234.5`, `$1,234.50`, `1.234,50 €`. */
export const money: CellParser<number> = reading('number', (cell, locale) => {
  const n = readNumber(cell, locale.decimal);
  if (n === null) return fail(`"${cell}" is not an amount (${locale.decimal === ',' ? 'write 1234,50: the file uses a decimal comma' : 'write 1234.50'})`);
  if (n < 0) return fail('must not be negative');
  if (n > 1e12) return fail('is too large');
  return ok(n);
});

export const integer = (min: number, max: number): CellParser<number> =>
  reading('number', (cell, locale) => {
    const n = readNumber(cell.replace(/_/g, ''), locale.decimal);
    if (n === null || !Number.isInteger(n)) return fail(`"${cell}" is not a whole number`);
    if (n < min || n > max) return fail(`must be between ${min} and ${max}`);
    return ok(n);
  });

export const decimal = (min: number, max: number): CellParser<number> =>
  reading('number', (cell, locale) => {
    const n = readNumber(cell, locale.decimal);
    if (n === null) return fail(`"${cell}" is not a number`);
    if (n < min || n > max) return fail(`must be between ${min} and ${max}`);
    return ok(n);
  });

/**
 * A date: `2024-03-01` (with or without a time) always; `10.01.2022`, `01/10/2022`, `1/10/22`
 * in the file's date order (two-digit years: 00-69 are 20xx, 70-99 are 19xx).
 */
export const date: CellParser<string> = reading('date', (cell, locale) => readDate(cell, locale.dateOrder));

const TRUE = new Set(['yes', 'y', 'true', 't', '1', 'x', 'on']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0', 'off', '-']);
export const boolean: CellParser<boolean> = (cell) => {
  const v = cell.toLowerCase();
  if (TRUE.has(v)) return ok(true);
  if (FALSE.has(v)) return ok(false);
  return fail(`"${cell}" is not yes or no`);
};

/** Compares loosely: case, spaces, hyphens and underscores do not matter. */
export function loose(s: string): string {
  return s.toLowerCase().replace(/[\s_\-/]+/g, ' ').trim();
}

/** One of a closed list, with extra spellings mapped to it. */
export function oneOf<T extends string>(values: readonly T[], aliases: Record<string, T> = {}): CellParser<T> {
  const map = new Map<string, T>();
  for (const v of values) map.set(loose(v), v);
  for (const [k, v] of Object.entries(aliases)) map.set(loose(k), v);
  return (cell) => {
    const found = map.get(loose(cell));
    return found ? ok(found) : fail(`"${cell}" is not one of: ${values.join(', ')}`);
  };
}

/** A list in one cell, separated by `;`, `|` or new lines (commas stay: names contain them). */
export function list<T>(item: CellParser<T>, max = 500): CellParser<T[]> {
  return (cell) => {
    const parts = cell.split(/[;|\n]/).map((p) => p.trim()).filter((p) => p.length > 0);
    if (parts.length > max) return fail(`has more than ${max} items`);
    const out: T[] = [];
    for (const p of parts) {
      const r = item(p);
      if (!r.ok) return r;
      if (!out.includes(r.value)) out.push(r.value);
    }
    return ok(out);
  };
}

export const country: CellParser<string> = (cell) =>
  /^[A-Za-z]{2}$/.test(cell) ? ok(cell.toUpperCase()) : fail(`"${cell}" is not a two-letter country code (US, DE, …)`);
