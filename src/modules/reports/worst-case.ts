/**
 * The ransomware worst-case one-pager: what an attack would cost this client (downtime of its
 * services, recovery, records exposed, ransom, legal) as a range with its assumptions, next to
 * the yearly cost of the treatments that cut it. Built from the risk register's estimate.
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
  if (!estimate.ok) {
    return {
      ...base,
      available: false,
      unavailableReason: estimate.reason,
      range: null,
      components: [],
      assumptions: [],
      scenario: null,
      treatments: [],
      costs: { inPlaceOrPlannedAnnual: 0, proposedAnnual: 0, proposedOneTime: 0 },
      sentences: [estimate.reason],
      chart: { type: 'worst-case', currency: cur, components: [] },
    };
  }
  const e = estimate.value;
  const snaps = e.scenario ? await attempt(scope, 'ransomware scenario', () => getRiskSnapshots(scope, [e.scenario!.id])) : null;
  const snap = snaps?.ok ? (snaps.value[0] ?? null) : null;
  const treatments = (snap?.treatments ?? []).map((t) => ({ name: t.name, status: t.status, annualCost: t.annualCost, oneTimeCost: t.oneTimeCost }));
  const counted = treatments.filter((t) => t.status !== 'proposed');
  const proposed = treatments.filter((t) => t.status === 'proposed');
  const costs = {
    inPlaceOrPlannedAnnual: counted.reduce((s, t) => s + t.annualCost, 0),
    proposedAnnual: proposed.reduce((s, t) => s + t.annualCost, 0),
    proposedOneTime: proposed.reduce((s, t) => s + t.oneTimeCost, 0),
  };
  const result = snap?.result ?? null;
  const scenario = e.scenario
    ? {
        ref: e.scenario.ref,
        title: e.scenario.title,
        inherentMean: result ? result.inherent.mean : null,
        mean: e.scenario.mean,
        p95: e.scenario.p95,
        p99: e.scenario.p99,
        withProposedMean: result?.withProposed ? result.withProposed.mean : null,
      }
    : null;

  const sentences: string[] = [
    `A ransomware attack that encrypts ${possessive(scope.client.name)} systems would most likely cost about ${roughly(e.likely, cur)}, and anywhere from ${roughly(e.low, cur)} to ${roughly(e.high, cur)}.`,
  ];
  if (scenario) {
    sentences.push(`Allowing for how often such attacks succeed, the risk register puts the expected cost at ${roughly(scenario.mean, cur)} a year; one year in a hundred, it exceeds ${roughly(scenario.p99, cur)}.`);
    if (counted.length > 0) {
      sentences.push(
        `The measures in place or planned against it cost ${money(costs.inPlaceOrPlannedAnnual, cur)} a year${scenario.inherentMean !== null && scenario.inherentMean > scenario.mean ? ` and bring the expected yearly loss down from ${roughly(scenario.inherentMean, cur)} to ${roughly(scenario.mean, cur)}` : ''}.`,
      );
    } else {
      sentences.push('No measure against it is in place or planned yet.');
    }
    if (proposed.length > 0) {
      sentences.push(
        `The proposed measures would cost ${money(costs.proposedAnnual, cur)} a year${costs.proposedOneTime > 0 ? ` (and ${money(costs.proposedOneTime, cur)} once)` : ''}${scenario.withProposedMean !== null ? ` and bring the expected yearly loss to ${roughly(scenario.withProposedMean, cur)}` : ''}.`,
      );
    }
  } else {
    sentences.push('The risk register has no computed ransomware scenario yet, so the yearly expected cost and the treatments are not shown.');
  }
  const yearly = costs.inPlaceOrPlannedAnnual + costs.proposedAnnual;
  if (yearly > 0 && e.likely > 0) {
    const years = e.likely / yearly;
    sentences.push(`One attack in the likely case costs as much as ${years >= 10 ? Math.round(years).toLocaleString('en-US') : years.toFixed(1)} years of all these measures.`);
  }
  return {
    ...base,
    available: true,
    unavailableReason: null,
    range: { low: e.low, likely: e.likely, high: e.high },
    components: e.components,
    assumptions: e.assumptions,
    scenario,
    treatments,
    costs,
    sentences,
    chart: { type: 'worst-case', currency: cur, components: e.components.map((c) => ({ label: c.label, low: c.low, likely: c.likely, high: c.high })) },
  };
}
