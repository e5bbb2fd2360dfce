/**
 * The public simulation API that runs anywhere: simulation on the calling thread (tests, small
 * models, the browser), closed-form expectations, and thread sizing.
 */
import { Sampler, type FactorRole } from './distributions.js';
import { compileRisk, expectedMean, expectedRate } from './kernel.js';
import type { Distribution, Risk, RiskModel } from './model.js';
import type { DetailedSimulation, SimulationResult } from './result.js';
import { resolveRun, runInProcess, type SimulateOptions } from './run.js';
import { parseModel } from './validate.js';

/**
 * Simulates a risk model on the calling thread and returns the output contract
 * (docs/risk-model.md, version 2), or `{ result, detail }` when `options.detail` is true.
 *
 * The model is validated first: an invalid one throws {@link ModelValidationError} with every
 * problem, as do invalid `years` or `seed`. The same model, years and seed always give the
 * same numbers, here or through the parallel runner with any number of threads. Each risk's
 * numbers depend only on its own inputs (its random streams are keyed by its id), and insurance
 * changes nothing but `retained`, `insurance` and the appetite (checked on the retained loss).
 */
export function simulateModel(model: RiskModel, options: SimulateOptions & { detail: true }): DetailedSimulation;
export function simulateModel(model: RiskModel, options?: SimulateOptions): SimulationResult;
export function simulateModel(model: RiskModel, options: SimulateOptions = {}): SimulationResult | DetailedSimulation {
  const spec = resolveRun(parseModel(model), options);
  return runInProcess(spec, options.onProgress);
}

/**
 * Mean and standard deviation of a validated distribution in a role (the role sets the bounds
 * a normal is truncated to: [0, ∞) for rates, losses and multipliers, [0, 1] for probabilities).
 */
export function distributionMoments(dist: Distribution, role: FactorRole = 'loss'): { mean: number; sd: number } {
  const s = Sampler.of(dist, role);
  return { mean: s.mean, sd: s.sd };
}

/** A validated risk's mean annual loss without treatments: E[LEF] × (E[primary] + E[SLEF] × E[secondary]). */
export function expectedAnnualLoss(risk: Risk): number {
  return expectedMean(compileRisk(risk, 0));
}

/** A validated risk's expected loss events per year, E[LEF] or E[TEF] × E[vulnerability]. */
export function expectedEventsPerYear(risk: Risk): number {
  return expectedRate(compileRisk(risk, 0));
}

/**
 * Expected loss events per extra thread below which that thread does not pay for itself: a worker
 * thread takes tens of milliseconds to start (Node's worker bootstrap, the pool, compiling the
 * kernel) before it computes (docs/benchmarks.md has the measurements behind this figure).
 */
export const EVENTS_PER_EXTRA_THREAD = 20_000_000;

/**
 * The number of threads worth using for a run of a validated model, at most `maxThreads`: one,
 * plus one per EVENTS_PER_EXTRA_THREAD expected loss events. Only the time depends on it, never
 * the output.
 */
export function recommendedThreads(model: RiskModel, years: number, maxThreads: number): number {
  const events = years * model.risks.reduce((sum, risk) => sum + expectedEventsPerYear(risk) + 0.05, 0);
  return Math.max(1, Math.min(maxThreads, 1 + Math.floor(events / EVENTS_PER_EXTRA_THREAD)));
}
