import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import { assetCsv, assetRow, ASSET_HEADERS, csvLine } from '../support/estate.js';
import { ClientScope } from '../../src/server/context.js';
import { clientInfo, getClientRow } from '../../src/modules/clients/clients.js';
import { systemActor } from '../../src/server/firm.js';
import { importCsv } from '../../src/modules/estate/csv/import.js';
import { createSystem, deleteSystem } from '../../src/modules/estate/systems.js';
import { naturalKey } from '../../src/server/db/natural-key.js';

/**
 * The writing phase of a systems import: the rows its check prepared are written as they are when
 * nothing of the client's changed while the file was read, and every row is checked again when
 * something did. Each test imports into a client of its own.
 */

interface LogLine {
  level: number;
  msg: string;
  importId?: string;
  checkedAgain?: boolean;
}

let t: TestApp;
let advisor: Caller;
let logged: LogLine[] = [];

beforeAll(async () => {
  const captured = capturedLogger<LogLine>('debug');
  logged = captured.lines;
  t = await startTestApp({ logger: captured.logger });
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
});
afterAll(async () => {
  await t.close();
});

let clients = 0;
async function newClient(): Promise<ClientScope> {
  const created = await advisor.post<{ id: string }>('/api/clients', { name: `Import Changes ${++clients}`, sector: 'Manufacturing', employees: 80 });
  const row = await getClientRow(t.ctx, created.body.id);
  return new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor');
}

/** How the writing phase of an import went, from its log line. */
function checkedAgain(importId: string): boolean | undefined {
  return logged.find((l) => l.importId === importId && l.checkedAgain !== undefined)?.checkedAgain;
}

async function systems(scope: ClientScope) {
  return scope.db.selectFrom('estate_systems').selectAll().orderBy('asset_tag').execute();
}

describe('a systems import writes the rows its check prepared', () => {
  it('when nothing changed meanwhile: ids, sort keys, new vendors and the audit entry as a check-and-write gives them', async () => {
    const scope = await newClient();
    // The clock moves on an hour while the file is read: rows are stamped when written, as rows
    // checked again while writing are.
    const checkedAt = t.clock.now().toISOString();
    function* upload(): Iterable<string> {
      yield assetCsv(1200);
      t.clock.advance(3_600_000);
    }
    const report = await importCsv(scope, upload(), { kind: 'systems', fileName: 'assets.csv' });
    const writtenAt = t.clock.now().toISOString();
    expect(writtenAt > checkedAt).toBe(true);
    expect(report).toMatchObject({ status: 'imported', created: 1200, updated: 0, rejected: 0 });
    expect(checkedAgain(report.importId)).toBe(false);

    const rows = await systems(scope);
    expect(rows).toHaveLength(1200);
    expect(new Set(rows.map((r) => r.id)).size).toBe(1200);
    const vendors = await scope.db.selectFrom('estate_vendors').selectAll().execute();
    expect(vendors.map((v) => v.name).sort()).toEqual(['CDW', 'Dell Direct', 'Insight', 'SHI']);
    for (const v of vendors) expect(v).toMatchObject({ direct: 1, supplies: 'infrastructure', name_sort: naturalKey(v.name) });
    const byVendor = new Map(vendors.map((v) => [v.id, v.name]));
    for (const [i, r] of rows.entries()) {
      const cells = assetRow(i);
      expect(r.asset_tag).toBe(cells[0]);
      expect(r.asset_tag_sort).toBe(naturalKey(cells[0]!));
      expect(r.name).toBe(cells[1] || `${cells[3]} ${cells[0]}`);
      expect(r.name_sort).toBe(naturalKey(r.name));
      expect(byVendor.get(r.vendor_id!)).toBe(cells[6]);
      expect(r).toMatchObject({ created_at: writtenAt, updated_at: writtenAt });
    }
    const entry = await t.ctx.database.db.selectFrom('audit_entries').select(['action', 'after_json']).where('client_id', '=', scope.clientId).where('action', '=', 'estate.import').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toMatchObject({ kind: 'systems', rows: 1200, created: 1200, updated: 0, newVendors: expect.arrayContaining(['CDW', 'SHI']) as unknown });
  });

  it('updates as they were planned, with their before and after in the audit entry', async () => {
    const scope = await newClient();
    await importCsv(scope, [assetCsv(600)], { kind: 'systems' });
    const stored = new Map((await systems(scope)).map((r) => [r.asset_tag, r]));
    let file = csvLine(ASSET_HEADERS);
    for (let i = 0; i < 600; i++) {
      const cells = assetRow(i);
      if (i % 100 === 7) cells[7] = `Moved ${i}`;
      file += csvLine(cells);
    }
    const report = await importCsv(scope, [file], { kind: 'systems' });
    expect(report).toMatchObject({ status: 'imported', created: 0, updated: 6, unchanged: 594 });
    expect(checkedAgain(report.importId)).toBe(false);
    const after = await systems(scope);
    for (const r of after) {
      const was = stored.get(r.asset_tag)!;
      expect(r.id).toBe(was.id);
      expect(r.created_at).toBe(was.created_at);
      if (Number(r.asset_tag!.slice(2)) % 100 === 7) expect(r).toMatchObject({ location: `Moved ${Number(r.asset_tag!.slice(2))}`, name_sort: was.name_sort });
      else expect(r).toEqual(was);
    }
    const entries = await t.ctx.database.db.selectFrom('audit_entries').select('after_json').where('client_id', '=', scope.clientId).where('action', '=', 'estate.import').orderBy('seq').execute();
    const changes = (JSON.parse(entries.at(-1)!.after_json!) as { changes: { key: string; before: unknown; after: unknown }[] }).changes;
    expect(changes).toHaveLength(6);
    expect(changes[0]).toEqual({ line: 9, key: 'A-000007', id: stored.get('A-000007')!.id, before: { location: 'Site 7' }, after: { location: 'Moved 7' } });
  });
});

