import { sql } from 'kysely';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { countRows, keysetPage, likeText, withKeyset } from '../../server/db/keyset.js';
import { conflict, notFound } from '../../server/errors.js';
import { linksOf, major, minor, requireIds, setLinks } from './common.js';
import type { EstateServicesTable } from './tables.js';
import { nameKey } from './vocab.js';
import { sortKeysOf } from './sort-keys.js';
import type { DowntimeCheck, ServiceList, ServiceOut, ServiceSaved, ServiceSort } from './schema.js';
import { downtimePlausibility } from '../../shared/downtime.js';
import { fromMinorUnits } from '../../shared/money.js';
import { ServiceInput, ServicePatch, ServiceQuery } from './schema.js';

export function presentService(scope: ClientScope, row: EstateServicesTable, systemIds: string[]): ServiceOut {
  return {
    id: row.id,
    name: row.name,
    businessUnit: row.business_unit,
    description: row.description,
    downtimeCostPerHour: major(scope, row.downtime_cost_per_hour),
    rtoHours: row.rto_hours,
    rpoHours: row.rpo_hours,
    criticality: row.criticality,
    operatingHours: row.operating_hours,
    systemIds: [...systemIds].sort(),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const SERVICE_ORDERS: Record<ServiceSort, { column: 'name_sort' | 'downtime_cost_per_hour'; type: 'string' | 'number' }> = {
  name: { column: 'name_sort', type: 'string' },
  downtimeCostPerHour: { column: 'downtime_cost_per_hour', type: 'number' },
};

/** A page of the client's business services (keyset), filtered; the count only when asked for. */
export async function listServices(scope: ClientScope, raw: ServiceQuery = {}): Promise<ServiceList> {
  const query = ServiceQuery.parse(raw);
  let base = scope.db.selectFrom('estate_services');
  if (query.search) base = base.where(sql`lower(${sql.ref('estate_services.name')})`, 'like', likeText(query.search));
  if (query.criticality) base = base.where('estate_services.criticality', '=', query.criticality);
  const order = SERVICE_ORDERS[query.sort];
  const [page, total] = await Promise.all([
    keysetPage(
      { name: `services ${query.sort}`, key: sql.ref(`estate_services.${order.column}`), id: sql.ref('estate_services.id'), type: order.type },
      { limit: query.limit, cursor: query.cursor, desc: query.order === 'desc' },
      (step) => withKeyset(base.selectAll('estate_services'), step).execute(),
      (r) => r[order.column],
      (r) => r.id,
    ),
    query.total === 'true' ? countRows(base) : null,
  ]);
  const links = await linksOf(scope.db, 'estate_service_systems', 'service_id', 'system_id', page.rows.map((r) => r.id));
  return { services: page.rows.map((r) => presentService(scope, r, links.get(r.id) ?? [])), nextCursor: page.nextCursor, total };
}

/**
 * Whether the client's downtime costs are plausible for its size: over the hours the services
 * run, they must not add up to more than its annual revenue (their sum above the revenue per
 * operating hour). Implausible costs are kept as entered, and flagged where they are entered.
 * The costs are added up by the database, by the hours the services run.
 */
export async function downtimeCheck(scope: ClientScope): Promise<DowntimeCheck> {
  const sums = await scope.db
    .selectFrom('estate_services')
    .select(['operating_hours', sql<number>`sum(downtime_cost_per_hour)`.as('cost')])
    .where('downtime_cost_per_hour', '>', 0)
    .groupBy('operating_hours')
    .execute();
  const c = scope.client;
  const byHours = sums.map((r) => ({ name: r.operating_hours, downtimeCostPerHour: major(scope, Number(r.cost)), operatingHours: r.operating_hours }));
  return downtimePlausibility(byHours, fromMinorUnits(c.annual_revenue, c.currency), c.currency, c.name);
}

async function saved(scope: ClientScope, id: string): Promise<ServiceSaved> {
  const out = await getService(scope, id);
  return { ...out, warning: (await downtimeCheck(scope)).message };
}

export async function getService(scope: ClientScope, id: string): Promise<ServiceOut> {
  const row = await scope.db.selectFrom('estate_services').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Business service');
  const links = await linksOf(scope.db, 'estate_service_systems', 'service_id', 'system_id', [id]);
  return presentService(scope, row, links.get(id) ?? []);
}

async function ensureNameFree(scope: ClientScope, name: string, exceptId?: string): Promise<void> {
  let q = scope.db.selectFrom('estate_services').select('id').where('name_key', '=', nameKey(name));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict(`A business service named "${name}" already exists.`, [{ path: 'name', message: 'already used by another service' }]);
}

export async function createService(scope: ClientScope, raw: ServiceInput): Promise<ServiceSaved> {
  const input = ServiceInput.parse(raw);
  await ensureNameFree(scope, input.name);
  await requireIds(scope.db, 'estate_systems', input.systemIds ?? [], 'systemIds');
  const now = toTimestamp(scope.now());
  const row: EstateServicesTable = {
    client_id: scope.clientId,
    id: newId(),
    name: input.name,
    name_key: nameKey(input.name),
    name_sort: sortKeysOf('estate_services', { name: input.name }).name_sort!,
    business_unit: input.businessUnit ?? null,
    description: input.description ?? null,
    downtime_cost_per_hour: minor(scope, input.downtimeCostPerHour),
    rto_hours: input.rtoHours ?? null,
    rpo_hours: input.rpoHours ?? null,
    criticality: input.criticality,
    operating_hours: input.operatingHours,
    created_at: now,
    updated_at: now,
  };
  const out = presentService(scope, row, input.systemIds ?? []);
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('estate_services', values).execute();
    await setLinks(w.db, 'estate_service_systems', 'service_id', row.id, 'system_id', input.systemIds ?? [], newId);
    await w.audit({ action: 'service.create', entityType: 'service', entityId: row.id, after: out });
  });
  return saved(scope, out.id);
}

