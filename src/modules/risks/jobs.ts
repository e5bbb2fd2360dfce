import type { AppContext } from '../../server/context.js';
import { RECOMPUTE_JOB } from '../../shared/job-kinds.js';

/**
 * The register's recompute job. The simulation's modules load when the first job runs, so a
 * process that never runs one (most CLI commands) does not load them.
 */
export function riskJobs(ctx: AppContext): void {
  ctx.jobs.register(RECOMPUTE_JOB, async (run) => {
    const clientId = run.job.clientId ?? (run.job.payload as { clientId?: string } | null)?.clientId;
    if (!clientId) throw new Error(`${RECOMPUTE_JOB} needs a client`);
    const { recomputeClient } = await import('./recompute.js');
    await recomputeClient(ctx, clientId, (f) => run.progress(f));
  });
}
