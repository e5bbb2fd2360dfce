import type { AppContext } from '../../server/context.js';
import { EXPIRY_TASK_EVERY_MS, onRiskResultsUpdated, runAcceptanceSchedule } from './schedule.js';

/** Governance's schedule (acceptances that expire) and what it does when a register's results change. */
export function governanceJobs(ctx: AppContext): void {
  ctx.jobs.schedule({
    name: 'governance.acceptances',
    everyMs: EXPIRY_TASK_EVERY_MS,
    run: async () => {
      await runAcceptanceSchedule(ctx);
    },
  });
  ctx.events.on('risks.results-updated', (payload) => onRiskResultsUpdated(ctx, payload));
}
