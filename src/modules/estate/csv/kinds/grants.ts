import type { ClientScope } from '../../../../server/context.js';
import { chunk } from '../../common.js';
import type { EstateGrantsTable } from '../../tables.js';
import { ACCESS_LEVELS, GRANTEE_TYPES, nameKey } from '../../vocab.js';
import { memberEmails, resolveSystems, upsert, type KindSpec, type Planned, type RowProblem } from '../kit.js';
import { date, oneOf, text } from '../values.js';
import { cell, mergeRow, pages, planOf, reject, type FieldMap } from './shared.js';

const MAP: FieldMap[] = [
  { field: 'grantee', column: 'grantee' },
  { field: 'granteeType', column: 'grantee_type', toDb: (v) => v ?? 'person' },
  { field: 'level', column: 'level', toDb: (v) => v ?? 'read' },
  { field: 'reason', column: 'reason' },
  { field: 'grantedBy', column: 'granted_by' },
  { field: 'since', column: 'since' },
];
const COMPARE = [...MAP.map((m) => m.column), 'owner_user_id', 'revoked_at'];
const FIELD_OF_COLUMN = new Map<string, string>([...MAP.map((m) => [m.column, m.field] as const), ['owner_user_id', 'owner'], ['revoked_at', 'revoked']]);

function targetKey(rec: Record<string, unknown>): string | null {
  if (typeof rec.dataset === 'string') return `dataset:${nameKey(rec.dataset)}`;
  if (typeof rec.system === 'string') return `system:${rec.system}`;
  return null;
}

