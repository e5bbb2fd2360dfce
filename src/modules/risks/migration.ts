import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { LINK_KINDS, OWNER_SEATS, RISK_STATUSES, TREATMENT_STATUSES } from './schema.js';

/** 20261126_03_risks: scenarios, links, treatments, settings and appetite, results, security options. */
export async function up(db: MigrationDb): Promise<void> {
  // Seeds go up to 2^53 − 1, hence bigint (T.money is the bigint type).
  await createClientTable(db, 'risk_settings')
    .addColumn('seed', T.money, (c) => c.notNull())
    .addColumn('years', T.int)
    .addColumn('appetite_json', T.json)
    .addColumn('appetite_statement', T.text)
    .addColumn('likelihood_bands_json', T.json)
    .addColumn('impact_bands_json', T.json)
    .addColumn('template_params_json', T.json)
    .addColumn('next_risk_number', T.int, (c) => c.notNull().defaultTo(1))
    .addColumn('next_treatment_number', T.int, (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();

  await createClientTable(db, 'risk_scenarios')
    .addColumn('ref', T.text, (c) => c.notNull())
    .addColumn('ref_number', T.int, (c) => c.notNull())
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('threat', T.text)
    .addColumn('owner_seat', T.text, (c) => c.notNull().check(checkIn('owner_seat', OWNER_SEATS)))
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', RISK_STATUSES)))
    .addColumn('proposed', T.flag, (c) => c.notNull().defaultTo(0))
    .addColumn('template', T.text)
    .addColumn('template_params_json', T.json)
    .addColumn('inputs_json', T.json, (c) => c.notNull())
    .addColumn('status_reason', T.text)
    .addColumn('created_by', T.id)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_scenarios_ref_idx').on('risk_scenarios').columns(['client_id', 'ref']).unique().execute();
  await db.schema.createIndex('risk_scenarios_number_idx').on('risk_scenarios').columns(['client_id', 'ref_number']).execute();

  let links = createClientTable(db, 'risk_links')
    .addColumn('scenario_id', T.id, (c) => c.notNull())
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', LINK_KINDS)))
    .addColumn('target_id', T.text)
    .addColumn('label', T.text, (c) => c.notNull())
    .addColumn('position', T.int, (c) => c.notNull().defaultTo(0));
  links = clientForeignKey(links, 'risk_links_scenario_fk', 'scenario_id', 'risk_scenarios');
  await links.execute();
  await db.schema.createIndex('risk_links_scenario_idx').on('risk_links').columns(['client_id', 'scenario_id']).execute();
  await db.schema.createIndex('risk_links_target_idx').on('risk_links').columns(['client_id', 'kind', 'target_id']).execute();

  let treatments = createClientTable(db, 'risk_treatments')
    .addColumn('ref', T.text, (c) => c.notNull())
    .addColumn('scenario_id', T.id, (c) => c.notNull())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', TREATMENT_STATUSES)))
    .addColumn('annual_cost', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('one_time_cost', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('effect_json', T.json, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  treatments = clientForeignKey(treatments, 'risk_treatments_scenario_fk', 'scenario_id', 'risk_scenarios');
  await treatments.execute();
  await db.schema.createIndex('risk_treatments_scenario_idx').on('risk_treatments').columns(['client_id', 'scenario_id']).execute();
  await db.schema.createIndex('risk_treatments_ref_idx').on('risk_treatments').columns(['client_id', 'ref']).unique().execute();

  await createClientTable(db, 'risk_runs')
    .addColumn('seed', T.money, (c) => c.notNull())
    .addColumn('years', T.int, (c) => c.notNull())
    .addColumn('inputs_hash', T.text, (c) => c.notNull())
    .addColumn('engine_version', T.text, (c) => c.notNull())
    .addColumn('risk_count', T.int, (c) => c.notNull())
    .addColumn('summary_json', T.json, (c) => c.notNull())
    .addColumn('detail_json', T.json)
    .addColumn('duration_ms', T.int, (c) => c.notNull())
    .addColumn('computed_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_runs_time_idx').on('risk_runs').columns(['client_id', 'computed_at']).execute();

  let results = createClientTable(db, 'risk_scenario_results')
    .addColumn('run_id', T.id, (c) => c.notNull())
    .addColumn('input_hash', T.text, (c) => c.notNull())
    .addColumn('in_portfolio', T.flag, (c) => c.notNull())
    .addColumn('mean', T.real, (c) => c.notNull())
    .addColumn('p90', T.real, (c) => c.notNull())
    .addColumn('result_json', T.json, (c) => c.notNull())
    .addColumn('curves_json', T.json)
    .addColumn('computed_at', T.timestamp, (c) => c.notNull());
  results = clientForeignKey(results, 'risk_scenario_results_scenario_fk', 'id', 'risk_scenarios');
  await results.execute();

  await createClientTable(db, 'risk_option_sets')
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('result_json', T.json)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();

  let setScenarios = createClientTable(db, 'risk_option_set_scenarios')
    .addColumn('set_id', T.id, (c) => c.notNull())
    .addColumn('scenario_id', T.id, (c) => c.notNull());
  setScenarios = clientForeignKey(setScenarios, 'risk_option_set_scenarios_set_fk', 'set_id', 'risk_option_sets');
  setScenarios = clientForeignKey(setScenarios, 'risk_option_set_scenarios_scenario_fk', 'scenario_id', 'risk_scenarios');
  await setScenarios.execute();
  await db.schema.createIndex('risk_option_set_scenarios_set_idx').on('risk_option_set_scenarios').columns(['client_id', 'set_id']).execute();

  let options = createClientTable(db, 'risk_options')
    .addColumn('set_id', T.id, (c) => c.notNull())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('position', T.int, (c) => c.notNull())
    .addColumn('measures_json', T.json, (c) => c.notNull());
  options = clientForeignKey(options, 'risk_options_set_fk', 'set_id', 'risk_option_sets');
  await options.execute();
  await db.schema.createIndex('risk_options_set_idx').on('risk_options').columns(['client_id', 'set_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
