import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { conflict, notFound } from '../../server/errors.js';
import { linksOf, major, minor, requireIds, setLinks } from './common.js';
import type { EstateServicesTable } from './tables.js';
import { nameKey } from './vocab.js';
import type { DowntimeCheck, ServiceOut, ServiceSaved } from './schema.js';
import { downtimePlausibility } from '../../shared/downtime.js';
import { fromMinorUnits } from '../../shared/money.js';
import { ServiceInput, ServicePatch } from './schema.js';

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

export async function listServices(scope: ClientScope): Promise<ServiceOut[]> {
  const rows = await scope.db.selectFrom('estate_services').selectAll().orderBy('name').execute();
  const links = await linksOf(scope.db, 'estate_service_systems', 'service_id', 'system_id');
  return rows.map((r) => presentService(scope, r, links.get(r.id) ?? []));
}

/**
 * Whether the client's downtime costs are plausible for its size: over the hours the services
 * run, they must not add up to more than its annual revenue (their sum above the revenue per
 * operating hour). Implausible costs are kept as entered, and flagged where they are entered.
 */
export async function downtimeCheck(scope: ClientScope, services?: ServiceOut[]): Promise<DowntimeCheck> {
  const list = services ?? (await listServices(scope));
  const c = scope.client;
  return downtimePlausibility(list, fromMinorUnits(c.annual_revenue, c.currency), c.currency, c.name);
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
    ...(patch.name !== undefined ? { name: patch.name, name_key: nameKey(patch.name) } : {}),
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
