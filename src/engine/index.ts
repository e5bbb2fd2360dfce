/**
 * Triad's risk engine: Open FAIR Monte Carlo simulation of a risk model (docs/risk-model.md).
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
 */
export type {
  AppetitePoint,
  ConstantDistribution,
  Distribution,
  DistributionType,
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
  MAX_RISK_YEARS,
  MAX_THREADS,
  MAX_YEARS,
  TREATMENT_FACTORS,
} from './model.js';
export type {
  AppetitePointResult,
  AppetiteResult,
  DetailedSimulation,
  Histogram,
  LecPoint,
  LossDistribution,
  LossSummary,
  PortfolioDetail,
  PortfolioResidual,
  PortfolioResult,
  RiskDetail,
  RiskResidual,
  RiskResult,
  SimulationDetail,
  SimulationProgress,
  SimulationResult,
} from './result.js';
export { checkRunOptions, formatProblem, ModelValidationError, parseModel, validateModel, type ModelProblem } from './validate.js';
export type { SimulateOptions } from './run.js';
export { distributionMoments, EVENTS_PER_EXTRA_THREAD, expectedAnnualLoss, expectedEventsPerYear, recommendedThreads, simulateModel } from './simulate.js';
export { DEFAULT_CONFIDENCE, DEFAULT_PERT_GAMMA, lognormalParameters, normalCdf, normalQuantile, pertParameters, type FactorRole } from './distributions.js';
export { quantileSorted, LEC_POINTS, HISTOGRAM_BINS } from './stats.js';
export { BLOCK_YEARS } from './kernel.js';
