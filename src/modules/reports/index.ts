import type { TriadModule } from '../../server/module.js';
import { BOARD_PACK_JOB, failBoardPack, runBoardPackJob } from './packs.js';
import type { ReportLanguage } from './schema.js';
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
    ctx.jobs.register(
      BOARD_PACK_JOB,
      async (run) => {
        const payload = run.job.payload as { packId?: string; language?: ReportLanguage } | null;
        const packId = payload?.packId;
        if (!run.job.clientId || !packId) throw new Error(`${BOARD_PACK_JOB} needs a client and a pack`);
        await runBoardPackJob(ctx, run.job.clientId, packId, (f) => run.progress(f), payload?.language === 'de' ? 'de' : 'en');
      },
      {
        // A draft whose job gave up (its server died on every attempt) says so instead of "generating".
        onGiveUp: async (job, reason) => {
          const packId = (job.payload as { packId?: string } | null)?.packId;
          if (job.clientId && packId) await failBoardPack(ctx, job.clientId, packId, reason);
        },
      },
    );
  },
};
