/**
 * The risk model file (docs/risk-model.md): what users write in JSON or YAML and what the API
 * accepts. These types describe a model that has passed {@link validateModel}.
 */

/** Always `value`. */
export interface ConstantDistribution {
  type: 'constant';
  value: number;
}

/** Uniform on [min, max]. */
export interface UniformDistribution {
  type: 'uniform';
  min: number;
  max: number;
}

/** Triangular on [min, max] with its peak at `mode`. */
export interface TriangularDistribution {
  type: 'triangular';
  min: number;
  mode: number;
  max: number;
}

/** Beta-PERT (Vose) on [min, max] with the given `mode`; `gamma` (default 4) weights the mode. */
export interface PertDistribution {
  type: 'pert';
  min: number;
  mode: number;
  max: number;
  gamma?: number;
}

/**
 * Lognormal whose (1 − c)/2 and (1 + c)/2 quantiles are `low` and `high`, with c the
 * `confidence` (default 0.90): a "90 % of the time between low and high" estimate.
 */
export interface LognormalDistribution {
  type: 'lognormal';
  low: number;
  high: number;
  confidence?: number;
}

/** Normal, truncated to [min, max] where given. */
export interface NormalDistribution {
  type: 'normal';
  mean: number;
  sd: number;
  min?: number;
  max?: number;
}

export type Distribution =
  | ConstantDistribution
  | UniformDistribution
  | TriangularDistribution
  | PertDistribution
  | LognormalDistribution
  | NormalDistribution;

export type DistributionType = Distribution['type'];

/** The distribution types, in the order the documentation lists them. */
export const DISTRIBUTION_TYPES: readonly DistributionType[] = ['constant', 'uniform', 'triangular', 'pert', 'lognormal', 'normal'];

/** The FAIR factors a treatment can act on, each by a distribution of multipliers. */
export const TREATMENT_FACTORS = [
  'lossEventFrequency',
  'threatEventFrequency',
  'vulnerability',
  'primaryLoss',
  'secondaryLossEventFrequency',
  'secondaryLoss',
] as const;

export type TreatmentFactor = (typeof TREATMENT_FACTORS)[number];

/** A planned or applied control: its yearly cost and its effect as multipliers on factors. */
export interface Treatment {
  id: string;
  name?: string;
  annualCost: number;
  effect: Partial<Record<TreatmentFactor, Distribution>>;
}

/**
 * One risk scenario. Frequency is either `lossEventFrequency` or `threatEventFrequency` with
 * `vulnerability`; `secondaryLossEventFrequency` and `secondaryLoss` come together or not at all.
 */
export interface Risk {
  id: string;
  name?: string;
  lossEventFrequency?: Distribution;
  threatEventFrequency?: Distribution;
  vulnerability?: Distribution;
  primaryLoss: Distribution;
  secondaryLossEventFrequency?: Distribution;
  secondaryLoss?: Distribution;
  treatments?: Treatment[];
}

/** One point of the loss-tolerance curve: P(annual loss > loss) must stay at or below `probability`. */
export interface AppetitePoint {
  loss: number;
  probability: number;
}

/**
 * A cyber insurance policy (contract version 2). For each loss event of a covered risk, with L
 * the event's loss after treatments, it recovers min(max(L − deductible, 0), limit); where
 * several policies cover one event, their recoveries together are at most L, shared in
 * proportion. Its recoveries in one year are capped at `aggregateLimit`.
 */
export interface InsurancePolicy {
  id: string;
  name?: string;
  /** Yearly premium: a cost, reported beside the expected recovery, never simulated. */
  premium: number;
  /** Retained per loss event: the policy attaches above it (for an excess layer, the layer's attachment point). */
  deductible: number;
  /** The most the policy pays for one loss event. */
  limit: number;
  /** The most the policy pays in one year, all events together; no cap when absent. */
  aggregateLimit?: number;
  /** Ids of the risks whose events it covers; every risk when absent. */
  covers?: string[];
}

/** A whole risk model file. */
export interface RiskModel {
  currency?: string;
  years?: number;
  seed?: number;
  appetite?: AppetitePoint[];
  risks: Risk[];
  /** Insurance policies, applied after treatments (contract version 2). */
  insurance?: InsurancePolicy[];
}

/** Simulated years when neither the caller nor the model says. */
export const DEFAULT_YEARS = 100_000;
/** Seed when neither the caller nor the model says. */
export const DEFAULT_SEED = 1;
/** Currency when the model does not say. */
export const DEFAULT_CURRENCY = 'USD';
/** Upper bound on simulated years. */
export const MAX_YEARS = 10_000_000;
/**
 * Upper bound on risks × years, which sets the memory a run needs; each insurance policy counts
 * as a risk (its yearly recoveries are kept like a risk's losses).
 */
export const MAX_RISK_YEARS = 200_000_000;
/** Upper bound on worker threads. */
export const MAX_THREADS = 256;
/**
 * Upper bound on a risk's expected loss events a year (E[LEF], or E[TEF] × E[vulnerability]):
 * the engine keeps a block of 4,096 years' events of one risk in memory at once.
 */
export const MAX_EVENTS_PER_RISK_YEAR = 1000;
/** Upper bound on the expected loss events of a run (years × the risks' expected events a year, before treatments): its time. */
export const MAX_RUN_EVENTS = 1_000_000_000;
/**
 * The most loss events of one risk in one block of 4,096 years (inherent, or added by treatments)
 * the engine holds, about 60 bytes each: a run whose draws exceed it stops with an
 * {@link EventLimitError} rather than take more memory. Twice the largest expected count a valid
 * model can have, so only a frequency with a very long tail reaches it.
 */
export const MAX_BLOCK_EVENTS = 8_388_608;

/** A run stopped because one risk drew more loss events in a block of years than the engine holds. */
export class EventLimitError extends Error {
  constructor(
    readonly riskId: string,
    readonly events: number,
  ) {
    super(
      `${riskId}: drew more than ${MAX_BLOCK_EVENTS.toLocaleString('en-US')} loss events in one block of 4,096 years ` +
        `(${events.toLocaleString('en-US')} so far), the most the engine holds at once; ` +
        `its frequency's distribution reaches rates far above its mean: narrow it`,
    );
    this.name = 'EventLimitError';
  }
}
