import { sql } from 'kysely';
import type { z } from 'zod';
import type { ClientScope } from '../../server/context.js';
import type { Language } from '../../server/i18n/index.js';
import { fromFlag, fromJson, newId, toFlag, toJson, toTimestamp } from '../../server/db/conventions.js';
import { countRows, keysetPage, likeText, withKeyset } from '../../server/db/keyset.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { addDays, addMonths, chunk, major, today } from './common.js';
import { allContracts } from './contracts.js';
import { assessmentDue } from './assessment-due.js';
import { loadGraph, reachOf, suppliesOf, tierOf, wouldCycle, type DependencyGraph, type Reach } from './graph.js';
import { sortKeysOf } from './sort-keys.js';
import type { EstateAssessmentsTable, EstateVendorsTable } from './tables.js';
import { ASSESSMENT_CADENCE_MONTHS, nameKey, TIER_LABELS, type Tier } from './vocab.js';
import type { AssessmentOut, ContractOut, FourthPartyNode, VendorDetail, VendorList, VendorOut } from './vendors-schema.js';
import { AssessmentInput, SubcontractorInput, VendorInput, VendorPatch, VendorQuery } from './vendors-schema.js';

export function presentAssessment(a: EstateAssessmentsTable): AssessmentOut {
  return {
    id: a.id,
    vendorId: a.vendor_id,
    assessedOn: a.assessed_on,
    score: a.score,
    findings: fromJson<string[]>(a.findings, []),
    conclusion: a.conclusion,
    nextDue: a.next_due,
    assessor: a.assessor,
    createdAt: a.created_at,
  };
}

/** Days before the due date from which an assessment shows as due. */
const DUE_SOON_DAYS = 60;

function assessmentState(tier: Tier, latest: EstateAssessmentsTable | undefined, on: string, language: Language): VendorOut['assessment'] {
  const cadence = ASSESSMENT_CADENCE_MONTHS[tier];
  if (!latest) {
    return { lastAssessedOn: null, score: null, conclusion: null, nextDue: cadence === null ? null : on, broughtForward: null, status: cadence === null ? 'not_required' : 'never' };
  }
  const { nextDue, broughtForward } = assessmentDue(tier, latest, language);
  let status: VendorOut['assessment']['status'] = 'current';
  if (nextDue === null) status = cadence === null ? 'not_required' : 'current';
  else if (nextDue < on) status = 'overdue';
  else if (nextDue <= addDays(on, DUE_SOON_DAYS)) status = 'due';
  return { lastAssessedOn: latest.assessed_on, score: latest.score, conclusion: latest.conclusion, nextDue, broughtForward, status };
}

interface VendorContext {
  graph: DependencyGraph;
  contracts: ContractOut[];
  latest: Map<string, EstateAssessmentsTable>;
  on: string;
}

/** What presenting vendors needs: the dependency graph, and the contracts and assessments of these vendors. */
async function vendorContext(scope: ClientScope, graph: DependencyGraph, vendorIds: readonly string[]): Promise<VendorContext> {
  const [contracts, assessments] = await Promise.all([
    allContracts(scope, { vendorIds }),
    Promise.all(chunk(vendorIds, 500).map((part) => scope.db.selectFrom('estate_assessments').selectAll().where('vendor_id', 'in', part).execute())),
  ]);
  const latest = new Map<string, EstateAssessmentsTable>();
  const newest = (a: EstateAssessmentsTable, b: EstateAssessmentsTable) => b.assessed_on.localeCompare(a.assessed_on) || b.created_at.localeCompare(a.created_at);
  for (const a of assessments.flat().sort(newest)) if (!latest.has(a.vendor_id)) latest.set(a.vendor_id, a);
  return { graph, contracts, latest, on: today(scope) };
}

