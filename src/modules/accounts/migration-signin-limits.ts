import { T, type MigrationDb } from '../../server/db/ddl.js';

/**
 * 20261205_07_signin_limits: sign-in limits kept in the database, so every server on one
 * database counts the same attempts; and the token a token was made with (`api_tokens.parent_id`),
 * so a token made by another dies with it.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('signin_limits')
    // `address:<ip>`, `sso:<ip>` or `account:<SHA-256 of the e-mail>`.
    .addColumn('key', T.text, (c) => c.primaryKey().notNull())
    .addColumn('attempts', T.int, (c) => c.notNull())
    .addColumn('window_started_at', T.timestamp, (c) => c.notNull())
    .addColumn('locked_until', T.timestamp)
    .addColumn('expires_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signin_limits_expires_idx').on('signin_limits').column('expires_at').execute();

  await db.schema.alterTable('api_tokens').addColumn('parent_id', T.id, (c) => c.references('api_tokens.id').onDelete('cascade')).execute();
  await db.schema.createIndex('api_tokens_parent_idx').on('api_tokens').column('parent_id').execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
