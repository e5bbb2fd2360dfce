/**
 * Worker-thread entry of the parallel runner (loaded by piscina). A task joins a run whose
 * buffers are shared: it claims groups of risks until none is left, waits until every group
 * is done, then claims the portfolio summaries. It returns what it did; the results are in the
 * buffers.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { EventLimitError } from './model.js';
import { C_DONE_GROUPS, C_DONE_TASKS, C_FAILED, layoutRun, RunWorker, type RunBuffers, type RunSpec } from './run.js';

/** What the calling thread sends: the run's spec and its shared buffers. */
export interface WorkerTask {
  spec: RunSpec;
  buffers: RunBuffers;
}

/**
 * What a task did; `limit` when a risk drew more events than the engine holds (an error's class
 * does not survive the thread boundary, so it comes back as data and is thrown again there).
 */
export interface WorkerOutcome {
  groups: number;
  portfolios: number;
  limit?: { riskId: string; events: number };
}

export default function runTask(task: WorkerTask): WorkerOutcome {
  const control = task.buffers.control;
  try {
    const worker = new RunWorker(layoutRun(task.spec), task.buffers);
    const groups = worker.claimGroups();
    const total = worker.layout.groups.length;
    for (let done = Atomics.load(control, C_DONE_GROUPS); done < total; done = Atomics.load(control, C_DONE_GROUPS)) {
      if (Atomics.load(control, C_FAILED) !== 0) return { groups, portfolios: 0 };
      Atomics.wait(control, C_DONE_GROUPS, done, 100);
    }
    return { groups, portfolios: worker.claimPortfolios() };
  } catch (err) {
    Atomics.store(control, C_FAILED, 1);
    Atomics.notify(control, C_DONE_GROUPS);
    Atomics.notify(control, C_DONE_TASKS);
    if (err instanceof EventLimitError) return { groups: 0, portfolios: 0, limit: { riskId: err.riskId, events: err.events } };
    throw err;
  }
}

/** A thread started for one run (parallel.ts runInThread) gets its task as workerData and posts what it did. */
const data = workerData as { engineTask?: WorkerTask } | null;
if (!isMainThread && data?.engineTask && parentPort) parentPort.postMessage(runTask(data.engineTask));
