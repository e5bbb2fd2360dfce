import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * Access grants and access reviews: flags on grants without a reason or an owner, a campaign
 * that assigns each grant to its owner, who certifies or revokes it (or an advisor does), with
 * progress, overdue items and revocations recorded.
 */

interface ErrorBody {
  error: { code: string; details: { path: string; message: string }[] };
}
interface Grant {
  id: string;
  grantee: string;
  active: boolean;
  flags: string[];
  revokedReason: string | null;
  ownerUserId: string | null;
}
interface Item {
  id: string;
  grant: Grant;
  reviewerUserId: string | null;
  decision: string | null;
  overdue: boolean;
  canDecide: boolean;
}
interface Review {
  id: string;
  name: string;
  status: string;
  overdue: boolean;
  progress: { total: number; decided: number; certified: number; revoked: number; pending: number; overdue: number };
  myPending: number;
  items: Item[];
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let executive: Caller;
let contributor: Caller;
let viewer: Caller;
let base: string;
const users: Record<string, string> = {};
const grants: Record<string, Grant> = {};

async function created<T>(res: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await res;
  if (r.status !== 201) throw new Error(`expected 201, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const client = await created(advisor.post<{ id: string }>('/api/clients', { name: 'Wren Dental Group', sector: 'Healthcare', employees: 60 }));
  base = `/api/clients/${client.id}`;
  for (const [email, role] of [[DEMO.accounting.executive, 'executive'], [DEMO.accounting.contributor, 'contributor'], [DEMO.accounting.viewer, 'viewer']] as const) {
    await created(advisor.post(`${base}/members`, { email, role }));
  }
  const members = (await advisor.get<{ members: { userId: string; role: string }[] }>(`${base}/members`)).body.members;
  for (const m of members) users[m.role] = m.userId;
  executive = await demo.as(DEMO.accounting.executive);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);

  const records = await created(advisor.post<{ id: string }>(`${base}/estate/datasets`, { name: 'Patient records', classification: 'restricted', categories: ['health', 'personal'], records: 14_000 }));
  const pms = await created(advisor.post<{ id: string }>(`${base}/estate/systems`, { name: 'Practice management', type: 'saas' }));
  grants.finance = await created(advisor.post<Grant>(`${base}/estate/grants`, { targetType: 'dataset', targetId: records.id, grantee: 'Billing team', granteeType: 'group', level: 'read', reason: 'Claims and invoices', ownerUserId: users.executive }));
  grants.doe = await created(contributor.post<Grant>(`${base}/estate/grants`, { targetType: 'dataset', targetId: records.id, grantee: 'J. Doe', level: 'write', ownerUserId: users.contributor }));
  grants.helpdesk = await created(advisor.post<Grant>(`${base}/estate/grants`, { targetType: 'system', targetId: pms.id, grantee: 'Helpdesk', granteeType: 'group', level: 'admin', reason: 'Support' }));
});
afterAll(async () => {
  await t.close();
});

describe('access grants', () => {
  it('flags a grant without a reason or an owner', async () => {
    expect(grants.finance!.flags).toEqual([]);
    expect(grants.doe!.flags).toEqual(['no_reason']);
    expect(grants.helpdesk!.flags).toEqual(['no_owner']);
    const flagged = await advisor.get<{ grants: Grant[]; total: number }>(`${base}/estate/grants?flagged=true`);
    expect(flagged.body.grants.map((g) => g.grantee).sort()).toEqual(['Helpdesk', 'J. Doe']);
  });

  it('refuses an owner who is not a member of the client, and a second grant to the same grantee', async () => {
    const outsiderId = (await (await demo.as(DEMO.saas.executive)).get<{ user: { id: string } }>('/api/me')).body.user.id;
    const datasets = (await advisor.get<{ datasets: { id: string }[] }>(`${base}/estate/datasets`)).body.datasets;
    const res = await advisor.post<ErrorBody>(`${base}/estate/grants`, { targetType: 'dataset', targetId: datasets[0]!.id, grantee: 'Someone', ownerUserId: outsiderId });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]?.path).toBe('ownerUserId');
    const dup = await advisor.post<ErrorBody>(`${base}/estate/grants`, { targetType: 'dataset', targetId: datasets[0]!.id, grantee: 'billing team' });
    expect(dup.status).toBe(409);
  });

  it('only editors record grants', async () => {
    const datasets = (await advisor.get<{ datasets: { id: string }[] }>(`${base}/estate/datasets`)).body.datasets;
    expect((await viewer.post(`${base}/estate/grants`, { targetType: 'dataset', targetId: datasets[0]!.id, grantee: 'X' })).status).toBe(403);
    expect((await executive.post(`${base}/estate/grants`, { targetType: 'dataset', targetId: datasets[0]!.id, grantee: 'X' })).status).toBe(403);
  });
});

describe('an access review', () => {
  let review: Review;
  const itemOf = (r: Review, grantee: string): Item => r.items.find((i) => i.grant.grantee === grantee)!;

  it('is started by advisors only, with a due date to come', async () => {
    expect((await contributor.post(`${base}/estate/reviews`, { dueDate: '2026-12-10' })).status).toBe(403);
    const past = await advisor.post<ErrorBody>(`${base}/estate/reviews`, { dueDate: '2026-11-01' });
    expect(past.status).toBe(400);
    review = await created(advisor.post<Review>(`${base}/estate/reviews`, { name: 'Q4 review', dueDate: '2026-12-03' }));
    expect(review.progress).toMatchObject({ total: 3, decided: 0, pending: 3 });
    expect(itemOf(review, 'Billing team').reviewerUserId).toBe(users.executive);
    expect(itemOf(review, 'J. Doe').reviewerUserId).toBe(users.contributor);
    // No owner: the advisors decide it.
    expect(itemOf(review, 'Helpdesk').reviewerUserId).toBeNull();
    expect((await advisor.post(`${base}/estate/reviews`, { dueDate: '2026-12-10' })).status).toBe(409);
  });

  it('lets each owner decide their own grants, and no one else but an advisor', async () => {
    const mine = (await contributor.get<Review>(`${base}/estate/reviews/${review.id}?mine=true`)).body;
    expect(mine.items.map((i) => i.grant.grantee)).toEqual(['J. Doe']);
    expect(mine.myPending).toBe(1);
    const billing = itemOf(review, 'Billing team');
    expect((await viewer.post(`${base}/estate/reviews/${review.id}/items/${billing.id}/decision`, { decision: 'revoke' })).status).toBe(403);
    expect((await contributor.post(`${base}/estate/reviews/${review.id}/items/${billing.id}/decision`, { decision: 'revoke' })).status).toBe(403);
    const after = await executive.post<Review>(`${base}/estate/reviews/${review.id}/items/${billing.id}/decision`, { decision: 'certify' });
    expect(after.status).toBe(200);
    expect(itemOf(after.body, 'Billing team')).toMatchObject({ decision: 'certify', canDecide: false });
    expect(after.body.progress).toMatchObject({ decided: 1, certified: 1, pending: 2 });
    expect((await executive.post(`${base}/estate/reviews/${review.id}/items/${billing.id}/decision`, { decision: 'revoke' })).status).toBe(409);
  });

  it('revoking in the review revokes the grant and records why', async () => {
    const doe = itemOf(review, 'J. Doe');
    const res = await contributor.post<Review>(`${base}/estate/reviews/${review.id}/items/${doe.id}/decision`, { decision: 'revoke', note: 'Left in October' });
    expect(res.status).toBe(200);
    const grant = (await advisor.get<Grant>(`${base}/estate/grants/${grants.doe!.id}`)).body;
    expect(grant.active).toBe(false);
    expect(grant.revokedReason).toContain('Q4 review');
    expect(grant.revokedReason).toContain('Left in October');
    const trail = (await advisor.get<{ entries: { action: string; entityId: string }[] }>(`${base}/audit?limit=20`)).body.entries;
    expect(trail.filter((e) => e.entityId === grants.doe!.id).map((e) => e.action)).toEqual(expect.arrayContaining(['access-review.revoke', 'grant.revoke']));
    const active = (await advisor.get<{ grants: Grant[] }>(`${base}/estate/grants`)).body.grants.map((g) => g.grantee);
    expect(active).not.toContain('J. Doe');
  });

  it('shows undecided items as overdue after the due date', async () => {
    t.clock.advanceDays(10);
    // Ten days on, everyone signs in again.
    advisor = await login(t.server, DEMO.advisor, DEMO_PASSWORD);
    contributor = await login(t.server, DEMO.accounting.contributor, DEMO_PASSWORD);
    const r = (await advisor.get<Review>(`${base}/estate/reviews/${review.id}`)).body;
    expect(r.overdue).toBe(true);
    expect(r.progress.overdue).toBe(1);
    expect(itemOf(r, 'Helpdesk').overdue).toBe(true);
    expect(itemOf(r, 'Billing team').overdue).toBe(false);
  });

  it('closes itself when the last item is decided', async () => {
    const helpdesk = itemOf(review, 'Helpdesk');
    const r = (await advisor.post<Review>(`${base}/estate/reviews/${review.id}/items/${helpdesk.id}/decision`, { decision: 'certify' })).body;
    expect(r.status).toBe('closed');
    expect(r.progress).toMatchObject({ total: 3, certified: 2, revoked: 1, pending: 0, overdue: 0 });
    const trail = (await advisor.get<{ entries: { action: string; entityId: string }[] }>(`${base}/audit?action=access-review.complete`)).body.entries;
    expect(trail.map((e) => e.entityId)).toContain(review.id);
  });

  it('leaves revoked grants out of the next review, which an advisor may close early', async () => {
    const next = await created(advisor.post<Review>(`${base}/estate/reviews`, { dueDate: '2027-01-15' }));
    expect(next.items.map((i) => i.grant.grantee).sort()).toEqual(['Billing team', 'Helpdesk']);
    expect((await contributor.post(`${base}/estate/reviews/${next.id}/close`)).status).toBe(403);
    const closed = (await advisor.post<Review>(`${base}/estate/reviews/${next.id}/close`)).body;
    expect(closed).toMatchObject({ status: 'closed', progress: { pending: 2 } });
    const item = next.items[0]!;
    expect((await advisor.post(`${base}/estate/reviews/${next.id}/items/${item.id}/decision`, { decision: 'certify' })).status).toBe(409);
  });
});
