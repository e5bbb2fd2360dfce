import type { TriadModule } from '../../server/module.js';
import { searchRoutes } from './routes.js';

/** The global search (the web app's Ctrl-K): records, people and pages across the clients a person may see. */
export const searchModule: TriadModule = {
  name: 'search',
  routes: searchRoutes,
};
