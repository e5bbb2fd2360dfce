import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * The firm-wide concentration view: vendors and fourth parties shared by the most clients.
 * Only vendors reached through a client the caller may see are listed; every client counts, but
 * a client is named only to a user who may see it. The demo firm has
 * Sam (advisor of Harbor & Finch and Kestrel), Priya (Kestrel and Lumen) and Dana (firm admin).
 */

interface Entry {
  name: string;
  clients: number;
  asVendor: number;
  asFourthParty: number;
  visibleClients: { id: string; name: string; direct: boolean; fourthParty: boolean }[];
  otherClients: number;
}
interface Out {
  clientsInFirm: number;
  entries: Entry[];
}

let t: TestApp;
let demo: DemoWorld;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
});
afterAll(async () => {
  await t.close();
});

async function view(email: string): Promise<{ status: number; body: Out; text: string }> {
  const caller = await demo.as(email);
  const res = await caller.get<Out>('/api/estate/concentration');
  return { status: res.status, body: res.body, text: JSON.stringify(res.body) };
}

describe('vendors and fourth parties shared across clients', () => {
  it('counts every client but names only those the advisor may see', async () => {
    const sam = await view(DEMO.advisor);
    expect(sam.status).toBe(200);
    const aws = sam.body.entries.find((e) => e.name === 'Amazon Web Services')!;
    // A fourth party at Harbor & Finch and at Kestrel, a direct vendor (and sub-processor) at Lumen.
    expect(aws).toMatchObject({ clients: 3, asVendor: 1, otherClients: 1 });
    expect(aws.visibleClients.map((c) => c.name)).toEqual(['Harbor & Finch CPAs', 'Kestrel Precision Manufacturing']);
    expect(aws.visibleClients.every((c) => c.fourthParty && !c.direct)).toBe(true);
    expect(sam.text).not.toContain('Lumen');
    expect(sam.text).not.toContain(demo.clients.saas);

    const priya = await view(DEMO.advisor2);
    const aws2 = priya.body.entries.find((e) => e.name === 'Amazon Web Services')!;
    expect(aws2.visibleClients.map((c) => c.name)).toEqual(['Kestrel Precision Manufacturing', 'Lumen Analytics']);
    expect(aws2.otherClients).toBe(1);
    expect(priya.text).not.toContain('Harbor');
    expect(priya.text).not.toContain(demo.clients.accounting);
  });

  it('names every client to a firm admin, ranks by clients, and matches names without legal suffixes', async () => {
    const admin = await demo.as(DEMO.admin);
    const extra = await admin.post<{ id: string }>('/api/clients', { name: 'Pike Street Clinic', sector: 'Healthcare', employees: 25 });
    expect(extra.status).toBe(201);
    const added = await admin.post(`/api/clients/${extra.body.id}/estate/vendors`, { name: 'Amazon Web Services, Inc.' });
    expect(added.status).toBe(201);

    const dana = await view(DEMO.admin);
    const counts = dana.body.entries.map((e) => e.clients);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const aws = dana.body.entries.find((e) => e.name === 'Amazon Web Services')!;
    expect(aws).toMatchObject({ clients: 4, otherClients: 0 });
    expect(aws.visibleClients.map((c) => c.name)).toContain('Pike Street Clinic');
    expect(dana.body.clientsInFirm).toBe(4);

    // Sam is not a member of the new client: it is counted, not named.
    const sam = await view(DEMO.advisor);
    expect(sam.body.entries.find((e) => e.name === 'Amazon Web Services')).toMatchObject({ clients: 4, otherClients: 2 });
    expect(sam.text).not.toContain('Pike Street');
  });

  it('never names a vendor that only clients the caller may not see depend on', async () => {
    const admin = await demo.as(DEMO.admin);
    const clients = await admin.get<{ clients: { id: string; name: string }[] }>('/api/clients');
    const pike = clients.body.clients.find((c) => c.name === 'Pike Street Clinic')!;
    for (const clientId of [pike.id, demo.clients.saas]) {
      expect((await admin.post(`/api/clients/${clientId}/estate/vendors`, { name: 'Quillfeather Payroll Ltd' })).status).toBe(201);
    }
    const dana = await view(DEMO.admin);
    expect(dana.body.entries.find((e) => e.name === 'Quillfeather Payroll Ltd')).toMatchObject({ clients: 2, otherClients: 0 });
    const priya = await view(DEMO.advisor2);
    expect(priya.body.entries.find((e) => e.name === 'Quillfeather Payroll Ltd')).toMatchObject({ clients: 2, otherClients: 1 });
    // Sam sees neither Lumen nor Pike Street: the vendor is not his to know of, by name or count.
    const sam = await view(DEMO.advisor);
    expect(sam.text).not.toContain('Quillfeather');
  });

  it('is for advisors and firm admins only', async () => {
    for (const email of [DEMO.accounting.executive, DEMO.manufacturer.contributor, DEMO.saas.viewer]) {
      const res = await view(email);
      expect(res.status, email).toBe(403);
      expect(res.text).not.toContain('Amazon');
    }
  });
});
