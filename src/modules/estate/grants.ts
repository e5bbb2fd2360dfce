import { sql } from 'kysely';
import type { z } from 'zod';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { countRows, keysetPage, withKeyset } from '../../server/db/keyset.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { chunk, today } from './common.js';
import { sortKeysOf } from './sort-keys.js';
import type { EstateGrantsTable } from './tables.js';
import { nameKey, type GrantTarget } from './vocab.js';
import type { GrantList, GrantOut, GrantSort } from './access-schema.js';
import { GrantInput, GrantPatch, GrantQuery, type GrantFlag } from './access-schema.js';

interface GrantContext {
  members: Map<string, string>;
  owners: Map<string, string>;
  targets: Map<string, { name: string; classification: GrantOut['classification'] }>;
}

/** Member names of the client, and the names of owners who are no longer members. */
async function grantContext(scope: ClientScope, rows: EstateGrantsTable[]): Promise<GrantContext> {
  const members = new Map(
    (await scope.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.name']).execute()).map((m) => [m.id, m.name]),
  );
  const owners = new Map(members);
  const missing = [...new Set(rows.map((r) => r.owner_user_id).filter((id): id is string => id !== null && !members.has(id)))];
  for (const part of chunk(missing, 500)) {
    for (const u of await scope.app.database.db.selectFrom('users').select(['id', 'name']).where('id', 'in', part).where('firm_id', '=', scope.client.firm_id).execute()) owners.set(u.id, u.name);
  }
  const targets = new Map<string, { name: string; classification: GrantOut['classification'] }>();
  const datasetIds = [...new Set(rows.flatMap((r) => (r.dataset_id ? [r.dataset_id] : [])))];
  const systemIds = [...new Set(rows.flatMap((r) => (r.system_id ? [r.system_id] : [])))];
  for (const part of chunk(datasetIds, 500)) {
    for (const d of await scope.db.selectFrom('estate_datasets').select(['id', 'name', 'classification']).where('id', 'in', part).execute()) targets.set(`dataset:${d.id}`, { name: d.name, classification: d.classification });
  }
  for (const part of chunk(systemIds, 500)) {
    for (const s of await scope.db.selectFrom('estate_systems').select(['id', 'name']).where('id', 'in', part).execute()) targets.set(`system:${s.id}`, { name: s.name, classification: null });
  }
  return { members, owners, targets };
}

export function grantFlags(g: Pick<EstateGrantsTable, 'reason' | 'owner_user_id'>, members: Map<string, string>): GrantFlag[] {
  const flags: GrantFlag[] = [];
  if (!g.reason) flags.push('no_reason');
  if (!g.owner_user_id) flags.push('no_owner');
  else if (!members.has(g.owner_user_id)) flags.push('owner_not_member');
  return flags;
}

function present(g: EstateGrantsTable, ctx: GrantContext): GrantOut {
  const target = ctx.targets.get(g.target_key);
  return {
    id: g.id,
    targetType: g.target_type,
    targetId: (g.dataset_id ?? g.system_id)!,
    targetName: target?.name ?? '',
    classification: target?.classification ?? null,
    grantee: g.grantee,
    granteeType: g.grantee_type,
    level: g.level,
    reason: g.reason,
    ownerUserId: g.owner_user_id,
    ownerName: g.owner_user_id ? (ctx.owners.get(g.owner_user_id) ?? null) : null,
    grantedBy: g.granted_by,
    since: g.since,
    active: g.revoked_at === null,
    revokedAt: g.revoked_at,
    revokedReason: g.revoked_reason,
    flags: g.revoked_at === null ? grantFlags(g, ctx.members) : [],
    createdAt: g.created_at,
    updatedAt: g.updated_at,
  };
}

/** Presents grant rows with their targets, owners and flags. */
export async function presentGrants(scope: ClientScope, rows: EstateGrantsTable[]): Promise<GrantOut[]> {
  const ctx = await grantContext(scope, rows);
  return rows.map((g) => present(g, ctx));
}

/** The client's grants matching a list's filters. */
async function filteredGrants(scope: ClientScope, query: Pick<z.output<typeof GrantQuery>, 'status' | 'flagged' | 'targetType' | 'targetId' | 'ownerUserId'>) {
  let q = scope.db.selectFrom('estate_grants');
  if (query.status === 'active') q = q.where('revoked_at', 'is', null);
  if (query.status === 'revoked') q = q.where('revoked_at', 'is not', null);
  if (query.targetType) q = q.where('target_type', '=', query.targetType);
  if (query.targetId) q = q.where((eb) => eb.or([eb('dataset_id', '=', query.targetId!), eb('system_id', '=', query.targetId!)]));
  if (query.ownerUserId) q = q.where('owner_user_id', '=', query.ownerUserId);
  if (query.flagged === 'true') {
    const memberIds = (await scope.db.selectFrom('memberships').select('user_id').execute()).map((m) => m.user_id);
    q = q.where((eb) => eb.or([eb('reason', 'is', null), eb('owner_user_id', 'is', null), eb('owner_user_id', 'not in', memberIds.length > 0 ? memberIds : [''])]));
  }
  return q;
}

const GRANT_ORDERS: Record<GrantSort, { column: 'grantee_sort' | 'since'; nullable: boolean }> = {
  grantee: { column: 'grantee_sort', nullable: false },
  since: { column: 'since', nullable: true },
};

/** A page of the client's access grants (keyset), filtered; the count only when asked for. */
export async function listGrants(scope: ClientScope, raw: GrantQuery = {}): Promise<GrantList> {
  const query = GrantQuery.parse(raw);
  const base = await filteredGrants(scope, query);
  const order = GRANT_ORDERS[query.sort];
  const [page, total] = await Promise.all([
    keysetPage(
      { name: `grants ${query.sort}`, key: sql.ref(`estate_grants.${order.column}`), id: sql.ref('estate_grants.id'), type: 'string', nullable: order.nullable },
      { limit: query.limit, cursor: query.cursor, desc: query.order === 'desc' },
      (step) => withKeyset(base.selectAll('estate_grants'), step).execute(),
      (r) => r[order.column],
      (r) => r.id,
    ),
    query.total === 'true' ? countRows(base) : null,
  ]);
  return { grants: await presentGrants(scope, page.rows), nextCursor: page.nextCursor, total };
}

/** How many grants match (the estate's home card counts active and flagged ones). */
export async function countGrants(scope: ClientScope, filter: { status: 'active' | 'revoked' | 'all'; flagged?: 'true' | 'false' }): Promise<number> {
  return countRows(await filteredGrants(scope, filter));
}

export async function getGrant(scope: ClientScope, id: string): Promise<GrantOut> {
  const row = await scope.db.selectFrom('estate_grants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Access grant');
  return (await presentGrants(scope, [row]))[0]!;
}

async function resolveTarget(scope: ClientScope, type: GrantTarget, id: string): Promise<void> {
  const table = type === 'dataset' ? 'estate_datasets' : 'estate_systems';
  const found = await scope.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw invalid(`No such ${type === 'dataset' ? 'data set' : 'system'}.`, [{ path: 'targetId', message: `no such ${type} in this client` }]);
}

async function checkOwner(scope: ClientScope, ownerUserId: string | null | undefined): Promise<void> {
  if (!ownerUserId) return;
  const m = await scope.db.selectFrom('memberships').select('user_id').where('user_id', '=', ownerUserId).executeTakeFirst();
  if (!m) throw invalid('The owner must be a member of the client.', [{ path: 'ownerUserId', message: 'not a member of this client' }]);
}

function auditView(g: GrantOut): Record<string, unknown> {
  const { targetName: _n, classification: _c, ownerName: _o, flags: _f, createdAt: _a, updatedAt: _u, ...rest } = g;
  return rest;
}

export async function createGrant(scope: ClientScope, raw: GrantInput): Promise<GrantOut> {
  const input = GrantInput.parse(raw);
  await resolveTarget(scope, input.targetType, input.targetId);
  await checkOwner(scope, input.ownerUserId);
  const targetKey = `${input.targetType}:${input.targetId}`;
  const existing = await scope.db.selectFrom('estate_grants').select(['id', 'revoked_at']).where('target_key', '=', targetKey).where('grantee_key', '=', nameKey(input.grantee)).executeTakeFirst();
  if (existing && existing.revoked_at === null) {
    throw conflict(`${input.grantee} already has access to it; change that grant instead.`, [{ path: 'grantee', message: 'already has a grant on this target' }]);
  }
  const now = toTimestamp(scope.now());
  const row: EstateGrantsTable = {
    client_id: scope.clientId,
    id: existing?.id ?? newId(),
    target_type: input.targetType,
    dataset_id: input.targetType === 'dataset' ? input.targetId : null,
    system_id: input.targetType === 'system' ? input.targetId : null,
    target_key: targetKey,
    grantee: input.grantee,
    grantee_key: nameKey(input.grantee),
    grantee_sort: sortKeysOf('estate_grants', { grantee: input.grantee }).grantee_sort!,
    grantee_type: input.granteeType,
    level: input.level,
    reason: input.reason ?? null,
    owner_user_id: input.ownerUserId ?? null,
    granted_by: input.grantedBy ?? scope.actor.label,
    since: input.since ?? today(scope),
    revoked_at: null,
    revoked_reason: null,
    created_at: now,
    updated_at: now,
  };
  // Read before the transaction: inside it, only `w.db` may be used.
  const after = auditView((await presentGrants(scope, [row]))[0]!);
  await scope.write(async (w) => {
    const { client_id: _c, id, ...values } = row;
    // A grant revoked earlier and given again keeps its history under the same id.
    if (existing) await w.db.updateTable('estate_grants').set(values).where('id', '=', id).execute();
    else await w.db.insertInto('estate_grants', { id, ...values }).execute();
    await w.audit({ action: 'grant.create', entityType: 'grant', entityId: id, after });
  });
  return getGrant(scope, row.id);
}

export async function updateGrant(scope: ClientScope, id: string, raw: GrantPatch): Promise<GrantOut> {
  const patch = GrantPatch.parse(raw);
  const before = await getGrant(scope, id);
  await checkOwner(scope, patch.ownerUserId);
  if (patch.grantee !== undefined) {
    const other = await scope.db.selectFrom('estate_grants').select('id').where('target_key', '=', `${before.targetType}:${before.targetId}`).where('grantee_key', '=', nameKey(patch.grantee)).where('id', '!=', id).executeTakeFirst();
    if (other) throw conflict(`${patch.grantee} already has a grant on this ${before.targetType}.`, [{ path: 'grantee', message: 'already has a grant on this target' }]);
  }
  const set = {
    ...(patch.grantee !== undefined ? { grantee: patch.grantee, grantee_key: nameKey(patch.grantee), ...sortKeysOf('estate_grants', { grantee: patch.grantee }) } : {}),
    ...(patch.granteeType !== undefined ? { grantee_type: patch.granteeType } : {}),
    ...(patch.level !== undefined ? { level: patch.level } : {}),
    ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
    ...(patch.ownerUserId !== undefined ? { owner_user_id: patch.ownerUserId } : {}),
    ...(patch.grantedBy !== undefined ? { granted_by: patch.grantedBy } : {}),
    ...(patch.since !== undefined ? { since: patch.since } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  const current = await scope.db.selectFrom('estate_grants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const after = auditView((await presentGrants(scope, [{ ...current, ...set }]))[0]!);
  await scope.write(async (w) => {
    await w.db.updateTable('estate_grants').set(set).where('id', '=', id).execute();
    await w.audit({ action: 'grant.update', entityType: 'grant', entityId: id, before: auditView(before), after });
  });
  return getGrant(scope, id);
}

/** Revokes a grant outside a review; the grant stays on record as revoked. */
export async function revokeGrant(scope: ClientScope, id: string, reason: string): Promise<GrantOut> {
  const before = await getGrant(scope, id);
  if (!before.active) throw conflict('This grant is already revoked.');
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    await w.db.updateTable('estate_grants').set({ revoked_at: now, revoked_reason: reason, updated_at: now }).where('id', '=', id).execute();
    await w.audit({ action: 'grant.revoke', entityType: 'grant', entityId: id, before: auditView(before), after: { ...auditView(before), active: false, revokedAt: now, revokedReason: reason } });
  });
  return getGrant(scope, id);
}

export async function deleteGrant(scope: ClientScope, id: string): Promise<void> {
  const before = await getGrant(scope, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('estate_review_items').where('grant_id', '=', id).execute();
    await w.db.deleteFrom('estate_grants').where('id', '=', id).execute();
    await w.audit({ action: 'grant.delete', entityType: 'grant', entityId: id, before: auditView(before) });
  });
}
