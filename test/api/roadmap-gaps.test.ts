import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentListOut, RiskTargetsOut } from '../../src/modules/controls/schema.js';
import type { CandidatesOut, GapCandidatesOut, InitiativeOut, RoadmapOut } from '../../src/modules/roadmap/schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * Framework gaps on the roadmap: the ranked gaps of the client's latest assessment as
 * candidates, an initiative made from one (owner, kind, the outcome it closes, the treatments
 * linked to it and the risk they reduce), roles, tenancy, the audit trail, and the refusal of a
 * second initiative for the same gap. Run on SQLite and on PostgreSQL.
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditEntry {
  action: string;
  entityId: string | null;
  after: Record<string, unknown> | null;
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let viewer: Caller;
let executive: Caller;
let outsider: Caller;
let base: string;
let inProgress: { id: string; title: string; catalogueId: string };
let completed: { id: string; title: string };

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  // The register's figures: the money at stake of each gap.
  await t.ctx.jobs.runDue();
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
  executive = await demo.as(DEMO.accounting.executive);
  outsider = await demo.as(DEMO.saas.executive);
  base = `/api/clients/${demo.clients.accounting}`;
  const list = (await advisor.get<AssessmentListOut>(`${base}/controls/assessments`)).body.assessments;
  const open = list.find((a) => a.status === 'in_progress')!;
  inProgress = { id: open.id, title: open.title, catalogueId: open.catalogue.id };
  const done = list.find((a) => a.status === 'completed')!;
  completed = { id: done.id, title: done.title };
});
afterAll(async () => {
  await t.close();
});

