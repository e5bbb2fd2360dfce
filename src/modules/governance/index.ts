import type { TriadModule } from '../../server/module.js';
import { governanceDemo } from './demo.js';
import { governanceRoutes } from './routes.js';

/**
 * Governance: the CIO, CTO and CISO seats and their charter, computed governance checks,
 * decisions with each seat's position and escalation to the executives, concerns (no
 * blindsiding) and risk acceptances with their authority, expiry and re-approval. Jobs: jobs.ts.
 */
export const governanceModule: TriadModule = {
  name: 'governance',
  clientRoutes: governanceRoutes,
  demo: governanceDemo,
};
