/**
 * The plan and layout of a run: risks and insurance policies compiled for simulation (samplers
 * for every factor, the treatments' multipliers grouped by the factor they scale, each with the
 * key of its own random stream, the policies that cover each risk) and their closed-form
 * expectations; the run's resolved parameters, the groups of risks that threads claim, and
 * where each summary goes. It follows from the spec alone and is computed the same way in every
 * thread.
 */
import { Sampler } from './distributions.js';
import { DEFAULT_SEED, DEFAULT_YEARS, TREATMENT_FACTORS, type Distribution, type InsurancePolicy, type Risk, type RiskModel, type TreatmentFactor } from './model.js';
import type { SimulationProgress } from './result.js';
import { STREAM, streamKey, type StreamKey } from './rng.js';
import { BLOCK_YEARS } from './scratch.js';
import { slotSize } from './stats.js';
import { checkRunOptions, ModelValidationError } from './validate.js';

// --- Compiled risks and policies.

/**
 * One treatment's multiplier on one factor. Its draws come from a stream of its own, keyed by
 * the risk's id, the treatment's id and the factor, so adding, removing or changing another
 * treatment or factor leaves them as they were.
 */
export interface Multiplier {
  sampler: Sampler;
  /** The stream key of the treatment's id. */
  treatment: StreamKey;
  /** The stream's purpose: STREAM.treatment plus the factor's index. */
  purpose: number;
}

/** A risk compiled for simulation. */
export interface RiskPlan {
  /** Position in the model (the order of output and of every sum), not part of its random streams. */
  index: number;
  id: string;
  /** The stream key of the id: every random draw of the risk comes from streams under it. */
  key: StreamKey;
  /** Loss events per year when the frequency is constant, else NaN. */
  constantRate: number;
  lef: Sampler | null;
  tef: Sampler | null;
  vulnerability: Sampler | null;
  primary: Sampler;
  slef: Sampler | null;
  secondary: Sampler | null;
  /** True when the risk has at least one treatment. */
  treated: boolean;
  /** Multipliers on the rate (lossEventFrequency, threatEventFrequency, and vulnerability of a risk given by LEF). */
  rateMultipliers: Multiplier[];
  /** Multipliers on the vulnerability of a risk given by TEF × vulnerability (the product is kept ≤ 1). */
  vulnerabilityMultipliers: Multiplier[];
  slefMultipliers: Multiplier[];
  primaryMultipliers: Multiplier[];
  secondaryMultipliers: Multiplier[];
  /** Sum of the treatments' annual costs. */
  treatmentCost: number;
  /** Indices of the insurance policies that cover the risk's events, in policy order. */
  policies: number[];
}

function multiplier(dist: Distribution, treatment: StreamKey, factor: TreatmentFactor): Multiplier {
  return { sampler: Sampler.of(dist, 'multiplier'), treatment, purpose: STREAM.treatment + TREATMENT_FACTORS.indexOf(factor) };
}

