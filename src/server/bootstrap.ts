import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { ManualClock, systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { JobQueue } from './jobs/queue.js';
import { EventBus } from './events.js';
import { modules } from '../modules/index.js';
import { closeSimulationPool } from '../modules/risks/pool.js';

export interface ContextOptions {
  clock?: Clock;
  logger?: FastifyBaseLogger;
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
      ? pino({ level: config.logLevel, transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } })
      : pino({ level: config.logLevel }));
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  // End-to-end tests move time forward through /api/test/clock; nothing else ever does.
  const clock = options.clock ?? (config.testHooks ? new ManualClock(new Date()) : systemClock);
  const jobs = new JobQueue(database.db, clock, log);
  const ctx: AppContext = { config, database, clock, jobs, events: new EventBus(log), log };
  for (const m of modules) m.jobs?.(ctx);
  return ctx;
}

/** Stops the jobs and the simulation threads, and closes the database. */
export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.jobs.stop();
  await closeSimulationPool(ctx);
  await ctx.database.close();
}
