/**
 * Business priorities: what the business is trying to achieve this year, weighted (the active
 * ones add up to at most 100 %), each owned by an executive, moving the top line (revenue) or
 * the bottom line (cost, efficiency, continuity). Services and initiatives link to them.
 */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { forbidden, invalid, notFound } from '../../server/errors.js';
import { PriorityInput, PriorityPatch, type PriorityOut } from './schema.js';
import type { BusinessPrioritiesTable } from './tables.js';

/** Members who may own a priority: the client's executives. */
export async function executives(scope: ClientScope): Promise<{ userId: string; name: string }[]> {
  const rows = await scope.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name'])
    .where('memberships.role', '=', 'executive')
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name }));
}

export async function listPriorities(scope: ClientScope): Promise<PriorityOut[]> {
  const [rows, units, links, services, users] = await Promise.all([
    scope.db.selectFrom('business_priorities').selectAll().orderBy('weight', 'desc').orderBy('title').execute(),
    scope.db.selectFrom('business_units').select(['id', 'name']).execute(),
    scope.db.selectFrom('business_service_priorities').select(['service_id', 'priority_id']).execute(),
    scope.db.selectFrom('estate_services').select(['id', 'name']).orderBy('name').execute(),
    scope.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.name']).execute(),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    weight: r.weight,
    owner: r.owner_user_id ? { userId: r.owner_user_id, name: userName.get(r.owner_user_id) ?? 'A former member' } : null,
    unit: r.unit_id ? { id: r.unit_id, name: unitName.get(r.unit_id) ?? '' } : null,
    line: r.line,
    status: r.status,
    targetDate: r.target_date,
    services: services.filter((s) => links.some((l) => l.priority_id === r.id && l.service_id === s.id)).map((s) => ({ id: s.id, name: s.name })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function findPriority(scope: ClientScope, id: string): Promise<BusinessPrioritiesTable> {
  const row = await scope.db.selectFrom('business_priorities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Business priority');
  return row;
}

/** Checks a priority as it would be stored: its owner is an executive, its unit exists, the active weights fit in 100 %. */
async function check(scope: ClientScope, row: BusinessPrioritiesTable): Promise<void> {
  const details: { path: string; message: string }[] = [];
  if (row.owner_user_id && !(await executives(scope)).some((e) => e.userId === row.owner_user_id)) {
    details.push({ path: 'body.ownerUserId', message: 'must be a member of this client with the executive role' });
  }
  if (row.unit_id && !(await scope.db.selectFrom('business_units').select('id').where('id', '=', row.unit_id).executeTakeFirst())) {
    details.push({ path: 'body.unitId', message: 'no such business unit in this client' });
  }
  if (row.status === 'active') {
    const others = await scope.db.selectFrom('business_priorities').select(['weight']).where('status', '=', 'active').where('id', '!=', row.id).execute();
    const total = others.reduce((s, o) => s + o.weight, 0) + row.weight;
    if (total > 100) details.push({ path: 'body.weight', message: `the active priorities would weigh ${total} %; together they may weigh at most 100 % (${100 - (total - row.weight)} % is left)` });
  }
  if (details.length > 0) throw invalid('The priority cannot be saved as it is.', details);
}

function audit(row: BusinessPrioritiesTable): Record<string, unknown> {
  return { title: row.title, description: row.description, weight: row.weight, ownerUserId: row.owner_user_id, unitId: row.unit_id, line: row.line, status: row.status, targetDate: row.target_date };
}

/** Advisors keep priorities; an executive may change the priorities they own. */
function mayEdit(scope: ClientScope, row: BusinessPrioritiesTable | null): void {
  if (scope.can('business.priorities.manage')) return;
  if (scope.role === 'executive' && row && row.owner_user_id === scope.actor.userId) return;
  throw forbidden(row ? 'Only an advisor, or the executive who owns it, may change this priority.' : 'Only an advisor adds business priorities.');
}

export async function createPriority(scope: ClientScope, raw: PriorityInput): Promise<PriorityOut> {
  mayEdit(scope, null);
  const input = PriorityInput.parse(raw);
  const now = toTimestamp(scope.now());
  const row: BusinessPrioritiesTable = {
    client_id: scope.clientId,
    id: newId(),
    title: input.title,
    description: input.description ?? null,
    weight: input.weight,
    owner_user_id: input.ownerUserId,
    unit_id: input.unitId ?? null,
    line: input.line,
    status: input.status ?? 'active',
    target_date: input.targetDate ?? null,
    created_at: now,
    updated_at: now,
  };
  await check(scope, row);
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('business_priorities', values).execute();
    await w.audit({ action: 'business.priority.create', entityType: 'business_priority', entityId: row.id, after: audit(row) });
  });
  return (await listPriorities(scope)).find((p) => p.id === row.id)!;
}

export async function updatePriority(scope: ClientScope, id: string, raw: PriorityPatch): Promise<PriorityOut> {
  const before = await findPriority(scope, id);
  mayEdit(scope, before);
  const patch = PriorityPatch.parse(raw);
  // An executive may not hand their priority to someone else.
  if (!scope.can('business.priorities.manage') && patch.ownerUserId !== undefined && patch.ownerUserId !== before.owner_user_id) throw forbidden('Only an advisor may give a priority another owner.');
  const after: BusinessPrioritiesTable = {
    ...before,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.weight !== undefined ? { weight: patch.weight } : {}),
    ...(patch.ownerUserId !== undefined ? { owner_user_id: patch.ownerUserId } : {}),
    ...(patch.unitId !== undefined ? { unit_id: patch.unitId } : {}),
    ...(patch.line !== undefined ? { line: patch.line } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.targetDate !== undefined ? { target_date: patch.targetDate } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  await check(scope, after);
  await scope.write(async (w) => {
    const { client_id: _c, id: _i, created_at: _k, ...set } = after;
    await w.db.updateTable('business_priorities').set(set).where('id', '=', id).execute();
    await w.audit({ action: 'business.priority.update', entityType: 'business_priority', entityId: id, before: audit(before), after: audit(after) });
  });
  return (await listPriorities(scope)).find((p) => p.id === id)!;
}

export async function deletePriority(scope: ClientScope, id: string): Promise<void> {
  scope.require('business.priorities.manage');
  const before = await findPriority(scope, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('business_service_priorities').where('priority_id', '=', id).execute();
    // Initiatives' links to it go with it (their foreign key cascades).
    await w.db.deleteFrom('business_priorities').where('id', '=', id).execute();
    await w.audit({ action: 'business.priority.delete', entityType: 'business_priority', entityId: id, before: audit(before) });
  });
}
