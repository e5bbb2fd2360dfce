import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeClient } from '../../src/modules/risks/recompute.js';
import type { InitiativeOut } from '../../src/modules/roadmap/schema.js';
import type { RegisterOut } from '../../src/modules/risks/schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/**
 * The risk an initiative reduces is the engine's: the register's own inherent-versus-residual
 * difference for the same treatments, to the last digit, and untouched by a scenario it does
 * not act on.
 */
let t: TestApp;
let sam: Caller;
let clientId: string;
let base: string;

const pert = (min: number, mode: number, max: number) => ({ type: 'pert', min, mode, max });

async function scenario(title: string, inputs: Record<string, unknown>): Promise<{ id: string; ref: string }> {
  const res = await sam.post<{ id: string; ref: string }>(`${base}/risks`, { title, ownerSeat: 'CISO', inputs });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function register(): Promise<RegisterOut> {
  await recomputeClient(t.ctx, clientId);
  const res = await sam.get<RegisterOut>(`${base}/risks`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp({ config: { simulationYears: 5000 } });
  const demo = await seedDemoWorld(t.ctx, t.server);
  sam = await demo.as(DEMO.advisor);
  // A client of its own, whose register holds only what this test puts in it.
  const created = await sam.post<{ id: string }>('/api/clients', { name: 'Reduction Test Co', sector: 'Testing', employees: 20, annualRevenue: 5_000_000, currency: 'USD' });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  base = `/api/clients/${clientId}`;
});
afterAll(async () => {
  await t.close();
});

describe('the risk an initiative reduces', () => {
  let initiative: InitiativeOut;
  let first: RegisterOut;

  it('equals the register\u2019s inherent-versus-residual difference for the same treatments, to the last digit', async () => {
    const a = await scenario('Ransomware on the file server', { threatEventFrequency: pert(0.5, 2, 6), vulnerability: { type: 'uniform', min: 0.1, max: 0.4 }, primaryLoss: { type: 'lognormal', low: 50_000, high: 2_000_000 }, secondaryLossEventFrequency: { type: 'constant', value: 0.3 }, secondaryLoss: { type: 'lognormal', low: 20_000, high: 900_000 } });
    const b = await scenario('Business e-mail compromise', { lossEventFrequency: { type: 'triangular', min: 0.2, mode: 1, max: 3 }, primaryLoss: { type: 'lognormal', low: 10_000, high: 400_000 } });
    const set = await sam.post<{ id: string; options: { id: string; name: string }[] }>(`${base}/risks/options`, {
      title: 'Resilience',
      description: null,
      scenarioIds: [a.id, b.id],
      options: [
        {
          name: 'Harden',
          description: null,
          measures: [
            { name: 'Immutable backups', annualCost: 12_000, oneTimeCost: 8_000, effects: [{ scenarioId: a.id, effect: { primaryLoss: { type: 'uniform', min: 0.2, max: 0.5 } } }] },
            { name: 'Payment call-back rule', annualCost: 1_000, oneTimeCost: 0, effects: [{ scenarioId: b.id, effect: { lossEventFrequency: { type: 'uniform', min: 0.3, max: 0.6 } } }] },
          ],
        },
        { name: 'Insure', description: null, measures: [{ name: 'Awareness', annualCost: 2_000, oneTimeCost: 0, effects: [{ scenarioId: a.id, effect: { vulnerability: { type: 'uniform', min: 0.8, max: 0.9 } } }] }] },
      ],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(201);
    const harden = set.body.options.find((o) => o.name === 'Harden')!;
    const made = await sam.post<InitiativeOut>(`${base}/roadmap/initiatives/from-source`, { type: 'option', setId: set.body.id, optionId: harden.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.status).toBe('approved');
    expect(made.body.treatments).toHaveLength(2);

    first = await register();
    const p = first.portfolio!;
    initiative = (await sam.get<InitiativeOut>(`${base}/roadmap/initiatives/${made.body.id}`)).body;
    const r = initiative.riskReduction!;
    expect(r.scenarios.map((s) => s.ref)).toEqual([a.ref, b.ref]);
    // The register's only treatments are the initiative's: its reduction is the register's inherent minus residual.
    expect(r.mean).toBe(p.mean - p.residual!.mean);
    expect(r.p95).toBe(p.p95 - p.residual!.p95);
    expect(r.without).toEqual({ mean: p.mean, p95: p.p95 });
    expect(r.with).toEqual({ mean: p.residual!.mean, p95: p.residual!.p95 });
    expect(r.mean).toBeGreaterThan(0);
  });

  it('is unchanged, to the last digit, when an unrelated scenario is added', async () => {
    await scenario('Cloud outage', { lossEventFrequency: { type: 'uniform', min: 0.5, max: 2 }, primaryLoss: { type: 'normal', mean: 80_000, sd: 30_000, min: 0 } });
    const second = await register();
    // The register moved: a third scenario adds to its losses...
    expect(second.portfolio!.scenarioCount).toBe(3);
    expect(second.portfolio!.mean).not.toBe(first.portfolio!.mean);
    // ...the initiative's reduction did not.
    const again = (await sam.get<InitiativeOut>(`${base}/roadmap/initiatives/${initiative.id}`)).body;
    expect(again.riskReduction!.mean).toBe(initiative.riskReduction!.mean);
    expect(again.riskReduction!.p95).toBe(initiative.riskReduction!.p95);
  });

  it('counts only its own treatments: another initiative\u2019s stay in both runs', async () => {
    const reg = await sam.get<RegisterOut>(`${base}/risks`);
    const cloud = reg.body.scenarios.find((s) => s.title === 'Cloud outage')!;
    const treatment = await sam.post<{ id: string }>(`${base}/risks/${cloud.id}/treatments`, { name: 'Second region', status: 'proposed', annualCost: 20_000, oneTimeCost: 0, effect: { primaryLoss: { type: 'uniform', min: 0.3, max: 0.5 } } });
    expect(treatment.status, JSON.stringify(treatment.body)).toBe(201);
    const other = await sam.post<InitiativeOut>(`${base}/roadmap/initiatives/from-source`, { type: 'treatments', treatmentIds: [treatment.body.id] });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    // A proposed treatment is not in the register's residual; the initiative still shows what it would cut.
    expect(other.body.riskReduction!.mean).toBeGreaterThan(0);
    expect(other.body.riskReduction!.scenarios.map((s) => s.id)).toEqual([cloud.id]);
    const mine = (await sam.get<InitiativeOut>(`${base}/roadmap/initiatives/${initiative.id}`)).body;
    expect(mine.riskReduction!.mean).toBe(initiative.riskReduction!.mean);
    // Ranked by risk reduced per unit of cost.
    const ranked = [mine, other.body].sort((x, y) => x.rank! - y.rank!);
    expect(ranked[0]!.riskPerCost!).toBeGreaterThanOrEqual(ranked[1]!.riskPerCost!);
  });
});
