import { sql } from 'kysely';
import type { ClientDb } from '../../server/db/scoped.js';
import { words, type Language } from '../../server/i18n/index.js';
import type { EstateVendorsTable } from './tables.js';
import {
  TIER_OF_CLASSIFICATION,
  TIER_OF_CRITICALITY,
  type Classification,
  type Criticality,
  type Supplies,
  type SystemScope,
  type Tier,
} from './vocab.js';

/**
 * The client's vendor dependency graph: which business services and data sets depend on each
 * vendor, directly (through the systems it supplies, or the data it holds) or through the
 * vendors it subcontracts for. Vendor tiers and concentration are both read off it. Built from
 * a handful of aggregate queries, so its cost follows the number of vendors and links, not of
 * systems.
 */
export interface DependencyGraph {
  vendors: Map<string, EstateVendorsTable>;
  /** vendor -> its subcontractors (fourth parties). */
  subs: Map<string, { subId: string; handlesData: boolean; service: string | null }[]>;
  /** subcontractor -> the vendors it works for. */
  parents: Map<string, { vendorId: string; handlesData: boolean }[]>;
  services: Map<string, { name: string; criticality: Criticality }>;
  datasets: Map<string, { name: string; classification: Classification; records: number }>;
  /** vendor -> services depending on a system it supplies (software, SaaS, cloud). */
  directServices: Map<string, Set<string>>;
  /** vendor -> services depending on hardware it supplies: bought through it, replaceable elsewhere. */
  hardwareServices: Map<string, Set<string>>;
  /** vendor -> data sets it holds itself or in a SaaS or cloud system it runs. */
  directDatasets: Map<string, Set<string>>;
  /** vendor -> scopes of the systems it supplies. */
  systemScopes: Map<string, Set<SystemScope>>;
  /** vendor -> systems it supplies that are planned, active, spare or in repair. */
  liveSystems: Map<string, number>;
  /** vendor -> contracts' annual cost (minor units). */
  annualCost: Map<string, number>;
}

