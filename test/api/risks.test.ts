import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { OptionSetOut } from '../../src/modules/risks/options-schema.js';
import type { OverviewOut, PortfolioRiskRow } from '../../src/modules/risks/overview-schema.js';
import type { RegisterOut, ScenarioDetailOut, TreatmentOut, WorstCaseOut } from '../../src/modules/risks/schema.js';
import type { SettingsOut } from '../../src/modules/risks/settings-schema.js';
import type { TemplatesOut } from '../../src/modules/risks/templates-schema.js';
import type { ImportReport } from '../../src/modules/risks/transfer-schema.js';
import { checkAgainstAppetite, getRiskSnapshots, setRiskStatus } from '../../src/modules/risks/api.js';
import { parseModel, simulateModel, type RiskModel } from '../../src/engine/index.js';
import { ClientScope } from '../../src/server/context.js';
import { clientInfo, getClientRow } from '../../src/modules/clients/clients.js';
import { systemActor } from '../../src/server/firm.js';
import { ransomwareParts } from '../../src/shared/risks/templates.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  actor: string;
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let executive: Caller;
let viewer: Caller;
let outsider: Caller;
let clientId: string;
let base: string;

/** A FAIR input with constant factors: its mean annual loss is LEF × primary loss exactly in expectation. */
const constantInputs = (lef: number, loss: number) => ({ lossEventFrequency: { type: 'constant', value: lef }, primaryLoss: { type: 'constant', value: loss } });

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
  executive = await demo.as(DEMO.accounting.executive);
  viewer = await demo.as(DEMO.accounting.viewer);
  outsider = await demo.as(DEMO.saas.executive);
  // A client of our own, with a member of each role, so that counts are ours alone.
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Quill & Ledger Ltd', sector: 'Professional services', employees: 80, annualRevenue: 12_000_000, currency: 'USD' });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  base = `/api/clients/${clientId}/risks`;
  for (const [email, role] of [
    [DEMO.accounting.contributor, 'contributor'],
    [DEMO.accounting.executive, 'executive'],
    [DEMO.accounting.viewer, 'viewer'],
  ] as const) {
    expect((await advisor.post(`/api/clients/${clientId}/members`, { email, role })).status).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

async function register(caller: Caller = viewer): Promise<RegisterOut> {
  const res = await caller.get<RegisterOut>(base);
  expect(res.status).toBe(200);
  return res.body;
}
async function audit(action?: string): Promise<AuditEntry[]> {
  const res = await advisor.get<{ entries: AuditEntry[] }>(`/api/clients/${clientId}/audit?limit=500${action ? `&action=${action}` : ''}`);
  return res.body.entries;
}
async function recompute(): Promise<void> {
  await t.ctx.jobs.runDue();
}
async function create(body: Record<string, unknown>, caller: Caller = advisor): Promise<ScenarioDetailOut> {
  const res = await caller.post<ScenarioDetailOut>(base, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('scenarios from templates and the background recompute', () => {
  it('creates a scenario from a template with adjusted parameters, queues a recompute, and shows the stored result once it ran', async () => {
    const templates = (await viewer.get<TemplatesOut>(`${base}/templates`)).body;
    const ransomware = templates.templates.find((x) => x.key === 'ransomware')!;
    expect(ransomware.inputs).not.toBeNull();
    const created = await create({ title: 'Ransomware on the practice systems', template: 'ransomware', templateParams: { outageHoursHigh: 480, downtimeCostPerHour: 3_000 }, ownerSeat: 'CISO' });
    expect(created.ref).toMatch(/^R\d+$/);
    expect(created.templateParams?.outageHoursHigh).toBe(480);
    // The template's primary loss: the business interruption of the outage (its operating hours
    // at the gross margin, at most the gross profit of that time) plus the response cost.
    const p = created.templateParams!;
    expect(created.inputs.primaryLoss).toEqual({ type: 'lognormal', low: ransomwareParts(p).interruption.low + p.recoveryCostLow!, high: ransomwareParts(p).interruption.high + p.recoveryCostHigh! });
    expect(ransomwareParts(p).interruption.detail.high.revenueLost).toBeCloseTo((3_000 * 480 * p.operatingHoursPerWeek!) / 168, 6);
    expect(p.downtimeCostPerHour).toBe(3_000);

    // Queued in the same transaction: the register says it is being refreshed and has no result yet.
    let reg = await register();
    expect(reg.status.refreshing).toBe(true);
    expect(reg.status.jobStatus).toBe('queued');
    expect(reg.scenarios.find((s) => s.id === created.id)!.result).toBeNull();
    const jobs = await viewer.get<{ jobs: { kind: string; status: string }[] }>(`/api/clients/${clientId}/jobs?kind=risks.recompute`);
    expect(jobs.body.jobs.some((j) => j.status === 'queued')).toBe(true);

    await recompute();
    reg = await register();
    expect(reg.status.refreshing).toBe(false);
    expect(reg.status.stale).toBe(false);
    expect(reg.status.inputsHash).toBe(reg.status.currentInputsHash);
    const settings = (await viewer.get<SettingsOut>(`${base}/settings`)).body;
    expect(reg.status.seed).toBe(settings.seed);
    expect(reg.status.years).toBe(settings.years);
    const row = reg.scenarios.find((s) => s.id === created.id)!;
    expect(row.result).not.toBeNull();
    expect(row.result!.stale).toBe(false);
    expect(row.result!.inherent.mean).toBeGreaterThan(0);
    expect(reg.portfolio!.mean).toBeCloseTo(reg.scenarios.filter((s) => s.result?.inPortfolio).reduce((sum, s) => sum + s.result!.inherent.mean, 0), 6);

    const entries = await audit('risk.create');
    expect(entries.find((e) => e.entityId === created.id)?.after).toMatchObject({ ref: created.ref, template: 'ransomware' });
  });

  it('a change to a scenario marks its result stale until the recompute stores a new one, and says which results changed', async () => {
    const a = await create({ title: 'Outage of the practice platform', inputs: constantInputs(2, 10_000) });
    const b = await create({ title: 'Lost phone', inputs: constantInputs(0.5, 2_000) });
    await recompute();
    const events: string[][] = [];
    t.ctx.events.on('risks.results-updated', (e) => {
      if (e.clientId === clientId) events.push(e.riskIds);
    });
    const patched = await advisor.patch<ScenarioDetailOut>(`${base}/${a.id}`, { inputs: constantInputs(2, 20_000) });
    expect(patched.status).toBe(200);
    expect(patched.body.result!.stale).toBe(true);
    expect((await register()).status.stale).toBe(true);
    await recompute();
    const after = await advisor.get<ScenarioDetailOut>(`${base}/${a.id}`);
    expect(after.body.result!.stale).toBe(false);
    // Poisson(2) losses of 20,000: the simulated mean is close to 40,000.
    expect(after.body.result!.inherent.mean).toBeGreaterThan(30_000);
    expect(after.body.result!.inherent.mean).toBeLessThan(50_000);
    // Only the changed scenario's result moved: every scenario draws its own random numbers.
    expect(events).toEqual([[a.id]]);
    expect(events.flat()).not.toContain(b.id);
  });

  it('rejects unknown fields and invalid distributions with the field named, and writes nothing', async () => {
    const before = (await register()).scenarios.length;
    const auditBefore = (await audit()).length;
    const unknown = await advisor.post<ErrorBody>(base, { title: 'X', inputs: constantInputs(1, 1), colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d) => d.path)).toContain('body.colour');
    const badDist = await advisor.post<ErrorBody>(base, { title: 'X', inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'lognormal', low: 5_000, high: 1_000 } } });
    expect(badDist.status).toBe(400);
    expect(badDist.body.error.details).toContainEqual({ path: 'body.inputs.primaryLoss', message: 'low must be less than high' });
    const both = await advisor.post<ErrorBody>(base, { title: 'X', inputs: { ...constantInputs(1, 1), threatEventFrequency: { type: 'constant', value: 1 }, vulnerability: { type: 'constant', value: 0.5 } } });
    expect(both.status).toBe(400);
    expect(both.body.error.details[0]!.path).toBe('body.inputs');
    const noInputs = await advisor.post<ErrorBody>(base, { title: 'X' });
    expect(noInputs.status).toBe(400);
    expect(noInputs.body.error.details[0]!.path).toBe('body.inputs');
    const badParam = await advisor.post<ErrorBody>(base, { title: 'X', template: 'bec', templateParams: { wingspan: 3 } });
    expect(badParam.status).toBe(400);
    expect(badParam.body.error.details[0]!.path).toBe('body.templateParams.wingspan');
    expect((await register()).scenarios.length).toBe(before);
    expect((await audit()).length).toBe(auditBefore);
  });

  it('refuses to set the status to accepted: acceptance goes through a risk acceptance request', async () => {
    const onCreate = await advisor.post<ErrorBody>(base, { title: 'Y', inputs: constantInputs(1, 1), status: 'accepted' });
    expect(onCreate.status).toBe(400);
    expect(onCreate.body.error.message).toMatch(/risk acceptance request/);
    expect(onCreate.body.error.details[0]!.path).toBe('body.status');
    const s = await create({ title: 'Accept me', inputs: constantInputs(0.1, 1_000) });
    const onPatch = await advisor.patch<ErrorBody>(`${base}/${s.id}`, { status: 'accepted' });
    expect(onPatch.status).toBe(400);
    expect(onPatch.body.error.message).toMatch(/governance/);
    expect((await advisor.get<ScenarioDetailOut>(`${base}/${s.id}`)).body.status).toBe('open');
    expect((await advisor.patch<ScenarioDetailOut>(`${base}/${s.id}`, { status: 'treating' })).body.status).toBe('treating');
  });
});

