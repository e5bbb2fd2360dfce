/**
 * Cell parsers for CSV import: each takes a trimmed, non-empty cell and gives a typed value or
 * the reason it is refused. They accept what spreadsheets and asset tools write: `$1,234.50`,
 * `2024-03-01 10:00:00`, `3/1/2024` (US month/day/year), `Yes`, `Tier 1`.
 */
import { isRealDate } from '../common.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export type CellParser<T> = (cell: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

export const text =
  (max = 500): CellParser<string> =>
  (cell) =>
    cell.length > max ? fail(`is longer than ${max} characters`) : ok(cell);

/** Money in major units: `1234.5`, `$1,234.50`, `1 234,50 €` is refused (ambiguous decimal comma). */
export const money: CellParser<number> = (cell) => {
  const cleaned = cell.replace(/^[A-Z]{3}\s*/i, '').replace(/[$€£¥\s]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return fail(`"${cell}" is not an amount (write 1234.50)`);
  const n = Number(cleaned);
  if (n < 0) return fail('must not be negative');
  if (n > 1e12) return fail('is too large');
  return ok(n);
};

export const integer =
  (min: number, max: number): CellParser<number> =>
  (cell) => {
    const cleaned = cell.replace(/[,\s_]/g, '');
    if (!/^-?\d+$/.test(cleaned)) return fail(`"${cell}" is not a whole number`);
    const n = Number(cleaned);
    if (n < min || n > max) return fail(`must be between ${min} and ${max}`);
    return ok(n);
  };

export const decimal =
  (min: number, max: number): CellParser<number> =>
  (cell) => {
    const cleaned = cell.replace(/[,\s]/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return fail(`"${cell}" is not a number`);
    const n = Number(cleaned);
    if (n < min || n > max) return fail(`must be between ${min} and ${max}`);
    return ok(n);
  };

/** A date: `2024-03-01`, `2024-03-01 10:00:00`, `2024-03-01T10:00:00Z`, or US `3/1/2024`. */
export const date: CellParser<string> = (cell) => {
  let iso: string | null = null;
  const m1 = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(cell);
  if (m1) iso = `${m1[1]}-${m1[2]!.padStart(2, '0')}-${m1[3]!.padStart(2, '0')}`;
  const m2 = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  if (m2) iso = `${m2[3]}-${m2[1]!.padStart(2, '0')}-${m2[2]!.padStart(2, '0')}`;
  if (!iso) return fail(`"${cell}" is not a date (write YYYY-MM-DD)`);
  if (!isRealDate(iso)) return fail(`"${cell}" is not a real date`);
  return ok(iso);
};

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
