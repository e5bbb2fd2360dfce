import type { TriadModule } from '../server/module.js';
import { accountsModule } from './accounts/index.js';
import { auditModule } from './audit/index.js';
import { clientRoutes, clientScopedRoutes } from './clients/routes.js';
import { estateModule } from './estate/index.js';
import { governanceModule } from './governance/index.js';
import { notificationsModule } from './notifications/index.js';
import { risksModule } from './risks/index.js';
import { reportsModule } from './reports/index.js';
import { businessModule } from './business/index.js';
import { roadmapModule } from './roadmap/index.js';
import { budgetModule } from './budget/index.js';
import { controlsModule } from './controls/index.js';
import { interchangeModule } from './interchange/index.js';
import { transferModule } from './transfer/index.js';
import { systemClientRoutes, systemRoutes } from './system/routes.js';
import { tasksModule } from './tasks/index.js';
import { searchModule } from './search/index.js';
import { viewsModule } from './views/index.js';

/**
 * Triad's domain modules, in the order their routes register and their demo content is made.
 * Each module folder holds its schemas, domain functions, routes, jobs and tests.
 */
export const modules: TriadModule[] = [
  { name: 'system', routes: systemRoutes, clientRoutes: systemClientRoutes },
  accountsModule,
  { name: 'clients', routes: clientRoutes, clientRoutes: clientScopedRoutes },
  auditModule,
  notificationsModule,
  estateModule,
  // After the estate (its templates scale with the estate's demo records).
  risksModule,
  // After the risk register: its demo links outcomes to the register's scenarios and treatments.
  controlsModule,
  // After the risk register: its demo acceptances use the register's scenarios.
  governanceModule,
  // After the estate and the register: units from the services, initiatives from the options,
  // systems and contracts, and a budget that knows the roadmap.
  businessModule,
  roadmapModule,
  budgetModule,
  // Last: the board pack reads every module above.
  reportsModule,
  // Calendar feeds and webhooks read and follow every module above.
  interchangeModule,
  // What waits for whom, gathered from the modules above.
  tasksModule,
  // Whole-client export and import: routes only, over every module's tables.
  transferModule,
  // The global search: reads the tables of the modules above, for the clients a person may see.
  searchModule,
  // Each person's saved views of the long lists.
  viewsModule,
];