function present(scope: ClientScope, ctx: VendorContext, v: EstateVendorsTable): VendorOut {
  const reach = reachOf(ctx.graph, v.id);
  const tier = tierOf(ctx.graph, v.id, reach, scope.language);
  const contracts = ctx.contracts.filter((c) => c.vendorId === v.id);
  const renewals = contracts.map((c) => c.nextRenewal).filter((d): d is string => d !== null).sort();
  const notices = contracts.filter((c) => c.nextRenewal !== null).map((c) => c.noticeDeadline!).sort();
  return {
    id: v.id,
    name: v.name,
    direct: fromFlag(v.direct),
    fourthParty: (ctx.graph.parents.get(v.id) ?? []).length > 0,
    supplies: suppliesOf(ctx.graph, v.id),
    declaredSupplies: v.supplies,
    offering: v.offering,
    country: v.country,
    website: v.website,
    contact: v.contact,
    notes: v.notes,
    tier: tier.tier,
    tierLabel: TIER_LABELS[tier.tier],
    derivedTier: tier.derivedTier,
    tierOverride: v.tier_override,
    tierOverrideReason: v.tier_override_reason,
    tierReasons: tier.reasons.map((r) => r.reason),
    liveSystems: ctx.graph.liveSystems.get(v.id) ?? 0,
    services: reach.services.size,
    datasets: reach.datasets.size,
    annualCost: ctx.graph.annualCost.has(v.id) ? major(scope, ctx.graph.annualCost.get(v.id)!) : null,
    nextRenewal: renewals[0] ?? null,
    nextNoticeDeadline: notices[0] ?? null,
    assessment: assessmentState(tier.tier, ctx.latest.get(v.id), ctx.on, scope.language),
    createdAt: v.created_at,
    updatedAt: v.updated_at,
  };
}

/**
 * A page of the client's vendors and fourth parties by name (keyset), filtered. The tier is
 * derived from the dependency graph (what depends on the vendor, through any vendor it works
 * for), so its filter runs on the rows as they are read; the graph is read once a page.
 */
export async function listVendors(scope: ClientScope, raw: VendorQuery = {}): Promise<VendorList> {
  const query = VendorQuery.parse(raw);
  let base = scope.db.selectFrom('estate_vendors');
  if (query.direct !== undefined) base = base.where('estate_vendors.direct', '=', query.direct === 'true' ? 1 : 0);
  if (query.search) {
    const like = likeText(query.search);
    base = base.where((eb) => eb.or([eb(sql`lower(${sql.ref('estate_vendors.name')})`, 'like', like), eb(sql`lower(coalesce(${sql.ref('estate_vendors.offering')}, ''))`, 'like', like)]));
  }
  const graph = await loadGraph(scope.db);
  const memo = new Map<string, Reach>();
  const tier = query.tier;
  const ofTier = (id: string) => tier === undefined || tierOf(graph, id, reachOf(graph, id, memo)).tier === tier;
  const [page, total] = await Promise.all([
    keysetPage<EstateVendorsTable>(
      { name: 'vendors name', key: sql.ref('estate_vendors.name_sort'), id: sql.ref('estate_vendors.id'), type: 'string' },
      { limit: query.limit, cursor: query.cursor, desc: query.order === 'desc', keep: tier === undefined ? undefined : (v) => ofTier(v.id) },
      (step) => withKeyset(base.selectAll('estate_vendors'), step).execute(),
      (v) => v.name_sort,
      (v) => v.id,
    ),
    query.total !== 'true' ? null
      // The tier is not in the database: with a tier filter, the matching vendors are counted on the graph.
      : tier === undefined ? countRows(base) : base.select('estate_vendors.id').execute().then((rows) => rows.filter((r) => ofTier(r.id)).length),
  ]);
  const ctx = await vendorContext(scope, graph, page.rows.map((v) => v.id));
  return { vendors: page.rows.map((v) => present(scope, ctx, v)), nextCursor: page.nextCursor, total };
}

