/**
 * The ransomware worst-case one-pager: what an attack would cost this client (business
 * interruption, response and rebuild, stolen records), priced from the risk register's chosen
 * ransomware scenario so that both agree, each figure with the line that says how it was
 * derived, next to the yearly cost of the treatments that cut it.
 */
import type { ClientScope } from '../../server/context.js';
import { toDateString, toTimestamp } from '../../server/db/conventions.js';
import { getRansomwareWorstCase, getRiskSnapshots } from '../risks/api.js';
import type { WorstCaseReport } from './schema.js';
import { attempt } from './sources.js';
import { worstCaseDocument } from './documents.js';
import { money, roughly } from './text.js';

/** "Harbor & Finch CPAs'" / "Lumen Analytics'" / "Kestrel's". */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

export async function makeWorstCase(scope: ClientScope): Promise<WorstCaseReport> {
  const report = await makeReport(scope);
  return { ...report, blocks: worstCaseDocument(report).blocks };
}

async function makeReport(scope: ClientScope): Promise<Omit<WorstCaseReport, 'blocks'>> {
  const now = scope.now();
  const cur = scope.client.currency;
  const base = {
    client: { id: scope.clientId, name: scope.client.name, currency: cur },
    generatedAt: toTimestamp(now),
    asOf: toDateString(now),
  };
  const estimate = await attempt(scope, 'ransomware estimate', () => getRansomwareWorstCase(scope));
  const unavailable = (reason: string): Omit<WorstCaseReport, 'blocks'> => ({
    ...base,
    available: false,
    unavailableReason: reason,
    range: null,
    expectedWithMeasures: null,
    components: [],
    lines: [],
    assumptions: [],
    scenario: null,
    treatments: [],
    costs: { inPlaceOrPlannedAnnual: 0, proposedAnnual: 0, proposedOneTime: 0 },
    sentences: [reason],
    chart: { type: 'worst-case', currency: cur, components: [] },
  });
  if (!estimate.ok) return unavailable(estimate.reason);
  const e = estimate.value;
  if (!e.available || !e.scenario) return unavailable(e.unavailableReason ?? 'The ransomware estimate is not available.');
  const snaps = await attempt(scope, 'ransomware scenario', () => getRiskSnapshots(scope, [e.scenario!.id]));
  const snap = snaps.ok ? (snaps.value[0] ?? null) : null;
  const treatments = (snap?.treatments ?? []).map((t) => ({ name: t.name, status: t.status, annualCost: t.annualCost, oneTimeCost: t.oneTimeCost }));
  const counted = treatments.filter((t) => t.status !== 'proposed');
  const proposed = treatments.filter((t) => t.status === 'proposed');
  const costs = {
    inPlaceOrPlannedAnnual: counted.reduce((s, t) => s + t.annualCost, 0),
    proposedAnnual: proposed.reduce((s, t) => s + t.annualCost, 0),
    proposedOneTime: proposed.reduce((s, t) => s + t.oneTimeCost, 0),
  };
  const scenario = e.scenario;
  const sentences: string[] = [
    `A ransomware attack that encrypts ${possessive(scope.client.name)} systems would cost about ${roughly(e.expected, cur)} on average, from ${roughly(e.low, cur)} to ${roughly(e.high, cur)}: the figures of the risk register's scenario ${scenario.ref}${scenario.mean === null ? ', whose yearly figures appear once it has been computed' : ''}.`,
  ];
  if (counted.length > 0) {
    sentences.push(
      `The measures in place or planned against it cost ${money(costs.inPlaceOrPlannedAnnual, cur)} a year${scenario.inherentMean !== null && scenario.mean !== null && scenario.inherentMean > scenario.mean ? ` and bring the expected yearly loss down from ${roughly(scenario.inherentMean, cur)} to ${roughly(scenario.mean, cur)}` : ''}.`,
    );
  } else {
    sentences.push('No measure against it is in place or planned yet.');
  }
  if (proposed.length > 0) {
    sentences.push(
      `The proposed measures would cost ${money(costs.proposedAnnual, cur)} a year${costs.proposedOneTime > 0 ? ` (and ${money(costs.proposedOneTime, cur)} once)` : ''}${scenario.withProposedMean !== null ? ` and bring the expected yearly loss to ${roughly(scenario.withProposedMean, cur)}` : ''}.`,
    );
  }
  const yearly = costs.inPlaceOrPlannedAnnual + costs.proposedAnnual;
  if (yearly > 0 && e.expected > 0) {
    const years = e.expected / yearly;
    sentences.push(`One attack costs on average as much as ${years >= 10 ? Math.round(years).toLocaleString('en-US') : years.toFixed(1)} years of all these measures.`);
  }
  return {
    ...base,
    available: true,
    unavailableReason: null,
    range: { low: e.low, expected: e.expected, high: e.high },
    expectedWithMeasures: e.expectedWithMeasures,
    kept: e.insurance ? { low: e.insurance.low, expected: e.insurance.expected, high: e.insurance.high } : null,
    components: e.components.map(({ label, low, typical, high, basis }) => ({ label, low, typical, high, basis })),
    lines: e.lines,
    assumptions: e.assumptions,
    scenario: { ref: scenario.ref, title: scenario.title, inherentMean: scenario.inherentMean, mean: scenario.mean, p95: scenario.p95, p99: scenario.p99, withProposedMean: scenario.withProposedMean, attacksPerYear: scenario.attacksPerYear },
    treatments,
    costs,
    sentences,
    chart: { type: 'worst-case', currency: cur, components: e.components.map((c) => ({ label: c.label, low: c.low, typical: c.typical, high: c.high })) },
  };
}
