import { T, type MigrationDb } from '../ddl.js';

/**
 * Leases on running jobs: the worker that claimed a job (`worker`) renews `lease_until` while it
 * runs; a running job whose lease has passed lost its worker (a crash, a kill) and is retried
 * or failed with the reason by any server's queue.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('worker', T.text).execute();
  await db.schema.alterTable('jobs').addColumn('lease_until', T.timestamp).execute();
  await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['status', 'lease_until']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
