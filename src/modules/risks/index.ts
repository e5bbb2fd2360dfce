import type { TriadModule } from '../../server/module.js';
import { seedRiskDemo } from './demo.js';
import { registerRecomputeJob } from './recompute.js';
import { riskClientRoutes, riskRoutes } from './routes.js';

/** The risk register: quantified scenarios, appetite, treatments, security options, recompute job. */
export const risksModule: TriadModule = {
  name: 'risks',
  routes: riskRoutes,
  clientRoutes: riskClientRoutes,
  jobs: registerRecomputeJob,
  demo: seedRiskDemo,
};
