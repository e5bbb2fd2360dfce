import type { TriadModule } from '../../server/module.js';
import { seedBusinessDemo } from './demo.js';
import { businessRoutes } from './routes.js';

/**
 * The business context: business units, weighted business priorities owned by executives, and
 * which unit and priorities each business service serves. Initiatives on the roadmap link to
 * the priorities too, and are ranked by their weight.
 */
export const businessModule: TriadModule = {
  name: 'business',
  clientRoutes: businessRoutes,
  demo: seedBusinessDemo,
};
