import type { AppContext } from '../../server/context.js';

/** The controls' schedule. The catalogue importer loads when the task first runs. */
export function controlsJobs(ctx: AppContext): void {
  // At start (and daily, for firms made since by another process): every firm has the built-in catalogues.
  ctx.jobs.schedule({
    name: 'controls.builtin-catalogues',
    everyMs: 24 * 3600_000,
    run: async () => {
      const { ensureBuiltinsForAllFirms } = await import('./builtin.js');
      await ensureBuiltinsForAllFirms(ctx);
    },
  });
}
