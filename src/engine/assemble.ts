/**
 * The output of a run, built from its summary slots: the contract's result and, on request,
 * the detail a risk register draws.
 */
import { expectedMean, policySlot, TASK_PORTFOLIO, TASK_RESIDUAL_PORTFOLIO, TASK_RETAINED_PORTFOLIO, type RunLayout } from './layout.js';
import { DEFAULT_CURRENCY } from './model.js';
import type {
  AppetiteBasis,
  AppetiteResult,
  DetailedSimulation,
  Histogram,
  LecPoint,
  LossDistribution,
  LossSummary,
  PolicyResult,
  RiskDetail,
  RiskResult,
  SimulationDetail,
  SimulationResult,
} from './result.js';
import {
  HISTOGRAM_BINS,
  LEC_POINTS,
  S_APPETITE,
  S_EXHAUSTED,
  S_HISTOGRAM,
  S_LEC_LOSS,
  S_LEC_PROBABILITY,
  S_MAX,
  S_MEAN,
  S_PROBABILITY,
  S_Q,
  S_SD,
} from './stats.js';

/** How many standard errors apart a probability and its limit must be for the verdict to count as settled. */
export const CONFIDENCE_Z = 1.96;

function summaryAt(s: Float64Array, offset: number): LossSummary {
  return {
    mean: s[offset + S_MEAN]!,
    sd: s[offset + S_SD]!,
    p10: s[offset + S_Q]!,
    p50: s[offset + S_Q + 1]!,
    p90: s[offset + S_Q + 2]!,
    p95: s[offset + S_Q + 3]!,
    p99: s[offset + S_Q + 4]!,
    max: s[offset + S_MAX]!,
    probabilityOfLoss: s[offset + S_PROBABILITY]!,
  };
}

function lecAt(s: Float64Array, offset: number): LecPoint[] {
  if (s[offset + S_MAX] === 0) return [];
  const points: LecPoint[] = [];
  for (let i = 0; i < LEC_POINTS; i++) points.push({ loss: s[offset + S_LEC_LOSS + i]!, probability: s[offset + S_LEC_PROBABILITY + i]! });
  return points;
}

function histogramAt(s: Float64Array, offset: number): Histogram {
  if (s[offset + S_MAX] === 0) return { edges: [], counts: [] };
  const edges: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j <= HISTOGRAM_BINS; j++) edges.push(s[offset + S_LEC_LOSS + 2 * j]!);
  for (let j = 0; j < HISTOGRAM_BINS; j++) counts.push(s[offset + S_HISTOGRAM + j]!);
  return { edges, counts };
}

function distributionAt(s: Float64Array, offset: number): LossDistribution {
  return { ...summaryAt(s, offset), lec: lecAt(s, offset), histogram: histogramAt(s, offset) };
}

/** The appetite checked on one series, with each point's standard error and whether the years settle it. */
function appetiteAt(layout: RunLayout, s: Float64Array, offset: number, basis: AppetiteBasis): AppetiteResult | undefined {
  const points = layout.spec.model.appetite;
  if (!points) return undefined;
  const years = layout.spec.years;
  const checked = points.map((p, i) => {
    const probability = s[offset + S_APPETITE + i]!;
    const stdError = Math.sqrt((probability * (1 - probability)) / years);
    return {
      loss: p.loss,
      limit: p.probability,
      probability,
      stdError,
      confident: Math.abs(probability - p.probability) > CONFIDENCE_Z * stdError,
      breached: probability > p.probability,
    };
  });
  return { basis, breached: checked.some((p) => p.breached), points: checked };
}

function rosi(inherent: number, residual: number, cost: number): number | null {
  return cost > 0 ? (inherent - residual - cost) / cost : null;
}

/** What the company bears, on which the output's appetite is checked. */
export function appetiteBasis(layout: RunLayout): AppetiteBasis {
  return layout.insured ? 'retained' : layout.hasResidual ? 'residual' : 'inherent';
}

const BASIS_TASK: Record<AppetiteBasis, number> = { inherent: TASK_PORTFOLIO, residual: TASK_RESIDUAL_PORTFOLIO, retained: TASK_RETAINED_PORTFOLIO };