/** Compiles a validated risk; `policies` are the indices of the policies that cover it. */
export function compileRisk(risk: Risk, index: number, policies: number[] = []): RiskPlan {
  const lef = risk.lossEventFrequency ? Sampler.of(risk.lossEventFrequency, 'rate') : null;
  const tef = risk.threatEventFrequency ? Sampler.of(risk.threatEventFrequency, 'rate') : null;
  const vulnerability = risk.vulnerability ? Sampler.of(risk.vulnerability, 'probability') : null;
  let constantRate = NaN;
  if (lef?.isConstant) constantRate = lef.value;
  else if (tef?.isConstant && vulnerability?.isConstant) constantRate = tef.value * vulnerability.value;
  const plan: RiskPlan = {
    index,
    id: risk.id,
    key: streamKey(risk.id),
    constantRate,
    lef,
    tef,
    vulnerability,
    primary: Sampler.of(risk.primaryLoss, 'loss'),
    slef: risk.secondaryLossEventFrequency ? Sampler.of(risk.secondaryLossEventFrequency, 'probability') : null,
    secondary: risk.secondaryLoss ? Sampler.of(risk.secondaryLoss, 'loss') : null,
    treated: (risk.treatments?.length ?? 0) > 0,
    rateMultipliers: [],
    vulnerabilityMultipliers: [],
    slefMultipliers: [],
    primaryMultipliers: [],
    secondaryMultipliers: [],
    treatmentCost: 0,
    policies,
  };
  for (const t of risk.treatments ?? []) {
    plan.treatmentCost += t.annualCost;
    const e = t.effect;
    const key = streamKey(t.id);
    // Multipliers of one factor multiply in treatment order, and within a treatment in this order.
    if (e.lossEventFrequency) plan.rateMultipliers.push(multiplier(e.lossEventFrequency, key, 'lossEventFrequency'));
    if (e.threatEventFrequency) plan.rateMultipliers.push(multiplier(e.threatEventFrequency, key, 'threatEventFrequency'));
    if (e.vulnerability) (tef ? plan.vulnerabilityMultipliers : plan.rateMultipliers).push(multiplier(e.vulnerability, key, 'vulnerability'));
    if (e.secondaryLossEventFrequency) plan.slefMultipliers.push(multiplier(e.secondaryLossEventFrequency, key, 'secondaryLossEventFrequency'));
    if (e.primaryLoss) plan.primaryMultipliers.push(multiplier(e.primaryLoss, key, 'primaryLoss'));
    if (e.secondaryLoss) plan.secondaryMultipliers.push(multiplier(e.secondaryLoss, key, 'secondaryLoss'));
  }
  return plan;
}

/** An insurance policy compiled for simulation. */
export interface PolicyPlan {
  index: number;
  id: string;
  premium: number;
  deductible: number;
  limit: number;
  /** Infinity when the policy has no aggregate limit. */
  aggregateLimit: number;
}

/** Compiles a validated model's policies (none when it has no `insurance`). */
export function compilePolicies(model: RiskModel): PolicyPlan[] {
  return (model.insurance ?? []).map((p: InsurancePolicy, index) => ({
    index,
    id: p.id,
    premium: p.premium,
    deductible: p.deductible,
    limit: p.limit,
    aggregateLimit: p.aggregateLimit ?? Infinity,
  }));
}

/** Compiles every risk of a validated model, each with the policies that cover it. */
export function compileRisks(model: RiskModel): RiskPlan[] {
  const insurance = model.insurance ?? [];
  return model.risks.map((risk, i) => {
    const policies: number[] = [];
    insurance.forEach((p, j) => {
      if (!p.covers || p.covers.includes(risk.id)) policies.push(j);
    });
    return compileRisk(risk, i, policies);
  });
}

/** A risk's expected loss events per year: E[LEF], or E[TEF] × E[vulnerability]. */
export function expectedRate(plan: RiskPlan): number {
  return plan.lef ? plan.lef.mean : plan.tef!.mean * plan.vulnerability!.mean;
}

/** A risk's mean annual loss in closed form: E[rate] × (E[primary] + E[SLEF] × E[secondary]). */
export function expectedMean(plan: RiskPlan): number {
  const secondary = plan.slef && plan.secondary ? plan.slef.mean * plan.secondary.mean : 0;
  return expectedRate(plan) * (plan.primary.mean + secondary);
}

// --- The run.

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
  const eventsPerYear = model.risks.reduce((sum, risk, i) => sum + expectedRate(compileRisk(risk, i)), 0);
  const problems = checkRunOptions({ years, seed, risks: model.risks.length, policies: model.insurance?.length ?? 0, eventsPerYear });
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
 * portfolio in risk order; the partials are then added in group order (run.ts). The grouping depends
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
  const riskSlot = policySlot(policies.length);
  return {
    spec,
    plans,
    policies,
    insured: policies.length > 0,
    groups,
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


