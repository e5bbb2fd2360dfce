/**
 * The API's lists a page at a time (docs/api.md, "Lists"; src/shared/paging.ts: `limit`,
 * `cursor`; `nextCursor` and, when asked, `total` in the answer). `usePagedList` keeps the pages
 * read so far (TanStack's infinite query) and reads the next on `loadMore` (the LoadMore
 * component under a list); `useApiList` is the same for a plain list route, asking for the total
 * with the first page; `fetchAllPages` walks a whole list, for a picker that offers every row.
 */
import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { PageInfo } from '@shared/paging';
import { api } from './client';

export type ListQuery = Record<string, string | number | boolean | null | undefined>;

export interface PageOf {
  nextCursor: string | null;
  total: number | null;
}

export interface PagedListOptions<P extends PageOf, R> {
  queryKey: QueryKey;
  /** One page: the first for a null cursor. */
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<P>;
  /** The page's rows. */
  rows: (page: P) => R[];
  enabled?: boolean;
  refetchInterval?: number | false | ((data: InfiniteData<P> | undefined) => number | false);
  /** Keep showing the rows of the last query while a new filter or order loads. */
  keepPrevious?: boolean;
}

/** What LoadMore and a table need of a list read a page at a time. */
export interface PagedList<R> {
  records: R[];
  /** Matching rows in all, when the list said (asked for with the first page). */
  total: number | null;
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  fetching: boolean;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
}

export function usePagedList<P extends PageOf, R>(options: PagedListOptions<P, R>) {
  const { refetchInterval } = options;
  const query = useInfiniteQuery<P, Error, InfiniteData<P>, QueryKey, string | null>({
    queryKey: options.queryKey,
    queryFn: ({ pageParam, signal }) => options.fetchPage(pageParam, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(refetchInterval === undefined ? {} : { refetchInterval: typeof refetchInterval === 'function' ? (q) => refetchInterval(q.state.data) : refetchInterval }),
  });
  const { rows } = options;
  const loaded = useMemo(() => query.data?.pages.flatMap(rows) ?? [], [query.data, rows]);
  const first = query.data?.pages[0];
  const { fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  return {
    ...query,
    rows: loaded,
    first,
    records: loaded,
    total: first?.total ?? null,
    hasMore: query.hasNextPage,
    loadMore,
    loadingMore: query.isFetchingNextPage,
    fetching: query.isFetching,
  } satisfies PagedList<R> & Record<string, unknown>;
}

/** A list route's rows (`list`: the answer's field that holds them), read a page at a time with the total. */
export function useApiList<K extends string, T>(key: readonly unknown[], path: string, list: K, query: ListQuery): PagedList<T> {
  type Page = PageInfo & Record<K, T[]>;
  const rows = useCallback((page: Page) => page[list], [list]);
  return usePagedList<Page, T>({
    queryKey: [...key, query],
    fetchPage: (cursor, signal) => api.get<Page>(path, { signal, query: { ...query, ...(cursor === null ? { total: 'true' } : { cursor }) } }),
    rows,
    keepPrevious: true,
  });
}

/** Every row of a list, page after page (`limit` a page, at most 500). */
export async function fetchAllPages<P extends PageOf, R>(fetchPage: (cursor: string | null) => Promise<P>, rows: (page: P) => R[]): Promise<R[]> {
  const out: R[] = [];
  let cursor: string | null = null;
  do {
    const page: P = await fetchPage(cursor);
    out.push(...rows(page));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}
