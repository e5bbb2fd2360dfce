import { describe, expect, it } from 'vitest';
import { companyKey } from '../vocab.js';
import { boolean, country, date, integer, list, money, oneOf } from './values.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T | string => (r.ok ? r.value : `!${r.reason}`);

describe('CSV cells', () => {
  it('reads amounts as spreadsheets write them, and refuses what is not one', () => {
    expect(value(money('1234.5'))).toBe(1234.5);
    expect(value(money('$1,234.50'))).toBe(1234.5);
    expect(value(money('USD 12,000'))).toBe(12000);
    expect(value(money('1,000,000'))).toBe(1_000_000);
    expect(value(money('twelve'))).toMatch(/^!/);
    expect(value(money('-5'))).toMatch(/^!/);
    // A decimal comma in a file read with a decimal point is refused rather than read as thousands.
    expect(value(money('1,5'))).toMatch(/^!/);
  });

  it('reads amounts with a decimal comma when the file uses one', () => {
    const de = { decimal: ',' as const, dateOrder: 'DMY' as const };
    expect(value(money('3.342,60 €', de))).toBe(3342.6);
    expect(value(money('1,5', de))).toBe(1.5);
    expect(value(money("1'234,50", de))).toBe(1234.5);
    expect(value(money('1 234,50', de))).toBe(1234.5);
    expect(value(money('1,234.50', de))).toMatch(/decimal comma/);
  });

  it('reads ISO dates and date-times, dates in the file\'s order, and refuses days that do not exist', () => {
    expect(value(date('2024-03-01'))).toBe('2024-03-01');
    expect(value(date('2024-03-01 10:00:00'))).toBe('2024-03-01');
    expect(value(date('2024-3-1'))).toBe('2024-03-01');
    // Without the file's date order, 3/1/2024 could be 3 January or 1 March: refused, with the formats.
    expect(value(date('3/1/2024'))).toMatch(/DD\/MM\/YYYY.*MM\/DD\/YYYY/);
    expect(value(date('3/1/2024', { decimal: '.', dateOrder: 'MDY' }))).toBe('2024-03-01');
    expect(value(date('03/04/2024', { decimal: '.', dateOrder: 'DMY' }))).toBe('2024-04-03');
    expect(value(date('10.01.2022', { decimal: ',', dateOrder: 'DMY' }))).toBe('2022-01-10');
    expect(value(date('1/10/22', { decimal: '.', dateOrder: 'MDY' }))).toBe('2022-01-10');
    expect(value(date('4/5/98', { decimal: '.', dateOrder: 'MDY' }))).toBe('1998-04-05');
    expect(value(date('13/01/2024', { decimal: '.', dateOrder: 'MDY' }))).toMatch(/not a real date in the format MM\/DD\/YYYY/);
    expect(value(date('2024-02-29'))).toBe('2024-02-29');
    expect(value(date('2023-02-29'))).toMatch(/not a real date/);
    expect(value(date('1 March 2024'))).toMatch(/^!/);
  });

  it('reads yes/no, whole numbers, closed lists with aliases, and lists in one cell', () => {
    expect([value(boolean('Yes')), value(boolean('0')), value(boolean('maybe'))]).toEqual([true, false, expect.stringMatching(/^!/) as string]);
    expect(value(integer(0, 100)('1,000'))).toMatch(/between 0 and 100/);
    const status = oneOf(['active', 'retired'] as const, { 'lost stolen': 'retired' });
    expect(value(status('Lost/Stolen'))).toBe('retired');
    expect(value(status('ACTIVE'))).toBe('active');
    expect(value(status('flying'))).toBe('!"flying" is not one of: active, retired');
    expect(value(list(country)('us; de|fr'))).toEqual(['US', 'DE', 'FR']);
    expect(value(list(country)('us; Germany'))).toMatch(/Germany/);
  });

  it('matches company names without case, punctuation or legal suffixes', () => {
    expect(companyKey('Amazon Web Services, Inc.')).toBe(companyKey('amazon web services'));
    expect(companyKey('Harbor & Finch LLP')).toBe(companyKey('Harbor Finch'));
    expect(companyKey('Microsoft')).not.toBe(companyKey('Microsoft Azure'));
  });
});
