/**
 * Scheduled backups (TRIAD_BACKUP_DIR): every TRIAD_BACKUP_EVERY_HOURS the server copies its
 * SQLite database to `triad-<UTC time>.db` in that folder, verifies the copy, and keeps the
 * newest TRIAD_BACKUP_KEEP. The task looks at the folder each time, so a restart neither skips
 * a backup nor takes an extra one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context.js';
import { describeBackup, inspectBackup } from './inspect.js';
import { backupSqlite } from './sqlite-backup.js';

const NAME_RE = /^triad-(\d{8}T\d{6}Z)\.db$/;

/** `triad-20261205T031500Z.db` for a time. */
export function backupName(at: Date): string {
  return `triad-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}.db`;
}

function takenAt(name: string): number | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const s = m[1]!;
  return Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

/** The scheduled backups in the folder, newest first. */
export function listBackups(dir: string): { name: string; at: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, at: takenAt(name) }))
    .filter((b): b is { name: string; at: number } => b.at !== null)
    .sort((a, b) => b.at - a.at);
}

/** Takes a backup when the newest is older than the interval, then keeps only the newest few. */
export async function runScheduledBackup(ctx: AppContext): Promise<string | null> {
  const dir = ctx.config.backupDir;
  const source = ctx.database.file;
  if (!dir || !source) return null;
  const now = ctx.clock.now();
  const newest = listBackups(dir)[0];
  if (newest && now.getTime() - newest.at < ctx.config.backupEveryHours * 3_600_000) return null;
  const file = path.join(dir, backupName(now));
  const { bytes, seconds } = await backupSqlite(source, file);
  const report = await inspectBackup(file);
  if (report.ok) {
    ctx.log.info({ file, bytes, seconds, clients: report.clients, auditEntries: report.auditEntries }, `backup written: ${describeBackup(report).join(' ')}`);
  } else {
    fs.renameSync(file, `${file}.unsound`);
    ctx.log.error({ file, problems: report.problems }, 'the backup just taken does not verify; it was kept as .unsound and not counted');
    return null;
  }
  for (const old of listBackups(dir).slice(ctx.config.backupKeep)) {
    fs.rmSync(path.join(dir, old.name), { force: true });
    ctx.log.info({ file: old.name }, 'old backup removed');
  }
  return file;
}

export function scheduleBackups(ctx: AppContext): void {
  if (!ctx.config.backupDir || ctx.database.dialect !== 'sqlite') return;
  const every = ctx.config.backupEveryHours * 3_600_000;
  ctx.jobs.schedule({ name: 'backup', everyMs: Math.max(60_000, Math.min(every / 4, 15 * 60_000)), run: async () => void (await runScheduledBackup(ctx)) });
}
