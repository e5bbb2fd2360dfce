/**
 * The parallel runner for Node: worker threads that simulate risk models with shared memory,
 * either a reusable pool (piscina, for a server) or threads started for one run and stopped
 * after it (a one-shot command). Groups of risks and then the portfolio summaries are claimed
 * through atomic counters, and because random streams are keyed by (seed, risk id, block of
 * years, purpose) and every sum runs in a fixed order, the output is byte-identical whatever the
 * number of threads.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { EventLimitError, type RiskModel } from './model.js';
import type { DetailedSimulation, SimulationProgress, SimulationResult } from './result.js';
import {
  C_DONE_GROUPS,
  C_DONE_TASKS,
  C_FAILED,
  allocateBuffers,
  assemble,
  layoutRun,
  PORTFOLIO_TASKS,
  resolveRun,
  RunWorker,
  workUnits,
  type SimulateOptions,
} from './run.js';
import { checkRunOptions, ModelValidationError, parseModel } from './validate.js';
import type { WorkerOutcome, WorkerTask } from './worker.js';

/**
 * A worker thread's young generation, in MB. Its work lives in the run's shared buffers and its
 * own asm.js heap, so it makes little garbage; V8's default would let it grow to 16 MB or more.
 */
const WORKER_YOUNG_GENERATION_MB = 2;

/** Options of a {@link SimulationPool}. */
export interface SimulationPoolOptions {
  /** Threads that compute; default: the machine's available parallelism. */
  threads?: number;
  /**
   * Whether the calling thread computes too (then the pool starts threads − 1 workers). Right for
   * a one-shot command; a server keeps it false so that its event loop stays free.
   */
  useCallingThread?: boolean;
}

/** The compiled worker next to this file, or, when this file runs from the TypeScript source (tests), the build's. */
function workerFile(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/src/engine/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`the engine's worker is not built (looked for ${beside} and ${built}); run \`npm run build\``);
}

interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, timeout?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Waits without blocking the event loop until control[index] reaches target; false if a thread failed. */
async function waitFor(control: Int32Array, index: number, target: number, tick?: () => void): Promise<boolean> {
  const atomics = Atomics as unknown as AtomicsWaitAsync;
  for (;;) {
    if (Atomics.load(control, C_FAILED) !== 0) return false;
    const value = Atomics.load(control, index);
    if (value >= target) return true;
    const wait = atomics.waitAsync(control, index, value, 250);
    if (wait.async) await wait.value;
    tick?.();
  }
}

/**
 * Runs a model on shared buffers: `workers` tasks started by `start` (each claims groups and
 * summaries until none is left) and, when `local`, the calling thread too.
 */
async function runShared(
  model: RiskModel,
  options: SimulateOptions,
  threads: number,
  local: boolean,
  start: (task: WorkerTask) => Promise<WorkerOutcome>,
): Promise<SimulationResult | DetailedSimulation> {
  const spec = resolveRun(parseModel(model), options);
  const layout = layoutRun(spec);
  const buffers = allocateBuffers(layout, true, threads);
  const control = buffers.control;
  const total = workUnits(layout);
  const onProgress = options.onProgress;
  let reported = -1;
  const tick = onProgress
    ? (): void => {
        const done = Atomics.load(control, C_DONE_GROUPS) + Atomics.load(control, C_DONE_TASKS);
        if (done !== reported) {
          reported = done;
          onProgress({ done, total } satisfies SimulationProgress);
        }
      }
    : undefined;

  let failure: unknown = null;
  const fail = (): void => {
    Atomics.store(control, C_FAILED, 1);
    Atomics.notify(control, C_DONE_GROUPS);
    Atomics.notify(control, C_DONE_TASKS);
  };
  const tasks: Promise<void>[] = [];
  const task: WorkerTask = { spec, buffers };
  for (let i = 0; i < (local ? threads - 1 : threads); i++) {
    tasks.push(
      start(task).then(
        (outcome: WorkerOutcome) => {
          if (outcome.limit) failure ??= new EventLimitError(outcome.limit.riskId, outcome.limit.events);
        },
        (err: unknown) => {
          failure ??= err;
          fail();
        },
      ),
    );
  }
  const worker = local ? new RunWorker(layout, buffers) : null;
  let ok: boolean;
  try {
    worker?.claimGroups(tick);
    ok = await waitFor(control, C_DONE_GROUPS, layout.groups.length, tick);
    if (ok) {
      worker?.claimPortfolios(tick);
      ok = await waitFor(control, C_DONE_TASKS, PORTFOLIO_TASKS, tick);
    }
  } catch (err) {
    // The calling thread's share failed: the workers stop at their next check.
    fail();
    throw err;
  }
  if (!ok) {
    // The workers return once they see the run failed; the one that failed says why.
    await Promise.all(tasks);
    if (failure instanceof EventLimitError) throw failure;
    const reason = failure instanceof Error ? failure.message : 'a worker thread failed';
    throw new Error(`simulation failed in a worker thread: ${reason}`);
  }
  return assemble(layout, buffers.summaries);
}