/** What depends on a vendor; `via` names the vendor it is reached through (null: directly). */
export interface Reach {
  services: Map<string, string | null>;
  datasets: Map<string, string | null>;
  /** Services reached only through hardware the vendor supplies (a reseller's). */
  resold: Set<string>;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export async function loadGraph(db: ClientDb): Promise<DependencyGraph> {
  const [vendorRows, linkRows, serviceRows, datasetRows, serviceVendor, datasetVendorDirect, datasetVendorSystem, scopes, contracts] = await Promise.all([
    db.selectFrom('estate_vendors').selectAll().orderBy('name').execute(),
    db.selectFrom('estate_vendor_links').select(['vendor_id', 'sub_vendor_id', 'handles_data', 'service']).execute(),
    db.selectFrom('estate_services').select(['id', 'name', 'criticality']).execute(),
    db.selectFrom('estate_datasets').select(['id', 'name', 'classification', 'records']).execute(),
    db
      .selectFrom('estate_service_systems')
      .innerJoin('estate_systems', (j) => j.onRef('estate_systems.client_id', '=', 'estate_service_systems.client_id').onRef('estate_systems.id', '=', 'estate_service_systems.system_id'))
      .select(['estate_service_systems.service_id as owner', 'estate_systems.vendor_id as vendor', 'estate_systems.type as type'])
      .where('estate_systems.vendor_id', 'is not', null)
      .distinct()
      .execute(),
    db.selectFrom('estate_dataset_vendors').select(['dataset_id as owner', 'vendor_id as vendor']).execute(),
    db
      .selectFrom('estate_dataset_systems')
      .innerJoin('estate_systems', (j) => j.onRef('estate_systems.client_id', '=', 'estate_dataset_systems.client_id').onRef('estate_systems.id', '=', 'estate_dataset_systems.system_id'))
      .select(['estate_dataset_systems.dataset_id as owner', 'estate_systems.vendor_id as vendor'])
      .where('estate_systems.vendor_id', 'is not', null)
      // The vendor of a SaaS or cloud system holds what is stored in it; the reseller of a server does not.
      .where('estate_systems.type', 'in', ['saas', 'cloud'])
      .distinct()
      .execute(),
    db
      .selectFrom('estate_systems')
      .select(['vendor_id', 'scope', sql<number>`sum(case when status = 'retired' then 0 else 1 end)`.as('live')])
      .where('vendor_id', 'is not', null)
      .groupBy(['vendor_id', 'scope'])
      .execute(),
    db.selectFrom('estate_contracts').select(['vendor_id', sql<number>`sum(annual_cost)`.as('cost')]).groupBy('vendor_id').execute(),
  ]);
  const g: DependencyGraph = {
    vendors: new Map(vendorRows.map((v) => [v.id, v])),
    subs: new Map(),
    parents: new Map(),
    services: new Map(serviceRows.map((s) => [s.id, { name: s.name, criticality: s.criticality }])),
    datasets: new Map(datasetRows.map((d) => [d.id, { name: d.name, classification: d.classification, records: Number(d.records) }])),
    directServices: new Map(),
    hardwareServices: new Map(),
    directDatasets: new Map(),
    systemScopes: new Map(),
    liveSystems: new Map(),
    annualCost: new Map(contracts.map((c) => [c.vendor_id, Number(c.cost)])),
  };
  for (const l of linkRows) {
    const subs = g.subs.get(l.vendor_id) ?? [];
    subs.push({ subId: l.sub_vendor_id, handlesData: l.handles_data === 1, service: l.service });
    g.subs.set(l.vendor_id, subs);
    const parents = g.parents.get(l.sub_vendor_id) ?? [];
    parents.push({ vendorId: l.vendor_id, handlesData: l.handles_data === 1 });
    g.parents.set(l.sub_vendor_id, parents);
  }
  for (const r of serviceVendor) if (r.vendor) addTo(r.type === 'hardware' ? g.hardwareServices : g.directServices, r.vendor, r.owner);
  for (const r of [...datasetVendorDirect, ...datasetVendorSystem]) if (r.vendor) addTo(g.directDatasets, r.vendor, r.owner);
  for (const r of scopes) {
    if (!r.vendor_id) continue;
    addTo(g.systemScopes, r.vendor_id, r.scope);
    g.liveSystems.set(r.vendor_id, (g.liveSystems.get(r.vendor_id) ?? 0) + Number(r.live));
  }
  return g;
}

/**
 * Everything that depends on a vendor: its own dependants, plus those of every vendor it works
 * for (services always: if the subcontractor fails, the vendor's service fails; data sets only
 * through links where it handles the data). Cycles in the links are cut.
 */
export function reachOf(g: DependencyGraph, vendorId: string, memo = new Map<string, Reach>()): Reach {
  return reachWalk(g, vendorId, memo, new Set()).reach;
}

function reachWalk(g: DependencyGraph, vendorId: string, memo: Map<string, Reach>, visiting: Set<string>): { reach: Reach; cut: boolean } {
  const known = memo.get(vendorId);
  if (known) return { reach: known, cut: false };
  const reach: Reach = { services: new Map(), datasets: new Map(), resold: new Set() };
  for (const s of g.directServices.get(vendorId) ?? []) reach.services.set(s, null);
  for (const s of g.hardwareServices.get(vendorId) ?? []) {
    if (reach.services.has(s)) continue;
    reach.services.set(s, null);
    reach.resold.add(s);
  }
  for (const d of g.directDatasets.get(vendorId) ?? []) reach.datasets.set(d, null);
  let cut = false;
  visiting.add(vendorId);
  for (const p of g.parents.get(vendorId) ?? []) {
    if (visiting.has(p.vendorId)) {
      cut = true;
      continue;
    }
    const parent = reachWalk(g, p.vendorId, memo, visiting);
    cut ||= parent.cut;
    const parentName = g.vendors.get(p.vendorId)?.name ?? null;
    for (const [s, via] of parent.reach.services) if (!reach.services.has(s)) reach.services.set(s, via ?? parentName);
    if (p.handlesData) for (const [d, via] of parent.reach.datasets) if (!reach.datasets.has(d)) reach.datasets.set(d, via ?? parentName);
  }
  visiting.delete(vendorId);
  // Links never form cycles (wouldCycle refuses them); should one exist, a walk cut short by it
  // is not remembered, so another vendor's walk sees the whole picture.
  if (!cut) memo.set(vendorId, reach);
  return { reach, cut };
}

export interface TierReason {
  tier: Tier;
  reason: string;
}

export interface VendorTier {
  tier: Tier;
  derivedTier: Tier;
  reasons: TierReason[];
}

/** A fourth party is not tier 1 by default: it is reached, and assessed, through its vendor. */
export const FOURTH_PARTY_HIGHEST_TIER: Tier = 2;
/** A reseller of hardware is not tier 1 by default: the hardware can be bought elsewhere. */
export const RESELLER_HIGHEST_TIER: Tier = 3;

/**
 * A vendor's criticality tier: the most critical of the services that depend on it (critical
 * service: tier 1 … low: tier 4) and of the data it holds (restricted: 1, confidential: 2,
 * internal: 3, public: 4). What it reaches only as a fourth party (through a vendor it works
 * for) counts at most tier 2, and services it supports only by the hardware it sells at most
 * tier 3, each saying so. With neither, a vendor that supplies live systems or has a contract is
 * tier 3, otherwise tier 4. An override with its reason wins over the derived tier.
 */
export function tierOf(g: DependencyGraph, vendorId: string, reach: Reach = reachOf(g, vendorId), language: Language = 'en'): VendorTier {
  const say = words(language, 'estate');
  const reasons: TierReason[] = [];
  const capped = (tier: Tier, highest: Tier): Tier => Math.max(tier, highest) as Tier;
  for (const [id, via] of reach.services) {
    const s = g.services.get(id);
    if (!s) continue;
    const t = TIER_OF_CRITICALITY[s.criticality];
    const service = { name: s.name, criticality: say(`criticality.${s.criticality}`) };
    if (via) {
      const capping = t < FOURTH_PARTY_HIGHEST_TIER;
      reasons.push({ tier: capped(t, FOURTH_PARTY_HIGHEST_TIER), reason: say(capping ? 'tier.supportsViaCapped' : 'tier.supportsVia', { ...service, via, highest: FOURTH_PARTY_HIGHEST_TIER }) });
    } else if (reach.resold.has(id)) {
      reasons.push({ tier: capped(t, RESELLER_HIGHEST_TIER), reason: say(t < RESELLER_HIGHEST_TIER ? 'tier.sellsCapped' : 'tier.sells', { ...service, highest: RESELLER_HIGHEST_TIER }) });
    } else reasons.push({ tier: t, reason: say('tier.supports', service) });
  }
  for (const [id, via] of reach.datasets) {
    const d = g.datasets.get(id);
    if (!d) continue;
    const t = TIER_OF_CLASSIFICATION[d.classification];
    const data = { name: d.name, classification: say(`classification.${d.classification}`) };
    if (!via) reasons.push({ tier: t, reason: say('tier.holds', data) });
    else reasons.push({ tier: capped(t, FOURTH_PARTY_HIGHEST_TIER), reason: say(t < FOURTH_PARTY_HIGHEST_TIER ? 'tier.holdsViaCapped' : 'tier.holdsVia', { ...data, via, highest: FOURTH_PARTY_HIGHEST_TIER }) });
  }
  if (reasons.length === 0) {
    const live = g.liveSystems.get(vendorId) ?? 0;
    const cost = g.annualCost.get(vendorId) ?? 0;
    if (live > 0) reasons.push({ tier: 3, reason: say('tier.supplies', { count: live }) });
    else if (cost > 0) reasons.push({ tier: 3, reason: say('tier.underContract') });
    else reasons.push({ tier: 4, reason: say('tier.nothing') });
  }
  reasons.sort((a, b) => a.tier - b.tier || a.reason.localeCompare(b.reason));
  const derivedTier = Math.min(...reasons.map((r) => r.tier)) as Tier;
  const v = g.vendors.get(vendorId);
  const override = v?.tier_override ? (v.tier_override as Tier) : null;
  if (override && v) reasons.unshift({ tier: override, reason: say('tier.set', { tier: override, label: say(`tierLabel.${override}`), reason: v.tier_override_reason ?? '' }).trim() });
  return { tier: override ?? derivedTier, derivedTier, reasons };
}

/** What a vendor supplies and to whom: from the scopes of the systems it supplies, else as declared. */
export function suppliesOf(g: Pick<DependencyGraph, 'systemScopes' | 'vendors'>, vendorId: string): Supplies {
  const scopes = g.systemScopes.get(vendorId);
  if (!scopes || scopes.size === 0) return g.vendors.get(vendorId)?.supplies ?? 'infrastructure';
  return scopes.size === 2 ? 'both' : scopes.has('product') ? 'product' : 'infrastructure';
}

/** True when `subId` can reach `vendorId` by following subcontractor links (a link would close a cycle). */
export function wouldCycle(g: DependencyGraph, vendorId: string, subId: string): boolean {
  if (vendorId === subId) return true;
  const seen = new Set<string>();
  const stack = [subId];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v === vendorId) return true;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const s of g.subs.get(v) ?? []) stack.push(s.subId);
  }
  return false;
}
