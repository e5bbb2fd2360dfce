import type { TriadModule } from '../../server/module.js';
import { seedControlsDemo } from './demo.js';
import { assessmentRoutes } from './routes/assessments.js';
import { catalogueFirmRoutes } from './routes/catalogues.js';
import { fileRoutes } from './routes/files.js';

/**
 * Controls and framework assessments: the firm's catalogues (NIST CSF 2.0 built in, any OSCAL
 * catalogue imported), assessments per client with evidence and links to risk, maturity, gaps
 * ranked by money at stake, comparison, CSV (docs/controls.md). Jobs: jobs.ts.
 */
export const controlsModule: TriadModule = {
  name: 'controls',
  routes: catalogueFirmRoutes,
  clientRoutes: async (app) => {
    assessmentRoutes(app);
    await fileRoutes(app);
  },
  demo: seedControlsDemo,
};
