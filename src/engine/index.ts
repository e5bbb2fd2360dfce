/**
 * Triad's risk engine: Open FAIR Monte Carlo simulation of a risk model (docs/risk-model.md,
 * contract version 2).
 *
 * This entry point runs anywhere (Node, worker threads, the browser): it imports nothing from
 * the rest of Triad and no Node built-in. The multi-threaded runner for Node lives in
 * `./parallel.js`.
 *
 * ```ts
 * const problems = validateModel(input);            // [] when valid
 * const result = simulateModel(parseModel(input), { years: 100_000, seed: 1 });
 * const { result, detail } = simulateModel(model, { detail: true });
 * ```
 *
 * The model ({@link RiskModel}) may carry `insurance` policies ({@link InsurancePolicy}); the
 * result then has `portfolio.retained` (the loss the company keeps) and `portfolio.insurance`
 * (each policy's expected recovery beside its premium). `portfolio.appetite` is checked on what
 * the company bears (`basis`: retained, else residual, else inherent), each point with its
 * `stdError` and whether the simulated years settle it (`confident`); the detail keeps the
 * check on each basis (`detail.portfolio.appetite`, `.residual.appetite`, `.retained.appetite`).
 * Every risk draws from its own random streams, keyed by its id, so comparing two models is
 * free of sampling noise in everything they share.
 */
import { Sampler, type FactorRole } from './distributions.js';
import { compileRisk, expectedMean, expectedRate } from './layout.js';
import type { Distribution, Risk, RiskModel } from './model.js';
import type { DetailedSimulation, SimulationResult } from './result.js';
import { resolveRun, runInProcess, type SimulateOptions } from './run.js';
import { parseModel } from './validate.js';

export type {
  AppetitePoint,
  ConstantDistribution,
  Distribution,
  DistributionType,
  InsurancePolicy,
  LognormalDistribution,
  NormalDistribution,
  PertDistribution,
  Risk,
  RiskModel,
  Treatment,
  TreatmentFactor,
  TriangularDistribution,
  UniformDistribution,
} from './model.js';
export {
  DEFAULT_CURRENCY,
  DEFAULT_SEED,
  DEFAULT_YEARS,
  DISTRIBUTION_TYPES,
  EventLimitError,
  MAX_BLOCK_EVENTS,
  MAX_EVENTS_PER_RISK_YEAR,
  MAX_RISK_YEARS,
  MAX_RUN_EVENTS,
  MAX_THREADS,
  MAX_YEARS,
  TREATMENT_FACTORS,
} from './model.js';
export type {
  AppetiteBasis,
  AppetitePointResult,
  AppetiteResult,
  DetailedSimulation,
  Histogram,
  LecPoint,
  LossDistribution,
  LossSummary,
  PolicyResult,
  PortfolioDetail,
  PortfolioResidual,
  PortfolioResult,
  PortfolioRetained,
  RiskDetail,
  RiskResidual,
  RiskResult,
  SimulationDetail,
  SimulationProgress,
  SimulationResult,
} from './result.js';
export { checkRunOptions, formatProblem, ModelValidationError, parseModel, validateModel, type ModelProblem } from './validate.js';
export type { SimulateOptions } from './run.js';
export { DEFAULT_CONFIDENCE, DEFAULT_PERT_GAMMA, lognormalParameters, normalCdf, normalQuantile, pertParameters, type FactorRole } from './distributions.js';
export { quantileSorted, LEC_POINTS, HISTOGRAM_BINS } from './stats.js';
export { BLOCK_YEARS } from './scratch.js';
export { CONFIDENCE_Z } from './assemble.js';

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
 * Units of work per extra thread below which that thread does not pay for itself (a unit is one
 * expected loss event): a worker thread takes tens of milliseconds to start (Node's worker
 * bootstrap, the pool, compiling the kernel) before it computes (docs/benchmarks.md has the
 * measurements behind this figure).
 */
export const EVENTS_PER_EXTRA_THREAD = 20_000_000;

/**
 * What drawing one factor that varies from year to year costs (a PERT or lognormal frequency,
 * vulnerability, or a treatment's multiplier of them), in loss events: measured on the realistic
 * register of docs/benchmarks.md, where such draws, not the loss events, take most of the time.
 */
export const YEAR_DRAW_EVENTS = 2;

/** A compiled risk's work in one simulated year, in loss events: its events and its yearly draws. */
function yearWork(plan: ReturnType<typeof compileRisk>): number {
  const varies = (s: Sampler | null): number => (s !== null && !s.isConstant ? 1 : 0);
  const multipliers = [...plan.rateMultipliers, ...plan.vulnerabilityMultipliers].filter((m) => !m.sampler.isConstant).length;
  const draws = varies(plan.lef) + varies(plan.tef) + varies(plan.vulnerability) + multipliers;
  return expectedRate(plan) + 0.05 + YEAR_DRAW_EVENTS * draws;
}

/**
 * The number of threads worth using for a run of a validated model, at most `maxThreads`: one,
 * plus one per EVENTS_PER_EXTRA_THREAD units of work (expected loss events, and the factors drawn
 * each year counted as YEAR_DRAW_EVENTS events each). Only the time depends on it, never the output.
 */
export function recommendedThreads(model: RiskModel, years: number, maxThreads: number): number {
  const work = years * model.risks.reduce((sum, risk, i) => sum + yearWork(compileRisk(risk, i)), 0);
  return Math.max(1, Math.min(maxThreads, 1 + Math.floor(work / EVENTS_PER_EXTRA_THREAD)));
}
