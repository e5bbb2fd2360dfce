import type { ClientScope } from '../../../../server/context.js';
import { fromJson, newId } from '../../../../server/db/conventions.js';
import { chunk, linksOf, setLinks } from '../../common.js';
import type { EstateDatasetsTable } from '../../tables.js';
import { CLASSIFICATIONS, DATA_CATEGORIES, LIFECYCLE_STAGES, nameKey } from '../../vocab.js';
import { resolveSystems, upsert, type KindSpec, type Planned, type RowProblem } from '../kit.js';
import { country, integer, list, oneOf, text } from '../values.js';
import { sameSet } from './services.js';
import { cell, linkedNames, listToDb, mergeRow, pages, planOf, reject, type FieldMap } from './shared.js';

const CATEGORY_ALIASES = {
  pii: 'personal', 'personal data': 'personal', 'personally identifiable': 'personal', customer: 'personal', employee: 'personal', hr: 'personal',
  phi: 'health', medical: 'health', 'health data': 'health',
  pci: 'payment', cardholder: 'payment', 'card data': 'payment', 'bank details': 'payment', financial: 'payment',
  secrets: 'credentials', passwords: 'credentials', keys: 'credentials', 'api keys': 'credentials',
  ip: 'intellectual_property', 'intellectual property': 'intellectual_property', 'trade secrets': 'intellectual_property', 'source code': 'intellectual_property', designs: 'intellectual_property',
} as const;

const MAP: FieldMap[] = [
  { field: 'name', column: 'name' },
  { field: 'description', column: 'description' },
  { field: 'classification', column: 'classification', toDb: (v) => v ?? 'internal' },
  { field: 'categories', column: 'categories', toDb: listToDb },
  { field: 'records', column: 'records', toDb: (v) => v ?? 0 },
  { field: 'countries', column: 'countries', toDb: (v) => listToDb([...((v as string[] | null) ?? [])].sort()) },
  { field: 'lifecycleStage', column: 'lifecycle_stage', toDb: (v) => v ?? 'store' },
  { field: 'retention', column: 'retention' },
  { field: 'owner', column: 'owner' },
];
const COMPARE = MAP.map((m) => m.column);
const FIELD_OF_COLUMN = new Map(MAP.map((m) => [m.column, m.field]));

