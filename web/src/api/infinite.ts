/**
 * The API's lists a page at a time (src/shared/paging.ts: `limit`, `cursor`; `nextCursor` in the
 * answer): `usePagedList` keeps the pages loaded so far and loads the next on `fetchNextPage`
 * (the NextPageButton); `fetchAllPages` walks a whole list, for a picker that offers every row.
 */
import { useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';

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
}

export function usePagedList<P extends PageOf, R>(options: PagedListOptions<P, R>) {
  const { refetchInterval } = options;
  const query = useInfiniteQuery<P, Error, InfiniteData<P>, QueryKey, string | null>({
    queryKey: options.queryKey,
    queryFn: ({ pageParam, signal }) => options.fetchPage(pageParam, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    ...(refetchInterval === undefined ? {} : { refetchInterval: typeof refetchInterval === 'function' ? (q) => refetchInterval(q.state.data) : refetchInterval }),
  });
  const { rows } = options;
  const loaded = useMemo(() => query.data?.pages.flatMap(rows) ?? [], [query.data, rows]);
  return { ...query, rows: loaded, first: query.data?.pages[0] };
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
