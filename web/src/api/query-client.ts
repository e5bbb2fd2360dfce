import { QueryClient } from '@tanstack/react-query';
import i18n from '../i18n';
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

// The server writes some of its words (checks, reasons, validation messages) in the language
// the web app asks for: after a switch, what is shown is asked for again in the new language.
i18n.on('languageChanged', () => {
  void queryClient.invalidateQueries();
});
