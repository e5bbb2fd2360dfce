import { sql } from 'kysely';
import { checkIn, clientForeignKey, createClientTable, T, type MigrationDb } from '../../server/db/ddl.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { LINES, PRIORITY_STATUSES } from './schema.js';

/**
 * 20261205_02_business: business units, weighted business priorities owned by an executive, and
 * the links of business services (the estate's records) to a unit and to priorities. The free
 * text `estate_services.business_unit` stays as it is; each distinct name becomes a unit and
 * the services that carry it are linked to it, so no existing data changes meaning.
 */
export async function up(db: MigrationDb): Promise<void> {
  await createClientTable(db, 'business_units')
    .addColumn('name', T.text, (c) => c.notNull())
    .addColumn('name_key', T.text, (c) => c.notNull())
    .addColumn('description', T.text)
    .addColumn('head', T.text)
    .addColumn('created_at', T.timestamp, (c) => c.notNull())
    .addColumn('updated_at', T.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('business_units_name_idx').on('business_units').columns(['client_id', 'name_key']).unique().execute();

  await clientForeignKey(
    createClientTable(db, 'business_priorities')
      .addColumn('title', T.text, (c) => c.notNull())
      .addColumn('description', T.text)
      .addColumn('weight', T.int, (c) => c.notNull().check(sql<boolean>`weight between 0 and 100`))
      .addColumn('owner_user_id', T.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('unit_id', T.id)
      .addColumn('line', T.text, (c) => c.notNull().check(checkIn('line', LINES)))
      .addColumn('status', T.text, (c) => c.notNull().check(checkIn('status', PRIORITY_STATUSES)))
      .addColumn('target_date', T.date)
      .addColumn('created_at', T.timestamp, (c) => c.notNull())
      .addColumn('updated_at', T.timestamp, (c) => c.notNull()),
    'business_priorities_unit_fk',
    'unit_id',
    'business_units',
    'set null',
  ).execute();

  let serviceUnits = createClientTable(db, 'business_service_units').addColumn('unit_id', T.id, (c) => c.notNull());
  serviceUnits = clientForeignKey(serviceUnits, 'business_service_units_service_fk', 'id', 'estate_services');
  serviceUnits = clientForeignKey(serviceUnits, 'business_service_units_unit_fk', 'unit_id', 'business_units');
  await serviceUnits.execute();
  await db.schema.createIndex('business_service_units_unit_idx').on('business_service_units').columns(['client_id', 'unit_id']).execute();

  let servicePriorities = createClientTable(db, 'business_service_priorities')
    .addColumn('service_id', T.id, (c) => c.notNull())
    .addColumn('priority_id', T.id, (c) => c.notNull());
  servicePriorities = clientForeignKey(servicePriorities, 'business_service_priorities_service_fk', 'service_id', 'estate_services');
  servicePriorities = clientForeignKey(servicePriorities, 'business_service_priorities_priority_fk', 'priority_id', 'business_priorities');
  await servicePriorities.execute();
  await db.schema.createIndex('business_service_priorities_pair_idx').on('business_service_priorities').columns(['client_id', 'service_id', 'priority_id']).unique().execute();
  await db.schema.createIndex('business_service_priorities_priority_idx').on('business_service_priorities').columns(['client_id', 'priority_id']).execute();

  await unitsFromServiceText(db);
}

/** Each distinct free-text business unit of a client's services becomes a unit, and its services are linked to it. */
async function unitsFromServiceText(db: MigrationDb): Promise<void> {
  const { rows } = await sql<{ client_id: string; id: string; business_unit: string }>`
    select client_id, id, business_unit from estate_services
    where business_unit is not null and trim(business_unit) <> ''
    order by client_id, business_unit, id`.execute(db);
  const now = toTimestamp(new Date());
  const units = new Map<string, string>();
  for (const r of rows) {
    const name = r.business_unit.trim();
    const key = `${r.client_id}|${name.toLowerCase()}`;
    let unitId = units.get(key);
    if (!unitId) {
      unitId = newId();
      units.set(key, unitId);
      await sql`insert into business_units (client_id, id, name, name_key, description, head, created_at, updated_at)
        values (${r.client_id}, ${unitId}, ${name}, ${name.toLowerCase()}, ${null}, ${null}, ${now}, ${now})`.execute(db);
    }
    await sql`insert into business_service_units (client_id, id, unit_id) values (${r.client_id}, ${r.id}, ${unitId})`.execute(db);
  }
}

export function down(): Promise<void> {
  return Promise.reject(new Error('Triad migrations are forward-only.'));
}