describe('treatments: inherent, residual and return on security investment', () => {
  it('counts planned and in-place treatments in the residual; proposed ones show as an option', async () => {
    const s = await create({ title: 'Invoice fraud', inputs: { threatEventFrequency: { type: 'constant', value: 4 }, vulnerability: { type: 'constant', value: 0.5 }, primaryLoss: { type: 'constant', value: 10_000 } } });
    const proposed = await advisor.post<TreatmentOut>(`${base}/${s.id}/treatments`, { name: 'Call-back checks', status: 'proposed', annualCost: 2_000, oneTimeCost: 500, effect: { vulnerability: { type: 'constant', value: 0.25 } } });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ counted: false, annualCost: 2_000, oneTimeCost: 500, ref: expect.stringMatching(/^C\d+$/) as unknown });
    await recompute();
    let d = (await viewer.get<ScenarioDetailOut>(`${base}/${s.id}`)).body;
    expect(d.result!.residual).toBeNull();
    expect(d.result!.current.mean).toBe(d.result!.inherent.mean);
    expect(d.result!.withProposed!.mean).toBeLessThan(d.result!.inherent.mean);

    const planned = await advisor.patch<TreatmentOut>(`${base}/${s.id}/treatments/${proposed.body.id}`, { status: 'planned' });
    expect(planned.body.counted).toBe(true);
    await recompute();
    d = (await viewer.get<ScenarioDetailOut>(`${base}/${s.id}`)).body;
    const r = d.result!;
    expect(r.residual).not.toBeNull();
    expect(r.current).toEqual(r.residual);
    // Vulnerability × 0.25: about a quarter of the inherent loss.
    expect(r.residual!.mean / r.inherent.mean).toBeGreaterThan(0.2);
    expect(r.residual!.mean / r.inherent.mean).toBeLessThan(0.3);
    expect(r.treatmentCost).toBe(2_000);
    expect(r.rosi).toBeCloseTo((r.inherent.mean - r.residual!.mean - 2_000) / 2_000, 9);
    expect(d.curves!.residual!.lec.length).toBeGreaterThanOrEqual(50);

    const invalidEffect = await advisor.post<ErrorBody>(`${base}/${s.id}/treatments`, { name: 'Nothing', effect: { secondaryLoss: { type: 'constant', value: 0.5 } } });
    expect(invalidEffect.status).toBe(400);
    expect(invalidEffect.body.error.details[0]).toEqual({ path: 'body.effect.secondaryLoss', message: 'the risk has no secondary loss' });

    const entries = await audit('risk.treatment.update');
    expect(entries.find((e) => e.entityId === proposed.body.id)).toMatchObject({ before: { status: 'proposed' }, after: { status: 'planned' } });
  });
});

