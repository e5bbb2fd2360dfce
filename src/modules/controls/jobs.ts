import type { AppContext } from '../../server/context.js';
import { ensureBuiltinsForAllFirms } from './builtin.js';

/** The controls' schedule. */
export function controlsJobs(ctx: AppContext): void {
  // At start (and daily, for firms made since by another process): every firm has the built-in catalogues.
  ctx.jobs.schedule({ name: 'controls.builtin-catalogues', everyMs: 24 * 3600_000, run: () => ensureBuiltinsForAllFirms(ctx) });
}
