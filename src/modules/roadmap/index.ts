import type { TriadModule, ZodApp } from '../../server/module.js';
import { seedRoadmapDemo } from './demo.js';
import { roadmapFirmRoutes, roadmapRoutes } from './routes.js';

/**
 * The roadmap: initiatives by quarter with their owner seat, kind, costs, savings and revenue,
 * the business priorities they serve and the risk they reduce in money (from the risk engine),
 * ranked by risk reduced per unit of cost and by priority weight, with an advisor's override.
 */
export const roadmapModule: TriadModule = {
  name: 'roadmap',
  routes: roadmapFirmRoutes,
  clientRoutes: (app: ZodApp) => roadmapRoutes(app),
  demo: seedRoadmapDemo,
};
