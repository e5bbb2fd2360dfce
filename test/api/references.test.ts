import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { ClientScope } from '../../src/server/context.js';
import { newId } from '../../src/server/db/conventions.js';
import { constraintError } from '../../src/server/db/constraints.js';
import { systemActor } from '../../src/server/firm.js';
import { clientInfo } from '../../src/modules/clients/clients.js';

/**
 * What a client owns stays its own: references must name the client's own records (another
 * client's id is refused, the field named), import progress is kept by client and id, and a
 * unique or foreign-key violation that no check caught answers 409 or 400 with the field named,
 * on both databases, never 500.
 */
let t: TestApp;
let demo: DemoWorld;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function idOf(table: 'estate_systems' | 'risk_scenarios' | 'estate_vendors', clientId: string): Promise<string> {
  return (await t.ctx.database.db.selectFrom(table).select('id').where('client_id', '=', clientId).limit(1).executeTakeFirstOrThrow()).id;
}

async function scopeOf(clientId: string): Promise<ClientScope> {
  const client = await t.ctx.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirstOrThrow();
  return new ClientScope(t.ctx, clientInfo(client), systemActor(client.firm_id, 'test'), 'advisor');
}

interface ErrorOut {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe('references name records of the same client', () => {
  it('a risk link to another client\'s system is refused with the field named; one to the client\'s own is kept', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const base = `/api/clients/${demo.clients.accounting}/risks`;
    const inputs = { lossEventFrequency: { type: 'constant', value: 0.5 }, primaryLoss: { type: 'uniform', min: 1000, max: 5000 } };
    const foreign = await idOf('estate_systems', demo.clients.manufacturer);
    const refused = await advisor.post<ErrorOut>(base, { title: 'Linked elsewhere', inputs, links: [{ kind: 'system', targetId: foreign, label: 'Their ERP' }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'body.links.0.targetId', message: 'no such system in this client' }]);
    const own = await idOf('estate_systems', demo.clients.accounting);
    const kept = await advisor.post<{ id: string; links: { targetId: string }[] }>(base, { title: 'Linked here', inputs, links: [{ kind: 'system', targetId: own, label: 'Our system' }] });
    expect(kept.status).toBe(201);
    const patched = await advisor.patch<ErrorOut>(`${base}/${kept.body.id}`, { links: [{ kind: 'system', targetId: own, label: 'ok' }, { kind: 'vendor', targetId: foreign, label: 'no' }] });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details[0]).toMatchObject({ path: 'body.links.1.targetId' });
  });

  it('a concern about another client\'s risk is refused with the field named', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const foreign = await idOf('risk_scenarios', demo.clients.manufacturer);
    const res = await advisor.post<ErrorOut>(`/api/clients/${demo.clients.accounting}/governance/concerns`, {
      subjectType: 'risk',
      subjectId: foreign,
      subjectTitle: 'Their risk',
      seat: 'CIO',
      summary: 'About a risk of another client',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'subjectId', message: 'no such risk in this client' }]);
  });
});

describe('import progress is kept by client and id', () => {
  it('another client choosing the same import id leaves the first client\'s import as it was; reusing one\'s own is refused', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const importId = newId();
    const csv = 'Name,Type\nShared Id Server,hardware\n';
    const send = (clientId: string, fileName: string) =>
      advisor.request<{ dryRun?: boolean } & Partial<ErrorOut>>('POST', `/api/clients/${clientId}/estate/import/systems?dryRun=true&importId=${importId}&fileName=${fileName}`, csv, { 'content-type': 'text/csv' });
    expect((await send(demo.clients.accounting, 'accounting.csv')).status).toBe(200);
    expect((await send(demo.clients.manufacturer, 'kestrel.csv')).status).toBe(200);
    const mine = await advisor.get<{ fileName: string }>(`/api/clients/${demo.clients.accounting}/estate/imports/${importId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.fileName).toBe('accounting.csv');
    const list = await advisor.get<{ running: { id: string; fileName: string }[] }>(`/api/clients/${demo.clients.accounting}/estate/imports`);
    expect(list.body.running.filter((r) => r.id === importId).map((r) => r.fileName)).toEqual(['accounting.csv']);
    const again = await send(demo.clients.accounting, 'again.csv');
    expect(again.status).toBe(409);
    expect(again.body.error?.details).toEqual([{ path: 'importId', message: 'already used by another import of this client' }]);
  });
});

describe('constraint violations that no check caught', () => {
  it('a unique key taken twice is a conflict naming the field', async () => {
    const scope = await scopeOf(demo.clients.accounting);
    const existing = await t.ctx.database.db.selectFrom('estate_vendors').selectAll().where('client_id', '=', demo.clients.accounting).limit(1).executeTakeFirstOrThrow();
    const err = await scope
      .write(async (w) => {
        const { client_id: _c, ...copy } = existing;
        await w.db.insertInto('estate_vendors', { ...copy, id: newId() }).execute();
      })
      .then(() => null, (e: unknown) => e);
    const mapped = constraintError(err);
    expect(mapped?.code).toBe('CONFLICT');
    expect(mapped?.message).toBe('A vendor with this name already exists.');
    expect(mapped?.details).toEqual([{ path: 'name', message: 'already used by another vendor' }]);
  });

  it('a reference to another client\'s record is a validation error naming the field', async () => {
    const scope = await scopeOf(demo.clients.accounting);
    const own = await idOf('estate_vendors', demo.clients.accounting);
    const foreign = await idOf('estate_vendors', demo.clients.manufacturer);
    const err = await scope
      .write(async (w) => {
        await w.db.insertInto('estate_vendor_links', { id: newId(), vendor_id: own, sub_vendor_id: foreign, service: null, handles_data: 0, created_at: new Date().toISOString() }).execute();
      })
      .then(() => null, (e: unknown) => e);
    const mapped = constraintError(err);
    expect(mapped?.code).toBe('VALIDATION_FAILED');
    expect(mapped?.details).toEqual([{ path: 'subVendorId', message: 'no such vendor in this client' }]);
  });

  it('removing a record that another still refers to is a conflict', async () => {
    const scope = await scopeOf(demo.clients.accounting);
    const used = await t.ctx.database.db.selectFrom('estate_systems').select('vendor_id').where('client_id', '=', demo.clients.accounting).where('vendor_id', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const err = await scope
      .write(async (w) => {
        await w.db.deleteFrom('estate_vendors').where('id', '=', used.vendor_id!).execute();
      })
      .then(() => null, (e: unknown) => e);
    const mapped = constraintError(err);
    expect(mapped?.code).toBe('CONFLICT');
    expect(mapped?.message).toBe('It is still used by other records; change or remove those first.');
  });
});