/**
 * A reusable pool of simulation threads. Keep one for the life of a server and call
 * {@link destroy} on shutdown. Runs may overlap; each uses the threads that are free.
 *
 * ```ts
 * const pool = new SimulationPool({ threads: 2 });
 * const result = await pool.simulate(model, { years: 100_000, seed: 1 });
 * const { result, detail } = await pool.simulate(model, { detail: true, onProgress: (p) => … });
 * await pool.destroy();
 * ```
 */
export class SimulationPool {
  /** Threads that compute, the calling thread included when it takes part. */
  readonly threads: number;
  private readonly useCallingThread: boolean;
  private readonly piscina: Piscina | null;
  private destroyed = false;

  constructor(options: SimulationPoolOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    const problems = checkRunOptions({ years: 1, seed: 0, threads });
    if (problems.length > 0) throw new ModelValidationError(problems);
    this.threads = threads;
    this.useCallingThread = options.useCallingThread === true;
    const workers = this.useCallingThread ? threads - 1 : threads;
    // Workers start now, so that they boot while the caller reads and checks its model. Piscina
    // is loaded only here, so that a one-shot run (simulateParallel) does not load it at all.
    if (workers > 0) {
      const { Piscina: Pool } = createRequire(import.meta.url)('piscina') as { Piscina: typeof Piscina };
      this.piscina = new Pool({
        filename: workerFile(),
        minThreads: workers,
        maxThreads: workers,
        idleTimeout: 60_000,
        concurrentTasksPerWorker: 1,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
    } else this.piscina = null;
  }

  /**
   * Simulates a model and returns the output contract, or `{ result, detail }` with
   * `detail: true`. The model is validated first (a {@link ModelValidationError} lists every
   * problem). `onProgress` is called on the calling thread as blocks and summaries complete.
   */
  simulate(model: RiskModel, options: SimulateOptions & { detail: true }): Promise<DetailedSimulation>;
  simulate(model: RiskModel, options?: SimulateOptions): Promise<SimulationResult>;
  async simulate(model: RiskModel, options: SimulateOptions = {}): Promise<SimulationResult | DetailedSimulation> {
    if (this.destroyed) throw new Error('the simulation pool has been destroyed');
    const piscina = this.piscina;
    const local = this.useCallingThread || !piscina;
    return runShared(model, options, this.threads, local, (task) => (piscina!.run(task) as Promise<WorkerOutcome>));
  }

  /** Stops the worker threads. Runs still in progress fail. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.piscina?.destroy();
  }
}

/** Runs one task on a worker thread started for it, which ends when the task does. */
function runInThread(task: WorkerTask): Promise<WorkerOutcome> {
  return new Promise((resolve, reject) => {
    let outcome: WorkerOutcome | null = null;
    const thread = new Worker(workerFile(), { workerData: { engineTask: task }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    thread.once('message', (message: WorkerOutcome) => {
      outcome = message;
    });
    thread.once('error', reject);
    thread.once('exit', (code) => {
      if (outcome) resolve(outcome);
      else reject(new Error(`the worker thread stopped (exit code ${code}) before it finished`));
    });
  });
}

/**
 * One-shot parallel simulation: the calling thread and `threads − 1` worker threads (default:
 * all cores), started for this run and stopped after it. Same output as {@link simulateModel}
 * for the same model, years and seed.
 */
export async function simulateParallel(model: RiskModel, options: SimulateOptions & { threads?: number; detail: true }): Promise<DetailedSimulation>;
export async function simulateParallel(model: RiskModel, options?: SimulateOptions & { threads?: number }): Promise<SimulationResult>;
export async function simulateParallel(model: RiskModel, options: SimulateOptions & { threads?: number } = {}): Promise<SimulationResult | DetailedSimulation> {
  const threads = options.threads ?? availableParallelism();
  const problems = checkRunOptions({ years: 1, seed: 0, threads });
  if (problems.length > 0) throw new ModelValidationError(problems);
  return runShared(model, options, threads, true, runInThread);
}
