import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientDb } from '../../src/server/db/scoped.js';
import { newId } from '../../src/server/db/conventions.js';
import { constraintError } from '../../src/server/db/constraints.js';
import { insertNew, upsert } from '../../src/modules/estate/csv/kit.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/**
 * The bulk writes imports use, on each database: new rows in bulk (COPY on PostgreSQL), then
 * the same rows overwritten, more of them than one SQLite statement can take (32,766 values:
 * 3,000 systems of 23 columns are 69,000).
 */
let t: TestApp;
let clientId: string;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  const advisor = await demo.as(DEMO.advisor);
  clientId = (await advisor.post<{ id: string }>('/api/clients', { name: 'Bulk Holdings', sector: 'Logistics', employees: 80 })).body.id;
});
afterAll(async () => t?.close());

function system(i: number, at: string): Record<string, unknown> {
  return {
    id: newId(), name: `Unit ${i}`, asset_tag: `BULK-${i}`, type: 'hardware', scope: 'internal', status: 'active', owner: null, vendor_id: null, location: `Site ${i % 7}`,
    manufacturer: 'Dell', model: `M${i % 40}`, serial: `S${i}`, category: 'Laptop', purchase_date: '2024-01-15', purchase_cost: 100_000 + i, warranty_end: null,
    end_of_life: '2029-01-15', replacement_cost: null, notes: i % 3 === 0 ? `tab\there, line\nbreak, \\N ${i}` : null, created_at: at, updated_at: at,
  };
}

describe('bulk writes', () => {
  it('inserts 3,000 rows, then overwrites them all, every value as given', async () => {
    const at = '2026-11-26T09:00:00.000Z';
    const rows = Array.from({ length: 3000 }, (_, i) => system(i, at));
    await t.ctx.database.db.transaction().execute(async (tx) => insertNew(new ClientDb(tx, clientId), 'estate_systems', rows));
    const read = async () => t.ctx.database.db.selectFrom('estate_systems').selectAll().where('client_id', '=', clientId).orderBy('asset_tag_sort').execute();
    const stored = await read();
    expect(stored).toHaveLength(3000);
    const byTag = new Map(stored.map((r) => [r.asset_tag, r]));
    for (const i of [0, 1, 2, 1499, 2999]) {
      expect(byTag.get(`BULK-${i}`)).toMatchObject({ ...rows[i], purchase_cost: 100_000 + i, client_id: clientId });
    }
    // The natural order: BULK-2 before BULK-10.
    expect(stored.slice(0, 3).map((r) => r.asset_tag)).toEqual(['BULK-0', 'BULK-1', 'BULK-2']);

    const changed = rows.map((r) => ({ ...r, name: `${String(r.name)} (moved)`, location: 'Warehouse', updated_at: '2026-11-27T09:00:00.000Z' }));
    await t.ctx.database.db.transaction().execute(async (tx) => upsert(new ClientDb(tx, clientId), 'estate_systems', changed));
    const after = await read();
    expect(after).toHaveLength(3000);
    expect(after.every((r) => r.name.endsWith(' (moved)') && r.location === 'Warehouse' && r.created_at === at)).toBe(true);
  });

  it('refuses a row that is already there, and writes nothing of the batch', async () => {
    const at = '2026-11-26T09:00:00.000Z';
    const [existing] = await t.ctx.database.db.selectFrom('estate_systems').selectAll().where('client_id', '=', clientId).where('asset_tag', '=', 'BULK-5').execute();
    const fresh = [system(5000, at), { ...system(5001, at), id: existing!.id }];
    await expect(t.ctx.database.db.transaction().execute(async (tx) => insertNew(new ClientDb(tx, clientId), 'estate_systems', fresh))).rejects.toThrow();
    expect(await t.ctx.database.db.selectFrom('estate_systems').select('id').where('client_id', '=', clientId).where('asset_tag', '=', 'BULK-5000').execute()).toEqual([]);
  });

  it('refuses a row that names a vendor the client does not have, saying which field, and writes nothing of the batch', async () => {
    const at = '2026-11-26T09:00:00.000Z';
    // The bad row comes after good ones: the rows before it must not stay either.
    const rows = [system(6000, at), system(6001, at), { ...system(6002, at), vendor_id: newId() }, system(6003, at)];
    const err: unknown = await t.ctx.database.db
      .transaction()
      .execute(async (tx) => insertNew(new ClientDb(tx, clientId), 'estate_systems', rows))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).not.toBeNull();
    const refusal = constraintError(err);
    expect(refusal?.code).toBe('VALIDATION_FAILED');
    expect(refusal?.details).toEqual([{ path: 'vendorId', message: 'no such vendor in this client' }]);
    expect(await t.ctx.database.db.selectFrom('estate_systems').select('id').where('client_id', '=', clientId).where('asset_tag', 'in', ['BULK-6000', 'BULK-6001', 'BULK-6003']).execute()).toEqual([]);
  });

  it('inserts rows that leave a column undefined with its default', async () => {
    const at = '2026-11-26T09:00:00.000Z';
    const rows = [7000, 7001].map((i) => ({ ...system(i, at), notes: undefined }));
    await t.ctx.database.db.transaction().execute(async (tx) => insertNew(new ClientDb(tx, clientId), 'estate_systems', rows));
    const stored = await t.ctx.database.db.selectFrom('estate_systems').select(['asset_tag', 'notes', 'client_id']).where('client_id', '=', clientId).where('asset_tag', 'in', ['BULK-7000', 'BULK-7001']).orderBy('asset_tag').execute();
    expect(stored).toEqual([
      { asset_tag: 'BULK-7000', notes: null, client_id: clientId },
      { asset_tag: 'BULK-7001', notes: null, client_id: clientId },
    ]);
  });
});
