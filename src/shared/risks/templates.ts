/**
 * Scenario templates of the risk register: the common cases with documented default ranges
 * that scale with the client's size, revenue and estate (docs/risk-templates.md). Pure
 * functions, used by the server (defaults, creation, the demo) and by the web app (rebuilding
 * the FAIR inputs as a person changes a parameter).
 */
import type { Distribution, Risk } from '../../engine/index.js';
import { businessInterruption, type Interruption } from '../downtime.js';

/** The FAIR factors of a scenario: an engine risk without id, name and treatments. */
export type FairInputs = Omit<Risk, 'id' | 'name' | 'treatments'>;

export const TEMPLATE_KEYS = ['ransomware', 'bec', 'data-breach', 'cloud-outage', 'vendor-breach', 'insider-misuse', 'lost-device'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** What templates know about a client, from its profile and its estate where recorded. */
export interface TemplateProfile {
  currency: string;
  employees: number;
  /** Major units. */
  annualRevenue: number;
  /** Revenue lost per hour, while they would run, when the business services a company-wide incident stops are down (major units). */
  downtimeCostPerHour: number;
  /** Hours a week those services run: 40 in business hours, 168 around the clock, weighted by their downtime costs. */
  operatingHoursPerWeek: number;
  /** The client's gross margin (share of lost revenue actually lost), or null when not set. */
  grossMargin: number | null;
  /** Cost per hour of the single most expensive service to lose (a cloud or SaaS outage). */
  serviceDowntimeCostPerHour: number;
  /** Where the downtime costs come from, in words. */
  downtimeBasis: string;
  /** Longest recovery time objective of the critical and high services: when the last of them is back if recovery goes to plan, hours (null when none is recorded). */
  rtoHours: number | null;
  /** Personal, health or payment records the client holds. */
  personalRecords: number;
  recordsBasis: string;
  /** Vendors that hold the client's data or are critical to it. */
  dataVendors: number;
  /** Records held by vendors. */
  vendorRecords: number;
  vendorsBasis: string;
  /** Laptops, phones and tablets. */
  devices: number;
  devicesBasis: string;
}

export type ParamUnit = 'money' | 'count' | 'hours' | 'probability' | 'per-year' | 'share';

export interface TemplateParam {
  key: string;
  label: string;
  /** Plain-language help shown beside the field. */
  help: string;
  unit: ParamUnit;
}

export interface RiskTemplate {
  key: TemplateKey;
  name: string;
  threat: string;
  description: string;
  ownerSeat: 'CIO' | 'CTO' | 'CISO';
  params: TemplateParam[];
  /** The default parameters for a client. */
  defaults(profile: TemplateProfile): Record<string, number>;
  /** The FAIR inputs for a set of parameters (validate them with the engine's validateModel). */
  build(params: Record<string, number>): FairInputs;
}

/** Rounds to two significant figures, so that defaults read like estimates, not calculations. */
export function roughly(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  // Below the smallest power of ten a double holds, there is nothing to round.
  if (magnitude === 0 || !Number.isFinite(magnitude)) return x;
  return Math.round(x / magnitude) * magnitude;
}

/** Size factor for how often a company meets a threat: √(employees / 100), kept within [0.5, 3]. */
export function sizeFactor(employees: number): number {
  return Math.min(3, Math.max(0.5, Math.sqrt(employees / 100)));
}

const pert = (min: number, mode: number, max: number): Distribution => ({ type: 'pert', min, mode, max });
const lognormal = (low: number, high: number): Distribution => ({ type: 'lognormal', low, high });
/** A probability range around p: PERT from p/2 to min(1, 1.5p) with its mode at p. */
const around = (p: number): Distribution => pert(roughly3(p / 2), p, Math.min(1, roughly3(p * 1.5)));
const roughly3 = (x: number): number => Math.round(x * 1000) / 1000;

function v(params: Record<string, number>, key: string): number {
  const x = params[key];
  return x === undefined || !Number.isFinite(x) ? 0 : x;
}

const CPR_HELP = 'Cost per exposed record: notification, credit monitoring, call centre, legal advice, regulatory fines and claims.';

export const TEMPLATES: Record<TemplateKey, RiskTemplate> = {
  ransomware: {
    key: 'ransomware',
    name: 'Ransomware',
    threat: 'Criminal group (ransomware affiliate)',
    description:
      'An attacker gets in (phishing, stolen credentials, an unpatched service), encrypts servers and files and usually steals data first to extort twice. Business stops until systems are restored.',
    ownerSeat: 'CISO',
    params: [
      { key: 'attemptsMin', label: 'Serious attempts a year (fewest)', help: 'Attacks that reach a user or an exposed system: a malicious attachment opened, a vulnerable service probed by a ransomware crew.', unit: 'per-year' },
      { key: 'attemptsMode', label: 'Serious attempts a year (most likely)', help: 'The number you would bet on.', unit: 'per-year' },
      { key: 'attemptsMax', label: 'Serious attempts a year (most)', help: 'A bad year.', unit: 'per-year' },
      { key: 'successRate', label: 'Share of attempts that succeed', help: 'Chance that an attempt ends with encrypted systems, given today\u2019s defences.', unit: 'probability' },
      { key: 'downtimeCostPerHour', label: 'Revenue lost per hour of downtime', help: 'Revenue lost per hour the business services are down while they would be running, from the business services.', unit: 'money' },
      { key: 'operatingHoursPerWeek', label: 'Hours a week the services run', help: '40 for business hours, 168 around the clock: only those hours of an outage lose revenue.', unit: 'hours' },
      { key: 'grossMargin', label: 'Share of lost revenue actually lost (gross margin)', help: 'Revenue not earned also spares its direct costs: only the gross margin is lost. 100 % when not known.', unit: 'share' },
      { key: 'annualRevenue', label: 'Annual revenue', help: 'An outage cannot cost more than the gross profit the company earns in the same hours.', unit: 'money' },
      { key: 'outageHoursLow', label: 'Outage, short end (hours)', help: 'With 90 % confidence the outage lasts at least this long (when recovery goes to plan, the longest recovery time objective of the critical services)\u2026', unit: 'hours' },
      { key: 'outageHoursHigh', label: 'Outage, long end (hours)', help: '\u2026and at most this long.', unit: 'hours' },
      { key: 'recoveryCostLow', label: 'Response and rebuild cost, low', help: 'Incident response firm, rebuilding servers and laptops, overtime.', unit: 'money' },
      { key: 'recoveryCostHigh', label: 'Response and rebuild cost, high', help: 'The high end of the same.', unit: 'money' },
      { key: 'exfiltrationChance', label: 'Chance data is stolen too', help: 'Share of attacks where data is taken before encryption (double extortion), bringing notification and legal costs.', unit: 'probability' },
      { key: 'records', label: 'Personal records at risk', help: 'Records of clients, patients or staff that the attacker could take.', unit: 'count' },
      { key: 'costPerRecordLow', label: 'Cost per record, low', help: CPR_HELP, unit: 'money' },
      { key: 'costPerRecordHigh', label: 'Cost per record, high', help: CPR_HELP, unit: 'money' },
    ],
    defaults: (p) => {
      const s = sizeFactor(p.employees);
      const low = Math.max(24, p.rtoHours ?? 24);
      return {
        attemptsMin: roughly(0.5 * s),
        attemptsMode: roughly(2 * s),
        attemptsMax: roughly(6 * s),
        successRate: 0.05,
        downtimeCostPerHour: roughly(p.downtimeCostPerHour),
        operatingHoursPerWeek: Math.round(p.operatingHoursPerWeek),
        grossMargin: p.grossMargin ?? 1,
        annualRevenue: p.annualRevenue,
        outageHoursLow: roughly(low),
        outageHoursHigh: roughly(Math.max(240, low * 4)),
        recoveryCostLow: roughly(20_000 + 300 * p.employees),
        recoveryCostHigh: roughly(150_000 + 2_500 * p.employees),
        exfiltrationChance: 0.4,
        records: p.personalRecords,
        costPerRecordLow: 50,
        costPerRecordHigh: 180,
      };
    },
    build: (x) => {
      const parts = ransomwareParts(x);
      return {
        threatEventFrequency: pert(v(x, 'attemptsMin'), v(x, 'attemptsMode'), v(x, 'attemptsMax')),
        vulnerability: around(v(x, 'successRate')),
        primaryLoss: lognormal(parts.interruption.low + parts.recovery.low, parts.interruption.high + parts.recovery.high),
        secondaryLossEventFrequency: around(v(x, 'exfiltrationChance')),
        secondaryLoss: lognormal(parts.records.low, parts.records.high),
      };
    },
  },
  bec: {
    key: 'bec',
    name: 'Business e-mail compromise',
    threat: 'Fraudster impersonating an executive or supplier',
    description:
      'A fraudster takes over or imitates a mailbox and has a payment sent to their account: a changed supplier bank account, an urgent transfer "from the CEO".',
    ownerSeat: 'CISO',
    params: [
      { key: 'attemptsMin', label: 'Convincing attempts a year (fewest)', help: 'Fraudulent payment requests that reach the people who pay invoices.', unit: 'per-year' },
      { key: 'attemptsMode', label: 'Convincing attempts a year (most likely)', help: '', unit: 'per-year' },
      { key: 'attemptsMax', label: 'Convincing attempts a year (most)', help: '', unit: 'per-year' },
      { key: 'successRate', label: 'Share of attempts that are paid', help: 'Chance an attempt gets past call-back checks and dual approval.', unit: 'probability' },
      { key: 'paymentLow', label: 'Fraudulent payment, low', help: 'With 90 % confidence a successful fraud takes at least this much\u2026', unit: 'money' },
      { key: 'paymentHigh', label: 'Fraudulent payment, high', help: '\u2026and at most this much (large invoices, property or M&A payments).', unit: 'money' },
    ],
    defaults: (p) => {
      const s = sizeFactor(p.employees);
      return {
        attemptsMin: roughly(2 * s),
        attemptsMode: roughly(6 * s),
        attemptsMax: roughly(15 * s),
        successRate: 0.04,
        paymentLow: roughly(Math.max(5_000, p.annualRevenue * 0.0005)),
        paymentHigh: roughly(Math.max(75_000, p.annualRevenue * 0.006)),
      };
    },
    build: (x) => ({
      threatEventFrequency: pert(v(x, 'attemptsMin'), v(x, 'attemptsMode'), v(x, 'attemptsMax')),
      vulnerability: around(v(x, 'successRate')),
      primaryLoss: lognormal(v(x, 'paymentLow'), v(x, 'paymentHigh')),
      secondaryLossEventFrequency: pert(0.1, 0.2, 0.4),
      secondaryLoss: lognormal(5_000, 60_000),
    }),
  },
  'data-breach': {
    key: 'data-breach',
    name: 'Data breach of personal records',
    threat: 'External attacker or accidental exposure',
    description:
      'Personal records are exposed: a hacked database, a misconfigured cloud share, a file sent to the wrong person. Costs scale with the records exposed.',
    ownerSeat: 'CISO',
    params: [
      { key: 'breachesMin', label: 'Breaches a year (fewest)', help: 'Exposures large enough to need a response.', unit: 'per-year' },
      { key: 'breachesMode', label: 'Breaches a year (most likely)', help: '', unit: 'per-year' },
      { key: 'breachesMax', label: 'Breaches a year (most)', help: '', unit: 'per-year' },
      { key: 'records', label: 'Personal records held', help: 'Records of clients, patients, customers or staff, from the data map.', unit: 'count' },
      { key: 'shareExposedLow', label: 'Share of records exposed, low', help: 'A typical breach exposes part of the records\u2026', unit: 'share' },
      { key: 'shareExposedHigh', label: 'Share of records exposed, high', help: '\u2026a bad one nearly all.', unit: 'share' },
      { key: 'costPerRecordLow', label: 'Cost per record, low', help: CPR_HELP, unit: 'money' },
      { key: 'costPerRecordHigh', label: 'Cost per record, high', help: CPR_HELP, unit: 'money' },
      { key: 'responseCostLow', label: 'Response cost, low', help: 'Forensics, legal advice, handling the notification.', unit: 'money' },
      { key: 'responseCostHigh', label: 'Response cost, high', help: '', unit: 'money' },
    ],
    defaults: (p) => {
      const s = sizeFactor(p.employees);
      return {
        breachesMin: roughly3(0.02 * s),
        breachesMode: roughly3(0.1 * s),
        breachesMax: roughly3(0.4 * s),
        records: p.personalRecords,
        shareExposedLow: 0.05,
        shareExposedHigh: 0.6,
        costPerRecordLow: 60,
        costPerRecordHigh: 180,
        responseCostLow: roughly(15_000 + 100 * p.employees),
        responseCostHigh: roughly(100_000 + 1_000 * p.employees),
      };
    },
    build: (x) => ({
      lossEventFrequency: pert(v(x, 'breachesMin'), v(x, 'breachesMode'), v(x, 'breachesMax')),
      primaryLoss: lognormal(v(x, 'responseCostLow'), v(x, 'responseCostHigh')),
      secondaryLossEventFrequency: pert(0.6, 0.85, 1),
      secondaryLoss: recordLoss(v(x, 'records'), v(x, 'shareExposedLow'), v(x, 'shareExposedHigh'), v(x, 'costPerRecordLow'), v(x, 'costPerRecordHigh'), 10_000, 150_000),
    }),
  },
  'cloud-outage': {
    key: 'cloud-outage',
    name: 'Cloud or SaaS outage',
    threat: 'Provider failure (cloud region, SaaS platform, network)',
    description: 'A cloud region or a SaaS platform the business depends on is down. The loss is the downtime cost per hour times the hours it lasts.',
    ownerSeat: 'CIO',
    params: [
      { key: 'outagesMin', label: 'Significant outages a year (fewest)', help: 'Outages long enough to stop the service.', unit: 'per-year' },
      { key: 'outagesMode', label: 'Significant outages a year (most likely)', help: '', unit: 'per-year' },
      { key: 'outagesMax', label: 'Significant outages a year (most)', help: '', unit: 'per-year' },
      { key: 'downtimeCostPerHour', label: 'Downtime cost per hour', help: 'Revenue lost and cost incurred per hour the service is down, from the business services.', unit: 'money' },
      { key: 'durationHoursLow', label: 'Duration, short end (hours)', help: 'With 90 % confidence an outage lasts at least this long\u2026', unit: 'hours' },
      { key: 'durationHoursHigh', label: 'Duration, long end (hours)', help: '\u2026and at most this long.', unit: 'hours' },
    ],
    defaults: (p) => ({
      outagesMin: 0.5,
      outagesMode: 2,
      outagesMax: 6,
      downtimeCostPerHour: roughly(p.serviceDowntimeCostPerHour),
      durationHoursLow: 1,
      durationHoursHigh: 24,
    }),
    build: (x) => {
      const cph = v(x, 'downtimeCostPerHour');
      return {
        lossEventFrequency: pert(v(x, 'outagesMin'), v(x, 'outagesMode'), v(x, 'outagesMax')),
        primaryLoss: lognormal(roughly(cph * v(x, 'durationHoursLow')), roughly(cph * v(x, 'durationHoursHigh'))),
        secondaryLossEventFrequency: pert(0.05, 0.15, 0.3),
        secondaryLoss: lognormal(roughly(Math.max(1_000, cph * 2)), roughly(Math.max(20_000, cph * 40))),
      };
    },
  },
  'vendor-breach': {
    key: 'vendor-breach',
    name: 'Vendor breach',
    threat: 'Attacker at a third or fourth party',
    description: 'A vendor that holds the client\u2019s data, or connects to its systems, is breached. The client answers for its own records even when the vendor was at fault.',
    ownerSeat: 'CISO',
    params: [
      { key: 'vendors', label: 'Vendors holding data or critical', help: 'From the vendor list: tier 1 and 2 vendors, and vendors that hold data sets.', unit: 'count' },
      { key: 'breachRate', label: 'Breaches per vendor a year', help: 'Chance a given vendor has a breach that touches the client in a year.', unit: 'probability' },
      { key: 'records', label: 'Records held by vendors', help: 'Personal records in data sets that vendors store or process.', unit: 'count' },
      { key: 'costPerRecordLow', label: 'Cost per record, low', help: CPR_HELP, unit: 'money' },
      { key: 'costPerRecordHigh', label: 'Cost per record, high', help: CPR_HELP, unit: 'money' },
      { key: 'responseCostLow', label: 'Response cost, low', help: 'Assessing the impact, legal advice, customer communication.', unit: 'money' },
      { key: 'responseCostHigh', label: 'Response cost, high', help: '', unit: 'money' },
    ],
    defaults: (p) => ({
      vendors: Math.max(1, p.dataVendors),
      breachRate: 0.05,
      records: p.vendorRecords,
      costPerRecordLow: 40,
      costPerRecordHigh: 150,
      responseCostLow: 10_000,
      responseCostHigh: roughly(Math.max(120_000, p.annualRevenue * 0.002)),
    }),
    build: (x) => {
      const n = Math.max(1, v(x, 'vendors'));
      const rate = v(x, 'breachRate');
      return {
        lossEventFrequency: pert(roughly3((n * rate) / 2.5), roughly3(n * rate), roughly3(n * rate * 2.5)),
        primaryLoss: lognormal(v(x, 'responseCostLow'), v(x, 'responseCostHigh')),
        secondaryLossEventFrequency: pert(0.3, 0.6, 0.9),
        secondaryLoss: recordLoss(v(x, 'records'), 0.05, 0.5, v(x, 'costPerRecordLow'), v(x, 'costPerRecordHigh'), 10_000, 100_000),
      };
    },
  },
  'insider-misuse': {
    key: 'insider-misuse',
    name: 'Insider misuse',
    threat: 'Employee or contractor abusing their access',
    description: 'Someone with legitimate access takes data, commits fraud or sabotages systems, often around leaving the company.',
    ownerSeat: 'CISO',
    params: [
      { key: 'incidentsMin', label: 'Incidents a year (fewest)', help: 'Misuse serious enough to investigate.', unit: 'per-year' },
      { key: 'incidentsMode', label: 'Incidents a year (most likely)', help: '', unit: 'per-year' },
      { key: 'incidentsMax', label: 'Incidents a year (most)', help: '', unit: 'per-year' },
      { key: 'directLossLow', label: 'Direct loss, low', help: 'Money stolen, data or designs taken to a competitor, systems damaged.', unit: 'money' },
      { key: 'directLossHigh', label: 'Direct loss, high', help: '', unit: 'money' },
      { key: 'consequenceChance', label: 'Chance of legal and reputation costs', help: 'Share of incidents that lead to notification, litigation or lost customers.', unit: 'probability' },
    ],
    defaults: (p) => {
      const s = sizeFactor(p.employees);
      return {
        incidentsMin: roughly3(0.05 * s),
        incidentsMode: roughly3(0.2 * s),
        incidentsMax: roughly3(0.6 * s),
        directLossLow: 10_000,
        directLossHigh: roughly(Math.max(150_000, p.annualRevenue * 0.005)),
        consequenceChance: 0.3,
      };
    },
    build: (x) => ({
      lossEventFrequency: pert(v(x, 'incidentsMin'), v(x, 'incidentsMode'), v(x, 'incidentsMax')),
      primaryLoss: lognormal(v(x, 'directLossLow'), v(x, 'directLossHigh')),
      secondaryLossEventFrequency: around(v(x, 'consequenceChance')),
      secondaryLoss: lognormal(10_000, roughly(Math.max(100_000, v(x, 'directLossHigh') * 0.6))),
    }),
  },
  'lost-device': {
    key: 'lost-device',
    name: 'Lost or stolen device',
    threat: 'Loss or theft of a laptop, phone or tablet',
    description: 'A device with company data is lost or stolen. The loss is small unless the device was not encrypted or could not be wiped and held personal data.',
    ownerSeat: 'CIO',
    params: [
      { key: 'devices', label: 'Laptops, phones and tablets', help: 'From the estate, or about 1.5 per employee.', unit: 'count' },
      { key: 'lossRate', label: 'Share of devices lost or stolen a year', help: 'Typically 2 to 5 % of devices a year.', unit: 'share' },
      { key: 'exposureChance', label: 'Share of losses that expose data', help: 'Devices not encrypted, not wiped remotely in time, or with data in unmanaged apps.', unit: 'probability' },
      { key: 'responseCostLow', label: 'Cost per exposing loss, low', help: 'Replacement, investigation, legal review.', unit: 'money' },
      { key: 'responseCostHigh', label: 'Cost per exposing loss, high', help: '', unit: 'money' },
      { key: 'breachCostHigh', label: 'Notification cost if personal data was on it, high', help: 'Notifying the people whose records were on the device, and regulators.', unit: 'money' },
    ],
    defaults: (p) => ({
      devices: p.devices,
      lossRate: 0.03,
      exposureChance: 0.08,
      responseCostLow: 2_000,
      responseCostHigh: 25_000,
      breachCostHigh: roughly(Math.max(50_000, Math.min(p.personalRecords, 20_000) * 60)),
    }),
    build: (x) => {
      const lost = Math.max(0.01, v(x, 'devices') * v(x, 'lossRate'));
      const high = Math.max(10_000, v(x, 'breachCostHigh'));
      return {
        threatEventFrequency: pert(roughly3(lost / 3), roughly3(lost), roughly3(lost * 2)),
        vulnerability: around(v(x, 'exposureChance')),
        primaryLoss: lognormal(v(x, 'responseCostLow'), v(x, 'responseCostHigh')),
        secondaryLossEventFrequency: pert(0.1, 0.3, 0.6),
        secondaryLoss: lognormal(roughly(Math.min(5_000, high / 10)), high),
      };
    },
  },
};

/**
 * Secondary loss from exposed records: between `shareLow` of the records at the low cost and
 * `shareHigh` at the high cost, plus fixed legal costs; just the legal costs when no records are known.
 */
function recordLoss(records: number, shareLow: number, shareHigh: number, cprLow: number, cprHigh: number, fixedLow: number, fixedHigh: number): Distribution {
  const r = recordRange(records, shareLow, shareHigh, cprLow, cprHigh, fixedLow, fixedHigh);
  return lognormal(r.low, r.high);
}

/** The 5 % and 95 % ends of the record loss (the high end at least twice the low one). */
function recordRange(records: number, shareLow: number, shareHigh: number, cprLow: number, cprHigh: number, fixedLow: number, fixedHigh: number): { low: number; high: number } {
  const low = roughly(fixedLow + records * shareLow * cprLow);
  const high = roughly(fixedHigh + records * shareHigh * cprHigh);
  return { low, high: Math.max(high, low * 2) };
}

/** One part of the cost of a ransomware attack: its 5 % and 95 % ends. */
export interface CostPart {
  low: number;
  high: number;
}

/**
 * The parts of one ransomware attack's cost, as the template builds its inputs from them and the
 * worst-case one-pager shows them: business interruption over the outage (only its operating
 * hours lose revenue, only the gross margin of it is lost, never more than the gross profit
 * earned in those hours), response and rebuild, and the stolen records with their legal costs.
 * Primary loss is interruption + recovery; secondary loss (when data is stolen) is the records.
 */
export function ransomwareParts(x: Record<string, number>): { interruption: CostPart & { detail: { low: Interruption; high: Interruption } }; recovery: CostPart; records: CostPart } {
  const inputs = {
    downtimeCostPerHour: v(x, 'downtimeCostPerHour'),
    // Scenarios made before the services' hours were known lose revenue every hour of the outage.
    operatingHoursPerWeek: x.operatingHoursPerWeek === undefined ? 168 : v(x, 'operatingHoursPerWeek'),
    grossMargin: x.grossMargin === undefined ? 1 : v(x, 'grossMargin'),
    annualRevenue: v(x, 'annualRevenue'),
  };
  const low = businessInterruption(inputs, v(x, 'outageHoursLow'));
  const high = businessInterruption(inputs, v(x, 'outageHoursHigh'));
  const records = recordRange(v(x, 'records'), 0.1, 1, v(x, 'costPerRecordLow'), v(x, 'costPerRecordHigh'), 25_000, 250_000);
  return {
    interruption: { low: roughly(low.loss), high: roughly(high.loss), detail: { low, high } },
    recovery: { low: v(x, 'recoveryCostLow'), high: v(x, 'recoveryCostHigh') },
    records: { low: records.low, high: records.high },
  };
}

/**
 * What is wrong with template parameters, by key: a negative value, or a probability or share
 * above 100 %. They are refused, never clamped: a person who typed 150 % meant something else.
 */
export function paramProblems(template: RiskTemplate, params: Record<string, number>): { key: string; message: string }[] {
  const units = new Map(template.params.map((p) => [p.key, p.unit]));
  const out: { key: string; message: string }[] = [];
  for (const [key, x] of Object.entries(params)) {
    const unit = units.get(key);
    if (unit === undefined) continue;
    if (!Number.isFinite(x)) out.push({ key, message: 'must be a number' });
    else if (x < 0) out.push({ key, message: 'must not be negative' });
    else if ((unit === 'probability' || unit === 'share') && x > 1) out.push({ key, message: 'must be at most 100 %' });
  }
  return out;
}

/** The template's parameters for a client: its defaults, then the client's saved overrides, then `given`. */
export function templateParams(template: RiskTemplate, profile: TemplateProfile, overrides: Record<string, number> = {}, given: Record<string, number> = {}): Record<string, number> {
  const keys = new Set(template.params.map((p) => p.key));
  const pick = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).filter(([k, x]) => keys.has(k) && Number.isFinite(x)));
  return { ...template.defaults(profile), ...pick(overrides), ...pick(given) };
}
