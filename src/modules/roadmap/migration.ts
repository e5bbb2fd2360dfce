import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { KINDS, SCOPES, SEATS, SOURCES, STATUSES } from './vocab.js';

/** 20261205_03_roadmap: initiatives, the priorities they serve and the register's treatments they carry. */
export async function up(db: MigrationDb): Promise<void> {
  await createClientTable(db, 'roadmap_initiatives')
    .addColumn('ref', T.text, (c) => c.notNull())
    .addColumn('ref_number', T.int, (c) => c.notNull())
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('owner_seat', T.text, (c) => c.notNull().check(checkIn('owner_seat', SEATS)))
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', KINDS)))
    .addColumn('scope', T.text, (c) => c.notNull().check(checkIn('scope', SCOPES)))
    .addColumn('one_time_cost', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('annual_cost', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('expected_saving', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('expected_revenue', T.money, (c) => c.notNull().defaultTo(0))
    .addColumn('target_quarter', T.text, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', STATUSES)))
    .addColumn('source', T.text, (c) => c.notNull().check(checkIn('source', SOURCES)))
    .addColumn('source_id', T.text)
    .addColumn('source_label', T.text)
    .addColumn('manual_rank', T.int)
    .addColumn('created_by', T.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roadmap_initiatives_ref_idx').on('roadmap_initiatives').columns(['client_id', 'ref_number']).unique().execute();
  await db.schema.createIndex('roadmap_initiatives_quarter_idx').on('roadmap_initiatives').columns(['client_id', 'target_quarter']).execute();

  let priorities = createClientTable(db, 'roadmap_initiative_priorities')
    .addColumn('initiative_id', T.id, (c) => c.notNull())
    .addColumn('priority_id', T.id, (c) => c.notNull());
  priorities = clientForeignKey(priorities, 'roadmap_initiative_priorities_initiative_fk', 'initiative_id', 'roadmap_initiatives');
  priorities = clientForeignKey(priorities, 'roadmap_initiative_priorities_priority_fk', 'priority_id', 'business_priorities');
  await priorities.execute();
  await db.schema.createIndex('roadmap_initiative_priorities_pair_idx').on('roadmap_initiative_priorities').columns(['client_id', 'initiative_id', 'priority_id']).unique().execute();

  let treatments = createClientTable(db, 'roadmap_initiative_treatments')
    .addColumn('initiative_id', T.id, (c) => c.notNull())
    .addColumn('treatment_id', T.id, (c) => c.notNull());
  treatments = clientForeignKey(treatments, 'roadmap_initiative_treatments_initiative_fk', 'initiative_id', 'roadmap_initiatives');
  treatments = clientForeignKey(treatments, 'roadmap_initiative_treatments_treatment_fk', 'treatment_id', 'risk_treatments');
  await treatments.execute();
  // A treatment is carried by one initiative at most, so no risk reduction is counted twice.
  await db.schema.createIndex('roadmap_initiative_treatments_treatment_idx').on('roadmap_initiative_treatments').columns(['client_id', 'treatment_id']).unique().execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