export async function getVendor(scope: ClientScope, id: string): Promise<VendorDetail> {
  const graph = await loadGraph(scope.db);
  const v = graph.vendors.get(id);
  if (!v) throw notFound('Vendor');
  const ctx = await vendorContext(scope, graph, [id]);
  const base = present(scope, ctx, v);
  const [assessments, systems, systemsTotal] = await Promise.all([
    scope.db.selectFrom('estate_assessments').selectAll().where('vendor_id', '=', id).orderBy('assessed_on', 'desc').execute(),
    scope.db.selectFrom('estate_systems').select(['id', 'name', 'type', 'scope', 'status']).where('vendor_id', '=', id).orderBy('name').limit(200).execute(),
    scope.db.selectFrom('estate_systems').select((eb) => eb.fn.countAll<number>().as('n')).where('vendor_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  const fourthParties: z.infer<typeof FourthPartyNode>[] = [];
  const walk = (parentId: string, depth: number, path: Set<string>): void => {
    for (const link of ctx.graph.subs.get(parentId) ?? []) {
      const sub = ctx.graph.vendors.get(link.subId);
      if (!sub || path.has(sub.id)) continue;
      fourthParties.push({ vendorId: sub.id, name: sub.name, parentId, depth, service: link.service, handlesData: link.handlesData, tier: tierOf(ctx.graph, sub.id).tier });
      if (depth < 8) walk(sub.id, depth + 1, new Set([...path, sub.id]));
    }
  };
  walk(id, 1, new Set([id]));
  const reach = reachOf(ctx.graph, id);
  return {
    ...base,
    contracts: ctx.contracts.filter((c) => c.vendorId === id),
    assessments: assessments.map(presentAssessment),
    fourthParties,
    worksFor: (ctx.graph.parents.get(id) ?? []).map((p) => {
      const link = (ctx.graph.subs.get(p.vendorId) ?? []).find((l) => l.subId === id);
      return { vendorId: p.vendorId, name: ctx.graph.vendors.get(p.vendorId)?.name ?? '', service: link?.service ?? null, handlesData: p.handlesData };
    }),
    systems,
    systemsTotal: Number(systemsTotal.n),
    dependentServices: [...reach.services].flatMap(([sid, via]) => {
      const s = ctx.graph.services.get(sid);
      return s ? [{ id: sid, name: s.name, criticality: s.criticality, via }] : [];
    }).sort((a, b) => a.name.localeCompare(b.name)),
    heldDatasets: [...reach.datasets].flatMap(([did, via]) => {
      const d = ctx.graph.datasets.get(did);
      return d ? [{ id: did, name: d.name, classification: d.classification, records: d.records, via }] : [];
    }).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

async function ensureNameFree(scope: ClientScope, name: string, exceptId?: string): Promise<void> {
  let q = scope.db.selectFrom('estate_vendors').select('id').where('name_key', '=', nameKey(name));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict(`A vendor named "${name}" already exists.`, [{ path: 'name', message: 'already used by another vendor' }]);
}

function checkOverride(override: number | null | undefined, reason: string | null | undefined): void {
  if (override && !reason) throw invalid('A tier override needs a reason.', [{ path: 'tierOverrideReason', message: 'required when tierOverride is set' }]);
}

/** The vendor as the audit trail records it: its own fields, not what is derived from others. */
function auditView(v: EstateVendorsTable): Record<string, unknown> {
  return {
    name: v.name,
    direct: fromFlag(v.direct),
    supplies: v.supplies,
    offering: v.offering,
    country: v.country,
    website: v.website,
    contact: v.contact,
    notes: v.notes,
    tierOverride: v.tier_override,
    tierOverrideReason: v.tier_override_reason,
  };
}

export async function createVendor(scope: ClientScope, raw: VendorInput): Promise<VendorDetail> {
  const input = VendorInput.parse(raw);
  checkOverride(input.tierOverride, input.tierOverrideReason);
  await ensureNameFree(scope, input.name);
  const now = toTimestamp(scope.now());
  const row: EstateVendorsTable = {
    client_id: scope.clientId,
    id: newId(),
    name: input.name,
    name_key: nameKey(input.name),
    name_sort: sortKeysOf('estate_vendors', { name: input.name }).name_sort!,
    direct: toFlag(input.direct),
    supplies: input.supplies,
    offering: input.offering ?? null,
    country: input.country ?? null,
    website: input.website ?? null,
    contact: input.contact ?? null,
    notes: input.notes ?? null,
    tier_override: input.tierOverride ?? null,
    tier_override_reason: input.tierOverride ? (input.tierOverrideReason ?? null) : null,
    created_at: now,
    updated_at: now,
  };
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('estate_vendors', values).execute();
    await w.audit({ action: 'vendor.create', entityType: 'vendor', entityId: row.id, after: auditView(row) });
  });
  return getVendor(scope, row.id);
}

export async function updateVendor(scope: ClientScope, id: string, raw: VendorPatch): Promise<VendorDetail> {
  const patch = VendorPatch.parse(raw);
  const before = await scope.db.selectFrom('estate_vendors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Vendor');
  if (patch.name !== undefined) await ensureNameFree(scope, patch.name, id);
  const override = patch.tierOverride !== undefined ? patch.tierOverride : before.tier_override;
  const reason = patch.tierOverrideReason !== undefined ? patch.tierOverrideReason : before.tier_override_reason;
  checkOverride(override, reason);
  const after: EstateVendorsTable = {
    ...before,
    ...(patch.name !== undefined ? { name: patch.name, name_key: nameKey(patch.name), name_sort: sortKeysOf('estate_vendors', { name: patch.name }).name_sort! } : {}),
    ...(patch.direct !== undefined ? { direct: toFlag(patch.direct) } : {}),
    ...(patch.supplies !== undefined ? { supplies: patch.supplies } : {}),
    ...(patch.offering !== undefined ? { offering: patch.offering } : {}),
    ...(patch.country !== undefined ? { country: patch.country } : {}),
    ...(patch.website !== undefined ? { website: patch.website } : {}),
    ...(patch.contact !== undefined ? { contact: patch.contact } : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
    tier_override: override ?? null,
    tier_override_reason: override ? (reason ?? null) : null,
    updated_at: toTimestamp(scope.now()),
  };
  await scope.write(async (w) => {
    const { client_id: _c, id: _i, created_at: _t, ...set } = after;
    await w.db.updateTable('estate_vendors').set(set).where('id', '=', id).execute();
    await w.audit({ action: 'vendor.update', entityType: 'vendor', entityId: id, before: auditView(before), after: auditView(after) });
  });
  return getVendor(scope, id);
}

export async function deleteVendor(scope: ClientScope, id: string): Promise<void> {
  const before = await scope.db.selectFrom('estate_vendors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Vendor');
  await scope.write(async (w) => {
    // Systems keep existing without a vendor; what belongs to the vendor goes with it.
    const systems = await w.db.updateTable('estate_systems').set({ vendor_id: null }).where('vendor_id', '=', id).executeTakeFirst();
    const links = await w.db.deleteFrom('estate_vendor_links').where((eb) => eb.or([eb('vendor_id', '=', id), eb('sub_vendor_id', '=', id)])).executeTakeFirst();
    await w.db.deleteFrom('estate_dataset_vendors').where('vendor_id', '=', id).execute();
    const contracts = await w.db.deleteFrom('estate_contracts').where('vendor_id', '=', id).executeTakeFirst();
    await w.db.deleteFrom('estate_assessments').where('vendor_id', '=', id).execute();
    await w.db.deleteFrom('estate_vendors').where('id', '=', id).execute();
    await w.audit({
      action: 'vendor.delete',
      entityType: 'vendor',
      entityId: id,
      before: { ...auditView(before), systemsUnlinked: Number(systems.numUpdatedRows), linksRemoved: Number(links.numDeletedRows), contractsRemoved: Number(contracts.numDeletedRows) },
    });
  });
}

/** Records that `vendorId` uses a subcontractor or sub-processor (a fourth party). */
export async function addSubcontractor(scope: ClientScope, vendorId: string, raw: SubcontractorInput): Promise<VendorDetail> {
  const input = SubcontractorInput.parse(raw);
  const graph = await loadGraph(scope.db);
  const vendor = graph.vendors.get(vendorId);
  if (!vendor) throw notFound('Vendor');
  let sub = input.subVendorId ? graph.vendors.get(input.subVendorId) : [...graph.vendors.values()].find((v) => v.name_key === nameKey(input.name ?? ''));
  if (input.subVendorId && !sub) throw invalid('No such vendor.', [{ path: 'subVendorId', message: 'no such vendor in this client' }]);
  if (sub && wouldCycle(graph, vendorId, sub.id)) {
    throw conflict(`${sub.name} cannot be a subcontractor of ${vendor.name}: ${sub.id === vendorId ? 'a vendor is not its own subcontractor' : `${vendor.name} already works for it, directly or further down`}.`, [{ path: input.subVendorId ? 'subVendorId' : 'name', message: 'would make a cycle' }]);
  }
  if (sub && (graph.subs.get(vendorId) ?? []).some((l) => l.subId === sub!.id)) throw conflict(`${sub.name} is already a subcontractor of ${vendor.name}.`);
  const now = toTimestamp(scope.now());
  await scope.write(async (w) => {
    if (!sub) {
      const created: EstateVendorsTable = {
        client_id: scope.clientId, id: newId(), name: input.name!, name_key: nameKey(input.name!), name_sort: sortKeysOf('estate_vendors', { name: input.name! }).name_sort!, direct: 0, supplies: vendor.supplies,
        offering: input.service ?? null, country: null, website: null, contact: null, notes: null, tier_override: null, tier_override_reason: null, created_at: now, updated_at: now,
      };
      const { client_id: _c, ...values } = created;
      await w.db.insertInto('estate_vendors', values).execute();
      await w.audit({ action: 'vendor.create', entityType: 'vendor', entityId: created.id, after: auditView(created) });
      sub = created;
    }
    const link = { id: newId(), vendor_id: vendorId, sub_vendor_id: sub.id, service: input.service ?? null, handles_data: toFlag(input.handlesData), created_at: now };
    await w.db.insertInto('estate_vendor_links', link).execute();
    await w.audit({ action: 'vendor.subcontractor.add', entityType: 'vendor', entityId: vendorId, after: { subcontractor: sub.name, subVendorId: sub.id, service: link.service, handlesData: input.handlesData } });
  });
  return getVendor(scope, vendorId);
}

export async function removeSubcontractor(scope: ClientScope, vendorId: string, subVendorId: string): Promise<void> {
  const link = await scope.db.selectFrom('estate_vendor_links').selectAll().where('vendor_id', '=', vendorId).where('sub_vendor_id', '=', subVendorId).executeTakeFirst();
  if (!link) throw notFound('Subcontractor link');
  await scope.write(async (w) => {
    await w.db.deleteFrom('estate_vendor_links').where('id', '=', link.id).execute();
    await w.audit({ action: 'vendor.subcontractor.remove', entityType: 'vendor', entityId: vendorId, before: { subVendorId, service: link.service, handlesData: fromFlag(link.handles_data) } });
  });
}

export async function addAssessment(scope: ClientScope, vendorId: string, raw: AssessmentInput): Promise<AssessmentOut> {
  const input = AssessmentInput.parse(raw);
  const graph = await loadGraph(scope.db);
  if (!graph.vendors.has(vendorId)) throw notFound('Vendor');
  const tier = tierOf(graph, vendorId).tier;
  const assessedOn = input.assessedOn ?? today(scope);
  const cadence = ASSESSMENT_CADENCE_MONTHS[tier];
  const row: EstateAssessmentsTable = {
    client_id: scope.clientId,
    id: newId(),
    vendor_id: vendorId,
    assessed_on: assessedOn,
    score: input.score ?? null,
    findings: toJson(input.findings) ?? '[]',
    conclusion: input.conclusion,
    next_due: input.nextDue !== undefined ? input.nextDue : cadence === null ? null : addMonths(assessedOn, cadence),
    tier,
    assessor: input.assessor ?? null,
    created_at: toTimestamp(scope.now()),
  };
  const out = presentAssessment(row);
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('estate_assessments', values).execute();
    await w.audit({ action: 'vendor.assessment.add', entityType: 'vendor', entityId: vendorId, after: out });
  });
  return out;
}

export async function deleteAssessment(scope: ClientScope, id: string, vendorId: string): Promise<void> {
  const row = await scope.db.selectFrom('estate_assessments').selectAll().where('id', '=', id).where('vendor_id', '=', vendorId).executeTakeFirst();
  if (!row) throw notFound('Assessment');
  await scope.write(async (w) => {
    await w.db.deleteFrom('estate_assessments').where('id', '=', id).execute();
    await w.audit({ action: 'vendor.assessment.delete', entityType: 'vendor', entityId: row.vendor_id, before: presentAssessment(row) });
  });
}