const fromGap = (caller: Caller, body: Record<string, unknown>) => caller.post<InitiativeOut & ErrorBody>(`${base}/roadmap/initiatives/from-source`, { type: 'gap', ...body });
const gapsOf = async (query = ''): Promise<GapCandidatesOut> => {
  const res = await viewer.get<GapCandidatesOut>(`${base}/roadmap/gaps${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const count = async (): Promise<number> => (await advisor.get<RoadmapOut>(`${base}/roadmap`)).body.initiatives.length;

describe('framework gaps on the roadmap', () => {
  it('offers the gaps of the assessment in progress, ranked by money at stake, with the demo\u2019s gap initiative', async () => {
    const c = await viewer.get<CandidatesOut>(`${base}/roadmap/candidates`);
    expect(c.status).toBe(200);
    const g = c.body.gaps;
    expect(g.assessment).toMatchObject({ id: inProgress.id, status: 'in_progress', catalogueId: inProgress.catalogueId, scale: 'csf-tiers' });
    expect(g.can.propose).toBe(false);
    // The same list, in the same order, as the assessment's own ranked gaps.
    const own = await viewer.get<{ gaps: { controlId: string; atStake: number }[] }>(`${base}/controls/assessments/${inProgress.id}/gaps`);
    expect(g.gaps.map((x) => [x.controlId, x.atStake])).toEqual(own.body.gaps.map((x) => [x.controlId, x.atStake]));
    expect(g.gaps[0]!.atStake).toBeGreaterThan(0);
    for (let k = 1; k < g.gaps.length; k++) expect(g.gaps[k - 1]!.atStake).toBeGreaterThanOrEqual(g.gaps[k]!.atStake);
    // Network monitoring is on the roadmap (the demo), carrying the planned MDR linked to it.
    const monitoring = g.gaps.find((x) => x.controlId === 'DE.CM-01')!;
    expect(monitoring).toMatchObject({ kind: 'security', ownerSeat: 'CISO', levels: 'Tier 2 (Risk Informed) \u2192 Tier 3 (Repeatable)' });
    expect(monitoring.initiative).not.toBeNull();
    const roadmap = (await viewer.get<RoadmapOut>(`${base}/roadmap`)).body;
    const made = roadmap.initiatives.find((i) => i.id === monitoring.initiative!.id)!;
    expect(made).toMatchObject({ source: { type: 'gap', id: inProgress.id }, kind: 'security', ownerSeat: 'CISO', status: 'proposed' });
    expect(made.outcomes).toEqual([{ catalogueId: inProgress.catalogueId, controlId: 'DE.CM-01', title: expect.stringMatching(/monitored/) as string, assessmentId: inProgress.id, assessmentTitle: inProgress.title }]);
    expect(made.treatments.map((x) => x.name)).toEqual(['Managed endpoint detection and response']);
    expect(made.riskReduction!.mean).toBeGreaterThan(0);
    // A gap that is not linked to risk is a compliance initiative.
    expect(g.gaps.find((x) => x.scenarios.length === 0 && x.carries.length === 0 && x.notCarried.length === 0)!.kind).toBe('compliance');
    // The signed-off assessment's gaps, when asked.
    expect((await gapsOf(`?assessmentId=${completed.id}`)).assessment).toMatchObject({ id: completed.id, status: 'completed' });
    // Another client's assessment is not found; a client without an assessment has no gaps.
    expect((await advisor.get(`/api/clients/${demo.clients.manufacturer}/roadmap/gaps?assessmentId=${inProgress.id}`)).status).toBe(404);
    const kestrel = await advisor.get<GapCandidatesOut>(`/api/clients/${demo.clients.manufacturer}/roadmap/gaps`);
    expect(kestrel.body).toMatchObject({ assessment: null, gaps: [] });
  });

  it('a contributor turns a gap into an initiative: the outcome\u2019s owner, the treatments linked to it and the risk they reduce, audited', async () => {
    // Link the partners' security keys (proposed) to the MFA gap, beside MFA (in place).
    const targets = (await advisor.get<RiskTargetsOut>(`${base}/controls/risk-targets`)).body;
    const keys = targets.scenarios.flatMap((s) => s.treatments).find((x) => x.name === 'Phishing-resistant sign-in for partners (security keys)')!;
    const mfa = targets.scenarios.flatMap((s) => s.treatments).find((x) => x.name === 'Multi-factor authentication for e-mail and remote access')!;
    const takeover = targets.scenarios.find((s) => s.title === 'Microsoft 365 account takeover')!;
    const linked = await advisor.put(`${base}/controls/assessments/${inProgress.id}/outcomes/PR.AA-03/links`, { scenarioIds: [takeover.id], treatmentIds: [mfa.id, keys.id] });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    const candidate = (await gapsOf()).gaps.find((x) => x.controlId === 'PR.AA-03')!;
    expect(candidate.carries.map((x) => x.id)).toEqual([keys.id]);
    expect(candidate.notCarried).toEqual([{ ref: mfa.ref, name: mfa.name, reason: 'in place already' }]);
    expect(candidate.initiative).toBeNull();

    // Viewers and executives read; they do not make initiatives.
    expect((await fromGap(viewer, { controlId: 'PR.AA-03' })).status).toBe(403);
    expect((await fromGap(executive, { controlId: 'PR.AA-03' })).status).toBe(403);
    // Someone of another client cannot reach this one.
    expect((await fromGap(outsider, { controlId: 'PR.AA-03' })).status).toBe(404);

    const before = await count();
    const made = await fromGap(contributor, { controlId: 'PR.AA-03', targetQuarter: '2027Q2' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const i = made.body;
    expect(i).toMatchObject({ status: 'proposed', kind: 'security', ownerSeat: 'CISO', scope: 'internal', targetQuarter: '2027Q2', source: { type: 'gap', id: inProgress.id, label: `PR.AA-03 in ${inProgress.title}` } });
    expect(i.title).toMatch(/^Raise PR\.AA-03 to tier 4: /);
    expect(i.description).toContain(`It carries ${keys.ref} ${keys.name}`);
    expect(i.description).toContain(`${mfa.ref} ${mfa.name} (in place already)`);
    expect(i.outcomes).toEqual([expect.objectContaining({ controlId: 'PR.AA-03', assessmentId: inProgress.id, catalogueId: inProgress.catalogueId })]);
    // It carries the security keys, so the engine gives the risk it reduces; their costs are its costs.
    expect(i.treatments.map((x) => x.id)).toEqual([keys.id]);
    expect(i.oneTimeCost).toBe(2_500);
    expect(i.annualCost).toBe(1_500);
    expect(i.riskReduction!.scenarios.map((s) => s.title)).toEqual(['Microsoft 365 account takeover']);
    expect(i.riskReduction!.mean).toBeGreaterThan(0);
    expect(i.riskReduction!.mean).toBeCloseTo(i.riskReduction!.without.mean - i.riskReduction!.with.mean, 6);
    expect(await count()).toBe(before + 1);

    const trail = (await advisor.get<{ entries: AuditEntry[] }>(`${base}/audit?limit=100`)).body.entries.filter((e) => e.entityId === i.id);
    expect(trail.map((e) => e.action)).toEqual(['roadmap.initiative.create']);
    expect(trail[0]!.after).toMatchObject({ source: { type: 'gap', id: inProgress.id }, treatmentIds: [keys.id], outcomes: [{ catalogueId: inProgress.catalogueId, controlId: 'PR.AA-03', assessmentId: inProgress.id }] });

    // The gap shows it.
    const after = (await gapsOf()).gaps.find((x) => x.controlId === 'PR.AA-03')!;
    expect(after.initiative).toMatchObject({ id: i.id, ref: i.ref, status: 'proposed', targetQuarterLabel: 'Q2 2027' });
  });

  it('refuses a second initiative for the same gap, from this assessment or the signed-off one, and stores nothing', async () => {
    const open = (await gapsOf()).gaps.find((x) => x.controlId === 'PR.AA-03')!.initiative!;
    const before = await count();
    const again = await fromGap(advisor, { controlId: 'PR.AA-03' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`PR.AA-03 is on the roadmap already: ${open.ref} ${open.title} (proposed, Q2 2027). Change that initiative rather than make a second one.`);
    expect(again.body.error.details).toEqual([{ path: 'body.controlId', message: `already closed by initiative ${open.ref}` }]);
    // The same outcome in last quarter's signed-off assessment is the same gap.
    const fromLast = await fromGap(advisor, { controlId: 'PR.AA-03', assessmentId: completed.id });
    expect(fromLast.status).toBe(409);
    // Not a gap, not an outcome, not an assessment of this client.
    const atTarget = await fromGap(advisor, { controlId: 'GV.OV-01' });
    expect(atTarget.status).toBe(400);
    expect(atTarget.body.error.details[0]!.path).toBe('body.controlId');
    expect(atTarget.body.error.message).toBe(`GV.OV-01 is not a gap of "${inProgress.title}": no outcome of it by that id is below its target.`);
    expect((await fromGap(advisor, { controlId: 'XX.YY-99' })).status).toBe(400);
    expect((await fromGap(advisor, { controlId: 'PR.AA-03', assessmentId: 'nope' })).status).toBe(404);
    expect((await fromGap(advisor, { controlId: 'PR.AA-03', colour: 'red' })).status).toBe(400);
    // A client without an assessment says so.
    const none = await advisor.post<ErrorBody>(`/api/clients/${demo.clients.manufacturer}/roadmap/initiatives/from-source`, { type: 'gap', controlId: 'PR.AA-03' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/no framework assessment yet/);
    expect(await count()).toBe(before);

    // Once that initiative is dropped and the gap is still there, a new one may be made.
    expect((await advisor.patch(`${base}/roadmap/initiatives/${open.id}`, { status: 'dropped' })).status).toBe(200);
    const dropped = (await gapsOf()).gaps.find((x) => x.controlId === 'PR.AA-03')!;
    expect(dropped.initiative).toBeNull();
    expect(dropped.earlier.map((x) => [x.ref, x.status])).toEqual([[open.ref, 'dropped']]);
    // The dropped one still carries the security keys (a treatment belongs to one initiative): the new one says so.
    const renewed = await fromGap(advisor, { controlId: 'PR.AA-03' });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    expect(renewed.body.treatments).toEqual([]);
    expect(renewed.body.description).toContain(`(carried by ${open.ref})`);
  });
});
