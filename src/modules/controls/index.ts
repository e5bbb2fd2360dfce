import type { TriadModule } from '../../server/module.js';
import { ensureBuiltinsForAllFirms } from './builtin.js';
import { seedControlsDemo } from './demo.js';
import { assessmentRoutes } from './routes/assessments.js';
import { catalogueFirmRoutes } from './routes/catalogues.js';
import { fileRoutes } from './routes/files.js';

/**
 * Controls and framework assessments: the firm's catalogues (NIST CSF 2.0 built in, any OSCAL
 * catalogue imported), assessments per client with evidence and links to risk, maturity, gaps
 * ranked by money at stake, comparison, CSV (docs/controls.md).
 */
export const controlsModule: TriadModule = {
  name: 'controls',
  routes: catalogueFirmRoutes,
  clientRoutes: async (app) => {
    assessmentRoutes(app);
    await fileRoutes(app);
  },
  jobs: (ctx) => {
    // At start (and daily, for firms made since by another process): every firm has the built-in catalogues.
    ctx.jobs.schedule({ name: 'controls.builtin-catalogues', everyMs: 24 * 3600_000, run: () => ensureBuiltinsForAllFirms(ctx) });
  },
  demo: seedControlsDemo,
};