/** Builds the result (and its detail when the run asked for it) from the summaries. */
export function assemble(layout: RunLayout, s: Float64Array): SimulationResult | DetailedSimulation {
  const { spec, plans, slot } = layout;
  const residualTask = new Map(layout.treated.map((r, j) => [r, layout.residualSlot + j]));
  const p = summaryAt(s, TASK_PORTFOLIO * slot);
  const basis = appetiteBasis(layout);
  const appetite = appetiteAt(layout, s, BASIS_TASK[basis] * slot, basis);
  const result: SimulationResult = {
    engine: { name: 'triad', version: spec.version },
    years: spec.years,
    seed: spec.seed,
    currency: spec.model.currency ?? DEFAULT_CURRENCY,
    portfolio: {
      mean: p.mean,
      sd: p.sd,
      p10: p.p10,
      p50: p.p50,
      p90: p.p90,
      p95: p.p95,
      p99: p.p99,
      max: p.max,
      probabilityOfLoss: p.probabilityOfLoss,
      lec: lecAt(s, TASK_PORTFOLIO * slot),
    },
    risks: [],
  };
  if (appetite) result.portfolio.appetite = appetite;
  if (layout.hasResidual) {
    const r = summaryAt(s, TASK_RESIDUAL_PORTFOLIO * slot);
    result.portfolio.residual = { mean: r.mean, p90: r.p90, p95: r.p95, p99: r.p99 };
  }
  if (layout.insured) {
    const at = TASK_RETAINED_PORTFOLIO * slot;
    const r = summaryAt(s, at);
    result.portfolio.retained = { mean: r.mean, p90: r.p90, p95: r.p95, p99: r.p99, max: r.max, probabilityOfLoss: r.probabilityOfLoss, lec: lecAt(s, at) };
    result.portfolio.insurance = layout.policies.map((policy): PolicyResult => {
      const o = policySlot(policy.index) * slot;
      return {
        id: policy.id,
        premium: policy.premium,
        expectedRecovery: s[o + S_MEAN]!,
        p99Recovery: s[o + S_Q + 4]!,
        probabilityOfClaim: s[o + S_PROBABILITY]!,
        aggregateExhausted: s[o + S_EXHAUSTED]!,
      };
    });
  }
  for (const plan of plans) {
    const x = summaryAt(s, (layout.riskSlot + plan.index) * slot);
    const risk: RiskResult = { id: plan.id, mean: x.mean, p50: x.p50, p90: x.p90, p95: x.p95, p99: x.p99, probabilityOfLoss: x.probabilityOfLoss };
    const rt = residualTask.get(plan.index);
    if (rt !== undefined) {
      const r = summaryAt(s, rt * slot);
      risk.residual = { mean: r.mean, p90: r.p90, p99: r.p99 };
      risk.treatmentCost = plan.treatmentCost;
      risk.rosi = rosi(x.mean, r.mean, plan.treatmentCost);
    }
    result.risks.push(risk);
  }
  if (!spec.detail) return result;
  return { result, detail: detailOf(layout, s, p.mean) };
}

function detailOf(layout: RunLayout, s: Float64Array, inherentMean: number): SimulationDetail {
  const { spec, plans, slot } = layout;
  const residualTask = new Map(layout.treated.map((r, j) => [r, layout.residualSlot + j]));
  const totalCost = plans.reduce((sum, plan) => sum + plan.treatmentCost, 0);
  const inherentAppetite = appetiteAt(layout, s, TASK_PORTFOLIO * slot, 'inherent');
  const detail: SimulationDetail = {
    portfolio: { ...distributionAt(s, TASK_PORTFOLIO * slot), ...(inherentAppetite ? { appetite: inherentAppetite } : {}) },
    risks: plans.map((plan, i): RiskDetail => {
      const source = spec.model.risks[i]!;
      const d: RiskDetail = {
        id: plan.id,
        ...(source.name !== undefined ? { name: source.name } : {}),
        expectedMean: expectedMean(plan),
        ...distributionAt(s, (layout.riskSlot + i) * slot),
      };
      const rt = residualTask.get(i);
      if (rt !== undefined) {
        d.residual = distributionAt(s, rt * slot);
        d.treatmentCost = plan.treatmentCost;
        d.rosi = rosi(d.mean, d.residual.mean, plan.treatmentCost);
      }
      return d;
    }),
  };
  if (layout.hasResidual) {
    const residual = distributionAt(s, TASK_RESIDUAL_PORTFOLIO * slot);
    const residualAppetite = appetiteAt(layout, s, TASK_RESIDUAL_PORTFOLIO * slot, 'residual');
    detail.portfolio.residual = {
      ...residual,
      ...(residualAppetite ? { appetite: residualAppetite } : {}),
      treatmentCost: totalCost,
      rosi: rosi(inherentMean, residual.mean, totalCost),
    };
  }
  if (layout.insured) {
    const retainedAppetite = appetiteAt(layout, s, TASK_RETAINED_PORTFOLIO * slot, 'retained');
    detail.portfolio.retained = {
      ...distributionAt(s, TASK_RETAINED_PORTFOLIO * slot),
      ...(retainedAppetite ? { appetite: retainedAppetite } : {}),
      premium: layout.policies.reduce((sum, policy) => sum + policy.premium, 0),
    };
  }
  return detail;
}
