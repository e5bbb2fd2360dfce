import type { TriadModule } from '../../server/module.js';
import { seedBudgetDemo } from './demo.js';
import { budgetFirmRoutes, budgetRoutes } from './routes.js';

/**
 * The IT budget per fiscal year (the client's fiscal year start month): the plan by category and
 * seat per month, actuals entered or imported from accounting, and the forecast with the
 * committed items not in the plan, the variance and its reasons; internal IT (bottom line) and
 * product technology (top line) told apart.
 */
export const budgetModule: TriadModule = {
  name: 'budget',
  routes: budgetFirmRoutes,
  clientRoutes: budgetRoutes,
  demo: seedBudgetDemo,
};
