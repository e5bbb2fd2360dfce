import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, TestApp } from '../support/app.js';
import { startTestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { AcceptanceOut, DecisionOut } from '../../src/modules/governance/schema.js';
import type { NotificationList } from '../../src/modules/notifications/schema.js';
import type { AttentionList, TaskList, TaskOut } from '../../src/modules/tasks/schema.js';

/**
 * What waits for whom: each person's tasks in a client (the home page's "Waiting for you"),
 * the portfolio's counts, and notifications that close themselves once their task is done.
 */

let t: TestApp;
let demo: DemoWorld;
let clientId: string;
let gov: string;
let advisor: Caller; // Sam: advisor, holds the CISO seat at Harbor & Finch
let executive: Caller; // Margaret
let contributor: Caller; // Tom: holds the CIO seat
let viewer: Caller;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  clientId = demo.clients.accounting;
  gov = `/api/clients/${clientId}/governance`;
  advisor = await demo.as(DEMO.advisor);
  executive = await demo.as(DEMO.accounting.executive);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
  await t.ctx.jobs.runDue();
});
afterAll(async () => {
  await t.close();
});

async function tasks(caller: Caller): Promise<TaskOut[]> {
  const res = await caller.get<TaskList>(`/api/clients/${clientId}/tasks`);
  expect(res.status).toBe(200);
  return res.body.tasks;
}
/**
 * The portfolio's count of the caller's tasks in each of their clients is the length of that
 * client's own task list (the portfolio reads every client at once, the task list one client).
 */
async function expectPortfolioCounts(caller: Caller): Promise<void> {
  const rows = (await caller.get<AttentionList>('/api/portfolio/attention')).body.clients;
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const own = await caller.get<TaskList>(`/api/clients/${row.clientId}/tasks`);
    expect(own.status).toBe(200);
    expect(row.tasks, row.clientId).toBe(own.body.tasks.length);
  }
}
async function notification(caller: Caller, kind: string, subjectId: string) {
  const list = (await caller.get<NotificationList>('/api/notifications?limit=200')).body;
  return list.notifications.find((n) => n.kind === kind && n.subjectId === subjectId);
}
async function newDecision(title: string): Promise<DecisionOut> {
  const d = await advisor.post<DecisionOut>(`${gov}/decisions`, { title, proposal: 'Proceed.', seats: ['CIO', 'CISO'], options: [] });
  expect(d.status).toBe(201);
  return d.body;
}

