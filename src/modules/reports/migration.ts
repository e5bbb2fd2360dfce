import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { PACK_FORMATS, PACK_STATUSES } from './tables.js';

/** 20261126_05_reports: board packs (drafts and issued snapshots) and their rendered files. */
export async function up(db: MigrationDb): Promise<void> {
  await clientForeignKey(
    createClientTable(db, 'report_packs')
      .addColumn('kind', T.text, (c) => c.notNull())
      .addColumn('quarter', T.text, (c) => c.notNull())
      .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', PACK_STATUSES)))
      .addColumn('content_json', T.json)
      .addColumn('content_hash', T.text)
      .addColumn('compared_to_pack_id', T.id)
      .addColumn('requested_by_user_id', T.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('requested_by_name', T.text, (c) => c.notNull())
      .addColumn('generated_at', T.timestamp)
      .addColumn('error', T.text)
      .addColumn('issued_at', T.timestamp)
      .addColumn('issued_by_user_id', T.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('issued_by_name', T.text)
      .addColumn('override_reason', T.text)
      .addColumn('override_owed_json', T.json)
      .addColumn('created_at', T.timestamp, (c) => c.notNull())
      .addColumn('updated_at', T.timestamp, (c) => c.notNull()),
    'report_packs_compared_fk',
    'compared_to_pack_id',
    'report_packs',
    'restrict',
  ).execute();
  // One pack per client, kind and quarter: its draft, and later the issued snapshot.
  await db.schema.createIndex('report_packs_quarter_idx').on('report_packs').columns(['client_id', 'kind', 'quarter']).unique().execute();

  await clientForeignKey(
    createClientTable(db, 'report_pack_files')
      .addColumn('pack_id', T.id, (c) => c.notNull())
      .addColumn('format', T.text, (c) => c.notNull().check(checkIn('format', PACK_FORMATS)))
      .addColumn('body', T.text, (c) => c.notNull())
      .addColumn('bytes', T.int, (c) => c.notNull())
      .addColumn('sha256', T.text, (c) => c.notNull())
      .addColumn('created_at', T.timestamp, (c) => c.notNull()),
    'report_pack_files_pack_fk',
    'pack_id',
    'report_packs',
    'cascade',
  ).execute();
  await db.schema.createIndex('report_pack_files_format_idx').on('report_pack_files').columns(['client_id', 'pack_id', 'format']).unique().execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
