/**
 * What the controls module needs of the risk register, through its published api: each
 * scenario's current mean annual loss (after planned and in-place treatments) and which
 * scenario each treatment belongs to.
 */
import type { ClientScope } from '../../server/context.js';
import { listRiskSnapshots } from '../risks/api.js';

export interface RiskScenarioFacts {
  id: string;
  ref: string;
  title: string;
  status: string;
  /** Current mean annual loss while the scenario is in the portfolio; null for proposals, closed scenarios or before the first computation. */
  mean: number | null;
}

export interface RiskTreatmentFacts {
  id: string;
  ref: string;
  name: string;
  status: string;
  scenarioId: string;
}

export interface RiskIndex {
  currency: string;
  scenarios: Map<string, RiskScenarioFacts>;
  treatments: Map<string, RiskTreatmentFacts>;
}

export async function riskIndex(scope: ClientScope): Promise<RiskIndex> {
  const snapshots = await listRiskSnapshots(scope);
  const scenarios = new Map<string, RiskScenarioFacts>();
  const treatments = new Map<string, RiskTreatmentFacts>();
  for (const s of snapshots) {
    const counted = s.result?.inPortfolio === true && s.status !== 'closed';
    scenarios.set(s.id, { id: s.id, ref: s.ref, title: s.title, status: s.status, mean: counted ? s.result!.current.mean : null });
    for (const t of s.treatments) treatments.set(t.id, { id: t.id, ref: t.ref, name: t.name, status: t.status, scenarioId: s.id });
  }
  return { currency: scope.client.currency, scenarios, treatments };
}

/** The scenarios an outcome's links reach: those linked directly and those of linked treatments, each once. */
export function linkedScenarios(index: RiskIndex, links: readonly { kind: string; target_id: string }[]): RiskScenarioFacts[] {
  const ids = new Set<string>();
  for (const l of links) {
    if (l.kind === 'scenario') ids.add(l.target_id);
    else {
      const t = index.treatments.get(l.target_id);
      if (t) ids.add(t.scenarioId);
    }
  }
  return [...ids].map((id) => index.scenarios.get(id)).filter((s): s is RiskScenarioFacts => s !== undefined);
}

/** The treatments an outcome is linked to that are still in the register, in the order linked. */
export function linkedTreatments(index: RiskIndex, links: readonly { kind: string; target_id: string }[]): RiskTreatmentFacts[] {
  return links.filter((l) => l.kind === 'treatment').map((l) => index.treatments.get(l.target_id)).filter((t): t is RiskTreatmentFacts => t !== undefined);
}
