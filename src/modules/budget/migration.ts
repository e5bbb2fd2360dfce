import { sql } from 'kysely';
import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { ACTUAL_SOURCES, CATEGORIES, SCOPES, SEATS } from './vocab.js';

/**
 * 20261205_04_budget: the client's fiscal year start month, the plan (lines by category and seat,
 * an amount per month), actuals (entered or imported), the account-to-category map and the
 * imported files. Runs after the roadmap's migration (a plan line may cover an initiative).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('clients')
    .addColumn('fiscal_year_start_month', T.int, (c) => c.notNull().defaultTo(1).check(sql<boolean>`fiscal_year_start_month between 1 and 12`))
    .execute();

  let lines = createClientTable(db, 'budget_lines')
    .addColumn('fiscal_year', T.int, (c) => c.notNull())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('category', T.text, (c) => c.notNull().check(checkIn('category', CATEGORIES)))
    .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
    .addColumn('scope', T.text, (c) => c.notNull().check(checkIn('scope', SCOPES)))
    .addColumn('contract_id', T.id)
    .addColumn('system_id', T.id)
    .addColumn('initiative_id', T.id)
    .addColumn('notes', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull());
  lines = clientForeignKey(lines, 'budget_lines_contract_fk', 'contract_id', 'estate_contracts', 'set null');
  lines = clientForeignKey(lines, 'budget_lines_system_fk', 'system_id', 'estate_systems', 'set null');
  lines = clientForeignKey(lines, 'budget_lines_initiative_fk', 'initiative_id', 'roadmap_initiatives', 'set null');
  await lines.execute();
  await db.schema.createIndex('budget_lines_year_idx').on('budget_lines').columns(['client_id', 'fiscal_year']).execute();

  await clientForeignKey(
    createClientTable(db, 'budget_plan')
      .addColumn('line_id', T.id, (c) => c.notNull())
      .addColumn('month', T.text, (c) => c.notNull())
      .addColumn('amount', T.money, (c) => c.notNull()),
    'budget_plan_line_fk',
    'line_id',
    'budget_lines',
  ).execute();
  await db.schema.createIndex('budget_plan_line_month_idx').on('budget_plan').columns(['client_id', 'line_id', 'month']).unique().execute();

  await createClientTable(db, 'budget_imports')
    .addColumn('file_name', T.text)
    .addColumn('sha256', T.text, (c) => c.notNull())
    .addColumn('bytes', T.int, (c) => c.notNull())
    .addColumn('rows', T.int, (c) => c.notNull())
    .addColumn('created', T.int, (c) => c.notNull())
    .addColumn('unchanged', T.int, (c) => c.notNull())
    .addColumn('actor_id', T.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_label', T.text, (c) => c.notNull())
    .addColumn('started_at', T.timestamp, (c) => c.notNull())
    .addColumn('finished_at', T.timestamp, (c) => c.notNull())
    .execute();

  // import_id names the file a line came from (budget_imports); not a foreign key, since the
  // import's record is written after its lines, in the same transaction.
  await createClientTable(db, 'budget_actuals')
      .addColumn('month', T.text, (c) => c.notNull())
      .addColumn('date', T.date)
      .addColumn('category', T.text, (c) => c.notNull().check(checkIn('category', CATEGORIES)))
      .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
      .addColumn('scope', T.text, (c) => c.notNull().check(checkIn('scope', SCOPES)))
      .addColumn('vendor', T.text)
      .addColumn('description', T.text)
      .addColumn('account', T.text)
      .addColumn('amount', T.money, (c) => c.notNull())
      .addColumn('source', T.text, (c) => c.notNull().check(checkIn('source', ACTUAL_SOURCES)))
      .addColumn('import_id', T.id)
      .addColumn('import_key', T.text)
      .addColumn('created_by', T.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_actuals_month_idx').on('budget_actuals').columns(['client_id', 'month']).execute();
  await db.schema.createIndex('budget_actuals_key_idx').on('budget_actuals').columns(['client_id', 'import_key']).unique().execute();

  await createClientTable(db, 'budget_accounts')
    .addColumn('account', T.text, (c) => c.notNull())
    .addColumn('account_key', T.text, (c) => c.notNull())
    .addColumn('category', T.text, (c) => c.notNull().check(checkIn('category', CATEGORIES)))
    .addColumn('seat', T.text, (c) => c.notNull().check(checkIn('seat', SEATS)))
    .addColumn('scope', T.text, (c) => c.notNull().check(checkIn('scope', SCOPES)))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_accounts_key_idx').on('budget_accounts').columns(['client_id', 'account_key']).unique().execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
