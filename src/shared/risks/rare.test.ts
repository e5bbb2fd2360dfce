import { describe, expect, it } from 'vitest';
import { simulateModel } from '../../engine/index.js';
import { compactMoney, isRare, rareReading, whenLoss } from './rare.js';

describe('rare, large risks in plain words', () => {
  it('reads the loss in years that have one off the simulated curve', () => {
    // Rare enough that a year with a loss almost always has one event: the loss in such a year
    // is then the event's lognormal loss, median √(low × high), 95th percentile `high`.
    const risk = { id: 'R1', lossEventFrequency: { type: 'constant' as const, value: 0.02 }, primaryLoss: { type: 'lognormal' as const, low: 500_000, high: 4_000_000 } };
    const { detail } = simulateModel({ risks: [risk] }, { years: 400_000, seed: 3, detail: true });
    const r = detail.risks[0]!;
    expect(r.p90).toBe(0);
    const w = whenLoss(r.lec, r.probabilityOfLoss)!;
    expect(w.median / Math.sqrt(500_000 * 4_000_000)).toBeGreaterThan(0.95);
    expect(w.median / Math.sqrt(500_000 * 4_000_000)).toBeLessThan(1.05);
    expect(w.p95 / 4_000_000).toBeGreaterThan(0.93);
    expect(w.p95 / 4_000_000).toBeLessThan(1.07);
    expect(whenLoss([], 0)).toBeNull();
  });

  it('says what the board needs where the P90 would be $0', () => {
    const s = { p90: 0, probabilityOfLoss: 0.07, whenLoss: { median: 2_100_000, p95: 4_000_000 } };
    expect(isRare(s)).toBe(true);
    expect(rareReading(s, 'USD')).toBe('a loss in 7 % of years; when it happens, typically $2.1M (1 in 20 such years: $4.0M)');
    expect(rareReading({ ...s, probabilityOfLoss: 0.004 }, 'USD')).toBe('a loss in 0.4 % of years; when it happens, typically $2.1M (1 in 20 such years: $4.0M)');
    expect(isRare({ ...s, p90: 12_000 })).toBe(false);
    expect(compactMoney(850_000, 'USD')).toBe('$850K');
    expect(compactMoney(1_234, 'EUR')).toBe('€1.2K');
  });
});
