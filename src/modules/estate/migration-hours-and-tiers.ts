import { checkIn, T, type MigrationDb } from '../../server/db/ddl.js';
import { OPERATING_HOURS } from './vocab.js';

/**
 * 20261205_05c_estate_hours_and_tiers: when each business service runs, business hours or
 * around the clock, so that an hour of downtime costs revenue only in the hours the service would
 * run (services recorded before run in business hours); and the vendor's tier when an assessment
 * was recorded, so that a tier that rises since brings the next assessment forward.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('estate_services')
    .addColumn('operating_hours', T.text, (c) => c.notNull().defaultTo('business').check(checkIn('operating_hours', OPERATING_HOURS)))
    .execute();
  await db.schema.alterTable('estate_assessments').addColumn('tier', T.int).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
