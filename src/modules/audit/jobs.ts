import type { AppContext } from '../../server/context.js';
import { writeAllCheckpoints } from './checkpoints.js';
import { auditKeyOf } from './signing.js';

/** How often the firm's checkpoint chain takes in the audit chains that moved. */
export const CHECKPOINT_EVERY_MS = 10 * 60_000;

/** The audit trail's schedule: the checkpoints. */
export function auditJobs(ctx: AppContext): void {
  const key = auditKeyOf(ctx);
  ctx.jobs.schedule({
    name: 'audit.checkpoint',
    everyMs: CHECKPOINT_EVERY_MS,
    run: async () => {
      const outcome = await writeAllCheckpoints(ctx.database.db, ctx.clock.now(), key);
      for (const r of outcome.refused) ctx.log.error({ chainId: r.chainId, reason: r.reason }, 'an audit chain was not checkpointed: it does not follow from its last checkpoint (run `triad audit verify`)');
    },
  });
}
