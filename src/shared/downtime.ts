/**
 * What an hour of downtime can honestly cost: business services run in business hours (40 a
 * week, 2,080 a year) or around the clock (8,760 hours a year), and their downtime costs, over
 * the hours they run, cannot add up to more than the company earns. Shared by the estate (which
 * flags implausible costs where they are entered) and the risk register (the ransomware worst
 * case and its template).
 */
import { formatMoney } from './money.js';

export const OPERATING_HOURS = ['business', 'always'] as const;
export type OperatingHours = (typeof OPERATING_HOURS)[number];

export const OPERATING_HOURS_LABELS: Record<OperatingHours, string> = { business: 'Business hours', always: 'Around the clock (24×7)' };

/** Hours a week a service runs. */
export const HOURS_PER_WEEK: Record<OperatingHours, number> = { business: 40, always: 168 };
/** Hours a year a service runs: 52 weeks of 40 hours, or every hour of the year. */
export const HOURS_PER_YEAR: Record<OperatingHours, number> = { business: 2_080, always: 8_760 };
export const CALENDAR_HOURS_PER_YEAR = 8_760;

export interface ServiceDowntime {
  name: string;
  /** Revenue lost per hour the service is down while it would be running, major units. */
  downtimeCostPerHour: number;
  operatingHours: OperatingHours;
}

export interface DowntimePlausibility {
  /** The downtime costs per hour, added up. */
  costPerHour: number;
  /** What they add up to over a year of the hours the services run. */
  costPerYear: number;
  annualRevenue: number;
  /** Revenue per hour the company operates (all services in business hours: revenue / 2,080). */
  revenuePerOperatingHour: number | null;
  /** costPerYear / annualRevenue: above 1 the costs say the company loses more than it earns. */
  ratio: number | null;
  implausible: boolean;
  /** Why, in plain words; null when plausible or when there is no revenue to compare with. */
  message: string | null;
}

/**
 * Flags downtime costs that are implausible for the company's size: their sum above the
 * revenue per operating hour, i.e. over the hours the services run they add up to more than the
 * annual revenue.
 */
export function downtimePlausibility(services: readonly ServiceDowntime[], annualRevenue: number, currency: string, clientName: string): DowntimePlausibility {
  const costed = services.filter((s) => s.downtimeCostPerHour > 0);
  const costPerHour = costed.reduce((sum, s) => sum + s.downtimeCostPerHour, 0);
  const costPerYear = costed.reduce((sum, s) => sum + s.downtimeCostPerHour * HOURS_PER_YEAR[s.operatingHours], 0);
  const allHours = new Set(costed.map((s) => s.operatingHours));
  const hoursPerYear = allHours.size === 1 ? HOURS_PER_YEAR[[...allHours][0]!] : null;
  const revenuePerOperatingHour = annualRevenue > 0 ? annualRevenue / (hoursPerYear ?? CALENDAR_HOURS_PER_YEAR) : null;
  const ratio = annualRevenue > 0 ? costPerYear / annualRevenue : null;
  const implausible = ratio !== null && ratio > 1;
  const money = (x: number): string => formatMoney(x, currency);
  let message: string | null = null;
  if (implausible) {
    message =
      hoursPerYear !== null && revenuePerOperatingHour !== null
        ? `The downtime costs add up to ${money(costPerHour)} an hour, ${ratio.toFixed(1)} times what ${clientName} earns in an hour it operates (${money(revenuePerOperatingHour)}: ${money(annualRevenue)} a year over ${hoursPerYear.toLocaleString('en-US')} ${hoursPerYear === HOURS_PER_YEAR.business ? 'business hours' : 'hours'}). A company cannot lose more than it earns: check them.`
        : `Over the hours the services run, their downtime costs add up to ${money(costPerYear)} a year, ${ratio.toFixed(1)} times ${possessive(clientName)} annual revenue (${money(annualRevenue)}). A company cannot lose more than it earns: check them.`;
  }
  return { costPerHour, costPerYear, annualRevenue, revenuePerOperatingHour, ratio, implausible, message };
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/**
 * Hours a week the services run, weighted by their downtime costs: 40 when all run in
 * business hours, 168 when all run around the clock; null without costs.
 */
export function weightedHoursPerWeek(services: readonly ServiceDowntime[]): number | null {
  const costed = services.filter((s) => s.downtimeCostPerHour > 0);
  const total = costed.reduce((sum, s) => sum + s.downtimeCostPerHour, 0);
  if (total <= 0) return null;
  return costed.reduce((sum, s) => sum + s.downtimeCostPerHour * HOURS_PER_WEEK[s.operatingHours], 0) / total;
}

export interface InterruptionInputs {
  /** Revenue lost per hour the services are down while they would run. */
  downtimeCostPerHour: number;
  /** Hours a week the services run (40: business hours, 168: around the clock). */
  operatingHoursPerWeek: number;
  /** Share of lost revenue actually lost: the gross margin (1 when not known). */
  grossMargin: number;
  /** Annual revenue: an outage cannot cost more than the gross profit earned in its hours. */
  annualRevenue: number;
}

export interface Interruption {
  /** Hours of the outage in which the services would have run. */
  operatingHours: number;
  /** Revenue the downtime costs say is lost. */
  revenueLost: number;
  /** Most the company can lose in the outage's hours: its gross profit over that time (null without revenue). */
  cap: number | null;
  capped: boolean;
  /** What is lost: the gross margin of the revenue lost, at most the cap. */
  loss: number;
}

/** The business interruption of an outage lasting `hours` (calendar hours, from the attack until the services run again). */
export function businessInterruption(x: InterruptionInputs, hours: number): Interruption {
  const operatingHours = (hours * Math.min(168, Math.max(0, x.operatingHoursPerWeek))) / 168;
  const revenueLost = x.downtimeCostPerHour * operatingHours;
  const cap = x.annualRevenue > 0 ? (x.annualRevenue * hours) / CALENDAR_HOURS_PER_YEAR : null;
  const capped = cap !== null && revenueLost > cap;
  return { operatingHours, revenueLost, cap: cap === null ? null : cap * x.grossMargin, capped, loss: (capped ? cap : revenueLost) * x.grossMargin };
}
