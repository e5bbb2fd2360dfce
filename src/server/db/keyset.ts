/**
 * Keyset (cursor) paging for the lists of the API (the convention is src/shared/paging.ts).
 *
 * A list orders its rows by one or more keys, the last of them unique (the id), each backed by
 * an index `(client_id, key…, id)`. A page after a cursor asks for the rows after the last row
 * sent, in that order, as one row-value comparison: `(k1, …, kn) > (v1, …, vn)`. Both databases
 * seek to that place in the index with it (SQLite since 3.15, PostgreSQL as an index condition),
 * so a deep page costs what the first page costs, even inside a run of rows sharing the first
 * key's value (a date many assets share). Keys must never be null: nullable columns are read in
 * two parts by `keysetPage` (rows with a value, then the others), or sorted by a coalesced
 * expression indexed as such.
 */
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { invalid } from '../errors.js';

export type KeyValue = string | number;

/** The condition "after these key values" in the list's order (descending: before them). */
export function afterKeys(keys: readonly Expression<unknown>[], values: readonly KeyValue[], desc = false): RawBuilder<SqlBool> {
  if (keys.length === 0 || keys.length !== values.length) throw new Error('afterKeys: one value for each key');
  const op = sql.raw(desc ? '<' : '>');
  if (keys.length === 1) return sql<SqlBool>`${keys[0]} ${op} ${values[0]}`;
  return sql<SqlBool>`(${sql.join(keys)}) ${op} (${sql.join(values.map((v) => sql`${v}`))})`;
}

/** An opaque cursor: the sort it belongs to and the last row's key values. */
export function encodeCursor(sort: string, values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

const badCursor = (message: string) => invalid(message, [{ path: 'querystring.cursor', message }]);

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

/**
 * One order a list offers: a key of its rows, then the id (unique), each direction backed by the
 * index `(client_id, key, id)`. A nullable key lists its rows without a value last, whichever the
 * direction (as a spreadsheet does): the page reads the rows with a value first, then, when the
 * page is not full, the rows without one in id order; the cursor says which part it is in.
 */
export interface KeysetOrder {
  /** The cursor's name for the order: the list and the sort, e.g. "systems name". */
  name: string;
  /** The key as the query selects it (a column reference), and the row's field holding it. */
  key: Expression<unknown>;
  /** The id column as the query selects it. */
  id: Expression<unknown>;
  type: 'string' | 'number';
  nullable?: boolean;
}

/** What one read of a page adds to the list's query: conditions, order, and how many rows. */
export interface KeysetStep {
  where: RawBuilder<SqlBool>[];
  orderBy: [Expression<unknown>, 'asc' | 'desc'][];
  limit: number;
}

/** Adds a step's conditions, order and limit to a select. */
export function withKeyset<Q extends { where(e: Expression<SqlBool>): Q; orderBy(e: Expression<unknown>, d: 'asc' | 'desc'): Q; limit(n: number): Q }>(query: Q, step: KeysetStep): Q {
  let q = query;
  for (const w of step.where) q = q.where(w);
  for (const [e, d] of step.orderBy) q = q.orderBy(e, d);
  return q.limit(step.limit);
}

/**
 * A page of a list in one of its orders: `read` runs the list's query (filters already in it)
 * with the step added (`withKeyset`); one read, or two at the turn from rows with a value to
 * rows without one. `keyOf` and `idOf` give a row's key (null when it has none) and id. `keep`
 * filters on what the database cannot (a value derived in code): rows are then read on until
 * the page is full or the list ends.
 */
export async function keysetPage<T>(
  order: KeysetOrder,
  page: { limit: number; cursor?: string | undefined; desc?: boolean | undefined; keep?: ((row: T) => boolean) | undefined },
  read: (step: KeysetStep) => Promise<T[]>,
  keyOf: (row: T) => KeyValue | null,
  idOf: (row: T) => string,
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const desc = page.desc === true;
  const dir = desc ? 'desc' : 'asc';
  const label = `${order.name} ${dir}`;
  let part = 0;
  let after: [KeyValue, string] | null = null;
  if (page.cursor !== undefined) {
    const [p, k, id] = decodeCursor(page.cursor, label, ['number', order.type, 'string']);
    if (p !== 0 && !(p === 1 && order.nullable)) throw badCursor('Cursor is not one this list gave: pass the nextCursor of the previous page, or leave it out for the first page');
    part = p === 1 ? 1 : 0;
    after = [k!, id as string];
  }
  const want = page.limit + 1;
  const kept: { row: T; part: number }[] = [];
  for (;;) {
    const size = page.keep ? Math.max(want, 100) : want - kept.length;
    const where: RawBuilder<SqlBool>[] = [];
    let orderBy: KeysetStep['orderBy'];
    if (part === 0) {
      if (order.nullable) where.push(sql<SqlBool>`${order.key} is not null`);
      if (after) where.push(afterKeys([order.key, order.id], after, desc));
      orderBy = [[order.key, dir], [order.id, dir]];
    } else {
      where.push(sql<SqlBool>`${order.key} is null`);
      if (after) where.push(afterKeys([order.id], [after[1]], desc));
      orderBy = [[order.id, dir]];
    }
    const rows = await read({ where, orderBy, limit: size });
    for (const row of rows) if (!page.keep || page.keep(row)) kept.push({ row, part });
    if (kept.length >= want) break;
    const last = rows[rows.length - 1];
    if (rows.length === size && last !== undefined) after = [part === 0 ? keyOf(last)! : '', idOf(last)];
    else if (part === 0 && order.nullable) [part, after] = [1, null];
    else break;
  }
  const { rows: out, nextCursor } = pageOf(kept.slice(0, want), page.limit, label, ({ row, part: p }) => [p, p === 0 ? keyOf(row)! : order.type === 'number' ? 0 : '', idOf(row)]);
  return { rows: out.map((r) => r.row), nextCursor };
}

/** How many rows a list's filtered query has: its `total`, counted only when asked for. */
export async function countRows<D, TB extends keyof D, O>(base: SelectQueryBuilder<D, TB, O>): Promise<number> {
  const row = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()) as unknown as { n: number | string };
  return Number(row.n);
}

/** The pattern of a search taken literally (its %, _ and \ escaped), lower-cased, for `lower(column) like`. */
export function likeText(search: string): RawBuilder<string> {
  return sql<string>`${`%${search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`;
}
