/**
 * Risks and insurance policies compiled for simulation: samplers for every factor, the
 * treatments' multipliers grouped by the factor they scale (each with the key of its own random
 * stream), the policies that cover each risk, and the closed-form expectations.
 */
import { Sampler } from './distributions.js';
import { TREATMENT_FACTORS, type Distribution, type InsurancePolicy, type Risk, type RiskModel, type TreatmentFactor } from './model.js';
import { STREAM, streamKey, type StreamKey } from './rng.js';

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
