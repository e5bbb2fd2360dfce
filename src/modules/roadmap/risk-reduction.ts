/**
 * The risk an initiative reduces, in money, from the risk engine. For the scenarios its
 * treatments act on, the engine simulates their combined annual loss twice on the register's
 * seed and years, each scenario at its register position (so it draws the same random numbers
 * as in the register run): without the initiative's treatments (the register's planned and
 * in-place treatments less the initiative's) and with them (plus its proposed ones). The
 * difference of the means is the expected annual loss it avoids, that of the 95th percentiles
 * the 1-in-20-year loss it avoids.
 *
 * Only the scenarios it touches are simulated, so another scenario of the register cannot move
 * the figure; and where the initiative's treatments are all a scenario set has, the figure is
 * the register's own inherent-versus-residual difference for those scenarios, to the last digit
 * (both rest on the engine's common random numbers: a treatment never changes the draws of the
 * loss it treats).
 */
import type { DetailedSimulation, RiskModel } from '../../engine/index.js';
import type { AppContext, ClientScope } from '../../server/context.js';
import { engineRisk, engineTreatment, hashOf, isCounted, registerModel, sideModel, type RegisterData } from '../risks/model.js';
import { getSimulator } from '../risks/pool.js';
import { loadRegisterData } from '../risks/register.js';
import type { TreatmentStatus } from '../risks/tables.js';
import type { RiskReductionOut } from './schema.js';

export interface ReductionRequest {
  id: string;
  treatmentIds: readonly string[];
}

/** Why an initiative has no risk figure: a key of the roadmap's words. */
export type RiskNote = 'riskNote.noTreatment' | 'riskNote.notInRegister' | 'riskNote.engineFailed';

export interface ReductionResult {
  reduction: RiskReductionOut | null;
  /** Why there is no figure, when there is none (its words: roadmap's `riskNote.*`). */
  note: RiskNote | null;
}

const cache = new WeakMap<AppContext, Map<string, { mean: number; p95: number }>>();
const CACHE_SIZE = 2000;

/** Mean and 95th percentile of what the company bears in a run: with treatments where any were given. */
function current(run: DetailedSimulation): { mean: number; p95: number } {
  // The same figures the register stores for its portfolio (recompute.ts).
  const p = run.detail.portfolio;
  const d = p.residual ?? p;
  return { mean: d.mean, p95: d.p95 };
}

async function simulate(scope: ClientScope, model: RiskModel, years: number, seed: number): Promise<{ mean: number; p95: number }> {
  let memo = cache.get(scope.app);
  if (!memo) cache.set(scope.app, (memo = new Map<string, { mean: number; p95: number }>()));
  const key = hashOf({ model, years, seed });
  const hit = memo.get(key);
  if (hit) return hit;
  const simulator = await getSimulator(scope.app);
  const figures = current(await simulator.simulate(model, { years, seed }));
  if (memo.size >= CACHE_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, figures);
  return figures;
}

/** The models of the two runs of one initiative, or why there are none. */
export function reductionModels(data: RegisterData, treatmentIds: readonly string[]): { without: RiskModel; with: RiskModel; scenarios: { id: string; ref: string; title: string }[] } | RiskNote {
  const register = registerModel(data);
  const carried = new Set(treatmentIds);
  if (carried.size === 0) return 'riskNote.noTreatment';
  const touched = new Set<string>();
  for (const list of data.treatments.values()) for (const t of list) if (carried.has(t.id)) touched.add(t.scenario_id);
  const scenarios = register.included.filter((s) => touched.has(s.id));
  if (scenarios.length === 0) return 'riskNote.notInRegister';
  const run = (keep: (status: TreatmentStatus, carried: boolean) => boolean): RiskModel =>
    sideModel(
      data,
      scenarios.map((s) => ({
        position: register.index.get(s.id)!,
        // In the register's order of treatments, as the register run has them.
        risk: engineRisk(s, (data.treatments.get(s.id) ?? []).filter((t) => keep(t.status, carried.has(t.id))).map((t) => engineTreatment(t, data.currency))),
      })),
    );
  return {
    without: run((status, mine) => isCounted(status) && !mine),
    with: run((status, mine) => isCounted(status) || mine),
    scenarios: scenarios.map((s) => ({ id: s.id, ref: s.ref, title: s.title })),
  };
}

/** The risk each initiative reduces (see the file's comment), computed with the engine's worker threads. */
export async function riskReductions(scope: ClientScope, requests: readonly ReductionRequest[], data?: RegisterData): Promise<Map<string, ReductionResult>> {
  const out = new Map<string, ReductionResult>();
  if (requests.every((r) => r.treatmentIds.length === 0)) {
    for (const r of requests) out.set(r.id, { reduction: null, note: 'riskNote.noTreatment' });
    return out;
  }
  const register = data ?? (await loadRegisterData(scope));
  const { years, seed } = register.settings;
  for (const r of requests) {
    const models = reductionModels(register, r.treatmentIds);
    if (typeof models === 'string') {
      out.set(r.id, { reduction: null, note: models });
      continue;
    }
    try {
      const without = await simulate(scope, models.without, years, seed);
      const withIt = await simulate(scope, models.with, years, seed);
      out.set(r.id, {
        reduction: { mean: without.mean - withIt.mean, p95: without.p95 - withIt.p95, without, with: withIt, scenarios: models.scenarios, years, seed },
        note: null,
      });
    } catch (err) {
      scope.app.log.warn({ err, clientId: scope.clientId, initiativeId: r.id }, 'risk reduction of an initiative could not be simulated');
      out.set(r.id, { reduction: null, note: 'riskNote.engineFailed' });
    }
  }
  return out;
}
