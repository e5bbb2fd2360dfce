import { sql, type SelectQueryBuilder } from 'kysely';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { countRows, keysetPage, likeText, withKeyset } from '../../server/db/keyset.js';
import type { DB } from '../../server/db/schema.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { addDays, major, minor, quarterOf, today } from './common.js';
import type { EstateSystemsTable } from './tables.js';
import { sortKeysOf, withSortKeys } from './sort-keys.js';
import type { LifecycleItem, LifecycleOut, SystemDetail, SystemList, SystemOut, SystemSort } from './schema.js';
import { SystemInput, SystemPatch, SystemQuery } from './schema.js';

export function presentSystem(scope: ClientScope, s: EstateSystemsTable, vendorName: string | null): SystemOut {
  return {
    id: s.id,
    name: s.name,
    assetTag: s.asset_tag,
    type: s.type,
    scope: s.scope,
    status: s.status,
    owner: s.owner,
    vendorId: s.vendor_id,
    vendorName,
    location: s.location,
    manufacturer: s.manufacturer,
    model: s.model,
    serial: s.serial,
    category: s.category,
    purchaseDate: s.purchase_date,
    purchaseCost: major(scope, s.purchase_cost),
    warrantyEnd: s.warranty_end,
    endOfLife: s.end_of_life,
    replacementCost: major(scope, s.replacement_cost),
    notes: s.notes,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

/** The orders of the systems list: the key column of each (nullable ones list their empty rows last). */
const SYSTEM_ORDERS: Record<SystemSort, { column: 'name_sort' | 'asset_tag_sort' | 'end_of_life' | 'warranty_end' | 'purchase_date'; nullable: boolean }> = {
  name: { column: 'name_sort', nullable: false },
  assetTag: { column: 'asset_tag_sort', nullable: true },
  endOfLife: { column: 'end_of_life', nullable: true },
  warrantyEnd: { column: 'warranty_end', nullable: true },
  purchaseDate: { column: 'purchase_date', nullable: true },
};

function systemsWithVendor(base: SelectQueryBuilder<DB, 'estate_systems', object>) {
  return base
    .leftJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_systems.client_id').onRef('estate_vendors.id', '=', 'estate_systems.vendor_id'))
    .selectAll('estate_systems')
    .select('estate_vendors.name as vendor_name');
}

/**
 * A page of the client's systems in one of the list's orders (keyset: each page is an index
 * range, however deep), filtered; the count of all matching ones only when asked for.
 */
export async function listSystems(scope: ClientScope, raw: SystemQuery = {}): Promise<SystemList> {
  const query = SystemQuery.parse(raw);
  let base = scope.db.selectFrom('estate_systems');
  if (query.search) {
    const like = likeText(query.search);
    base = base.where((eb) => eb.or(['name', 'asset_tag', 'serial', 'model'].map((col) => eb(sql`lower(${sql.ref(`estate_systems.${col}`)})`, 'like', like))));
  }
  if (query.type) base = base.where('estate_systems.type', '=', query.type);
  if (query.scope) base = base.where('estate_systems.scope', '=', query.scope);
  if (query.status) base = base.where('estate_systems.status', '=', query.status);
  if (query.vendorId) base = base.where('estate_systems.vendor_id', '=', query.vendorId);
  const order = SYSTEM_ORDERS[query.sort];
  const [page, total] = await Promise.all([
    keysetPage(
      { name: `systems ${query.sort}`, key: sql.ref(`estate_systems.${order.column}`), id: sql.ref('estate_systems.id'), type: 'string', nullable: order.nullable },
      { limit: query.limit, cursor: query.cursor, desc: query.order === 'desc' },
      (step) => withKeyset(systemsWithVendor(base), step).execute(),
      (r) => r[order.column],
      (r) => r.id,
    ),
    query.total === 'true' ? countRows(base) : null,
  ]);
  return {
    systems: page.rows.map(({ vendor_name, ...s }) => presentSystem(scope, s, vendor_name)),
    nextCursor: page.nextCursor,
    total,
  };
}

export async function getSystem(scope: ClientScope, id: string): Promise<SystemDetail> {
  const row = await systemsWithVendor(scope.db.selectFrom('estate_systems')).where('estate_systems.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('System');
  const { vendor_name, ...s } = row;
  const [services, datasets, grants] = await Promise.all([
    scope.db
      .selectFrom('estate_service_systems')
      .innerJoin('estate_services', (j) => j.onRef('estate_services.client_id', '=', 'estate_service_systems.client_id').onRef('estate_services.id', '=', 'estate_service_systems.service_id'))
      .select(['estate_services.id', 'estate_services.name', 'estate_services.criticality'])
      .where('estate_service_systems.system_id', '=', id)
      .orderBy('estate_services.name')
      .execute(),
    scope.db
      .selectFrom('estate_dataset_systems')
      .innerJoin('estate_datasets', (j) => j.onRef('estate_datasets.client_id', '=', 'estate_dataset_systems.client_id').onRef('estate_datasets.id', '=', 'estate_dataset_systems.dataset_id'))
      .select(['estate_datasets.id', 'estate_datasets.name', 'estate_datasets.classification'])
      .where('estate_dataset_systems.system_id', '=', id)
      .orderBy('estate_datasets.name')
      .execute(),
    scope.db.selectFrom('estate_grants').select((eb) => eb.fn.countAll<number>().as('n')).where('system_id', '=', id).where('revoked_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { ...presentSystem(scope, s, vendor_name), services, datasets, activeGrants: Number(grants.n) };
}

async function checkRefs(scope: ClientScope, input: { assetTag?: string | null | undefined; vendorId?: string | null | undefined }, exceptId?: string): Promise<void> {
  if (input.assetTag) {
    let q = scope.db.selectFrom('estate_systems').select('name').where('asset_tag', '=', input.assetTag);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const other = await q.executeTakeFirst();
    if (other) throw conflict(`Asset tag ${input.assetTag} is already used by ${other.name}.`, [{ path: 'assetTag', message: 'already used by another system' }]);
  }
  if (input.vendorId) {
    const v = await scope.db.selectFrom('estate_vendors').select('id').where('id', '=', input.vendorId).executeTakeFirst();
    if (!v) throw invalid('No such vendor.', [{ path: 'vendorId', message: 'no such vendor in this client' }]);
  }
}

/** The system's own fields as the audit trail records them. */
function auditView(scope: ClientScope, s: EstateSystemsTable): Omit<SystemOut, 'vendorName' | 'createdAt' | 'updatedAt'> {
  const { vendorName: _v, createdAt: _c, updatedAt: _u, ...rest } = presentSystem(scope, s, null);
  return rest;
}

export async function createSystem(scope: ClientScope, raw: SystemInput): Promise<SystemDetail> {
  const input = SystemInput.parse(raw);
  await checkRefs(scope, input);
  const now = toTimestamp(scope.now());
  const row: EstateSystemsTable = withSortKeys('estate_systems', {
    client_id: scope.clientId,
    id: newId(),
    name: input.name,
    name_sort: '',
    asset_tag: input.assetTag ?? null,
    asset_tag_sort: null,
    type: input.type,
    scope: input.scope,
    status: input.status,
    owner: input.owner ?? null,
    vendor_id: input.vendorId ?? null,
    location: input.location ?? null,
    manufacturer: input.manufacturer ?? null,
    model: input.model ?? null,
    serial: input.serial ?? null,
    category: input.category ?? null,
    purchase_date: input.purchaseDate ?? null,
    purchase_cost: minor(scope, input.purchaseCost),
    warranty_end: input.warrantyEnd ?? null,
    end_of_life: input.endOfLife ?? null,
    replacement_cost: minor(scope, input.replacementCost),
    notes: input.notes ?? null,
    created_at: now,
    updated_at: now,
  });
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('estate_systems', values).execute();
    await w.audit({ action: 'system.create', entityType: 'system', entityId: row.id, after: auditView(scope, row) });
  });
  return getSystem(scope, row.id);
}

export async function updateSystem(scope: ClientScope, id: string, raw: SystemPatch): Promise<SystemDetail> {
  const patch = SystemPatch.parse(raw);
  const before = await scope.db.selectFrom('estate_systems').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('System');
  await checkRefs(scope, patch, id);
  const after: EstateSystemsTable = { ...before, updated_at: toTimestamp(scope.now()) };
  if (patch.name !== undefined) after.name = patch.name;
  if (patch.assetTag !== undefined) after.asset_tag = patch.assetTag;
  if (patch.type !== undefined) after.type = patch.type;
  if (patch.scope !== undefined) after.scope = patch.scope;
  if (patch.status !== undefined) after.status = patch.status;
  if (patch.owner !== undefined) after.owner = patch.owner;
  if (patch.vendorId !== undefined) after.vendor_id = patch.vendorId;
  if (patch.location !== undefined) after.location = patch.location;
  if (patch.manufacturer !== undefined) after.manufacturer = patch.manufacturer;
  if (patch.model !== undefined) after.model = patch.model;
  if (patch.serial !== undefined) after.serial = patch.serial;
  if (patch.category !== undefined) after.category = patch.category;
  if (patch.purchaseDate !== undefined) after.purchase_date = patch.purchaseDate;
  if (patch.purchaseCost !== undefined) after.purchase_cost = minor(scope, patch.purchaseCost);
  if (patch.warrantyEnd !== undefined) after.warranty_end = patch.warrantyEnd;
  if (patch.endOfLife !== undefined) after.end_of_life = patch.endOfLife;
  if (patch.replacementCost !== undefined) after.replacement_cost = minor(scope, patch.replacementCost);
  if (patch.notes !== undefined) after.notes = patch.notes;
  Object.assign(after, sortKeysOf('estate_systems', after));
  await scope.write(async (w) => {
    const { client_id: _c, id: _i, created_at: _t, ...set } = after;
    await w.db.updateTable('estate_systems').set(set).where('id', '=', id).execute();
    await w.audit({ action: 'system.update', entityType: 'system', entityId: id, before: auditView(scope, before), after: auditView(scope, after) });
  });
  return getSystem(scope, id);
}

export async function deleteSystem(scope: ClientScope, id: string): Promise<void> {
  const before = await scope.db.selectFrom('estate_systems').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('System');
  await scope.write(async (w) => {
    const grants = await w.db.selectFrom('estate_grants').select('id').where('system_id', '=', id).execute();
    if (grants.length > 0) await w.db.deleteFrom('estate_review_items').where('grant_id', 'in', grants.map((g) => g.id)).execute();
    await w.db.deleteFrom('estate_grants').where('system_id', '=', id).execute();
    await w.db.deleteFrom('estate_service_systems').where('system_id', '=', id).execute();
    await w.db.deleteFrom('estate_dataset_systems').where('system_id', '=', id).execute();
    await w.db.deleteFrom('estate_systems').where('id', '=', id).execute();
    await w.audit({ action: 'system.delete', entityType: 'system', entityId: id, before: { ...auditView(scope, before), grantsRemoved: grants.length } });
  });
}

/**
 * Lifecycle of the estate: systems in service whose warranty ends or that reach end of life in
 * the next `days` days, those already past end of life, and the replacement cost falling due
 * in each of the next `quarters` quarters (by end-of-life date). Lists hold at most `limit`
 * items; counts and costs cover all.
 */
export async function lifecycle(scope: ClientScope, options: { days?: number; quarters?: number; limit?: number } = {}): Promise<LifecycleOut> {
  const days = options.days ?? 90;
  const quarters = options.quarters ?? 8;
  const limit = options.limit ?? 100;
  const from = today(scope);
  const to = addDays(from, days);
  const inService = () => scope.db.selectFrom('estate_systems').where('status', '!=', 'retired');
  const item = (r: Pick<EstateSystemsTable, 'id' | 'name' | 'asset_tag' | 'type' | 'status' | 'replacement_cost'>, date: string | null): LifecycleItem => ({
    id: r.id, name: r.name, assetTag: r.asset_tag, type: r.type, status: r.status, date: date ?? '', replacementCost: major(scope, r.replacement_cost),
  });
  const cols = ['id', 'name', 'asset_tag', 'type', 'status', 'replacement_cost'] as const;
  const totals = (q: ReturnType<typeof inService>) => q.select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(replacement_cost), 0)`.as('cost')]).executeTakeFirstOrThrow();
  const warranty = inService().where('warranty_end', '>=', from).where('warranty_end', '<=', to);
  const eol = inService().where('end_of_life', '>=', from).where('end_of_life', '<=', to);
  const past = inService().where('end_of_life', '<', from);
  const [wTotals, wItems, eTotals, eItems, pTotals, pItems, byMonth] = await Promise.all([
    totals(warranty),
    warranty.select([...cols, 'warranty_end']).orderBy('warranty_end').orderBy('name').limit(limit).execute(),
    totals(eol),
    eol.select([...cols, 'end_of_life']).orderBy('end_of_life').orderBy('name').limit(limit).execute(),
    totals(past),
    past.select([...cols, 'end_of_life']).orderBy('end_of_life').orderBy('name').limit(limit).execute(),
    inService()
      .where('end_of_life', '>=', `${quarterStart(from)}`)
      .select([sql<string>`substr(end_of_life, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(replacement_cost), 0)`.as('cost')])
      .groupBy(sql`substr(end_of_life, 1, 7)`)
      .execute(),
  ]);
  const quarterList: string[] = [];
  let cursor = quarterStart(from);
  for (let i = 0; i < quarters; i++) {
    quarterList.push(quarterOf(cursor));
    cursor = nextQuarterStart(cursor);
  }
  const buckets = new Map(quarterList.map((q) => [q, { quarter: q, systems: 0, cost: 0 }]));
  for (const m of byMonth) {
    const b = buckets.get(quarterOf(`${m.month}-01`));
    if (b) {
      b.systems += Number(m.n);
      b.cost += Number(m.cost);
    }
  }
  return {
    from,
    to,
    days,
    warrantyEnding: { count: Number(wTotals.n), items: wItems.map((r) => item(r, r.warranty_end)) },
    endOfLife: { count: Number(eTotals.n), replacementCost: major(scope, Number(eTotals.cost)), items: eItems.map((r) => item(r, r.end_of_life)) },
    pastEndOfLife: { count: Number(pTotals.n), replacementCost: major(scope, Number(pTotals.cost)), items: pItems.map((r) => item(r, r.end_of_life)) },
    replacementByQuarter: [...buckets.values()].map((b) => ({ quarter: b.quarter, systems: b.systems, replacementCost: major(scope, b.cost) })),
  };
}

function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  const startMonth = Math.floor((month - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(startMonth).padStart(2, '0')}-01`;
}

function nextQuarterStart(start: string): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) + 3;
  return month > 12 ? `${year + 1}-01-01` : `${year}-${String(month).padStart(2, '0')}-01`;
}
