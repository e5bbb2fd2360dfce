import { sql } from 'kysely';
import type { ClientScope } from '../../server/context.js';
import { fromJson, newId, toJson, toTimestamp } from '../../server/db/conventions.js';
import { countRows, keysetPage, likeText, withKeyset } from '../../server/db/keyset.js';
import { conflict, notFound } from '../../server/errors.js';
import { chunk, linksOf, requireIds, setLinks } from './common.js';
import { loadGraph, reachOf, tierOf, type Reach } from './graph.js';
import type { EstateDatasetsTable } from './tables.js';
import { sortKeysOf } from './sort-keys.js';
import { CLASSIFICATIONS, nameKey, type Classification } from './vocab.js';
import type { DataLocationsOut, DatasetList, DatasetOut, DatasetSort } from './access-schema.js';
import { DatasetInput, DatasetPatch, DatasetQuery } from './access-schema.js';

type Names = { systems: Map<string, string>; vendors: Map<string, string> };

function presentDataset(d: EstateDatasetsTable, systemIds: string[], vendorIds: string[], names: Names, grants: number): DatasetOut {
  const refs = (ids: string[], map: Map<string, string>) => ids.map((id) => ({ id, name: map.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    classification: d.classification,
    categories: fromJson(d.categories, []),
    records: Number(d.records),
    countries: fromJson(d.countries, []),
    lifecycleStage: d.lifecycle_stage,
    retention: d.retention,
    owner: d.owner,
    systems: refs(systemIds, names.systems),
    vendors: refs(vendorIds, names.vendors),
    activeGrants: grants,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  };
}

async function namesFor(scope: ClientScope, systemIds: string[], vendorIds: string[]): Promise<Names> {
  const systems = new Map<string, string>();
  for (const part of chunk([...new Set(systemIds)], 500)) {
    for (const r of await scope.db.selectFrom('estate_systems').select(['id', 'name']).where('id', 'in', part).execute()) systems.set(r.id, r.name);
  }
  const vendors = new Map<string, string>();
  for (const part of chunk([...new Set(vendorIds)], 500)) {
    for (const r of await scope.db.selectFrom('estate_vendors').select(['id', 'name']).where('id', 'in', part).execute()) vendors.set(r.id, r.name);
  }
  return { systems, vendors };
}

const DATASET_ORDERS: Record<DatasetSort, { column: 'name_sort' | 'records'; type: 'string' | 'number' }> = {
  name: { column: 'name_sort', type: 'string' },
  records: { column: 'records', type: 'number' },
};

/** A page of the client's data sets (keyset), filtered; the count only when asked for. */
export async function listDatasets(scope: ClientScope, raw: DatasetQuery = {}): Promise<DatasetList> {
  const query = DatasetQuery.parse(raw);
  let base = scope.db.selectFrom('estate_datasets');
  if (query.classification) base = base.where('estate_datasets.classification', '=', query.classification);
  if (query.search) {
    const like = likeText(query.search);
    base = base.where((eb) => eb.or([eb(sql`lower(${sql.ref('estate_datasets.name')})`, 'like', like), eb(sql`lower(coalesce(${sql.ref('estate_datasets.description')}, ''))`, 'like', like)]));
  }
  const order = DATASET_ORDERS[query.sort];
  const [page, total] = await Promise.all([
    keysetPage(
      { name: `datasets ${query.sort}`, key: sql.ref(`estate_datasets.${order.column}`), id: sql.ref('estate_datasets.id'), type: order.type },
      { limit: query.limit, cursor: query.cursor, desc: query.order === 'desc' },
      (step) => withKeyset(base.selectAll('estate_datasets'), step).execute(),
      (r) => (order.type === 'number' ? Number(r[order.column]) : r[order.column]),
      (r) => r.id,
    ),
    query.total === 'true' ? countRows(base) : null,
  ]);
  return { datasets: await presentDatasets(scope, page.rows), nextCursor: page.nextCursor, total };
}

/** Data set rows presented with where they are stored or processed and their active grants. */
async function presentDatasets(scope: ClientScope, rows: EstateDatasetsTable[]): Promise<DatasetOut[]> {
  const datasetIds = rows.map((r) => r.id);
  const [systemLinks, vendorLinks, grants] = await Promise.all([
    linksOf(scope.db, 'estate_dataset_systems', 'dataset_id', 'system_id', datasetIds),
    linksOf(scope.db, 'estate_dataset_vendors', 'dataset_id', 'vendor_id', datasetIds),
    Promise.all(chunk(datasetIds, 500).map((part) =>
      scope.db.selectFrom('estate_grants').select(['dataset_id', (eb) => eb.fn.countAll<number>().as('n')]).where('dataset_id', 'in', part).where('revoked_at', 'is', null).groupBy('dataset_id').execute(),
    )),
  ]);
  const names = await namesFor(scope, [...systemLinks.values()].flat(), [...vendorLinks.values()].flat());
  const grantCount = new Map(grants.flat().map((g) => [g.dataset_id, Number(g.n)]));
  return rows.map((d) => presentDataset(d, systemLinks.get(d.id) ?? [], vendorLinks.get(d.id) ?? [], names, grantCount.get(d.id) ?? 0));
}

export async function getDataset(scope: ClientScope, id: string): Promise<DatasetOut> {
  const row = await scope.db.selectFrom('estate_datasets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Data set');
  return (await presentDatasets(scope, [row]))[0]!;
}

async function ensureNameFree(scope: ClientScope, name: string, exceptId?: string): Promise<void> {
  let q = scope.db.selectFrom('estate_datasets').select('id').where('name_key', '=', nameKey(name));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict(`A data set named "${name}" already exists.`, [{ path: 'name', message: 'already used by another data set' }]);
}

/** The data set as the audit trail records it (links by id). */
function auditView(d: DatasetOut): Record<string, unknown> {
  const { systems, vendors, activeGrants: _g, createdAt: _c, updatedAt: _u, ...rest } = d;
  return { ...rest, systemIds: systems.map((s) => s.id), vendorIds: vendors.map((v) => v.id) };
}

export async function createDataset(scope: ClientScope, raw: DatasetInput): Promise<DatasetOut> {
  const input = DatasetInput.parse(raw);
  await ensureNameFree(scope, input.name);
  await requireIds(scope.db, 'estate_systems', input.systemIds, 'systemIds');
  await requireIds(scope.db, 'estate_vendors', input.vendorIds, 'vendorIds');
  const now = toTimestamp(scope.now());
  const row: Omit<EstateDatasetsTable, 'client_id'> = {
    id: newId(),
    name: input.name,
    name_key: nameKey(input.name),
    name_sort: sortKeysOf('estate_datasets', { name: input.name }).name_sort!,
    description: input.description ?? null,
    classification: input.classification,
    categories: toJson([...new Set(input.categories)]) ?? '[]',
    records: input.records,
    countries: toJson([...new Set(input.countries)].sort()) ?? '[]',
    lifecycle_stage: input.lifecycleStage,
    retention: input.retention ?? null,
    owner: input.owner ?? null,
    created_at: now,
    updated_at: now,
  };
  // Everything the audit entry shows is read before the transaction: inside it, only `w.db`.
  const after = auditView(presentDataset({ client_id: scope.clientId, ...row }, input.systemIds, input.vendorIds, await namesFor(scope, input.systemIds, input.vendorIds), 0));
  await scope.write(async (w) => {
    await w.db.insertInto('estate_datasets', row).execute();
    await setLinks(w.db, 'estate_dataset_systems', 'dataset_id', row.id, 'system_id', input.systemIds, newId);
    await setLinks(w.db, 'estate_dataset_vendors', 'dataset_id', row.id, 'vendor_id', input.vendorIds, newId);
    await w.audit({ action: 'dataset.create', entityType: 'dataset', entityId: row.id, after });
  });
  return getDataset(scope, row.id);
}

export async function updateDataset(scope: ClientScope, id: string, raw: DatasetPatch): Promise<DatasetOut> {
  const patch = DatasetPatch.parse(raw);
  const before = await getDataset(scope, id);
  if (patch.name !== undefined) await ensureNameFree(scope, patch.name, id);
  if (patch.systemIds) await requireIds(scope.db, 'estate_systems', patch.systemIds, 'systemIds');
  if (patch.vendorIds) await requireIds(scope.db, 'estate_vendors', patch.vendorIds, 'vendorIds');
  const set = {
    ...(patch.name !== undefined ? { name: patch.name, name_key: nameKey(patch.name), ...sortKeysOf('estate_datasets', { name: patch.name }) } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.classification !== undefined ? { classification: patch.classification } : {}),
    ...(patch.categories !== undefined ? { categories: toJson([...new Set(patch.categories)]) ?? '[]' } : {}),
    ...(patch.records !== undefined ? { records: patch.records } : {}),
    ...(patch.countries !== undefined ? { countries: toJson([...new Set(patch.countries)].sort()) ?? '[]' } : {}),
    ...(patch.lifecycleStage !== undefined ? { lifecycle_stage: patch.lifecycleStage } : {}),
    ...(patch.retention !== undefined ? { retention: patch.retention } : {}),
    ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  const systemIds = patch.systemIds ?? before.systems.map((s) => s.id);
  const vendorIds = patch.vendorIds ?? before.vendors.map((v) => v.id);
  const names = await namesFor(scope, systemIds, vendorIds);
  await scope.write(async (w) => {
    await w.db.updateTable('estate_datasets').set(set).where('id', '=', id).execute();
    if (patch.systemIds) await setLinks(w.db, 'estate_dataset_systems', 'dataset_id', id, 'system_id', patch.systemIds, newId);
    if (patch.vendorIds) await setLinks(w.db, 'estate_dataset_vendors', 'dataset_id', id, 'vendor_id', patch.vendorIds, newId);
    const row = await w.db.selectFrom('estate_datasets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const after = presentDataset(row, systemIds, vendorIds, names, before.activeGrants);
    await w.audit({ action: 'dataset.update', entityType: 'dataset', entityId: id, before: auditView(before), after: auditView(after) });
  });
  return getDataset(scope, id);
}

export async function deleteDataset(scope: ClientScope, id: string): Promise<void> {
  const before = await getDataset(scope, id);
  await scope.write(async (w) => {
    const grants = await w.db.selectFrom('estate_grants').select('id').where('dataset_id', '=', id).execute();
    if (grants.length > 0) await w.db.deleteFrom('estate_review_items').where('grant_id', 'in', grants.map((g) => g.id)).execute();
    await w.db.deleteFrom('estate_grants').where('dataset_id', '=', id).execute();
    await w.db.deleteFrom('estate_dataset_systems').where('dataset_id', '=', id).execute();
    await w.db.deleteFrom('estate_dataset_vendors').where('dataset_id', '=', id).execute();
    await w.db.deleteFrom('estate_datasets').where('id', '=', id).execute();
    await w.audit({ action: 'dataset.delete', entityType: 'dataset', entityId: id, before: { ...auditView(before), grantsRemoved: grants.length } });
  });
}

/**
 * Where critical data lives, at a glance: the systems and vendors (fourth parties included)
 * that store or process data sets classified `classification` or above, with the data sets
 * each holds. A vendor holds a data set when it is linked to it, runs a SaaS or cloud system
 * holding it, or handles data for a vendor that does (`via`).
 */
export async function dataLocations(scope: ClientScope, classification: Classification = 'restricted'): Promise<DataLocationsOut> {
  const levels = CLASSIFICATIONS.slice(CLASSIFICATIONS.indexOf(classification));
  const datasets = await scope.db.selectFrom('estate_datasets').select(['id', 'name', 'classification', 'records', 'countries']).where('classification', 'in', levels).orderBy('name').execute();
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const ids = datasets.map((d) => d.id);
  const systemLinks = await linksOf(scope.db, 'estate_dataset_systems', 'dataset_id', 'system_id', ids);
  const held = (id: string, via: string | null) => {
    const d = byId.get(id)!;
    return { id, name: d.name, classification: d.classification, records: Number(d.records), via };
  };
  const systemsHolding = new Map<string, string[]>();
  for (const [datasetId, systemIds] of systemLinks) for (const s of systemIds) systemsHolding.set(s, [...(systemsHolding.get(s) ?? []), datasetId]);
  const systemRows = systemsHolding.size === 0 ? [] : (
    await Promise.all(chunk([...systemsHolding.keys()], 500).map((part) =>
      scope.db
        .selectFrom('estate_systems')
        .leftJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_systems.client_id').onRef('estate_vendors.id', '=', 'estate_systems.vendor_id'))
        .select(['estate_systems.id', 'estate_systems.name', 'estate_systems.type', 'estate_systems.scope', 'estate_systems.location', 'estate_vendors.name as vendor_name'])
        .where('estate_systems.id', 'in', part)
        .execute(),
    ))
  ).flat();
  const graph = await loadGraph(scope.db);
  const memo = new Map<string, Reach>();
  const vendors = [...graph.vendors.values()].flatMap((v) => {
    const reach = reachOf(graph, v.id, memo);
    const list = [...reach.datasets].filter(([d]) => byId.has(d)).map(([d, via]) => held(d, via));
    if (list.length === 0) return [];
    return [{ id: v.id, name: v.name, tier: tierOf(graph, v.id, reach).tier, direct: v.direct === 1, fourthParty: (graph.parents.get(v.id) ?? []).length > 0, country: v.country, datasets: list.sort((a, b) => a.name.localeCompare(b.name)) }];
  });
  const countries = new Map<string, number>();
  for (const d of datasets) for (const c of fromJson<string[]>(d.countries, [])) countries.set(c, (countries.get(c) ?? 0) + 1);
  return {
    classification,
    datasets: datasets.length,
    records: datasets.reduce((n, d) => n + Number(d.records), 0),
    systems: systemRows
      .map((s) => ({ id: s.id, name: s.name, type: s.type, scope: s.scope, vendorName: s.vendor_name, location: s.location, datasets: (systemsHolding.get(s.id) ?? []).map((d) => held(d, null)).sort((a, b) => a.name.localeCompare(b.name)) }))
      .sort((a, b) => b.datasets.length - a.datasets.length || a.name.localeCompare(b.name)),
    vendors: vendors.sort((a, b) => a.tier - b.tier || b.datasets.length - a.datasets.length || a.name.localeCompare(b.name)),
    countries: [...countries].map(([country, n]) => ({ country, datasets: n })).sort((a, b) => b.datasets - a.datasets || a.country.localeCompare(b.country)),
  };
}
