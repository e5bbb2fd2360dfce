import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naturalKey } from '../../src/server/db/natural-key.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/**
 * The estate's lists page by keyset (docs/api.md, "Lists"): walking every page with the cursor
 * gives every row once, in the list's order (names in natural order, rows without a value
 * last), ascending and descending; rows added meanwhile do not repeat rows; a cursor of another
 * list, order or none at all is refused naming `cursor`; `total` is counted only when asked.
 * Every write path keeps the stored sort keys what the names say.
 */

interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Page {
  nextCursor: string | null;
  total: number | null;
  [list: string]: unknown;
}
type Row = Record<string, unknown> & { id: string };

let t: TestApp;
let advisor: Caller;
let clientId: string;
let base: string;

async function post<T = Row>(path: string, body: unknown): Promise<T> {
  const res = await advisor.post<T>(`${base}${path}`, body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every row of a list, page by page with the cursor; checks each page's size and total. */
async function walk(path: string, list: string, query: string, limit = 4): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 500) throw new Error('the cursor never ends');
    const url: string = `${base}${path}?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await advisor.get<Page>(url);
    expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
    const page = res.body[list] as Row[];
    expect(res.body.total).toBeNull();
    rows.push(...page);
    if (res.body.nextCursor === null) {
      expect(page.length).toBeLessThanOrEqual(limit);
      return rows;
    }
    expect(page.length).toBe(limit);
    cursor = res.body.nextCursor;
  }
}

const bytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * The order a list promises: by the key (natural key of a name, a date, a number), the id
 * breaking ties; rows without a value last in both directions, by id.
 */
function expected(rows: Row[], key: (r: Row) => string | number | null, desc: boolean): string[] {
  const dir = desc ? -1 : 1;
  return [...rows]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null || kb === null) {
        if (ka !== kb) return ka === null ? 1 : -1;
        return dir * bytes(a.id, b.id);
      }
      const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : bytes(String(ka), String(kb));
      return dir * (c !== 0 ? Math.sign(c) : bytes(a.id, b.id));
    })
    .map((r) => r.id);
}

const natural = (field: string) => (r: Row): string | null => (typeof r[field] === 'string' && r[field] !== '' ? naturalKey(r[field]) : null);
const plain = (field: string) => (r: Row): string | number | null => (r[field] === null ? null : (r[field] as string | number));

/** Walks every order a list offers, both ways, against the order it promises. */
async function checkOrders(path: string, list: string, all: Row[], orders: Record<string, (r: Row) => string | number | null>, filter = ''): Promise<void> {
  for (const [sort, key] of Object.entries(orders)) {
    for (const order of ['asc', 'desc'] as const) {
      const got = await walk(path, list, `sort=${sort}&order=${order}${filter ? `&${filter}` : ''}`);
      const ids = got.map((r) => r.id);
      expect(new Set(ids).size, `${path} ${sort} ${order}: a row came twice`).toBe(ids.length);
      expect(ids, `${path} by ${sort} ${order}`).toEqual(expected(all, key, order === 'desc'));
    }
  }
}

const LAPTOPS = [10, 2, 1, 12, 3, 11, 21, 9, 100, 7];

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Pelican Freight', sector: 'Logistics', employees: 60, annualRevenue: 12_000_000, currency: 'USD' });
  clientId = created.body.id;
  base = `/api/clients/${clientId}`;
});
afterAll(async () => {
  await t.close();
});

describe('systems', () => {
  let all: Row[] = [];
  beforeAll(async () => {
    // Names that sort wrongly as plain text, tags and dates missing on some, ties on others.
    for (const [i, n] of LAPTOPS.entries()) {
      all.push(await post('/estate/systems', {
        name: i % 3 === 0 ? `laptop ${n}` : `Laptop ${n}`,
        assetTag: i % 4 === 0 ? null : `PF-${n}`,
        endOfLife: i % 3 === 1 ? null : `2028-0${1 + (i % 3)}-01`,
        warrantyEnd: i % 2 === 0 ? '2027-06-30' : null,
        purchaseDate: i % 5 === 0 ? null : `2024-0${1 + (i % 5)}-15`,
        type: i % 2 === 0 ? 'hardware' : 'software',
      }));
    }
    for (const name of ['Émile print server', 'Desk 2', 'desk 10', 'Zebra scanner 010', 'Zebra scanner 9']) all.push(await post('/estate/systems', { name, endOfLife: '2028-01-01' }));
    // Through the import too: its rows carry their keys like the ones added one by one.
    const csv = 'Asset Tag,Name,EOL Date\nPF-IMP-10,Imported 10,2029-01-01\nPF-IMP-9,Imported 9,\n';
    const imported = await advisor.request<{ status: string }>('POST', `${base}/estate/import/systems`, csv, { 'content-type': 'text/csv' });
    expect(imported.body.status).toBe('imported');
    all = await walk('/estate/systems', 'systems', '', 100);
    expect(all).toHaveLength(LAPTOPS.length + 7);
  });

  it('walks every page in each order, names in natural order, rows without a value last', async () => {
    const byName = await walk('/estate/systems', 'systems', '');
    expect(byName.filter((s) => String(s.name).toLowerCase().startsWith('laptop')).map((s) => s.name)).toEqual(
      [...LAPTOPS].sort((a, b) => a - b).map((n) => (LAPTOPS.indexOf(n) % 3 === 0 ? `laptop ${n}` : `Laptop ${n}`)),
    );
    await checkOrders('/estate/systems', 'systems', all, {
      name: natural('name'),
      assetTag: natural('assetTag'),
      endOfLife: plain('endOfLife'),
      warrantyEnd: plain('warrantyEnd'),
      purchaseDate: plain('purchaseDate'),
    });
  });

  it('pages a filtered list, and counts it only when asked', async () => {
    const software = all.filter((s) => s.type === 'software');
    await checkOrders('/estate/systems', 'systems', software, { name: natural('name'), endOfLife: plain('endOfLife') }, 'type=software');
    const counted = await advisor.get<Page>(`${base}/estate/systems?type=software&limit=2&total=true`);
    expect(counted.body.total).toBe(software.length);
    expect((await advisor.get<Page>(`${base}/estate/systems?type=software&limit=2&total=false`)).body.total).toBeNull();
    const searched = await walk('/estate/systems', 'systems', 'search=zebra', 1);
    expect(searched.map((s) => s.name)).toEqual(['Zebra scanner 9', 'Zebra scanner 010']);
  });

  it('does not repeat or skip rows when rows are added between pages', async () => {
    const first = await advisor.get<Page>(`${base}/estate/systems?limit=5`);
    const seen = (first.body.systems as Row[]).map((s) => s.name);
    const before = await post('/estate/systems', { name: 'Aardvark router' });
    const after = await post('/estate/systems', { name: 'Zulu switch' });
    const rest: string[] = [];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await advisor.get<Page>(`${base}/estate/systems?limit=5&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...(page.body.systems as Row[]).map((s) => String(s.name)));
      cursor = page.body.nextCursor;
    }
    const names = [...seen, ...rest];
    expect(new Set(names).size).toBe(names.length);
    // The new row after the cursor's place comes; the one before it was already passed.
    expect(rest).toContain('Zulu switch');
    expect(names).not.toContain('Aardvark router');
    expect(names.map((n) => naturalKey(String(n)))).toEqual([...names].map((n) => naturalKey(String(n))).sort(bytes));
    for (const s of [before, after]) expect((await advisor.delete(`${base}/estate/systems/${s.id}`)).status).toBe(200);
  });

  it('refuses a cursor of another list, another order or none at all, naming the cursor; and offset', async () => {
    const vendor = await post('/estate/vendors', { name: 'Cursor Test Vendor' });
    await post('/estate/vendors', { name: 'Cursor Test Vendor 2' });
    const vendorsPage = await advisor.get<Page>(`${base}/estate/vendors?limit=1`);
    const namePage = await advisor.get<Page>(`${base}/estate/systems?limit=2`);
    const descPage = await advisor.get<Page>(`${base}/estate/systems?limit=2&order=desc`);
    const refused = async (query: string, pattern: RegExp) => {
      const res = await advisor.get<ErrorBody>(`${base}/estate/systems?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d) => d.path)).toContain('querystring.cursor');
      expect(res.body.error.message).toMatch(pattern);
    };
    await refused(`cursor=${encodeURIComponent(vendorsPage.body.nextCursor!)}`, /belongs to the order "vendors name asc", not "systems name asc"/);
    await refused(`sort=endOfLife&cursor=${encodeURIComponent(namePage.body.nextCursor!)}`, /not "systems endOfLife asc"/);
    await refused(`cursor=${encodeURIComponent(descPage.body.nextCursor!)}`, /not "systems name asc"/);
    await refused('cursor=not-a-cursor', /not one this list gave/);
    await refused(`cursor=${Buffer.from(JSON.stringify(['systems name asc', 7, 'x', 'y'])).toString('base64url')}`, /not one this list gave/);
    for (const query of ['offset=20', 'limit=0', 'limit=501', 'sort=vendorName', 'order=up', 'total=yes']) {
      const res = await advisor.get<ErrorBody>(`${base}/estate/systems?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details[0]!.path).toBe(`querystring.${query.split('=')[0]}`);
    }
    expect((await advisor.delete(`${base}/estate/vendors/${vendor.id}`)).status).toBe(200);
  });
});

