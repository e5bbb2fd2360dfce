import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { CheckOut, ConcernOut, DecisionOut, ResponsibilityOut, SeatOut } from '../../src/modules/governance/schema.js';
import type { NotificationList } from '../../src/modules/notifications/schema.js';
import type { MemberOut } from '../../src/modules/clients/members.js';

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let base: string;
let advisor: Caller;
let admin: Caller;
let executive: Caller;
let contributor: Caller;
let viewer: Caller;
let members: MemberOut[];

const id = (email: string): string => members.find((m) => m.email === email)!.userId;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  base = `/api/clients/${demo.clients.accounting}/governance`;
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  executive = await demo.as(DEMO.accounting.executive);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
  members = (await advisor.get<{ members: MemberOut[] }>(`/api/clients/${demo.clients.accounting}/members`)).body.members;
});
afterAll(async () => {
  await t.close();
});

async function seats(): Promise<SeatOut[]> {
  return (await viewer.get<{ seats: SeatOut[] }>(`${base}/seats`)).body.seats;
}
async function checks(caller = viewer): Promise<CheckOut[]> {
  const res = await caller.get<{ checks: CheckOut[] }>(`${base}/checks`);
  expect(res.status).toBe(200);
  return res.body.checks;
}
async function setSeat(seat: string, holder: string | null, reportsTo = 'CEO') {
  return advisor.put<SeatOut & ErrorBody>(`${base}/seats/${seat}`, { holderUserId: holder ? id(holder) : null, reportsTo });
}
async function notificationsOf(caller: Caller): Promise<NotificationList> {
  return (await caller.get<NotificationList>('/api/notifications?limit=200')).body;
}
async function newDecision(body: Record<string, unknown>): Promise<DecisionOut> {
  const res = await advisor.post<DecisionOut>(`${base}/decisions`, { proposal: 'Do it.', options: [], ...body });
  expect(res.status).toBe(201);
  return res.body;
}

