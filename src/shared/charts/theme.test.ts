import { describe, expect, it } from 'vitest';
import { baseOption, CHART_PALETTE, moneyAxisLabel } from './theme.js';

describe('chart theme', () => {
  it('starts every chart from the Triad palette with room for axis labels', () => {
    const option = baseOption();
    expect(option.color).toEqual(CHART_PALETTE);
    expect(option.grid).toMatchObject({ containLabel: true });
  });

  it('gives each call its own option, so builders can change it freely', () => {
    const a = baseOption();
    (a.grid as { left: number }).left = 99;
    expect((baseOption().grid as { left: number }).left).not.toBe(99);
  });

  it('labels money axes compactly in the client\u2019s currency', () => {
    expect(moneyAxisLabel('USD')(1_250_000)).toBe('$1.3M');
    expect(moneyAxisLabel('EUR')(0)).toBe('€0');
  });
});
