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
