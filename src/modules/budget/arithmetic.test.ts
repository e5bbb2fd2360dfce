import { describe, expect, it } from 'vitest';
import { currencyDigits, toMinorUnits } from '../../shared/money.js';
import { addMonth, exactMinor, fiscalMonths, fiscalYearOf, fiscalYearStart, forecastYear, monthsBetween, oneTimeInYear, recurringInYear, splitEvenly, type CommittedItem, type PlanRow } from './arithmetic.js';

// Every expected figure below is worked out by hand in the comment beside it.

describe('fiscal years', () => {
  it('are named by the calendar year they end in, whatever month they start', () => {
    // January start: the calendar year.
    expect(fiscalYearOf('2026-01-01', 1)).toBe(2026);
    expect(fiscalYearOf('2026-12-31', 1)).toBe(2026);
    // July start: July 2026 .. June 2027 is FY2027.
    expect(fiscalYearOf('2026-06-30', 7)).toBe(2026);
    expect(fiscalYearOf('2026-07-01', 7)).toBe(2027);
    expect(fiscalYearOf('2027-06-15', 7)).toBe(2027);
    // October start (the US federal year): 1 Oct 2026 opens FY2027.
    expect(fiscalYearOf('2026-09-30', 10)).toBe(2026);
    expect(fiscalYearOf('2026-10-01', 10)).toBe(2027);
    // December start: only December belongs to the next year's name.
    expect(fiscalYearOf('2026-11-30', 12)).toBe(2026);
    expect(fiscalYearOf('2026-12-01', 12)).toBe(2027);
    // February start: January is the last month of the year that began the February before.
    expect(fiscalYearOf('2027-01-31', 2)).toBe(2027);
    expect(fiscalYearOf('2027-02-01', 2)).toBe(2028);
  });

  it('have twelve months from their start month', () => {
    expect(fiscalMonths(2026, 1)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(fiscalMonths(2027, 7)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
    expect(fiscalMonths(2027, 12)[0]).toBe('2026-12');
    expect(fiscalMonths(2027, 12)[11]).toBe('2027-11');
    expect(fiscalMonths(2028, 2)).toEqual(['2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12', '2028-01']);
    // Every start month: the year contains the dates fiscalYearOf assigns to it.
    for (let start = 1; start <= 12; start++) {
      for (const m of fiscalMonths(2030, start)) expect(fiscalYearOf(`${m}-15`, start)).toBe(2030);
      expect(fiscalYearStart(2031, start)).toBe(addMonth(fiscalMonths(2030, start)[11]!, 1));
    }
  });

  it('count months across year ends', () => {
    expect(addMonth('2026-11', 3)).toBe('2027-02');
    expect(addMonth('2027-01', -1)).toBe('2026-12');
    expect(monthsBetween('2026-07', '2027-06')).toBe(11);
  });
});

describe('minor units', () => {
  it('split an amount into parts that add up to it exactly', () => {
    // $1,000.00 = 100000 cents over 12 months: 100000 = 12 × 8333 + 4, so four months of 8334 and eight of 8333.
    expect(splitEvenly(100_000, 12)).toEqual([8334, 8334, 8334, 8334, 8333, 8333, 8333, 8333, 8333, 8333, 8333, 8333]);
    // ¥1,000,000 (no minor digits) over 12: 1,000,000 = 12 × 83,333 + 4.
    const yen = splitEvenly(1_000_000, 12);
    expect(yen.slice(0, 4)).toEqual([83_334, 83_334, 83_334, 83_334]);
    expect(yen.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    // A credit of −10 cents over 3: −4, −3, −3.
    expect(splitEvenly(-10, 3)).toEqual([-4, -3, -3]);
    expect(splitEvenly(0, 12)).toEqual(Array(12).fill(0));
  });

  it('take amounts with no more decimals than the currency has, and refuse the rest', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
    expect(exactMinor(1234.56, 2)).toBe(123_456);
    expect(exactMinor(0.1 + 0.2, 2)).toBe(30);
    expect(exactMinor(12.345, 2)).toBeNull();
    expect(exactMinor(1500, 0)).toBe(1500);
    expect(exactMinor(1500.5, 0)).toBeNull();
    // Bahraini dinar: 12.345 BHD is 12345 fils.
    expect(exactMinor(12.345, 3)).toBe(12_345);
    expect(exactMinor(12.3456, 3)).toBeNull();
    expect(exactMinor(999_999_999_999.99, 2)).toBe(99_999_999_999_999);
    expect(toMinorUnits(12.345, 'BHD')).toBe(12_345);
  });
});

describe('committed items', () => {
  const fy2027 = fiscalMonths(2027, 7); // Jul 2026 .. Jun 2027

  it('a renewal inside the year counts its monthly parts from the renewal month to the year end', () => {
    // $12,000.00 a year renewing in April 2027: 1,200,000 cents / 12 = 100,000 a month; April, May, June = 300,000.
    const m = recurringInYear(1_200_000, '2027-04', fy2027, '2026-12');
    expect([...m]).toEqual([
      ['2027-04', 100_000],
      ['2027-05', 100_000],
      ['2027-06', 100_000],
    ]);
    // $1,000.00 a year renewing in April 2027: the first three parts are 8334 each (see above): 25,002 cents.
    const small = recurringInYear(100_000, '2027-04', fy2027, '2026-12');
    expect([...small.values()].reduce((a, b) => a + b, 0)).toBe(25_002);
  });

  it('a renewal after the year ends is outside it, and one before the as-of month counts only from it', () => {
    expect(recurringInYear(1_200_000, '2027-07', fy2027, '2026-12').size).toBe(0);
    // Renewed in October 2026, as of December 2026: December .. June are 7 months of 100,000.
    const m = recurringInYear(1_200_000, '2026-10', fy2027, '2026-12');
    expect(m.size).toBe(7);
    expect(m.get('2026-12')).toBe(100_000);
    expect(m.has('2026-11')).toBe(false);
  });

  it('a one-time amount is spread over its quarter, and what fell due before the as-of month falls in it', () => {
    // $30,000.01 = 3,000,001 cents over Jan, Feb, Mar 2027: 1,000,001 + 1,000,000 + 1,000,000.
    const m = oneTimeInYear(3_000_001, ['2027-01', '2027-02', '2027-03'], fy2027, '2026-12');
    expect([...m]).toEqual([
      ['2027-01', 1_000_001],
      ['2027-02', 1_000_000],
      ['2027-03', 1_000_000],
    ]);
    // A quarter already past (Jul–Sep 2026), as of December: all of it in December.
    const late = oneTimeInYear(900, ['2026-07', '2026-08', '2026-09'], fy2027, '2026-12');
    expect([...late]).toEqual([['2026-12', 900]]);
    // A quarter after the year (Jul–Sep 2027): nothing in FY2027.
    expect(oneTimeInYear(900, ['2027-07', '2027-08', '2027-09'], fy2027, '2026-12').size).toBe(0);
  });
});

describe('the forecast of a year', () => {
  // FY2027 of a July start, as of December 2026: July to November are past.
  const months = fiscalMonths(2027, 7);
  const flat = (amount: number): number[] => Array.from({ length: 12 }, () => amount);
  const plan: PlanRow[] = [
    { category: 'software_saas', seat: 'CIO', scope: 'internal', amounts: flat(10_000_00) }, // $10,000 a month, $120,000 a year
    { category: 'product_engineering', seat: 'CTO', scope: 'product', amounts: flat(5_000_00) }, // $5,000 a month, $60,000 a year
  ];

  it('counts actuals where there are any and the plan elsewhere, and flags past months without actuals', () => {
    const f = forecastYear({
      months,
      asOf: '2026-12',
      plan,
      actuals: [
        // July: software $11,000 (1,000 over), product $5,000; August: software $9,500 (500 under), product nothing recorded.
        { month: '2026-07', category: 'software_saas', seat: 'CIO', scope: 'internal', amount: 11_000_00 },
        { month: '2026-07', category: 'product_engineering', seat: 'CTO', scope: 'product', amount: 5_000_00 },
        { month: '2026-08', category: 'software_saas', seat: 'CIO', scope: 'internal', amount: 9_500_00 },
        // September and October: no actuals at all. November: $15,000 in total.
        { month: '2026-11', category: 'software_saas', seat: 'CIO', scope: 'internal', amount: 15_000_00 },
        // A month of another year is not this year's.
        { month: '2026-06', category: 'software_saas', seat: 'CIO', scope: 'internal', amount: 99_999_00 },
      ],
      committed: [],
    });
    // Plan: 12 × $15,000 = $180,000.
    expect(f.totals.plan).toBe(180_000_00);
    // Actuals to date: 11,000 + 5,000 + 9,500 + 15,000 = $40,500.
    expect(f.totals.actual).toBe(40_500_00);
    // Months with actuals: Jul ($16,000 against $15,000), Aug ($9,500 against $15,000), Nov ($15,000 against $15,000).
    // Forecast = 40,500 (actuals) + 9 × 15,000 (plan of the other nine months) = 40,500 + 135,000 = $175,500.
    expect(f.totals.forecast).toBe(175_500_00);
    expect(f.totals.variance).toBe(-4_500_00);
    expect(f.months.map((m) => m.basis)).toEqual(['actual', 'actual', 'plan', 'plan', 'actual', 'plan', 'plan', 'plan', 'plan', 'plan', 'plan', 'plan']);
    // September and October are past and have no actuals; December (the as-of month) is not flagged.
    expect(f.months.filter((m) => m.missingActuals).map((m) => m.month)).toEqual(['2026-09', '2026-10']);
    // By category, months with actuals: software 11,000 + 9,500 + 15,000 = 35,500 against 30,000: +5,500;
    // product 5,000 + 0 + 0 = 5,000 against 15,000: −10,000. Together −4,500 = the variance.
    const spending = f.reasons.filter((r) => r.kind === 'spending');
    expect(spending).toEqual([
      { kind: 'spending', category: 'product_engineering', amount: -10_000_00, months: ['2026-07', '2026-08', '2026-11'] },
      { kind: 'spending', category: 'software_saas', amount: 5_500_00, months: ['2026-07', '2026-08', '2026-11'] },
    ]);
    expect(f.reasons.find((r) => r.kind === 'missing-actuals')).toEqual({ kind: 'missing-actuals', months: ['2026-09', '2026-10'], plan: 30_000_00 });
    // The CIO/CTO split: internal IT forecast 35,500 + 9 × 10,000 = 125,500; product 5,000 + 9 × 5,000 = 50,000.
    expect(f.byScope.find((g) => g.key === 'internal')).toMatchObject({ plan: 120_000_00, actual: 35_500_00, forecast: 125_500_00, variance: 5_500_00 });
    expect(f.byScope.find((g) => g.key === 'product')).toMatchObject({ plan: 60_000_00, actual: 5_000_00, forecast: 50_000_00, variance: -10_000_00 });
  });

  it('adds committed items that are not in the plan, and its reasons add up to the variance', () => {
    const renewal: CommittedItem = {
      kind: 'renewal',
      id: 'c1',
      label: 'Snowflake capacity agreement',
      category: 'software_saas',
      seat: 'CTO',
      scope: 'product',
      // $24,000 a year from February 2027: February .. June = 5 × $2,000 = $10,000.
      byMonth: recurringInYear(24_000_00, '2027-02', months, '2026-12'),
    };
    const replacement: CommittedItem = { kind: 'replacement', id: 's1', label: 'Core switch', category: 'hardware_replacement', seat: 'CIO', scope: 'internal', byMonth: oneTimeInYear(7_500_00, ['2027-03'], months, '2026-12') };
    const f = forecastYear({ months, asOf: '2026-12', plan, actuals: [{ month: '2026-07', category: 'software_saas', seat: 'CIO', scope: 'internal', amount: 16_000_00 }], committed: [renewal, replacement] });
    // Forecast: July actual $16,000 (software only; product's July plan of $5,000 is replaced by the month's actuals),
    // eleven months of plan 11 × 15,000 = 165,000, committed 10,000 + 7,500 = 17,500: 198,500.
    expect(f.totals.committed).toBe(17_500_00);
    expect(f.totals.forecast).toBe(198_500_00);
    expect(f.totals.variance).toBe(18_500_00);
    expect(f.months.find((m) => m.month === '2027-02')!.forecast).toBe(17_000_00);
    // Reasons: software +6,000 in July, product −5,000 in July, renewal +10,000, replacement +7,500 = 18,500.
    const total = f.reasons.reduce((s, r) => s + (r.kind === 'missing-actuals' ? 0 : r.amount), 0);
    expect(total).toBe(f.totals.variance);
    expect(f.reasons.filter((r) => r.kind === 'committed').map((r) => r.amount)).toEqual([10_000_00, 7_500_00]);
  });

  it('works in a currency without minor digits', () => {
    // ¥1,200,000 a year planned evenly (¥100,000 a month), no actuals yet, as of the first month.
    const yen = fiscalMonths(2027, 4); // Apr 2026 .. Mar 2027
    const f = forecastYear({ months: yen, asOf: '2026-04', plan: [{ category: 'people', seat: 'CIO', scope: 'internal', amounts: splitEvenly(1_200_000, 12) }], actuals: [], committed: [] });
    expect(f.totals).toEqual({ plan: 1_200_000, actual: 0, committed: 0, forecast: 1_200_000, variance: 0 });
    expect(f.months.some((m) => m.missingActuals)).toBe(false);
  });
});
