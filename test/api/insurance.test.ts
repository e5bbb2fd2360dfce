import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { InsuranceOut, PolicyOut, RegisterOut, ScenarioDetailOut } from '../../src/modules/risks/schema.js';
import type { WorstCaseOut } from '../../src/modules/risks/worst-case-schema.js';

/** A client's insurance policies: kept by advisors, audited, refused when they make no sense. */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let viewer: Caller;
let base: string;
let ransomware: ScenarioDetailOut;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  viewer = await demo.as(DEMO.accounting.viewer);
  const clientId = (await advisor.post<{ id: string }>('/api/clients', { name: 'Kite Architects', sector: 'Architecture', employees: 35, annualRevenue: 7_000_000 })).body.id;
  expect((await advisor.post(`/api/clients/${clientId}/members`, { email: DEMO.accounting.viewer, role: 'viewer' })).status).toBe(201);
  viewer = await demo.as(DEMO.accounting.viewer);
  base = `/api/clients/${clientId}/risks`;
  ransomware = (await advisor.post<ScenarioDetailOut>(base, { title: 'Ransomware on the project server', template: 'ransomware' })).body;
});
afterAll(async () => {
  await t.close();
});

describe('insurance policies', () => {
  it('an advisor adds, changes and removes a policy, each audited; others read it', async () => {
    const cyber = { name: 'Cyber liability', insurer: 'Beazley', premium: 18_000, deductible: 25_000, limit: 1_000_000, aggregateLimit: 2_000_000, renewalOn: '2027-03-31', coversAll: false, scenarioIds: [ransomware.id] };
    expect((await viewer.post(`${base}/insurance`, cyber)).status).toBe(403);
    const created = await advisor.post<PolicyOut>(`${base}/insurance`, cyber);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ref: 'P1', premium: 18_000, deductible: 25_000, limit: 1_000_000, aggregateLimit: 2_000_000, coversAll: false, daysToRenewal: 125, figures: null });
    expect(created.body.scenarios.map((s) => s.id)).toEqual([ransomware.id]);
    const list = (await viewer.get<InsuranceOut>(`${base}/insurance`)).body;
    expect(list).toMatchObject({ stale: true, can: { edit: false } });
    expect(list.policies.map((p) => p.ref)).toEqual(['P1']);

    const changed = await advisor.patch<PolicyOut>(`${base}/insurance/${created.body.id}`, { deductible: 50_000, coversAll: true });
    expect(changed.body).toMatchObject({ deductible: 50_000, coversAll: true });
    expect((await advisor.delete(`${base}/insurance/${created.body.id}`)).status).toBe(200);
    const trail = (await advisor.get<{ entries: { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[] }>(`${base.replace('/risks', '')}/audit?entityType=policy`)).body.entries;
    expect(trail.map((e) => e.action)).toEqual(['risk.policy.delete', 'risk.policy.update', 'risk.policy.create']);
    expect(trail[1]!.before).toMatchObject({ deductible: 25_000, coversAll: false, scenarioIds: [ransomware.id] });
    expect(trail[1]!.after).toMatchObject({ deductible: 50_000, coversAll: true });
    // Each change queued a recompute of the register in the same transaction.
    const jobs = (await advisor.get<{ jobs: { status: string }[] }>(`${base.replace('/risks', '')}/jobs?kind=risks.recompute`)).body.jobs;
    expect(jobs.some((j) => j.status === 'queued')).toBe(true);
  });

  it('refuses a policy that makes no sense, naming the field, and stores nothing', async () => {
    const bad = async (body: Record<string, unknown>, path: string, message: string | RegExp) => {
      const res = await advisor.post<ErrorBody>(`${base}/insurance`, { name: 'Cyber', insurer: 'Hiscox', premium: 9_000, deductible: 10_000, limit: 500_000, ...body });
      expect(res.status).toBe(400);
      const d = res.body.error.details.find((x) => x.path === path);
      expect(d, JSON.stringify(res.body.error.details)).toBeDefined();
      expect(d!.message).toMatch(message);
    };
    await bad({ premium: -1 }, 'body.premium', 'must not be negative');
    await bad({ deductible: -5 }, 'body.deductible', 'must not be negative');
    await bad({ limit: 0 }, 'body.limit', 'must be more than 0');
    await bad({ aggregateLimit: 100_000 }, 'body.aggregateLimit', 'must not be below the limit per event (500000)');
    await bad({ coversAll: false, scenarioIds: [] }, 'body.scenarioIds', /name the scenarios it covers/);
    await bad({ coversAll: false, scenarioIds: ['01a21868-f316-7442-9b0f-a2c51213f029'] }, 'body.scenarioIds.0', 'no such risk scenario in this client');
    await bad({ renewalOn: '2027-02-30' }, 'body.renewalOn', 'is not a real date');
    await bad({ colour: 'red' }, 'body.colour', 'unknown field');
    expect((await advisor.get<InsuranceOut>(`${base}/insurance`)).body.policies).toEqual([]);
  });
});

