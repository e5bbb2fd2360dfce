/**
 * The API's lists page by keyset (docs/api.md, "Lists"): a page, then the next by its
 * `nextCursor`. `usePagedList` keeps the pages read so far (TanStack's infinite query) and asks
 * for the total with the first page only; a new filter or order starts from the first page.
 */
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { PageInfo } from '@shared/paging';
import { api } from './client';

export type ListQuery = Record<string, string | number | boolean | null | undefined>;

export interface PagedList<T> {
  records: T[];
  /** Matching rows in all (asked for with the first page). */
  total: number | null;
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  fetching: boolean;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => void;
}

export function usePagedList<K extends string, T>(key: readonly unknown[], path: string, list: K, query: ListQuery): PagedList<T> {
  type Page = PageInfo & Record<K, T[]>;
  const q = useInfiniteQuery<Page, Error, InfiniteData<Page>, readonly unknown[], string | null>({
    queryKey: [...key, query],
    queryFn: ({ pageParam, signal }) => api.get<Page>(path, { signal, query: { ...query, ...(pageParam === null ? { total: 'true' } : { cursor: pageParam }) } }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const pages = q.data?.pages ?? [];
  return {
    records: pages.flatMap((p) => p[list]),
    total: pages[0]?.total ?? null,
    hasMore: q.hasNextPage,
    loadMore: () => void q.fetchNextPage(),
    loadingMore: q.isFetchingNextPage,
    fetching: q.isFetching,
    isPending: q.isPending,
    isError: q.isError,
    error: q.error,
    refetch: () => void q.refetch(),
  };
}
