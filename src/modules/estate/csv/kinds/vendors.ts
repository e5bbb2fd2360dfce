import type { ClientScope } from '../../../../server/context.js';
import { newId } from '../../../../server/db/conventions.js';
import { conflict } from '../../../../server/errors.js';
import { chunk } from '../../common.js';
import { loadGraph } from '../../graph.js';
import type { EstateVendorsTable } from '../../tables.js';
import { nameKey, SUPPLIES, TIERS } from '../../vocab.js';
import { upsert, type KindSpec, type Planned } from '../kit.js';
import { list, oneOf, text, type CellParser } from '../values.js';
import { sameSet } from './services.js';
import { cell, flagToDb, linkedNames, mergeRow, pages, planOf, reject, type FieldMap } from './shared.js';

const relationship = oneOf(['direct', 'fourth party'] as const, { vendor: 'direct', 'third party': 'direct', supplier: 'direct', yes: 'direct', subcontractor: 'fourth party', 'sub processor': 'fourth party', subprocessor: 'fourth party', 'fourth-party': 'fourth party', no: 'fourth party' });
const directFlag: CellParser<boolean> = (c) => {
  const r = relationship(c);
  return r.ok ? { ok: true, value: r.value === 'direct' } : r;
};
const tier: CellParser<number> = (c) => {
  const m = /^(?:tier\s*)?([1-4])$/i.exec(c.trim());
  if (m) return { ok: true, value: Number(m[1]) };
  const named = { critical: 1, high: 2, moderate: 3, medium: 3, low: 4 }[c.trim().toLowerCase()];
  return named ? { ok: true, value: named } : { ok: false, reason: `"${c}" is not a tier (${TIERS.join(', ')} or critical, high, moderate, low)` };
};

const MAP: FieldMap[] = [
  { field: 'name', column: 'name' },
  { field: 'direct', column: 'direct', toDb: (v) => flagToDb(v ?? true) },
  { field: 'supplies', column: 'supplies', toDb: (v) => v ?? 'infrastructure' },
  { field: 'offering', column: 'offering' },
  { field: 'country', column: 'country' },
  { field: 'website', column: 'website' },
  { field: 'contact', column: 'contact' },
  { field: 'tierOverride', column: 'tier_override' },
  { field: 'tierOverrideReason', column: 'tier_override_reason' },
  { field: 'notes', column: 'notes' },
];
const COMPARE = MAP.map((m) => m.column);
const FIELD_OF_COLUMN = new Map(MAP.map((m) => [m.column, m.field]));

