/**
 * Keyset (cursor) paging for the lists of the API (the convention is src/shared/paging.ts).
 *
 * A list orders its rows by one or more keys, the last of them unique (the id), each backed by
 * an index `(client_id, key…, id)`. A page after a cursor asks for the rows after the last row
 * sent, in that order: `k1 >= v1 and (k1 > v1 or (k2 >= v2 and (… kn > vn)))`. The outer range
 * on the first key is what both databases use to seek in the index, so a deep page costs what
 * the first page costs; the rest only separates the rows that share the first key's value.
 * Keys must never be null (sort nullable columns by a coalesced expression, indexed as such).
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { invalid } from '../errors.js';

export type KeyValue = string | number;

/** The condition "after these key values" in the list's order (descending: before them). */
export function afterKeys(keys: readonly Expression<unknown>[], values: readonly KeyValue[], desc = false): RawBuilder<SqlBool> {
  if (keys.length === 0 || keys.length !== values.length) throw new Error('afterKeys: one value for each key');
  const gt = desc ? sql.raw('<') : sql.raw('>');
  const ge = desc ? sql.raw('<=') : sql.raw('>=');
  const at = (i: number): RawBuilder<SqlBool> => {
    const k = keys[i]!;
    const v = values[i]!;
    if (i === keys.length - 1) return sql<SqlBool>`${k} ${gt} ${v}`;
    return sql<SqlBool>`(${k} ${ge} ${v} and (${k} ${gt} ${v} or ${at(i + 1)}))`;
  };
  return at(0);
}

/** An opaque cursor: the sort it belongs to and the last row's key values. */
export function encodeCursor(sort: string, values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

const badCursor = (message: string) => invalid(message, [{ path: 'query.cursor', message }]);

/**
 * The key values of a cursor this list gave for this sort, with their types (a cursor of another
 * list, another sort or a made-up one is refused with a 400 naming `cursor`).
 */
export function decodeCursor(raw: string, sort: string, types: readonly ('string' | 'number')[]): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('Cursor is not one this list gave: pass the nextCursor of the previous page, or leave it out for the first page');
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length + 1 || typeof parsed[0] !== 'string') {
    throw badCursor('Cursor is not one this list gave: pass the nextCursor of the previous page, or leave it out for the first page');
  }
  if (parsed[0] !== sort) throw badCursor(`Cursor belongs to the order "${String(parsed[0])}", not "${sort}": start again from the first page`);
  const values = parsed.slice(1) as unknown[];
  values.forEach((v, i) => {
    if (typeof v !== types[i] || (typeof v === 'number' && !Number.isFinite(v))) {
      throw badCursor('Cursor is not one this list gave: pass the nextCursor of the previous page, or leave it out for the first page');
    }
  });
  return values as KeyValue[];
}

/**
 * A page from rows read with `limit + 1`: the first `limit` rows, and the cursor after the last
 * of them when there was one more.
 */
export function pageOf<T>(rows: readonly T[], limit: number, sort: string, keysOf: (row: T) => KeyValue[]): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sort, keysOf(last)) : null };
}
