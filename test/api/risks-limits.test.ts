import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * The risk register refuses figures its engine cannot honour (docs/risk-register.md, "Limits"):
 * a contributor's proposal with a loss event frequency of 200,000 a year, or 1e308, is a
 * validation error naming the field and the figure, whichever way it comes in, and the server
 * stays up to say so.
 */
interface ErrorOut {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  base = `/api/clients/${demo.clients.accounting}/risks`;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const loss = { type: 'uniform', min: 1000, max: 5000 };

describe('figures beyond the register\'s limits', () => {
  it('a proposal with 200,000 loss events a year is refused, naming the field and the figure', async () => {
    const contributor = await demo.as(DEMO.accounting.contributor);
    const res = await contributor.post<ErrorOut>(base, { title: 'Phishing clicks', inputs: { lossEventFrequency: { type: 'constant', value: 200_000 }, primaryLoss: loss } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: 'body.inputs.lossEventFrequency', message: 'may be at most 1,000 events a year (this one reaches 200,000)' }]);
  });

  it('1e308 anywhere in a distribution is refused by its field', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<ErrorOut>(base, { title: 'Huge', inputs: { threatEventFrequency: { type: 'pert', min: 1, mode: 2, max: 1e308 }, vulnerability: { type: 'constant', value: 0.1 }, primaryLoss: loss } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toContain('body.inputs.threatEventFrequency.max');
  });

  it('a treatment that multiplies a factor more than tenfold is refused', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const made = await advisor.post<{ id: string }>(base, { title: 'Bounded', inputs: { lossEventFrequency: { type: 'constant', value: 2 }, primaryLoss: loss } });
    expect(made.status).toBe(201);
    const res = await advisor.post<ErrorOut>(`${base}/${made.body.id}/treatments`, { name: 'Worse', effect: { lossEventFrequency: { type: 'uniform', min: 1, max: 50 } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.effect.lossEventFrequency', message: 'a multiplier may be at most 10 (this one reaches 50)' }]);
  });

  it('a template whose parameters give too many events a year is refused with the resulting field', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const res = await advisor.post<ErrorOut>(base, { title: 'Many attempts', template: 'bec', templateParams: { attemptsMin: 10_000, attemptsMode: 20_000, attemptsMax: 50_000 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'body.inputs.threatEventFrequency', message: 'may be at most 1,000 events a year (this one reaches 50,000)' });
  });

  it('a model file with too many events a year imports nothing and names the risk and field', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const model = { risks: [{ id: 'R900', name: 'Flood of incidents', lossEventFrequency: { type: 'constant', value: 5000 }, primaryLoss: loss }] };
    const res = await advisor.post<ErrorOut>(`${base}/import`, { model, dryRun: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'body.model.R900.lossEventFrequency', message: 'may be at most 1,000 events a year (this one reaches 5,000)' });
    // And the server is still there, answering.
    expect((await advisor.get(`${base}`)).status).toBe(200);
  });
});
