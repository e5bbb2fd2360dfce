import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { OUTBOX_STATUS } from './schema.js';

/** 20261126_04a_notifications: in-app notifications per person and the e-mail outbox. */
export async function up(db: MigrationDb): Promise<void> {
  await createClientTable(db, 'notifications')
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', T.text, (c) => c.notNull())
    .addColumn('title', T.text, (c) => c.notNull())
    .addColumn('body', T.text, (c) => c.notNull())
    .addColumn('link', T.text)
    .addColumn('subject_type', T.text)
    .addColumn('subject_id', T.text)
    .addColumn('dedupe_key', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('read_at', T.timestamp)
    .execute();
  // The bell: a person's newest notifications across their clients.
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();
  // "Sent once": one notification per person and key in a client (NULL keys never collide).
  await db.schema.createIndex('notifications_dedupe_idx').on('notifications').columns(['client_id', 'user_id', 'dedupe_key']).unique().execute();

  let outbox = createClientTable(db, 'notification_outbox')
    .addColumn('notification_id', T.id, (c) => c.notNull())
    .addColumn('to_email', T.text, (c) => c.notNull())
    .addColumn('to_name', T.text, (c) => c.notNull())
    .addColumn('subject', T.text, (c) => c.notNull())
    .addColumn('body_text', T.text, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', OUTBOX_STATUS)))
    .addColumn('attempts', T.int, (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('sent_at', T.timestamp);
  outbox = clientForeignKey(outbox, 'notification_outbox_notification_fk', 'notification_id', 'notifications');
  await outbox.execute();
  await db.schema.createIndex('notification_outbox_created_idx').on('notification_outbox').columns(['client_id', 'created_at']).execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
