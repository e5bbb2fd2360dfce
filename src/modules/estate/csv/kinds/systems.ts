import type { ClientScope } from '../../../../server/context.js';
import { addMonths, chunk } from '../../common.js';
import type { EstateSystemsTable } from '../../tables.js';
import { SYSTEM_SCOPES, SYSTEM_STATUSES, SYSTEM_TYPES, type SystemScope, type SystemType } from '../../vocab.js';
import { insertNew, NEW_VENDOR, upsert, type KindSpec, type Planned, type Rec } from '../kit.js';
import { sortKeysOf } from '../../sort-keys.js';
import { date, integer, loose, money, oneOf, text } from '../values.js';
import { STATUS_WORDS, SYSTEM_ALIASES, TYPE_WORDS } from './asset-tools.js';
import { replacementCosts } from '../mapping.js';
import { cell, mergeRow, moneyCell, moneyToDb, pages, planOf, reject, type FieldMap } from './shared.js';

const SCOPE_ALIASES = { cio: 'internal', infrastructure: 'internal', it: 'internal', corporate: 'internal', cto: 'product', customer: 'product', 'customer facing': 'product' } as const;
const A = SYSTEM_ALIASES;

/** The type a new asset gets from its category when the file has no Type column. */
function typeFromCategory(category: string | null | undefined): SystemType {
  const c = loose(category ?? '');
  if (/\bsaas\b|subscription/.test(c)) return 'saas';
  if (/\bcloud\b|\biaas\b|\bpaas\b/.test(c)) return 'cloud';
  if (/software|licen[cs]e|application/.test(c)) return 'software';
  return 'hardware';
}

const MAP: FieldMap[] = [
  { field: 'assetTag', column: 'asset_tag' },
  { field: 'name', column: 'name' },
  { field: 'type', column: 'type' },
  { field: 'scope', column: 'scope' },
  { field: 'status', column: 'status' },
  { field: 'owner', column: 'owner' },
  { field: 'location', column: 'location' },
  { field: 'manufacturer', column: 'manufacturer' },
  { field: 'model', column: 'model' },
  { field: 'serial', column: 'serial' },
  { field: 'category', column: 'category' },
  { field: 'purchaseDate', column: 'purchase_date' },
  { field: 'purchaseCost', column: 'purchase_cost', toDb: moneyToDb },
  { field: 'warrantyEnd', column: 'warranty_end' },
  { field: 'endOfLife', column: 'end_of_life' },
  { field: 'replacementCost', column: 'replacement_cost', toDb: moneyToDb },
  { field: 'notes', column: 'notes' },
];
const COMPARE = [...MAP.map((m) => m.column), 'vendor_id'];
const FIELD_OF_COLUMN = new Map([...MAP.map((m) => [m.column, m.field] as const), ['vendor_id', 'vendor'] as const]);