export const vendorsKind: KindSpec = {
  kind: 'vendors',
  noun: 'vendor',
  columns: [
    { field: 'name', header: 'Name', aliases: ['Vendor', 'Vendor Name', 'Supplier', 'Company'], parse: text(200) },
    { field: 'direct', header: 'Relationship', aliases: ['Direct', 'Party'], parse: directFlag },
    { field: 'supplies', header: 'Supplies', aliases: ['Supplies To', 'Serves', 'For'], parse: oneOf(SUPPLIES, { cio: 'infrastructure', internal: 'infrastructure', it: 'infrastructure', cto: 'product' }) },
    { field: 'offering', header: 'Offering', aliases: ['Services', 'What They Supply', 'Service', 'Description'], parse: text(500) },
    { field: 'country', header: 'Country', aliases: ['HQ Country', 'Headquarters'], parse: text(100) },
    { field: 'website', header: 'Website', aliases: ['URL', 'Web'], parse: text(300) },
    { field: 'contact', header: 'Contact', aliases: ['Contact Email', 'Account Manager', 'Email'], parse: text(300) },
    { field: 'tierOverride', header: 'Tier Override', aliases: ['Tier'], parse: tier },
    { field: 'tierOverrideReason', header: 'Tier Override Reason', aliases: ['Tier Reason', 'Override Reason'], parse: text(1000) },
    { field: 'subcontractorOf', header: 'Subcontractor Of', aliases: ['Fourth Party Of', 'Sub-processor Of', 'Subprocessor Of', 'Parent Vendor', 'Works For'], parse: list(text(200)) },
    { field: 'notes', header: 'Notes', aliases: ['Comments'], parse: text(4000) },
  ],
  requiredColumns: ['name'],
  key(rec) {
    return typeof rec.name === 'string' ? { key: nameKey(rec.name), label: rec.name } : ['name', 'is required'];
  },
  async run(ctx, batch) {
    const byKey = new Map<string, EstateVendorsTable>();
    for (const part of chunk(batch.map((b) => nameKey(b.rec.name as string)), 500)) {
      for (const v of await ctx.db.selectFrom('estate_vendors').selectAll().where('name_key', 'in', part).execute()) byKey.set(v.name_key, v);
    }
    const out: Planned[] = [];
    const write: Record<string, unknown>[] = [];
    for (const { line, rec } of batch) {
      const label = rec.name as string;
      ctx.vendors.inFile.add(nameKey(label));
      const existing = byKey.get(nameKey(label));
      const { row } = mergeRow(ctx, existing as Record<string, unknown> | undefined, () => ({ direct: 1, supplies: 'infrastructure', offering: null, country: null, website: null, contact: null, tier_override: null, tier_override_reason: null, notes: null }), rec, MAP);
      row.name_key = nameKey(row.name as string);
      if (row.tier_override !== null && !row.tier_override_reason) {
        out.push(reject(line, label, [{ column: ctx.headerOf('tierOverrideReason' in rec ? 'tierOverrideReason' : 'tierOverride'), reason: 'a tier override needs a reason (Tier Override Reason)' }]));
        continue;
      }
      if (row.tier_override === null) row.tier_override_reason = null;
      const plan = planOf(ctx, line, label, existing as Record<string, unknown> | undefined, row, COMPARE, (c) => ctx.headerOf(FIELD_OF_COLUMN.get(c) ?? c));
      out.push(plan);
      ctx.vendors.remember(row.name as string, row.id as string);
      if (plan.action === 'create' || plan.action === 'update') write.push(row);
    }
    if (ctx.mode === 'write') await upsert(ctx.db, 'estate_vendors', write);
    return out;
  },
  /**
   * Subcontractor links, once every vendor of the file exists (a row may name a vendor further
   * down). The listed vendors become exactly the ones this vendor works for.
   */
  async after(ctx, batch) {
    const rows = batch.filter((b) => 'subcontractorOf' in b.rec);
    if (rows.length === 0) return [];
    const self = new Map<string, string>();
    for (const part of chunk(rows.map((b) => nameKey(b.rec.name as string)), 500)) {
      for (const v of await ctx.db.selectFrom('estate_vendors').select(['id', 'name_key']).where('name_key', 'in', part).execute()) self.set(v.name_key, v.id);
    }
    const out: Planned[] = [];
    for (const { line, rec } of rows) {
      const label = rec.name as string;
      const names = (rec.subcontractorOf as string[] | null) ?? [];
      if (names.some((n) => nameKey(n) === nameKey(label))) {
        out.push(reject(line, label, [{ column: ctx.headerOf('subcontractorOf'), reason: 'a vendor is not its own subcontractor' }]));
        continue;
      }
      const id = self.get(nameKey(label));
      const parents: string[] = [];
      for (const n of names) {
        const pid = await ctx.vendors.resolve(ctx, n);
        parents.push(pid ?? `new:${nameKey(n)}`);
      }
      const current = id ? (await ctx.db.selectFrom('estate_vendor_links').select('vendor_id').where('sub_vendor_id', '=', id).execute()).map((l) => l.vendor_id) : [];
      if (sameSet(parents, current)) continue;
      out.push({ line, label, action: 'update', problems: [], changed: [ctx.headerOf('subcontractorOf')] });
      if (ctx.mode === 'write' && id) {
        const wanted = new Set(parents);
        const stale = current.filter((p) => !wanted.has(p));
        if (stale.length > 0) await ctx.db.deleteFrom('estate_vendor_links').where('sub_vendor_id', '=', id).where('vendor_id', 'in', stale).execute();
        const add = parents.filter((p) => !current.includes(p));
        if (add.length > 0) {
          await ctx.db.insertInto('estate_vendor_links', add.map((p) => ({ id: newId(), vendor_id: p, sub_vendor_id: id, service: null, handles_data: 1, created_at: ctx.now }))).execute();
        }
      }
    }
    if (ctx.mode === 'write') {
      const cycle = findCycle(await loadGraph(ctx.db));
      if (cycle) throw conflict(`The subcontractor links would form a cycle: ${cycle.join(' → ')}. Nothing was imported.`);
    }
    return out;
  },
  async *rows(scope: ClientScope) {
    for await (const page of pages((after, size) => {
      let q = scope.db.selectFrom('estate_vendors').selectAll();
      if (after) q = q.where('id', '>', after);
      return q.orderBy('id').limit(size).execute();
    })) {
      const parents = await linkedNames(
        (ids) =>
          scope.db
            .selectFrom('estate_vendor_links')
            .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_vendor_links.client_id').onRef('estate_vendors.id', '=', 'estate_vendor_links.vendor_id'))
            .select(['estate_vendor_links.sub_vendor_id as owner', 'estate_vendors.name as name'])
            .where('estate_vendor_links.sub_vendor_id', 'in', ids)
            .execute(),
        page.map((v) => v.id),
      );
      for (const v of page) {
        yield [v.name, v.direct === 1 ? 'direct' : 'fourth party', v.supplies, cell(v.offering), cell(v.country), cell(v.website), cell(v.contact), cell(v.tier_override), cell(v.tier_override_reason), (parents.get(v.id) ?? []).join('; '), cell(v.notes)];
      }
    }
  },
};

/** A cycle in the subcontractor links, as vendor names, or null. */
function findCycle(g: Awaited<ReturnType<typeof loadGraph>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, 'open');
    path.push(id);
    for (const s of g.subs.get(id) ?? []) {
      if (state.get(s.subId) === 'open') return [...path.slice(path.indexOf(s.subId)), s.subId].map((v) => g.vendors.get(v)?.name ?? v);
      if (!state.has(s.subId)) {
        const found = visit(s.subId);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const id of g.vendors.keys()) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return null;
}
