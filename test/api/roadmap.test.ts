import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidatesOut, FirmRoadmapOut, InitiativeOut, RoadmapOut } from '../../src/modules/roadmap/schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditPage {
  entries: { action: string; entityId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[];
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let viewer: Caller;
let executive: Caller;
let base: string;

const hand = (over: Record<string, unknown> = {}) => ({ title: 'Replace the guest Wi-Fi', ownerSeat: 'CIO', kind: 'infrastructure', scope: 'internal', oneTimeCost: 4_000, annualCost: 600, targetQuarter: '2027Q2', ...over });

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  await t.ctx.jobs.runDue();
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
  executive = await demo.as(DEMO.accounting.executive);
  base = `/api/clients/${demo.clients.accounting}`;
});
afterAll(async () => {
  await t.close();
});

async function audit(entityId: string): Promise<AuditPage['entries']> {
  const res = await advisor.get<AuditPage>(`${base}/audit?limit=200`);
  expect(res.status).toBe(200);
  return res.body.entries.filter((e) => e.entityId === entityId);
}

describe('the roadmap', () => {
  it('shows the demo roadmap with an initiative from each source, open ones ranked', async () => {
    const kestrel = await advisor.get<RoadmapOut>(`/api/clients/${demo.clients.manufacturer}/roadmap`);
    const sources = new Set(kestrel.body.initiatives.map((i) => i.source.type));
    for (const s of ['option', 'system', 'contract', 'treatments', 'hand']) expect(sources).toContain(s);
    // Harbor & Finch, assessed against NIST CSF 2.0, has one from a framework gap too.
    const harbor = await advisor.get<RoadmapOut>(`${base}/roadmap`);
    expect(harbor.body.initiatives.some((i) => i.source.type === 'gap' && i.outcomes.length === 1)).toBe(true);
    const res = await viewer.get<RoadmapOut>(`${base}/roadmap`);
    expect(res.status).toBe(200);
    expect(res.body.quarters).toHaveLength(8);
    expect(res.body.quarters[0]!.key).toBe('2026Q4');
    const open = res.body.initiatives.filter((i) => i.rank !== null);
    expect(open.map((i) => i.rank)).toEqual(open.map((_, k) => k + 1));
    // Those with a risk figure come first, by risk reduced per unit of cost.
    const valued = open.filter((i) => i.riskPerCost !== null);
    expect(valued.length).toBeGreaterThan(0);
    for (let k = 1; k < valued.length; k++) expect(valued[k - 1]!.riskPerCost!).toBeGreaterThanOrEqual(valued[k]!.riskPerCost!);
    expect(open.indexOf(valued[valued.length - 1]!)).toBeLessThan(open.findIndex((i) => i.riskPerCost === null));
    expect(res.body.can).toEqual({ propose: false, edit: false });
  });

  it('a contributor proposes; only an advisor approves; a viewer reads', async () => {
    const proposed = await contributor.post<InitiativeOut>(`${base}/roadmap/initiatives`, hand());
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.status).toBe('proposed');
    expect(proposed.body.ref).toMatch(/^I\d+$/);
    const approvedByContributor = await contributor.post<ErrorBody>(`${base}/roadmap/initiatives`, hand({ status: 'approved' }));
    expect(approvedByContributor.status).toBe(403);
    expect(approvedByContributor.body.error.message).toMatch(/Only an advisor/);
    expect((await contributor.patch<ErrorBody>(`${base}/roadmap/initiatives/${proposed.body.id}`, { status: 'approved' })).status).toBe(403);
    // While proposed, the contributor may change it.
    const changed = await contributor.patch<InitiativeOut>(`${base}/roadmap/initiatives/${proposed.body.id}`, { oneTimeCost: 4_500 });
    expect(changed.status).toBe(200);
    expect(changed.body.oneTimeCost).toBe(4_500);
    expect((await viewer.post(`${base}/roadmap/initiatives`, hand())).status).toBe(403);
    expect((await executive.post(`${base}/roadmap/initiatives`, hand())).status).toBe(403);
    expect((await viewer.patch(`${base}/roadmap/initiatives/${proposed.body.id}`, { title: 'x' })).status).toBe(403);
    const approved = await advisor.patch<InitiativeOut>(`${base}/roadmap/initiatives/${proposed.body.id}`, { status: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    // Once approved, the contributor no longer changes it.
    const late = await contributor.patch<ErrorBody>(`${base}/roadmap/initiatives/${proposed.body.id}`, { title: 'Changed' });
    expect(late.status).toBe(403);
    expect(late.body.error.message).toMatch(/once it is approved/);
    const trail = await audit(proposed.body.id);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['roadmap.initiative.create', 'roadmap.initiative.update', 'roadmap.initiative.status']));
    const status = trail.find((e) => e.action === 'roadmap.initiative.status')!;
    expect(status.before!.status).toBe('proposed');
    expect(status.after!.status).toBe('approved');
    expect((await executive.get<InitiativeOut>(`${base}/roadmap/initiatives/${proposed.body.id}`)).status).toBe(200);
  });

  it('refuses what is not valid, saying where, and stores nothing', async () => {
    const count = async () => (await advisor.get<RoadmapOut>(`${base}/roadmap`)).body.initiatives.length;
    const before = await count();
    const quarter = await advisor.post<ErrorBody>(`${base}/roadmap/initiatives`, hand({ targetQuarter: '2027-Q2' }));
    expect(quarter.status).toBe(400);
    expect(quarter.body.error.details.map((d) => d.path)).toContain('body.targetQuarter');
    const cents = await advisor.post<ErrorBody>(`${base}/roadmap/initiatives`, hand({ oneTimeCost: 10.005 }));
    expect(cents.status).toBe(400);
    expect(cents.body.error.details).toEqual([{ path: 'body.oneTimeCost', message: 'USD amounts have at most 2 decimals' }]);
    const priority = await advisor.post<ErrorBody>(`${base}/roadmap/initiatives`, hand({ priorityIds: ['nope'] }));
    expect(priority.status).toBe(400);
    expect(priority.body.error.details[0]!.path).toBe('body.priorityIds.0');
    const roadmap = (await advisor.get<RoadmapOut>(`${base}/roadmap`)).body;
    const carried = roadmap.initiatives.find((i) => i.treatments.length > 0)!;
    const taken = await advisor.post<ErrorBody>(`${base}/roadmap/initiatives`, hand({ treatmentIds: [carried.treatments[0]!.id] }));
    expect(taken.status).toBe(400);
    expect(taken.body.error.details[0]!.message).toMatch(new RegExp(`already carried by initiative ${carried.ref}`));
    const extra = await advisor.post<ErrorBody>(`${base}/roadmap/initiatives`, { ...hand(), colour: 'red' });
    expect(extra.status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('moves an initiative to another quarter, with its own audit entry', async () => {
    const made = await advisor.post<InitiativeOut>(`${base}/roadmap/initiatives`, hand({ title: 'Wall displays for the meeting room' }));
    const moved = await advisor.patch<InitiativeOut>(`${base}/roadmap/initiatives/${made.body.id}`, { targetQuarter: '2027Q3' });
    expect(moved.status).toBe(200);
    expect(moved.body.targetQuarterLabel).toBe('Q3 2027');
    const entry = (await audit(made.body.id)).find((e) => e.action === 'roadmap.initiative.move')!;
    expect(entry.before!.targetQuarter).toBe('2027Q2');
    expect(entry.after!.targetQuarter).toBe('2027Q3');
    expect((await advisor.delete(`${base}/roadmap/initiatives/${made.body.id}`)).status).toBe(200);
    expect((await advisor.get(`${base}/roadmap/initiatives/${made.body.id}`)).status).toBe(404);
    expect((await audit(made.body.id)).map((e) => e.action)).toContain('roadmap.initiative.delete');
  });

  it('an advisor overrides the ranking, audited, and can rank by value again', async () => {
    const before = (await advisor.get<RoadmapOut>(`${base}/roadmap`)).body;
    const open = before.initiatives.filter((i) => i.rank !== null);
    const last = open[open.length - 1]!;
    expect((await contributor.put(`${base}/roadmap/order`, { initiativeIds: [last.id] })).status).toBe(403);
    const ordered = await advisor.put<RoadmapOut>(`${base}/roadmap/order`, { initiativeIds: [last.id] });
    expect(ordered.status).toBe(200);
    const top = ordered.body.initiatives[0]!;
    expect(top.id).toBe(last.id);
    expect(top.rank).toBe(1);
    expect(top.manualRank).toBe(1);
    expect(top.computedRank).toBe(last.computedRank);
    expect(ordered.body.ranking.overridden).toBe(true);
    const done = before.initiatives.find((i) => i.status === 'done')!;
    const refused = await advisor.put<ErrorBody>(`${base}/roadmap/order`, { initiativeIds: [done.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]!.path).toBe('body.initiativeIds.0');
    const trail = (await advisor.get<AuditPage>(`${base}/audit?limit=50`)).body.entries.find((e) => e.action === 'roadmap.order')!;
    expect(trail.after!.order).toEqual([last.ref]);
    const reset = await advisor.delete<RoadmapOut>(`${base}/roadmap/order`);
    expect(reset.status).toBe(200);
    expect(reset.body.ranking.overridden).toBe(false);
    expect(reset.body.initiatives.filter((i) => i.rank !== null).map((i) => i.id)).toEqual(open.map((i) => i.id));
  });

  it('makes initiatives from the sources: a system to replace, a contract to renew, treatments to carry, an option to adopt', async () => {
    const c = await advisor.get<CandidatesOut>(`${base}/roadmap/candidates`);
    expect(c.status).toBe(200);
    // Harbor & Finch's framework gaps come from its assessment in progress (test/api/roadmap-gaps.test.ts).
    expect(c.body.gaps.assessment?.status).toBe('in_progress');
    expect(c.body.gaps.gaps.length).toBeGreaterThan(0);
    const system = c.body.systems[0]!;
    const replace = await contributor.post<InitiativeOut>(`${base}/roadmap/initiatives/from-source`, { type: 'system', systemId: system.id });
    expect(replace.status, JSON.stringify(replace.body)).toBe(201);
    expect(replace.body).toMatchObject({ title: `Replace ${system.name}`, kind: 'lifecycle', status: 'proposed', oneTimeCost: system.replacementCost ?? 0, targetQuarter: system.quarter, source: { type: 'system', id: system.id } });
    const again = await contributor.post<ErrorBody>(`${base}/roadmap/initiatives/from-source`, { type: 'system', systemId: system.id });
    expect(again.status).toBe(409);
    const contract = c.body.contracts[0]!;
    const renew = await contributor.post<InitiativeOut>(`${base}/roadmap/initiatives/from-source`, { type: 'contract', contractId: contract.id });
    expect(renew.status).toBe(201);
    expect(renew.body.title).toBe(`Renew or replace ${contract.vendor}: ${contract.reference}`);
    // Adopting an option plans treatments in the register: advisors only.
    const option = c.body.options[0]!;
    expect((await contributor.post(`${base}/roadmap/initiatives/from-source`, { type: 'option', setId: option.setId, optionId: option.optionId })).status).toBe(403);
    const adopted = await advisor.post<InitiativeOut>(`${base}/roadmap/initiatives/from-source`, { type: 'option', setId: option.setId, optionId: option.optionId });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    expect(adopted.body.status).toBe('approved');
    expect(adopted.body.treatments.every((tr) => tr.status === 'planned')).toBe(true);
    expect(adopted.body.riskReduction!.mean).toBeGreaterThan(0);
    const trail = await audit(adopted.body.id);
    expect(trail.map((e) => e.action)).toEqual(['roadmap.initiative.create']);
    const bad = await advisor.post<ErrorBody>(`${base}/roadmap/initiatives/from-source`, { type: 'treatments', treatmentIds: ['missing'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toBe('body.treatmentIds.0');
  });

  it('the firm view lists what is due this quarter across the caller\u2019s clients, in one query', async () => {
    const res = await advisor.get<FirmRoadmapOut>('/api/roadmap/due');
    expect(res.status).toBe(200);
    expect(res.body.quarter).toBe('2026Q4');
    const names = res.body.clients.map((c) => c.name);
    expect(names).not.toContain('Lumen Analytics');
    for (const c of res.body.clients) for (const d of c.due) expect(['proposed', 'approved', 'in_progress']).toContain(d.status);
    const priya = await demo.as(DEMO.advisor2);
    const hers = await priya.get<FirmRoadmapOut>('/api/roadmap/due?quarter=2027Q1');
    expect(hers.status).toBe(200);
    expect(hers.body.clients.map((c) => c.name)).not.toContain('Harbor & Finch CPAs');
    expect((await advisor.get('/api/roadmap/due?quarter=2027-1')).status).toBe(400);
  });
});
