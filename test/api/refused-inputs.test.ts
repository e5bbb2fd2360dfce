import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import type { ScenarioDetailOut } from '../../src/modules/risks/schema.js';

/** Inputs that make no sense are refused with a message on the field, never swapped or clamped, and nothing is stored. */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let advisor: Caller;
let base: string;
let estate: string;
let scenario: ScenarioDetailOut;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const clientId = (await advisor.post<{ id: string }>('/api/clients', { name: 'Heron Dental', sector: 'Healthcare', employees: 25, annualRevenue: 4_000_000 })).body.id;
  base = `/api/clients/${clientId}/risks`;
  estate = `/api/clients/${clientId}/estate`;
  scenario = (await advisor.post<ScenarioDetailOut>(base, { title: 'Practice software outage', inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'lognormal', low: 1_000, high: 20_000 } } })).body;
});
afterAll(async () => {
  await t.close();
});

async function refused(res: Promise<{ status: number; body: unknown }>, path: string, message: string | RegExp): Promise<void> {
  const r = await res;
  expect(r.status).toBe(400);
  const details = (r.body as ErrorBody).error.details;
  expect(details.find((d) => d.path === path), JSON.stringify(details)).toBeDefined();
  expect(details.find((d) => d.path === path)!.message).toMatch(message);
}

describe('inputs are refused, never rewritten', () => {
  it('a treatment effect whose minimum exceeds its maximum', async () => {
    await refused(advisor.post(`${base}/${scenario.id}/treatments`, { name: 'Backups', effect: { primaryLoss: { type: 'uniform', min: 0.7, max: 0.4 } } }), 'body.effect.primaryLoss', 'min must be less than max');
    expect((await advisor.get<ScenarioDetailOut>(`${base}/${scenario.id}`)).body.treatmentList).toEqual([]);
  });

  it('a probability above 100 %, in the inputs or in a template\u2019s parameters', async () => {
    await refused(
      advisor.patch(`${base}/${scenario.id}`, { inputs: { threatEventFrequency: { type: 'constant', value: 4 }, vulnerability: { type: 'constant', value: 1.2 }, primaryLoss: { type: 'constant', value: 5_000 } } }),
      'body.inputs.vulnerability',
      'value must be between 0 and 1',
    );
    await refused(advisor.post(base, { title: 'Ransomware', template: 'ransomware', templateParams: { successRate: 1.5 } }), 'body.templateParams.successRate', 'must be at most 100 %');
    await refused(advisor.post(base, { title: 'Ransomware', template: 'ransomware', templateParams: { grossMargin: 1.2 } }), 'body.templateParams.grossMargin', 'must be at most 100 %');
    await refused(advisor.put(`${base}/templates/ransomware`, { params: { exfiltrationChance: 2 } }), 'body.params.exfiltrationChance', 'must be at most 100 %');
    expect((await advisor.get<{ scenarios: unknown[] }>(base)).body.scenarios).toHaveLength(1);
  });

  it('negative money', async () => {
    await refused(advisor.post(`${base}/${scenario.id}/treatments`, { name: 'Support contract', annualCost: -1_200, effect: { primaryLoss: { type: 'constant', value: 0.8 } } }), 'body.annualCost', 'must not be negative');
    await refused(advisor.post(base, { title: 'Ransomware', template: 'ransomware', templateParams: { recoveryCostLow: -5 } }), 'body.templateParams.recoveryCostLow', 'must not be negative');
    await refused(advisor.post(`${estate}/services`, { name: 'Imaging', downtimeCostPerHour: -300 }), 'body.downtimeCostPerHour', 'must not be negative');
    await refused(advisor.put(`${base}/appetite`, { points: [{ loss: -100, probability: 0.1 }] }), 'body.points.0.loss', 'must not be negative');
  });
});
