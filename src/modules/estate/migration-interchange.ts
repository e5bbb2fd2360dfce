import { checkIn, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { SYSTEM_TYPES } from './vocab.js';

/** Part of 20261205_08_interchange (src/modules/interchange/migration.ts): the client's words for the import's closed lists, and replacement costs by type. */
export async function up(db: MigrationDb): Promise<void> {
  await createClientTable(db, 'estate_value_maps')
    .addColumn('kind', T.text, (c) => c.notNull())
    .addColumn('field', T.text, (c) => c.notNull())
    .addColumn('value_key', T.text, (c) => c.notNull())
    .addColumn('value', T.text, (c) => c.notNull())
    .addColumn('target', T.text, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_by', T.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('estate_value_maps_key_idx').on('estate_value_maps').columns(['client_id', 'kind', 'field', 'value_key']).unique().execute();

  await createClientTable(db, 'estate_replacement_costs')
    .addColumn('type', T.text, (c) => c.notNull().check(checkIn('type', SYSTEM_TYPES)))
    .addColumn('amount', T.money, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('estate_replacement_costs_type_idx').on('estate_replacement_costs').columns(['client_id', 'type']).unique().execute();
}