describe('services, vendors, contracts, data sets and grants', () => {
  it('walk every page in each order', async () => {
    const services: Row[] = [];
    for (const [i, n] of LAPTOPS.entries()) services.push(await post('/estate/services', { name: `Route ${n}`, downtimeCostPerHour: [500, 1000, 500, 0][i % 4] }));
    await checkOrders('/estate/services', 'services', services, { name: natural('name'), downtimeCostPerHour: plain('downtimeCostPerHour') });

    const vendors: Row[] = [];
    for (const n of LAPTOPS) vendors.push(await post('/estate/vendors', { name: `Carrier ${n}`, direct: n % 2 === 0 }));
    const listedVendors = await walk('/estate/vendors', 'vendors', '', 100);
    await checkOrders('/estate/vendors', 'vendors', listedVendors, { name: natural('name') });
    await checkOrders('/estate/vendors', 'vendors', listedVendors.filter((v) => v.direct === false), { name: natural('name') }, 'direct=false');

    const contracts: Row[] = [];
    for (const [i, n] of LAPTOPS.entries()) {
      contracts.push(await post('/estate/contracts', { vendorId: vendors[i % 3]!.id, reference: `MSA ${n}`, annualCost: [1200, 800, 1200][i % 3], renewalDate: i % 3 === 2 ? null : `2027-0${1 + (i % 2)}-28` }));
    }
    await checkOrders('/estate/contracts', 'contracts', contracts, { reference: natural('reference'), renewalDate: plain('renewalDate'), annualCost: plain('annualCost') });
    await checkOrders('/estate/contracts', 'contracts', contracts.filter((c) => c.vendorId === vendors[0]!.id), { reference: natural('reference') }, `vendorId=${vendors[0]!.id}`);

    const datasets: Row[] = [];
    for (const [i, n] of LAPTOPS.entries()) datasets.push(await post('/estate/datasets', { name: `Manifests ${n}`, records: [100, 2000, 100][i % 3] }));
    await checkOrders('/estate/datasets', 'datasets', datasets, { name: natural('name'), records: plain('records') });

    const grants: Row[] = [];
    for (const [i, n] of LAPTOPS.entries()) {
      grants.push(await post('/estate/grants', { targetType: 'dataset', targetId: datasets[i % 2]!.id, grantee: `Dispatcher ${n}`, since: `2026-0${1 + (i % 3)}-01` }));
    }
    await checkOrders('/estate/grants', 'grants', grants, { grantee: natural('grantee'), since: plain('since') });
  });

  it('filter vendors by their derived tier on every page, and count them when asked', async () => {
    const all = await walk('/estate/vendors', 'vendors', '', 100);
    for (const tier of [1, 2, 3, 4]) {
      const mine = all.filter((v) => v.tier === tier);
      const got = await walk('/estate/vendors', 'vendors', `tier=${tier}`, 2);
      expect(got.map((v) => v.id), `tier ${tier}`).toEqual(expected(mine, natural('name'), false));
      expect((await advisor.get<Page>(`${base}/estate/vendors?tier=${tier}&limit=1&total=true`)).body.total).toBe(mine.length);
    }
  });
});

