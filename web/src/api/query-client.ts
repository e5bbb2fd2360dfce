import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

/** Retries only what may succeed on a second try: network failures and server errors, once. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failureCount, err) => failureCount < 1 && (!isApiError(err) || err.status === 0 || err.status >= 500),
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});
