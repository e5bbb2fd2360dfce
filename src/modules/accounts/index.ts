import type { TriadModule } from '../../server/module.js';
import { accountRoutes } from './routes.js';

/** Users, passwords, sessions, API tokens, single sign-on, second factors and sign-in limits (jobs: jobs.ts). */
export const accountsModule: TriadModule = {
  name: 'accounts',
  routes: accountRoutes,
};
