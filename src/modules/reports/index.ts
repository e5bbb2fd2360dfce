import type { TriadModule } from '../../server/module.js';
import { BOARD_PACK_JOB, runBoardPackJob } from './packs.js';
import { qbrRoutes, reportClientRoutes, reportFirmRoutes } from './routes.js';

/**
 * Reports: the quarterly board pack (PDF and HTML from one content model, drafts generated in
 * the background, issued packs frozen as the quarter's snapshot), the ransomware worst-case
 * one-pager, the quarterly business review and the firm's portfolio report.
 */
export const reportsModule: TriadModule = {
  name: 'reports',
  routes: reportFirmRoutes,
  clientRoutes: (app) => {
    reportClientRoutes(app);
    qbrRoutes(app);
  },
  jobs: (ctx) => {
    ctx.jobs.register(BOARD_PACK_JOB, async (run) => {
      const packId = (run.job.payload as { packId?: string } | null)?.packId;
      if (!run.job.clientId || !packId) throw new Error(`${BOARD_PACK_JOB} needs a client and a pack`);
      await runBoardPackJob(ctx, run.job.clientId, packId, (f) => run.progress(f));
    });
  },
};
