import type { FastifyInstance } from 'fastify';
import { closeAppContext } from './bootstrap.js';
import type { AppContext } from './context.js';

export interface StopOptions {
  /** TRIAD_SHUTDOWN_SECONDS: how long requests and jobs in flight may take to finish. */
  seconds: number;
  /** Where to say what happens (the terminal). */
  say: (line: string) => void;
  /** Called when the deadline is past and closing still has not finished (the CLI exits). */
  onDeadline?: () => void;
}

/**
 * Stops a server gracefully: the readiness probe turns 503, the listening socket closes (no new
 * connections; idle keep-alive ones close), requests in flight and running jobs may finish.
 * At the deadline the remaining connections are cut — a slow upload does not keep the process
 * alive — and `onDeadline` runs. Resolves with whether it had to force its way out.
 */
export async function gracefulStop(app: FastifyInstance, ctx: AppContext, options: StopOptions): Promise<{ forced: boolean }> {
  ctx.lifecycle.phase = 'stopping';
  let forced = false;
  const deadline = setTimeout(() => {
    forced = true;
    options.say(`Still busy after ${options.seconds} s: closing the remaining connections.`);
    app.server.closeAllConnections();
    options.onDeadline?.();
  }, options.seconds * 1000);
  try {
    await app.close();
    await closeAppContext(ctx);
  } finally {
    clearTimeout(deadline);
  }
  return { forced };
}
