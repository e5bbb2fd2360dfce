import type { ClientScope } from '../../../../server/context.js';
import { chunk } from '../../common.js';
import type { EstateContractsTable } from '../../tables.js';
import { nameKey } from '../../vocab.js';
import { upsert, type KindSpec, type Planned } from '../kit.js';
import { boolean, date, integer, money, text } from '../values.js';
import { cell, flagCell, flagToDb, mergeRow, moneyCell, moneyToDb, pages, planOf, type FieldMap } from './shared.js';

const MAP: FieldMap[] = [
  { field: 'reference', column: 'reference' },
  { field: 'description', column: 'description' },
  { field: 'annualCost', column: 'annual_cost', toDb: (v, s) => moneyToDb(v ?? 0, s) },
  { field: 'startDate', column: 'start_date' },
  { field: 'renewalDate', column: 'renewal_date' },
  { field: 'termMonths', column: 'term_months', toDb: (v) => v ?? 12 },
  { field: 'noticeDays', column: 'notice_days', toDb: (v) => v ?? 0 },
  { field: 'autoRenew', column: 'auto_renew', toDb: (v) => flagToDb(v ?? false) },
  { field: 'owner', column: 'owner' },
];
const COMPARE = MAP.map((m) => m.column);
const FIELD_OF_COLUMN = new Map(MAP.map((m) => [m.column, m.field]));

export const contractsKind: KindSpec = {
  kind: 'contracts',
  noun: 'contract',
  columns: [
    { field: 'vendor', header: 'Vendor', aliases: ['Supplier', 'Vendor Name', 'Counterparty'], parse: text(200) },
    { field: 'reference', header: 'Reference', aliases: ['Contract', 'Contract Name', 'Contract Number', 'Contract No', 'Title', 'Agreement'], parse: text(200) },
    { field: 'description', header: 'Description', parse: text(2000) },
    { field: 'annualCost', header: 'Annual Cost', aliases: ['Annual Value', 'Cost per Year', 'Yearly Cost', 'ACV', 'Annual Amount'], parse: money },
    { field: 'startDate', header: 'Start Date', aliases: ['Start', 'Effective Date', 'Commencement Date'], parse: date },
    { field: 'renewalDate', header: 'Renewal Date', aliases: ['Renewal', 'End Date', 'Expiry', 'Expiry Date', 'Expiration Date', 'Term End'], parse: date },
    { field: 'termMonths', header: 'Term (months)', aliases: ['Term Months', 'Term', 'Renewal Term'], parse: integer(1, 120) },
    { field: 'noticeDays', header: 'Notice (days)', aliases: ['Notice Period', 'Notice Days', 'Notice Period (days)', 'Notice'], parse: integer(0, 730) },
    { field: 'autoRenew', header: 'Auto Renew', aliases: ['Auto-Renew', 'Autorenew', 'Auto Renewal', 'Evergreen'], parse: boolean },
    { field: 'owner', header: 'Owner', aliases: ['Contract Owner'], parse: text(200) },
  ],
  requiredColumns: ['vendor', 'reference'],
  key(rec) {
    if (typeof rec.vendor !== 'string') return ['vendor', 'is required'];
    if (typeof rec.reference !== 'string') return ['reference', 'is required'];
    return { key: `${nameKey(rec.vendor)}|${nameKey(rec.reference)}`, label: `${rec.vendor}: ${rec.reference}` };
  },
  async run(ctx, batch) {
    await ctx.vendors.load(ctx.db, batch.map((b) => b.rec.vendor as string));
    const vendorIds = new Map<number, string | null>();
    for (const b of batch) vendorIds.set(b.line, await ctx.vendors.resolve(ctx, b.rec.vendor as string));
    const byKey = new Map<string, EstateContractsTable>();
    const known = [...new Set([...vendorIds.values()].filter((v): v is string => v !== null))];
    for (const part of chunk(known, 500)) {
      const rows = await ctx.db.selectFrom('estate_contracts').selectAll().where('vendor_id', 'in', part).where('reference_key', 'in', batch.map((b) => nameKey(b.rec.reference as string))).execute();
      for (const c of rows) byKey.set(`${c.vendor_id}|${c.reference_key}`, c);
    }
    const out: Planned[] = [];
    const write: Record<string, unknown>[] = [];
    for (const { line, rec } of batch) {
      const vendorId = vendorIds.get(line) ?? null;
      const existing = vendorId ? byKey.get(`${vendorId}|${nameKey(rec.reference as string)}`) : undefined;
      const { row } = mergeRow(ctx, existing as Record<string, unknown> | undefined, () => ({ description: null, annual_cost: 0, start_date: null, renewal_date: null, term_months: 12, notice_days: 0, auto_renew: 0, owner: null }), rec, MAP);
      row.vendor_id = vendorId ?? `new:${nameKey(rec.vendor as string)}`;
      row.reference_key = nameKey(row.reference as string);
      const plan = planOf(ctx, line, `${rec.vendor as string}: ${rec.reference as string}`, existing as Record<string, unknown> | undefined, row, COMPARE, (c) => ctx.headerOf(FIELD_OF_COLUMN.get(c) ?? c));
      out.push(plan);
      if (plan.action === 'create' || plan.action === 'update') write.push(row);
    }
    if (ctx.mode === 'write') await upsert(ctx.db, 'estate_contracts', write);
    return out;
  },
  async *rows(scope: ClientScope) {
    for await (const page of pages((after, size) => {
      let q = scope.db
        .selectFrom('estate_contracts')
        .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
        .selectAll('estate_contracts')
        .select('estate_vendors.name as vendor_name');
      if (after) q = q.where('estate_contracts.id', '>', after);
      return q.orderBy('estate_contracts.id').limit(size).execute();
    })) {
      for (const c of page) {
        yield [c.vendor_name, c.reference, cell(c.description), moneyCell(scope, c.annual_cost), cell(c.start_date), cell(c.renewal_date), cell(c.term_months), cell(c.notice_days), flagCell(c.auto_renew), cell(c.owner)];
      }
    }
  },
};
