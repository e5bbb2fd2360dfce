import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedAnnualLoss, validateModel } from '../../engine/index.js';
import { ransomwareWorstCase, roughly, TEMPLATE_KEYS, TEMPLATES, templateParams, type TemplateProfile } from './templates.js';

const profile = (employees: number, annualRevenue: number, records = employees * 250): TemplateProfile => ({
  currency: 'USD',
  employees,
  annualRevenue,
  downtimeCostPerHour: Math.max(100, annualRevenue / 8760),
  serviceDowntimeCostPerHour: Math.max(50, annualRevenue / 17520),
  downtimeBasis: 'revenue',
  rtoHours: null,
  personalRecords: records,
  recordsBasis: 'estimate',
  dataVendors: 5,
  vendorRecords: Math.round(records / 2),
  vendorsBasis: 'estimate',
  devices: Math.round(employees * 1.5),
  devicesBasis: 'estimate',
});

describe('scenario templates', () => {
  it('give valid engine inputs for any client from 1 to 100,000 people and no revenue to 10 billion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1e10, noNaN: true }), fc.integer({ min: 0, max: 50_000_000 }), (employees, revenue, records) => {
        const p = profile(employees, revenue, records);
        for (const key of TEMPLATE_KEYS) {
          const inputs = TEMPLATES[key].build(TEMPLATES[key].defaults(p));
          const problems = validateModel({ risks: [{ id: key, ...inputs }] });
          if (problems.length > 0) throw new Error(`${key} at ${employees} people, revenue ${revenue}, ${records} records: ${JSON.stringify(problems)}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scale with the client: a larger company meets threats more often and loses more per event', () => {
    const small = profile(20, 3_000_000);
    const large = profile(2_000, 500_000_000);
    for (const key of TEMPLATE_KEYS) {
      const t = TEMPLATES[key];
      expect(expectedAnnualLoss({ id: key, ...t.build(t.defaults(large)) }), key).toBeGreaterThan(expectedAnnualLoss({ id: key, ...t.build(t.defaults(small)) }));
    }
  });

  it('build the cloud outage loss from the downtime cost per hour and the duration', () => {
    const t = TEMPLATES['cloud-outage'];
    const inputs = t.build({ ...t.defaults(profile(50, 5_000_000)), downtimeCostPerHour: 1_000, durationHoursLow: 2, durationHoursHigh: 30 });
    expect(inputs.primaryLoss).toEqual({ type: 'lognormal', low: 2_000, high: 30_000 });
  });

  it('take the client\u2019s saved overrides over the defaults, and given values over both; unknown keys are ignored', () => {
    const t = TEMPLATES.bec;
    const p = templateParams(t, profile(50, 5_000_000), { successRate: 0.02, colour: 3 }, { attemptsMode: 9 });
    expect(p.successRate).toBe(0.02);
    expect(p.attemptsMode).toBe(9);
    expect('colour' in p).toBe(false);
  });

  it('price the ransomware worst case as a rising range whose parts add up', () => {
    const w = ransomwareWorstCase(profile(40, 9_200_000));
    expect(w.low).toBeLessThan(w.likely);
    expect(w.likely).toBeLessThan(w.high);
    for (const k of ['low', 'likely', 'high'] as const) expect(w[k]).toBe(w.components.reduce((s, c) => s + c[k], 0));
  });

  it('round estimates to two significant figures', () => {
    expect(roughly(123_456)).toBe(120_000);
    expect(roughly(0.0456)).toBeCloseTo(0.046, 10);
    expect(roughly(0)).toBe(0);
  });
});
