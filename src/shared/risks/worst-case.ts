/**
 * The ransomware worst case for the board's one-pager, priced from the register's own
 * ransomware scenario, so the one-pager and the register agree: its low end is the scenario's
 * primary loss at its 5 % end, its high end the 95 % ends of the primary and secondary loss
 * together, and its expected cost of one attack E[primary] + E[SLEF] × E[secondary], which
 * times the expected attacks a year is the register's expected annual loss. Where the scenario
 * was built from the ransomware template, the parts (business interruption, response and
 * rebuild, stolen records) come from its parameters, which rebuild its inputs exactly; every
 * figure carries one line saying how it was derived.
 */
import { distributionMoments, type Distribution, type Treatment } from '../../engine/index.js';
import { formatMoney } from '../money.js';
import { HOURS_PER_WEEK } from '../downtime.js';
import { ransomwareParts, roughly, TEMPLATES, type FairInputs } from './templates.js';

export interface WorstCaseScenario {
  ref: string;
  title: string;
  inputs: FairInputs;
  /** The template parameters stored with the scenario, or null. */
  params: Record<string, number> | null;
  /** Planned and in-place treatments. */
  treatments: Treatment[];
}

export interface WorstCaseComponent {
  key: 'interruption' | 'recovery' | 'records' | 'primary' | 'secondary';
  label: string;
  low: number;
  /** The middle of the range (the median of a lognormal with these ends). */
  typical: number;
  high: number;
  /** How it was derived, in one line a board member can follow. */
  basis: string;
}

export interface WorstCaseEstimate {
  currency: string;
  /** The scenario's 5 % end of one attack: a quick recovery, no data stolen. */
  low: number;
  /** The expected cost of one attack, before the measures: the register's per-attack mean. */
  expected: number;
  /** The 95 % ends together: a long outage and the data published. */
  high: number;
  /** The expected cost of one attack with the measures in place and planned; null when none changes what an attack costs. */
  expectedWithMeasures: number | null;
  /** True when the parts come from the template's parameters (they rebuild the scenario's inputs exactly). */
  fromParts: boolean;
  components: WorstCaseComponent[];
  /** How the low end, the expected cost, the high end (and the measures' effect) were derived. */
  lines: { key: 'low' | 'expected' | 'high' | 'measures' | 'revenue' | 'year'; text: string }[];
  /** The high end is above the annual revenue (the inputs say so: the line names why). */
  exceedsRevenue: boolean;
  assumptions: string[];
}

/** The 5 % and 95 % ends of a loss distribution, as people read its inputs. */
export function range(d: Distribution): { low: number; high: number } {
  switch (d.type) {
    case 'constant':
      return { low: d.value, high: d.value };
    case 'uniform':
    case 'triangular':
    case 'pert':
      return { low: d.min, high: d.max };
    case 'lognormal':
      return { low: d.low, high: d.high };
    case 'normal':
      return { low: Math.max(d.min ?? 0, d.mean - 1.6448536269514722 * d.sd), high: Math.min(d.max ?? Infinity, d.mean + 1.6448536269514722 * d.sd) };
  }
}

const mean = (d: Distribution | undefined, role: 'loss' | 'probability' | 'multiplier' = 'loss'): number => (d ? distributionMoments(d, role).mean : 0);
const typical = (low: number, high: number): number => (low > 0 && high > 0 ? Math.sqrt(low * high) : (low + high) / 2);

/** Whether two FAIR inputs are the same, whatever the key order. */
export function sameInputs(a: FairInputs, b: FairInputs): boolean {
  const norm = (x: unknown): unknown => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : 1)).map(([k, v]) => [k, norm(v)])) : x);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

const pct = (x: number): string => `${Math.round(100 * x)} %`;
const hours = (h: number): string => `${Math.round(h).toLocaleString('en-US')}`;

