/**
 * The estate as other modules read it. Framework-free, each function takes a ClientScope and
 * reads through its client-scoped database; amounts are in major units of the client's
 * currency, dates `YYYY-MM-DD`. These signatures are kept stable for the risk register and the
 * board pack; add fields rather than change them.
 */
import type { ClientScope } from '../../server/context.js';
import { fromFlag, fromJson } from '../../server/db/conventions.js';
import { addDays, linksOf, major, today } from './common.js';
import { assessmentDue } from './assessment-due.js';
import { clientConcentration } from './concentration.js';
import { allContracts, renewalsBetween, type RenewalEvent } from './contracts.js';
export { renewalsFor } from './contracts.js';
import { loadGraph, reachOf, suppliesOf, tierOf, type Reach } from './graph.js';
import { lifecycle } from './systems.js';
import type { Classification, Criticality, DataCategory, OperatingHours, Supplies, SystemScope, SystemStatus, SystemType, Tier } from './vocab.js';
import type { LifecycleOut } from './schema.js';
import type { ConcentrationEntry } from './vendors-schema.js';

export type { ConcentrationEntry, LifecycleOut, RenewalEvent };

export interface EstateSummary {
  services: {
    id: string;
    name: string;
    businessUnit: string | null;
    /** Revenue lost or cost incurred per hour of downtime, major units. */
    downtimeCostPerHour: number;
    rtoHours: number | null;
    rpoHours: number | null;
    criticality: Criticality;
    /** business: 40 hours a week; always: around the clock. */
    operatingHours: OperatingHours;
  }[];
  systems: {
    id: string;
    name: string;
    type: SystemType;
    /** internal: the CIO's estate; product: the CTO's. */
    scope: SystemScope;
    vendorId: string | null;
    status: SystemStatus;
    endOfLife: string | null;
    warrantyEnd: string | null;
    /** Major units; null when unknown. */
    replacementCost: number | null;
  }[];
  vendors: {
    id: string;
    name: string;
    /** 1 critical, 2 high, 3 moderate, 4 low (derived, or overridden with a reason). */
    tier: Tier;
    supplies: Supplies;
  }[];
  datasets: {
    id: string;
    name: string;
    classification: Classification;
    categories: DataCategory[];
    records: number;
    /** Systems where it is stored or processed. */
    systemIds: string[];
    /** Vendors linked to it directly (not those reached through systems or subcontractors). */
    vendorIds: string[];
  }[];
}

/**
 * Everything the risk register needs to scale its scenario templates (downtime cost per hour,
 * record counts) and to let a scenario link to services, systems, data sets and vendors.
 * Every system is listed, retired ones included (check `status`).
 */
export async function estateSummary(scope: ClientScope): Promise<EstateSummary> {
  const [services, systems, graph, datasets, datasetSystems, datasetVendors] = await Promise.all([
    scope.db.selectFrom('estate_services').selectAll().orderBy('name').execute(),
    scope.db.selectFrom('estate_systems').select(['id', 'name', 'type', 'scope', 'vendor_id', 'status', 'end_of_life', 'warranty_end', 'replacement_cost']).orderBy('name').execute(),
    loadGraph(scope.db),
    scope.db.selectFrom('estate_datasets').selectAll().orderBy('name').execute(),
    linksOf(scope.db, 'estate_dataset_systems', 'dataset_id', 'system_id'),
    linksOf(scope.db, 'estate_dataset_vendors', 'dataset_id', 'vendor_id'),
  ]);
  const memo = new Map<string, Reach>();
  return {
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      businessUnit: s.business_unit,
      downtimeCostPerHour: major(scope, s.downtime_cost_per_hour),
      rtoHours: s.rto_hours,
      rpoHours: s.rpo_hours,
      criticality: s.criticality,
      operatingHours: s.operating_hours,
    })),
    systems: systems.map((s) => ({
      id: s.id,
      name: s.name,
      type: s.type,
      scope: s.scope,
      vendorId: s.vendor_id,
      status: s.status,
      endOfLife: s.end_of_life,
      warrantyEnd: s.warranty_end,
      replacementCost: major(scope, s.replacement_cost),
    })),
    vendors: [...graph.vendors.values()].map((v) => ({ id: v.id, name: v.name, tier: tierOf(graph, v.id, reachOf(graph, v.id, memo)).tier, supplies: suppliesOf(graph, v.id) })),
    datasets: datasets.map((d) => ({
      id: d.id,
      name: d.name,
      classification: d.classification,
      categories: fromJson<DataCategory[]>(d.categories, []),
      records: Number(d.records),
      systemIds: datasetSystems.get(d.id) ?? [],
      vendorIds: datasetVendors.get(d.id) ?? [],
    })),
  };
}

