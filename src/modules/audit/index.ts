import type { AppContext } from '../../server/context.js';
import type { TriadModule } from '../../server/module.js';
import { writeAllCheckpoints } from './checkpoints.js';
import { auditClientRoutes, auditFirmRoutes } from './routes.js';
import { auditKeyOf } from './signing.js';

/** How often the firm's checkpoint chain takes in the audit chains that moved. */
export const CHECKPOINT_EVERY_MS = 10 * 60_000;

/** The audit trail: hash-chained entries per client and firm, checkpoints, verification. */
export const auditModule: TriadModule = {
  name: 'audit',
  routes: auditFirmRoutes,
  clientRoutes: auditClientRoutes,
  jobs: (ctx: AppContext) => {
    const key = auditKeyOf(ctx);
    ctx.jobs.schedule({
      name: 'audit.checkpoint',
      everyMs: CHECKPOINT_EVERY_MS,
      run: async () => {
        const outcome = await writeAllCheckpoints(ctx.database.db, ctx.clock.now(), key);
        for (const r of outcome.refused) ctx.log.error({ chainId: r.chainId, reason: r.reason }, 'an audit chain was not checkpointed: it does not follow from its last checkpoint (run `triad audit verify`)');
      },
    });
  },
};