describe('the loss the company keeps', () => {
  it('a cyber policy turns the register\u2019s verdict: the appetite is checked on what the company keeps, and the premium stands against the expected recovery', async () => {
    // The contract's example: two loss events a year on average, each of 100,000; the policy
    // keeps 25,000 and pays at most 50,000 per event, so it recovers 2 × 50,000 a year.
    const clientId = (await advisor.post<{ id: string }>('/api/clients', { name: 'Swift Couriers', sector: 'Logistics', employees: 50, annualRevenue: 9_000_000 })).body.id;
    const api = `/api/clients/${clientId}/risks`;
    expect((await advisor.put(`${api}/settings`, { years: 20_000 })).status).toBe(200);
    const r = (await advisor.post<ScenarioDetailOut>(api, { title: 'Parcel system outage', inputs: { lossEventFrequency: { type: 'constant', value: 2 }, primaryLoss: { type: 'constant', value: 100_000 } } })).body;
    // Tolerated: at most a 30 % chance a year of losing more than 150,000 (two events or more: 59 %).
    expect((await advisor.put(`${api}/appetite`, { points: [{ loss: 150_000, probability: 0.3 }] })).status).toBe(200);
    await t.ctx.jobs.runDue();
    const before = (await advisor.get<RegisterOut>(api)).body;
    expect(before.appetite).toMatchObject({ basis: 'inherent', breached: true, settled: true });
    expect(before.portfolio!.retained).toBeNull();

    const policy = await advisor.post<PolicyOut>(`${api}/insurance`, { name: 'Cyber liability', insurer: 'Coalition', premium: 18_000, deductible: 25_000, limit: 50_000, coversAll: true, renewalOn: '2027-05-01' });
    expect(policy.status).toBe(201);
    // A policy change makes the stored figures stale and recomputes them.
    expect((await advisor.get<RegisterOut>(api)).body.status.stale).toBe(true);
    await t.ctx.jobs.runDue();
    const after = (await advisor.get<RegisterOut>(api)).body;
    expect(after.status.stale).toBe(false);
    // Insurance never changes the scenario's own figures.
    const scenario = (x: RegisterOut) => x.scenarios.find((s) => s.id === r.id)!.result!.inherent;
    expect(scenario(after)).toEqual(scenario(before));
    expect(after.portfolio!.mean).toBe(before.portfolio!.mean);
    // The company keeps 50,000 of each event: more than 150,000 only in years of four events or more (14 %).
    expect(after.appetite).toMatchObject({ basis: 'retained', breached: false, settled: true });
    expect(after.appetite.checks[0]!.probability).toBeCloseTo(1 - Math.exp(-2) * (1 + 2 + 2 + 4 / 3), 1);
    const kept = after.portfolio!.retained!;
    expect(kept.mean / (after.portfolio!.mean / 2)).toBeCloseTo(1, 10);
    expect(after.portfolio!.insurance!.premium).toBe(18_000);

    const insurance = (await advisor.get<InsuranceOut>(`${api}/insurance`)).body;
    const f = insurance.policies[0]!.figures!;
    expect(f.expectedRecovery / 100_000).toBeGreaterThan(0.97);
    expect(f.expectedRecovery / 100_000).toBeLessThan(1.03);
    expect(f.expectedRecovery).toBeCloseTo(after.portfolio!.mean - kept.mean, 6);
    expect(f.probabilityOfClaim).toBeCloseTo(1 - Math.exp(-2), 1);
    expect(insurance.policies[0]!.sentence).toMatch(/^Cyber liability: a premium of \$18,000 a year against an expected recovery of \$[\d,]+ a year \(\d+ cents on the dollar\); it pays out in [\d.]+ % of years/);
    expect(insurance.summary).toMatchObject({ premium: 18_000, costWithInsurance: kept.mean + 18_000 });
    expect(insurance.summary!.sentence).toMatch(/after its insurance it keeps \$[\d,]+ a year/);

    // An annual aggregate of 100,000 caps the recoveries: exhausted in years of two events or more.
    const capped = await advisor.patch<PolicyOut>(`${api}/insurance/${policy.body.id}`, { aggregateLimit: 100_000 });
    expect(capped.status).toBe(200);
    await t.ctx.jobs.runDue();
    const g = (await advisor.get<InsuranceOut>(`${api}/insurance`)).body.policies[0]!.figures!;
    expect(g.aggregateExhausted).toBeCloseTo(1 - 3 * Math.exp(-2), 1);
    expect(g.expectedRecovery).toBeLessThan(f.expectedRecovery);

    // An acceptance is weighed on what the company keeps. With the aggregate, three events or more
    // (32 % of years) leave the company more than 150,000: above the appetite again.
    const check = await advisor.post<{ basis: string; aboveAppetite: boolean; settled: boolean; explanation: string }>(`${api}/appetite-check`, { riskIds: [r.id] });
    expect(check.body).toMatchObject({ basis: 'retained', aboveAppetite: true, settled: true });
    expect(check.body.explanation).toMatch(/risk register \(1 scenario, after insurance\) exceeds \$150,000 in a year with a 3\d\.\d % chance/);
    expect((await advisor.patch(`${api}/insurance/${policy.body.id}`, { aggregateLimit: null })).status).toBe(200);
    const within = await advisor.post<{ basis: string; aboveAppetite: boolean; explanation: string }>(`${api}/appetite-check`, { riskIds: [r.id] });
    expect(within.body).toMatchObject({ basis: 'retained', aboveAppetite: false });
    expect(within.body.explanation).toMatch(/risk register \(1 scenario, after insurance\) stays within the risk appetite/);
  });
});

