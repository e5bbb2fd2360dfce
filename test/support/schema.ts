import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';
import type { DialectName } from '../../src/server/db/index.js';

export interface TableShape {
  columns: Record<string, { type: string; nullable: boolean }>;
  primaryKey: string[];
  /** Foreign keys as "col1,col2 -> table(col1,col2)". */
  foreignKeys: string[];
}
export type SchemaShape = Record<string, TableShape>;

// PostgreSQL's names for the column types Triad uses, in the words of src/server/db/ddl.ts.
const PG_TYPES: Record<string, string> = { int8: 'bigint', int4: 'integer', float8: 'double precision', text: 'text', int2: 'smallint', bool: 'boolean', bytea: 'blob' };

/** The tables, columns, primary and foreign keys of a database, in one vocabulary for both dialects. */
export async function introspect(db: Kysely<DB>, dialect: DialectName): Promise<SchemaShape> {
  const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('triad_migrations') && !t.isView);
  const shape: SchemaShape = {};
  for (const t of tables) {
    const columns: TableShape['columns'] = {};
    for (const c of t.columns) columns[c.name] = { type: (dialect === 'postgres' ? PG_TYPES[c.dataType] : undefined) ?? c.dataType.toLowerCase(), nullable: c.isNullable };
    let primaryKey: string[];
    let foreignKeys: string[];
    if (dialect === 'sqlite') {
      const info = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${t.name})`.execute(db);
      primaryKey = info.rows.filter((r) => r.pk > 0).sort((a, b) => a.pk - b.pk).map((r) => r.name);
      const fks = await sql<{ id: number; seq: number; table: string; from: string; to: string }>`select id, seq, "table", "from", "to" from pragma_foreign_key_list(${t.name})`.execute(db);
      const byId = new Map<number, { table: string; from: string[]; to: string[] }>();
      for (const r of fks.rows.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
        const e = byId.get(r.id) ?? { table: r.table, from: [], to: [] };
        e.from.push(r.from);
        e.to.push(r.to);
        byId.set(r.id, e);
      }
      foreignKeys = [...byId.values()].map((e) => `${e.from.join(',')} -> ${e.table}(${e.to.join(',')})`);
    } else {
      const pk = await sql<{ column_name: string }>`
        select a.attname as column_name from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = ${t.name}::regclass and i.indisprimary
        order by array_position(i.indkey, a.attnum)`.execute(db);
      primaryKey = pk.rows.map((r) => r.column_name);
      const fks = await sql<{ def: string; cols: string[]; ftable: string; fcols: string[] }>`
        select c.conname as def,
          array(select a.attname::text from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as cols,
          cf.relname as ftable,
          array(select a.attname::text from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o) as fcols
        from pg_constraint c join pg_class cf on cf.oid = c.confrelid
        where c.contype = 'f' and c.conrelid = ${t.name}::regclass`.execute(db);
      foreignKeys = fks.rows.map((r) => `${r.cols.join(',')} -> ${r.ftable}(${r.fcols.join(',')})`);
    }
    shape[t.name] = { columns, primaryKey, foreignKeys: foreignKeys.sort() };
  }
  return Object.fromEntries(Object.entries(shape).sort(([a], [b]) => a.localeCompare(b)));
}
