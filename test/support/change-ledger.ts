/**
 * A cheap, exact digest of a test database: triggers on every table append one row to
 * `test_change_ledger` for each row inserted, deleted or really changed (an update that leaves
 * every column as it was does not count). The ledger's highest sequence number is then the
 * digest: equal before and after a request means the request committed no change anywhere,
 * and the rows after a mark name the tables it changed. Rolled-back changes leave no trace,
 * as the ledger's rows roll back with them. For test databases only.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/index.js';

/**
 * Columns that change on every authenticated request by design (when a session or token was
 * last used); a change to them alone is not a change of stored data.
 */
export const HOUSEKEEPING_COLUMNS: Record<string, readonly string[]> = {
  sessions: ['last_seen_at'],
  api_tokens: ['last_used_at'],
};

/**
 * Tables that count attempts rather than hold data: a refused sign-in is counted there by design
 * (that is the limit), so a change to them is not a change of stored data.
 */
export const HOUSEKEEPING_TABLES: ReadonlySet<string> = new Set(['signin_limits']);

const LEDGER = 'test_change_ledger';

export interface ChangeLedger {
  /** The digest now: the ledger's highest sequence number. */
  mark(): Promise<number>;
  /** The tables changed since a mark, with how many rows, e.g. `{ estate_vendors: 1 }`. */
  changedSince(mark: number): Promise<Record<string, number>>;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Installs the ledger and its triggers on every table of the database (after migrations). */
export async function installChangeLedger(database: Database): Promise<ChangeLedger> {
  const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const tables = (await database.db.introspection.getTables()).filter((t) => !t.isView && !t.name.startsWith('kysely_') && t.name !== LEDGER && !HOUSEKEEPING_TABLES.has(t.name));
  if (database.dialect === 'postgres') {
    await sql.raw(`create table ${LEDGER} (seq bigserial primary key, tbl text not null)`).execute(db);
    await sql
      .raw(`create function test_change_ledger_note() returns trigger language plpgsql as $$ begin insert into ${LEDGER} (tbl) values (TG_TABLE_NAME); return null; end $$`)
      .execute(db);
    for (const t of tables) {
      const ignored = new Set(HOUSEKEEPING_COLUMNS[t.name] ?? []);
      const cols = t.columns.map((c) => c.name).filter((c) => !ignored.has(c));
      const row = (side: string): string => `row(${cols.map((c) => `${side}.${quote(c)}`).join(', ')})`;
      const name = quote(t.name);
      await sql.raw(`create trigger ${quote(`tcl_${t.name}_id`)} after insert or delete on ${name} for each row execute function test_change_ledger_note()`).execute(db);
      await sql.raw(`create trigger ${quote(`tcl_${t.name}_u`)} after update on ${name} for each row when (${row('old')} is distinct from ${row('new')}) execute function test_change_ledger_note()`).execute(db);
    }
  } else {
    await sql.raw(`create table ${LEDGER} (seq integer primary key autoincrement, tbl text not null)`).execute(db);
    for (const t of tables) {
      const ignored = new Set(HOUSEKEEPING_COLUMNS[t.name] ?? []);
      const cols = t.columns.map((c) => c.name).filter((c) => !ignored.has(c));
      const name = quote(t.name);
      const note = `insert into ${LEDGER} (tbl) values ('${t.name.replace(/'/g, "''")}');`;
      const changed = cols.map((c) => `old.${quote(c)} is not new.${quote(c)}`).join(' or ');
      await sql.raw(`create trigger ${quote(`tcl_${t.name}_i`)} after insert on ${name} begin ${note} end`).execute(db);
      await sql.raw(`create trigger ${quote(`tcl_${t.name}_d`)} after delete on ${name} begin ${note} end`).execute(db);
      await sql.raw(`create trigger ${quote(`tcl_${t.name}_u`)} after update on ${name} when ${changed || '0'} begin ${note} end`).execute(db);
    }
  }
  const ledger = db as unknown as Kysely<{ test_change_ledger: { seq: number; tbl: string } }>;
  return {
    mark: async () => {
      const row = await ledger.selectFrom(LEDGER).select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
      return Number(row?.seq ?? 0);
    },
    changedSince: async (mark) => {
      const rows = await ledger.selectFrom(LEDGER).select(['tbl']).select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '>', mark).groupBy('tbl').execute();
      return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
    },
  };
}
