import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedAnnualLoss, validateModel } from '../../engine/index.js';
import { ransomwareParts, roughly, TEMPLATE_KEYS, TEMPLATES, templateParams, type TemplateProfile } from './templates.js';

const profile = (employees: number, annualRevenue: number, records = employees * 250): TemplateProfile => ({
  currency: 'USD',
  employees,
  annualRevenue,
  downtimeCostPerHour: Math.max(100, annualRevenue / 8760),
  operatingHoursPerWeek: 168,
  grossMargin: null,
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

  it('price a ransomware outage in the hours the services run, at the gross margin, never above the gross profit of that time', () => {
    const t = TEMPLATES.ransomware;
    const base = { ...t.defaults(profile(40, 9_200_000)), downtimeCostPerHour: 2_000, outageHoursLow: 48, outageHoursHigh: 336, recoveryCostLow: 30_000, recoveryCostHigh: 250_000, annualRevenue: 9_200_000 };
    // Business hours: 40 of the 168 hours of a week lose revenue; 60 % of it is lost profit.
    const office = ransomwareParts({ ...base, operatingHoursPerWeek: 40, grossMargin: 0.6 });
    expect(office.interruption.detail.high.operatingHours).toBeCloseTo(80, 10);
    expect(office.interruption.detail.high).toMatchObject({ revenueLost: 160_000, capped: false, loss: 96_000 });
    expect(office.interruption.high).toBe(96_000);
    // Around the clock, the same hourly cost loses every hour.
    expect(ransomwareParts({ ...base, operatingHoursPerWeek: 168, grossMargin: 1 }).interruption.detail.high.revenueLost).toBe(672_000);
    // A cost per hour above what the company earns is capped at its revenue over the outage.
    const inflated = ransomwareParts({ ...base, downtimeCostPerHour: 50_000, operatingHoursPerWeek: 40, grossMargin: 0.6 });
    expect(inflated.interruption.detail.high.capped).toBe(true);
    expect(inflated.interruption.detail.high.loss).toBeCloseTo((0.6 * 9_200_000 * 336) / 8760, 6);
    // The inputs are built from the parts: primary = interruption + recovery; secondary = records.
    const inputs = t.build({ ...base, operatingHoursPerWeek: 40, grossMargin: 0.6 });
    expect(inputs.primaryLoss).toEqual({ type: 'lognormal', low: office.interruption.low + 30_000, high: office.interruption.high + 250_000 });
    expect(inputs.secondaryLoss).toEqual({ type: 'lognormal', ...office.records });
  });

  it('never lets the interruption exceed the gross profit earned over the outage, whatever the inputs', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom(40, 100, 168), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1e5, max: 1e10, noNaN: true }), fc.integer({ min: 1, max: 5_000 }), (cost, opw, margin, revenue, hours) => {
        const bi = ransomwareParts({ downtimeCostPerHour: cost, operatingHoursPerWeek: opw, grossMargin: margin, annualRevenue: revenue, outageHoursLow: 1, outageHoursHigh: hours }).interruption.detail.high;
        // Up to rounding: the product is computed in another order, so allow a relative 1e-12.
        const within = (cap: number) => cap * (1 + 1e-12) + 1e-6;
        expect(bi.loss).toBeLessThanOrEqual(within((margin * revenue * hours) / 8760));
        expect(bi.loss).toBeLessThanOrEqual(within(margin * cost * hours));
      }),
      { numRuns: 300 },
    );
  });

  it('round estimates to two significant figures', () => {
    expect(roughly(123_456)).toBe(120_000);
    expect(roughly(0.0456)).toBeCloseTo(0.046, 10);
    expect(roughly(0)).toBe(0);
  });
});
