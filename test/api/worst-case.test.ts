import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { ScenarioDetailOut, WorstCaseOut } from '../../src/modules/risks/schema.js';
import type { DowntimeCheck, ServiceList, ServiceSaved } from '../../src/modules/estate/schema.js';

/**
 * The honest worst case: priced from the register's own ransomware scenario (the largest when
 * first computed, then only as an advisor chooses), its business interruption counted in the
 * hours the services run, at the gross margin, never above what the company earns; every figure
 * with the line that says how it was derived; implausible downtime costs flagged where entered.
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditEntry {
  action: string;
  actor: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  await t.ctx.jobs.runDue();
  advisor = await demo.as(DEMO.advisor);
});
afterAll(async () => {
  await t.close();
});

const risks = (clientId: string) => `/api/clients/${clientId}/risks`;
async function worstCase(caller: Caller, clientId: string): Promise<WorstCaseOut> {
  const res = await caller.get<WorstCaseOut>(`${risks(clientId)}/worst-case`);
  expect(res.status).toBe(200);
  return res.body;
}
async function audit(caller: Caller, clientId: string, action: string): Promise<AuditEntry[]> {
  return (await caller.get<{ entries: AuditEntry[] }>(`/api/clients/${clientId}/audit?action=${action}&limit=100`)).body.entries;
}

describe('each demo client\u2019s worst case', () => {
  it('is its register\u2019s chosen ransomware scenario, within its annual revenue, with every figure explained', async () => {
    const revenue = { accounting: 9_200_000, manufacturer: 86_000_000, saas: 28_500_000 };
    const viewers = { accounting: DEMO.accounting.viewer, manufacturer: DEMO.manufacturer.viewer, saas: DEMO.saas.viewer };
    for (const key of ['accounting', 'manufacturer', 'saas'] as const) {
      const clientId = demo.clients[key];
      const viewer = await demo.as(viewers[key]);
      const w = await worstCase(viewer, clientId);
      expect(w.available, key).toBe(true);
      expect(w.chosenId).toBe(w.scenario!.id);
      const detail = (await viewer.get<ScenarioDetailOut>(`${risks(clientId)}/${w.chosenId}`)).body;
      expect(detail.template).toBe('ransomware');
      // The one-pager's ends are the scenario's inputs' ends; its parts rebuild them.
      expect(w.fromParts).toBe(true);
      expect(w.low).toBe((detail.inputs.primaryLoss as { low: number }).low);
      expect(w.high).toBe((detail.inputs.primaryLoss as { high: number }).high + (detail.inputs.secondaryLoss as { high: number }).high);
      // Its expected cost of one attack, times the attacks a year, is the register's expected loss.
      expect(w.expected * w.scenario!.attacksPerYear).toBeCloseTo(detail.expectedMean, 4);
      expect(w.scenario!.mean).toBe(detail.result!.current.mean);
      // Within the annual revenue, and it says so.
      expect(w.high, key).toBeLessThan(revenue[key]);
      expect(w.exceedsRevenue).toBe(false);
      expect(w.lines.map((l) => l.key)).toEqual(['low', 'expected', 'high', ...(w.expectedWithMeasures !== null ? ['measures'] : []), 'revenue', ...(w.insurance ? ['insurance'] : []), 'year']);
      // Lumen's cyber policy covers the attack: the one-pager says what the company keeps of it.
      expect(w.insurance !== null, key).toBe(key === 'saas');
      if (w.insurance) expect(w.insurance.high).toBeLessThan(w.high);
      for (const c of w.components) expect(c.basis.length, `${key} ${c.label}`).toBeGreaterThan(40);
      const bi = w.components.find((c) => c.key === 'interruption')!;
      expect(bi.basis).toMatch(/lose revenue, at \$[\d,]+ an hour; \d+ % of it is lost profit \(the gross margin\)/);
    }
  });

  it('was chosen by default as the largest when first computed, and the choice is in the audit trail', async () => {
    const clientId = demo.clients.accounting;
    const entries = await audit(advisor, clientId, 'risk.worst-case.choose');
    expect(entries).toHaveLength(1);
    expect(String(entries[0]!.after?.reason)).toMatch(/largest ransomware scenario/);
    expect(entries[0]!.actor).toMatch(/risk engine/);
  });
});

describe('choosing the scenario', () => {
  it('never switches by itself when a larger one is added; an advisor chooses, audited', async () => {
    const clientId = demo.clients.accounting;
    const before = await worstCase(advisor, clientId);
    const bigger = await advisor.post<ScenarioDetailOut>(risks(clientId), {
      title: 'Ransomware through the remote access gateway in tax season',
      template: 'ransomware',
      templateParams: { attemptsMode: 8, attemptsMax: 20, successRate: 0.2, outageHoursHigh: 600 },
    });
    expect(bigger.status).toBe(201);
    await t.ctx.jobs.runDue();
    const after = await worstCase(advisor, clientId);
    expect(after.chosenId).toBe(before.chosenId);
    expect(after.candidates.map((c) => c.id)).toContain(bigger.body.id);
    expect(after.candidates.find((c) => c.id === bigger.body.id)!.mean!).toBeGreaterThan(after.candidates.find((c) => c.id === before.chosenId)!.mean!);

    const viewer = await demo.as(DEMO.accounting.viewer);
    expect((await viewer.put(`${risks(clientId)}/worst-case`, { scenarioId: bigger.body.id })).status).toBe(403);
    const notRansomware = (await viewer.get<{ scenarios: { id: string; template: string | null }[] }>(risks(clientId))).body.scenarios.find((s) => s.template === 'bec')!;
    const refused = await advisor.put<ErrorBody>(`${risks(clientId)}/worst-case`, { scenarioId: notRansomware.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]!.path).toBe('body.scenarioId');
    expect(refused.body.error.details[0]!.message).toMatch(/not made from the ransomware template/);

    const chosen = await advisor.put<{ worstCase: WorstCaseOut }>(`${risks(clientId)}/worst-case`, { scenarioId: bigger.body.id });
    expect(chosen.status).toBe(200);
    expect(chosen.body.worstCase).toMatchObject({ chosenId: bigger.body.id, scenario: { ref: bigger.body.ref } });
    const trail = await audit(advisor, clientId, 'risk.worst-case.update');
    expect(trail[0]!.after).toMatchObject({ scenarioId: bigger.body.id, ref: bigger.body.ref });
    expect(trail[0]!.before).toMatchObject({ scenarioId: before.chosenId });

    // Closed, it is not silently replaced: the page asks an advisor to choose another.
    expect((await advisor.patch(`${risks(clientId)}/${bigger.body.id}`, { status: 'closed' })).status).toBe(200);
    await t.ctx.jobs.runDue();
    const closed = await worstCase(advisor, clientId);
    expect(closed).toMatchObject({ available: false, chosenId: bigger.body.id });
    expect(closed.unavailableReason).toMatch(/is closed: an advisor chooses another/);
    expect((await advisor.put(`${risks(clientId)}/worst-case`, { scenarioId: before.chosenId })).status).toBe(200);
  });

  it('a new gross margin rebuilds the ransomware scenarios that follow it, audited; a wrong one is refused', async () => {
    const clientId = demo.clients.saas;
    const priya = await demo.as(DEMO.advisor2);
    for (const [grossMargin, message] of [
      [0, 'must be more than 0 %'],
      [1.5, 'must be at most 100 %'],
    ] as const) {
      const bad = await priya.put<ErrorBody>(`${risks(clientId)}/worst-case`, { grossMargin });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0]).toMatchObject({ path: 'body.grossMargin', message });
    }
    const before = await worstCase(priya, clientId);
    expect(before.grossMargin).toBe(0.78);
    const res = await priya.put<{ worstCase: WorstCaseOut; rebuilt: string[] }>(`${risks(clientId)}/worst-case`, { grossMargin: 0.5 });
    expect(res.status).toBe(200);
    expect(res.body.rebuilt).toEqual([before.scenario!.ref]);
    const bi = (w: WorstCaseOut) => w.components.find((c) => c.key === 'interruption')!;
    expect(bi(res.body.worstCase).high).toBeCloseTo((bi(before).high * 0.5) / 0.78, -3);
    expect(bi(res.body.worstCase).basis).toMatch(/50 % of it is lost profit/);
    const updates = (await audit(priya, clientId, 'risk.update')).filter((e) => e.entityId === before.scenario!.id);
    expect(updates[0]!.after).toMatchObject({ reason: 'The client\u2019s gross margin changed.', templateParams: { grossMargin: 0.5 } });
  });
});

describe('downtime costs where they are entered', () => {
  it('records when each service runs and flags costs above what the company earns in an hour', async () => {
    const clientId = demo.clients.manufacturer;
    const priya = await demo.as(DEMO.advisor2);
    const base = `/api/clients/${clientId}/estate/services`;
    const list = (await priya.get<ServiceList>(`${base}?limit=500`)).body;
    expect((await priya.get<DowntimeCheck>(`${base}/downtime`)).body).toMatchObject({ implausible: false, message: null, annualRevenue: 86_000_000 });
    expect(list.services.find((s) => s.name === 'Production scheduling and shop-floor execution')!.operatingHours).toBe('always');
    expect(list.services.find((s) => s.name === 'Order to cash')!.operatingHours).toBe('business');

    // Saved as entered, with a warning that says why it is implausible.
    const high = await priya.post<ServiceSaved>(base, { name: 'Paint line', downtimeCostPerHour: 60_000, operatingHours: 'always', criticality: 'critical' });
    expect(high.status).toBe(201);
    expect(high.body).toMatchObject({ downtimeCostPerHour: 60_000, operatingHours: 'always' });
    expect(high.body.warning).toMatch(/^Over the hours the services run, their downtime costs add up to \$[\d,]+ a year, \d\.\d times Kestrel Precision Manufacturing's annual revenue \(\$86,000,000\)\. A company cannot lose more than it earns: check them\.$/);
    expect((await priya.get<DowntimeCheck>(`${base}/downtime`)).body.implausible).toBe(true);
    const fixed = await priya.patch<ServiceSaved>(`${base}/${high.body.id}`, { downtimeCostPerHour: 500, operatingHours: 'business' });
    expect(fixed.body.warning).toBeNull();
    const bad = await priya.post<ErrorBody>(base, { name: 'Night shift', operatingHours: 'nights' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toBe('body.operatingHours');
  });
});
