import type { MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261208_03_audit_filters: indexes for the trail's filters, each ending in `seq` so a filtered
 * page is read newest first straight from the index: by person (`actor_id`; Triad itself is
 * null), by record (`entity_type`, `entity_id`: replaces the index without `seq`, which it
 * covers), by action; and by time (`at`) for a range of days.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('audit_entries_actor_idx').on('audit_entries').columns(['client_id', 'actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_entries_record_idx').on('audit_entries').columns(['client_id', 'entity_type', 'entity_id', 'seq']).execute();
  await db.schema.dropIndex('audit_entries_entity_idx').execute();
  await db.schema.createIndex('audit_entries_action_idx').on('audit_entries').columns(['client_id', 'action', 'seq']).execute();
  await db.schema.createIndex('audit_entries_at_idx').on('audit_entries').columns(['client_id', 'at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
