/**
 * The qualitative rating shown beside the money (docs/risk-templates.md, "Rating bands"): a
 * 5 × 5 likelihood × impact grid derived from a scenario's simulated result, with bands each
 * client's advisor can adjust. Shared by the server (ratings in responses) and the web app
 * (legends, the heat map).
 *
 * - Likelihood is the simulated chance of at least one loss in a year (`probabilityOfLoss`).
 * - Impact is the typical loss in a year that has one: mean annual loss ÷ probabilityOfLoss.
 * - Both use the scenario's current result: residual when it has planned or in-place treatments.
 */

/** Four ascending annual probabilities separating likelihood 1 | 2 | 3 | 4 | 5. */
export const DEFAULT_LIKELIHOOD_BANDS: readonly number[] = [0.05, 0.2, 0.5, 0.8];

export const LIKELIHOOD_LABELS = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;
export const IMPACT_LABELS = ['Minor', 'Moderate', 'Significant', 'Major', 'Severe'] as const;

/** Impact bands as shares of annual revenue: 0.1 %, 0.5 %, 2 % and 5 %. */
export const IMPACT_REVENUE_SHARES: readonly number[] = [0.001, 0.005, 0.02, 0.05];
/** Impact bands per employee when the client has no revenue recorded. */
export const IMPACT_PER_EMPLOYEE: readonly number[] = [250, 1_250, 5_000, 12_500];

export type RatingLevel = 'low' | 'medium' | 'high' | 'critical';

export interface Rating {
  likelihood: number;
  impact: number;
  score: number;
  level: RatingLevel;
}

/** Default impact bands for a client: shares of revenue, or amounts per employee without revenue. */
export function defaultImpactBands(annualRevenue: number, employees: number): number[] {
  if (annualRevenue > 0) return IMPACT_REVENUE_SHARES.map((s) => niceAmount(annualRevenue * s));
  return IMPACT_PER_EMPLOYEE.map((a) => niceAmount(a * Math.max(1, employees)));
}

function niceAmount(x: number): number {
  if (x <= 0) return 0;
  const magnitude = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / magnitude) * magnitude;
}

/** 1..5: how many band limits `value` reaches (a value equal to a limit falls in the band above). */
export function band(value: number, limits: readonly number[]): number {
  let b = 1;
  for (const limit of limits) if (value >= limit) b += 1;
  return Math.min(5, b);
}

/** Low 1–4, medium 5–9, high 10–16, critical 20–25 (likelihood × impact). */
export function ratingLevel(score: number): RatingLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

/** The rating of a result (mean annual loss and chance of a loss year) under the given bands. */
export function rate(result: { mean: number; probabilityOfLoss: number }, likelihoodBands: readonly number[], impactBands: readonly number[]): Rating {
  const likelihood = band(result.probabilityOfLoss, likelihoodBands);
  const typicalLoss = result.probabilityOfLoss > 0 ? result.mean / result.probabilityOfLoss : 0;
  const impact = typicalLoss > 0 ? band(typicalLoss, impactBands) : 1;
  const score = likelihood * impact;
  return { likelihood, impact, score, level: ratingLevel(score) };
}

/** True when four limits are ascending (strictly) and, for likelihood, within (0, 1). */
export function bandsProblem(limits: readonly number[], kind: 'likelihood' | 'impact'): string | null {
  if (limits.length !== 4) return 'give exactly four limits (between the five bands)';
  for (let i = 0; i < 4; i++) {
    const x = limits[i]!;
    if (!Number.isFinite(x) || x <= 0) return 'limits must be greater than 0';
    if (kind === 'likelihood' && x >= 1) return 'likelihood limits are annual probabilities below 1';
    if (i > 0 && x <= limits[i - 1]!) return 'limits must be in ascending order';
  }
  return null;
}
