// The lists at 1k, 10k and 100k rows of one client: the systems (by name, and by end of life, a
// key that is empty on a third of the rows) and the business services, each at its first page
// and at the page after 90 % of the rows (reached by following the cursor). Through the API of
// the built server (a process, signed in as the firm admin): one connection (median latency)
// and 32 connections (p95), with autocannon. Beside each, the raw query: the statements that
// request ran (Kysely's log hook, in process on the same database), replayed straight on the
// database in a loop (µs), and served at 1 and 32 connections by a bare node:http server
// (bench/lists-raw-server.mjs: no framework, no sign-in, no validation, rows sent with
// JSON.stringify), loaded by the same autocannon, in turn with the API. The rows are seeded by bulk inserts through
// the app's own query layer. On SQLite, and on PostgreSQL when TRIAD_BENCH_PG_URL is set (the
// admin URL of a server: the suite makes its own database there).
// Options: --rounds N (default 3), --seconds N (per measurement, default 3), --upto N (only the
// sizes up to N rows, for a quick look).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { cpuReport, cpuSnapshot, DEMO_ADMIN, DEMO_PASSWORD, freePort, machine, median, printTable, repoRoot, sleep, pgDatabase } from '../lib.mjs';

export const description = 'the estate lists at 1k, 10k and 100k rows: first and deep page, one and 32 connections, against the raw query';

const dist = (p) => import(pathToFileURL(join(repoRoot, 'dist/src', p)).href);
const SIZES = [1_000, 10_000, 100_000];
const PAGE = 100;
const CONNECTIONS = 32;
const POOL = 10;
const CATS = ['Laptop', 'Desktop', 'Monitor', 'Server', 'Switch', 'Phone'];
const STATUSES = ['active', 'spare', 'retired', 'active', 'planned'];

/** Row i of the benchmark's systems: names in natural order trouble (Laptop 2, Laptop 10), a third without an end of life. */
function systemRow(i, at, vendors, newId) {
  const month = String(1 + (i % 12)).padStart(2, '0');
  return {
    id: newId(), name: `${CATS[i % 6]} ${i}`, asset_tag: i % 5 === 0 ? null : `A-${String(i).padStart(6, '0')}`,
    type: 'hardware', scope: 'internal', status: STATUSES[i % 5], owner: null, vendor_id: i % 3 === 0 ? null : vendors[i % vendors.length],
    location: `Site ${i % 25}`, manufacturer: 'Dell', model: `Model ${i % 40}`, serial: `SN${i * 7919}`, category: CATS[i % 6],
    purchase_date: i % 4 === 0 ? null : `${2020 + (i % 6)}-${month}-15`, purchase_cost: 50_000 + (i % 2000) * 100,
    warranty_end: i % 4 === 0 ? null : `${2023 + (i % 6)}-${month}-15`, end_of_life: i % 3 === 0 ? null : `${2025 + (i % 6)}-${month}-15`,
    replacement_cost: 60_000 + (i % 2000) * 100, notes: null, created_at: at, updated_at: at,
  };
}

function serviceRow(i, at, newId) {
  return {
    id: newId(), name: `Service ${i}`, name_key: `service ${i}`, business_unit: null, description: null, downtime_cost_per_hour: (i % 50) * 10_000,
    rto_hours: 4, rpo_hours: 1, criticality: ['critical', 'high', 'medium', 'low'][i % 4], operating_hours: i % 2 ? 'business' : 'always', created_at: at, updated_at: at,
  };
}

