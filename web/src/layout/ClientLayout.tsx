import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useParams } from 'react-router';
import { useClient } from '../api/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageSkeleton } from '../components/Skeletons';
import { NotFoundPage } from '../pages/NotFoundPage';
import { CurrentClientContext, type CurrentClient } from './client-context';

/** Everything under /clients/:clientId: loads the client and the user's permissions in it. */
export function ClientLayout() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const detail = useClient(clientId);
  const value = useMemo<CurrentClient | null>(() => {
    if (!detail.data) return null;
    const { client, permissions } = detail.data;
    const base = `/clients/${encodeURIComponent(client.id)}`;
    return {
      clientId: client.id,
      client,
      permissions,
      can: (p) => permissions[p] === true,
      href: (path = '') => (path ? `${base}/${path.replace(/^\//, '')}` : base),
    };
  }, [detail.data]);

  if (detail.isPending) return <PageSkeleton />;
  if (detail.isError) {
    if ('status' in detail.error && detail.error.status === 404) {
      return <NotFoundPage title={t('ui.clientNotFound')} message={t('ui.clientNotFoundText')} />;
    }
    return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  return (
    <CurrentClientContext.Provider value={value}>
      {/* Keyed by client: a page opened for another client starts afresh. */}
      <Suspense key={clientId} fallback={<PageSkeleton />}>
        <Outlet />
      </Suspense>
    </CurrentClientContext.Provider>
  );
}

export default ClientLayout;
