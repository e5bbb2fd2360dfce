import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import { criticalVendors } from '../../src/modules/estate/summary.js';
import { ClientScope } from '../../src/server/context.js';
import { clientInfo, getClientRow } from '../../src/modules/clients/clients.js';
import { systemActor } from '../../src/server/firm.js';

/** Vendor tiers a board can trust: resellers and fourth parties are not critical by default, and a tier that rises brings the next assessment forward. */
interface Vendor {
  id: string;
  tier: number;
  derivedTier: number;
  tierReasons: string[];
  assessment: { nextDue: string | null; broughtForward: { from: string; reason: string } | null; status: string };
}

let t: TestApp;
let advisor: Caller;
let clientId: string;
let base: string;

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await advisor.post<T>(`${base}${path}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const vendor = async (id: string) => (await advisor.get<Vendor>(`${base}/estate/vendors/${id}`)).body;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  clientId = (await advisor.post<{ id: string }>('/api/clients', { name: 'Tern Logistics', sector: 'Logistics', employees: 60, annualRevenue: 15_000_000 })).body.id;
  base = `/api/clients/${clientId}`;
});
afterAll(async () => {
  await t.close();
});

describe('vendor tiers', () => {
  it('a reseller of the hardware a critical service runs on is not tier 1 by default', async () => {
    const reseller = await post<{ id: string }>('/estate/vendors', { name: 'Rackmount Direct', offering: 'Hardware reseller' });
    const server = await post<{ id: string }>('/estate/systems', { name: 'Dispatch server', type: 'hardware', vendorId: reseller.id });
    await post('/estate/services', { name: 'Dispatch', criticality: 'critical', systemIds: [server.id] });
    const v = await vendor(reseller.id);
    expect(v).toMatchObject({ tier: 3, derivedTier: 3 });
    expect(v.tierReasons[0]).toBe('Sells hardware "Dispatch" (critical service) runs on; hardware can be bought elsewhere, so tier 3 at most unless set by hand');
    // The software vendor of the same service is tier 1; an override still makes the reseller so.
    const maker = await post<{ id: string }>('/estate/vendors', { name: 'RouteSoft' });
    const app = await post<{ id: string }>('/estate/systems', { name: 'Dispatch software', type: 'software', vendorId: maker.id });
    expect((await advisor.patch(`${base}/estate/services/${(await advisor.get<{ services: { id: string; name: string }[] }>(`${base}/estate/services`)).body.services.find((s) => s.name === 'Dispatch')!.id}`, { systemIds: [server.id, app.id] })).status).toBe(200);
    expect((await vendor(maker.id)).tier).toBe(1);
    const overridden = await advisor.patch<Vendor>(`${base}/estate/vendors/${reseller.id}`, { tierOverride: 1, tierOverrideReason: 'Four-hour on-site support contract for the dispatch server' });
    expect(overridden.body).toMatchObject({ tier: 1, derivedTier: 3 });
  });

  it('a vendor whose tier rises has its next assessment brought forward, and the board pack shows the new date', async () => {
    const v = await post<{ id: string }>('/estate/vendors', { name: 'Fuelcard Services' });
    await post('/estate/contracts', { vendorId: v.id, reference: 'Fuel cards', annualCost: 6_000, renewalDate: '2027-06-30' });
    expect((await vendor(v.id)).tier).toBe(3);
    const a = await post<{ nextDue: string }>(`/estate/vendors/${v.id}/assessments`, { assessedOn: '2026-02-01', conclusion: 'approved' });
    expect(a.nextDue).toBe('2029-02-01');
    expect((await vendor(v.id)).assessment).toMatchObject({ nextDue: '2029-02-01', broughtForward: null });

    // A critical service comes to depend on it: tier 1, assessed every 12 months.
    const portal = await post<{ id: string }>('/estate/systems', { name: 'Fuel card portal', type: 'saas', vendorId: v.id });
    await post('/estate/services', { name: 'Fleet fuelling', criticality: 'critical', systemIds: [portal.id] });
    const risen = await vendor(v.id);
    expect(risen.tier).toBe(1);
    expect(risen.assessment).toMatchObject({ nextDue: '2027-02-01', status: 'current', broughtForward: { from: '2029-02-01' } });
    expect(risen.assessment.broughtForward!.reason).toBe('Its tier rose from 3 to 1 (critical) since it was assessed on 2026-02-01; tier 1 vendors are assessed every 12 months.');
    const row = await getClientRow(t.ctx, clientId);
    const scope = new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor');
    expect((await criticalVendors(scope)).find((c) => c.id === v.id)?.assessmentDue).toBe('2027-02-01');

    // A date set by hand that is already sooner than the new cadence stays as it was set.
    const w = await post<{ id: string }>('/estate/vendors', { name: 'Tyre Network' });
    await post(`/estate/vendors/${w.id}/assessments`, { assessedOn: '2026-03-01', conclusion: 'approved', nextDue: '2026-09-01' });
    const tyres = await post<{ id: string }>('/estate/systems', { name: 'Tyre ordering', type: 'saas', vendorId: w.id });
    await post('/estate/services', { name: 'Tyre changes', criticality: 'critical', systemIds: [tyres.id] });
    expect((await vendor(w.id)).assessment).toMatchObject({ nextDue: '2026-09-01', broughtForward: null });
  });
});
