/**
 * What the templates know about a client: its size and revenue, and, where the estate module
 * has them, its business services (downtime cost per hour, RTO), data sets (record counts) and
 * vendors, read through the estate's published summary (`estateSummary(scope)` in
 * src/modules/estate/summary.ts). Without records the figures fall back on the client's size and
 * revenue, and say so.
 */
import type { ClientScope } from '../../server/context.js';
import { fromMinorUnits } from '../../shared/money.js';
import { weightedHoursPerWeek } from '../../shared/downtime.js';
import type { TemplateProfile } from '../../shared/risks/templates.js';
import { loadSettings, type RiskSettings } from './settings.js';
import { estateSummary, type EstateSummary } from '../estate/summary.js';

export type { EstateSummary };

/** The client's estate summary, or null when it cannot be read (the templates then fall back on size and revenue). */
export async function loadEstateSummary(scope: ClientScope): Promise<EstateSummary | null> {
  try {
    return await estateSummary(scope);
  } catch (err) {
    // The estate helps the templates; it is not a condition for them.
    scope.app.log.warn({ err }, 'estate summary unavailable to the risk register');
    return null;
  }
}

const PERSONAL = new Set(['personal', 'health', 'payment']);

/** The client's template profile from its record and its estate. */
export function buildProfile(client: { currency: string; employees: number; annualRevenue: number; grossMargin?: number | null }, estate: EstateSummary | null): TemplateProfile {
  const revenuePerHour = client.annualRevenue / 8760;
  const services = estate?.services.filter((s) => s.downtimeCostPerHour > 0) ?? [];
  const vital = services.filter((s) => s.criticality === 'critical' || s.criticality === 'high');
  const stopped = vital.length > 0 ? vital : services;
  const companyWide = stopped.reduce((sum, s) => sum + s.downtimeCostPerHour, 0);
  const biggest = services.reduce((m, s) => Math.max(m, s.downtimeCostPerHour), 0);
  const rtos = stopped.map((s) => s.rtoHours).filter((h): h is number => h !== null && h > 0);

  const personal = estate?.datasets.filter((d) => d.categories.some((c) => PERSONAL.has(c)) && d.records > 0) ?? [];
  const records = personal.reduce((sum, d) => sum + d.records, 0);
  const atVendors = personal.filter((d) => d.vendorIds.length > 0).reduce((sum, d) => sum + d.records, 0);
  const dataVendorIds = new Set<string>([...(estate?.vendors.filter((v) => v.tier <= 2).map((v) => v.id) ?? []), ...(estate?.datasets.flatMap((d) => d.vendorIds) ?? [])]);
  const fallbackRecords = Math.max(500, client.employees * 250);
  const fallbackVendors = Math.max(3, Math.round(client.employees / 15));

  return {
    currency: client.currency,
    employees: client.employees,
    annualRevenue: client.annualRevenue,
    downtimeCostPerHour: companyWide > 0 ? companyWide : Math.max(100, revenuePerHour),
    // Without services, revenue spread over every hour of the year is lost every hour.
    operatingHoursPerWeek: weightedHoursPerWeek(stopped) ?? 168,
    grossMargin: client.grossMargin ?? null,
    serviceDowntimeCostPerHour: biggest > 0 ? biggest : Math.max(50, revenuePerHour / 2),
    downtimeBasis:
      companyWide > 0
        ? `${stopped.length} business services recorded with their downtime cost and operating hours`
        : 'annual revenue spread over the hours of the year (no business service has a downtime cost yet)',
    rtoHours: rtos.length > 0 ? Math.max(...rtos) : null,
    personalRecords: records > 0 ? records : fallbackRecords,
    recordsBasis: records > 0 ? `${personal.length} data sets with personal, health or payment records` : `estimated at 250 records per employee (no data set with record counts yet)`,
    dataVendors: dataVendorIds.size > 0 ? dataVendorIds.size : fallbackVendors,
    vendorRecords: atVendors > 0 ? atVendors : Math.round((records > 0 ? records : fallbackRecords) / 2),
    vendorsBasis: dataVendorIds.size > 0 ? `${dataVendorIds.size} vendors of tier 1 or 2 or holding data sets` : 'estimated from the number of employees (no vendors recorded yet)',
    devices: Math.round(client.employees * 1.5),
    devicesBasis: 'about 1.5 devices per employee',
  };
}

export async function clientProfile(scope: ClientScope, settings?: RiskSettings): Promise<TemplateProfile> {
  const [estate, s] = await Promise.all([loadEstateSummary(scope), settings ? Promise.resolve(settings) : loadSettings(scope)]);
  const c = scope.client;
  return buildProfile({ currency: c.currency, employees: c.employees, annualRevenue: fromMinorUnits(c.annual_revenue, c.currency), grossMargin: s.grossMargin }, estate);
}

/** Estate records a scenario can link to (none without the estate module's summary). */
export async function linkTargets(scope: ClientScope): Promise<{ kind: 'service' | 'system' | 'dataset' | 'vendor'; id: string; name: string }[]> {
  const estate = await loadEstateSummary(scope);
  if (!estate) return [];
  return [
    ...estate.services.map((r) => ({ kind: 'service' as const, id: r.id, name: r.name })),
    ...estate.systems.map((r) => ({ kind: 'system' as const, id: r.id, name: r.name })),
    ...estate.datasets.map((r) => ({ kind: 'dataset' as const, id: r.id, name: r.name })),
    ...estate.vendors.map((r) => ({ kind: 'vendor' as const, id: r.id, name: r.name })),
  ];
}
