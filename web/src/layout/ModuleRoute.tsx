import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { IconLock } from '@tabler/icons-react';
import { EmptyState } from '../components/EmptyState';
import { PageSkeleton } from '../components/Skeletons';
import { ModuleContext } from '../modules/context';
import { clientModules } from '../modules/registry';
import type { ClientModule } from '../modules/types';
import { NotFoundPage } from '../pages/NotFoundPage';
import { useCurrentClient } from './client-context';

/** A module's page in the client workspace: permission check, its entry in context, lazy load. */
export function ModuleRoute({ module }: { module: ClientModule }) {
  const { t } = useTranslation();
  const { can, client } = useCurrentClient();
  if (module.permission && !can(module.permission)) {
    return (
      <EmptyState
        icon={<IconLock size={24} />}
        title={t('ui.noAccess', { module: t(`shell.modules.${module.id}`, { defaultValue: module.label }) })}
        description={t('ui.noAccessText', { client: client.name })}
      />
    );
  }
  return (
    <ModuleContext.Provider value={module}>
      <Suspense fallback={<PageSkeleton />}>
        <module.page />
      </Suspense>
    </ModuleContext.Provider>
  );
}

/**
 * The route `/clients/:clientId/:module/*`: the module of modules/registry.tsx at that path, or
 * "page not found". One route for all modules, so the router (on the sign-in page too) need not
 * know the registry.
 */
export default function ClientModuleRoute() {
  const { module: path } = useParams();
  const module = clientModules.find((m) => m.path === path);
  if (!module) return <NotFoundPage />;
  // Keyed: another module's page starts afresh.
  return <ModuleRoute key={module.id} module={module} />;
}
