import { describe, expect, it } from 'vitest';
import { annualisedCost, rank, riskPerCost, type Rankable } from './ranking.js';

const item = (id: string, refNumber: number, riskReduced: number, annualCost: number, oneTimeCost: number, priorityWeight = 0, manualRank: number | null = null): Rankable => ({ id, refNumber, riskReduced, annualCost, oneTimeCost, priorityWeight, manualRank });

describe('ranking initiatives', () => {
  it('compares risk reduced per unit of annualised cost', () => {
    // 30,000 once over three years is 10,000 a year, plus 5,000 a year: 15,000.
    expect(annualisedCost(5_000, 30_000)).toBe(15_000);
    expect(riskPerCost(45_000, 15_000)).toBe(3);
    expect(riskPerCost(0, 15_000)).toBeNull();
    expect(riskPerCost(1_000, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('ranks by risk per cost, then priority weight, then cost, then age', () => {
    const items = [
      item('a', 1, 30_000, 10_000, 0), // 3 per dollar
      item('b', 2, 60_000, 10_000, 30_000), // 60,000 / 20,000 = 3 per dollar, same as a; weight decides
      item('c', 3, 0, 5_000, 0, 50), // no risk figure, heavy priority
      item('d', 4, 0, 2_000, 0, 50), // same weight as c, cheaper
      item('e', 5, 100, 0, 0), // risk reduced at no cost: first
    ];
    items[1]!.priorityWeight = 30;
    expect(rank(items).map((r) => r.id)).toEqual(['e', 'b', 'a', 'd', 'c']);
  });

  it('puts the advisor\u2019s order first and the rest as ranked', () => {
    const items = [item('a', 1, 30_000, 10_000, 0), item('b', 2, 10_000, 10_000, 0), item('c', 3, 20_000, 10_000, 0, 0, 1)];
    const ranked = rank(items);
    expect(ranked.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(ranked.find((r) => r.id === 'c')).toEqual({ id: 'c', rank: 1, computedRank: 2 });
  });
});
