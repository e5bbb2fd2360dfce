import type { TriadModule } from '../../server/module.js';
import { interchangeRoutes } from './routes.js';

/**
 * Interchange with the tools people already use: each person's calendar feed of the dates that
 * matter, and the firm's signed webhooks (docs/api.md). The estate's imports and exports, and
 * the typed API client, live with the estate and in clients/typescript.
 */
export const interchangeModule: TriadModule = {
  name: 'interchange',
  routes: interchangeRoutes,
};
