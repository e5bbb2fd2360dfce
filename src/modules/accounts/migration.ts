import { checkIn, T, type MigrationDb } from '../../server/db/ddl.js';

/** 20261205_06_ops: single sign-on and MFA settings per firm, second factors, pending sign-ins. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('firm_sso')
    .addColumn('firm_id', T.id, (c) => c.primaryKey().notNull().references('firms.id').onDelete('cascade'))
    .addColumn('enabled', T.flag, (c) => c.notNull())
    .addColumn('issuer', T.text, (c) => c.notNull())
    .addColumn('oidc_client_id', T.text, (c) => c.notNull())
    .addColumn('oidc_client_secret', T.text, (c) => c.notNull())
    .addColumn('allowed_domains', T.json, (c) => c.notNull())
    .addColumn('password_sign_in', T.flag, (c) => c.notNull())
    .addColumn('create_users', T.flag, (c) => c.notNull())
    .addColumn('button_label', T.text, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('firm_security')
    .addColumn('firm_id', T.id, (c) => c.primaryKey().notNull().references('firms.id').onDelete('cascade'))
    .addColumn('mfa_required', T.flag, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_mfa')
    .addColumn('user_id', T.id, (c) => c.primaryKey().notNull().references('users.id').onDelete('cascade'))
    .addColumn('secret', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('confirmed_at', T.timestamp)
    .addColumn('last_step', T.int)
    .execute();

  await db.schema
    .createTable('user_recovery_codes')
    .addColumn('id', T.id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('used_at', T.timestamp)
    .execute();
  await db.schema.createIndex('user_recovery_codes_user_idx').on('user_recovery_codes').columns(['user_id', 'code_hash']).execute();

  await db.schema
    .createTable('auth_challenges')
    .addColumn('id', T.text, (c) => c.primaryKey().notNull())
    .addColumn('user_id', T.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', T.text, (c) => c.notNull().check(checkIn('kind', ['verify', 'enrol'])))
    .addColumn('attempts', T.int, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('expires_at', T.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_requests')
    .addColumn('id', T.text, (c) => c.primaryKey().notNull())
    .addColumn('firm_id', T.id, (c) => c.notNull().references('firms.id').onDelete('cascade'))
    .addColumn('code_verifier', T.text, (c) => c.notNull())
    .addColumn('nonce', T.text, (c) => c.notNull())
    .addColumn('redirect_uri', T.text, (c) => c.notNull())
    .addColumn('next_path', T.text, (c) => c.notNull())
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('expires_at', T.timestamp, (c) => c.notNull())
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
