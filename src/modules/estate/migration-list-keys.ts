import { sql } from 'kysely';
import type { MigrationDb } from '../../server/db/ddl.js';
import { naturalKeyType } from '../../server/db/natural-key.js';
import { ESTATE_SORT_KEYS } from './sort-keys.js';

/**
 * 20261208_01_estate_list_keys: the estate's lists page by keyset (docs/api.md, "Lists"). Names
 * sort in natural order ("Laptop 2" before "Laptop 10") by a stored key (naturalKey), written
 * with every insert and update and filled in here for the rows there are; every order a list
 * offers has its index `(client_id, key, id)`, so a deep page costs what the first one does.
 * Two indexes become prefixes of the new ones and go.
 */
export async function up(db: MigrationDb): Promise<void> {
  const keyType = naturalKeyType(db);
  for (const [table, columns] of Object.entries(ESTATE_SORT_KEYS)) {
    for (const c of columns) {
      await db.schema.alterTable(table).addColumn(c.column, keyType, (col) => (c.nullable ? col : col.notNull().defaultTo(''))).execute();
    }
  }
  for (const table of Object.keys(ESTATE_SORT_KEYS) as (keyof typeof ESTATE_SORT_KEYS)[]) await backfill(db, table);

  const index = (table: string, name: string, column: string) => db.schema.createIndex(`${table}_${name}_idx`).on(table).columns(['client_id', column, 'id']).execute();
  await db.schema.dropIndex('estate_systems_eol_idx').execute();
  await db.schema.dropIndex('estate_systems_warranty_idx').execute();
  await db.schema.dropIndex('estate_contracts_renewal_idx').execute();
  await index('estate_systems', 'name_sort', 'name_sort');
  await index('estate_systems', 'tag_sort', 'asset_tag_sort');
  await index('estate_systems', 'eol_sort', 'end_of_life');
  await index('estate_systems', 'warranty_sort', 'warranty_end');
  await index('estate_systems', 'purchase_sort', 'purchase_date');
  await index('estate_services', 'name_sort', 'name_sort');
  await index('estate_services', 'downtime_sort', 'downtime_cost_per_hour');
  await index('estate_vendors', 'name_sort', 'name_sort');
  await index('estate_contracts', 'reference_sort', 'reference_sort');
  await index('estate_contracts', 'renewal_sort', 'renewal_date');
  await index('estate_contracts', 'cost_sort', 'annual_cost');
  await index('estate_datasets', 'name_sort', 'name_sort');
  await index('estate_datasets', 'records_sort', 'records');
  await index('estate_grants', 'grantee_sort', 'grantee_sort');
  await index('estate_grants', 'since_sort', 'since');
}

/** Writes the keys of the rows there are, a thousand rows a statement. */
async function backfill(db: MigrationDb, table: keyof typeof ESTATE_SORT_KEYS): Promise<void> {
  const columns = ESTATE_SORT_KEYS[table];
  const sources = [...new Set(columns.map((c) => c.from))];
  const rows = (await sql<Record<string, string | null>>`select client_id, id, ${sql.join(sources.map((s) => sql.ref(s)))} from ${sql.table(table)}`.execute(db)).rows;
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    // (values …) names its columns column1, column2, … on both databases.
    const values = sql.join(part.map((r) => sql`(${sql.join([r.client_id, r.id, ...columns.map((c) => c.key(r[c.from] ?? null))])})`));
    const set = sql.join(columns.map((c, n) => sql`${sql.ref(c.column)} = v.${sql.ref(`k${n}`)}`));
    const named = sql.join([sql`column1 as client_id`, sql`column2 as id`, ...columns.map((_, n) => sql`${sql.ref(`column${n + 3}`)} as ${sql.ref(`k${n}`)}`)]);
    await sql`update ${sql.table(table)} set ${set} from (select ${named} from (values ${values}) as x) as v where ${sql.table(table)}.client_id = v.client_id and ${sql.table(table)}.id = v.id`.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