/** Waits for a child process to print "ready" or to answer /api/health. */
async function waitUntil(check, child, what) {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited`);
    if (await check().catch(() => false)) return;
    if (i > 600) throw new Error(`${what} did not start`);
    await sleep(100);
  }
}

/** Latencies of every answer (ms), requests a second, by autocannon over `seconds`. */
async function load(url, connections, seconds, headers = {}) {
  const latencies = [];
  const instance = autocannon({ url, connections, duration: seconds, headers });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { p50: at(0.5), p95: at(0.95), perSecond: result.requests.average };
}

/** One database (SQLite or PostgreSQL): seeds up to each size, measures every case at it. */
async function measureOn(label, target, { rounds, seconds, sizes }) {
  const { loadConfig } = await dist('server/config.js');
  const { createAppContext, closeAppContext } = await dist('server/bootstrap.js');
  const { buildServer } = await dist('server/app.js');
  const { seedDemo } = await dist('server/demo.js');
  const { createClient } = await dist('modules/clients/clients.js');
  const { systemActor } = await dist('server/firm.js');
  const { ClientDb } = await dist('server/db/scoped.js');
  const { newId, toTimestamp } = await dist('server/db/conventions.js');
  const { withSortKeys } = await dist('modules/estate/sort-keys.js');
  const pino = (await import('pino')).default;

  let capture = null;
  const ctx = await createAppContext(loadConfig({}, { dataDir: target.dataDir, databaseUrl: target.databaseUrl, logLevel: 'silent', jobs: false }), {
    logger: pino({ level: 'silent' }),
    onQuery: (e) => capture?.push({ sql: e.query.sql, parameters: e.query.parameters }),
  });
  const inProcess = await buildServer(ctx, { webDir: null });
  await inProcess.ready();
  const db = ctx.database.db;
  await seedDemo(ctx);
  const firm = await db.selectFrom('firms').select('id').executeTakeFirstOrThrow();
  const client = await createClient(ctx, systemActor(firm.id, 'benchmark'), { name: 'Lists Benchmark Corp', sector: 'Manufacturing', employees: 5000, annualRevenue: 900_000_000, currency: 'USD' });
  const at = toTimestamp(new Date());
  const vendors = [];
  await db.transaction().execute(async (tx) => {
    const cdb = new ClientDb(tx, client.id);
    for (let v = 0; v < 50; v++) {
      const row = withSortKeys('estate_vendors', { id: newId(), name: `Vendor ${v}`, name_key: `vendor ${v}`, direct: 1, supplies: 'infrastructure', offering: null, country: null, website: null, contact: null, tier_override: null, tier_override_reason: null, notes: null, created_at: at, updated_at: at });
      await cdb.insertInto('estate_vendors', row).execute();
      vendors.push(row.id);
    }
  });

  // The server as a process, on the same database.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(repoRoot, 'bin/triad.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, TRIAD_DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl ?? '', TRIAD_JOBS: 'off', TRIAD_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const rawDir = mkdtempSync(join(tmpdir(), 'triad-bench-lists-raw-'));
  const results = [];
  try {
    await waitUntil(async () => (await fetch(`${base}/api/health`)).ok, server, 'the server');
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN, password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const inLogin = await inProcess.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO_ADMIN, password: DEMO_PASSWORD } });
    const inCookie = inLogin.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const list = (path) => `/api/clients/${client.id}/estate/${path}`;

    let have = 0;
    for (const size of sizes) {
      // Grow to `size` systems and services (one transaction a table, 500 rows a statement).
      const seedStart = performance.now();
      for (const [table, make] of [['estate_systems', (i) => systemRow(i, at, vendors, newId)], ['estate_services', (i) => serviceRow(i, at, newId)]]) {
        await db.transaction().execute(async (tx) => {
          const cdb = new ClientDb(tx, client.id);
          for (let i = have; i < size; i += 500) {
            const rows = [];
            for (let j = i; j < Math.min(size, i + 500); j++) rows.push(withSortKeys(table, make(j)));
            await cdb.insertInto(table, rows).execute();
          }
        });
      }
      have = size;
      if (ctx.database.dialect === 'postgres') await (await import('kysely')).sql`analyze`.execute(db);
      const seedMs = performance.now() - seedStart;

      // The cases: a first page, and the page after 90 % of the rows, reached by the cursor.
      const cases = [];
      for (const [name, path, query] of [['systems by name', 'systems', ''], ['systems by end of life', 'systems', '&sort=endOfLife'], ['services by name', 'services', '']]) {
        let cursor = null;
        let seen = 0;
        while (seen < 0.9 * size) {
          const res = await fetch(`${base}${list(path)}?limit=${Math.min(500, size / 20)}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { cookie } });
          const body = await res.json();
          if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          seen += body[path].length;
          cursor = body.nextCursor;
          if (!cursor) throw new Error(`${path}: the list ended at ${seen} rows of ${size}`);
        }
        cases.push({ name, page: 'first', url: `${list(path)}?limit=${PAGE}${query}` });
        cases.push({ name, page: `after ${seen.toLocaleString('en-US')}`, url: `${list(path)}?limit=${PAGE}${query}&cursor=${encodeURIComponent(cursor)}` });
      }
      // The statements each request runs (the list's own: those reading the estate's tables).
      const statements = {};
      for (const [i, c] of cases.entries()) {
        capture = [];
        const res = await inProcess.inject({ method: 'GET', url: c.url, headers: { cookie: inCookie } });
        if (res.statusCode !== 200) throw new Error(`${c.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        c.bytes = res.rawPayload.length;
        c.key = `c${i}`;
        c.all = capture.length;
        statements[c.key] = capture.filter((s) => /\bestate_/.test(s.sql));
        c.list = statements[c.key].length;
        capture = null;
      }
      const configFile = join(rawDir, `raw-${size}.json`);
      writeFileSync(configFile, JSON.stringify({ dialect: ctx.database.dialect, file: ctx.database.file, url: target.databaseUrl, poolSize: POOL, cases: statements }));
      const rawPort = await freePort();
      const raw = spawn(process.execPath, [join(repoRoot, 'bench/lists-raw-server.mjs'), configFile, String(rawPort)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let ready = false;
      raw.stdout.on('data', (d) => (ready ||= String(d).includes('ready')));
      try {
        await waitUntil(async () => ready, raw, 'the raw server');
        const replay = await rawReplay(ctx, target, statements);
        for (const c of cases) Object.assign(c, { api1: [], raw1: [], api32: [], raw32: [], rate: [], rawUs: replay[c.key] });
        // Side by side, round after round: each case through the API (1 and 32 connections), then raw.
        for (let round = 0; round < rounds; round++) {
          for (const c of cases) {
            c.api1.push((await load(base + c.url, 1, seconds, { cookie })).p50);
            c.raw1.push((await load(`http://127.0.0.1:${rawPort}/${c.key}`, 1, seconds)).p50);
            const api = await load(base + c.url, CONNECTIONS, seconds, { cookie });
            c.api32.push(api.p95);
            c.rate.push(api.perSecond);
            c.raw32.push((await load(`http://127.0.0.1:${rawPort}/${c.key}`, CONNECTIONS, seconds)).p95);
          }
        }
      } finally {
        raw.kill('SIGTERM');
      }
      results.push({ size, seedMs, cases });
      report(label, size, seedMs, cases);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    await inProcess.close();
    await closeAppContext(ctx);
    rmSync(rawDir, { recursive: true, force: true });
  }
  return results;
}

