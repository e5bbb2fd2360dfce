import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261209_01_risk_list_figures: what a register's list shows of each stored result, kept with
 * it when a recompute writes it, so that reading the list parses no result: the result's part of
 * its list entry serialised up to its share (list-json.ts, `resultFiguresJson`), and the current
 * probability of loss, which with the current mean (the `mean` column) gives the rating. Both
 * nullable: results stored before them are read as before, and written with them by the next
 * recompute. Additive only.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('risk_scenario_results').addColumn('list_figures', T.text).execute();
  await db.schema.alterTable('risk_scenario_results').addColumn('probability_of_loss', T.real).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