export const systemsKind: KindSpec = {
  kind: 'systems',
  noun: 'system',
  columns: [
    { field: 'assetTag', header: 'Asset Tag', aliases: [...A.assetTag], parse: text(100) },
    { field: 'name', header: 'Name', aliases: [...A.name], parse: text(200) },
    { field: 'type', header: 'Type', aliases: [...A.type], parse: oneOf(SYSTEM_TYPES, TYPE_WORDS) },
    { field: 'scope', header: 'Scope', aliases: [...A.scope], parse: oneOf(SYSTEM_SCOPES, SCOPE_ALIASES) },
    { field: 'status', header: 'Status', aliases: [...A.status], parse: oneOf(SYSTEM_STATUSES, STATUS_WORDS) },
    { field: 'owner', header: 'Owner', aliases: [...A.owner], parse: text(200) },
    { field: 'vendor', header: 'Vendor', aliases: [...A.vendor], parse: text(200) },
    { field: 'location', header: 'Location', aliases: [...A.location], parse: text(200) },
    { field: 'manufacturer', header: 'Manufacturer', aliases: [...A.manufacturer], parse: text(200) },
    { field: 'model', header: 'Model', aliases: [...A.model], parse: text(200) },
    { field: 'serial', header: 'Serial', aliases: [...A.serial], parse: text(200) },
    { field: 'category', header: 'Category', aliases: [...A.category], parse: text(200) },
    { field: 'purchaseDate', header: 'Purchase Date', aliases: [...A.purchaseDate], parse: date },
    { field: 'purchaseCost', header: 'Purchase Cost', aliases: [...A.purchaseCost], parse: money },
    { field: 'warrantyMonths', header: 'Warranty (months)', aliases: [...A.warrantyMonths], parse: integer(0, 600), exported: false },
    { field: 'warrantyEnd', header: 'Warranty End', aliases: [...A.warrantyEnd], parse: date },
    { field: 'endOfLife', header: 'End of Life', aliases: [...A.endOfLife], parse: date },
    { field: 'replacementCost', header: 'Replacement Cost', aliases: [...A.replacementCost], parse: money },
    { field: 'notes', header: 'Notes', aliases: [...A.notes], parse: text(4000) },
  ],
  requiredColumns: [],
  finish(rec) {
    const problems: [string, string][] = [];
    if (!('assetTag' in rec) && !('name' in rec)) problems.push(['name', 'the file needs a Name or an Asset Tag column']);
    if (rec.warrantyMonths !== undefined && rec.warrantyMonths !== null && !('warrantyEnd' in rec && rec.warrantyEnd !== null)) {
      if (typeof rec.purchaseDate === 'string') rec.warrantyEnd = addMonths(rec.purchaseDate, rec.warrantyMonths as number);
      else if (!('purchaseDate' in rec && rec.purchaseDate === undefined)) problems.push(['warrantyMonths', 'needs a Purchase Date to give the warranty end']);
    }
    delete rec.warrantyMonths;
    // An asset tool's export often has no name: a new asset is then called by model and tag.
    if ('name' in rec && rec.name === null) delete rec.name;
    return problems;
  },
  key(rec) {
    if (typeof rec.assetTag === 'string') return { key: `tag:${rec.assetTag}`, label: rec.assetTag };
    if (typeof rec.name === 'string') return { key: `name:${rec.name}`, label: rec.name };
    return ['name', 'needs a Name or an Asset Tag'];
  },
  async run(ctx, batch) {
    const tags = batch.flatMap((b) => (typeof b.rec.assetTag === 'string' ? [b.rec.assetTag] : []));
    const names = batch.flatMap((b) => (typeof b.rec.assetTag !== 'string' && typeof b.rec.name === 'string' ? [b.rec.name] : []));
    const byTag = new Map<string, EstateSystemsTable>();
    const byName = new Map<string, EstateSystemsTable[]>();
    for (const part of chunk(tags, 500)) for (const s of await ctx.db.selectFrom('estate_systems').selectAll().where('asset_tag', 'in', part).execute()) byTag.set(s.asset_tag!, s);
    for (const part of chunk(names, 500)) for (const s of await ctx.db.selectFrom('estate_systems').selectAll().where('name', 'in', part).execute()) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    await ctx.vendors.load(ctx.db, batch.flatMap((b) => (typeof b.rec.vendor === 'string' ? [b.rec.vendor] : [])));
    const out: Planned[] = [];
    const created: Record<string, unknown>[] = [];
    const updated: Record<string, unknown>[] = [];
    for (const { line, rec } of batch) {
      const tag = typeof rec.assetTag === 'string' ? rec.assetTag : null;
      const label = tag ?? (rec.name as string);
      let existing: EstateSystemsTable | undefined;
      if (tag) existing = byTag.get(tag);
      else {
        const matches = byName.get(rec.name as string) ?? [];
        if (matches.length > 1) {
          out.push(reject(line, label, [{ column: ctx.headerOf('name'), reason: `${matches.length} systems are named "${label}"; add an Asset Tag column to tell them apart` }]));
          continue;
        }
        existing = matches[0];
      }
      const { row, isNew } = mergeRow(ctx, existing as Record<string, unknown> | undefined, () => defaults(rec), rec, MAP);
      const notes: string[] = [];
      // The lifecycle forecast needs a replacement cost: the purchase cost, else the client's default for the type.
      if (row.replacement_cost === null && !(typeof rec.replacementCost === 'number')) {
        if (row.purchase_cost !== null) {
          row.replacement_cost = row.purchase_cost;
          notes.push(`${ctx.headerOf('replacementCost')} taken from ${ctx.headerOf('purchaseCost')}`);
        } else {
          const costs = ctx.cache.get('replacementCosts') as Map<string, number> | undefined ?? (await replacementCosts(ctx.scope));
          ctx.cache.set('replacementCosts', costs);
          const amount = costs.get(row.type as string);
          if (amount !== undefined) {
            row.replacement_cost = amount;
            notes.push(`${ctx.headerOf('replacementCost')} set to the default for ${row.type as string} systems`);
          }
        }
      }
      if (isNew && !('name' in rec)) row.name = `${(rec.model as string | null) ?? (rec.category as string | null) ?? 'Asset'} ${tag ?? ''}`.trim();
      if ('vendor' in rec) {
        const scope = (row.scope as SystemScope) === 'product' ? 'product' : 'infrastructure';
        row.vendor_id = typeof rec.vendor === 'string' ? ((await ctx.vendors.resolve(ctx, rec.vendor, scope)) ?? `${NEW_VENDOR}${rec.vendor}`) : null;
      }
      const plan = planOf(ctx, line, label, existing as Record<string, unknown> | undefined, row, COMPARE, (c) => ctx.headerOf(FIELD_OF_COLUMN.get(c) ?? c));
      if (notes.length > 0 && plan.action !== 'unchanged') plan.notes = notes;
      // A prepared create carries its sort keys, as its insert needs them (added to the row itself:
      // a check writes nothing else from it); an update's upsert derives them.
      if (ctx.prepare && plan.action !== 'unchanged') plan.row = plan.action === 'create' ? Object.assign(row, sortKeysOf('estate_systems', row)) : row;
      out.push(plan);
      if (plan.action === 'create') created.push(row);
      else if (plan.action === 'update') updated.push(row);
    }
    if (ctx.mode === 'write') {
      await upsert(ctx.db, 'estate_systems', updated);
      await insertNew(ctx.db, 'estate_systems', created);
    }
    return out;
  },
  async writePrepared(ctx, rows) {
    const updated: Record<string, unknown>[] = [];
    // New rows: their values as the check prepared them, by column lists (one in a file, as every
    // row of a file has the same columns).
    const created = new Map<readonly string[], unknown[][]>();
    for (const p of rows) {
      const { columns, values } = p;
      // Stamped with the writing's time, as rows checked again while writing are.
      const [createdAt, updatedAt] = [columns.indexOf('created_at'), columns.indexOf('updated_at')];
      if (p.action === 'create' && createdAt >= 0) values[createdAt] = ctx.now;
      if (updatedAt >= 0) values[updatedAt] = ctx.now;
      // A vendor the check found new is created now, as a check-and-write would create it.
      const v = columns.indexOf('vendor_id');
      const vendor = v >= 0 ? values[v] : null;
      if (typeof vendor === 'string' && vendor.startsWith(NEW_VENDOR)) {
        values[v] = await ctx.vendors.resolve(ctx, vendor.slice(NEW_VENDOR.length), values[columns.indexOf('scope')] === 'product' ? 'product' : 'infrastructure');
      }
      if (p.action === 'update') updated.push(Object.fromEntries(columns.map((c, i) => [c, values[i]])));
      else {
        const list = created.get(columns);
        if (list) list.push(values);
        else created.set(columns, [values]);
      }
    }
    await upsert(ctx.db, 'estate_systems', updated);
    // Their sort keys were derived by the check (see insertNew).
    for (const [columns, values] of created) await ctx.db.insertValues('estate_systems', columns, values);
  },
  async *rows(scope: ClientScope) {
    for await (const page of pages((after, size) => {
      let q = scope.db
        .selectFrom('estate_systems')
        .leftJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_systems.client_id').onRef('estate_vendors.id', '=', 'estate_systems.vendor_id'))
        .selectAll('estate_systems')
        .select('estate_vendors.name as vendor_name');
      if (after) q = q.where('estate_systems.id', '>', after);
      return q.orderBy('estate_systems.id').limit(size).execute();
    })) {
      for (const s of page) {
        yield [
          cell(s.asset_tag), s.name, s.type, s.scope, s.status, cell(s.owner), cell(s.vendor_name), cell(s.location), cell(s.manufacturer), cell(s.model), cell(s.serial), cell(s.category),
          cell(s.purchase_date), moneyCell(scope, s.purchase_cost), cell(s.warranty_end), cell(s.end_of_life), moneyCell(scope, s.replacement_cost), cell(s.notes),
        ];
      }
    }
  },
};

function defaults(rec: Rec): Record<string, unknown> {
  return {
    name: null, asset_tag: null, type: typeFromCategory(rec.category as string | null | undefined), scope: 'internal', status: 'active', owner: null, vendor_id: null, location: null,
    manufacturer: null, model: null, serial: null, category: null, purchase_date: null, purchase_cost: null, warranty_end: null, end_of_life: null, replacement_cost: null, notes: null,
  };
}
