import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261208_03a_saved_views: each person's saved views (named filters) of the long lists, one
 * name once per person and list.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('list_key', T.text, (c) => c.notNull())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('filters', T.json, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .addUniqueConstraint('saved_views_name_key', ['user_id', 'list_key', 'name'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
