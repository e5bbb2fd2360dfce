import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { ManualClock } from '../../src/server/clock.js';
import type { AcceptanceOut, BoardOut, CheckOut } from '../../src/modules/governance/schema.js';
import type { NotificationList } from '../../src/modules/notifications/schema.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Scenario {
  id: string;
  status: string;
  statusReason: string | null;
  result: { current: { mean: number } } | null;
}

let t: TestApp;
let demo: DemoWorld;
let clientId: string;
let gov: string;
let advisor: Caller; // Sam: advisor holding the CISO seat at Harbor & Finch
let admin: Caller; // Dana: firm admin, an advisor holding no seat
let executive: Caller;
let contributor: Caller;
let viewer: Caller;
const risk: Record<'small' | 'medium' | 'large' | 'expiring' | 'spare', string> = { small: '', medium: '', large: '', expiring: '', spare: '' };

const WITHIN = { points: [{ loss: 1e9, probability: 0.5 }], statement: 'Generous, for the test.' };
const TINY = { points: [{ loss: 1_000, probability: 0.001 }], statement: 'Almost nothing, for the test.' };

async function scenario(title: string, frequency: number, loss: number): Promise<string> {
  const res = await advisor.post<{ id: string }>(`/api/clients/${clientId}/risks`, {
    title,
    ownerSeat: 'CISO',
    inputs: { lossEventFrequency: { type: 'constant', value: frequency }, primaryLoss: { type: 'constant', value: loss } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function getRisk(caller: Caller, id: string): Promise<Scenario> {
  return (await caller.get<Scenario>(`/api/clients/${clientId}/risks/${id}`)).body;
}
async function setAppetite(appetite: typeof WITHIN): Promise<void> {
  expect((await advisor.put(`/api/clients/${clientId}/risks/appetite`, appetite)).status).toBe(200);
}
async function request(caller: Caller, riskIds: string[], expiresOn = '2027-05-01') {
  return caller.post<AcceptanceOut & ErrorBody>(`${gov}/acceptances`, { riskIds, justification: 'Treatment costs more than the loss it prevents.', expiresOn });
}
async function inbox(caller: Caller): Promise<NotificationList> {
  return (await caller.get<NotificationList>('/api/notifications?limit=200')).body;
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  clientId = demo.clients.accounting;
  gov = `/api/clients/${clientId}/governance`;
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  executive = await demo.as(DEMO.accounting.executive);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
  risk.small = await scenario('Printer driver exploit', 0.5, 4_000);
  risk.medium = await scenario('Lost USB stick with working papers', 1, 20_000);
  risk.large = await scenario('Partner mailbox taken over', 2, 150_000);
  risk.expiring = await scenario('Old scanner firmware', 1, 3_000);
  risk.spare = await scenario('Kiosk PC in reception', 1, 1_000);
  await setAppetite(WITHIN);
  // Simulate the registers (the demo's and these scenarios) as the server's job would.
  await t.ctx.jobs.runDue();
});
afterAll(async () => {
  await t.close();
});

describe('requesting a risk acceptance', () => {
  it('refuses an acceptance without an expiry, in the past, or beyond the limit, naming the field', async () => {
    const none = await contributor.post<ErrorBody>(`${gov}/acceptances`, { riskIds: [risk.small], justification: 'No date.' });
    expect(none.status).toBe(400);
    expect(none.body.error.details.map((d) => d.path)).toContain('body.expiresOn');
    const tooLong = await request(contributor, [risk.small], '2027-11-27');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0]).toEqual({ path: 'expiresOn', message: 'must be on or before 2027-11-26 (12 months)' });
    expect((await request(contributor, [risk.small], '2026-11-26')).body.error.details[0]!.path).toBe('expiresOn');
    // The client may set a shorter limit.
    expect((await advisor.patch(`${gov}/settings`, { maxAcceptanceMonths: 3, defaultAcceptanceMonths: 3 })).status).toBe(200);
    const overClientLimit = await request(contributor, [risk.small], '2027-03-01');
    expect(overClientLimit.body.error.message).toMatch(/at most 3 months/);
    await advisor.patch(`${gov}/settings`, { maxAcceptanceMonths: 12, defaultAcceptanceMonths: 6 });
    const unknown = await request(contributor, ['01a21868-f316-7442-9b0f-a2c51213f029']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]!.path).toBe('riskIds.0');
    expect((await request(viewer, [risk.small])).status).toBe(403);
    expect((await viewer.get<{ acceptances: AcceptanceOut[] }>(`${gov}/acceptances`)).body.acceptances.filter((a) => a.risks.some((r) => r.riskId === risk.small))).toEqual([]);
  });

  it('the requester can never approve their own request', async () => {
    const req = await request(advisor, [risk.small]);
    expect(req.status).toBe(201);
    const own = await advisor.post<ErrorBody>(`${gov}/acceptances/${req.body.id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('You requested this acceptance; someone else must approve it.');
    expect(req.body.can.approve).toBe(false);
    const ok = await executive.post<AcceptanceOut>(`${gov}/acceptances/${req.body.id}/approve`, {});
    expect(ok.status).toBe(200);
    expect(ok.body.approvedBy).toMatchObject({ name: 'Margaret Finch', role: 'executive' });
  });

  it('within appetite, an executive approves by default; the CISO\u2019s advisor only once the client delegated it', async () => {
    // The demo's partners delegated up to $25,000; without a delegation, an executive approves.
    expect((await viewer.get<{ delegation: { limit: number } | null }>(`${gov}/settings`)).body.delegation?.limit).toBe(25_000);
    expect((await executive.delete(`${gov}/delegation`)).status).toBe(200);
    const req = await request(contributor, [risk.medium]);
    expect(req.body).toMatchObject({ status: 'requested', requiredAuthority: 'executive', appetite: { defined: true, above: false, settled: true }, awaitingBoard: true });
    expect(req.body.authorityReason).toMatch(/has not delegated the approval of acceptances to its CISO's advisor, so an executive approves it/);
    const undelegated = await advisor.post<ErrorBody>(`${gov}/acceptances/${req.body.id}/approve`, {});
    expect(undelegated.status).toBe(403);
    expect(undelegated.body.error.message).toMatch(/has not delegated/);

    // Only an executive records the delegation, to the advisor who holds the CISO seat.
    const delegation = { delegateUserId: (await advisor.get<{ user: { id: string } }>('/api/me')).body.user.id, limit: 100_000, note: 'Partners\u2019 meeting of 2 November 2026' };
    expect((await advisor.put(`${gov}/delegation`, delegation)).status).toBe(403);
    const notCisoDelegate = await executive.put<ErrorBody>(`${gov}/delegation`, { ...delegation, delegateUserId: (await admin.get<{ user: { id: string } }>('/api/me')).body.user.id });
    expect(notCisoDelegate.status).toBe(400);
    expect(notCisoDelegate.body.error.details[0]).toMatchObject({ path: 'delegateUserId' });
    const future = await executive.put<ErrorBody>(`${gov}/delegation`, { ...delegation, since: '2026-12-01' });
    expect(future.body.error.details[0]).toMatchObject({ path: 'since', message: 'must be on or before 2026-11-26' });
    const set = await executive.put<{ sentence: string; holdsCisoSeat: boolean; limit: number }>(`${gov}/delegation`, delegation);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ holdsCisoSeat: true, limit: 100_000 });
    expect(set.body.sentence).toMatch(/^Margaret Finch recorded on 26 Nov 2026 that Harbor & Finch CPAs delegates to Sam Okafor, the advisor holding the CISO seat, the approval of risk acceptances .* up to \$100,000 of expected annual loss/);
    expect((await viewer.get<{ delegation: { limit: number } | null }>(`${gov}/settings`)).body.delegation?.limit).toBe(100_000);
    const delegationAudit = await viewer.get<{ entries: { action: string; after: { limit: number } }[] }>(`/api/clients/${clientId}/audit?action=governance.delegation.set`);
    expect(delegationAudit.body.entries[0]).toMatchObject({ action: 'governance.delegation.set', after: { limit: 100_000 } });

    const now = (await viewer.get<AcceptanceOut>(`${gov}/acceptances/${req.body.id}`)).body;
    expect(now).toMatchObject({ requiredAuthority: 'ciso-advisor-or-executive', awaitingBoard: false });
    expect(now.authorityReason).toMatch(/within the \$100,000 up to which Harbor & Finch CPAs delegated the approval to Sam Okafor \(CISO\)/);
    const notCiso = await admin.post<ErrorBody>(`${gov}/acceptances/${req.body.id}/approve`, {});
    expect(notCiso.status).toBe(403);
    expect(notCiso.body.error.message).toMatch(/Sam Okafor or an executive may approve it\. You are neither\./);
    expect((await contributor.post(`${gov}/acceptances/${req.body.id}/approve`, {})).status).toBe(403);

    const before = await getRisk(viewer, risk.medium);
    expect(before.status).toBe('open');
    const ok = await advisor.post<AcceptanceOut>(`${gov}/acceptances/${req.body.id}/approve`, { note: 'Encrypted sticks are on order.' });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    const frozen = ok.body.risks[0]!;
    expect(frozen.frozenMean).toBe(before.result!.current.mean);
    expect(frozen.frozen).toMatchObject({ id: risk.medium, status: 'open', risk: { primaryLoss: { type: 'constant', value: 20_000 } } });
    expect((await getRisk(viewer, risk.medium)).status).toBe('accepted');
    expect((await inbox(contributor)).notifications.some((n) => n.kind === 'acceptance.approved' && n.subjectId === req.body.id)).toBe(true);

    const board = await viewer.get<BoardOut>(`${gov}/board`);
    expect(board.body.acceptedRisks.find((a) => a.id === req.body.id)?.expiresOn).toBe('2027-05-01');
    const audit = await viewer.get<{ entries: { action: string; entityId: string }[] }>(`/api/clients/${clientId}/audit?limit=20`);
    const actions = audit.body.entries.map((e) => `${e.action}:${e.entityId}`);
    expect(actions).toContain(`acceptance.request:${req.body.id}`);
    expect(actions).toContain(`acceptance.approve:${req.body.id}`);
    expect(actions).toContain(`risk.status:${risk.medium}`);
    // One acceptance at a time per risk.
    expect((await request(contributor, [risk.medium])).status).toBe(409);
  });

  it('above appetite, only an executive (the board) can approve; it waits among the decisions for the board', async () => {
    await setAppetite(TINY);
    try {
      const req = await request(contributor, [risk.large]);
      expect(req.body).toMatchObject({ requiredAuthority: 'executive', appetite: { defined: true, above: true }, awaitingBoard: true });
      expect((await viewer.get<BoardOut>(`${gov}/board`)).body.acceptancesAwaitingBoard.map((a) => a.id)).toContain(req.body.id);
      const ciso = await advisor.post<ErrorBody>(`${gov}/acceptances/${req.body.id}/approve`, {});
      expect(ciso.status).toBe(403);
      expect(ciso.body.error.message).toMatch(/Harbor & Finch CPAs' risk register is above its risk appetite .* whatever its size: only an executive can accept it/);
      expect((await advisor.post(`${gov}/acceptances/${req.body.id}/reject`, { reason: 'no' })).status).toBe(403);
      const ok = await executive.post<AcceptanceOut>(`${gov}/acceptances/${req.body.id}/approve`, {});
      expect(ok.status).toBe(200);
      expect((await viewer.get<BoardOut>(`${gov}/board`)).body.acceptancesAwaitingBoard.map((a) => a.id)).not.toContain(req.body.id);
    } finally {
      await setAppetite(WITHIN);
    }
  });

  it('a withdrawn or rejected request leaves the risk open', async () => {
    const req = await request(contributor, [risk.spare]);
    expect((await viewer.post(`${gov}/acceptances/${req.body.id}/withdraw`, { reason: 'x' })).status).toBe(403);
    const w = await contributor.post<AcceptanceOut>(`${gov}/acceptances/${req.body.id}/withdraw`, { reason: 'We will treat it instead.' });
    expect(w.body.status).toBe('withdrawn');
    const again = await request(contributor, [risk.spare]);
    const rej = await advisor.post<AcceptanceOut>(`${gov}/acceptances/${again.body.id}/reject`, { reason: 'A replacement PC costs $600.' });
    expect(rej.body).toMatchObject({ status: 'rejected', note: 'A replacement PC costs $600.' });
    expect((await getRisk(viewer, risk.spare)).status).toBe('open');
    expect((await advisor.post(`${gov}/acceptances/${again.body.id}/approve`, {})).status).toBe(409);
  });

  it('a material rise of an accepted risk flags it for re-approval, which re-freezes it', async () => {
    const accepted = (await viewer.get<{ acceptances: AcceptanceOut[] }>(`${gov}/acceptances?status=approved`)).body.acceptances.find((a) => a.risks.some((r) => r.riskId === risk.medium))!;
    const frozenMean = accepted.risks[0]!.frozenMean!;
    const patch = await advisor.patch(`/api/clients/${clientId}/risks/${risk.medium}`, {
      inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 20_500 } },
    });
    expect(patch.status).toBe(200);
    await t.ctx.jobs.runDue();
    // +2.5 % is not material (the default share is 25 %).
    expect((await viewer.get<AcceptanceOut>(`${gov}/acceptances/${accepted.id}`)).body.reapprovalRequired).toBe(false);

    await advisor.patch(`/api/clients/${clientId}/risks/${risk.medium}`, {
      inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 45_000 } },
    });
    await t.ctx.jobs.runDue();
    const flagged = (await viewer.get<AcceptanceOut>(`${gov}/acceptances/${accepted.id}`)).body;
    expect(flagged.reapprovalRequired).toBe(true);
    expect(flagged.reapprovalReason).toMatch(/Lost USB stick with working papers: expected annual loss rose from/);
    expect(flagged.risks[0]!.changePercent).toBeGreaterThan(100);
    expect(flagged.status).toBe('approved');
    expect((await viewer.get<{ checks: CheckOut[] }>(`${gov}/checks`)).body.checks.some((c) => c.id === `acceptance.reapproval:${accepted.id}`)).toBe(true);
    expect((await inbox(advisor)).notifications.some((n) => n.kind === 'acceptance.reapproval' && n.subjectId === accepted.id)).toBe(true);

    const again = await advisor.post<AcceptanceOut>(`${gov}/acceptances/${accepted.id}/approve`, { note: 'Still acceptable.' });
    expect(again.status).toBe(200);
    expect(again.body.reapprovalRequired).toBe(false);
    expect(again.body.risks[0]!.frozenMean).toBeGreaterThan(frozenMean * 2);
    const audit = await viewer.get<{ entries: { action: string }[] }>(`/api/clients/${clientId}/audit?entityType=acceptance&entityId=${accepted.id}`);
    expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['acceptance.reapproval-required', 'acceptance.reapprove']));
  });
});

describe('expiry', () => {
  it('reminds once per threshold, then lapses the acceptance and reopens the risk across a restart', async () => {
    const req = await request(contributor, [risk.expiring], '2027-01-05');
    const ok = await executive.post<AcceptanceOut>(`${gov}/acceptances/${req.body.id}/approve`, {});
    expect(ok.body.daysLeft).toBe(40);
    const reminders = async (caller: Caller) => (await inbox(caller)).notifications.filter((n) => n.kind === 'acceptance.expiring' && n.subjectId === req.body.id);

    t.clock.set('2026-12-07T09:00:00.000Z');
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.runDue();
    let tom = await login(t.server, DEMO.accounting.contributor, DEMO_PASSWORD);
    expect((await reminders(tom)).map((n) => n.title)).toEqual(['Risk acceptance expires in 29 days: Old scanner firmware']);

    t.clock.set('2026-12-30T09:00:00.000Z');
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.runDue();
    tom = await login(t.server, DEMO.accounting.contributor, DEMO_PASSWORD);
    expect((await reminders(tom)).map((n) => n.title)).toEqual(['Risk acceptance expires in 6 days: Old scanner firmware', 'Risk acceptance expires in 29 days: Old scanner firmware']);
    expect((await getRisk(tom, risk.expiring)).status).toBe('accepted');

    // The server stops before the expiry and starts again after it, on the same database.
    await t.stop();
    const clock = new ManualClock('2027-01-06T07:00:00.000Z');
    t = await startTestApp({ storage: t.storage, clock });
    await t.ctx.jobs.runDue();

    const v = await login(t.server, DEMO.accounting.viewer, DEMO_PASSWORD);
    const lapsed = (await v.get<AcceptanceOut>(`${gov}/acceptances/${req.body.id}`)).body;
    expect(lapsed.status).toBe('expired');
    const reopened = await getRisk(v, risk.expiring);
    expect(reopened.status).toBe('open');
    expect(reopened.statusReason).toMatch(/expired on 2027-01-05/);
    expect((await v.get<{ checks: CheckOut[] }>(`${gov}/checks`)).body.checks.find((c) => c.id === `acceptance.expired:${req.body.id}`)?.severity).toBe('high');
    tom = await login(t.server, DEMO.accounting.contributor, DEMO_PASSWORD);
    expect((await inbox(tom)).notifications.some((n) => n.kind === 'acceptance.expired' && n.subjectId === req.body.id)).toBe(true);
    // Running again changes nothing.
    await t.ctx.jobs.runDue();
    const audit = await v.get<{ entries: { action: string; actor: string }[] }>(`/api/clients/${clientId}/audit?entityType=acceptance&entityId=${req.body.id}`);
    expect(audit.body.entries.filter((e) => e.action === 'acceptance.expire')).toHaveLength(1);
    expect(audit.body.entries.filter((e) => e.action === 'acceptance.remind')).toHaveLength(2);
    // The risk can be accepted anew.
    expect((await request(tom, [risk.expiring], '2027-03-01')).status).toBe(201);
  });
});
