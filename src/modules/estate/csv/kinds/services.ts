import type { ClientScope } from '../../../../server/context.js';
import { newId } from '../../../../server/db/conventions.js';
import { chunk, linksOf, setLinks } from '../../common.js';
import type { EstateServicesTable } from '../../tables.js';
import { CRITICALITIES, nameKey, OPERATING_HOURS } from '../../vocab.js';
import { resolveSystems, upsert, type KindSpec, type Planned } from '../kit.js';
import { decimal, list, money, oneOf, text } from '../values.js';
import { cell, linkedNames, mergeRow, moneyCell, moneyToDb, pages, planOf, reject, type FieldMap } from './shared.js';

const MAP: FieldMap[] = [
  { field: 'name', column: 'name' },
  { field: 'businessUnit', column: 'business_unit' },
  { field: 'description', column: 'description' },
  { field: 'downtimeCostPerHour', column: 'downtime_cost_per_hour', toDb: (v, s) => moneyToDb(v ?? 0, s) },
  { field: 'rtoHours', column: 'rto_hours' },
  { field: 'rpoHours', column: 'rpo_hours' },
  { field: 'criticality', column: 'criticality' },
  { field: 'operatingHours', column: 'operating_hours' },
];
const COMPARE = MAP.map((m) => m.column);
const FIELD_OF_COLUMN = new Map(MAP.map((m) => [m.column, m.field]));

export const servicesKind: KindSpec = {
  kind: 'services',
  noun: 'business service',
  columns: [
    { field: 'name', header: 'Name', aliases: ['Service', 'Business Service', 'Service Name'], parse: text(200) },
    { field: 'businessUnit', header: 'Business Unit', aliases: ['Department', 'BU', 'Unit', 'Division'], parse: text(200) },
    { field: 'description', header: 'Description', parse: text(2000) },
    { field: 'downtimeCostPerHour', header: 'Downtime Cost per Hour', aliases: ['Cost per Hour', 'Downtime Cost', 'Revenue per Hour', 'Hourly Downtime Cost', 'Cost of Downtime per Hour'], parse: money },
    { field: 'rtoHours', header: 'RTO (hours)', aliases: ['RTO', 'RTO Hours', 'Recovery Time Objective'], parse: decimal(0, 8760) },
    { field: 'rpoHours', header: 'RPO (hours)', aliases: ['RPO', 'RPO Hours', 'Recovery Point Objective'], parse: decimal(0, 8760) },
    { field: 'criticality', header: 'Criticality', aliases: ['Priority', 'Importance'], parse: oneOf(CRITICALITIES, { 'mission critical': 'critical', moderate: 'medium', normal: 'medium' }) },
    { field: 'operatingHours', header: 'Operating Hours', aliases: ['Hours', 'Runs', 'Availability'], parse: oneOf(OPERATING_HOURS, { 'business hours': 'business', 'office hours': 'business', 'working hours': 'business', '24x7': 'always', '24/7': 'always', '24×7': 'always', 'around the clock': 'always', 'always on': 'always' }) },
    { field: 'systems', header: 'Systems', aliases: ['Depends On', 'Dependencies', 'Systems Used'], parse: list(text(200)) },
  ],
  requiredColumns: ['name'],
  key(rec) {
    return typeof rec.name === 'string' ? { key: nameKey(rec.name), label: rec.name } : ['name', 'is required'];
  },
  async run(ctx, batch) {
    const byKey = new Map<string, EstateServicesTable>();
    for (const part of chunk(batch.map((b) => nameKey(b.rec.name as string)), 500)) {
      for (const s of await ctx.db.selectFrom('estate_services').selectAll().where('name_key', 'in', part).execute()) byKey.set(s.name_key, s);
    }
    const refs = await resolveSystems(ctx.db, batch.flatMap((b) => (Array.isArray(b.rec.systems) ? (b.rec.systems as string[]) : [])));
    const current = await linksOf(ctx.db, 'estate_service_systems', 'service_id', 'system_id', [...byKey.values()].map((s) => s.id));
    const out: Planned[] = [];
    const write: Record<string, unknown>[] = [];
    const links: [string, string[]][] = [];
    for (const { line, rec } of batch) {
      const label = rec.name as string;
      const existing = byKey.get(nameKey(label));
      let systemIds: string[] | null = null;
      if (Array.isArray(rec.systems)) {
        const problems = (rec.systems as string[]).flatMap((r) => {
          const found = refs.get(r);
          return found && 'reason' in found ? [{ column: ctx.headerOf('systems'), reason: found.reason }] : [];
        });
        if (problems.length > 0) {
          out.push(reject(line, label, problems));
          continue;
        }
        systemIds = (rec.systems as string[]).map((r) => (refs.get(r) as { id: string }).id);
      } else if ('systems' in rec) systemIds = [];
      const { row } = mergeRow(ctx, existing as Record<string, unknown> | undefined, () => ({ business_unit: null, description: null, downtime_cost_per_hour: 0, rto_hours: null, rpo_hours: null, criticality: 'medium', operating_hours: 'business' }), rec, MAP);
      row.name_key = nameKey(row.name as string);
      const linksChanged = systemIds !== null && !sameSet(systemIds, existing ? (current.get(existing.id) ?? []) : []);
      const plan = planOf(ctx, line, label, existing as Record<string, unknown> | undefined, row, COMPARE, (c) => ctx.headerOf(FIELD_OF_COLUMN.get(c) ?? c), linksChanged ? [ctx.headerOf('systems')] : []);
      out.push(plan);
      if (plan.action === 'create' || plan.action === 'update') write.push(row);
      if (systemIds !== null && (plan.action === 'create' || linksChanged)) links.push([row.id as string, systemIds]);
    }
    if (ctx.mode === 'write') {
      await upsert(ctx.db, 'estate_services', write);
      for (const [id, systemIds] of links) await setLinks(ctx.db, 'estate_service_systems', 'service_id', id, 'system_id', systemIds, newId);
    }
    return out;
  },
  async *rows(scope: ClientScope) {
    for await (const page of pages((after, size) => {
      let q = scope.db.selectFrom('estate_services').selectAll();
      if (after) q = q.where('id', '>', after);
      return q.orderBy('id').limit(size).execute();
    })) {
      const systems = await linkedNames(
        (ids) =>
          scope.db
            .selectFrom('estate_service_systems')
            .innerJoin('estate_systems', (j) => j.onRef('estate_systems.client_id', '=', 'estate_service_systems.client_id').onRef('estate_systems.id', '=', 'estate_service_systems.system_id'))
            .select(['estate_service_systems.service_id as owner', (eb) => eb.fn.coalesce('estate_systems.asset_tag', 'estate_systems.name').as('name')])
            .where('estate_service_systems.service_id', 'in', ids)
            .execute(),
        page.map((s) => s.id),
      );
      for (const s of page) {
        yield [s.name, cell(s.business_unit), cell(s.description), moneyCell(scope, s.downtime_cost_per_hour), cell(s.rto_hours), cell(s.rpo_hours), s.criticality, s.operating_hours, (systems.get(s.id) ?? []).join('; ')];
      }
    }
  },
};

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
