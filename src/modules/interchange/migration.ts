import { checkIn, T, type MigrationDb } from '../../server/db/ddl.js';
import { up as estateImportSettings } from '../estate/migration-interchange.js';

/**
 * 20261205_08_interchange: the estate import's settings (the client's words, replacement costs by
 * type; in the estate's folder), calendar feeds per person, webhooks per firm and their deliveries.
 */
export async function up(db: MigrationDb): Promise<void> {
  await estateImportSettings(db);
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('token_hash', T.text, (c) => c.notNull().unique())
    .addColumn('token_prefix', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', T.timestamp)
    .addColumn('revoked_at', T.timestamp)
    .execute();
  await db.schema.createIndex('calendar_feeds_user_idx').on('calendar_feeds').column('user_id').execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('url', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('secret', T.text, (c) => c.notNull())
    .addColumn('events', T.json, (c) => c.notNull())
    .addColumn('active', T.flag, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('created_by', T.text, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_firm_idx').on('webhooks').column('firm_id').execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('webhook_id', T.id, (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event', T.text, (c) => c.notNull())
    .addColumn('payload', T.json, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', ['pending', 'delivered', 'failed'])))
    .addColumn('attempts', T.int, (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', T.timestamp)
    .addColumn('last_status', T.int)
    .addColumn('last_error', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('delivered_at', T.timestamp)
    .execute();
  await db.schema.createIndex('webhook_deliveries_hook_idx').on('webhook_deliveries').columns(['webhook_id', 'created_at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
