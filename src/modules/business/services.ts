/**
 * Business services in the business context: which unit each belongs to and which priorities
 * it serves. The service itself is the estate's record; linking a unit also sets the estate's
 * free-text business unit to the unit's name, so the two never say different things.
 */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { fromMinorUnits } from '../../shared/money.js';
import { ServiceLinkInput, type ServiceContextOut } from './schema.js';

export async function listServiceContext(scope: ClientScope): Promise<ServiceContextOut[]> {
  const [services, units, unitLinks, priorities, priorityLinks] = await Promise.all([
    scope.db.selectFrom('estate_services').select(['id', 'name', 'criticality', 'downtime_cost_per_hour', 'business_unit']).orderBy('name').execute(),
    scope.db.selectFrom('business_units').select(['id', 'name']).execute(),
    scope.db.selectFrom('business_service_units').select(['id', 'unit_id']).execute(),
    scope.db.selectFrom('business_priorities').select(['id', 'title', 'weight']).execute(),
    scope.db.selectFrom('business_service_priorities').select(['service_id', 'priority_id']).orderBy('id').execute(),
  ]);
  const unitOf = new Map(unitLinks.map((l) => [l.id, l.unit_id]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const priority = new Map(priorities.map((p) => [p.id, p]));
  return services.map((s) => {
    const unitId = unitOf.get(s.id);
    return {
      id: s.id,
      name: s.name,
      criticality: s.criticality,
      downtimeCostPerHour: fromMinorUnits(Number(s.downtime_cost_per_hour), scope.client.currency),
      unit: unitId ? { id: unitId, name: unitName.get(unitId) ?? '' } : null,
      businessUnitText: s.business_unit,
      priorities: priorityLinks
        .filter((l) => l.service_id === s.id)
        .map((l) => priority.get(l.priority_id))
        .filter((p) => !!p)
        .map((p) => ({ id: p.id, title: p.title, weight: p.weight })),
    };
  });
}

/** Sets a service's business unit and the priorities it serves (the list replaces the old one). */
export async function setServiceContext(scope: ClientScope, serviceId: string, raw: ServiceLinkInput): Promise<ServiceContextOut> {
  scope.require('business.edit');
  const input = ServiceLinkInput.parse(raw);
  const before = (await listServiceContext(scope)).find((s) => s.id === serviceId);
  if (!before) throw notFound('Business service');
  const details: { path: string; message: string }[] = [];
  let unitName: string | null = null;
  if (input.unitId) {
    const unit = await scope.db.selectFrom('business_units').select(['name']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) details.push({ path: 'body.unitId', message: 'no such business unit in this client' });
    else unitName = unit.name;
  }
  const ids = [...new Set(input.priorityIds)];
  if (ids.length !== input.priorityIds.length) details.push({ path: 'body.priorityIds', message: 'a priority is listed twice' });
  const known = new Set(ids.length ? (await scope.db.selectFrom('business_priorities').select('id').where('id', 'in', ids).execute()).map((r) => r.id) : []);
  input.priorityIds.forEach((id, i) => {
    if (!known.has(id)) details.push({ path: `body.priorityIds.${i}`, message: 'no such business priority in this client' });
  });
  if (details.length > 0) throw invalid('The service\u2019s business context cannot be saved as it is.', details);
  await scope.write(async (w) => {
    await w.db.deleteFrom('business_service_units').where('id', '=', serviceId).execute();
    if (input.unitId) {
      await w.db.insertInto('business_service_units', { id: serviceId, unit_id: input.unitId }).execute();
      if (before.businessUnitText !== unitName) await w.db.updateTable('estate_services').set({ business_unit: unitName, updated_at: toTimestamp(scope.now()) }).where('id', '=', serviceId).execute();
    }
    await w.db.deleteFrom('business_service_priorities').where('service_id', '=', serviceId).execute();
    if (ids.length > 0) await w.db.insertInto('business_service_priorities', ids.map((priority_id) => ({ id: newId(), service_id: serviceId, priority_id }))).execute();
    await w.audit({
      action: 'business.service.link',
      entityType: 'service',
      entityId: serviceId,
      before: { unitId: before.unit?.id ?? null, priorityIds: before.priorities.map((p) => p.id) },
      after: { unitId: input.unitId, priorityIds: ids },
    });
  });
  return (await listServiceContext(scope)).find((s) => s.id === serviceId)!;
}