export async function updateService(scope: ClientScope, id: string, raw: ServicePatch): Promise<ServiceSaved> {
  const patch = ServicePatch.parse(raw);
  const before = await getService(scope, id);
  if (patch.name !== undefined) await ensureNameFree(scope, patch.name, id);
  if (patch.systemIds) await requireIds(scope.db, 'estate_systems', patch.systemIds, 'systemIds');
  const now = toTimestamp(scope.now());
  const set = {
    ...(patch.name !== undefined ? { name: patch.name, name_key: nameKey(patch.name), ...sortKeysOf('estate_services', { name: patch.name }) } : {}),
    ...(patch.businessUnit !== undefined ? { business_unit: patch.businessUnit } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.downtimeCostPerHour !== undefined ? { downtime_cost_per_hour: minor(scope, patch.downtimeCostPerHour) } : {}),
    ...(patch.rtoHours !== undefined ? { rto_hours: patch.rtoHours } : {}),
    ...(patch.rpoHours !== undefined ? { rpo_hours: patch.rpoHours } : {}),
    ...(patch.criticality !== undefined ? { criticality: patch.criticality } : {}),
    ...(patch.operatingHours !== undefined ? { operating_hours: patch.operatingHours } : {}),
    updated_at: now,
  };
  await scope.write(async (w) => {
    await w.db.updateTable('estate_services').set(set).where('id', '=', id).execute();
    if (patch.systemIds) await setLinks(w.db, 'estate_service_systems', 'service_id', id, 'system_id', patch.systemIds, newId);
    const row = await w.db.selectFrom('estate_services').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const after = presentService(scope, row, patch.systemIds ?? before.systemIds);
    await w.audit({ action: 'service.update', entityType: 'service', entityId: id, before, after });
  });
  return saved(scope, id);
}

export async function deleteService(scope: ClientScope, id: string): Promise<void> {
  const before = await getService(scope, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('estate_service_systems').where('service_id', '=', id).execute();
    await w.db.deleteFrom('estate_services').where('id', '=', id).execute();
    await w.audit({ action: 'service.delete', entityType: 'service', entityId: id, before });
  });
}