export interface CriticalVendor {
  id: string;
  name: string;
  tier: Tier;
  /** Why it is critical, most serious first ("Supports "Tax preparation" (critical service)"). */
  reasons: string[];
  overridden: boolean;
  direct: boolean;
  fourthParty: boolean;
  supplies: Supplies;
  /** Sum of its contracts' annual cost, major units. */
  annualCost: number;
  nextRenewal: string | null;
  autoRenew: boolean;
  /** Assessment state: last assessed, and when the next one is due (null: never assessed). */
  lastAssessedOn: string | null;
  assessmentDue: string | null;
}

/** Tier 1 vendors (fourth parties included), for the board pack, most depended-on first. */
export async function criticalVendors(scope: ClientScope): Promise<CriticalVendor[]> {
  const [graph, contracts, assessments] = await Promise.all([
    loadGraph(scope.db),
    allContracts(scope),
    scope.db.selectFrom('estate_assessments').select(['vendor_id', 'assessed_on', 'next_due', 'tier']).orderBy('assessed_on', 'desc').execute(),
  ]);
  const memo = new Map<string, Reach>();
  const out: (CriticalVendor & { weight: number })[] = [];
  for (const v of graph.vendors.values()) {
    const reach = reachOf(graph, v.id, memo);
    const t = tierOf(graph, v.id, reach, scope.language);
    if (t.tier !== 1) continue;
    const own = contracts.filter((c) => c.vendorId === v.id && c.nextRenewal !== null).sort((a, b) => a.nextRenewal!.localeCompare(b.nextRenewal!));
    const latest = assessments.find((a) => a.vendor_id === v.id);
    out.push({
      id: v.id,
      name: v.name,
      tier: 1,
      reasons: t.reasons.map((r) => r.reason),
      overridden: v.tier_override !== null,
      direct: fromFlag(v.direct),
      fourthParty: (graph.parents.get(v.id) ?? []).length > 0,
      supplies: suppliesOf(graph, v.id),
      annualCost: major(scope, graph.annualCost.get(v.id) ?? 0),
      nextRenewal: own[0]?.nextRenewal ?? null,
      autoRenew: own[0]?.autoRenew ?? false,
      lastAssessedOn: latest?.assessed_on ?? null,
      assessmentDue: latest ? assessmentDue(t.tier, latest).nextDue : today(scope),
      weight: reach.services.size + reach.datasets.size,
    });
  }
  return out.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name)).map(({ weight: _w, ...v }) => v);
}

/**
 * Contract renewals and notice deadlines between two dates (inclusive), soonest first. Give
 * `days` instead of `to` for "the next N days from `from`" (default from: today).
 */
export async function renewals(scope: ClientScope, window: { from?: string; to?: string; days?: number } = {}): Promise<RenewalEvent[]> {
  const from = window.from ?? today(scope);
  const to = window.to ?? addDays(from, window.days ?? 90);
  return renewalsBetween(scope, { from, to });
}

/**
 * The client's fourth parties (subcontractors and sub-processors of its vendors) by how many
 * business services and data sets depend on them through any vendor, most first.
 */
export async function fourthPartyConcentration(scope: ClientScope, options: { limit?: number } = {}): Promise<ConcentrationEntry[]> {
  return clientConcentration(scope, { fourthPartiesOnly: true, ...options });
}

/** All vendors and fourth parties by dependants, most first (the client concentration view). */
export async function vendorConcentration(scope: ClientScope, options: { limit?: number } = {}): Promise<ConcentrationEntry[]> {
  return clientConcentration(scope, options);
}

/**
 * Lifecycle: systems in service whose warranty ends or that reach end of life within `days`
 * (default 90), those past end of life, and replacement cost by quarter for `quarters` quarters
 * from the current one (default 8).
 */
export async function lifecycleSummary(scope: ClientScope, options: { days?: number; quarters?: number; limit?: number } = {}): Promise<LifecycleOut> {
  return lifecycle(scope, options);
}

/** Replacement cost falling due by quarter (by end-of-life date), `2027-Q1` …, major units. */
export async function replacementCostByQuarter(scope: ClientScope, quarters = 8): Promise<{ quarter: string; systems: number; replacementCost: number }[]> {
  return (await lifecycle(scope, { days: 0, quarters, limit: 0 })).replacementByQuarter;
}

/** What the estate asks of the caller, and the portfolio's counts (the home pages). */
export { estateAttention, estateTasks, type EstateAttention } from './tasks.js';
