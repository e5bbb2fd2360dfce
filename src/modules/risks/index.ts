import type { TriadModule } from '../../server/module.js';
import { seedRiskDemo } from './demo.js';
import { riskClientRoutes, riskRoutes } from './routes.js';

/** The risk register: quantified scenarios, appetite, treatments, security options (the recompute job: recompute.ts). */
export const risksModule: TriadModule = {
  name: 'risks',
  routes: riskRoutes,
  clientRoutes: riskClientRoutes,
  demo: seedRiskDemo,
};