describe('seats', () => {
  it('lists the three seats with holder and reporting line', async () => {
    const s = await seats();
    expect(s.map((x) => x.seat)).toEqual(['CIO', 'CTO', 'CISO']);
    const ciso = s.find((x) => x.seat === 'CISO')!;
    expect(ciso.holder?.email).toBe(DEMO.advisor);
    expect(ciso.holder?.kind).toBe('advisor');
    expect(s.find((x) => x.seat === 'CIO')!.holder?.kind).toBe('in-house');
  });

  it('lets advisors set a holder and reporting line, audited; other roles get 403', async () => {
    const res = await setSeat('CTO', DEMO.accounting.contributor, 'CEO');
    expect(res.status).toBe(200);
    expect(res.body.holder?.email).toBe(DEMO.accounting.contributor);
    expect(res.body.since).toBe('2026-11-26');
    const audit = await viewer.get<{ entries: { action: string; entityId: string; before: { holder: unknown }; after: { holder: { email: string } } }[] }>(
      `/api/clients/${demo.clients.accounting}/audit?action=seat.update&limit=1`,
    );
    expect(audit.body.entries[0]!.entityId).toBe('CTO');
    expect(audit.body.entries[0]!.before.holder).toBeNull();
    expect(audit.body.entries[0]!.after.holder.email).toBe(DEMO.accounting.contributor);
    for (const c of [executive, contributor, viewer]) {
      expect((await c.put(`${base}/seats/CTO`, { holderUserId: null, reportsTo: 'CEO' })).status).toBe(403);
    }
    expect((await setSeat('CTO', null)).body.holder).toBeNull();
  });

  it('refuses a holder who is not a member, a viewer, a seat reporting to itself and unknown fields, naming the field', async () => {
    const outsider = await advisor.put<ErrorBody>(`${base}/seats/CIO`, { holderUserId: '01a21868-f316-7442-9b0f-a2c51213f029', reportsTo: 'CEO' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details[0]!.path).toBe('holderUserId');
    const asViewer = await setSeat('CIO', DEMO.accounting.viewer);
    expect(asViewer.status).toBe(400);
    expect(asViewer.body.error.message).toMatch(/viewer/);
    const self = await setSeat('CIO', DEMO.accounting.contributor, 'CIO');
    expect(self.status).toBe(400);
    expect(self.body.error.details[0]!.path).toBe('reportsTo');
    const unknown = await advisor.put<ErrorBody>(`${base}/seats/CIO`, { holderUserId: null, reportsTo: 'CEO', salary: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.map((d) => d.path)).toContain('body.salary');
    // Nothing was half-written: the CIO is still Tom.
    expect((await seats()).find((s) => s.seat === 'CIO')!.holder?.email).toBe(DEMO.accounting.contributor);
  });

  it('a holder who leaves the client leaves the seat vacant', async () => {
    const added = await advisor.post<MemberOut>(`/api/clients/${demo.clients.accounting}/members`, { email: 'cto-for-a-day@harborfinch.example', role: 'contributor', name: 'Casey Day', password: 'a-first-password-1' });
    expect(added.status).toBe(201);
    const put = await advisor.put<SeatOut>(`${base}/seats/CTO`, { holderUserId: added.body.userId, reportsTo: 'CEO' });
    expect(put.body.holder?.name).toBe('Casey Day');
    expect((await checks()).some((c) => c.id === 'seat.vacant:CTO')).toBe(false);
    expect((await advisor.delete(`/api/clients/${demo.clients.accounting}/members/${added.body.userId}`)).status).toBe(200);
    expect((await seats()).find((s) => s.seat === 'CTO')!.holder).toBeNull();
    expect((await checks()).some((c) => c.id === 'seat.vacant:CTO')).toBe(true);
  });
});

describe('charter', () => {
  it('is seeded from the roles: the CISO charter holds access control and board reporting', async () => {
    const res = await viewer.get<{ responsibilities: ResponsibilityOut[] }>(`${base}/charter`);
    const ciso = res.body.responsibilities.filter((r) => r.seat === 'CISO').map((r) => r.title);
    expect(ciso).toEqual(expect.arrayContaining(['Access control', 'Board reporting', 'Third- and fourth-party risk', 'Risk threshold']));
    expect(res.body.responsibilities.filter((r) => r.seat === 'CIO').map((r) => r.key)).toEqual(['infrastructure', 'internal-operations', 'internal-users', 'infrastructure-vendors', 'it-budget']);
  });

  it('shows a responsibility nobody covers, or covered by a vacant seat, as a check', async () => {
    const added = await advisor.post<ResponsibilityOut>(`${base}/charter`, { seat: 'CIO', title: 'Print fleet', coveredBy: null });
    expect(added.status).toBe(201);
    expect(added.body.coverage).toBe('uncovered');
    expect((await checks()).some((c) => c.id === `charter.uncovered:${added.body.id}`)).toBe(true);
    const toCto = await advisor.patch<ResponsibilityOut>(`${base}/charter/${added.body.id}`, { coveredBy: 'CTO' });
    expect(toCto.body.coverage).toBe('vacant-seat');
    expect((await checks()).find((c) => c.id === `charter.uncovered:${added.body.id}`)?.detail).toMatch(/CTO seat, which is vacant/);
    await advisor.patch(`${base}/charter/${added.body.id}`, { coveredBy: 'CIO' });
    expect((await checks()).some((c) => c.id === `charter.uncovered:${added.body.id}`)).toBe(false);
    expect((await contributor.patch(`${base}/charter/${added.body.id}`, { coveredBy: null })).status).toBe(403);
    expect((await advisor.delete(`${base}/charter/${added.body.id}`)).status).toBe(200);
  });
});

describe('governance checks', () => {
  it('finds the vacant CTO seat of the accounting firm', async () => {
    const c = await checks();
    expect(c.find((x) => x.id === 'seat.vacant:CTO')).toMatchObject({ code: 'seat.vacant', severity: 'low' });
    expect(c.some((x) => x.code === 'ciso.reports-to-cio')).toBe(false);
  });

  it('flags the CISO reporting to the CIO, and one person holding CIO and CISO', async () => {
    await setSeat('CISO', DEMO.advisor, 'CIO');
    expect((await checks()).find((x) => x.code === 'ciso.reports-to-cio')?.severity).toBe('high');
    await setSeat('CIO', DEMO.advisor, 'CEO');
    const conflict = (await checks()).find((x) => x.code === 'seats.conflict');
    expect(conflict?.title).toMatch(/Sam Okafor holds both the CIO and the CISO/);
    await setSeat('CIO', DEMO.accounting.contributor, 'CEO');
    await setSeat('CISO', DEMO.advisor, 'CEO');
    const after = await checks();
    expect(after.some((x) => x.code === 'seats.conflict' || x.code === 'ciso.reports-to-cio')).toBe(false);
  });

  it('the demo manufacturer shows its CISO reporting to the CIO and an open disagreement', async () => {
    const m = `/api/clients/${demo.clients.manufacturer}/governance`;
    const v = await demo.as(DEMO.manufacturer.viewer);
    expect((await v.get<{ checks: CheckOut[] }>(`${m}/checks`)).body.checks.some((c) => c.code === 'ciso.reports-to-cio')).toBe(true);
    const waiting = await v.get<{ decisions: DecisionOut[] }>(`${m}/decisions?awaitingExecutive=true`);
    expect(waiting.body.decisions).toHaveLength(1);
    const stances = waiting.body.decisions[0]!.positions.map((p) => p.stance);
    expect(stances).toContain('supports');
    expect(stances).toContain('opposes');
  });
});

describe('decisions and dissent', () => {
  it('escalates a disagreement to the executives, who are notified; a seat cannot close it, an executive can', async () => {
    const d = await newDecision({
      title: 'Allow personal phones for client e-mail',
      proposal: 'Staff may read client e-mail on their own phones through the Outlook app.',
      seats: ['CIO', 'CISO'],
      options: [
        { title: 'Outlook app with app protection', cost: 0, riskEffect: 'Data stays in the managed app', proposed: true },
        { title: 'Company phones', cost: 24_000.5, riskEffect: 'Full device control' },
      ],
    });
    expect(d.status).toBe('open');
    expect(d.options[1]!.cost).toBe(24_000.5);
    expect(d.positions.map((p) => p.stance)).toEqual([null, null]);
    expect(d.escalated).toBe(false);
    const before = (await notificationsOf(executive)).unread;

    const cio = await contributor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'Partners want e-mail on the go.' });
    expect(cio.status).toBe(200);
    expect(cio.body.escalated).toBe(false);
    const ciso = await advisor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CISO`, { stance: 'opposes', rationale: 'Unmanaged phones hold client tax data.', preferredOptionId: d.options[1]!.id });
    expect(ciso.body.escalated).toBe(true);
    expect(ciso.body.awaitingExecutive).toBe(true);
    expect(ciso.body.escalationReason).toMatch(/the CIO supports it, the CISO opposes it/);

    const inbox = await notificationsOf(executive);
    expect(inbox.unread).toBe(before + 1);
    const n = inbox.notifications.find((x) => x.kind === 'decision.escalated' && x.subjectId === d.id)!;
    expect(n.title).toContain('Allow personal phones');
    expect(n.link).toBe(`/clients/${demo.clients.accounting}/governance/decisions/${d.id}`);
    expect(n.clientName).toBe('Harbor & Finch CPAs');

    const bySeat = await advisor.post<ErrorBody>(`${base}/decisions/${d.id}/decide`, { outcome: 'Company phones.' });
    expect(bySeat.status).toBe(403);
    expect(bySeat.body.error.message).toMatch(/only an executive can decide it/);
    expect((await contributor.post(`${base}/decisions/${d.id}/decide`, { outcome: 'x' })).status).toBe(403);
    expect((await advisor.post(`${base}/decisions/${d.id}/withdraw`, { reason: 'never mind' })).status).toBe(403);

    const board = await viewer.get<{ decisionsForTheBoard: DecisionOut[] }>(`${base}/board`);
    const onBoard = board.body.decisionsForTheBoard.find((x) => x.id === d.id)!;
    expect(onBoard.positions.map((p) => [p.seat, p.stance, p.rationale])).toEqual([
      ['CIO', 'supports', 'Partners want e-mail on the go.'],
      ['CISO', 'opposes', 'Unmanaged phones hold client tax data.'],
    ]);

    const decided = await executive.post<DecisionOut>(`${base}/decisions/${d.id}/decide`, { outcome: 'Company phones for partners only.', chosenOptionId: d.options[1]!.id, revisitOn: '2027-06-01' });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('decided');
    expect(decided.body.decidedBy).toMatchObject({ name: 'Margaret Finch', role: 'executive' });
    expect(decided.body.awaitingExecutive).toBe(false);
    expect((await viewer.get<{ decisionsForTheBoard: DecisionOut[] }>(`${base}/board`)).body.decisionsForTheBoard.some((x) => x.id === d.id)).toBe(false);
    // The seats hear of it, and it is all in the audit trail.
    expect((await notificationsOf(contributor)).notifications.some((x) => x.kind === 'decision.decided' && x.subjectId === d.id)).toBe(true);
    const audit = await viewer.get<{ entries: { action: string }[] }>(`/api/clients/${demo.clients.accounting}/audit?entityType=decision&entityId=${d.id}`);
    expect(audit.body.entries.map((e) => e.action).sort()).toEqual(['decision.create', 'decision.decide', 'decision.escalate', 'decision.position', 'decision.position'].sort());
    expect((await contributor.put(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'opposes', rationale: 'late' })).status).toBe(409);
  });

  it('keeps an escalation when the dissenting seat later changes its position', async () => {
    const d = await newDecision({ title: 'Drop the password expiry policy', seats: ['CIO', 'CISO'] });
    await contributor.put(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'opposes', rationale: 'Users write passwords down.' });
    const esc = await advisor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CISO`, { stance: 'supports', rationale: 'NIST says so.' });
    expect(esc.body.escalated).toBe(true);
    const agree = await contributor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'Fine after all.' });
    expect(agree.body.escalated).toBe(true);
    expect((await advisor.post<ErrorBody>(`${base}/decisions/${d.id}/decide`, { outcome: 'Drop it.' })).status).toBe(403);
  });

  it('without disagreement an advisor closes it, but only once every held seat has spoken', async () => {
    const d = await newDecision({ title: 'Replace the office firewall', seats: ['CIO', 'CISO'], decideBy: '2026-12-15' });
    await contributor.put(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'End of support in March.' });
    const early = await advisor.post<ErrorBody>(`${base}/decisions/${d.id}/decide`, { outcome: 'Replace it.' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/the CISO \(Sam Okafor\) has not recorded a position/);
    const abstain = await advisor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CISO`, { stance: 'abstains', rationale: 'No security difference between the models.' });
    expect(abstain.body.escalated).toBe(false);
    const ok = await advisor.post<DecisionOut>(`${base}/decisions/${d.id}/decide`, { outcome: 'Replace it in January.' });
    expect(ok.status).toBe(200);
    expect(ok.body.decidedBy?.role).toBe('advisor');
  });

  it('while the CISO reports to the CIO, a CISO dissent alone escalates', async () => {
    await setSeat('CISO', DEMO.advisor, 'CIO');
    try {
      const d = await newDecision({ title: 'Let the MSP keep domain admin rights', seats: ['CISO'] });
      const res = await advisor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CISO`, { stance: 'opposes', rationale: 'Standing admin rights for a third party.' });
      expect(res.body.escalated).toBe(true);
      expect(res.body.escalationReason).toMatch(/reports to the CIO/);
    } finally {
      await setSeat('CISO', DEMO.advisor, 'CEO');
    }
    const d2 = await newDecision({ title: 'Keep the MSP on call', seats: ['CISO'] });
    const res2 = await advisor.put<DecisionOut>(`${base}/decisions/${d2.id}/positions/CISO`, { stance: 'opposes', rationale: 'Cost.' });
    expect(res2.body.escalated).toBe(false);
  });

  it('records positions only from the holder, or from an advisor on their behalf who holds no other seat concerned', async () => {
    const d = await newDecision({ title: 'Outsource the help desk', seats: ['CIO', 'CISO'] });
    // The viewer and the executive hold no seat.
    expect((await viewer.put(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'x' })).status).toBe(403);
    const exec = await executive.put<ErrorBody>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'x' });
    expect(exec.status).toBe(403);
    expect(exec.body.error.message).toMatch(/Only the CIO's holder, Tom Alvarez/);
    // Sam holds the CISO seat in this decision: he cannot speak for the CIO.
    const sam = await advisor.put<ErrorBody>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'opposes', rationale: 'x' });
    expect(sam.status).toBe(403);
    expect(sam.body.error.message).toMatch(/You hold the CISO seat in this decision/);
    // The firm admin (an advisor here, holding no seat) records it for Tom, marked as such; Tom is told.
    const onBehalf = await admin.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'supports', rationale: 'Said so in the steering meeting.' });
    expect(onBehalf.status).toBe(200);
    const cio = onBehalf.body.positions.find((p) => p.seat === 'CIO')!;
    expect(cio).toMatchObject({ stance: 'supports', onBehalf: true, holder: { name: 'Tom Alvarez' }, recordedBy: { name: 'Dana Whitfield' } });
    expect((await notificationsOf(contributor)).notifications.some((n) => n.kind === 'decision.position-recorded-for-you' && n.subjectId === d.id)).toBe(true);
    // Tom replaces it with his own.
    const own = await contributor.put<DecisionOut>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'abstains', rationale: 'Need the quotes first.' });
    expect(own.body.positions.find((p) => p.seat === 'CIO')).toMatchObject({ stance: 'abstains', onBehalf: false });
    expect(own.body.can.recordPositionFor).toEqual(['CIO']);
    // A seat that is not concerned, a vacant seat, a bad stance.
    expect((await contributor.put<ErrorBody>(`${base}/decisions/${d.id}/positions/CTO`, { stance: 'supports', rationale: 'x' })).body.error.details[0]!.path).toBe('seat');
    const bad = await contributor.put<ErrorBody>(`${base}/decisions/${d.id}/positions/CIO`, { stance: 'maybe', rationale: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toBe('body.stance');
    const vacant = await newDecision({ title: 'Product roadmap', seats: ['CTO'] });
    expect((await admin.put<ErrorBody>(`${base}/decisions/${vacant.id}/positions/CTO`, { stance: 'supports', rationale: 'x' })).body.error.message).toMatch(/CTO seat is vacant/);
  });

  it('refuses bad decision input naming the field, and a seat that has spoken cannot be dropped', async () => {
    const noTitle = await advisor.post<ErrorBody>(`${base}/decisions`, { proposal: 'x', seats: ['CIO'], options: [] });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.details.map((d) => d.path)).toContain('body.title');
    const twoProposed = await advisor.post<ErrorBody>(`${base}/decisions`, { title: 't', proposal: 'x', seats: ['CIO'], options: [{ title: 'a', proposed: true }, { title: 'b', proposed: true }] });
    expect(twoProposed.body.error.details[0]!.path).toBe('options.1.proposed');
    const badLink = await advisor.post<ErrorBody>(`${base}/decisions`, { title: 't', proposal: 'x', seats: ['CIO'], options: [{ title: 'a', links: [{ kind: 'risk', id: '01a21868-f316-7442-9b0f-a2c51213f029' }] }] });
    expect(badLink.status).toBe(400);
    expect(badLink.body.error.details[0]!.path).toBe('options.0.links.0.id');
    expect((await contributor.post(`${base}/decisions`, { title: 't', proposal: 'x', seats: ['CIO'] })).status).toBe(403);
    const d = await newDecision({ title: 'Dropping a seat', seats: ['CIO', 'CISO'] });
    await advisor.put(`${base}/decisions/${d.id}/positions/CISO`, { stance: 'opposes', rationale: 'no' });
    const drop = await advisor.patch<ErrorBody>(`${base}/decisions/${d.id}`, { seats: ['CIO'] });
    expect(drop.status).toBe(409);
    expect(drop.body.error.details[0]!.path).toBe('seats');
  });

  it('reports an open decision past its decide-by date as overdue', async () => {
    const d = await newDecision({ title: 'Renew the cyber insurance', seats: ['CISO'], decideBy: '2026-12-01' });
    expect((await checks()).some((c) => c.id === `decision.overdue:${d.id}`)).toBe(false);
    t.clock.advanceDays(6);
    try {
      // Sessions last hours: sign in again on the later day.
      const later = await login(t.server, DEMO.accounting.viewer, DEMO_PASSWORD);
      const c = (await checks(later)).find((x) => x.id === `decision.overdue:${d.id}`);
      expect(c?.detail).toContain('2026-12-01');
      expect((await later.get<DecisionOut>(`${base}/decisions/${d.id}`)).body.overdue).toBe(true);
    } finally {
      t.clock.advanceDays(-6);
    }
  });
});

