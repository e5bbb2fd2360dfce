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
  MAX_RISK_YEARS,
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
export { distributionMoments, EVENTS_PER_EXTRA_THREAD, expectedAnnualLoss, expectedEventsPerYear, recommendedThreads, simulateModel } from './simulate.js';
export { DEFAULT_CONFIDENCE, DEFAULT_PERT_GAMMA, lognormalParameters, normalCdf, normalQuantile, pertParameters, type FactorRole } from './distributions.js';
export { quantileSorted, LEC_POINTS, HISTOGRAM_BINS } from './stats.js';
export { BLOCK_YEARS } from './kernel.js';
export { CONFIDENCE_Z } from './assemble.js';