describe('a systems import checks every row again', () => {
  it('when the estate changed while the file was read: a system deleted meanwhile is created, one added meanwhile is updated', async () => {
    const scope = await newClient();
    await importCsv(scope, [assetCsv(1000)], { kind: 'systems' });
    const deleted = (await systems(scope)).find((r) => r.asset_tag === 'A-000003')!;
    // The second file: ten new assets first, then the thousand with ten of them moved, and a
    // thousand more new ones (the import reads 1,000 rows to settle the locale before it checks any).
    const rows: string[][] = [];
    for (let i = 0; i < 10; i++) rows.push(assetRow(i, 'C'));
    for (let i = 0; i < 2000; i++) {
      const cells = assetRow(i);
      if (i < 10) cells[7] = `Moved ${i}`;
      rows.push(cells);
    }
    let rowsRead = 0;
    let changedMeanwhile = false;
    // The file arrives in two parts; between them, once the first 500 rows were checked against
    // the database, someone deletes A-000003 and adds C-000002 by hand.
    async function* upload(): AsyncIterable<string> {
      yield csvLine(ASSET_HEADERS) + rows.slice(0, 1600).map(csvLine).join('');
      for (let i = 0; i < 200 && rowsRead < 500; i++) await new Promise((r) => setTimeout(r, 10));
      expect(rowsRead).toBeGreaterThanOrEqual(500);
      await deleteSystem(scope, deleted.id);
      await createSystem(scope, { name: 'Added by hand', assetTag: 'C-000002', type: 'hardware' });
      changedMeanwhile = true;
      yield rows.slice(1600).map(csvLine).join('');
    }
    const report = await importCsv(scope, upload(), { kind: 'systems', onProgress: (p) => (rowsRead = p.rowsRead) });
    expect(changedMeanwhile).toBe(true);
    expect(report).toMatchObject({ status: 'imported', created: 1010, updated: 10, rejected: 0 });
    expect(checkedAgain(report.importId)).toBe(true);
    const after = await systems(scope);
    expect(after).toHaveLength(2010);
    // Checked again: A-000003 was gone, so the file's row made it anew; C-000002 was there, so the file updated it.
    const remade = after.find((r) => r.asset_tag === 'A-000003')!;
    expect(remade.id).not.toBe(deleted.id);
    expect(remade.location).toBe('Moved 3');
    const added = after.filter((r) => r.asset_tag === 'C-000002');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ name: 'Device 2', location: assetRow(2, 'C')[7] });
  });
});
