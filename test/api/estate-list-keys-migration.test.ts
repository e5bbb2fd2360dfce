import { Migrator, sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/index.js';
import { migrations } from '../../src/server/db/migrations/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { naturalKey } from '../../src/server/db/natural-key.js';
import { freshStorage, type TestStorage } from '../support/app.js';

/**
 * 20261208_01_estate_list_keys on a database that already holds an estate: the natural-order
 * keys of the rows there are filled in (more rows than one statement writes), so the lists
 * sort them as they sort rows written since.
 */

let storage: TestStorage;
let database: Database;
const CLIENT = '01a24a29-0000-7000-8000-000000000001';
const SYSTEMS = 1234;

beforeAll(async () => {
  storage = await freshStorage();
  database = openDatabase({ dataDir: storage.config.dataDir ?? '', databaseUrl: storage.config.databaseUrl });
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: () => Promise.resolve<Record<string, Migration>>(migrations) },
    migrationTableName: 'triad_migrations',
    migrationLockTableName: 'triad_migrations_lock',
  });
  const before = await migrator.migrateTo('20261207_01_client_transfer');
  expect(before.error).toBeUndefined();
  const db = database.db;
  const at = '2026-12-01T00:00:00.000Z';
  await sql`insert into firms (id, name, created_at) values ('firm-1', 'Firm', ${at})`.execute(db);
  await sql`insert into clients (id, firm_id, name, sector, employees, annual_revenue, currency, created_at, updated_at, fiscal_year_start_month)
    values (${CLIENT}, 'firm-1', 'Client', 'Other', 10, 1000000, 'USD', ${at}, ${at}, 1)`.execute(db);
  await sql`insert into estate_vendors (client_id, id, name, name_key, direct, supplies, created_at, updated_at) values (${CLIENT}, 'v1', 'Carrier 10', 'carrier 10', 1, 'infrastructure', ${at}, ${at})`.execute(db);
  for (let i = 0; i < SYSTEMS; i += 500) {
    const rows = Array.from({ length: Math.min(500, SYSTEMS - i) }, (_, j) => i + j).map(
      (n) => sql`(${CLIENT}, ${`s${n}`}, ${`Laptop ${n}`}, ${n % 2 === 0 ? `TAG-${n}` : null}, 'hardware', 'internal', 'active', ${at}, ${at})`,
    );
    await sql`insert into estate_systems (client_id, id, name, asset_tag, type, scope, status, created_at, updated_at) values ${sql.join(rows)}`.execute(db);
  }
  await sql`insert into estate_services (client_id, id, name, name_key, downtime_cost_per_hour, criticality, operating_hours, created_at, updated_at) values (${CLIENT}, 'sv1', 'Route 9', 'route 9', 0, 'medium', 'business', ${at}, ${at})`.execute(db);
  await sql`insert into estate_contracts (client_id, id, vendor_id, reference, reference_key, annual_cost, term_months, notice_days, auto_renew, created_at, updated_at) values (${CLIENT}, 'c1', 'v1', 'MSA 12', 'msa 12', 0, 12, 0, 0, ${at}, ${at})`.execute(db);
  await sql`insert into estate_datasets (client_id, id, name, name_key, classification, categories, records, countries, lifecycle_stage, created_at, updated_at) values (${CLIENT}, 'd1', 'Manifests 3', 'manifests 3', 'internal', '[]', 0, '[]', 'store', ${at}, ${at})`.execute(db);
  await sql`insert into estate_grants (client_id, id, target_type, dataset_id, target_key, grantee, grantee_key, grantee_type, level, created_at, updated_at) values (${CLIENT}, 'g1', 'dataset', 'd1', 'dataset:d1', 'Dispatcher 2', 'dispatcher 2', 'person', 'read', ${at}, ${at})`.execute(db);
  await migrateToLatest(database);
});
afterAll(async () => {
  await database.close();
  await storage.drop();
});

describe('20261208_01_estate_list_keys', () => {
  it('fills in the keys of the rows there were', async () => {
    const db = database.db;
    const systems = await db.selectFrom('estate_systems').select(['name', 'name_sort', 'asset_tag', 'asset_tag_sort']).where('client_id', '=', CLIENT).execute();
    expect(systems).toHaveLength(SYSTEMS);
    for (const s of systems) {
      expect(s.name_sort).toBe(naturalKey(s.name));
      expect(s.asset_tag_sort).toBe(s.asset_tag === null ? null : naturalKey(s.asset_tag));
    }
    const one = async (table: 'estate_vendors' | 'estate_services' | 'estate_datasets') => (await db.selectFrom(table).select(['name', 'name_sort']).where('client_id', '=', CLIENT).executeTakeFirstOrThrow());
    for (const table of ['estate_vendors', 'estate_services', 'estate_datasets'] as const) {
      const r = await one(table);
      expect(r.name_sort, table).toBe(naturalKey(r.name));
    }
    expect((await db.selectFrom('estate_contracts').select('reference_sort').executeTakeFirstOrThrow()).reference_sort).toBe(naturalKey('MSA 12'));
    expect((await db.selectFrom('estate_grants').select('grantee_sort').executeTakeFirstOrThrow()).grantee_sort).toBe(naturalKey('Dispatcher 2'));
    // Natural order by the index: Laptop 2 before Laptop 10.
    const first = await db.selectFrom('estate_systems').select('name').where('client_id', '=', CLIENT).orderBy('name_sort').orderBy('id').limit(3).execute();
    expect(first.map((s) => s.name)).toEqual(['Laptop 0', 'Laptop 1', 'Laptop 2']);
  });
});
