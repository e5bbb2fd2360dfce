import type { AppContext } from '../../server/context.js';
import { BOARD_PACK_JOB } from '../../shared/job-kinds.js';
import type { ReportLanguage } from './schema.js';

/**
 * The board pack's job: a draft generated in the background. The pack's modules load when the
 * first job runs, so a process that never runs one (most CLI commands) does not load them.
 */
export function reportJobs(ctx: AppContext): void {
  ctx.jobs.register(
    BOARD_PACK_JOB,
    async (run) => {
      const payload = run.job.payload as { packId?: string; language?: ReportLanguage } | null;
      const packId = payload?.packId;
      if (!run.job.clientId || !packId) throw new Error(`${BOARD_PACK_JOB} needs a client and a pack`);
      const { runBoardPackJob } = await import('./packs.js');
      await runBoardPackJob(ctx, run.job.clientId, packId, (f) => run.progress(f), payload?.language === 'de' ? 'de' : 'en');
    },
    {
      // A draft whose job gave up (its server died on every attempt) says so instead of "generating".
      onGiveUp: async (job, reason) => {
        const packId = (job.payload as { packId?: string } | null)?.packId;
        if (!job.clientId || !packId) return;
        const { failBoardPack } = await import('./packs.js');
        await failBoardPack(ctx, job.clientId, packId, reason);
      },
    },
  );
}
