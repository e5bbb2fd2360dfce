import type { TriadModule, ZodApp } from '../../server/module.js';
import { seedEstateDemo } from './demo.js';
import { accessRoutes, dataMapRoutes } from './routes/access.js';
import { csvRoutes } from './routes/csv.js';
import { estateRoutes } from './routes/estate.js';
import { firmRoutes } from './routes/firm.js';
import { importSettingsRoutes } from './routes/import-settings.js';
import { vendorRoutes } from './routes/vendors.js';

/**
 * The estate module: business services, systems and assets, vendors with their fourth parties,
 * the data map, access grants and reviews, and CSV import and export of all of them.
 */
export const estateModule: TriadModule = {
  name: 'estate',
  routes: firmRoutes,
  clientRoutes: async (app: ZodApp) => {
    estateRoutes(app);
    vendorRoutes(app);
    dataMapRoutes(app);
    accessRoutes(app);
    await csvRoutes(app);
    importSettingsRoutes(app);
  },
  demo: seedEstateDemo,
};
