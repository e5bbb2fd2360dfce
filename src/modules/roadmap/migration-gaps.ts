import { clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261206_01_roadmap_gaps: the framework outcomes an initiative closes (a gap of an assessment
 * turned into an initiative). An outcome is named by its catalogue and control id, so the same
 * gap found again in next quarter's assessment is known to be on the roadmap already; the
 * assessment it was taken from, and the outcome's words, are kept as they were.
 */
export async function up(db: MigrationDb): Promise<void> {
  let outcomes = createClientTable(db, 'roadmap_initiative_outcomes')
    .addColumn('initiative_id', T.id, (c) => c.notNull())
    .addColumn('catalogue_id', T.id, (c) => c.notNull())
    .addColumn('control_id', T.text, (c) => c.notNull())
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('assessment_id', T.id, (c) => c.notNull())
    .addColumn('assessment_title', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull());
  outcomes = clientForeignKey(outcomes, 'roadmap_initiative_outcomes_initiative_fk', 'initiative_id', 'roadmap_initiatives');
  await outcomes.execute();
  await db.schema.createIndex('roadmap_initiative_outcomes_pair_idx').on('roadmap_initiative_outcomes').columns(['client_id', 'initiative_id', 'catalogue_id', 'control_id']).unique().execute();
  await db.schema.createIndex('roadmap_initiative_outcomes_control_idx').on('roadmap_initiative_outcomes').columns(['client_id', 'catalogue_id', 'control_id']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