describe('roles', () => {
  it('contributors propose scenarios that stay out of the portfolio until an advisor approves them', async () => {
    const proposal = await create({ title: 'Visitors on the office Wi-Fi', inputs: constantInputs(0.2, 5_000) }, contributor);
    expect(proposal.proposed).toBe(true);
    expect(proposal.permissions).toMatchObject({ edit: true, approve: false });
    await recompute();
    let reg = await register();
    let row = reg.scenarios.find((s) => s.id === proposal.id)!;
    expect(row.result).not.toBeNull();
    expect(row.result!.inPortfolio).toBe(false);
    expect(row.result!.share).toBeNull();
    const inPortfolio = reg.scenarios.filter((s) => s.result?.inPortfolio).length;
    expect(reg.portfolio!.scenarioCount).toBe(inPortfolio);
    // The contributor may change their proposal, not its status, and not approve it.
    expect((await contributor.patch(`${base}/${proposal.id}`, { title: 'Visitors on the office Wi-Fi network' })).status).toBe(200);
    expect((await contributor.patch(`${base}/${proposal.id}`, { status: 'treating' })).status).toBe(403);
    expect((await contributor.post(`${base}/${proposal.id}/approve`, {})).status).toBe(403);
    // …nor a scenario already in the register.
    const approvedOne = reg.scenarios.find((s) => !s.proposed)!;
    expect((await contributor.patch(`${base}/${approvedOne.id}`, { title: 'Hijacked' })).status).toBe(403);

    const approved = await advisor.post<ScenarioDetailOut>(`${base}/${proposal.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.proposed).toBe(false);
    await recompute();
    reg = await register();
    row = reg.scenarios.find((s) => s.id === proposal.id)!;
    expect(row.result!.inPortfolio).toBe(true);
    expect(reg.portfolio!.scenarioCount).toBe(inPortfolio + 1);
    expect((await audit('risk.propose')).some((e) => e.entityId === proposal.id && e.actor.includes(DEMO.accounting.contributor))).toBe(true);
    expect((await audit('risk.approve')).some((e) => e.entityId === proposal.id)).toBe(true);
  });

  it('viewers and executives read; only advisors change appetite, treatments and settings', async () => {
    const any = (await register()).scenarios.find((s) => !s.proposed)!;
    for (const reader of [viewer, executive]) {
      expect((await reader.get(base)).status).toBe(200);
      expect((await reader.get(`${base}/${any.id}`)).status).toBe(200);
      expect((await reader.get(`${base}/export`)).status).toBe(200);
      expect((await reader.post(base, { title: 'Z', inputs: constantInputs(1, 1) })).status).toBe(403);
      expect((await reader.patch(`${base}/${any.id}`, { title: 'Z' })).status).toBe(403);
    }
    const appetite = { points: [{ loss: 100_000, probability: 0.1 }, { loss: 1_000_000, probability: 0.01 }], statement: 'No more than a 1-in-10 chance of losing over $100k in a year.' };
    for (const caller of [viewer, executive, contributor]) {
      expect((await caller.put(`${base}/appetite`, appetite)).status).toBe(403);
      expect((await caller.put(`${base}/settings`, { years: 5_000 })).status).toBe(403);
      expect((await caller.post(`${base}/${any.id}/treatments`, { name: 'T', effect: { primaryLoss: { type: 'constant', value: 0.5 } } })).status).toBe(403);
    }
    const set = await advisor.put<SettingsOut>(`${base}/appetite`, appetite);
    expect(set.status).toBe(200);
    expect(set.body.appetite.points).toEqual(appetite.points);
    const entry = (await audit('risk.appetite.update'))[0]!;
    expect(entry.before).toEqual({ points: [], statement: null });
    expect(entry.after).toEqual(appetite);
    const rising = await advisor.put<ErrorBody>(`${base}/appetite`, { points: [{ loss: 1, probability: 0.1 }, { loss: 2, probability: 0.5 }] });
    expect(rising.status).toBe(400);
  });

  it('another client\u2019s scenarios are unreachable through this client', async () => {
    const theirs = (await (await demo.as(DEMO.advisor2)).get<RegisterOut>(`/api/clients/${demo.clients.saas}/risks`)).body.scenarios[0]!;
    // Sam advises Harbor & Finch and this client, not Lumen: Lumen's scenario does not exist here.
    expect((await advisor.get(`${base}/${theirs.id}`)).status).toBe(404);
    expect((await advisor.patch(`${base}/${theirs.id}`, { title: 'Mine now' })).status).toBe(404);
    expect((await advisor.post(`${base}/${theirs.id}/treatments`, { name: 'T', effect: { primaryLoss: { type: 'constant', value: 0.5 } } })).status).toBe(404);
    expect((await advisor.delete(`${base}/${theirs.id}`)).status).toBe(404);
    // And Lumen's register is not there for Sam, nor ours for a Lumen executive.
    expect((await advisor.get(`/api/clients/${demo.clients.saas}/risks`)).status).toBe(404);
    expect((await outsider.get(base)).status).toBe(404);
  });
});

describe('appetite and the heat map', () => {
  it('checks the portfolio against the tolerance curve: breached exactly when a point\u2019s simulated probability is above its limit', async () => {
    await recompute();
    const overview = (await viewer.get<OverviewOut>(`${base}/overview`)).body;
    const a = overview.appetite;
    expect(a.defined).toBe(true);
    expect(a.checks.length).toBe(2);
    expect(a.breached).toBe(a.checks.some((c) => c.probability > c.limit));
    for (const c of a.checks) {
      expect(c.breached).toBe(c.probability > c.limit);
      // Treatments only lower losses: the current chance never exceeds the inherent one.
      expect(c.probability).toBeLessThanOrEqual(c.inherentProbability);
      // The stored curve agrees with the check: the share of years above the loss.
      const lec = overview.curves!.inherent.lec;
      const below = lec.filter((p) => p.loss <= c.loss).at(-1);
      if (below) expect(below.probability).toBeGreaterThanOrEqual(c.inherentProbability);
    }
    // Every portfolio scenario is in exactly one heat-map cell, at its rating.
    const cells = overview.heatmap.cells;
    expect(cells.length).toBe(25);
    const reg = await register();
    for (const s of reg.scenarios.filter((x) => x.result?.inPortfolio)) {
      const cell = cells.find((c) => c.scenarios.some((x) => x.id === s.id))!;
      expect([cell.likelihood, cell.impact]).toEqual([s.result!.rating.likelihood, s.result!.rating.impact]);
    }
    expect(overview.top.map((x) => x.mean)).toEqual([...overview.top.map((x) => x.mean)].sort((x, y) => y - x));
  });

  it('advisors adjust the rating bands; ratings follow at once', async () => {
    const bad = await advisor.put<ErrorBody>(`${base}/settings`, { impactBands: [10, 5, 20, 30] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toBe('body.impactBands');
    const res = await advisor.put<SettingsOut>(`${base}/settings`, { likelihoodBands: [0.001, 0.002, 0.003, 0.004], impactBands: [1, 2, 3, 4] });
    expect(res.status).toBe(200);
    expect(res.body.bands.impactIsDefault).toBe(false);
    const reg = await register();
    for (const s of reg.scenarios.filter((x) => x.result && x.result.current.probabilityOfLoss > 0.01)) {
      expect(s.result!.rating).toMatchObject({ likelihood: 5, impact: 5, score: 25, level: 'critical' });
    }
    expect((await advisor.put<SettingsOut>(`${base}/settings`, { likelihoodBands: null, impactBands: null })).body.bands.impactIsDefault).toBe(true);
  });

  it('weighs named scenarios by the whole portfolio with them accepted as they stand (governance\u2019s rule)', async () => {
    // Each: one loss of 100,000 with Poisson(0.5) events a year. Alone, P(loss > 150,000) = P(N ≥ 2) ≈ 9 %,
    // within the 10 % the appetite tolerates; but an acceptance is weighed on the whole register.
    expect((await advisor.put(`${base}/settings`, { years: 40_000 })).status).toBe(200);
    const one = await create({ title: 'Fire in the server room', inputs: constantInputs(0.5, 100_000) });
    const two = await create({ title: 'Flood in the archive', inputs: constantInputs(0.5, 100_000) });
    expect((await advisor.put(`${base}/appetite`, { points: [{ loss: 150_000, probability: 0.1 }] })).status).toBe(200);
    await recompute();
    const reg = await register();
    expect(reg.appetite.breached).toBe(true);
    const alone = await advisor.post<{ aboveAppetite: boolean; settled: boolean; basis: string; explanation: string; size: number; scenarioCount: number; points: { probability: number; stdError: number; confident: boolean }[] }>(`${base}/appetite-check`, { riskIds: [one.id] });
    expect(alone.status).toBe(200);
    // The verdict is the register's own: the whole portfolio, not the scenario alone.
    expect(alone.body).toMatchObject({ aboveAppetite: true, settled: true, basis: reg.appetite.basis, scenarioCount: reg.portfolio!.scenarioCount });
    expect(alone.body.points[0]!.probability).toBe(reg.appetite.checks[0]!.probability);
    expect(alone.body.points[0]!.stdError).toBeCloseTo(Math.sqrt((alone.body.points[0]!.probability * (1 - alone.body.points[0]!.probability)) / 40_000), 12);
    // The scenario's expected annual loss, 0.5 × 100,000, within the simulation's sampling error.
    expect(alone.body.size).toBeCloseTo(50_000, -4);
    expect(alone.body.explanation).toMatch(/^With R\d+ accepted as it stands, Quill & Ledger Ltd's risk register \(\d+ scenarios\) exceeds \$150,000 in a year/);
    const together = await advisor.post<{ aboveAppetite: boolean; size: number; points: { probability: number }[] }>(`${base}/appetite-check`, { riskIds: [one.id, two.id] });
    expect(together.body.aboveAppetite).toBe(true);
    expect(together.body.points[0]!.probability).toBe(alone.body.points[0]!.probability);
    expect(together.body.size).toBeCloseTo(100_000, -4);

    // The same through the module API that governance uses.
    const row = await getClientRow(t.ctx, clientId);
    const scope = new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor');
    const check = await checkAgainstAppetite(scope, [one.id, two.id]);
    expect(check).toMatchObject({ appetiteDefined: true, aboveAppetite: true });
    await scope.write(async (w) => {
      await setRiskStatus(w, one.id, 'accepted', 'Approved acceptance A-1');
    });
    const [snap] = await getRiskSnapshots(scope, [one.id]);
    expect(snap).toMatchObject({ id: one.id, status: 'accepted', ownerSeat: 'CISO', risk: { id: one.ref, lossEventFrequency: { type: 'constant', value: 0.5 } } });
    expect(snap!.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await audit('risk.status'))[0]).toMatchObject({ entityId: one.id, before: { status: 'open' }, after: { status: 'accepted', reason: 'Approved acceptance A-1' } });
    // An accepted risk leaves that status through governance, or by being closed.
    expect((await advisor.patch(`${base}/${one.id}`, { status: 'open' })).status).toBe(409);

    expect((await advisor.put(`${base}/appetite`, { points: [] })).status).toBe(200);
    const none = await checkAgainstAppetite(scope, [two.id]);
    expect(none).toMatchObject({ appetiteDefined: false, aboveAppetite: false });
    expect((await advisor.put(`${base}/settings`, { years: null })).status).toBe(200);
  });
});

describe('security options', () => {
  it('compares two or more treatment sets on the same random numbers as the register', async () => {
    const s = await create({ title: 'Ransomware on the file server', inputs: { threatEventFrequency: { type: 'pert', min: 0.5, mode: 1, max: 3 }, vulnerability: { type: 'pert', min: 0.05, mode: 0.1, max: 0.3 }, primaryLoss: { type: 'lognormal', low: 50_000, high: 2_000_000 } } });
    const input = {
      title: 'Backup project',
      scenarioIds: [s.id],
      options: [
        { name: 'Cloud backup', measures: [{ name: 'Immutable cloud backup', annualCost: 6_000, oneTimeCost: 2_000, effects: [{ scenarioId: s.id, effect: { primaryLoss: { type: 'uniform', min: 0.3, max: 0.5 } } }] }] },
        { name: 'EDR', measures: [{ name: 'Endpoint detection', annualCost: 12_000, oneTimeCost: 0, effects: [{ scenarioId: s.id, effect: { vulnerability: { type: 'uniform', min: 0.3, max: 0.6 } } }] }] },
      ],
    };
    expect((await advisor.post<ErrorBody>(`${base}/options`, { ...input, options: input.options.slice(0, 1) })).status).toBe(400);
    const wrong = await advisor.post<ErrorBody>(`${base}/options`, { ...input, options: [input.options[0], { ...input.options[1], measures: [{ ...input.options[1]!.measures[0], effects: [{ scenarioId: s.id, effect: { secondaryLoss: { type: 'constant', value: 0.5 } } }] }] }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0]!.path).toBe('body.options.1.measures.0.effects.0.effect.secondaryLoss');
    expect((await contributor.post(`${base}/options`, input)).status).toBe(403);
    const created = await advisor.post<OptionSetOut>(`${base}/options`, input);
    expect(created.status).toBe(201);
    expect(created.body.stale).toBe(true);
    await recompute();
    const set = (await viewer.get<OptionSetOut>(`${base}/options/${created.body.id}`)).body;
    expect(set.stale).toBe(false);
    // The baseline is the scenario exactly as the register has it.
    const reg = await register();
    const current = reg.scenarios.find((x) => x.id === s.id)!.result!.current;
    expect(set.baseline!.mean).toBe(current.mean);
    expect(set.baseline!.p90).toBe(current.p90);
    for (const o of set.options) {
      const f = o.figures!;
      expect(f.residualMean).toBeLessThan(set.baseline!.mean);
      expect(f.reduction).toBeCloseTo(set.baseline!.mean - f.residualMean, 6);
      expect(f.rosi).toBeCloseTo((f.reduction - f.annualCost) / f.annualCost, 9);
      expect(f.threeYearCost).toBe(f.oneTimeCost + 3 * f.annualCost);
    }
    // Adopting an option turns its measures into planned treatments.
    const adopted = await advisor.post<{ treatmentsCreated: number }>(`${base}/options/${set.id}/adopt`, { optionId: set.options[0]!.id });
    expect(adopted.body.treatmentsCreated).toBe(1);
    const d = (await viewer.get<ScenarioDetailOut>(`${base}/${s.id}`)).body;
    expect(d.treatmentList).toEqual([expect.objectContaining({ name: 'Immutable cloud backup', status: 'planned', annualCost: 6_000, oneTimeCost: 2_000 })]);
    await recompute();
    const again = (await viewer.get<OptionSetOut>(`${base}/options/${set.id}`)).body;
    // The adopted measure is now in the baseline, the treatment counted. The engine draws a
    // treatment's multipliers from streams keyed by the risk's and the treatment's ids, so both
    // figures are recomputed here from the exported register: the new baseline is the scenario
    // with its adopted treatment, the option's figure the same scenario with the measure under
    // the id the option run gave it (`option-1`).
    const exported = (await viewer.get<RiskModel>(`${base}/export?format=json`)).body;
    const risk = exported.risks.find((r) => r.name === s.title)!;
    expect(risk.treatments!.map((t) => t.name)).toEqual(['Immutable cloud backup']);
    const rerun = (r: typeof risk) => simulateModel(parseModel({ risks: [r] }), { years: exported.years!, seed: exported.seed! }).portfolio.residual!.mean;
    expect(again.baseline!.mean).toBe(rerun(risk));
    expect(set.options[0]!.figures!.residualMean).toBe(rerun({ ...risk, treatments: risk.treatments!.map((t) => ({ ...t, id: 'option-1' })) }));
    expect(again.baseline!.mean).toBeLessThan(set.baseline!.mean);
  });
});

describe('import and export of the model file', () => {
  it('exports the register as a model file that imports back unchanged; an edited file updates and adds scenarios', async () => {
    const exported = await viewer.get<{ currency: string; seed: number; years: number; risks: { id: string; name: string; treatments?: { id: string }[] }[] }>(`${base}/export`);
    expect(exported.status).toBe(200);
    const model = exported.body;
    const reg = await register();
    expect(model.currency).toBe('USD');
    expect(model.risks.map((r) => r.id)).toEqual(reg.scenarios.filter((s) => !s.proposed && s.status !== 'closed').map((s) => s.ref));
    const yaml = await viewer.get<string>(`${base}/export?format=yaml&download=1`);
    expect(yaml.headers['content-type']).toMatch(/yaml/);
    expect(yaml.headers['content-disposition']).toMatch(/quill-ledger-ltd-risks\.yaml/);

    const auditBefore = (await audit()).length;
    const same = await advisor.post<ImportReport>(`${base}/import`, { model });
    expect(same.status).toBe(200);
    expect(same.body.created).toEqual([]);
    expect(same.body.updated).toEqual([]);
    expect(same.body.unchanged.length).toBe(model.risks.length);
    expect((await audit()).length).toBe(auditBefore);
    const sameYaml = await advisor.post<ImportReport>(`${base}/import`, { text: yaml.body });
    expect(sameYaml.body.unchanged.length).toBe(model.risks.length);

    const edited = structuredClone(model) as typeof model & { risks: Record<string, unknown>[] };
    edited.risks[0]!.primaryLoss = { type: 'lognormal', low: 1_000, high: 9_000 };
    edited.risks.push({ id: 'R900', name: 'Imported: payment card skimming', lossEventFrequency: { type: 'pert', min: 0.01, mode: 0.05, max: 0.2 }, primaryLoss: { type: 'lognormal', low: 10_000, high: 200_000 } });
    const dry = await advisor.post<ImportReport>(`${base}/import`, { model: edited, dryRun: true });
    expect(dry.body).toMatchObject({ dryRun: true, created: ['R900'], updated: [model.risks[0]!.id] });
    expect((await register()).scenarios.length).toBe(reg.scenarios.length);
    expect((await contributor.post(`${base}/import`, { model: edited })).status).toBe(403);
    const real = await advisor.post<ImportReport>(`${base}/import`, { model: edited });
    expect(real.body).toMatchObject({ dryRun: false, created: ['R900'], updated: [model.risks[0]!.id] });
    const after = await register();
    expect(after.scenarios.find((s) => s.ref === 'R900')!.title).toBe('Imported: payment card skimming');
    expect((await audit('risk.import')).length).toBe(1);

    const invalid = await advisor.post<ErrorBody>(`${base}/import`, { model: { risks: [{ id: 'R1', primaryLoss: { type: 'lognormal', low: 5, high: 1 } }] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['body.model.R1', 'body.model.R1.primaryLoss']));
    const wrongCurrency = await advisor.post<ErrorBody>(`${base}/import`, { model: { ...model, currency: 'EUR' } });
    expect(wrongCurrency.body.error.details[0]!.path).toBe('body.model.currency');

    // A file that drops a factor a treatment kept by the register acts on does not fit: refused, nothing written.
    const treated = await create({ title: 'Leaked customer file', inputs: { ...constantInputs(0.2, 10_000), secondaryLossEventFrequency: { type: 'constant', value: 0.5 }, secondaryLoss: { type: 'constant', value: 50_000 } } });
    expect((await advisor.post(`${base}/${treated.id}/treatments`, { name: 'Notification insurance', status: 'proposed', effect: { secondaryLoss: { type: 'constant', value: 0.5 } } })).status).toBe(201);
    const misfit = await advisor.post<ErrorBody>(`${base}/import`, { model: { risks: [{ id: treated.ref, ...constantInputs(0.2, 10_000) }] } });
    expect(misfit.status).toBe(400);
    expect(misfit.body.error.details[0]!.message).toBe('the risk has no secondary loss');
    expect(misfit.body.error.details[0]!.path).toContain(treated.ref);
    expect((await advisor.get<ScenarioDetailOut>(`${base}/${treated.id}`)).body.inputs.secondaryLoss).toBeDefined();
  });
});

describe('the firm\u2019s portfolio and the board pack figures', () => {
  it('lists each visible client\u2019s mean annual loss, P90 and appetite status, and nothing of other clients', async () => {
    await recompute();
    const rows = (await advisor.get<{ clients: PortfolioRiskRow[] }>('/api/portfolio/risk')).body.clients;
    expect(rows.map((r) => r.clientId).sort()).toEqual([clientId, demo.clients.accounting, demo.clients.manufacturer].sort());
    for (const r of rows) {
      const reg = (await advisor.get<RegisterOut>(`/api/clients/${r.clientId}/risks`)).body;
      expect(r.mean).toBe(reg.portfolio!.current.mean);
      expect(r.p90).toBe(reg.portfolio!.current.p90);
      expect(r.aboveAppetite).toBe(reg.appetite.breached);
    }
    const theirs = (await outsider.get<{ clients: PortfolioRiskRow[] }>('/api/portfolio/risk')).body.clients;
    expect(theirs.map((r) => r.clientId)).toEqual([demo.clients.saas]);
  });

  it('prices the ransomware worst case from the client\u2019s own figures', async () => {
    const w = (await viewer.get<WorstCaseOut>(`/api/clients/${demo.clients.accounting}/risks/worst-case`)).body;
    expect(w.low).toBeLessThan(w.expected);
    expect(w.expected).toBeLessThan(w.high);
    expect(w.components.reduce((s, c) => s + c.high, 0)).toBeCloseTo(w.high, 6);
    expect(w.assumptions.length).toBeGreaterThan(2);
    expect(w.scenario?.title).toMatch(/Ransomware/);
  });

  it('scales template defaults with the client\u2019s size, and keeps an advisor\u2019s own defaults', async () => {
    const small = (await viewer.get<TemplatesOut>(`/api/clients/${demo.clients.accounting}/risks/templates`)).body;
    const large = (await (await demo.as(DEMO.manufacturer.viewer)).get<TemplatesOut>(`/api/clients/${demo.clients.manufacturer}/risks/templates`)).body;
    const mode = (x: TemplatesOut, key: string, param: string) => x.templates.find((y) => y.key === key)!.params.find((p) => p.key === param)!.value;
    expect(mode(large, 'ransomware', 'attemptsMode')).toBeGreaterThan(mode(small, 'ransomware', 'attemptsMode'));
    expect(mode(large, 'bec', 'paymentHigh')).toBeGreaterThan(mode(small, 'bec', 'paymentHigh'));
    expect(small.templates.every((x) => x.inputs !== null && x.problems.length === 0)).toBe(true);
    expect((await contributor.put(`${base}/templates/bec`, { params: { successRate: 0.02 } })).status).toBe(403);
    const set = await advisor.put<TemplatesOut>(`${base}/templates/bec`, { params: { successRate: 0.02 } });
    expect(set.status).toBe(200);
    const bec = set.body.templates.find((x) => x.key === 'bec')!;
    expect(bec.params.find((p) => p.key === 'successRate')).toMatchObject({ value: 0.02, standard: 0.04 });
    expect((await advisor.put<ErrorBody>(`${base}/templates/bec`, { params: { wingspan: 1 } })).body.error.details[0]!.path).toBe('body.params.wingspan');
  });
});
