import type { AppContext } from '../../server/context.js';

/** How often the expiry task looks for due acceptances; it also runs at every start. */
export const EXPIRY_TASK_EVERY_MS = 10 * 60_000;

/**
 * Governance's schedule (acceptances that expire) and what it does when a register's results
 * change. Its modules load when either first runs, so a CLI command that does neither does not
 * load them.
 */
export function governanceJobs(ctx: AppContext): void {
  ctx.jobs.schedule({
    name: 'governance.acceptances',
    everyMs: EXPIRY_TASK_EVERY_MS,
    run: async () => {
      const { runAcceptanceSchedule } = await import('./schedule.js');
      await runAcceptanceSchedule(ctx);
    },
  });
  ctx.events.on('risks.results-updated', async (payload) => {
    const { onRiskResultsUpdated } = await import('./schedule.js');
    await onRiskResultsUpdated(ctx, payload);
  });
}
