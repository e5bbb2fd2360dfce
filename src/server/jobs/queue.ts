import type { Kysely, Transaction } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import { newId, toTimestamp } from '../db/conventions.js';
import type { JobsTable } from '../db/platform-tables.js';
import type { DB } from '../db/schema.js';

export interface Job {
  id: string;
  kind: string;
  clientId: string | null;
  payload: unknown;
  attempts: number;
}

export interface JobRun {
  job: Job;
  /** Records progress in [0, 1], shown by the web app while the job runs. */
  progress(fraction: number): Promise<void>;
}

export type JobHandler = (run: JobRun) => Promise<void>;

/** A periodic task: reads what is due from the database each time, so it survives restarts. */
export interface ScheduledTask {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

export interface EnqueueOptions {
  kind: string;
  clientId: string | null;
  payload: unknown;
  dedupeKey?: string | undefined;
  runAfter?: Date | undefined;
}

const MAX_ATTEMPTS = 3;

/**
 * Background jobs kept in the `jobs` table: queued in the same transaction as the change that
 * asks for them, claimed one at a time (safe with several server processes on PostgreSQL),
 * retried up to three times, and picked up again after a restart.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: ScheduledTask[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly scheduleTimers: NodeJS.Timeout[] = [];
  private running = 0;
  private stopped = true;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly options: { concurrency?: number; pollMs?: number } = {},
  ) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  schedule(task: ScheduledTask): void {
    this.schedules.push(task);
  }

  /** Queues a job inside the caller's transaction. */
  async enqueueIn(tx: Transaction<DB> | Kysely<DB>, options: EnqueueOptions): Promise<void> {
    const now = this.clock.now();
    await tx
      .insertInto('jobs')
      .values({
        id: newId(),
        kind: options.kind,
        client_id: options.clientId,
        dedupe_key: options.dedupeKey ?? null,
        payload: JSON.stringify(options.payload ?? null),
        status: 'queued',
        progress: 0,
        run_after: toTimestamp(options.runAfter ?? now),
        attempts: 0,
        created_at: toTimestamp(now),
      })
      // A job with the same dedupe key already queued covers this request.
      .onConflict((oc) => oc.doNothing())
      .execute();
    this.wake();
  }

  async enqueue(options: EnqueueOptions): Promise<void> {
    await this.enqueueIn(this.db, options);
  }

  /** Starts polling and the scheduled tasks. */
  async start(): Promise<void> {
    this.stopped = false;
    // Jobs left running by a process that stopped go back in the queue.
    const staleBefore = toTimestamp(new Date(this.clock.now().getTime() - 10 * 60_000));
    await this.db
      .updateTable('jobs')
      .set({ status: 'queued' })
      .where('status', '=', 'running')
      .where('started_at', '<', staleBefore)
      .execute();
    for (const task of this.schedules) {
      const tick = (): void => {
        if (this.stopped) return;
        void this.runTask(task).finally(() => {
          if (!this.stopped) this.scheduleTimers.push(setTimeout(tick, task.everyMs).unref());
        });
      };
      tick();
    }
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.scheduleTimers) clearTimeout(t);
    await this.whenIdle();
  }

  /** Resolves when no job is running in this process. */
  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Runs every due job and every scheduled task once, in this process; for the CLI and tests. */
  async runDue(): Promise<number> {
    for (const task of this.schedules) await this.runTask(task);
    let n = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return n;
      await this.execute(job);
      n += 1;
    }
  }

  /** Asks the poller to look for work now. */
  wake(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), 0);
    this.timer.unref();
  }

  private async runTask(task: ScheduledTask): Promise<void> {
    try {
      await task.run();
    } catch (err) {
      this.log.error({ err, task: task.name }, 'scheduled task failed');
    }
  }

  private async pump(): Promise<void> {
    const concurrency = this.options.concurrency ?? 2;
    try {
      while (!this.stopped && this.running < concurrency) {
        const job = await this.claim();
        if (!job) break;
        this.running += 1;
        void this.execute(job).finally(() => {
          this.running -= 1;
          if (this.running === 0) this.idleWaiters.splice(0).forEach((r) => r());
          this.wake();
        });
      }
    } catch (err) {
      this.log.error({ err }, 'job queue poll failed');
    }
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.pump(), this.options.pollMs ?? 2000);
      this.timer.unref();
    }
  }

  private async claim(): Promise<Job | null> {
    if (this.handlers.size === 0) return null;
    const now = toTimestamp(this.clock.now());
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', started_at: now, attempts: eb('attempts', '+', 1), progress: 0 }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'queued')
          .where('run_after', '<=', now)
          .where('kind', 'in', [...this.handlers.keys()])
          .orderBy('run_after')
          .orderBy('created_at')
          .limit(1),
      )
      // Another process may have claimed it between the select and the update.
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : null;
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const finish = async (fields: Partial<JobsTable>): Promise<void> => {
      await this.db.updateTable('jobs').set(fields).where('id', '=', job.id).execute();
    };
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler({
        job,
        progress: async (fraction) => {
          await this.db.updateTable('jobs').set({ progress: Math.max(0, Math.min(1, fraction)) }).where('id', '=', job.id).execute();
        },
      });
      await finish({ status: 'done', progress: 1, finished_at: toTimestamp(this.clock.now()), error: null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
      if (job.attempts < MAX_ATTEMPTS) {
        const retryAt = new Date(this.clock.now().getTime() + 5_000 * job.attempts);
        await finish({ status: 'queued', run_after: toTimestamp(retryAt), error: message, dedupe_key: null });
      } else {
        await finish({ status: 'failed', finished_at: toTimestamp(this.clock.now()), error: message });
      }
    }
  }
}

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    clientId: row.client_id,
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
  };
}
