import { Suspense } from 'react';
import { IconLock } from '@tabler/icons-react';
import { EmptyState } from '../components/EmptyState';
import { PageSkeleton } from '../components/Skeletons';
import { ModuleContext } from '../modules/context';
import type { ClientModule } from '../modules/types';
import { useCurrentClient } from './client-context';

/** A module's page in the client workspace: permission check, its entry in context, lazy load. */
export function ModuleRoute({ module }: { module: ClientModule }) {
  const { can, client } = useCurrentClient();
  if (module.permission && !can(module.permission)) {
    return (
      <EmptyState
        icon={<IconLock size={24} />}
        title={`No access to ${module.label}`}
        description={`Your role at ${client.name} does not include this part of the workspace. An advisor of the client can change your role.`}
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