describe('the worst case after insurance', () => {
  it('shows what the company keeps of one attack beside its cost, and says how', async () => {
    await t.ctx.jobs.runDue();
    const gross = (await advisor.get<WorstCaseOut>(`${base}/worst-case`)).body;
    expect(gross.scenario!.id).toBe(ransomware.id);
    expect(gross.insurance).toBeNull();
    expect(gross.lines.map((l) => l.key)).not.toContain('insurance');

    // A policy that covers another scenario only leaves the attack uninsured.
    const other = (await advisor.post<ScenarioDetailOut>(base, { title: 'Invoice fraud', inputs: { lossEventFrequency: { type: 'constant', value: 0.2 }, primaryLoss: { type: 'lognormal', low: 5_000, high: 80_000 } } })).body;
    const crime = await advisor.post<PolicyOut>(`${base}/insurance`, { name: 'Crime', insurer: 'Chubb', premium: 2_000, deductible: 5_000, limit: 100_000, coversAll: false, scenarioIds: [other.id] });
    expect(crime.status).toBe(201);
    expect((await advisor.get<WorstCaseOut>(`${base}/worst-case`)).body.insurance).toBeNull();

    const cyber = await advisor.post<PolicyOut>(`${base}/insurance`, { name: 'Cyber liability', insurer: 'Beazley', premium: 18_000, deductible: 25_000, limit: 250_000, coversAll: false, scenarioIds: [ransomware.id] });
    expect(cyber.status).toBe(201);
    await t.ctx.jobs.runDue();
    const w = (await advisor.get<WorstCaseOut>(`${base}/worst-case`)).body;
    // The attack's cost is the same: insurance changes what the company keeps, not what it loses.
    expect([w.low, w.expected, w.high]).toEqual([gross.low, gross.expected, gross.high]);
    const keeps = (loss: number) => loss - Math.min(Math.max(loss - 25_000, 0), 250_000);
    expect(w.insurance!.policies.map((p) => p.ref)).toEqual([cyber.body.ref]);
    expect(w.insurance!.low).toBeCloseTo(keeps(w.low), 6);
    expect(w.insurance!.high).toBeCloseTo(keeps(w.high), 6);
    expect(w.insurance!.expected!).toBeGreaterThan(keeps(w.low));
    expect(w.insurance!.expected!).toBeLessThan(w.expected);
    const line = w.lines.find((l) => l.key === 'insurance')!.text;
    expect(line).toMatch(new RegExp(`^After insurance \\(${cyber.body.ref} Cyber liability \\(\\$25,000 deductible, \\$250,000 limit per event\\)\\), the company keeps \\$[\\d,]+ of the low end, \\$[\\d,]+ of an average attack and \\$[\\d,]+ of the high end\\. ${cyber.body.ref} costs \\$18,000 a year against an expected recovery of \\$[\\d,]+ a year on the risks it covers\\.$`));
  });
});
