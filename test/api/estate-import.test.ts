import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDb, type Caller, type TestApp } from '../support/app.js';
import { installChangeLedger } from '../support/change-ledger.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { assetCsv, assetRow, csvLine } from '../support/estate.js';

/**
 * CSV import and export through the API: the asset tool's headers, a dry run that reports per
 * row, all-or-nothing files with every bad row reported, upserts, the round trip of every kind,
 * and progress while an import runs.
 */

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Report {
  importId: string;
  status: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  newVendors: string[];
  ignoredColumns: string[];
  problems: { line: number; column: string; reason: string }[];
  results: { line: number; key: string; action: string; changed: string[] }[];
  sha256: string;
}
interface AuditEntry {
  action: string;
  entityId: string | null;
  after: Record<string, unknown> | null;
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let viewer: Caller;
let base: string;

function upload<T = Report>(kind: string, body: string, query = '', who: Caller = advisor) {
  return who.request<T>('POST', `${base}/estate/import/${kind}${query}`, body, { 'content-type': 'text/csv' });
}
async function systemsTotal(): Promise<number> {
  return (await advisor.get<{ total: number }>(`${base}/estate/systems?limit=1&total=true`)).body.total;
}
async function imports(): Promise<AuditEntry[]> {
  return (await advisor.get<{ entries: AuditEntry[] }>(`${base}/audit?action=estate.import&limit=100`)).body.entries;
}

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Marten Tools', sector: 'Manufacturing', employees: 150 });
  base = `/api/clients/${created.body.id}`;
  expect((await advisor.post(`${base}/members`, { email: DEMO.accounting.viewer, role: 'viewer' })).status).toBe(201);
  viewer = await demo.as(DEMO.accounting.viewer);
});
afterAll(async () => {
  await t.close();
});

