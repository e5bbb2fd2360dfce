import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type LogEvent } from 'kysely';
import { copyCapablePool } from './copy.js';
import type pg from 'pg';
import type { DB } from './schema.js';
import { TwoConnectionSqliteDialect } from './sqlite.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the one query layer (Kysely) over SQLite or PostgreSQL. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** Where the data lives, for messages: a file path or the PostgreSQL URL without password. */
  readonly location: string;
  /** The SQLite file, when the database is SQLite (for backups). */
  readonly file?: string;
  /** Connections: how many, how many idle, how many requests wait for one (metrics). */
  stats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /** Called after every statement (Kysely's log hook): tests and benchmarks count statements with it. */
  onQuery?: ((event: LogEvent) => void) | undefined;
}

let pgDriver: typeof pg | null = null;

/**
 * The PostgreSQL driver, loaded when a database URL is first opened (a SQLite installation never
 * needs it; pg is CommonJS, so it loads synchronously). PostgreSQL returns 64-bit integers and
 * numerics as strings; Triad's bigints are money in minor units and counts, far inside the 2^53
 * range, so both databases give numbers.
 */
function postgresDriver(): typeof pg {
  if (!pgDriver) {
    const driver = createRequire(import.meta.url)('pg') as typeof pg;
    driver.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
    driver.types.setTypeParser(1700, (v) => Number.parseFloat(v));
    pgDriver = driver;
  }
  return pgDriver;
}

/** Opens SQLite under `dataDir` (WAL mode), or PostgreSQL when `databaseUrl` is given. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new (postgresDriver().Pool)({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client's error (e.g. the server restarting) must not crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: copyCapablePool(pool) }), ...(options.onQuery ? { log: options.onQuery } : {}) });
    return {
      db,
      dialect: 'postgres',
      location: redactUrl(options.databaseUrl),
      stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'triad.db');
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // The reader opens after the writer has switched the file to WAL mode.
  const reader = new BetterSqlite3(file, { readonly: true });
  reader.pragma('busy_timeout = 10000');
  const dialect = new TwoConnectionSqliteDialect(sqlite, reader);
  const db = new Kysely<DB>({ dialect, ...(options.onQuery ? { log: options.onQuery } : {}) });
  return { db, dialect: 'sqlite', location: file, file, stats: () => dialect.stats(), close: () => db.destroy() };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * For the rest of the transaction `tx`, has PostgreSQL look rows up by index wherever one
 * applies (`set local enable_seqscan = off`); nothing on SQLite, whose planner takes the index
 * for a key lookup anyway. For a bulk load that looks up each batch's keys in a table it is
 * filling: the planner cannot know the new rows' values and takes a list of 500 keys for most of
 * the table, so it would read the whole growing table for every batch.
 */
export async function lookUpByIndex(database: Database, tx: Kysely<DB>): Promise<void> {
  if (database.dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(tx);
}

/**
 * Refreshes the query planner's statistics of a table after a bulk load: `ANALYZE` on
 * PostgreSQL (its autovacuum would get there, later); on SQLite `PRAGMA optimize`, which
 * analyses only where the statistics have drifted enough to matter.
 */
export async function analyze(database: Database, table: string): Promise<void> {
  if (database.dialect === 'postgres') await sql`analyze ${sql.table(table)}`.execute(database.db);
  else await sql`pragma optimize`.execute(database.db);
}
