/**
 * What insurance recovers on one loss event, as the risk model defines it (docs/risk-model.md,
 * contract version 2): policy p recovers min(max(L − deductible, 0), limit), at most its annual
 * aggregate; where several cover the event, together at most L. The company keeps the rest. For
 * the worst-case one-pager: the kept amount at the ends of one attack, and the expected recovery
 * over the attack's loss distribution (by quadrature over its quantiles).
 */
import { lognormalParameters, normalQuantile, type Distribution } from '../../engine/index.js';

export interface CoverTerms {
  ref: string;
  name: string;
  deductible: number;
  limit: number;
  aggregateLimit: number | null;
}

/** What the policies recover on one loss event of `loss`. */
export function recovery(policies: readonly CoverTerms[], loss: number): number {
  const sum = policies.reduce((s, p) => s + Math.min(Math.min(Math.max(loss - p.deductible, 0), p.limit), p.aggregateLimit ?? Infinity), 0);
  return Math.min(sum, Math.max(loss, 0));
}

/** What the company keeps of one loss event of `loss`. */
export function kept(policies: readonly CoverTerms[], loss: number): number {
  return loss - recovery(policies, loss);
}

/** The quantile function of a loss distribution, or null where it has no closed form here (PERT). */
function quantileOf(d: Distribution): ((u: number) => number) | null {
  switch (d.type) {
    case 'constant':
      return () => d.value;
    case 'uniform':
      return (u) => d.min + u * (d.max - d.min);
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      const fc = b > a ? (c - a) / (b - a) : 0;
      return (u) => (u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c)));
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(d.low, d.high, d.confidence);
      return (u) => Math.exp(mu + sigma * normalQuantile(u));
    }
    case 'normal':
      return (u) => Math.min(d.max ?? Infinity, Math.max(d.min ?? 0, d.mean + d.sd * normalQuantile(u)));
    case 'pert':
      return null;
  }
}

const NODES = 400;
const grid = (q: (u: number) => number): number[] => Array.from({ length: NODES }, (_, i) => q((i + 0.5) / NODES));

/**
 * The expected recovery on one attack: primary loss, plus with probability `secondaryChance` a
 * secondary loss, the policies applied to their sum (a recovery is bounded by the limits, so a
 * quadrature over the quantiles settles it). Null when a distribution has no quantile function here.
 */
export function expectedRecovery(policies: readonly CoverTerms[], primary: Distribution, secondary: Distribution | null, secondaryChance: number): number | null {
  const qp = quantileOf(primary);
  const qs = secondary ? quantileOf(secondary) : null;
  if (!qp || (secondary && !qs)) return null;
  const ps = grid(qp);
  const onlyPrimary = ps.reduce((s, x) => s + recovery(policies, x), 0) / NODES;
  if (!qs || secondaryChance <= 0) return onlyPrimary;
  const ss = grid(qs);
  let both = 0;
  for (const x of ps) for (const y of ss) both += recovery(policies, x + y);
  return (1 - secondaryChance) * onlyPrimary + secondaryChance * (both / (NODES * NODES));
}
