import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261207_01_client_transfer: the origins of imported audit chains. A client imported under a
 * new id keeps its trail byte for byte; this table says which id its early entries were hashed
 * with, so the chain still verifies and the heads printed in its issued board packs still match.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('audit_chain_origins')
    .addColumn('chain_id', T.id, (c) => c.notNull())
    .addColumn('through_seq', T.int, (c) => c.notNull())
    .addColumn('origin_id', T.id, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_chain_origins_pk', ['chain_id', 'through_seq'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
