/**
 * The server's simulation runner: ONE long-lived pool of engine worker threads per AppContext,
 * created on first use and destroyed when the context closes (closeAppContext). Simulations
 * then run off the event loop, so API requests are served while a client's register recomputes.
 * The engine's parallel runner (and piscina) is imported only when the first simulation runs.
 */
import { availableParallelism } from 'node:os';
import type { AppContext } from '../../server/context.js';
import type { DetailedSimulation, RiskModel, SimulateOptions } from '../../engine/index.js';
import type { SimulationPool } from '../../engine/parallel.js';
import { VERSION } from '../../server/version.js';

export interface Simulator {
  /** Simulates with detail (curves, residual appetite); same numbers as `triad simulate` for the same model. */
  simulate(model: RiskModel, options: Omit<SimulateOptions, 'detail' | 'version'>): Promise<DetailedSimulation>;
  /** 'threads' when worker threads run it, 'in-process' when they could not start. */
  readonly mode: 'threads' | 'in-process';
}

const pools = new WeakMap<AppContext, Promise<{ pool: SimulationPool | null; simulator: Simulator }>>();

/**
 * Threads the server simulates with: TRIAD_SIM_THREADS, else all cores but one, so that one
 * core stays with the event loop that answers requests.
 */
export function simulationThreads(ctx: AppContext): number {
  return ctx.config.simulationThreads ?? Math.max(1, availableParallelism() - 1);
}

async function createSimulator(ctx: AppContext): Promise<{ pool: SimulationPool | null; simulator: Simulator }> {
  const engine = await import('../../engine/index.js');
  try {
    const { SimulationPool } = await import('../../engine/parallel.js');
    const pool = new SimulationPool({ threads: simulationThreads(ctx), useCallingThread: false });
    return {
      pool,
      simulator: { mode: 'threads', simulate: (model, options) => pool.simulate(model, { ...options, detail: true, version: VERSION }) },
    };
  } catch (err) {
    // Running from the TypeScript sources without a build: the worker file does not exist.
    ctx.log.warn({ err }, 'simulation worker threads unavailable; simulating on the main thread');
    return {
      pool: null,
      simulator: { mode: 'in-process', simulate: (model, options) => Promise.resolve(engine.simulateModel(model, { ...options, detail: true, version: VERSION })) },
    };
  }
}

/** The context's simulator, created on first use. */
export async function getSimulator(ctx: AppContext): Promise<Simulator> {
  let entry = pools.get(ctx);
  if (!entry) {
    entry = createSimulator(ctx).then((made) => ({ ...made, simulator: timed(ctx, made.simulator) }));
    pools.set(ctx, entry);
  }
  return (await entry).simulator;
}

/** Records each simulation's time in the metrics (TRIAD_METRICS=on). */
function timed(ctx: AppContext, simulator: Simulator): Simulator {
  const metrics = ctx.metrics;
  if (!metrics) return simulator;
  return {
    mode: simulator.mode,
    simulate: async (model, options) => {
      const end = metrics.simulations.startTimer({ mode: simulator.mode });
      try {
        return await simulator.simulate(model, options);
      } finally {
        end();
      }
    },
  };
}

/** Stops the context's worker threads, if any were started. */
export async function closeSimulationPool(ctx: AppContext): Promise<void> {
  const entry = pools.get(ctx);
  if (!entry) return;
  pools.delete(ctx);
  const { pool } = await entry;
  await pool?.destroy();
}
