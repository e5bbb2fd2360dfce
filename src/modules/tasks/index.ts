import type { TriadModule } from '../../server/module.js';
import { taskClientRoutes, taskRoutes } from './routes.js';

/** What waits for whom: the home pages' "Waiting for you" and the portfolio's "Needs action". */
export const tasksModule: TriadModule = {
  name: 'tasks',
  routes: taskRoutes,
  clientRoutes: taskClientRoutes,
};
