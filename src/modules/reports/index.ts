import type { TriadModule } from '../../server/module.js';
import { qbrRoutes, reportClientRoutes, reportFirmRoutes } from './routes.js';

/**
 * Reports: the quarterly board pack (PDF and HTML from one content model, drafts generated in
 * the background, issued packs frozen as the quarter's snapshot), the ransomware worst-case
 * one-pager, the quarterly business review and the firm's portfolio report. Jobs: jobs.ts.
 */
export const reportsModule: TriadModule = {
  name: 'reports',
  routes: reportFirmRoutes,
  clientRoutes: (app) => {
    reportClientRoutes(app);
    qbrRoutes(app);
  },
};
