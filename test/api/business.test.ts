import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessOut, PriorityOut, ServiceContextOut, UnitOut } from '../../src/modules/business/schema.js';
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
let executive: Caller;
let contributor: Caller;
let viewer: Caller;
let base: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor2);
  executive = await demo.as(DEMO.saas.executive);
  contributor = await demo.as(DEMO.saas.contributor);
  viewer = await demo.as(DEMO.saas.viewer);
  base = `/api/clients/${demo.clients.saas}`;
});
afterAll(async () => {
  await t.close();
});

const audited = async (action: string) => (await advisor.get<AuditPage>(`${base}/audit?limit=100`)).body.entries.find((e) => e.action === action);

describe('the business context', () => {
  it('has the demo\u2019s units (from the services\u2019 business units), weighted priorities owned by the executive, and linked services', async () => {
    const res = await viewer.get<BusinessOut>(`${base}/business`);
    expect(res.status).toBe(200);
    expect(res.body.units.map((u) => u.name)).toEqual(['Customer success', 'Engineering', 'Finance', 'Operations', 'Product']);
    expect(res.body.activeWeight).toBe(95);
    expect(res.body.priorities[0]).toMatchObject({ title: 'Land the hospital network deal', weight: 50, line: 'top', owner: { name: 'Olivia Brandt' } });
    const platform = res.body.services.find((s) => s.name === 'Lumen analytics platform')!;
    expect(platform.unit!.name).toBe('Product');
    expect(platform.priorities.map((p) => p.title)).toContain('Land the hospital network deal');
    expect(res.body.can).toEqual({ edit: false, editPriorities: false });
  });

  it('keeps the active priorities within 100 %, owned by an executive, and says what is wrong where', async () => {
    const { executives } = (await advisor.get<BusinessOut>(`${base}/business`)).body;
    const over = await advisor.post<ErrorBody>(`${base}/business/priorities`, { title: 'Go public', weight: 10, line: 'top', ownerUserId: executives[0]!.userId });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual([{ path: 'body.weight', message: 'the active priorities would weigh 105 %; together they may weigh at most 100 % (5 % is left)' }]);
    const me = (await advisor.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const owner = await advisor.post<ErrorBody>(`${base}/business/priorities`, { title: 'Go public', weight: 5, line: 'top', ownerUserId: me });
    expect(owner.status).toBe(400);
    expect(owner.body.error.details[0]!.path).toBe('body.ownerUserId');
    const made = await advisor.post<PriorityOut>(`${base}/business/priorities`, { title: 'Go public', weight: 5, line: 'top', ownerUserId: executives[0]!.userId });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await audited('business.priority.create'))!.entityId).toBe(made.body.id);
    // The executive who owns it changes it; a contributor or viewer cannot.
    expect((await contributor.patch(`${base}/business/priorities/${made.body.id}`, { weight: 4 })).status).toBe(403);
    expect((await viewer.patch(`${base}/business/priorities/${made.body.id}`, { weight: 4 })).status).toBe(403);
    const byOwner = await executive.patch<PriorityOut>(`${base}/business/priorities/${made.body.id}`, { weight: 4, description: 'After the hospital deal.' });
    expect(byOwner.status).toBe(200);
    expect(byOwner.body.weight).toBe(4);
    const entry = await audited('business.priority.update');
    expect(entry!.before!.weight).toBe(5);
    expect(entry!.after!.weight).toBe(4);
    expect((await executive.delete(`${base}/business/priorities/${made.body.id}`)).status).toBe(403);
    expect((await advisor.delete(`${base}/business/priorities/${made.body.id}`)).status).toBe(200);
  });

  it('links a service to a unit and priorities, writing the unit\u2019s name on the estate\u2019s service', async () => {
    const b = (await advisor.get<BusinessOut>(`${base}/business`)).body;
    const unit = await contributor.post<UnitOut>(`${base}/business/units`, { name: 'Data platform' });
    expect(unit.status).toBe(201);
    expect((await viewer.post(`${base}/business/units`, { name: 'Nope' })).status).toBe(403);
    expect((await contributor.post<ErrorBody>(`${base}/business/units`, { name: 'data PLATFORM' })).status).toBe(409);
    const service = b.services.find((s) => s.name === 'Engineering delivery')!;
    const bad = await contributor.put<ErrorBody>(`${base}/business/services/${service.id}`, { unitId: unit.body.id, priorityIds: ['missing'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toBe('body.priorityIds.0');
    const linked = await contributor.put<ServiceContextOut>(`${base}/business/services/${service.id}`, { unitId: unit.body.id, priorityIds: [b.priorities[0]!.id] });
    expect(linked.status).toBe(200);
    expect(linked.body.businessUnitText).toBe('Data platform');
    const estate = await advisor.get<{ businessUnit: string | null }>(`${base}/estate/services/${service.id}`);
    expect(estate.body.businessUnit).toBe('Data platform');
    const renamed = await contributor.patch<UnitOut>(`${base}/business/units/${unit.body.id}`, { name: 'Data and analytics' });
    expect(renamed.body.services).toBe(1);
    expect((await advisor.get<{ businessUnit: string | null }>(`${base}/estate/services/${service.id}`)).body.businessUnit).toBe('Data and analytics');
    expect((await audited('business.service.link'))!.after).toEqual({ unitId: unit.body.id, priorityIds: [b.priorities[0]!.id] });
    expect((await contributor.delete(`${base}/business/units/${unit.body.id}`)).status).toBe(200);
    const after = (await advisor.get<BusinessOut>(`${base}/business`)).body.services.find((s) => s.id === service.id)!;
    expect(after.unit).toBeNull();
  });
});
