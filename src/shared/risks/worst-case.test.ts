import { describe, expect, it } from 'vitest';
import { expectedAnnualLoss, expectedEventsPerYear, simulateModel } from '../../engine/index.js';
import { TEMPLATES } from './templates.js';
import { ransomwareWorstCase } from './worst-case.js';

const client = { name: 'Harbor & Finch CPAs', currency: 'USD', annualRevenue: 9_200_000 };
const params = {
  ...TEMPLATES.ransomware.defaults({
    currency: 'USD',
    employees: 40,
    annualRevenue: 9_200_000,
    downtimeCostPerHour: 4_100,
    operatingHoursPerWeek: 40,
    grossMargin: 0.7,
    serviceDowntimeCostPerHour: 2_000,
    downtimeBasis: '4 business services',
    rtoHours: 24,
    personalRecords: 22_000,
    recordsBasis: 'data sets',
    dataVendors: 5,
    vendorRecords: 10_000,
    vendorsBasis: 'vendors',
    devices: 60,
    devicesBasis: 'estimate',
  }),
  outageHoursLow: 48,
  outageHoursHigh: 400,
};
const inputs = TEMPLATES.ransomware.build(params);
const scenario = { ref: 'R1', title: 'Ransomware encrypts client files', inputs, params, treatments: [] };

describe('the ransomware worst case', () => {
  it('is the register scenario\u2019s own figures: its ends are the inputs\u2019 ends, its parts add up to them', () => {
    const w = ransomwareWorstCase(scenario, client);
    expect(w.fromParts).toBe(true);
    const primary = inputs.primaryLoss as { low: number; high: number };
    const secondary = inputs.secondaryLoss as { low: number; high: number };
    expect(w.low).toBe(primary.low);
    expect(w.high).toBe(primary.high + secondary.high);
    const part = (k: string) => w.components.find((c) => c.key === k)!;
    expect(part('interruption').low + part('recovery').low).toBe(w.low);
    expect(part('interruption').high + part('recovery').high + part('records').high).toBe(w.high);
    expect(w.low).toBeLessThan(w.expected);
    expect(w.expected).toBeLessThan(w.high);
  });

  it('expects per attack what the register expects a year, divided by the attacks a year', () => {
    const w = ransomwareWorstCase(scenario, client);
    const risk = { id: 'R1', ...inputs };
    expect(w.expected * expectedEventsPerYear(risk)).toBeCloseTo(expectedAnnualLoss(risk), 6);
    // And the simulation agrees with both, within its sampling error.
    const sim = simulateModel({ risks: [risk] }, { years: 200_000, seed: 7 });
    expect(sim.risks[0]!.mean / (w.expected * expectedEventsPerYear(risk))).toBeGreaterThan(0.95);
    expect(sim.risks[0]!.mean / (w.expected * expectedEventsPerYear(risk))).toBeLessThan(1.05);
  });

  it('says how every figure was derived, in words a board member can follow', () => {
    const w = ransomwareWorstCase(scenario, client);
    expect(w.lines.map((l) => l.key)).toEqual(['low', 'expected', 'high', 'revenue']);
    expect(w.lines[0]!.text).toMatch(/^Low end, \$[\d,]+: a 48-hour outage \(recovery as planned\) and no data stolen/);
    expect(w.lines[3]!.text).toMatch(/^The high end is \d+ % of Harbor & Finch CPAs' annual revenue \(\$9,200,000\)\.$/);
    const bi = w.components.find((c) => c.key === 'interruption')!;
    expect(bi.basis).toBe(
      'Down 48 to 400 hours; the services run in business hours, 40 of the 168 hours in a week, so 11 to 95 of those hours lose revenue, at $4,100 an hour; 70 % of it is lost profit (the gross margin).',
    );
    expect(w.exceedsRevenue).toBe(false);
  });

  it('shows what the measures change in the cost of one attack', () => {
    const backups = { id: 'C1', name: 'Immutable backups', annualCost: 9_600, effect: { primaryLoss: { type: 'uniform' as const, min: 0.4, max: 0.6 } } };
    const edr = { id: 'C2', name: 'Endpoint detection', annualCost: 14_400, effect: { vulnerability: { type: 'uniform' as const, min: 0.3, max: 0.6 } } };
    const w = ransomwareWorstCase({ ...scenario, treatments: [backups, edr] }, client);
    const none = ransomwareWorstCase(scenario, client);
    expect(w.expected).toBe(none.expected);
    expect(w.expectedWithMeasures).toBeLessThan(w.expected);
    // Only the backups act on what one attack costs; detection acts on how often one succeeds.
    expect(w.lines.find((l) => l.key === 'measures')?.text).toMatch(/^With Immutable backups, one attack is expected to cost/);
  });

  it('says so when the inputs put the high end above the annual revenue', () => {
    const big = { ...params, records: 400_000 };
    const w = ransomwareWorstCase({ ...scenario, inputs: TEMPLATES.ransomware.build(big), params: big }, client);
    expect(w.exceedsRevenue).toBe(true);
    expect(w.lines.find((l) => l.key === 'revenue')?.text).toMatch(/^The high end is more than Harbor & Finch CPAs' annual revenue \(\$9,200,000\): stolen records and legal costs alone reaches/);
  });

  it('falls back on the inputs themselves when they were set by hand', () => {
    const edited = { ...inputs, primaryLoss: { type: 'lognormal' as const, low: 100_000, high: 900_000 } };
    const w = ransomwareWorstCase({ ...scenario, inputs: edited }, client);
    expect(w.fromParts).toBe(false);
    expect(w.low).toBe(100_000);
    expect(w.components.map((c) => c.key)).toEqual(['primary', 'secondary']);
    expect(w.components[0]!.basis).toMatch(/set by hand/);
  });
});