describe('importing an asset tool\'s CSV', () => {
  const file = assetCsv(300);

  it('a dry run reports per row what would be created, and writes nothing', async () => {
    const res = await upload('systems', file, '?dryRun=true&fileName=assets.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'checked', rows: 300, created: 300, updated: 0, rejected: 0 });
    expect(res.body.results[0]).toMatchObject({ line: 2, key: 'A-000000', action: 'create' });
    expect(res.body.newVendors.sort()).toEqual(['CDW', 'Dell Direct', 'Insight', 'SHI']);
    expect(await systemsTotal()).toBe(0);
    expect(await imports()).toEqual([]);
  });

  it('imports every row with the asset tool\'s headers, in one audit entry for the file', async () => {
    const res = await upload('systems', file, '?fileName=assets.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'imported', created: 300, updated: 0 });
    expect(await systemsTotal()).toBe(300);
    // Row 1: "Device 1", Dell? no: maker by i % 4 → HP; warranty = purchase + 36 months; status Ready to Deploy → spare.
    const [tag, name, serial, model, maker, , supplier, location, purchased, cost, , eol] = assetRow(1);
    const found = (await advisor.get<{ systems: Record<string, unknown>[] }>(`${base}/estate/systems?search=${tag}`)).body.systems[0]!;
    expect(found).toMatchObject({ assetTag: tag, name, serial, model, manufacturer: maker, vendorName: supplier, location, purchaseDate: purchased, purchaseCost: Number(cost), endOfLife: eol, status: 'spare', type: 'hardware' });
    expect(found.warrantyEnd).toBe(`${Number(purchased!.slice(0, 4)) + 3}${purchased!.slice(4)}`);
    // A row without a name is called by its model and tag.
    const unnamed = (await advisor.get<{ systems: { name: string }[] }>(`${base}/estate/systems?search=A-000003`)).body.systems[0]!;
    expect(unnamed.name).toBe(`${assetRow(3)[3]} A-000003`);

    const entries = await imports();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ kind: 'systems', fileName: 'assets.csv', rows: 300, created: 300, sha256: createHash('sha256').update(file).digest('hex') });
    const progress = await advisor.get<{ phase: string; rowsWritten: number; fraction: number }>(`${base}/estate/imports/${res.body.importId}`);
    expect(progress.body).toMatchObject({ phase: 'done', rowsWritten: 300, fraction: 1 });
  });

  it('imports the same file again as unchanged, and a changed row as an update with its before and after', async () => {
    // Every row the database keeps is counted from here on: the same file again must change none.
    const ledger = await installChangeLedger(t.ctx.database);
    const mark = await ledger.mark();
    const again = await upload('systems', file);
    expect(again.body).toMatchObject({ status: 'imported', created: 0, updated: 0, unchanged: 300 });
    // Nothing changed, so nothing was written: no row anywhere, no audit entry.
    expect(await ledger.changedSince(mark)).toEqual({});
    expect(await imports()).toHaveLength(1);
    const cells = assetRow(7);
    cells[9] = '9999.00';
    cells[7] = 'Warehouse 2';
    const changed = await upload('systems', csvLine(['Asset Tag', 'Purchase Cost', 'Location']) + csvLine([cells[0]!, cells[9], cells[7]]));
    expect(changed.body).toMatchObject({ updated: 1, created: 0 });
    expect(changed.body.results[0]!.changed.sort()).toEqual(['Location', 'Purchase Cost']);
    const entry = (await imports())[0]!;
    const change = (entry.after!.changes as { key: string; before: Record<string, unknown>; after: Record<string, unknown> }[])[0]!;
    expect(change.key).toBe(cells[0]);
    expect(change.before).toMatchObject({ location: assetRow(7)[7] });
    expect(change.after).toMatchObject({ location: 'Warehouse 2', purchase_cost: 999_900 });
    // Columns absent from the file are left alone.
    const s = (await advisor.get<{ systems: { serial: string; purchaseCost: number }[] }>(`${base}/estate/systems?search=${cells[0]}`)).body.systems[0]!;
    expect(s).toMatchObject({ serial: assetRow(7)[2], purchaseCost: 9999 });
  });

  it('a file with bad rows reports every one (line, column, reason) and imports nothing', async () => {
    const lines = [assetRow(1000), assetRow(1001), assetRow(1002), assetRow(1003), assetRow(1004)];
    lines[1]![9] = 'twelve dollars';
    lines[3]![8] = '2024-02-30';
    lines[3]![12] = 'Flying';
    lines[4]![0] = lines[0]![0]!;
    const bad = csvLine(['Asset Tag', 'Name', 'Serial', 'Model', 'Manufacturer', 'Category', 'Supplier', 'Location', 'Purchase Date', 'Purchase Cost', 'Warranty (months)', 'EOL Date', 'Status']) + lines.map(csvLine).join('');
    const before = await systemsTotal();
    const auditBefore = (await imports()).length;
    const res = await upload<ErrorBody>('systems', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([
      { path: 'line 3, column Purchase Cost', message: expect.stringContaining('twelve dollars') as string },
      { path: 'line 5, column Purchase Date', message: expect.stringContaining('not a real date') as string },
      { path: 'line 5, column Status', message: expect.stringContaining('Flying') as string },
      { path: 'line 6, column Asset Tag', message: expect.stringContaining('line 2') as string },
    ]));
    expect(res.body.error.details).toHaveLength(4);
    expect(await systemsTotal()).toBe(before);
    expect(await imports()).toHaveLength(auditBefore);

    const dry = await upload('systems', bad, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'rejected', rows: 5, created: 2, rejected: 3 });
    expect(dry.body.results.map((r) => r.action)).toEqual(['create', 'reject', 'create', 'reject', 'reject']);
  });

  it('refuses a file without a required column, a JSON body, and callers who may not import', async () => {
    const noName = await upload<ErrorBody>('services', 'Business Unit,Criticality\nSales,high\n');
    expect(noName.status).toBe(400);
    expect(noName.body.error.details[0]).toMatchObject({ path: 'line 1, column Name' });
    const json = await advisor.post<ErrorBody>(`${base}/estate/import/systems`, { rows: [] });
    expect(json.status).toBe(415);
    expect((await upload('systems', assetCsv(2), '', viewer)).status).toBe(403);
  });
});

