import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261205_05a_acceptance_authority: the approval of risk acceptances a client delegates to the
 * advisor holding its CISO seat (who, since when, up to what expected annual loss, recorded by
 * which executive), and whether the appetite verdict an acceptance was weighed on was settled by
 * the simulated years.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('gov_settings').addColumn('delegate_user_id', T.id).execute();
  await db.schema.alterTable('gov_settings').addColumn('delegation_limit', T.money).execute();
  await db.schema.alterTable('gov_settings').addColumn('delegated_on', T.date).execute();
  await db.schema.alterTable('gov_settings').addColumn('delegation_note', T.text).execute();
  await db.schema.alterTable('gov_settings').addColumn('delegation_recorded_by_user_id', T.id).execute();
  await db.schema.alterTable('gov_settings').addColumn('delegation_recorded_by_name', T.text).execute();
  await db.schema.alterTable('gov_settings').addColumn('delegation_recorded_at', T.timestamp).execute();
  await db.schema.alterTable('gov_acceptances').addColumn('appetite_settled', T.flag, (c) => c.notNull().defaultTo(1)).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
