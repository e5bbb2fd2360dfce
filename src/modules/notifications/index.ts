import type { TriadModule } from '../../server/module.js';
import { notificationClientRoutes, notificationRoutes } from './routes.js';

/** In-app notifications and e-mail; other modules call `notify(w, …)` from ./api.ts (jobs: jobs.ts). */
export const notificationsModule: TriadModule = {
  name: 'notifications',
  routes: notificationRoutes,
  clientRoutes: notificationClientRoutes,
};
