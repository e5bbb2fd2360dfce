import type { TriadModule } from '../../server/module.js';
import { governanceDemo } from './demo.js';
import { governanceRoutes } from './routes.js';
import { EXPIRY_TASK_EVERY_MS, onRiskResultsUpdated, runAcceptanceSchedule } from './schedule.js';

/**
 * Governance: the CIO, CTO and CISO seats and their charter, computed governance checks,
 * decisions with each seat's position and escalation to the executives, concerns (no
 * blindsiding) and risk acceptances with their authority, expiry and re-approval.
 */
export const governanceModule: TriadModule = {
  name: 'governance',
  clientRoutes: governanceRoutes,
  jobs: (ctx) => {
    ctx.jobs.schedule({
      name: 'governance.acceptances',
      everyMs: EXPIRY_TASK_EVERY_MS,
      run: async () => {
        await runAcceptanceSchedule(ctx);
      },
    });
    ctx.events.on('risks.results-updated', (payload) => onRiskResultsUpdated(ctx, payload));
  },
  demo: governanceDemo,
};
