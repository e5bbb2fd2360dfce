/**
 * What a backup holds, and whether it is sound: it opens, SQLite's integrity check passes,
 * its migrations are ones this version knows, and every audit chain verifies.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { verifyChain } from '../../modules/audit/chain.js';
import { plural } from '../../shared/plural.js';
import type { DB } from '../db/schema.js';
import { migrations } from '../db/migrations/index.js';

export interface ChainReport {
  chain: string;
  name: string;
  entries: number;
  ok: boolean;
  reason: string | null;
}

export interface BackupReport {
  file: string;
  bytes: number;
  integrity: string;
  /** The last migration applied in the copy. */
  schema: string | null;
  /** Migrations in the copy that this version of Triad does not know (a newer Triad made it). */
  unknownMigrations: string[];
  firms: string[];
  users: number;
  clients: number;
  auditEntries: number;
  chains: ChainReport[];
  /** Rows per table. */
  tables: Record<string, number>;
  ok: boolean;
  problems: string[];
}

export async function inspectBackup(file: string): Promise<BackupReport> {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('schema_version');
  } catch (err) {
    throw new Error(`${file} is not a SQLite database Triad can open (${err instanceof Error ? err.message : String(err)})`);
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const problems: string[] = [];
    const integrity = (sqlite.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
    if (integrity !== 'ok') problems.push(`SQLite's integrity check failed: ${integrity}`);
    const tableNames = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
    if (!tableNames.includes('triad_migrations')) throw new Error(`${file} is a SQLite database but not a Triad one (it has no triad_migrations table)`);
    const applied = (sqlite.prepare('select name from triad_migrations order by name').all() as { name: string }[]).map((r) => r.name);
    const unknownMigrations = applied.filter((m) => !(m in migrations));
    if (unknownMigrations.length > 0) problems.push(`made by a newer Triad (migrations ${unknownMigrations.join(', ')} are unknown to this version)`);
    const tables: Record<string, number> = {};
    for (const name of tableNames) {
      if (name.startsWith('triad_migrations')) continue;
      tables[name] = (sqlite.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    }
    const firms = await db.selectFrom('firms').select(['id', 'name']).orderBy('created_at').execute();
    const clients = await db.selectFrom('clients').select(['id', 'name']).execute();
    const names = new Map<string, string>([...firms.map((f) => [f.id, `${f.name} (firm accounts)`] as const), ...clients.map((c) => [c.id, c.name] as const)]);
    const heads = await db.selectFrom('audit_heads').select('client_id').orderBy('client_id').execute();
    const chains: ChainReport[] = [];
    for (const h of heads) {
      const r = await verifyChain(db, h.client_id);
      chains.push({ chain: h.client_id, name: names.get(h.client_id) ?? h.client_id, entries: r.entries, ok: r.ok, reason: r.failure ? `entry ${r.failure.seq}: ${r.failure.reason}` : null });
      if (!r.ok) problems.push(`the audit trail of ${names.get(h.client_id) ?? h.client_id} does not verify (entry ${r.failure?.seq}: ${r.failure?.reason})`);
    }
    return {
      file,
      bytes: 0,
      integrity,
      schema: applied.at(-1) ?? null,
      unknownMigrations,
      firms: firms.map((f) => f.name),
      users: tables.users ?? 0,
      clients: tables.clients ?? 0,
      auditEntries: tables.audit_entries ?? 0,
      chains,
      tables,
      ok: problems.length === 0,
      problems,
    };
  } finally {
    await db.destroy();
  }
}


/** The report in a few lines for a person. */
export function describeBackup(r: BackupReport): string[] {
  const lines = [
    r.ok
      ? `Verified: the copy opens, its integrity check passes, and ${r.chains.length === 1 ? 'its audit chain verifies' : `all ${r.chains.length} audit chains verify`}.`
      : `NOT sound: ${r.problems.join('; ')}.`,
    `It holds ${plural(r.firms.length, 'firm')}${r.firms.length ? ` (${r.firms.join(', ')})` : ''}, ${plural(r.users, 'user')}, ${plural(r.clients, 'client')} and ${plural(r.auditEntries, 'audit entry', 'audit entries')}; schema at ${r.schema ?? '(none)'}.`,
  ];
  return lines;
}