export const grantsKind: KindSpec = {
  kind: 'grants',
  noun: 'access grant',
  columns: [
    { field: 'dataset', header: 'Data Set', aliases: ['Dataset', 'Data'], parse: text(200) },
    { field: 'system', header: 'System', aliases: ['Application', 'Asset Tag', 'Resource'], parse: text(200) },
    { field: 'grantee', header: 'Grantee', aliases: ['User', 'Group', 'Principal', 'Who', 'Account', 'Member'], parse: text(200) },
    { field: 'granteeType', header: 'Grantee Type', aliases: ['Principal Type', 'Type'], parse: oneOf(GRANTEE_TYPES, { user: 'person', individual: 'person', role: 'group', team: 'group', 'service account': 'service', application: 'service', app: 'service' }) },
    { field: 'level', header: 'Level', aliases: ['Access Level', 'Access', 'Permission', 'Rights'], parse: oneOf(ACCESS_LEVELS, { viewer: 'read', 'read only': 'read', reader: 'read', editor: 'write', contributor: 'write', modify: 'write', 'read write': 'write', owner: 'admin', full: 'admin', 'full control': 'admin', administrator: 'admin' }) },
    { field: 'reason', header: 'Reason', aliases: ['Justification', 'Business Reason', 'Purpose'], parse: text(1000) },
    { field: 'owner', header: 'Owner', aliases: ['Owner Email', 'Grant Owner', 'Approver', 'Reviewer'], parse: text(300) },
    { field: 'grantedBy', header: 'Granted By', aliases: ['Approved By'], parse: text(200) },
    { field: 'since', header: 'Since', aliases: ['Granted On', 'Date Granted', 'Start Date'], parse: date },
  ],
  requiredColumns: ['grantee'],
  finish(rec) {
    const targets = [typeof rec.dataset === 'string', typeof rec.system === 'string'].filter(Boolean).length;
    if (!('dataset' in rec) && !('system' in rec)) return [['dataset', 'the file needs a Data Set or a System column']];
    if (targets !== 1) return [[('dataset' in rec ? 'dataset' : 'system'), 'give either a Data Set or a System (one of them)']];
    return [];
  },
  key(rec) {
    const target = targetKey(rec);
    if (!target) return ['dataset', 'give either a Data Set or a System'];
    if (typeof rec.grantee !== 'string') return ['grantee', 'is required'];
    return { key: `${target}|${nameKey(rec.grantee)}`, label: `${rec.grantee} on ${(rec.dataset ?? rec.system) as string}` };
  },
  async run(ctx, batch) {
    const members = await memberEmails(ctx.db);
    const datasets = new Map<string, string>();
    const datasetKeys = [...new Set(batch.flatMap((b) => (typeof b.rec.dataset === 'string' ? [nameKey(b.rec.dataset)] : [])))];
    for (const part of chunk(datasetKeys, 500)) {
      for (const d of await ctx.db.selectFrom('estate_datasets').select(['id', 'name_key']).where('name_key', 'in', part).execute()) datasets.set(d.name_key, d.id);
    }
    const systems = await resolveSystems(ctx.db, batch.flatMap((b) => (typeof b.rec.system === 'string' ? [b.rec.system] : [])));
    const resolved: { line: number; rec: Record<string, unknown>; target: string; type: 'dataset' | 'system'; id: string; owner: string | null | undefined }[] = [];
    const out: Planned[] = [];
    for (const { line, rec } of batch) {
      const label = `${rec.grantee as string} on ${(rec.dataset ?? rec.system) as string}`;
      const problems: RowProblem[] = [];
      let type: 'dataset' | 'system';
      let id: string | undefined;
      if (typeof rec.dataset === 'string') {
        type = 'dataset';
        id = datasets.get(nameKey(rec.dataset));
        if (!id) problems.push({ column: ctx.headerOf('dataset'), reason: `no data set named "${rec.dataset}"` });
      } else {
        type = 'system';
        const found = systems.get(rec.system as string);
        if (found && 'id' in found) id = found.id;
        else problems.push({ column: ctx.headerOf('system'), reason: found?.reason ?? 'no such system' });
      }
      let owner: string | null | undefined;
      if ('owner' in rec) {
        if (rec.owner === null) owner = null;
        else {
          owner = members.get((rec.owner as string).toLowerCase());
          if (!owner) problems.push({ column: ctx.headerOf('owner'), reason: `${rec.owner as string} is not the e-mail of a member of this client` });
        }
      }
      if (problems.length > 0 || !id) out.push(reject(line, label, problems));
      else resolved.push({ line, rec, target: `${type}:${id}`, type, id, owner });
    }
    const byKey = new Map<string, EstateGrantsTable>();
    for (const part of chunk([...new Set(resolved.map((r) => r.target))], 500)) {
      const rows = await ctx.db.selectFrom('estate_grants').selectAll().where('target_key', 'in', part).where('grantee_key', 'in', resolved.map((r) => nameKey(r.rec.grantee as string))).execute();
      for (const g of rows) byKey.set(`${g.target_key}|${g.grantee_key}`, g);
    }
    const write: Record<string, unknown>[] = [];
    for (const r of resolved) {
      const label = `${r.rec.grantee as string} on ${(r.rec.dataset ?? r.rec.system) as string}`;
      const existing = byKey.get(`${r.target}|${nameKey(r.rec.grantee as string)}`);
      const { row } = mergeRow(ctx, existing as Record<string, unknown> | undefined, () => ({
        target_type: r.type, dataset_id: r.type === 'dataset' ? r.id : null, system_id: r.type === 'system' ? r.id : null, target_key: r.target,
        grantee_type: 'person', level: 'read', reason: null, owner_user_id: null, granted_by: null, since: ctx.now.slice(0, 10), revoked_at: null, revoked_reason: null,
      }), r.rec, MAP);
      row.grantee_key = nameKey(row.grantee as string);
      if (r.owner !== undefined) row.owner_user_id = r.owner;
      // A grant listed in the file is current: one revoked earlier is given again.
      row.revoked_at = null;
      row.revoked_reason = null;
      const plan = planOf(ctx, r.line, label, existing as Record<string, unknown> | undefined, row, COMPARE, (c) => ctx.headerOf(FIELD_OF_COLUMN.get(c) ?? c));
      out.push(plan);
      if (plan.action === 'create' || plan.action === 'update') write.push(row);
    }
    if (ctx.mode === 'write') await upsert(ctx.db, 'estate_grants', write);
    return out.sort((a, b) => a.line - b.line);
  },
  async *rows(scope: ClientScope) {
    for await (const page of pages((after, size) => {
      let q = scope.db
        .selectFrom('estate_grants')
        .leftJoin('estate_datasets', (j) => j.onRef('estate_datasets.client_id', '=', 'estate_grants.client_id').onRef('estate_datasets.id', '=', 'estate_grants.dataset_id'))
        .leftJoin('estate_systems', (j) => j.onRef('estate_systems.client_id', '=', 'estate_grants.client_id').onRef('estate_systems.id', '=', 'estate_grants.system_id'))
        .leftJoin('users', 'users.id', 'estate_grants.owner_user_id')
        .selectAll('estate_grants')
        .select(['estate_datasets.name as dataset_name', (eb) => eb.fn.coalesce('estate_systems.asset_tag', 'estate_systems.name').as('system_ref'), 'users.email as owner_email'])
        .where('estate_grants.revoked_at', 'is', null);
      if (after) q = q.where('estate_grants.id', '>', after);
      return q.orderBy('estate_grants.id').limit(size).execute();
    })) {
      for (const g of page) {
        yield [cell(g.dataset_name), cell(g.system_ref), g.grantee, g.grantee_type, g.level, cell(g.reason), cell(g.owner_email), cell(g.granted_by), cell(g.since)];
      }
    }
  },
};