describe('sort keys', () => {
  it('are what the names say after every write path: API, changes, import, fourth parties', async () => {
    const system = await post('/estate/systems', { name: 'Renamed 1' });
    expect((await advisor.patch(`${base}/estate/systems/${system.id}`, { name: 'Renamed 20', assetTag: 'RN-20' })).status).toBe(200);
    const vendor = await post<{ id: string }>('/estate/vendors', { name: 'Parent Carrier' });
    expect((await advisor.post(`${base}/estate/vendors/${vendor.id}/subcontractors`, { name: 'Sub Carrier 3' })).status).toBe(201);
    expect((await advisor.patch(`${base}/estate/vendors/${vendor.id}`, { name: 'Parent Carrier 2' })).status).toBe(200);
    const csv = 'Name,Vendor\nImported route 5,New Import Carrier 7\n';
    expect((await advisor.request<{ status: string }>('POST', `${base}/estate/import/services`, 'Name\nImported route 5\n', { 'content-type': 'text/csv' })).body.status).toBe('imported');
    expect((await advisor.request<{ status: string }>('POST', `${base}/estate/import/systems`, csv, { 'content-type': 'text/csv' })).body.status).toBe('imported');
    const db = t.ctx.database.db;
    const check = async (table: 'estate_systems' | 'estate_services' | 'estate_vendors' | 'estate_datasets', name = 'name', key = 'name_sort') => {
      const rows = (await db.selectFrom(table).selectAll().where('client_id', '=', clientId).execute()) as unknown as Record<string, string | null>[];
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r[key], `${table} ${r[name]}`).toBe(r[name] ? naturalKey(r[name]) : null);
    };
    await check('estate_systems');
    await check('estate_systems', 'asset_tag', 'asset_tag_sort');
    await check('estate_services');
    await check('estate_vendors');
    await check('estate_datasets');
    const contracts = await db.selectFrom('estate_contracts').select(['reference', 'reference_sort']).where('client_id', '=', clientId).execute();
    for (const c of contracts) expect(c.reference_sort).toBe(naturalKey(c.reference));
    const grants = await db.selectFrom('estate_grants').select(['grantee', 'grantee_sort']).where('client_id', '=', clientId).execute();
    for (const g of grants) expect(g.grantee_sort).toBe(naturalKey(g.grantee));
  });
});
