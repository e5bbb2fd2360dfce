/**
 * What a simulation returns. {@link SimulationResult} is the public output contract of
 * `triad simulate --format json` (docs/risk-model.md); {@link SimulationDetail} is the extra
 * material a risk register page draws, kept apart so that the contract stays exact.
 */

/** One point of a loss exceedance curve: the share of simulated years whose loss exceeds `loss`. */
export interface LecPoint {
  loss: number;
  probability: number;
}

/** One appetite point checked against the simulation. */
export interface AppetitePointResult {
  loss: number;
  /** The tolerated probability of exceeding `loss`. */
  limit: number;
  /** The simulated probability of exceeding `loss`. */
  probability: number;
  /** The Monte Carlo standard error of `probability`: √(p(1 − p)/years). */
  stdError: number;
  /** |probability − limit| > 1.96 standard errors: the simulated years settle the verdict. */
  confident: boolean;
  /** probability > limit */
  breached: boolean;
}

/**
 * Which annual loss an appetite is checked on: `retained` (after treatments and insurance),
 * `residual` (after treatments) or `inherent`.
 */
export type AppetiteBasis = 'inherent' | 'residual' | 'retained';

/** The loss-tolerance check: breached when any point is. */
export interface AppetiteResult {
  basis: AppetiteBasis;
  breached: boolean;
  points: AppetitePointResult[];
}

/** Portfolio results with treatments applied. */
export interface PortfolioResidual {
  mean: number;
  p90: number;
  p95: number;
  p99: number;
}

/** The annual loss the company keeps: after treatments and insurance recoveries. */
export interface PortfolioRetained {
  mean: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  probabilityOfLoss: number;
  /** Loss exceedance curve of the retained loss, as the portfolio's `lec`. */
  lec: LecPoint[];
}

/** What one insurance policy recovers over the simulated years. */
export interface PolicyResult {
  id: string;
  /** The policy's yearly premium, as given: a cost to weigh against `expectedRecovery`. */
  premium: number;
  /** Mean annual recovery, after the aggregate limit. */
  expectedRecovery: number;
  /** 99th percentile of the annual recovery. */
  p99Recovery: number;
  /** Share of years with a recovery above zero. */
  probabilityOfClaim: number;
  /** Share of years in which the recoveries reached the aggregate limit (0 without one). */
  aggregateExhausted: number;
}

/** Summary of the portfolio's simulated annual loss. */
export interface PortfolioResult {
  mean: number;
  sd: number;
  p10: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  probabilityOfLoss: number;
  /** At least 50 points, thresholds spaced logarithmically over the non-zero losses; empty when no year had a loss. */
  lec: LecPoint[];
  /** Present when the model gives an appetite: checked on what the company bears (`basis`). */
  appetite?: AppetiteResult;
  /** Present when any risk has treatments. */
  residual?: PortfolioResidual;
  /** Present when the model has insurance. */
  retained?: PortfolioRetained;
  /** Present when the model has insurance: each policy, in the model's order. */
  insurance?: PolicyResult[];
}

/** A risk's results with its treatments applied. */
export interface RiskResidual {
  mean: number;
  p90: number;
  p99: number;
}

/** Summary of one risk's simulated annual loss. */
export interface RiskResult {
  id: string;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  probabilityOfLoss: number;
  /** The next three are present when the risk has treatments. */
  residual?: RiskResidual;
  /** Sum of the treatments' annual costs. */
  treatmentCost?: number;
  /** (mean − residual.mean − treatmentCost) / treatmentCost; null when the treatments cost nothing. */
  rosi?: number | null;
}

/** The output contract of a simulation. */
export interface SimulationResult {
  engine: { name: 'triad'; version: string };
  years: number;
  seed: number;
  currency: string;
  portfolio: PortfolioResult;
  risks: RiskResult[];
}

/** Counts of years with a non-zero loss per bin; bins are spaced logarithmically. */
export interface Histogram {
  /** counts.length + 1 bin edges, ascending; a value equal to an inner edge belongs to the lower bin. */
  edges: number[];
  counts: number[];
}

/** Every summary statistic of a series of annual losses. */
export interface LossSummary {
  mean: number;
  sd: number;
  p10: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  probabilityOfLoss: number;
}

/** A series' summary with its curves. */
export interface LossDistribution extends LossSummary {
  lec: LecPoint[];
  histogram: Histogram;
}

/** Detail of one risk, in the order of {@link SimulationResult.risks}. */
export interface RiskDetail extends LossDistribution {
  id: string;
  name?: string;
  /** The mean annual loss in closed form, E[LEF] × (E[primary] + E[SLEF] × E[secondary]). */
  expectedMean: number;
  /** With treatments applied, present when the risk has treatments. */
  residual?: LossDistribution;
  treatmentCost?: number;
  rosi?: number | null;
}

/**
 * Portfolio detail: histogram and the inherent appetite check; the residual portfolio's curves
 * and appetite check; the retained portfolio's with insurance.
 */
export interface PortfolioDetail extends LossDistribution {
  /** The appetite checked on the inherent loss (basis `inherent`), whatever the output's basis. */
  appetite?: AppetiteResult;
  residual?: LossDistribution & {
    /** The appetite checked on the residual loss (basis `residual`). */
    appetite?: AppetiteResult;
    /** Sum of all treatments' annual costs. */
    treatmentCost: number;
    /** (inherent mean − residual mean − treatmentCost) / treatmentCost; null when the treatments cost nothing. */
    rosi: number | null;
  };
  retained?: LossDistribution & {
    /** The appetite checked on the retained loss (basis `retained`). */
    appetite?: AppetiteResult;
    /** Sum of the policies' premiums. */
    premium: number;
  };
}

/** What a risk register page needs beyond the contract. */
export interface SimulationDetail {
  portfolio: PortfolioDetail;
  risks: RiskDetail[];
}

/** A simulation with its detail, as returned when `detail: true`. */
export interface DetailedSimulation {
  result: SimulationResult;
  detail: SimulationDetail;
}

/** Progress of a run: `done` of `total` units of work (blocks of years, then summaries). */
export interface SimulationProgress {
  done: number;
  total: number;
}
