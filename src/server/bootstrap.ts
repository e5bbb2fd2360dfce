import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { ManualClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { LogEvent } from 'kysely';
import { openDatabase } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { JobQueue } from './jobs/queue.js';
import { EventBus } from './events.js';
import { moduleJobs } from '../modules/jobs.js';
import { closeSimulationPool } from '../modules/risks/pool.js';
import { scheduleBackups } from './backup/schedule.js';
import { Lifecycle } from './lifecycle.js';

export interface ContextOptions {
  clock?: Clock;
  logger?: FastifyBaseLogger;
  /**
   * Apply pending migrations before returning (default). `triad serve` passes false: it listens
   * first, answering the readiness probe with "migrating", then calls migrateContext().
   */
  migrate?: boolean;
  /** Called after every statement (Kysely's log hook), for tests and benchmarks that count them. */
  onQuery?: (event: LogEvent) => void;
}

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off. */
function noColor(): boolean {
  return Boolean(process.env.NO_COLOR);
}

/**
 * Opens the database, applies pending migrations and registers every module's jobs: the
 * shared context of the server, the CLI and the tests.
 */
export async function createAppContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  // JSON logs for machines; readable lines when a person watches the terminal.
  const log =
    options.logger ??
    (process.stdout.isTTY && config.logLevel !== 'silent'
      ? pino({ level: config.logLevel, transport: { target: 'pino-pretty', options: { colorize: !noColor(), ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } })
      : pino({ level: config.logLevel }));
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, onQuery: options.onQuery });
  // End-to-end tests move time forward through /api/test/clock; nothing else ever does.
  const clock = options.clock ?? (config.testHooks ? new ManualClock(config.testNow ?? new Date()) : systemClock);
  const jobs = new JobQueue(database.db, clock, log);
  // prom-client is loaded only when metrics are on (TRIAD_METRICS=on).
  const metrics = config.metrics ? new (await import('./metrics.js')).Metrics(database) : null;
  const ctx: AppContext = { config, database, clock, jobs, events: new EventBus(log), log, lifecycle: new Lifecycle('starting'), metrics, auditListeners: [] };
  if (options.migrate !== false) {
    try {
      await migrateContext(ctx);
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  for (const m of moduleJobs) m.register(ctx);
  scheduleBackups(ctx);
  return ctx;
}

/** Applies pending migrations; the readiness probe says "migrating" meanwhile, then ready. */
export async function migrateContext(ctx: AppContext): Promise<void> {
  ctx.lifecycle.phase = 'migrating';
  await migrateToLatest(ctx.database);
  ctx.lifecycle.phase = 'ready';
}

/** Stops the jobs and the simulation threads, and closes the database. */
export async function closeAppContext(ctx: AppContext): Promise<void> {
  ctx.lifecycle.phase = 'stopping';
  await ctx.jobs.stop();
  await closeSimulationPool(ctx);
  await ctx.database.close();
}
