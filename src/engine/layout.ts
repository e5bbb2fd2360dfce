/**
 * The layout of a run: its resolved parameters, its compiled risks and policies, the groups of
 * risks that threads claim, and where each summary goes. It follows from the spec alone and is
 * computed the same way in every thread.
 */
import { BLOCK_YEARS } from './scratch.js';
import { DEFAULT_SEED, DEFAULT_YEARS, type RiskModel } from './model.js';
import { compilePolicies, compileRisks, expectedRate, type PolicyPlan, type RiskPlan } from './plan.js';
import type { SimulationProgress } from './result.js';
import { slotSize } from './stats.js';
import { checkRunOptions, ModelValidationError } from './validate.js';

/** Options of a simulation. */
export interface SimulateOptions {
  /** Simulated years; default: the model's `years`, else 100,000. */
  years?: number;
  /** Seed; default: the model's `seed`, else 1. */
  seed?: number;
  /**
   * Also return {@link SimulationDetail}: curves and histograms per risk, and the residual and
   * retained portfolios' curves with the appetite checked on each basis.
   */
  detail?: boolean;
  /** Called on the calling thread as work completes: after each group of risks and each portfolio summary. */
  onProgress?: (progress: SimulationProgress) => void;
  /** The version to report in `engine.version` (the host application's version). */
  version?: string;
}

/** The resolved parameters of a run. */
export interface RunSpec {
  model: RiskModel;
  years: number;
  seed: number;
  detail: boolean;
  version: string;
}

/** Resolves options against the model's own settings and the defaults; throws ModelValidationError on bad values. */
export function resolveRun(model: RiskModel, options: SimulateOptions): RunSpec {
  const years = options.years ?? model.years ?? DEFAULT_YEARS;
  const seed = options.seed ?? model.seed ?? DEFAULT_SEED;
  const problems = checkRunOptions({ years, seed, risks: model.risks.length, policies: model.insurance?.length ?? 0 });
  if (problems.length > 0) throw new ModelValidationError(problems);
  return { model, years, seed, detail: options.detail === true, version: options.version ?? '0.0.0' };
}

/**
 * Summary slots: 0 portfolio, 1 residual portfolio, 2 retained portfolio, 3 + p policy p, then
 * one per risk and one per treated risk's residual (see {@link RunLayout}). The portfolio tasks
 * share the numbers of their slots.
 */
export const TASK_PORTFOLIO = 0;
export const TASK_RESIDUAL_PORTFOLIO = 1;
/** The retained portfolio and every policy's recoveries (insured models only). */
export const TASK_RETAINED_PORTFOLIO = 2;
/** Portfolio tasks of a run (a task with nothing to do in a model finishes at once). */
export const PORTFOLIO_TASKS = 3;
/** The summary slot of policy p. */
export const policySlot = (p: number): number => PORTFOLIO_TASKS + p;

/**
 * Risks are simulated in groups of consecutive risks, each group adding into its own partial
 * portfolio in risk order; the partials are then added in group order. The grouping depends
 * only on the number of risks, so the order of every sum is the same whatever the threads.
 */
export const MAX_GROUPS = 8;

/** Everything about a run that follows from its spec, computed the same way in every thread. */
export interface RunLayout {
  spec: RunSpec;
  plans: RiskPlan[];
  policies: PolicyPlan[];
  /** Whether the model has insurance (a retained portfolio). */
  insured: boolean;
  /** Risk index ranges [from, to) of the groups. */
  groups: { from: number; to: number }[];
  /** Group indices in the order threads claim them: the most events first, for balance. */
  claimOrder: number[];
  treated: number[];
  hasResidual: boolean;
  appetite: number[];
  slot: number;
  slots: number;
  /** The summary slot of risk 0 (risk i at riskSlot + i), and of the first treated risk's residual. */
  riskSlot: number;
  residualSlot: number;
  /** Events per block that each thread's heap holds (blocks with more use slower loops). */
  eventCapacity: number;
}

export function layoutRun(spec: RunSpec): RunLayout {
  const plans = compileRisks(spec.model);
  const policies = compilePolicies(spec.model);
  const treated = plans.filter((p) => p.treated).map((p) => p.index);
  const appetite = (spec.model.appetite ?? []).map((a) => a.loss);
  const count = Math.min(MAX_GROUPS, plans.length);
  const groups = Array.from({ length: count }, (_, g) => ({
    from: Math.floor((g * plans.length) / count),
    to: Math.floor(((g + 1) * plans.length) / count),
  }));
  const cost = groups.map(({ from, to }) => plans.slice(from, to).reduce((sum, p) => sum + expectedRate(p) + 1, 0));
  const claimOrder = groups.map((_, g) => g).sort((a, b) => cost[b]! - cost[a]! || a - b);
  const riskSlot = policySlot(policies.length);
  return {
    spec,
    plans,
    policies,
    insured: policies.length > 0,
    groups,
    claimOrder,
    treated,
    hasResidual: treated.length > 0,
    appetite,
    slot: slotSize(appetite.length),
    slots: riskSlot + plans.length + treated.length,
    riskSlot,
    residualSlot: riskSlot + plans.length,
    eventCapacity: eventCapacity(plans, Math.min(spec.years, BLOCK_YEARS)),
  };
}

/**
 * Room for a block's events: with a good margin (12 sd of a Poisson count) above the largest
 * expected count, using each rate's upper bound where it has one; at most 4 million.
 */
function eventCapacity(plans: RiskPlan[], blockYears: number): number {
  let most = 0;
  for (const p of plans) {
    const upper = p.lef ? p.lef.upper : p.tef!.upper * p.vulnerability!.upper;
    const rate = Number.isFinite(upper) ? upper : 4 * expectedRate(p);
    const mean = rate * blockYears;
    most = Math.max(most, Math.ceil(mean + 12 * Math.sqrt(mean) + 64));
  }
  return Math.min(4_000_000, Math.max(1024, most));
}


