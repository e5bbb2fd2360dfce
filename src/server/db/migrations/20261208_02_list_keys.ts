import { T, type MigrationDb } from '../ddl.js';

/**
 * 20261208_02_list_keys: the keys of the paged lists outside the estate and the audit trail
 * (src/shared/paging.ts), each an index `(client_id, sort key…, id)` so that a page after a
 * cursor seeks in it; and the version of a client's stored risk results, which tells a cached
 * register that a recompute has written results (see src/modules/risks/register-cache.ts).
 * Additive only: new indexes and one column with a default.
 */
export async function up(db: MigrationDb): Promise<void> {
  const index = (name: string, table: string, columns: string[]) => db.schema.createIndex(name).on(table).columns(columns).execute();
  // Governance: decisions, acceptances and concerns, newest first (and acceptances by status).
  await index('gov_decisions_list_idx', 'gov_decisions', ['client_id', 'created_at', 'id']);
  await index('gov_acceptances_list_idx', 'gov_acceptances', ['client_id', 'created_at', 'id']);
  await index('gov_acceptances_status_list_idx', 'gov_acceptances', ['client_id', 'status', 'created_at', 'id']);
  await index('gov_concerns_list_idx', 'gov_concerns', ['client_id', 'created_at', 'id']);
  // Notifications: a person's newest first across their clients (the bell); a client's e-mails.
  await index('notifications_user_list_idx', 'notifications', ['user_id', 'created_at', 'id']);
  await index('notification_outbox_list_idx', 'notification_outbox', ['client_id', 'created_at', 'id']);
  // A client's jobs, newest first, of every kind or of one.
  await index('jobs_client_list_idx', 'jobs', ['client_id', 'created_at', 'id']);
  await index('jobs_client_kind_list_idx', 'jobs', ['client_id', 'kind', 'created_at', 'id']);
  // The register reads its scenarios in ref order.
  await index('risk_scenarios_list_idx', 'risk_scenarios', ['client_id', 'ref_number', 'id']);
  // Bumped by every batch of results a recompute writes before its run is stored.
  await db.schema.alterTable('risk_settings').addColumn('results_version', T.int, (c) => c.notNull().defaultTo(0)).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
