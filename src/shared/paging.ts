/**
 * The one list convention of the API, for every list that can grow: keyset (cursor) pages.
 *
 * A request takes `limit` (rows a page, at most 500), `cursor` (the `nextCursor` of the page
 * before; absent for the first page) and `total=true` when it wants the number of matching rows
 * (a count costs a pass over them, so it is only made when asked). The answer carries the rows,
 * `nextCursor` (null on the last page) and `total` (null unless asked). A cursor belongs to the
 * list, filters and sort it came from; it is opaque to the caller. This file imports only zod,
 * so module schemas and the web app share it (docs/api.md, "Lists").
 */
import { z } from 'zod';

export const PAGE_LIMIT_MAX = 500;

/** The convention in a paragraph: the OpenAPI document's description carries it (docs/api.md, "Lists"). */
export const LIST_CONVENTION =
  `Lists that can grow answer a page at a time, by keyset: ask with \`limit\` (1 to ${PAGE_LIMIT_MAX}) and, for the next page, \`cursor\` (the \`nextCursor\` of the page before). ` +
  'Each answer carries its rows, `nextCursor` (null on the last page) and `total` (null unless asked for with `total=true`: a count costs a pass over the rows). ' +
  '`sort` and `order` (asc, desc) choose among the orders a list offers, each backed by an index, so a deep page costs what the first one does; names sort in natural order ("Laptop 2" before "Laptop 10") and rows without a value for the sort come last either way. ' +
  'A cursor belongs to its list and order: another one is refused (400, naming `cursor`).';

/** Query fields of a paged list; spread them into the list's strict query object. */
export function pageQuery(defaultLimit = 100) {
  return {
    limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(defaultLimit).describe(`Rows a page (1 to ${PAGE_LIMIT_MAX})`),
    cursor: z.string().max(1024).optional().describe('The nextCursor of the previous page; leave out for the first page'),
    total: z.enum(['true', 'false']).optional().describe('true: also count every matching row (a count costs a pass over them)'),
  };
}

/** Fields of a paged answer; spread them beside the rows. */
export const PageInfo = {
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  total: z.number().int().nullable().describe('Matching rows in all, when asked for with total=true; otherwise null'),
};

export interface PageInfo {
  nextCursor: string | null;
  total: number | null;
}

/** The order of a list: a sort key of the list and its direction. */
export const SortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof SortOrder>;

/**
 * The order fields of a paged list: `sort` (one of the orders the list offers, each backed by an
 * index) and `order` (asc or desc). Rows without a value for the sort come last either way.
 */
export function sortQuery<const S extends readonly [string, ...string[]]>(sorts: S, defaultSort: S[number]) {
  return {
    sort: z.enum(sorts).default(defaultSort).describe(`The order: ${sorts.join(', ')}`),
    order: SortOrder.default('asc').describe('asc or desc; rows without a value for the sort come last either way'),
  };
}
