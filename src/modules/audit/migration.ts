import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261126_07_audit_checkpoints: the firm's checkpoint chain. Each checkpoint records where one
 * audit chain stood (its entry count, its head hash and the hashes of the entries since the
 * chain's previous checkpoint), is itself hash-chained to the firm's previous checkpoint, and is
 * signed with Ed25519 when the server has a key (TRIAD_AUDIT_KEY, kept outside the database).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id'))
    .addColumn('seq', T.int, (c) => c.notNull())
    .addColumn('at', T.timestamp, (c) => c.notNull())
    .addColumn('chain_id', T.id, (c) => c.notNull())
    .addColumn('from_seq', T.int, (c) => c.notNull())
    .addColumn('entries', T.int, (c) => c.notNull())
    .addColumn('head_hash', T.text, (c) => c.notNull())
    .addColumn('entry_hashes', T.json, (c) => c.notNull())
    .addColumn('prev_hash', T.text, (c) => c.notNull())
    .addColumn('hash', T.text, (c) => c.notNull())
    .addColumn('key_id', T.text)
    .addColumn('signature', T.text)
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['firm_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_checkpoints_chain_idx').on('audit_checkpoints').columns(['chain_id', 'entries']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
