import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';

import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler, forgetAnswers } from './api/client';
import { queryClient } from './api/query-client';
import { languageReady } from './i18n';
import { createRouter } from './router';
import { theme } from './theme';

const router = createRouter();

// A session that ends while the app is open (expired, signed out elsewhere): sign in again,
// then come back to the same page.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  queryClient.clear();
  forgetAnswers();
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

/** Mantine's confirm dialogs in the person's language. */
function Modals({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return <ModalsProvider labels={{ confirm: t('common.confirm'), cancel: t('common.cancel') }}>{children}</ModalsProvider>;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The person's language, when not English, loads first (a small chunk), so the app never starts
// in one language and switches. (Not a top-level await: the bundler would then split the code
// this module shares with lazy pages into many small files.)
void languageReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <QueryClientProvider client={queryClient}>
          <Modals>
            <Notifications position="top-right" limit={4} autoClose={5000} />
            <RouterProvider router={router} />
          </Modals>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
