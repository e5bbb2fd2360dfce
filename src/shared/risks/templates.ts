/**
 * Scenario templates of the risk register: the common cases with documented default ranges
 * that scale with the client's size, revenue and estate (docs/risk-templates.md). Pure
 * functions, used by the server (defaults, creation, the demo) and by the web app (rebuilding
 * the FAIR inputs as a person changes a parameter).
 */
import type { Distribution, Risk } from '../../engine/index.js';
import { formatMoney } from '../money.js';

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
  /** Cost per hour when the business services a company-wide incident stops are down (major units). */
  downtimeCostPerHour: number;
  /** Cost per hour of the single most expensive service to lose (a cloud or SaaS outage). */
  serviceDowntimeCostPerHour: number;
  /** Where the downtime costs come from, in words. */
  downtimeBasis: string;
  /** Shortest recovery time objective of the critical services, hours (null when none is recorded). */
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
      { key: 'downtimeCostPerHour', label: 'Downtime cost per hour', help: 'Revenue lost and cost incurred per hour while the business services are down.', unit: 'money' },
      { key: 'outageHoursLow', label: 'Outage, short end (hours)', help: 'With 90 % confidence the outage lasts at least this long\u2026', unit: 'hours' },
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
    build: (x) => ({
      threatEventFrequency: pert(v(x, 'attemptsMin'), v(x, 'attemptsMode'), v(x, 'attemptsMax')),
      vulnerability: around(v(x, 'successRate')),
      primaryLoss: lognormal(
        roughly(v(x, 'downtimeCostPerHour') * v(x, 'outageHoursLow') + v(x, 'recoveryCostLow')),
        roughly(v(x, 'downtimeCostPerHour') * v(x, 'outageHoursHigh') + v(x, 'recoveryCostHigh')),
      ),
      secondaryLossEventFrequency: around(v(x, 'exfiltrationChance')),
      secondaryLoss: recordLoss(v(x, 'records'), 0.1, 1, v(x, 'costPerRecordLow'), v(x, 'costPerRecordHigh'), 25_000, 250_000),
    }),
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
  const low = roughly(fixedLow + records * shareLow * cprLow);
  const high = roughly(fixedHigh + records * shareHigh * cprHigh);
  return lognormal(low, Math.max(high, low * 2));
}

/** The template's parameters for a client: its defaults, then the client's saved overrides, then `given`. */
export function templateParams(template: RiskTemplate, profile: TemplateProfile, overrides: Record<string, number> = {}, given: Record<string, number> = {}): Record<string, number> {
  const keys = new Set(template.params.map((p) => p.key));
  const pick = (o: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(o).filter(([k, x]) => keys.has(k) && Number.isFinite(x)));
  return { ...template.defaults(profile), ...pick(overrides), ...pick(given) };
}

/** A ransomware worst case for the board's one-pager: a range built from the client's own figures. */
export interface WorstCaseEstimate {
  currency: string;
  low: number;
  likely: number;
  high: number;
  components: { label: string; low: number; likely: number; high: number; basis: string }[];
  assumptions: string[];
}

/**
 * The ransomware worst case: the business down for one to four weeks, a full rebuild, the
 * personal records stolen and published, a ransom (none at the low end), legal and regulatory
 * costs, and clients lost afterwards.
 */
export function ransomwareWorstCase(profile: TemplateProfile, params: Record<string, number> = {}): WorstCaseEstimate {
  const money = (x: number): string => formatMoney(x, profile.currency);
  const dcph = params.downtimeCostPerHour ?? profile.downtimeCostPerHour;
  const records = params.records ?? profile.personalRecords;
  const hours = { low: 5 * 24, likely: 14 * 24, high: 28 * 24 };
  const recoveryLow = params.recoveryCostLow ?? roughly(20_000 + 300 * profile.employees);
  const recoveryHigh = params.recoveryCostHigh ?? roughly(150_000 + 2_500 * profile.employees);
  const cprLow = params.costPerRecordLow ?? 50;
  const cprHigh = params.costPerRecordHigh ?? 180;
  const components = [
    {
      label: 'Business interruption',
      low: roughly(dcph * hours.low),
      likely: roughly(dcph * hours.likely),
      high: roughly(dcph * hours.high),
      basis: `${money(dcph)} an hour of downtime for 5, 14 or 28 days`,
    },
    {
      label: 'Response and rebuild',
      low: recoveryLow,
      likely: roughly(Math.sqrt(recoveryLow * recoveryHigh)),
      high: recoveryHigh,
      basis: `incident response, rebuilding systems, overtime for ${profile.employees} staff`,
    },
    {
      label: 'Stolen records',
      low: roughly(records * 0.1 * cprLow),
      likely: roughly(records * 0.5 * ((cprLow + cprHigh) / 2)),
      high: roughly(records * cprHigh),
      basis: `10 %, half or all of ${records.toLocaleString('en-US')} personal records, at ${money(cprLow)} to ${money(cprHigh)} each`,
    },
    {
      label: 'Ransom',
      low: 0,
      likely: roughly(profile.annualRevenue * 0.01),
      high: roughly(profile.annualRevenue * 0.03),
      basis: 'none paid, or a demand of 1 % or 3 % of annual revenue',
    },
    {
      label: 'Legal and regulatory',
      low: roughly(25_000 + records * 0.5),
      likely: roughly(60_000 + records * 2),
      high: roughly(150_000 + records * 8 + profile.annualRevenue * 0.005),
      basis: 'counsel, regulators, fines and claims, growing with the records exposed',
    },
    {
      label: 'Clients lost afterwards',
      low: roughly(profile.annualRevenue * 0.005),
      likely: roughly(profile.annualRevenue * 0.02),
      high: roughly(profile.annualRevenue * 0.05),
      basis: `0.5 %, 2 % or 5 % of annual revenue (${money(profile.annualRevenue)})`,
    },
  ];
  const sum = (k: 'low' | 'likely' | 'high'): number => components.reduce((s, c) => s + c[k], 0);
  return {
    currency: profile.currency,
    low: sum('low'),
    likely: sum('likely'),
    high: sum('high'),
    components,
    assumptions: [
      'One attack encrypts the servers and files the business runs on; restoring from backups takes 5 days at best, 14 days typically and 28 days when backups are also hit.',
      'The attacker steals data before encrypting it; paying does not stop its publication.',
      'No ransom is paid at the low end; the likely and high ends include one, with no guarantee of recovery.',
      `Downtime cost: ${profile.downtimeBasis}.`,
      `Records: ${profile.recordsBasis}.`,
    ],
  };
}
