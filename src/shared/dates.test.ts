import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './dates.js';

describe('dates', () => {
  it('adds days across months, years and a leap day', () => {
    expect(addDays('2026-11-26', 5)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months, keeping the day or clamping it to the month\u2019s last', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 12)).toBe('2027-11-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('counts whole days between dates, negative backwards', () => {
    expect(daysBetween('2026-11-26', '2027-11-26')).toBe(365);
    expect(daysBetween('2026-12-01', '2026-11-26')).toBe(-5);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});