describe('no blindsiding: concerns', () => {
  it('shows a finding to the seat it concerns, owes a response until given, and keeps the response beside it', async () => {
    const raised = await advisor.post<ConcernOut>(`${base}/concerns`, {
      subjectType: 'finding',
      subjectId: 'f-backups-untested',
      subjectTitle: 'Backups have not been restored in a year',
      seat: 'CIO',
      summary: 'No restore test since last November; operations are the CIO\u2019s.',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ state: 'owed', holder: { name: 'Tom Alvarez' }, respondBy: '2026-12-06', canRespond: false });
    const tom = await notificationsOf(contributor);
    expect(tom.notifications.find((n) => n.kind === 'concern.raised' && n.subjectId === raised.body.id)?.body).toContain('No restore test');
    const mine = await contributor.get<{ concerns: ConcernOut[] }>(`${base}/concerns?seat=CIO&state=owed`);
    expect(mine.body.concerns.find((c) => c.id === raised.body.id)?.canRespond).toBe(true);

    // Only the holder responds.
    expect((await advisor.post(`${base}/concerns/${raised.body.id}/response`, { response: 'x' })).status).toBe(403);
    expect((await executive.post(`${base}/concerns/${raised.body.id}/response`, { response: 'x' })).status).toBe(403);
    const both = await contributor.post<ErrorBody>(`${base}/concerns/${raised.body.id}/response`, { response: 'x', noComment: true });
    expect(both.status).toBe(400);
    const answered = await contributor.post<ConcernOut>(`${base}/concerns/${raised.body.id}/response`, { response: 'A restore test is booked for 12 December.' });
    expect(answered.body).toMatchObject({ state: 'responded', response: 'A restore test is booked for 12 December.', respondedBy: { name: 'Tom Alvarez' } });
    expect((await notificationsOf(advisor)).notifications.some((n) => n.kind === 'concern.responded' && n.subjectId === raised.body.id)).toBe(true);

    const dup = await advisor.post<ErrorBody>(`${base}/concerns`, { subjectType: 'finding', subjectId: 'f-backups-untested', subjectTitle: 'again', seat: 'CIO', summary: 'again' });
    expect(dup.status).toBe(409);
    const own = await advisor.post<ErrorBody>(`${base}/concerns`, { subjectType: 'finding', subjectId: 'f2', subjectTitle: 'x', seat: 'CISO', summary: 'x' });
    expect(own.body.error.details[0]!.path).toBe('seat');
    expect((await viewer.post(`${base}/concerns`, { subjectType: 'finding', subjectId: 'f3', subjectTitle: 'x', seat: 'CIO', summary: 'x' })).status).toBe(403);
  });

  it('tells the board pack what is still owed, and lets a response lapse after its date', async () => {
    const { responsesOwed, responsesFor } = await import('../../src/modules/governance/api.js');
    const { ClientScope } = await import('../../src/server/context.js');
    const { clientInfo } = await import('../../src/modules/clients/clients.js');
    const { systemActor } = await import('../../src/server/firm.js');
    const raised = await advisor.post<ConcernOut>(`${base}/concerns`, {
      subjectType: 'report-section',
      subjectId: 'q4-vendors',
      subjectTitle: 'Vendor concentration',
      seat: 'CIO',
      summary: 'Three critical systems depend on one MSP.',
    });
    const d = await newDecision({ title: 'Consolidate on one MSP', seats: ['CIO', 'CISO'] });
    const row = await t.ctx.database.db.selectFrom('clients').selectAll().where('id', '=', demo.clients.accounting).executeTakeFirstOrThrow();
    const scope = new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor');
    const subjects = [
      { type: 'report-section', id: 'q4-vendors' },
      { type: 'decision', id: d.id },
      { type: 'finding', id: 'f-backups-untested' },
    ];
    const owed = await responsesOwed(scope, subjects);
    expect(owed.map((o) => `${o.subject.type}:${o.seat}:${o.kind}`).sort()).toEqual(['decision:CIO:position', 'decision:CISO:position', 'report-section:CIO:concern']);
    const shown = await responsesFor(scope, subjects);
    expect(shown.get('finding:f-backups-untested')![0]!.response).toBe('A restore test is booked for 12 December.');
    t.clock.advanceDays(11);
    try {
      expect((await responsesOwed(scope, subjects)).some((o) => o.concernId === raised.body.id)).toBe(false);
      const later = await login(t.server, DEMO.accounting.viewer, DEMO_PASSWORD);
      expect((await later.get<{ concerns: ConcernOut[] }>(`${base}/concerns?state=lapsed`)).body.concerns.map((c) => c.id)).toContain(raised.body.id);
    } finally {
      t.clock.advanceDays(-11);
    }
  });
});
