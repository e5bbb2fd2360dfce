import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { ClientScope } from '../../src/server/context.js';
import { clientInfo, getClientRow } from '../../src/modules/clients/clients.js';
import { systemActor } from '../../src/server/firm.js';
import { criticalVendors, estateSummary, fourthPartyConcentration, lifecycleSummary, renewals, replacementCostByQuarter } from '../../src/modules/estate/summary.js';

/**
 * The estate through the API: business services, systems and their lifecycle, vendors with
 * derived tiers and fourth parties, contracts and renewals, the data map, and the summary
 * functions other modules read. Each test builds what it asserts on in a client of its own.
 */

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface System {
  id: string;
  name: string;
  vendorId: string | null;
  endOfLife: string | null;
  warrantyEnd: string | null;
  replacementCost: number | null;
}
interface Vendor {
  id: string;
  name: string;
  tier: number;
  derivedTier: number;
  tierReasons: string[];
  fourthParty: boolean;
  direct: boolean;
  supplies: string;
  services: number;
  datasets: number;
  annualCost: number;
  nextRenewal: string | null;
  assessment: { status: string; nextDue: string | null };
  fourthParties?: { vendorId: string; name: string; depth: number; parentId: string }[];
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let viewer: Caller;
let clientId: string;
let base: string;
const TODAY = '2026-11-26';

async function audit(action: string): Promise<AuditEntry[]> {
  const res = await advisor.get<{ entries: AuditEntry[] }>(`/api/clients/${clientId}/audit?action=${action}&limit=500`);
  return res.body.entries;
}

async function post<T>(path: string, body: unknown, who: Caller = advisor): Promise<T> {
  const res = await who.post<T>(`${base}${path}`, body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function scope(): Promise<ClientScope> {
  return getClientRow(t.ctx, clientId).then((row) => new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor'));
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Osprey Logistics', sector: 'Logistics', employees: 90, annualRevenue: 20_000_000, currency: 'USD' });
  clientId = created.body.id;
  base = `/api/clients/${clientId}`;
  for (const [email, role] of [[DEMO.accounting.contributor, 'contributor'], [DEMO.accounting.viewer, 'viewer']] as const) {
    expect((await advisor.post(`${base}/members`, { email, role })).status).toBe(201);
  }
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
});
afterAll(async () => {
  await t.close();
});

describe('business services', () => {
  it('keeps downtime cost in major units, RTO, RPO and the systems a service depends on, and audits the change', async () => {
    const sys = await post<System>('/estate/systems', { name: 'Dispatch app', type: 'saas', scope: 'product' });
    const svc = await post<{ id: string; downtimeCostPerHour: number; systemIds: string[]; rtoHours: number }>('/estate/services', {
      name: 'Dispatch', businessUnit: 'Operations', downtimeCostPerHour: 12_500.5, rtoHours: 4, rpoHours: 0.5, criticality: 'critical', systemIds: [sys.id],
    });
    expect(svc.downtimeCostPerHour).toBe(12_500.5);
    expect(svc.systemIds).toEqual([sys.id]);
    const again = await advisor.get<{ downtimeCostPerHour: number; rtoHours: number }>(`${base}/estate/services/${svc.id}`);
    expect(again.body).toMatchObject({ downtimeCostPerHour: 12_500.5, rtoHours: 4 });
    const entry = (await audit('service.create')).find((e) => e.entityId === svc.id);
    expect(entry?.after).toMatchObject({ name: 'Dispatch', downtimeCostPerHour: 12_500.5, systemIds: [sys.id] });

    const changed = await advisor.patch<{ criticality: string; systemIds: string[] }>(`${base}/estate/services/${svc.id}`, { criticality: 'high', systemIds: [] });
    expect(changed.body).toMatchObject({ criticality: 'high', systemIds: [] });
    const update = (await audit('service.update')).find((e) => e.entityId === svc.id);
    expect(update?.before).toMatchObject({ criticality: 'critical', systemIds: [sys.id] });
    expect(update?.after).toMatchObject({ criticality: 'high', systemIds: [] });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = (await advisor.get<{ services: unknown[] }>(`${base}/estate/services`)).body.services.length;
    const unknownField = await advisor.post<ErrorBody>(`${base}/estate/services`, { name: 'X', colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details.map((d) => d.path)).toContain('body.colour');
    const badSystem = await advisor.post<ErrorBody>(`${base}/estate/services`, { name: 'Y', systemIds: ['01a21868-f316-7442-9b0f-a2c51213f029'] });
    expect(badSystem.status).toBe(400);
    expect(badSystem.body.error.details[0]?.path).toBe('systemIds.0');
    await post('/estate/services', { name: 'Billing' });
    const dup = await advisor.post<ErrorBody>(`${base}/estate/services`, { name: 'billing' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0]?.path).toBe('name');
    const after = (await advisor.get<{ services: unknown[] }>(`${base}/estate/services`)).body.services.length;
    expect(after).toBe(before + 1);
  });

  it('lets contributors edit and viewers only read', async () => {
    expect((await contributor.post(`${base}/estate/services`, { name: 'Customer service' })).status).toBe(201);
    expect((await viewer.post(`${base}/estate/services`, { name: 'Not allowed' })).status).toBe(403);
    expect((await viewer.get(`${base}/estate/services`)).status).toBe(200);
  });
});

describe('systems and lifecycle', () => {
  it('pages and searches systems', async () => {
    for (let i = 0; i < 5; i++) await post('/estate/systems', { name: `Scanner ${i}`, assetTag: `OSP-SC-${i}`, model: 'Zebra TC52' });
    const page = await advisor.get<{ systems: System[]; total: number | null; nextCursor: string }>(`${base}/estate/systems?search=zebra&limit=2&sort=assetTag&total=true`);
    expect(page.body.total).toBe(5);
    expect(page.body.systems.map((s) => s.name)).toEqual(['Scanner 0', 'Scanner 1']);
    const second = await advisor.get<{ systems: System[]; total: number | null; nextCursor: string }>(`${base}/estate/systems?search=zebra&limit=2&sort=assetTag&cursor=${page.body.nextCursor}`);
    expect(second.body.systems.map((s) => s.name)).toEqual(['Scanner 2', 'Scanner 3']);
    expect(second.body.total).toBeNull();
    const last = await advisor.get<{ systems: System[]; nextCursor: string | null }>(`${base}/estate/systems?search=zebra&limit=2&sort=assetTag&cursor=${second.body.nextCursor}`);
    expect(last.body.systems.map((s) => s.name)).toEqual(['Scanner 4']);
    expect(last.body.nextCursor).toBeNull();
    // Offset paging is gone: the strict query says so.
    const offset = await advisor.get<ErrorBody>(`${base}/estate/systems?offset=4`);
    expect(offset.status).toBe(400);
    expect(offset.body.error.details.map((d) => d.path).join(' ')).toMatch(/offset/);
    const dup = await advisor.post<ErrorBody>(`${base}/estate/systems`, { name: 'Other', assetTag: 'OSP-SC-1' });
    expect(dup.status).toBe(409);
  });

  it('lists what leaves warranty or reaches end of life in the window, and replacement cost by quarter', async () => {
    const soon = await post<System>('/estate/systems', { name: 'Core switch', endOfLife: '2026-12-16', replacementCost: 9_000, warrantyEnd: '2026-12-01' });
    const later = await post<System>('/estate/systems', { name: 'Storage array', endOfLife: '2027-08-10', replacementCost: 40_000 });
    const retired = await post<System>('/estate/systems', { name: 'Old PBX', endOfLife: '2026-12-10', replacementCost: 5_000, status: 'retired' });
    const past = await post<System>('/estate/systems', { name: 'Legacy server', endOfLife: '2025-01-31', replacementCost: 7_000 });

    const in30 = (await advisor.get<{ endOfLife: { count: number; items: { id: string }[] }; warrantyEnding: { items: { id: string }[] }; pastEndOfLife: { items: { id: string }[] } }>(`${base}/estate/lifecycle?days=30`)).body;
    expect(in30.endOfLife.items.map((i) => i.id)).toContain(soon.id);
    expect(in30.endOfLife.items.map((i) => i.id)).not.toContain(later.id);
    expect(in30.endOfLife.items.map((i) => i.id)).not.toContain(retired.id);
    expect(in30.warrantyEnding.items.map((i) => i.id)).toContain(soon.id);
    expect(in30.pastEndOfLife.items.map((i) => i.id)).toContain(past.id);
    const in365 = (await advisor.get<{ endOfLife: { items: { id: string }[] } }>(`${base}/estate/lifecycle?days=365`)).body;
    expect(in365.endOfLife.items.map((i) => i.id)).toContain(later.id);

    const quarters = await replacementCostByQuarter(await scope(), 4);
    expect(quarters.map((q) => q.quarter)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3']);
    // Only systems still in service count: the core switch in Q4, the array in Q3.
    expect(quarters[0]!.replacementCost).toBe(9_000);
    expect(quarters[3]!.replacementCost).toBe(40_000);
    const summary = await lifecycleSummary(await scope(), { days: 30 });
    expect(summary.endOfLife.replacementCost).toBe(9_000);
  });
});

describe('vendors', () => {
  it('derives the tier from the services that depend on a vendor and the data it holds, fourth parties included', async () => {
    const hosting = await post<Vendor>('/estate/vendors', { name: 'Cloudlane Hosting' });
    const tms = await post<System>('/estate/systems', { name: 'Transport management', type: 'saas', vendorId: hosting.id });
    await post('/estate/services', { name: 'Route planning', criticality: 'critical', systemIds: [tms.id] });
    const vendor = (await advisor.get<Vendor>(`${base}/estate/vendors/${hosting.id}`)).body;
    expect(vendor.tier).toBe(1);
    expect(vendor.tierReasons[0]).toContain('Route planning');

    // Its sub-processor, added by name, becomes a fourth party and inherits the dependency.
    const withSub = await post<Vendor>(`/estate/vendors/${hosting.id}/subcontractors`, { name: 'Blue Racks Colo', service: 'Data centre', handlesData: false });
    const sub = withSub.fourthParties!.find((f) => f.name === 'Blue Racks Colo')!;
    expect(sub.depth).toBe(1);
    const subVendor = (await advisor.get<Vendor>(`${base}/estate/vendors/${sub.vendorId}`)).body;
    expect(subVendor.fourthParty).toBe(true);
    expect(subVendor.direct).toBe(false);
    // A fourth party is not tier 1 by default: it is reached, and assessed, through its vendor.
    expect(subVendor.tier).toBe(2);
    expect(subVendor.tierReasons.join(' ')).toContain('through Cloudlane Hosting; as a fourth party, tier 2 at most unless set by hand');

    // A vendor nothing depends on is tier 4; one that holds restricted data is tier 1.
    const idle = await post<Vendor>('/estate/vendors', { name: 'Idle Supplies Co' });
    expect((await advisor.get<Vendor>(`${base}/estate/vendors/${idle.id}`)).body.tier).toBe(4);
    await post('/estate/datasets', { name: 'Driver licences', classification: 'restricted', categories: ['personal'], records: 400, vendorIds: [idle.id] });
    expect((await advisor.get<Vendor>(`${base}/estate/vendors/${idle.id}`)).body.tier).toBe(1);
    // The data set does not flow to the colocation provider, which does not handle data.
    expect((await advisor.get<Vendor>(`${base}/estate/vendors/${sub.vendorId}`)).body.datasets).toBe(0);
  });

  it('takes a tier override only with a reason, and refuses a cycle of subcontractors', async () => {
    const v = await post<Vendor>('/estate/vendors', { name: 'Paperwise' });
    const noReason = await advisor.patch<ErrorBody>(`${base}/estate/vendors/${v.id}`, { tierOverride: 2 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]?.path).toBe('tierOverrideReason');
    const ok = await advisor.patch<Vendor>(`${base}/estate/vendors/${v.id}`, { tierOverride: 2, tierOverrideReason: 'Prints customs documents' });
    expect(ok.body).toMatchObject({ tier: 2, derivedTier: 4 });
    const entry = (await audit('vendor.update')).find((e) => e.entityId === v.id);
    expect(entry?.before).toMatchObject({ tierOverride: null });
    expect(entry?.after).toMatchObject({ tierOverride: 2, tierOverrideReason: 'Prints customs documents' });

    const a = await post<Vendor>('/estate/vendors', { name: 'Alpha Freight IT' });
    const b = await post<Vendor>('/estate/vendors', { name: 'Beta Dev Shop' });
    await post(`/estate/vendors/${a.id}/subcontractors`, { subVendorId: b.id });
    const cycle = await advisor.post<ErrorBody>(`${base}/estate/vendors/${b.id}/subcontractors`, { subVendorId: a.id });
    expect(cycle.status).toBe(409);
  });

  it('tracks contracts: the next renewal rolls forward when auto-renewing, and the notice deadline comes before it', async () => {
    const v = await post<Vendor>('/estate/vendors', { name: 'FleetTrack' });
    const c = await post<{ id: string; nextRenewal: string; noticeDeadline: string; status: string }>('/estate/contracts', {
      vendorId: v.id, reference: 'Telematics', annualCost: 24_000, renewalDate: '2027-01-15', noticeDays: 60, autoRenew: true,
    });
    expect(c).toMatchObject({ nextRenewal: '2027-01-15', noticeDeadline: '2026-11-16', status: 'active' });
    const lapsed = await post<{ nextRenewal: string; status: string }>('/estate/contracts', { vendorId: v.id, reference: 'Old rollover', renewalDate: '2025-03-31', autoRenew: true, termMonths: 12 });
    expect(lapsed).toMatchObject({ nextRenewal: '2027-03-31', status: 'active' });
    const ended = await post<{ nextRenewal: string | null; status: string }>('/estate/contracts', { vendorId: v.id, reference: 'Pilot', renewalDate: '2026-06-30', autoRenew: false });
    expect(ended).toMatchObject({ nextRenewal: null, status: 'ended' });

    const window = (await advisor.get<{ renewals: { contractId: string; events: string[] }[] }>(`${base}/estate/contracts/renewals?days=60`)).body.renewals;
    expect(window.find((r) => r.contractId === c.id)?.events).toEqual(['renewal']);
    const fromPast = (await advisor.get<{ renewals: { contractId: string; events: string[] }[] }>(`${base}/estate/contracts/renewals?from=2026-11-01&to=2026-11-30`)).body.renewals;
    expect(fromPast.find((r) => r.contractId === c.id)?.events).toEqual(['notice']);
    const vendor = (await advisor.get<Vendor>(`${base}/estate/vendors/${v.id}`)).body;
    expect(vendor.annualCost).toBe(24_000);
    expect(vendor.nextRenewal).toBe('2027-01-15');
    expect((await renewals(await scope(), { days: 60 })).map((r) => r.contractId)).toContain(c.id);
  });

  it('sets the next assessment by the tier\'s cadence and shows one that is overdue', async () => {
    const v = await post<Vendor>('/estate/vendors', { name: 'Payroll Partner', tierOverride: 1, tierOverrideReason: 'Holds all payroll' });
    expect((await advisor.get<Vendor>(`${base}/estate/vendors/${v.id}`)).body.assessment.status).toBe('never');
    const a = await post<{ nextDue: string }>(`/estate/vendors/${v.id}/assessments`, { assessedOn: '2025-10-01', score: 72, findings: ['No SSO'], conclusion: 'approved_with_conditions' });
    expect(a.nextDue).toBe('2026-10-01');
    expect((await advisor.get<Vendor>(`${base}/estate/vendors/${v.id}`)).body.assessment.status).toBe('overdue');
  });
});

describe('data map', () => {
  it('locates restricted data in systems and vendors, through the vendors that supply the systems and their sub-processors', async () => {
    const crm = await post<Vendor>('/estate/vendors', { name: 'Harbor CRM Inc.' });
    const crmSystem = await post<System>('/estate/systems', { name: 'Customer CRM', type: 'saas', vendorId: crm.id });
    await post(`/estate/vendors/${crm.id}/subcontractors`, { name: 'Mailgun Relay', handlesData: true });
    await post(`/estate/vendors/${crm.id}/subcontractors`, { name: 'Status Page Co', handlesData: false });
    // A server bought from a reseller holds the data too; the reseller does not.
    const reseller = await post<Vendor>('/estate/vendors', { name: 'Rack Resellers' });
    const server = await post<System>('/estate/systems', { name: 'Mandate archive server', type: 'hardware', vendorId: reseller.id });
    const ds = await post<{ id: string }>('/estate/datasets', { name: 'Customer bank mandates', classification: 'restricted', categories: ['payment', 'personal'], records: 5_200, countries: ['us', 'DE'], systemIds: [crmSystem.id, server.id] });
    await post('/estate/datasets', { name: 'Route maps', classification: 'internal', systemIds: [crmSystem.id] });

    const where = (await advisor.get<{ systems: { id: string; datasets: { id: string }[] }[]; vendors: { name: string; fourthParty: boolean; datasets: { id: string; via: string | null }[] }[]; countries: { country: string }[] }>(`${base}/estate/datasets/locations`)).body;
    expect(where.systems.find((s) => s.id === crmSystem.id)?.datasets.map((d) => d.id)).toEqual([ds.id]);
    const names = where.vendors.map((v) => v.name);
    expect(names).toContain('Harbor CRM Inc.');
    expect(names).toContain('Mailgun Relay');
    expect(names).not.toContain('Status Page Co');
    expect(names).not.toContain('Rack Resellers');
    expect(where.systems.map((s) => s.id)).toContain(server.id);
    expect(where.vendors.find((v) => v.name === 'Mailgun Relay')?.datasets[0]?.via).toBe('Harbor CRM Inc.');
    expect(where.countries.map((c) => c.country)).toEqual(expect.arrayContaining(['US', 'DE']));
  });

  it('refuses an unknown category or country code naming the field', async () => {
    const res = await advisor.post<ErrorBody>(`${base}/estate/datasets`, { name: 'Bad', categories: ['gossip'], countries: ['Germany'] });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.categories.0', 'body.countries.0']));
  });
});

describe('what other modules read', () => {
  it('the summary carries services, systems, vendors and data sets as the risk register needs them', async () => {
    const s = await estateSummary(await scope());
    const dispatch = s.services.find((x) => x.name === 'Dispatch')!;
    expect(dispatch.downtimeCostPerHour).toBe(12_500.5);
    const crm = s.systems.find((x) => x.name === 'Customer CRM')!;
    expect(crm).toMatchObject({ type: 'saas', scope: 'internal', status: 'active' });
    expect(s.vendors.find((v) => v.name === 'Harbor CRM Inc.')?.tier).toBe(1);
    const mandates = s.datasets.find((d) => d.name === 'Customer bank mandates')!;
    expect(mandates).toMatchObject({ classification: 'restricted', records: 5_200 });
    expect(mandates.systemIds).toContain(crm.id);
    expect(mandates.categories.sort()).toEqual(['payment', 'personal']);
  });

  it('critical vendors and fourth-party concentration for the board pack', async () => {
    const critical = await criticalVendors(await scope());
    expect(critical.map((v) => v.name)).toEqual(expect.arrayContaining(['Cloudlane Hosting', 'Harbor CRM Inc.', 'Payroll Partner']));
    expect(critical.every((v) => v.tier === 1 && v.reasons.length > 0)).toBe(true);
    expect(critical.find((v) => v.name === 'Payroll Partner')?.overridden).toBe(true);

    const fourth = await fourthPartyConcentration(await scope());
    expect(fourth.every((f) => f.fourthParty)).toBe(true);
    const mailgun = fourth.find((f) => f.name === 'Mailgun Relay')!;
    expect(mailgun).toMatchObject({ restrictedDatasets: 1, records: 5_200, worksFor: ['Harbor CRM Inc.'] });
  });

  it('the client concentration ranks the vendors most depended on first', async () => {
    const res = await advisor.get<{ entries: { name: string; services: number; datasets: number }[] }>(`${base}/estate/vendors/concentration`);
    const weights = res.body.entries.map((e) => e.services + e.datasets);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('the overview counts what the lists hold', async () => {
    const o = (await advisor.get<{ counts: Record<string, number>; restricted: { datasets: number; vendors: { name: string }[] } }>(`${base}/estate/overview`)).body;
    const services = (await advisor.get<{ services: unknown[] }>(`${base}/estate/services`)).body.services.length;
    const systems = (await advisor.get<{ total: number }>(`${base}/estate/systems?limit=1&total=true`)).body.total;
    const datasets = (await advisor.get<{ datasets: { classification: string }[] }>(`${base}/estate/datasets`)).body.datasets;
    expect(o.counts).toMatchObject({ services, systems, datasets: datasets.length });
    expect(o.restricted.datasets).toBe(datasets.filter((d) => d.classification === 'restricted').length);
    expect(o.restricted.vendors.map((v) => v.name)).toContain('Mailgun Relay');
  });
});

describe('the demo estate', () => {
  it('gives each demo client services, systems, vendors with fourth parties, data sets and an access review in progress', async () => {
    const sam = await demo.as(DEMO.advisor);
    for (const id of [demo.clients.accounting, demo.clients.manufacturer]) {
      const o = (await sam.get<{ counts: Record<string, number>; review: { status: string; progress: { decided: number; pending: number } } | null; renewals: { count: number } }>(`/api/clients/${id}/estate/overview`)).body;
      expect(o.counts.services).toBeGreaterThan(3);
      expect(o.counts.systems).toBeGreaterThan(10);
      expect(o.counts.fourthParties).toBeGreaterThan(0);
      expect(o.counts.datasets).toBeGreaterThan(3);
      expect(o.review?.status).toBe('open');
      expect(o.review?.progress.decided).toBeGreaterThan(0);
      expect(o.review?.progress.pending).toBeGreaterThan(0);
      expect(o.renewals.count).toBeGreaterThan(0);
    }
    expect(TODAY).toBe(t.clock.now().toISOString().slice(0, 10));
  });

  it('every change so far is in an audit chain that verifies', async () => {
    const res = await advisor.get<{ ok: boolean; entries: number }>(`${base}/audit/verify`);
    expect(res.body.ok).toBe(true);
    expect(res.body.entries).toBeGreaterThan(20);
  });
});
