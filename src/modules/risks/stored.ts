/**
 * What a recompute stores, as the JSON columns of risk_runs and risk_scenario_results hold it,
 * and which of the stored figures the appetite is checked on.
 */
import type { AppetitePoint, AppetiteResult, Histogram, LecPoint, LossDistribution, PolicyResult, PortfolioDetail } from '../../engine/index.js';
import type { WhenLoss } from '../../shared/risks/rare.js';
import type { Stats } from './schema.js';

/** Every summary statistic kept for a series of annual losses. */
export interface FullStats extends Omit<Stats, 'whenLoss'> {
  sd: number;
  p10: number;
  max: number;
  /** The annual loss in years with a loss (absent in results stored before it was kept). */
  whenLoss?: WhenLoss | null;
}

export interface StoredCurves {
  lec: LecPoint[];
  histogram: Histogram;
}

/** `risk_scenario_results.result_json`. */
export interface StoredScenarioResult {
  inherent: FullStats;
  residual: FullStats | null;
  withProposed: FullStats | null;
  treatmentCost: number;
  rosi: number | null;
  expectedMean: number;
}

/** `risk_scenario_results.curves_json`. */
export interface StoredScenarioCurves {
  inherent: StoredCurves;
  residual: StoredCurves | null;
}

export interface StoredAppetiteCheck {
  breached: boolean;
  points: { loss: number; limit: number; probability: number; breached: boolean; stdError?: number; confident?: boolean }[];
}

/** `risk_runs.summary_json`. */
export interface StoredPortfolio {
  inherent: FullStats;
  residual: FullStats | null;
  appetite: AppetitePoint[];
  inherentAppetite: StoredAppetiteCheck | null;
  residualAppetite: StoredAppetiteCheck | null;
  treatmentCost: number;
  rosi: number | null;
  /** After insurance, where the client has policies (absent in runs stored before insurance). */
  retained?: FullStats | null;
  retainedAppetite?: StoredAppetiteCheck | null;
  /** Each policy simulated with the register, by ref. */
  insurance?: StoredPolicyResult[] | null;
}

/** What one policy recovers over the simulated years (the engine's `insurance` output). */
export type StoredPolicyResult = PolicyResult;

/** What the appetite is checked on: the loss the company bears (docs/risk-model.md, `basis`). */
export type Basis = 'inherent' | 'residual' | 'retained';

/** The stored run's figures and appetite check on what the company bears: retained, else residual, else inherent. */
export function basisCheck(p: StoredPortfolio): { basis: Basis; check: StoredAppetiteCheck | null; stats: FullStats } {
  if (p.retained) return { basis: 'retained', check: p.retainedAppetite ?? null, stats: p.retained };
  if (p.residual) return { basis: 'residual', check: p.residualAppetite ?? null, stats: p.residual };
  return { basis: 'inherent', check: p.inherentAppetite, stats: p.inherent };
}

/** A simulation's portfolio on what the company bears, with its appetite check. */
export function basisOf(p: PortfolioDetail): { basis: Basis; distribution: LossDistribution; appetite: AppetiteResult | null } {
  const retained = p.retained;
  if (retained) return { basis: 'retained', distribution: retained, appetite: retained.appetite ?? null };
  if (p.residual) return { basis: 'residual', distribution: p.residual, appetite: p.residual.appetite ?? null };
  return { basis: 'inherent', distribution: p, appetite: p.appetite ?? null };
}

/** `risk_runs.detail_json`. */
export interface StoredPortfolioDetail {
  inherent: StoredCurves;
  residual: StoredCurves | null;
  /** After insurance (absent in runs stored before it). */
  retained?: StoredCurves | null;
}
