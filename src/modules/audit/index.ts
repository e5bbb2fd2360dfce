import type { TriadModule } from '../../server/module.js';
import { auditClientRoutes, auditFirmRoutes } from './routes.js';

/** The audit trail: hash-chained entries per client and firm, checkpoints, verification (jobs: jobs.ts). */
export const auditModule: TriadModule = {
  name: 'audit',
  routes: auditFirmRoutes,
  clientRoutes: auditClientRoutes,
};