/** Each case's statements replayed straight on the database in a loop: mean µs a replay. */
async function rawReplay(ctx, target, statements) {
  const out = {};
  if (ctx.database.dialect === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const conn = new Database(ctx.database.file, { readonly: true });
    try {
      for (const [key, list] of Object.entries(statements)) {
        const prepared = list.map((s) => ({ stmt: conn.prepare(s.sql), parameters: s.parameters }));
        const once = () => prepared.forEach((p) => p.stmt.all(...p.parameters));
        for (let i = 0; i < 50; i++) once();
        let n = 0;
        const start = performance.now();
        while (performance.now() - start < 1000) {
          once();
          n++;
        }
        out[key] = ((performance.now() - start) * 1000) / n;
      }
    } finally {
      conn.close();
    }
    return out;
  }
  const pg = (await import('pg')).default;
  const conn = new pg.Client({ connectionString: target.databaseUrl });
  await conn.connect();
  try {
    for (const [key, list] of Object.entries(statements)) {
      const once = async () => {
        for (const s of list) await conn.query(s.sql, s.parameters);
      };
      for (let i = 0; i < 20; i++) await once();
      let n = 0;
      const start = performance.now();
      while (performance.now() - start < 1000) {
        await once();
        n++;
      }
      out[key] = ((performance.now() - start) * 1000) / n;
    }
  } finally {
    await conn.end();
  }
  return out;
}

function report(label, size, seedMs, cases) {
  console.log(`\n${label}, ${size.toLocaleString('en-US')} systems and ${size.toLocaleString('en-US')} services in the client (seeded in ${(seedMs / 1000).toFixed(1)} s); ${machine()}\n`);
  const rows = [['list', 'page', 'statements', 'body KB', 'API ms', 'raw ms', 'API p95 @32', 'raw p95 @32', 'API / raw @32', 'API req/s @32', 'raw query µs']];
  for (const c of cases) {
    const api32 = median(c.api32);
    const raw32 = median(c.raw32);
    rows.push([c.name, c.page, `${c.list} of ${c.all}`, (c.bytes / 1024).toFixed(1), median(c.api1).toFixed(2), median(c.raw1).toFixed(2), api32.toFixed(1), raw32.toFixed(1), `${(api32 / raw32).toFixed(2)}×`, median(c.rate).toFixed(0), c.rawUs.toFixed(0)]);
  }
  printTable(rows);
  console.log('');
  for (let i = 0; i < cases.length; i += 2) {
    const [first, deep] = [cases[i], cases[i + 1]];
    console.log(`${first.name}: deep page / first page ${(median(deep.api1) / median(first.api1)).toFixed(2)}× (1 connection), ${(median(deep.api32) / median(first.api32)).toFixed(2)}× (p95 @32); raw query ${(deep.rawUs / first.rawUs).toFixed(2)}×`);
  }
}

export async function run({ rounds = 3, seconds = 3, upto = Infinity } = {}) {
  const sizes = SIZES.filter((n) => n <= upto);
  const cpuBefore = cpuSnapshot();
  console.log(`${machine()}\n${rounds} rounds of ${seconds} s a measurement; pages of ${PAGE}; ${CONNECTIONS} connections; started ${new Date().toISOString()}`);
  const work = mkdtempSync(join(tmpdir(), 'triad-bench-lists-'));
  try {
    await measureOn('SQLite', { dataDir: join(work, 'sqlite'), databaseUrl: undefined }, { rounds, seconds, sizes });
    const pgAdmin = process.env.TRIAD_BENCH_PG_URL;
    if (pgAdmin) {
      const database = await pgDatabase(pgAdmin, 'bench_lists');
      try {
        await measureOn('PostgreSQL', { dataDir: join(work, 'pg'), databaseUrl: database.url }, { rounds, seconds, sizes });
      } finally {
        await database.drop();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const cpu = cpuReport(cpuBefore, cpuSnapshot());
  console.log(`\nfinished ${new Date().toISOString()}${cpu ? `; ${cpu}` : ''}`);
}