export const datasetsKind: KindSpec = {
  kind: 'datasets',
  noun: 'data set',
  columns: [
    { field: 'name', header: 'Name', aliases: ['Data Set', 'Dataset', 'Data Asset'], parse: text(200) },
    { field: 'description', header: 'Description', parse: text(2000) },
    { field: 'classification', header: 'Classification', aliases: ['Class', 'Sensitivity', 'Data Classification'], parse: oneOf(CLASSIFICATIONS, { 'highly confidential': 'restricted', secret: 'restricted', sensitive: 'confidential', private: 'confidential', open: 'public' }) },
    { field: 'categories', header: 'Categories', aliases: ['Data Categories', 'Data Types', 'Category'], parse: list(oneOf(DATA_CATEGORIES, CATEGORY_ALIASES)) },
    { field: 'records', header: 'Records', aliases: ['Record Count', 'Number of Records', 'Volume'], parse: integer(0, 1e12) },
    { field: 'countries', header: 'Countries', aliases: ['Country', 'Locations', 'Data Location'], parse: list(country) },
    { field: 'lifecycleStage', header: 'Lifecycle Stage', aliases: ['Stage', 'Lifecycle'], parse: oneOf(LIFECYCLE_STAGES, { collection: 'collect', storage: 'store', processing: 'use', sharing: 'share', archived: 'archive', deletion: 'destroy', disposal: 'destroy' }) },
    { field: 'retention', header: 'Retention', aliases: ['Retention Period'], parse: text(500) },
    { field: 'owner', header: 'Owner', aliases: ['Data Owner'], parse: text(200) },
    { field: 'systems', header: 'Systems', aliases: ['Stored In', 'Where Stored', 'Systems Used'], parse: list(text(200)) },
    { field: 'vendors', header: 'Vendors', aliases: ['Processors', 'Processed By', 'Third Parties'], parse: list(text(200)) },
  ],
  requiredColumns: ['name'],
  key(rec) {
    return typeof rec.name === 'string' ? { key: nameKey(rec.name), label: rec.name } : ['name', 'is required'];
  },
  async run(ctx, batch) {
    const byKey = new Map<string, EstateDatasetsTable>();
    for (const part of chunk(batch.map((b) => nameKey(b.rec.name as string)), 500)) {
      for (const d of await ctx.db.selectFrom('estate_datasets').selectAll().where('name_key', 'in', part).execute()) byKey.set(d.name_key, d);
    }
    const ids = [...byKey.values()].map((d) => d.id);
    const [refs, currentSystems, currentVendors] = await Promise.all([
      resolveSystems(ctx.db, batch.flatMap((b) => (Array.isArray(b.rec.systems) ? (b.rec.systems as string[]) : []))),
      linksOf(ctx.db, 'estate_dataset_systems', 'dataset_id', 'system_id', ids),
      linksOf(ctx.db, 'estate_dataset_vendors', 'dataset_id', 'vendor_id', ids),
    ]);
    await ctx.vendors.load(ctx.db, batch.flatMap((b) => (Array.isArray(b.rec.vendors) ? (b.rec.vendors as string[]) : [])));
    const out: Planned[] = [];
    const write: Record<string, unknown>[] = [];
    const links: [string, 'estate_dataset_systems' | 'estate_dataset_vendors', string[]][] = [];
    for (const { line, rec } of batch) {
      const label = rec.name as string;
      const existing = byKey.get(nameKey(label));
      const problems: RowProblem[] = [];
      const systemIds: string[] | null = 'systems' in rec ? [] : null;
      for (const r of (rec.systems as string[] | null | undefined) ?? []) {
        const found = refs.get(r);
        if (found && 'id' in found) systemIds!.push(found.id);
        else problems.push({ column: ctx.headerOf('systems'), reason: found?.reason ?? `no system "${r}"` });
      }
      if (problems.length > 0) {
        out.push(reject(line, label, problems));
        continue;
      }
      const vendorIds: string[] | null = 'vendors' in rec ? [] : null;
      for (const n of (rec.vendors as string[] | null | undefined) ?? []) vendorIds!.push((await ctx.vendors.resolve(ctx, n)) ?? `new:${nameKey(n)}`);
      const { row } = mergeRow(ctx, existing as Record<string, unknown> | undefined, () => ({ description: null, classification: 'internal', categories: '[]', records: 0, countries: '[]', lifecycle_stage: 'store', retention: null, owner: null }), rec, MAP);
      row.name_key = nameKey(row.name as string);
      const extra: string[] = [];
      if (systemIds !== null && !sameSet(systemIds, existing ? (currentSystems.get(existing.id) ?? []) : [])) extra.push(ctx.headerOf('systems'));
      if (vendorIds !== null && !sameSet(vendorIds, existing ? (currentVendors.get(existing.id) ?? []) : [])) extra.push(ctx.headerOf('vendors'));
      const plan = planOf(ctx, line, label, existing as Record<string, unknown> | undefined, row, COMPARE, (c) => ctx.headerOf(FIELD_OF_COLUMN.get(c) ?? c), extra);
      out.push(plan);
      if (plan.action === 'create' || plan.action === 'update') write.push(row);
      if (systemIds !== null) links.push([row.id as string, 'estate_dataset_systems', systemIds]);
      if (vendorIds !== null) links.push([row.id as string, 'estate_dataset_vendors', vendorIds]);
    }
    if (ctx.mode === 'write') {
      await upsert(ctx.db, 'estate_datasets', write);
      for (const [id, table, targets] of links) {
        await setLinks(ctx.db, table, 'dataset_id', id, table === 'estate_dataset_systems' ? 'system_id' : 'vendor_id', targets, newId);
      }
    }
    return out;
  },
  async *rows(scope: ClientScope) {
    for await (const page of pages((after, size) => {
      let q = scope.db.selectFrom('estate_datasets').selectAll();
      if (after) q = q.where('id', '>', after);
      return q.orderBy('id').limit(size).execute();
    })) {
      const ids = page.map((d) => d.id);
      const [systems, vendors] = await Promise.all([
        linkedNames(
          (part) =>
            scope.db
              .selectFrom('estate_dataset_systems')
              .innerJoin('estate_systems', (j) => j.onRef('estate_systems.client_id', '=', 'estate_dataset_systems.client_id').onRef('estate_systems.id', '=', 'estate_dataset_systems.system_id'))
              .select(['estate_dataset_systems.dataset_id as owner', (eb) => eb.fn.coalesce('estate_systems.asset_tag', 'estate_systems.name').as('name')])
              .where('estate_dataset_systems.dataset_id', 'in', part)
              .execute(),
          ids,
        ),
        linkedNames(
          (part) =>
            scope.db
              .selectFrom('estate_dataset_vendors')
              .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_dataset_vendors.client_id').onRef('estate_vendors.id', '=', 'estate_dataset_vendors.vendor_id'))
              .select(['estate_dataset_vendors.dataset_id as owner', 'estate_vendors.name as name'])
              .where('estate_dataset_vendors.dataset_id', 'in', part)
              .execute(),
          ids,
        ),
      ]);
      for (const d of page) {
        yield [
          d.name, cell(d.description), d.classification, fromJson<string[]>(d.categories, []).join('; '), String(Number(d.records)), fromJson<string[]>(d.countries, []).join('; '),
          d.lifecycle_stage, cell(d.retention), cell(d.owner), (systems.get(d.id) ?? []).join('; '), (vendors.get(d.id) ?? []).join('; '),
        ];
      }
    }
  },
};
