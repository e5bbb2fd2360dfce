import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Command } from 'commander';
import { CliError, parseFormat, printJson } from '../output.js';
import { fileConfig, POSTGRES_BACKUP_HELP } from './backup.js';

/** The process id of a running `triad serve` on this database, if there is one. */
function runningServer(dbFile: string): number | null {
  const pidFile = `${dbFile}.pid`;
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // left behind by a server that did not stop cleanly
  }
}

/** What the database file holds now, in words, or null when it holds no firm. */
function liveContent(Sqlite: typeof BetterSqlite3, dbFile: string): string | null {
  const db = new Sqlite(dbFile, { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'firms'").get();
    if (!has) return null;
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const firms = count('firms');
    return firms === 0 ? null : `${firms} firm(s), ${count('users')} user(s), ${count('clients')} client(s), ${count('audit_entries')} audit entries`;
  } finally {
    db.close();
  }
}

/** `triad restore FILE`: puts a verified backup in place of the SQLite database. */
export function registerRestore(program: Command): void {
  program
    .command('restore <file>')
    .description('Replace the SQLite database with a backup, after verifying it; the server must be stopped')
    .option('--force', 'replace a database that holds data (it is kept beside as triad.db.before-restore-<time>)')
    .option('--format <format>', 'json or table', 'table')
    .action(async (file: string, opts: { force?: boolean; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const config = await fileConfig();
      if (config.databaseUrl) throw new CliError(`triad restore replaces the embedded SQLite database; ${POSTGRES_BACKUP_HELP}`, 2);
      const backup = path.resolve(file);
      if (!fs.existsSync(backup)) throw new CliError(`there is no file ${backup}`);
      const { inspectBackup, describeBackup } = await import('../../server/backup/inspect.js');
      let report;
      try {
        report = await inspectBackup(backup);
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err));
      }
      if (!report.ok) throw new CliError(`${backup} is not a sound backup, nothing was changed: ${report.problems.join('; ')}`, 3);

      const target = path.join(config.dataDir, 'triad.db');
      const pid = runningServer(target);
      if (pid !== null) throw new CliError(`a Triad server (process ${pid}) is using ${target}; stop it first, then restore`);
      let keptAt: string | null = null;
      if (fs.existsSync(target)) {
        const { default: Sqlite } = await import('better-sqlite3');
        const live = liveContent(Sqlite, target);
        if (live && !opts.force) {
          throw new CliError(`${target} is a live database (${live}); restoring would replace it. Run again with --force to replace it (the current database is kept beside it).`, 2);
        }
        // Fold the write-ahead log into the file, then move the file aside whole.
        const current = new Sqlite(target);
        current.pragma('wal_checkpoint(TRUNCATE)');
        current.close();
        keptAt = `${target}.before-restore-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;
        fs.renameSync(target, keptAt);
        for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
      }
      fs.mkdirSync(config.dataDir, { recursive: true });
      const partial = path.join(config.dataDir, `.triad.db.restoring-${process.pid}`);
      fs.copyFileSync(backup, partial);
      fs.renameSync(partial, target);
      // A backup from an older Triad is brought up to date now rather than at the next start.
      const { withApp } = await import('../context.js');
      await withApp(() => Promise.resolve());
      if (format === 'json') printJson({ restored: backup, into: target, previousKeptAt: keptAt, backup: report });
      else {
        process.stdout.write(`Restored ${backup} into ${target}.\n`);
        if (keptAt) process.stdout.write(`The database it replaced is kept at ${keptAt}.\n`);
        for (const line of describeBackup(report)) process.stdout.write(`${line}\n`);
      }
    });
}
