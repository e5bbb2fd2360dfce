import type { TriadModule } from '../server/module.js';
import { accountRoutes } from './accounts/routes.js';
import { auditClientRoutes } from './audit/routes.js';
import { clientRoutes, clientScopedRoutes } from './clients/routes.js';
import { systemClientRoutes, systemRoutes } from './system/routes.js';

/**
 * Triad's domain modules, in the order their routes register and their demo content is made.
 * Each module folder holds its schemas, domain functions, routes, jobs and tests.
 */
export const modules: TriadModule[] = [
  { name: 'system', routes: systemRoutes, clientRoutes: systemClientRoutes },
  { name: 'accounts', routes: accountRoutes },
  { name: 'clients', routes: clientRoutes, clientRoutes: clientScopedRoutes },
  { name: 'audit', clientRoutes: auditClientRoutes },
];
