import { hostname } from 'node:os';
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

export interface JobKindOptions {
  /**
   * Called once when a job of this kind fails for good (its handler failed, or its worker died,
   * on the last attempt), to leave the records it was making in a state that says so.
   */
  onGiveUp?: (job: Job, reason: string) => Promise<void>;
}

const MAX_ATTEMPTS = 3;
/** How long a worker's claim on a job holds without renewal. */
export const LEASE_MS = 20_000;
/** How often a running job's lease is renewed. */
const HEARTBEAT_MS = 5_000;
/** How often a started queue looks for jobs whose worker died. */
const SWEEP_MS = 5_000;

/** Whether a job is being worked on or waits to be: queued, or running under a lease that holds. */
export function jobIsLive(job: Pick<JobsTable, 'status' | 'lease_until' | 'started_at'>, now: Date): boolean {
  if (job.status === 'queued') return true;
  if (job.status !== 'running') return false;
  const until = job.lease_until ?? (job.started_at ? toTimestamp(new Date(new Date(job.started_at).getTime() + LEASE_MS)) : null);
  return until !== null && until > toTimestamp(now);
}

/**
 * Background jobs kept in the `jobs` table: queued in the same transaction as the change that
 * asks for them, claimed one at a time (safe with several server processes on PostgreSQL),
 * retried up to three times. A claim is a lease that the worker renews while the job runs; a
 * job whose worker died (a crash, `kill -9`) is found when its lease expires, by this or any
 * other server, and retried or failed with the reason.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly kindOptions = new Map<string, JobKindOptions>();
  /** This queue's name on the jobs it claims. */
  readonly workerId = `${hostname()}:${process.pid}:${newId().slice(-12)}`;
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Jobs this queue is running now: never taken for dead, whatever the clock says. */
  private readonly active = new Set<string>();
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

  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
    this.kindOptions.set(kind, options);
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

  /** Starts polling, the sweep for jobs whose worker died, and the scheduled tasks. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.reapExpired();
    const sweep = (): void => {
      if (this.stopped) return;
      void this.reapExpired()
        .then((n) => {
          if (n > 0) this.wake();
        })
        .catch((err: unknown) => this.log.error({ err }, 'job lease sweep failed'))
        .finally(() => {
          if (!this.stopped) this.sweepTimer = setTimeout(sweep, SWEEP_MS).unref();
        });
    };
    this.sweepTimer = setTimeout(sweep, SWEEP_MS).unref();
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
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
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
    await this.reapExpired();
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

  /**
   * Finds running jobs whose lease has expired (their worker died) and puts each back in the
   * queue, or fails it with the reason after its last attempt. Safe with several servers: a
   * job is taken over only while its row still shows the expired lease. Returns how many.
   */
  async reapExpired(): Promise<number> {
    const now = this.clock.now();
    const at = toTimestamp(now);
    const oldStart = toTimestamp(new Date(now.getTime() - LEASE_MS));
    const expired = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('status', '=', 'running')
      .where((eb) => eb.or([eb('lease_until', '<', at), eb.and([eb('lease_until', 'is', null), eb('started_at', '<', oldStart)])]))
      .execute();
    let n = 0;
    for (const row of expired) {
      if (row.worker === this.workerId && this.active.has(row.id)) {
        // Ours and running (the clock jumped, as a test's clock does): renew instead.
        await this.db.updateTable('jobs').set({ lease_until: this.leaseUntil() }).where('id', '=', row.id).where('worker', '=', this.workerId).execute();
        continue;
      }
      const since = row.lease_until ?? row.started_at ?? row.created_at;
      const reason = `the server running it stopped before it finished (its lease ran out at ${since})`;
      const last = row.attempts >= MAX_ATTEMPTS;
      let q = this.db
        .updateTable('jobs')
        .set(
          last
            ? { status: 'failed', finished_at: at, error: `${reason}; gave up after ${row.attempts} attempts`, worker: null, lease_until: null }
            : { status: 'queued', run_after: at, progress: 0, error: reason, dedupe_key: null, worker: null, lease_until: null },
        )
        .where('id', '=', row.id)
        .where('status', '=', 'running');
      q = row.lease_until === null ? q.where('lease_until', 'is', null) : q.where('lease_until', '=', row.lease_until);
      const result = await q.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      n += 1;
      this.log.warn({ jobId: row.id, kind: row.kind, attempts: row.attempts }, last ? 'job failed: its worker died on the last attempt' : 'job requeued: its worker died');
      if (last) await this.giveUp(toJob(row), `${reason}; gave up after ${row.attempts} attempts`);
    }
    return n;
  }

  private async giveUp(job: Job, reason: string): Promise<void> {
    try {
      await this.kindOptions.get(job.kind)?.onGiveUp?.(job, reason);
    } catch (err) {
      this.log.error({ err, jobId: job.id, kind: job.kind }, 'cleaning up after a failed job failed');
    }
  }

  private leaseUntil(): string {
    return toTimestamp(new Date(this.clock.now().getTime() + LEASE_MS));
  }

  private async claim(): Promise<Job | null> {
    if (this.handlers.size === 0) return null;
    const now = toTimestamp(this.clock.now());
    const row = await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', started_at: now, attempts: eb('attempts', '+', 1), progress: 0, worker: this.workerId, lease_until: this.leaseUntil() }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'queued')
          .where('run_after', '<=', now)
          .where('kind', 'in', [...this.handlers.keys()])
          .orderBy('run_after')
          .orderBy('created_at')
          // Jobs queued in one instant run in the order they were queued (ids are time-ordered and
          // count up within a millisecond): without it PostgreSQL takes tied rows in whatever
          // order the table holds them, and a webhook could announce an approval before its request.
          .orderBy('id')
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
    // Only while this worker still holds the job: one whose lease was taken over is no longer ours.
    const mine = () => this.db.updateTable('jobs').where('id', '=', job.id).where('worker', '=', this.workerId).where('status', '=', 'running');
    const finish = async (fields: Partial<JobsTable>): Promise<boolean> => {
      const result = await mine().set({ ...fields, worker: null, lease_until: null }).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    };
    const heartbeat = setInterval(() => {
      void mine()
        .set({ lease_until: this.leaseUntil() })
        .execute()
        .catch((err: unknown) => this.log.warn({ err, jobId: job.id }, 'could not renew a job lease'));
    }, HEARTBEAT_MS);
    heartbeat.unref();
    this.active.add(job.id);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler({
        job,
        progress: async (fraction) => {
          await mine().set({ progress: Math.max(0, Math.min(1, fraction)), lease_until: this.leaseUntil() }).execute();
        },
      });
      clearInterval(heartbeat);
      await finish({ status: 'done', progress: 1, finished_at: toTimestamp(this.clock.now()), error: null });
    } catch (err) {
      clearInterval(heartbeat);
      const message = err instanceof Error ? err.message : String(err);
      this.log.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
      if (job.attempts < MAX_ATTEMPTS) {
        const retryAt = new Date(this.clock.now().getTime() + 5_000 * job.attempts);
        await finish({ status: 'queued', run_after: toTimestamp(retryAt), error: message, dedupe_key: null });
      } else if (await finish({ status: 'failed', finished_at: toTimestamp(this.clock.now()), error: message })) {
        await this.giveUp(job, message);
      }
    } finally {
      this.active.delete(job.id);
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
