import { sql } from 'kysely';
import { checkIn, T, type MigrationDb } from '../ddl.js';

/** Firm, accounts, clients and memberships, sessions and tokens, the audit trail and jobs. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('firms')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id'))
    .addColumn('email', T.text, (c) => c.notNull().unique())
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('password_hash', T.text, (c) => c.notNull())
    .addColumn('firm_role', T.text, (c) => c.notNull().check(checkIn('firm_role', ['admin', 'advisor', 'member'])))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .addColumn('disabled_at', T.timestamp)
    .execute();

  await db.schema
    .createTable('clients')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id'))
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('sector', T.text, (c) => c.notNull())
    .addColumn('employees', T.int, (c) => c.notNull())
    .addColumn('annual_revenue', T.money, (c) => c.notNull())
    .addColumn('currency', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .addColumn('archived_at', T.timestamp)
    .execute();
  await db.schema.createIndex('clients_firm_idx').on('clients').columns(['firm_id', 'name']).execute();

  await db.schema
    .createTable('memberships')
    .addColumn('client_id', T.id, (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', T.text, (c) => c.notNull().check(checkIn('role', ['advisor', 'executive', 'contributor', 'viewer'])))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['client_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', T.text, (c) => c.primaryKey().notNull())
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('expires_at', T.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('token_hash', T.text, (c) => c.notNull().unique())
    .addColumn('prefix', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', T.timestamp)
    .addColumn('expires_at', T.timestamp)
    .addColumn('revoked_at', T.timestamp)
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').column('user_id').execute();

  // The audit trail: one hash chain per client (and one for the firm's account events, keyed
  // by the firm's id). Entries are only ever appended; audit_heads holds each chain's last
  // link, so appends serialise per chain and a deleted tail is detectable.
  await db.schema
    .createTable('audit_entries')
    .addColumn('client_id', T.id, (c) => c.notNull())
    .addColumn('seq', T.int, (c) => c.notNull())
    .addColumn('at', T.timestamp, (c) => c.notNull())
    .addColumn('actor_id', T.id)
    .addColumn('actor_label', T.text, (c) => c.notNull())
    .addColumn('action', T.text, (c) => c.notNull())
    .addColumn('entity_type', T.text, (c) => c.notNull())
    .addColumn('entity_id', T.text)
    .addColumn('before_json', T.json)
    .addColumn('after_json', T.json)
    .addColumn('prev_hash', T.text, (c) => c.notNull())
    .addColumn('hash', T.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_entries_pk', ['client_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_entries_entity_idx').on('audit_entries').columns(['client_id', 'entity_type', 'entity_id']).execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('client_id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('seq', T.int, (c) => c.notNull())
    .addColumn('hash', T.text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('kind', T.text, (c) => c.notNull())
    .addColumn('client_id', T.id)
    .addColumn('dedupe_key', T.text)
    .addColumn('payload', T.json, (c) => c.notNull())
    .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', ['queued', 'running', 'done', 'failed'])))
    .addColumn('progress', T.real, (c) => c.notNull().defaultTo(0))
    .addColumn('run_after', T.timestamp, (c) => c.notNull())
    .addColumn('attempts', T.int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('started_at', T.timestamp)
    .addColumn('finished_at', T.timestamp)
    .addColumn('error', T.text)
    .execute();
  await db.schema.createIndex('jobs_queue_idx').on('jobs').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('jobs_client_idx').on('jobs').columns(['client_id', 'kind', 'status']).execute();
  // At most one queued job per key, on both databases (partial unique index).
  await db.schema
    .createIndex('jobs_dedupe_idx')
    .on('jobs')
    .column('dedupe_key')
    .unique()
    .where(sql<boolean>`status = 'queued'`)
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}

