import { describe, expect, it } from 'vitest';
import { clean, withoutFloatNoise } from './numbers.js';

describe('numbers without floating-point noise', () => {
  it('reads back as written', () => {
    expect(clean(38 * 0.1)).toBe(3.8);
    expect(String(clean(0.1 + 0.2))).toBe('0.3');
    expect(clean(1e-12 * 3)).toBe(3e-12);
    expect(clean(123456789.123)).toBe(123456789.123);
    expect(clean(0)).toBe(0);
  });

  it('cleans every number of a model, leaving the rest', () => {
    expect(withoutFloatNoise({ risks: [{ id: 'R1', primaryLoss: { type: 'constant', value: 38 * 0.1 }, name: '3.8000000000000003' }] })).toEqual({ risks: [{ id: 'R1', primaryLoss: { type: 'constant', value: 3.8 }, name: '3.8000000000000003' }] });
  });
});
