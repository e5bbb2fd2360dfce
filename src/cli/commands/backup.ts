import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, parseFormat, printJson } from '../output.js';

/** What to do instead with PostgreSQL, where pg_dump and pg_restore make the backups. */
export const POSTGRES_BACKUP_HELP = [
  'this installation uses PostgreSQL (DATABASE_URL), and PostgreSQL\'s own tools back it up consistently while Triad runs:',
  '  pg_dump --format=custom --file "triad-$(date -u +%Y%m%dT%H%M%SZ).dump" "$DATABASE_URL"',
  'restore one into an empty database with',
  '  pg_restore --no-owner --no-privileges --dbname "$DATABASE_URL" triad-….dump',
  'then `triad audit verify` checks the audit chains (see README, Backups).',
].join('\n');

/** Loads the configuration for a command that works on the database file itself. */
export async function fileConfig() {
  const { loadConfig, ConfigError } = await import('../../server/config.js');
  try {
    return loadConfig(process.env, { logLevel: 'silent' });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;
}

/** `triad backup --out FILE`: a consistent online copy of the SQLite database, verified. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Copy the SQLite database while the server runs (one consistent snapshot), verify the copy and say what it holds')
    .requiredOption('--out <file>', 'where to write the copy')
    .option('--force', 'replace the file if it exists')
    .option('--format <format>', 'json or table', 'table')
    .action(async (opts: { out: string; force?: boolean; format: string }) => {
      const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
      const config = await fileConfig();
      if (config.databaseUrl) throw new CliError(`triad backup copies the embedded SQLite database; ${POSTGRES_BACKUP_HELP}`, 2);
      const source = path.join(config.dataDir, 'triad.db');
      if (!fs.existsSync(source)) throw new CliError(`there is no database at ${source} (TRIAD_DATA_DIR)`);
      const out = path.resolve(opts.out);
      if (fs.existsSync(out) && !opts.force) throw new CliError(`${out} exists; choose another file or pass --force to replace it`, 2);
      const { backupSqlite } = await import('../../server/backup/sqlite-backup.js');
      const { inspectBackup, describeBackup } = await import('../../server/backup/inspect.js');
      if (opts.force) fs.rmSync(out, { force: true });
      const { bytes, seconds } = await backupSqlite(source, out);
      const report = { ...(await inspectBackup(out)), bytes, seconds };
      if (format === 'json') printJson(report);
      else {
        process.stdout.write(`Backup of ${source} written to ${out} (${formatBytes(bytes)}) in ${seconds.toFixed(1)} s.\n`);
        for (const line of describeBackup(report)) process.stdout.write(`${line}\n`);
      }
      if (!report.ok) throw new CliError(`the copy at ${out} does not verify: ${report.problems.join('; ')}`, 3);
    });
}