describe('every kind', () => {
  // (Cells are read without the spaces around them, as spreadsheets write them; inside, every character counts.)
  it('keeps every character of a cell as written: tabs, line breaks, backslashes, a literal \\N, quotes, Greek and Cyrillic', async () => {
    const notes = ['a\tb', 'line one\nline two\r\nline three', 'C:\\Temp\\new', '\\N', '\\', '"quoted", with a comma', 'Αθήνα — Москва', 'two  spaces\u00a0and a no-break one'];
    let csv = csvLine(['Asset Tag', 'Name', 'Notes']);
    notes.forEach((n, i) => (csv += csvLine([`ESC-${i}`, `Escapes ${i} \\ and\ttab`, n])));
    // A client of its own, so that the other tests count the asset file's rows alone.
    const own = await advisor.post<{ id: string }>('/api/clients', { name: 'Escape Works', sector: 'Manufacturing', employees: 20 });
    const at = `/api/clients/${own.body.id}`;
    const res = await advisor.request<Report>('POST', `${at}/estate/import/systems`, csv, { 'content-type': 'text/csv' });
    expect(res.body).toMatchObject({ status: 'imported', created: notes.length });
    for (const [i, n] of notes.entries()) {
      const found = (await advisor.get<{ systems: { assetTag: string; name: string; notes: string | null }[] }>(`${at}/estate/systems?search=ESC-${i}`)).body.systems;
      expect(found).toEqual([expect.objectContaining({ assetTag: `ESC-${i}`, name: `Escapes ${i} \\ and\ttab`, notes: n })]);
    }
  });


  it('services name the systems they depend on; an unknown one refuses the row', async () => {
    const ok = await upload('services', 'Service,Department,Cost per Hour,RTO,RPO,Priority,Depends On\nShip orders,Logistics,"$4,500",4,1,Mission critical,A-000001; Device 2\n');
    expect(ok.body).toMatchObject({ status: 'imported', created: 1 });
    const svc = (await advisor.get<{ services: { name: string; downtimeCostPerHour: number; criticality: string; systemIds: string[] }[] }>(`${base}/estate/services`)).body.services[0]!;
    expect(svc).toMatchObject({ name: 'Ship orders', downtimeCostPerHour: 4500, criticality: 'critical' });
    expect(svc.systemIds).toHaveLength(2);
    const bad = await upload('services', 'Name,Systems\nInvoicing,No such box\n', '?dryRun=true');
    expect(bad.body.problems).toEqual([{ line: 2, column: 'Systems', reason: expect.stringContaining('No such box') as string }]);
  });

  it('vendors take their fourth parties from "Subcontractor Of", even naming a vendor further down the file', async () => {
    const res = await upload('vendors', 'Name,Relationship,Supplies,Subcontractor Of\nBlue Colo,fourth party,,Rack Hosting\nRack Hosting,direct,infrastructure,\n');
    expect(res.body).toMatchObject({ status: 'imported', created: 2, newVendors: [] });
    const vendors = (await advisor.get<{ vendors: { id: string; name: string; fourthParty: boolean }[] }>(`${base}/estate/vendors`)).body.vendors;
    expect(vendors.find((v) => v.name === 'Blue Colo')?.fourthParty).toBe(true);
    const host = vendors.find((v) => v.name === 'Rack Hosting')!;
    const detail = (await advisor.get<{ fourthParties: { name: string }[] }>(`${base}/estate/vendors/${host.id}`)).body;
    expect(detail.fourthParties.map((f) => f.name)).toEqual(['Blue Colo']);
    // A file that would make the links go round in a circle imports nothing.
    const cycle = await upload<ErrorBody>('vendors', 'Name,Subcontractor Of\nRack Hosting,Blue Colo\n');
    expect(cycle.status).toBe(409);
    const after = (await advisor.get<{ fourthParties: { name: string }[] }>(`${base}/estate/vendors/${host.id}`)).body;
    expect(after.fourthParties.map((f) => f.name)).toEqual(['Blue Colo']);
  });

  it('contracts add a vendor not yet known, and data sets and grants link to what exists', async () => {
    const c = await upload('contracts', 'Supplier,Contract Name,Annual Value,Expiry Date,Notice Period,Auto-Renew\nPrintCo,Managed print,"2,400.00",12/31/2026,30,Yes\n');
    expect(c.body).toMatchObject({ status: 'imported', created: 1, newVendors: ['PrintCo'] });
    const contract = (await advisor.get<{ contracts: { vendorName: string; annualCost: number; renewalDate: string; noticeDays: number; autoRenew: boolean }[] }>(`${base}/estate/contracts`)).body.contracts[0]!;
    expect(contract).toMatchObject({ vendorName: 'PrintCo', annualCost: 2400, renewalDate: '2026-12-31', noticeDays: 30, autoRenew: true });

    const d = await upload('datasets', 'Data Set,Sensitivity,Data Types,Record Count,Country,Stored In,Processors\nSupplier bank details,restricted,PCI; PII,650,us; ca,A-000001,PrintCo\n');
    expect(d.body).toMatchObject({ status: 'imported', created: 1 });
    const ds = (await advisor.get<{ datasets: { classification: string; categories: string[]; countries: string[]; records: number; vendors: { name: string }[] }[] }>(`${base}/estate/datasets`)).body.datasets[0]!;
    expect(ds).toMatchObject({ classification: 'restricted', records: 650, countries: ['CA', 'US'], vendors: [{ name: 'PrintCo' }] });
    expect(ds.categories.sort()).toEqual(['payment', 'personal']);

    const members = (await advisor.get<{ members: { email: string }[] }>(`${base}/members`)).body.members;
    const g = await upload('grants', `Data Set,System,User,Access Level,Justification,Owner Email\nSupplier bank details,,AP clerks,read-only,Pay suppliers,${members[0]!.email}\n,A-000001,Helpdesk,full control,,nobody@example.com\n`, '?dryRun=true');
    expect(g.body.status).toBe('rejected');
    expect(g.body.problems).toEqual([{ line: 3, column: 'Owner Email', reason: expect.stringContaining('nobody@example.com') as string }]);
    expect(g.body.results[0]).toMatchObject({ line: 2, action: 'create' });
  });

  it('exports every kind in the columns the import reads: the round trip changes nothing', async () => {
    const sam = await demo.as(DEMO.advisor);
    const client = `/api/clients/${demo.clients.accounting}`;
    for (const kind of ['vendors', 'systems', 'services', 'contracts', 'datasets', 'grants']) {
      const exported = await sam.get<string>(`${client}/estate/export/${kind}`);
      expect(exported.status).toBe(200);
      expect(String(exported.headers['content-type'])).toContain('text/csv');
      const lines = exported.body.trim().split('\n');
      expect(lines.length, kind).toBeGreaterThan(2);
      const back = await sam.request<Report>('POST', `${client}/estate/import/${kind}?dryRun=true`, exported.body, { 'content-type': 'text/csv' });
      expect(back.body.status, `${kind}: ${JSON.stringify(back.body.problems)}`).toBe('checked');
      expect({ kind, created: back.body.created, updated: back.body.updated, ignored: back.body.ignoredColumns }).toEqual({ kind, created: 0, updated: 0, ignored: [] });
      expect(back.body.unchanged).toBe(lines.length - 1);
    }
  });
});

