import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayStartIn, daysBetween, isTimeZone } from './dates.js';

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

  it('finds where a calendar day starts in a time zone', () => {
    expect(dayStartIn('2026-12-05', 'UTC')).toBe('2026-12-05T00:00:00.000Z');
    expect(dayStartIn('2026-12-05', 'Europe/Berlin')).toBe('2026-12-04T23:00:00.000Z');
    expect(dayStartIn('2026-07-05', 'Europe/Berlin')).toBe('2026-07-04T22:00:00.000Z');
    expect(dayStartIn('2026-12-05', 'America/New_York')).toBe('2026-12-05T05:00:00.000Z');
    expect(dayStartIn('2026-12-05', 'Asia/Kolkata')).toBe('2026-12-04T18:30:00.000Z');
    // The days the clocks change: the day starts at its own midnight, under the offset before the change.
    expect(dayStartIn('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStartIn('2026-10-25', 'Europe/Berlin')).toBe('2026-10-24T22:00:00.000Z');
    // Where midnight does not exist (Santiago's clocks jump from 24:00 to 01:00), the day starts at 01:00.
    expect(dayStartIn('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
  });

  it('every day starts where the day before ends, in zones east and west', () => {
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles', 'Europe/London', 'America/Santiago', 'Australia/Lord_Howe']) {
      for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
        const start = Date.parse(dayStartIn(d, zone));
        const day = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(t));
        expect(day(start), `${d} in ${zone}`).toBe(d);
        expect(day(start - 1), `${d} in ${zone}`).toBe(addDays(d, -1));
      }
    }
  });

  it('knows time zone names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