export function ransomwareWorstCase(s: WorstCaseScenario, client: { name: string; currency: string; annualRevenue: number }): WorstCaseEstimate {
  const money = (x: number): string => formatMoney(x, client.currency);
  const p = s.params;
  const fromParts = !!p && sameInputs(TEMPLATES.ransomware.build(p), s.inputs);
  const primary = range(s.inputs.primaryLoss);
  const secondary = s.inputs.secondaryLoss ? range(s.inputs.secondaryLoss) : null;
  const slef = mean(s.inputs.secondaryLossEventFrequency, 'probability');
  const ePrimary = mean(s.inputs.primaryLoss);
  const eSecondary = mean(s.inputs.secondaryLoss);
  const low = primary.low;
  const high = primary.high + (secondary?.high ?? 0);
  const expected = ePrimary + slef * eSecondary;

  const components: WorstCaseComponent[] = [];
  const lines: WorstCaseEstimate['lines'] = [];
  if (fromParts && p) {
    const parts = ransomwareParts(p);
    const bi = parts.interruption;
    const g = p.grossMargin ?? 1;
    const opw = p.operatingHoursPerWeek ?? 168;
    const run = opw >= HOURS_PER_WEEK.always ? 'run around the clock' : opw === HOURS_PER_WEEK.business ? 'run in business hours, 40 of the 168 hours in a week' : `run ${hours(opw)} of the 168 hours in a week`;
    const margin = g >= 1 ? 'all of it counted as lost (no gross margin is set)' : `${pct(g)} of it is lost profit (the gross margin)`;
    const capped = bi.detail.high.capped || bi.detail.low.capped;
    const cap = capped ? `; capped at the gross profit ${client.name} earns in that time (${money((g * (p.annualRevenue ?? 0)) / 8_760)} an hour), because the downtime costs add up to more than it earns` : '';
    components.push({
      key: 'interruption',
      label: 'Business interruption',
      low: bi.low,
      typical: roughly(typical(bi.low, bi.high)),
      high: bi.high,
      basis: `Down ${hours(p.outageHoursLow ?? 0)} to ${hours(p.outageHoursHigh ?? 0)} hours; the services ${run}, so ${hours(bi.detail.low.operatingHours)} to ${hours(bi.detail.high.operatingHours)} of those hours lose revenue, at ${money(p.downtimeCostPerHour ?? 0)} an hour; ${margin}${cap}.`,
    });
    components.push({
      key: 'recovery',
      label: 'Response and rebuild',
      low: parts.recovery.low,
      typical: roughly(typical(parts.recovery.low, parts.recovery.high)),
      high: parts.recovery.high,
      basis: 'Incident response firm, rebuilding servers and laptops, overtime: the scenario\u2019s estimate.',
    });
    components.push({
      key: 'records',
      label: 'Stolen records and legal costs',
      low: parts.records.low,
      typical: roughly(typical(parts.records.low, parts.records.high)),
      high: parts.records.high,
      basis: `When data is stolen before encryption (${pct(slef)} of attacks): 10 % to all of ${Math.round(p.records ?? 0).toLocaleString('en-US')} personal records at ${money(p.costPerRecordLow ?? 0)} to ${money(p.costPerRecordHigh ?? 0)} each, plus notification and legal costs.`,
    });
    lines.push({ key: 'low', text: `Low end, ${money(low)}: a ${hours(p.outageHoursLow ?? 0)}-hour outage (recovery as planned) and no data stolen: ${money(bi.low)} of interruption and ${money(parts.recovery.low)} of response and rebuild.` });
    lines.push({ key: 'high', text: `High end, ${money(high)}: a ${hours(p.outageHoursHigh ?? 0)}-hour outage and the data published: ${money(bi.high)} of interruption, ${money(parts.recovery.high)} of response and rebuild and ${money(parts.records.high)} for the records.` });
  } else {
    components.push({ key: 'primary', label: 'Outage, response and rebuild', low: primary.low, typical: roughly(typical(primary.low, primary.high)), high: primary.high, basis: 'The scenario\u2019s loss per attack as entered (its inputs were set by hand, so they are not split further).' });
    if (secondary) components.push({ key: 'secondary', label: 'Data stolen and published', low: secondary.low, typical: roughly(typical(secondary.low, secondary.high)), high: secondary.high, basis: `The scenario\u2019s secondary loss as entered, in ${pct(slef)} of attacks.` });
    lines.push({ key: 'low', text: `Low end, ${money(low)}: the 5 % end of the scenario\u2019s loss per attack, no data stolen.` });
    lines.push({ key: 'high', text: `High end, ${money(high)}: the 95 % ends of the loss per attack${secondary ? ' and of the data stolen, together' : ''}.` });
  }
  lines.splice(1, 0, {
    key: 'expected',
    text: `Expected cost of one attack, ${money(expected)}: the average over every attack the register simulates for ${s.ref}, ${money(ePrimary)} for the outage and recovery${secondary ? ` plus ${money(slef * eSecondary)} for data stolen in ${pct(slef)} of attacks` : ''}.`,
  });

  // What the measures in place and planned change in the cost of one attack (their mean effect).
  const factor = (f: 'primaryLoss' | 'secondaryLossEventFrequency' | 'secondaryLoss'): number => s.treatments.reduce((m, t) => m * (t.effect[f] ? mean(t.effect[f], 'multiplier') : 1), 1);
  const acting = s.treatments.filter((t) => t.effect.primaryLoss || t.effect.secondaryLoss || t.effect.secondaryLossEventFrequency);
  let expectedWithMeasures: number | null = null;
  if (acting.length > 0) {
    expectedWithMeasures = ePrimary * factor('primaryLoss') + Math.min(1, slef * factor('secondaryLossEventFrequency')) * eSecondary * factor('secondaryLoss');
    lines.push({ key: 'measures', text: `With ${acting.map((t) => t.name ?? t.id).join(', ')}, one attack is expected to cost ${money(expectedWithMeasures)} instead.` });
  }
  const exceedsRevenue = client.annualRevenue > 0 && high > client.annualRevenue;
  if (client.annualRevenue > 0) {
    const largest = [...components].sort((a, b) => b.high - a.high)[0];
    lines.push({
      key: 'revenue',
      text: exceedsRevenue
        ? `The high end is more than ${possessive(client.name)} annual revenue (${money(client.annualRevenue)}): ${largest ? `${largest.label.toLowerCase()} alone reaches ${money(largest.high)}` : 'check the scenario\u2019s inputs'}; check that these inputs are right.`
        : `The high end is ${pct(high / client.annualRevenue)} of ${possessive(client.name)} annual revenue (${money(client.annualRevenue)}).`,
    });
  }
  const assumptions = [
    'One attack encrypts the systems the business runs on, often after stealing data.',
    'No ransom is counted (paying is not assumed and would not stop publication), nor customers lost afterwards.',
    `The inputs are those of the register's ${s.ref}; change them there.`,
  ];
  return { currency: client.currency, low, expected, high, expectedWithMeasures, fromParts, components, lines, exceedsRevenue, assumptions };
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
