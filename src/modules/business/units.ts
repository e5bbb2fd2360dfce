/** Business units of a client: create, rename, remove (their services and priorities are unlinked). */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { conflict, notFound } from '../../server/errors.js';
import { UnitInput, UnitPatch, type UnitOut } from './schema.js';
import type { BusinessUnitsTable } from './tables.js';

const keyOf = (name: string): string => name.trim().toLowerCase();

function present(row: BusinessUnitsTable, services: number): UnitOut {
  return { id: row.id, name: row.name, description: row.description, head: row.head, services, createdAt: row.created_at, updatedAt: row.updated_at };
}

export async function listUnits(scope: ClientScope): Promise<UnitOut[]> {
  const [rows, links] = await Promise.all([
    scope.db.selectFrom('business_units').selectAll().orderBy('name').execute(),
    scope.db.selectFrom('business_service_units').select(['unit_id']).execute(),
  ]);
  const counts = new Map<string, number>();
  for (const l of links) counts.set(l.unit_id, (counts.get(l.unit_id) ?? 0) + 1);
  return rows.map((r) => present(r, counts.get(r.id) ?? 0));
}

export async function findUnit(scope: ClientScope, id: string): Promise<BusinessUnitsTable> {
  const row = await scope.db.selectFrom('business_units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Business unit');
  return row;
}

async function ensureNameFree(scope: ClientScope, name: string, exceptId?: string): Promise<void> {
  let q = scope.db.selectFrom('business_units').select('id').where('name_key', '=', keyOf(name));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict(`A business unit named "${name}" already exists.`, [{ path: 'body.name', message: 'already used by another unit' }]);
}

export async function createUnit(scope: ClientScope, raw: UnitInput): Promise<UnitOut> {
  scope.require('business.edit');
  const input = UnitInput.parse(raw);
  await ensureNameFree(scope, input.name);
  const now = toTimestamp(scope.now());
  const row: Omit<BusinessUnitsTable, 'client_id'> = { id: newId(), name: input.name, name_key: keyOf(input.name), description: input.description ?? null, head: input.head ?? null, created_at: now, updated_at: now };
  await scope.write(async (w) => {
    await w.db.insertInto('business_units', row).execute();
    await w.audit({ action: 'business.unit.create', entityType: 'business_unit', entityId: row.id, after: { name: row.name, description: row.description, head: row.head } });
  });
  return present({ ...row, client_id: scope.clientId }, 0);
}

export async function updateUnit(scope: ClientScope, id: string, raw: UnitPatch): Promise<UnitOut> {
  scope.require('business.edit');
  const patch = UnitPatch.parse(raw);
  const before = await findUnit(scope, id);
  if (patch.name !== undefined) await ensureNameFree(scope, patch.name, id);
  const after: BusinessUnitsTable = {
    ...before,
    ...(patch.name !== undefined ? { name: patch.name, name_key: keyOf(patch.name) } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.head !== undefined ? { head: patch.head } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  await scope.write(async (w) => {
    await w.db.updateTable('business_units').set({ name: after.name, name_key: after.name_key, description: after.description, head: after.head, updated_at: after.updated_at }).where('id', '=', id).execute();
    if (after.name !== before.name) {
      // The estate's free-text business unit of the linked services follows the unit's name.
      const linked = (await w.db.selectFrom('business_service_units').select('id').where('unit_id', '=', id).execute()).map((r) => r.id);
      if (linked.length > 0) await w.db.updateTable('estate_services').set({ business_unit: after.name, updated_at: after.updated_at }).where('id', 'in', linked).execute();
    }
    await w.audit({ action: 'business.unit.update', entityType: 'business_unit', entityId: id, before: { name: before.name, description: before.description, head: before.head }, after: { name: after.name, description: after.description, head: after.head } });
  });
  return (await listUnits(scope)).find((u) => u.id === id)!;
}

export async function deleteUnit(scope: ClientScope, id: string): Promise<void> {
  scope.require('business.edit');
  const before = await findUnit(scope, id);
  await scope.write(async (w) => {
    const services = await w.db.selectFrom('business_service_units').select('id').where('unit_id', '=', id).execute();
    await w.db.deleteFrom('business_service_units').where('unit_id', '=', id).execute();
    await w.db.updateTable('business_priorities').set({ unit_id: null }).where('unit_id', '=', id).execute();
    await w.db.deleteFrom('business_units').where('id', '=', id).execute();
    await w.audit({ action: 'business.unit.delete', entityType: 'business_unit', entityId: id, before: { name: before.name, description: before.description, head: before.head, services: services.length } });
  });
}