describe('tasks in a client', () => {
  it('asks each seat for its position, offers Decide only once every seat has spoken, and closes the requests as they are met', async () => {
    const d = await newDecision('Move backups to immutable storage');
    expect(d.can.decide).toBe(false);
    expect(d.can.withdraw).toBe(true);
    const tomTask = (await tasks(contributor)).find((x) => x.id === `decision.position:${d.id}:CIO`);
    expect(tomTask).toMatchObject({ kind: 'decision.position', title: 'Give your position as CIO: Move backups to immutable storage', path: `governance/decisions/${d.id}` });
    expect((await tasks(advisor)).some((x) => x.id === `decision.position:${d.id}:CISO`)).toBe(true);
    expect((await notification(contributor, 'decision.position-requested', d.id))?.readAt).toBeNull();
    for (const caller of [advisor, executive, contributor, viewer]) await expectPortfolioCounts(caller);

    // Deciding before every seat has spoken is refused, and the task list does not offer it.
    expect((await advisor.post(`${gov}/decisions/${d.id}/decide`, { outcome: 'Go.' })).status).toBe(409);
    expect((await tasks(advisor)).some((x) => x.id === `decision.decide:${d.id}`)).toBe(false);

    expect((await contributor.put(`${gov}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'Ransomware insurance asks for it.' })).status).toBe(200);
    expect((await tasks(contributor)).some((x) => x.id === `decision.position:${d.id}:CIO`)).toBe(false);
    expect((await notification(contributor, 'decision.position-requested', d.id))?.readAt).not.toBeNull();
    // The CISO's task stays until the CISO answers.
    expect((await tasks(advisor)).some((x) => x.id === `decision.position:${d.id}:CISO`)).toBe(true);

    const agreed = await advisor.put<DecisionOut>(`${gov}/decisions/${d.id}/positions/CISO`, { stance: 'supports', rationale: 'Agreed.' });
    expect(agreed.body.can.decide).toBe(true);
    expect((await tasks(advisor)).find((x) => x.id === `decision.decide:${d.id}`)?.kind).toBe('decision.decide');
    for (const caller of [advisor, executive, contributor]) await expectPortfolioCounts(caller);
    // An executive is not asked to decide what the seats agree on.
    expect((await tasks(executive)).some((x) => x.id === `decision.decide:${d.id}`)).toBe(false);
  });

  it('puts an escalated decision in front of the executive and closes the notification once decided', async () => {
    const d = await newDecision('Outsource the help desk');
    await contributor.put(`${gov}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'Cheaper.' });
    await advisor.put(`${gov}/decisions/${d.id}/positions/CISO`, { stance: 'opposes', rationale: 'Access to everything.' });
    const task = (await tasks(executive)).find((x) => x.id === `decision.decide:${d.id}`);
    expect(task).toMatchObject({ title: 'Decide: Outsource the help desk', detail: expect.stringContaining('escalated') as unknown });
    expect((await tasks(advisor)).some((x) => x.id === `decision.decide:${d.id}`)).toBe(false);
    expect((await notification(executive, 'decision.escalated', d.id))?.readAt).toBeNull();
    for (const caller of [advisor, executive]) await expectPortfolioCounts(caller);

    expect((await executive.post(`${gov}/decisions/${d.id}/decide`, { outcome: 'Not this year.' })).status).toBe(200);
    expect((await tasks(executive)).some((x) => x.id === `decision.decide:${d.id}`)).toBe(false);
    expect((await notification(executive, 'decision.escalated', d.id))?.readAt).not.toBeNull();
    // The news of the outcome is new for the seats: only requests close themselves.
    expect((await notification(contributor, 'decision.decided', d.id))?.readAt).toBeNull();
  });

  it('asks the executive to approve an acceptance and closes the request once approved', async () => {
    const risks = (await advisor.get<{ scenarios: { id: string; status: string; proposed: boolean }[] }>(`/api/clients/${clientId}/risks`)).body.scenarios;
    const open = risks.find((r) => r.status === 'open' && !r.proposed);
    expect(open).toBeDefined();
    const req = await contributor.post<AcceptanceOut>(`${gov}/acceptances`, { riskIds: [open!.id], justification: 'Cheaper to bear than to treat.', expiresOn: '2027-05-01' });
    expect(req.status).toBe(201);
    expect((await tasks(executive)).find((x) => x.id === `acceptance.approve:${req.body.id}`)?.path).toBe(`governance/acceptances/${req.body.id}`);
    expect((await tasks(contributor)).some((x) => x.id === `acceptance.approve:${req.body.id}`)).toBe(false);
    expect((await notification(executive, 'acceptance.requested', req.body.id))?.readAt).toBeNull();
    // The acceptance waits: the executive's count has it, the contributor's (who asked) does not.
    for (const caller of [executive, contributor, advisor]) await expectPortfolioCounts(caller);

    expect((await executive.post(`${gov}/acceptances/${req.body.id}/approve`, {})).status).toBe(200);
    expect((await tasks(executive)).some((x) => x.id === `acceptance.approve:${req.body.id}`)).toBe(false);
    expect((await notification(executive, 'acceptance.requested', req.body.id))?.readAt).not.toBeNull();
  });

  it('gives a viewer nothing to do, orders tasks overdue first, and answers 404 outside the caller\u2019s clients', async () => {
    expect(await tasks(viewer)).toEqual([]);
    const mine = await tasks(advisor);
    const firstUndated = mine.findIndex((x) => !x.overdue && x.dueOn === null);
    expect(mine.slice(firstUndated === -1 ? mine.length : firstUndated).every((x) => !x.overdue && x.dueOn === null)).toBe(true);
    const olivia = await demo.as(DEMO.saas.executive);
    expect((await olivia.get(`/api/clients/${clientId}/tasks`)).status).toBe(404);
  });
});

describe('the portfolio\u2019s needs action', () => {
  it('counts tasks, escalations, renewals and overdue reviews for exactly the caller\u2019s clients', async () => {
    const d = await newDecision('Replace the VPN');
    await contributor.put(`${gov}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'Old.' });
    await advisor.put(`${gov}/decisions/${d.id}/positions/CISO`, { stance: 'opposes', rationale: 'Not now.' });
    const sam = (await advisor.get<AttentionList>('/api/portfolio/attention')).body.clients;
    expect(sam.map((c) => c.clientId).sort()).toEqual([demo.clients.accounting, demo.clients.manufacturer].sort());
    const row = sam.find((c) => c.clientId === clientId)!;
    expect(row.escalations).toBeGreaterThanOrEqual(1);
    expect(row.tasks).toBe((await tasks(advisor)).length);
    const olivia = (await (await demo.as(DEMO.saas.executive)).get<AttentionList>('/api/portfolio/attention')).body.clients;
    expect(olivia.map((c) => c.clientId)).toEqual([demo.clients.saas]);
  });

  it('counts an access review once it is past its due date with grants undecided, as the reviews page marks it', async () => {
    const base = `/api/clients/${clientId}/estate/reviews`;
    type Review = { id: string; status: string; dueDate: string; overdue: boolean; progress: { pending: number } };
    // The client's open campaign (the demo has one), else a new one.
    let review = (await advisor.get<{ reviews: Review[] }>(base)).body.reviews.find((r) => r.status === 'open');
    if (!review) {
      const started = await advisor.post<Review>(base, { name: 'Year-end access review', dueDate: '2026-11-30' });
      expect(started.status).toBe(201);
      review = started.body;
    }
    expect(review.progress.pending).toBeGreaterThan(0);
    const overdueOf = async (caller: Caller) => (await caller.get<AttentionList>('/api/portfolio/attention')).body.clients.find((c) => c.clientId === clientId)!.overdueReviews;
    expect(await overdueOf(advisor)).toBe(review.overdue ? 1 : 0);
    t.clock.set(`${review.dueDate}T12:00:00.000Z`);
    t.clock.advanceDays(1);
    // Days later: everyone signs in again.
    demo.forgetSessions();
    advisor = await demo.as(DEMO.advisor);
    executive = await demo.as(DEMO.accounting.executive);
    contributor = await demo.as(DEMO.accounting.contributor);
    viewer = await demo.as(DEMO.accounting.viewer);
    const after = await advisor.get<{ reviews: Review[] }>(base);
    const marked = after.body.reviews.filter((r) => r.overdue);
    expect(marked.map((r) => r.id)).toContain(review.id);
    expect(await overdueOf(advisor)).toBe(marked.length);
    // The advisor is asked to chase it (or to certify their own grants in it), in both counts alike.
    expect((await tasks(advisor)).some((x) => x.id === `review.overdue:${review.id}` || x.id === `review.certify:${review.id}`)).toBe(true);
    for (const caller of [advisor, executive, contributor, viewer]) await expectPortfolioCounts(caller);
  });
});
