/**
 * How open initiatives are ranked, pure: by the risk they reduce per unit of cost (expected
 * annual loss avoided ÷ annualised cost), then by the weight of the business priorities they
 * serve, then the cheaper first, then the older first. An advisor may override the order: the
 * initiatives they placed come first, in their order, and the rest follow as ranked.
 */
import { COST_HORIZON_YEARS } from './vocab.js';

export interface Rankable {
  id: string;
  refNumber: number;
  /** Expected annual loss avoided (major units); 0 without a risk figure. */
  riskReduced: number;
  annualCost: number;
  oneTimeCost: number;
  /** Sum of the weights of the active priorities it serves (percent). */
  priorityWeight: number;
  manualRank: number | null;
}

/** The cost a year that ranking compares: the running cost plus the one-time cost spread over three years. */
export function annualisedCost(annualCost: number, oneTimeCost: number): number {
  return annualCost + oneTimeCost / COST_HORIZON_YEARS;
}

/** Risk reduced per unit of annualised cost; Infinity for a reduction at no cost; null without a reduction. */
export function riskPerCost(riskReduced: number, cost: number): number | null {
  if (!(riskReduced > 0)) return null;
  return cost > 0 ? riskReduced / cost : Number.POSITIVE_INFINITY;
}

function byValue(a: Rankable, b: Rankable): number {
  const va = riskPerCost(a.riskReduced, annualisedCost(a.annualCost, a.oneTimeCost)) ?? 0;
  const vb = riskPerCost(b.riskReduced, annualisedCost(b.annualCost, b.oneTimeCost)) ?? 0;
  if (va !== vb) return vb > va ? 1 : -1;
  if (a.priorityWeight !== b.priorityWeight) return b.priorityWeight - a.priorityWeight;
  const ca = annualisedCost(a.annualCost, a.oneTimeCost);
  const cb = annualisedCost(b.annualCost, b.oneTimeCost);
  if (ca !== cb) return ca - cb;
  return a.refNumber - b.refNumber;
}

export interface Ranked {
  id: string;
  rank: number;
  computedRank: number;
}

/** The ranking of open initiatives: computed by value, then the advisor's order laid over it. */
export function rank(items: readonly Rankable[]): Ranked[] {
  const computed = [...items].sort(byValue);
  const computedRank = new Map(computed.map((x, i) => [x.id, i + 1]));
  const placed = items.filter((x) => x.manualRank !== null).sort((a, b) => a.manualRank! - b.manualRank! || computedRank.get(a.id)! - computedRank.get(b.id)!);
  const rest = computed.filter((x) => x.manualRank === null);
  return [...placed, ...rest].map((x, i) => ({ id: x.id, rank: i + 1, computedRank: computedRank.get(x.id)! }));
}
