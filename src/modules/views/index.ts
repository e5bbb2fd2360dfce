import type { TriadModule } from '../../server/module.js';
import { seedViewsDemo } from './demo.js';
import { viewRoutes } from './routes.js';

/**
 * Saved views: each person's named filters of the long lists (the audit trail, systems, vendors,
 * renewals, the risk register), kept on the server so they follow the person from device to
 * device (docs/api.md, "Saved views"). Which columns a table shows is kept in the browser.
 */
export const viewsModule: TriadModule = {
  name: 'views',
  routes: viewRoutes,
  demo: seedViewsDemo,
};
