import { Center, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, forgetAnswers } from '../api/client';
import { useMe } from '../api/hooks';
import type { Me } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadingTriad } from './LoadingTriad';

const SessionContext = createContext<Me | null>(null);

/** The signed-in user, their firm and their clients. Only inside the signed-in part of the app. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() needs <RequireSession>');
  return me;
}

/** Shows its children to a signed-in user; anyone else goes to the sign-in page and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingTriad />;
  if (me.isError) {
    if ('status' in me.error && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Center h="100vh" p="md">
        <Stack maw={480} w="100%">
          <Text fw={600}>{t('ui.accountFailed')}</Text>
          <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        </Stack>
      </Center>
    );
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}

/** Ends the session and goes to the sign-in page, forgetting everything cached. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout', {}, { redirectOn401: false });
    } catch {
      // Already signed out, or the server is unreachable: leave anyway.
    }
    queryClient.clear();
    forgetAnswers();
    await navigate('/login', { replace: true });
  }, [queryClient, navigate]);
}