describe('a larger import', () => {
  it('shows its progress and serves other requests while it reads', async () => {
    const rows = 20_000;
    const file = assetCsv(rows, 'B');
    const importId = '01a21868-f316-7442-9b0f-a2c51213f0aa';
    const seen: { phase: string; fraction: number; rowsWritten: number }[] = [];
    let otherWhileReading = 0;
    let done = false;
    const running = upload('systems', file, `?importId=${importId}`).finally(() => {
      done = true;
    });
    while (!done) {
      const p = await advisor.get<{ phase: string; fraction: number; rowsWritten: number }>(`${base}/estate/imports/${importId}`);
      if (p.status === 200) {
        seen.push(p.body);
        if (p.body.phase === 'reading') {
          const other = await advisor.get(`${base}/estate/services`);
          if (other.status === 200 && !done) otherWhileReading += 1;
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const res = await running;
    expect(res.body).toMatchObject({ status: 'imported', created: rows });
    expect(seen.some((p) => p.phase === 'reading' && p.fraction > 0 && p.fraction < 0.5)).toBe(true);
    expect(otherWhileReading).toBeGreaterThan(0);
    // Fractions only grow.
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    if (testDb() === 'postgres') expect(seen.some((p) => p.phase === 'writing')).toBe(true);
  });
});
