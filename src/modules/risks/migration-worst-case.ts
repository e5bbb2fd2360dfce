import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261205_05b_worst_case: the client's gross margin (the share of lost revenue actually lost,
 * used to price business interruption) and the ransomware scenario the worst-case one-pager is
 * priced from (the largest when first computed; afterwards only an advisor changes it).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('risk_settings').addColumn('gross_margin', T.real).execute();
  await db.schema.alterTable('risk_settings').addColumn('worst_case_scenario_id', T.id).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
