/**
 * Reading one page of a keyset list (the convention is src/shared/paging.ts; the conditions and
 * cursors are keyset.ts): the list gives its query after a cursor's key values and its count,
 * this decodes the cursor, reads one row more than the page to know whether another follows,
 * and counts only when the caller asked for the total.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PageInfo } from '../../shared/paging.js';
import { afterKeys, decodeCursor, pageOf, type KeyValue } from './keyset.js';

/** The paging fields of a list's parsed query (`pageQuery()` in src/shared/paging.ts). */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
  total?: 'true' | 'false' | undefined;
}

export interface KeysetList<R> {
  /** The order's name, kept in the cursor (a cursor of another order is refused). */
  sort: string;
  /** The types of the key values, the last one the id's. */
  types: readonly ('string' | 'number')[];
  /** Up to `take` rows in the list's order, after `after` (the key values of the last row sent) when given. */
  rows: (after: KeyValue[] | null, take: number) => Promise<R[]>;
  /** The number of rows the list's filters match. */
  count: () => Promise<number>;
  keysOf: (row: R) => KeyValue[];
}

export async function readPage<R>(page: PageRequest, list: KeysetList<R>): Promise<{ rows: R[] } & PageInfo> {
  const after = page.cursor === undefined ? null : decodeCursor(page.cursor, list.sort, list.types);
  const [rows, total] = await Promise.all([list.rows(after, page.limit + 1), page.total === 'true' ? list.count() : Promise.resolve(null)]);
  const { rows: pageRows, nextCursor } = pageOf(rows, page.limit, list.sort, list.keysOf);
  return { rows: pageRows, nextCursor, total };
}

/** A count of a query's rows as a number (PostgreSQL answers count(*) as a string). */
export function countOf(row: { n: number | string | bigint } | undefined): number {
  return Number(row?.n ?? 0);
}

/**
 * The order most lists take: newest first, by `created_at` then `id`, both descending, backed by
 * an index `(client_id, created_at, id)` (or `(user_id, created_at, id)`).
 */
export const NEWEST_FIRST = {
  sort: 'newest',
  types: ['string', 'string'] as const,
  keysOf: (row: { created_at: string; id: string }): KeyValue[] => [row.created_at, row.id],
};

/** The condition "older than the cursor's row" on a table's `created_at` and `id`. */
export function olderThan(table: string, after: readonly KeyValue[]): RawBuilder<SqlBool> {
  return afterKeys([sql.ref(`${table}.created_at`), sql.ref(`${table}.id`)], after, true);
}
