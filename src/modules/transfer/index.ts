import type { TriadModule } from '../../server/module.js';
import { transferRoutes } from './routes.js';

/** Whole-client export and import (docs/client-export.md). */
export const transferModule: TriadModule = {
  name: 'transfer',
  routes: transferRoutes,
};
