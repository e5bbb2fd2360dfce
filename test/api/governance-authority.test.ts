import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { AcceptanceOut, BoardOut } from '../../src/modules/governance/schema.js';
import type { RegisterOut } from '../../src/modules/risks/schema.js';

/**
 * The bypass an acceptance judged on its own risks allowed: in a client above its appetite, the
 * largest risk alone looks "within appetite" and the CISO's advisor approves it; the other risks,
 * requested together, also look "within" and are approved; every risk ends accepted while the
 * portfolio stays above appetite and the board never saw it. An acceptance is weighed on the
 * whole register instead.
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller; // Sam, who will hold the CISO seat
let admin: Caller; // Dana, firm admin: an advisor without the seat
let executive: Caller;
let contributor: Caller;
let clientId: string;
let gov: string;
let risks: string;
let samId: string;
const ids = { largest: '', others: [] as string[] };

const PASSWORD = 'a-long-enough-password';

async function scenario(title: string, frequency: number, loss: number): Promise<string> {
  const res = await advisor.post<{ id: string }>(risks, { title, ownerSeat: 'CISO', inputs: { lossEventFrequency: { type: 'constant', value: frequency }, primaryLoss: { type: 'constant', value: loss } } });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function setAppetite(probability: number): Promise<void> {
  expect((await advisor.put(`${risks}/appetite`, { points: [{ loss: 100_000, probability }], statement: 'No more than the stated chance a year of losing over $100,000.' })).status).toBe(200);
  await t.ctx.jobs.runDue();
}
async function request(riskIds: string[], title: string): Promise<AcceptanceOut> {
  const res = await contributor.post<AcceptanceOut>(`${gov}/acceptances`, { riskIds, title, justification: 'Treating it costs more than it saves.', expiresOn: '2027-05-01' });
  expect(res.status).toBe(201);
  return res.body;
}
async function approve(caller: Caller, id: string) {
  return caller.post<AcceptanceOut & ErrorBody>(`${gov}/acceptances/${id}/approve`, {});
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  samId = (await advisor.get<{ user: { id: string } }>('/api/me')).body.user.id;
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Osprey Freight', sector: 'Logistics', employees: 90, annualRevenue: 22_000_000, currency: 'USD' });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  gov = `/api/clients/${clientId}/governance`;
  risks = `/api/clients/${clientId}/risks`;
  for (const [email, role] of [
    ['ceo@osprey.example', 'executive'],
    ['it@osprey.example', 'contributor'],
  ] as const) {
    expect((await advisor.post(`/api/clients/${clientId}/members`, { email, role, name: email.split('@')[0], password: PASSWORD })).status).toBe(201);
  }
  executive = await login(t.server, 'ceo@osprey.example', PASSWORD);
  contributor = await login(t.server, 'it@osprey.example', PASSWORD);
  expect((await advisor.put(`${gov}/seats/CISO`, { holderUserId: samId, reportsTo: 'CEO' })).status).toBe(200);
  // A fixed seed makes the run reproducible; the checks below hold for any seed.
  expect((await advisor.put(`${risks}/settings`, { years: 20_000, seed: 2026 })).status).toBe(200);
  // Each loss event exceeds $100,000. The largest alone loses in 1 − e^−0.05 ≈ 4.9 % of years,
  // the other four together in 1 − e^−0.08 ≈ 7.7 %: each request, weighed on its own against a
  // 10 % tolerance, looks within appetite. The five together lose in 1 − e^−0.13 ≈ 12.2 %.
  ids.largest = await scenario('Warehouse management system ransomware', 0.05, 300_000);
  for (const [i, title] of ['Fuel card fraud', 'Dispatch e-mail takeover', 'Driver tablet theft', 'Customs broker breach'].entries()) {
    ids.others.push(await scenario(title, 0.02, 150_000 + i));
  }
  await setAppetite(0.1);
});
afterAll(async () => {
  await t.close();
});

describe('an acceptance is weighed on the whole portfolio', () => {
  it('refuses both requests to anyone but an executive while the portfolio is above appetite', async () => {
    const reg = (await advisor.get<RegisterOut>(risks)).body;
    expect(reg.appetite).toMatchObject({ breached: true, settled: true });
    // Within four standard errors of the exact chance, for 20,000 simulated years.
    const exact = 1 - Math.exp(-0.13);
    expect(Math.abs(reg.appetite.checks[0]!.probability - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 20_000));

    const largest = await request([ids.largest], 'The WMS ransomware risk');
    const others = await request(ids.others, 'Four smaller risks');
    for (const a of [largest, others]) {
      expect(a).toMatchObject({ requiredAuthority: 'executive', appetite: { defined: true, above: true, settled: true }, awaitingBoard: true });
      expect(a.appetite.explanation).toMatch(/Osprey Freight's risk register \(5 scenarios\) exceeds \$100,000 in a year with a 1\d\.\d % chance; the appetite tolerates 10\.0 %/);
      expect(a.authorityReason).toMatch(/above its risk appetite .* whatever its size/);
      for (const caller of [advisor, admin]) {
        const refused = await approve(caller, a.id);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(/only an executive can accept it/);
      }
    }
    // Both wait for the board.
    const board = (await executive.get<BoardOut>(`${gov}/board`)).body;
    expect(board.acceptancesAwaitingBoard.map((a) => a.id).sort()).toEqual([largest.id, others.id].sort());
  });

  it('with delegation recorded, the CISO\u2019s advisor approves within appetite and the delegated amount, never above either', async () => {
    const list = (await executive.get<{ acceptances: AcceptanceOut[] }>(`${gov}/acceptances?status=requested`)).body.acceptances;
    const a = list.find((x) => x.title === 'The WMS ransomware risk')!;
    const b = list.find((x) => x.title === 'Four smaller risks')!;

    expect((await executive.put(`${gov}/delegation`, { delegateUserId: samId, limit: 20_000, note: 'Board minutes of 19 November 2026' })).status).toBe(200);
    // Still above appetite: the delegation does not reach it.
    const stillAbove = await approve(advisor, a.id);
    expect(stillAbove.status).toBe(403);
    expect(stillAbove.body.error.message).toMatch(/above its risk appetite/);

    // The board relaxes the appetite to 20 %: the portfolio is within it, settled by the simulated years.
    await setAppetite(0.2);
    const within = (await advisor.get<AcceptanceOut>(`${gov}/acceptances/${a.id}`)).body;
    expect(within).toMatchObject({ requiredAuthority: 'ciso-advisor-or-executive', appetite: { above: false, settled: true }, awaitingBoard: false, can: { approve: true } });
    expect(within.authorityReason).toMatch(/expected to cost \$1[3-6],\d{3} a year, within the \$20,000 up to which Osprey Freight delegated the approval to Sam Okafor \(CISO\)/);
    expect((await approve(admin, a.id)).status).toBe(403);
    const ok = await approve(advisor, a.id);
    expect(ok.status).toBe(200);
    expect(ok.body.approvedBy).toMatchObject({ name: 'Sam Okafor', role: 'advisor' });

    // The four together are expected to cost about $12,000 a year: above a $10,000 delegation.
    expect((await executive.put(`${gov}/delegation`, { delegateUserId: samId, limit: 10_000 })).status).toBe(200);
    const tooLarge = await approve(advisor, b.id);
    expect(tooLarge.status).toBe(403);
    expect(tooLarge.body.error.message).toMatch(/more than the \$10,000 up to which Osprey Freight delegated the approval to Sam Okafor/);

    // The appetite tightens again between request and approval: the approval weighs it anew.
    expect((await executive.put(`${gov}/delegation`, { delegateUserId: samId, limit: 50_000 })).status).toBe(200);
    await setAppetite(0.1);
    expect((await approve(advisor, b.id)).status).toBe(403);
    const byBoard = await approve(executive, b.id);
    expect(byBoard.status).toBe(200);
    expect(byBoard.body.appetite).toMatchObject({ above: true });

    // The trail keeps who approved on what authority.
    const trail = await executive.get<{ entries: { action: string; entityId: string; after: { authority?: { authority: string } } }[] }>(`/api/clients/${clientId}/audit?entityType=acceptance`);
    const approvals = trail.body.entries.filter((e) => e.action === 'acceptance.approve');
    expect(approvals.find((e) => e.entityId === a.id)?.after.authority?.authority).toBe('ciso-advisor-or-executive');
    expect(approvals.find((e) => e.entityId === b.id)?.after.authority?.authority).toBe('executive');
  });

  it('the delegation is the executives\u2019 to give and end', async () => {
    expect((await advisor.delete(`${gov}/delegation`)).status).toBe(403);
    expect((await contributor.put(`${gov}/delegation`, { delegateUserId: samId, limit: 1 })).status).toBe(403);
    const negative = await executive.put<ErrorBody>(`${gov}/delegation`, { delegateUserId: samId, limit: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details[0]).toMatchObject({ path: 'body.limit', message: 'must not be negative' });
    expect((await executive.delete(`${gov}/delegation`)).status).toBe(200);
    expect((await executive.get<{ delegation: unknown }>(`${gov}/settings`)).body.delegation).toBeNull();
    const trail = await executive.get<{ entries: { action: string }[] }>(`/api/clients/${clientId}/audit?action=governance.delegation.revoke`);
    expect(trail.body.entries).toHaveLength(1);
  });
});
