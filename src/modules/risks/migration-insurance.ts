import { clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261205_05_insurance: a client's insurance policies (insurer, premium, deductible, limit per
 * event, annual aggregate, renewal date) and the scenarios each covers (all of them when
 * `covers_all`), simulated with the register (contract version 2 of the risk model).
 */
export async function up(db: MigrationDb): Promise<void> {
  await createClientTable(db, 'risk_policies')
    .addColumn('ref', T.text, (c) => c.notNull())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('insurer', T.text, (c) => c.notNull())
    .addColumn('premium', T.money, (c) => c.notNull())
    .addColumn('deductible', T.money, (c) => c.notNull())
    .addColumn('event_limit', T.money, (c) => c.notNull())
    .addColumn('aggregate_limit', T.money)
    .addColumn('renewal_on', T.date)
    .addColumn('covers_all', T.flag, (c) => c.notNull())
    .addColumn('notes', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_policies_ref_idx').on('risk_policies').columns(['client_id', 'ref']).unique().execute();

  let covered = createClientTable(db, 'risk_policy_scenarios')
    .addColumn('policy_id', T.id, (c) => c.notNull())
    .addColumn('scenario_id', T.id, (c) => c.notNull());
  covered = clientForeignKey(covered, 'risk_policy_scenarios_policy_fk', 'policy_id', 'risk_policies');
  covered = clientForeignKey(covered, 'risk_policy_scenarios_scenario_fk', 'scenario_id', 'risk_scenarios');
  await covered.execute();
  await db.schema.createIndex('risk_policy_scenarios_pair_idx').on('risk_policy_scenarios').columns(['client_id', 'policy_id', 'scenario_id']).unique().execute();

  await db.schema.alterTable('risk_settings').addColumn('next_policy_number', T.int, (c) => c.notNull().defaultTo(1)).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
