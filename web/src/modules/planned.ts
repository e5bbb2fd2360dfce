import { lazy } from 'react';
import type { ClientModule } from './types';

const ComingSoonPage = lazy(() => import('./ComingSoonPage'));

/** A registry entry for a module that is not there yet: its place in the navigation and a placeholder page. */
export function planned(entry: Omit<ClientModule, 'page' | 'status' | 'homeCard' | 'portfolioColumns'>): ClientModule {
  return { ...entry, page: ComingSoonPage, status: 'planned' };
}
