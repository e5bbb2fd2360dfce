// CSV import of a 100,000-row asset file (the asset CSV of common asset tools) into a demo client,
// on SQLite: through the CLI as a whole process (dry run, import, the same file again), and
// through the API of a running server while other requests keep coming (open loop, 10 a second),
// with the import's progress polled as the web app does. Each round starts from a copy of one
// seeded database. Options: --rounds N (default 3), --rows N (default 100,000), --baseline DIR
// (another built checkout: its CLI import runs in the same rounds, on its own fresh copy, before
// or after this one's in turn). With TRIAD_BENCH_PG_URL set (the admin URL of a PostgreSQL
// server), the same runs on PostgreSQL too, each round in a fresh database.
import { spawn } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { cpuReport, cpuSnapshot, DEMO_ADMIN, DEMO_PASSWORD, freePort, machine, measure, median, printTable, repoRoot, sleep, pgDatabase } from '../lib.mjs';

export const description = 'CSV import of a 100,000-row asset file: CLI and API, time, peak memory, other requests meanwhile';

const dist = (p) => import(pathToFileURL(join(repoRoot, 'dist/src', p)).href);
const CLIENT = 'Kestrel Precision Manufacturing';

/** The asset CSV, written row by row. */
async function writeAssets(file, rows, prefix) {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write('Asset Tag,Name,Serial,Model,Manufacturer,Category,Supplier,Location,Purchase Date,Purchase Cost,Warranty (months),EOL Date,Status\n');
  const cats = ['Laptop', 'Desktop', 'Monitor', 'Server', 'Switch', 'Phone'];
  const makers = ['Dell', 'HP', 'Lenovo', 'Apple'];
  const suppliers = ['CDW', 'Insight', 'SHI', 'Dell Direct'];
  const statuses = ['Deployed', 'Ready to Deploy', 'Archived', 'Pending', 'Out for Repair'];
  for (let i = 0; i < rows; i++) {
    const y = 2020 + (i % 6);
    const m = String(1 + (i % 12)).padStart(2, '0');
    await write(`${prefix}-${String(i).padStart(6, '0')},${i % 3 === 0 ? '' : `Device ${i}`},SN${i * 7919},Model ${i % 40},${makers[i % 4]},${cats[i % 6]},${suppliers[i % 4]},Site ${i % 25},${y}-${m}-15,${(500 + (i % 2000)).toFixed(2)},36,${y + 5}-${m}-15,${statuses[i % 5]}\n`);
  }
  await new Promise((r) => out.end(r));
}

/** Seeds the demo firm into a fresh database (SQLite in `dataDir`, or PostgreSQL); returns the client's id. */
async function seed(dataDir, databaseUrl = undefined) {
  const { loadConfig } = await dist('server/config.js');
  const { createAppContext, closeAppContext } = await dist('server/bootstrap.js');
  const { seedDemo } = await dist('server/demo.js');
  const pino = (await import('pino')).default;
  const ctx = await createAppContext(loadConfig({}, { dataDir, databaseUrl, logLevel: 'silent', jobs: false }), { logger: pino({ level: 'silent' }) });
  try {
    await seedDemo(ctx);
    const row = await ctx.database.db.selectFrom('clients').select('id').where('name', '=', CLIENT).executeTakeFirstOrThrow();
    return row.id;
  } finally {
    await closeAppContext(ctx);
  }
}

function copyDb(from, to) {
  mkdirSync(to, { recursive: true });
  for (const f of ['triad.db', 'triad.db-wal', 'triad.db-shm']) if (existsSync(join(from, f))) copyFileSync(join(from, f), join(to, f));
}

/** Where a round runs: a data directory (SQLite) or a database URL (PostgreSQL). */
const env = (db) => ({ ...process.env, TRIAD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', TRIAD_LOG_LEVEL: 'silent' });

async function cli(db, clientId, file, ...flags) {
  return cliOf(repoRoot, db, clientId, file, ...flags);
}

/** `triad import` of the checkout at `root` (this one, or a baseline's). */
async function cliOf(root, db, clientId, file, ...flags) {
  const r = await measureWithEnv(process.execPath, [join(root, 'bin/triad.js'), 'import', 'systems', file, '--client', clientId, '--quiet', '--format', 'json', ...flags], env(db));
  return { ...r, report: JSON.parse(r.stdout) };
}

/** A baseline checkout's CLI import on a fresh database, checked like this one's. */
async function baselineImport(baseline, prepare, file, rows) {
  const db = await prepare();
  try {
    const r = await cliOf(baseline, db, db.clientId, file);
    if (r.report.status !== 'imported' || r.report.created !== rows) throw new Error(`baseline import: ${JSON.stringify(r.report).slice(0, 300)}`);
    return r;
  } finally {
    await db.cleanup();
  }
}

function measureWithEnv(command, args, childEnv) {
  const saved = { ...process.env };
  Object.assign(process.env, childEnv);
  try {
    return measure(command, args);
  } finally {
    for (const k of Object.keys(childEnv)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** Peak and current resident memory of a process (KB), from /proc. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { peak: kb('VmHWM'), now: kb('VmRSS') };
  } catch {
    return { peak: NaN, now: NaN };
  }
}

/** The API import: a running server, the file streamed as the body, other requests meanwhile. */
async function api(db, clientId, file) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(repoRoot, 'bin/triad.js'), 'serve', '--port', String(port)], { env: { ...env(db), TRIAD_JOBS: 'off' }, stdio: 'ignore' });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 200) throw new Error('the server did not start');
      await sleep(100);
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN, password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = await login.json();
    const before = memoryOf(server.pid);
    const importId = crypto.randomUUID();
    const probes = [];
    let done = false;
    // Other requests, open loop: one every 100 ms whatever the previous one does.
    const probe = async () => {
      const sent = performance.now();
      const res = await fetch(`${base}/api/clients/${clientId}/estate/services`, { headers: { cookie } });
      await res.arrayBuffer();
      probes.push({ sent, ms: performance.now() - sent });
    };
    const pending = [];
    const timer = setInterval(() => pending.push(probe().catch(() => undefined)), 100);
    // The progress, polled as the web app does.
    const fractions = [];
    const poll = (async () => {
      while (!done) {
        const res = await fetch(`${base}/api/clients/${clientId}/estate/imports/${importId}`, { headers: { cookie } }).catch(() => null);
        if (res?.ok) fractions.push((await res.json()).fraction);
        else await res?.arrayBuffer();
        await sleep(200);
      }
    })();
    const started = performance.now();
    const res = await fetch(`${base}/api/clients/${clientId}/estate/import/systems?fileName=assets.csv&importId=${importId}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/csv', 'content-length': String(statSync(file).size) },
      body: Readable.toWeb(createReadStream(file)),
      duplex: 'half',
    });
    const report = await res.json();
    const ms = performance.now() - started;
    done = true;
    clearInterval(timer);
    await Promise.all(pending);
    await poll;
    if (!res.ok || report.status !== 'imported') throw new Error(`API import: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
    // The server says how long it read and how long it wrote: requests sent meanwhile are sorted by phase.
    const readEnd = started + report.readingMs;
    for (const p of probes) p.phase = p.sent < readEnd ? 'reading' : p.sent < started + ms ? 'writing' : 'after';
    return { ms, report, memory: memoryOf(server.pid), before, probes, fractions };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}


/**
 * The raw insert the import is measured against: the very rows the import wrote (read back from
 * its database), inserted into a fresh copy of the seeded database in one transaction, with the
 * table's indexes in place. SQLite: one prepared INSERT a row (better-sqlite3). PostgreSQL:
 * COPY FROM STDIN (pg-copy-streams). Only the insert is timed.
 */
async function importedRows(db, clientId, before, table = 'estate_systems') {
  if (db.databaseUrl) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: db.databaseUrl });
    await c.connect();
    try {
      const { rows } = await c.query(`select * from ${table} where client_id = $1`, [clientId]);
      return rows.filter((r) => !before.has(r.id));
    } finally {
      await c.end();
    }
  }
  const Database = (await import('better-sqlite3')).default;
  const conn = new Database(join(db.dataDir, 'triad.db'), { readonly: true });
  try {
    return conn.prepare(`select * from ${table} where client_id = ?`).all(clientId).filter((r) => !before.has(r.id));
  } finally {
    conn.close();
  }
}

async function existingIds(db, clientId, table = 'estate_systems') {
  return new Set((await importedRows(db, clientId, new Set(), table)).map((r) => r.id));
}

async function rawInsert(db, rows, table = 'estate_systems') {
  const columns = Object.keys(rows[0]);
  if (db.databaseUrl) {
    const pg = (await import('pg')).default;
    const { from } = (await import('pg-copy-streams')).default;
    const { pipeline } = await import('node:stream/promises');
    const c = new pg.Client({ connectionString: db.databaseUrl });
    await c.connect();
    try {
      const esc = (v) => (v === null || v === undefined ? '\\N' : (v instanceof Date ? v.toISOString() : String(v)).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
      const started = performance.now();
      await c.query('begin');
      const stream = c.query(from(`copy ${table} (${columns.map((k) => `"${k}"`).join(', ')}) from stdin`));
      await pipeline(
        (function* () {
          let chunk = '';
          for (const r of rows) {
            chunk += columns.map((k) => esc(r[k])).join('\t') + '\n';
            if (chunk.length > 65536) {
              yield chunk;
              chunk = '';
            }
          }
          if (chunk) yield chunk;
        })(),
        stream,
      );
      await c.query('commit');
      return performance.now() - started;
    } finally {
      await c.end();
    }
  }
  const Database = (await import('better-sqlite3')).default;
  const conn = new Database(join(db.dataDir, 'triad.db'));
  try {
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    const insert = conn.prepare(`insert into ${table} (${columns.map((k) => `"${k}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const started = performance.now();
    conn.transaction(() => {
      for (const r of rows) insert.run(...columns.map((k) => r[k]));
    })();
    return performance.now() - started;
  } finally {
    conn.close();
  }
}

const s = (ms) => (ms / 1000).toFixed(2);
const mb = (kb) => (Number.isFinite(kb) ? Math.round(kb / 1024) : '?');

const db0IsPg = (label) => label === 'PostgreSQL';

/** The rounds on one database: each round a fresh database from `prepare`, the four measurements. */
async function measureOn(label, rounds, rows, file, prepare, baseline) {
  const results = { dry: [], import: [], again: [], api: [], raw: [], baseline: [] };
  let lastApi = null;
  for (let round = 0; round < rounds; round++) {
    // The baseline's import before this round's measurements in even rounds, after them in odd ones.
    if (baseline && round % 2 === 0) results.baseline.push(await baselineImport(baseline, prepare, file, rows));
    let db = await prepare();
    try {
      const before = await existingIds(db, db.clientId);
      const vendorsBefore = await existingIds(db, db.clientId, 'estate_vendors');
      const dry = await cli(db, db.clientId, file, '--dry-run');
      if (dry.report.status !== 'checked' || dry.report.created !== rows) throw new Error(`dry run: ${JSON.stringify(dry.report).slice(0, 300)}`);
      results.dry.push(dry);
      const imported = await cli(db, db.clientId, file);
      if (imported.report.status !== 'imported' || imported.report.created !== rows) throw new Error(`import: ${JSON.stringify(imported.report).slice(0, 300)}`);
      results.import.push(imported);
      const written = await importedRows(db, db.clientId, before);
      if (written.length !== rows) throw new Error(`read back ${written.length} imported rows, not ${rows}`);
      const newVendors = await importedRows(db, db.clientId, vendorsBefore, 'estate_vendors');
      const fresh = await prepare();
      try {
        // The vendors the import added (a few rows, not timed), so that the systems' references hold.
        // (On PostgreSQL each fresh database has the client under a new id.)
        // The vendors the file named that were known already have other ids there too: by name.
        const freshVendorId = new Map((await importedRows(fresh, fresh.clientId, new Set(), 'estate_vendors')).map((v) => [v.name, v.id]));
        const vendorId = new Map((await importedRows(db, db.clientId, new Set(), 'estate_vendors')).map((v) => [v.id, freshVendorId.get(v.name) ?? v.id]));
        const mine = (list) => list.map((r) => ({ ...r, client_id: fresh.clientId, ...('vendor_id' in r && r.vendor_id ? { vendor_id: vendorId.get(r.vendor_id) } : {}) }));
        if (newVendors.length > 0) await rawInsert(fresh, mine(newVendors), 'estate_vendors');
        results.raw.push({ ms: await rawInsert(fresh, mine(written)) });
      } finally {
        await fresh.cleanup();
      }
      const again = await cli(db, db.clientId, file);
      if (again.report.unchanged !== rows) throw new Error(`re-import: ${JSON.stringify(again.report).slice(0, 300)}`);
      results.again.push(again);
    } finally {
      await db.cleanup();
    }
    db = await prepare();
    try {
      lastApi = await api(db, db.clientId, file);
      results.api.push(lastApi);
    } finally {
      await db.cleanup();
    }
    if (baseline && round % 2 === 1) results.baseline.push(await baselineImport(baseline, prepare, file, rows));
  }
  console.log(`\n${label}:\n`);
  const row = (name, list, mem) => [name, s(median(list.map((r) => r.ms))), s(Math.min(...list.map((r) => r.ms))), s(Math.max(...list.map((r) => r.ms))), String(Math.round(rows / (median(list.map((r) => r.ms)) / 1000))), String(mem)];
  printTable([
    ['', 'median s', 'min s', 'max s', 'rows/s', 'peak MB'],
    row('triad import --dry-run (CLI)', results.dry, mb(Math.max(...results.dry.map((r) => r.rssKb)))),
    row('triad import (CLI)', results.import, mb(Math.max(...results.import.map((r) => r.rssKb)))),
    row('triad import, same file again (CLI)', results.again, mb(Math.max(...results.again.map((r) => r.rssKb)))),
    row('POST /estate/import/systems (API)', results.api, `${mb(Math.max(...results.api.map((r) => r.memory.peak)))} (server)`),
    row(db0IsPg(label) ? 'raw COPY of the same rows (one transaction)' : 'raw prepared INSERT of the same rows (one transaction)', results.raw, ''),
    ...(baseline ? [row(`baseline ${baseline}: triad import (CLI)`, results.baseline, mb(Math.max(...results.baseline.map((r) => r.rssKb))))] : []),
  ]);
  const rawMs = median(results.raw.map((r) => r.ms));
  const writeMs = median(results.import.map((r) => r.report.writingMs));
  console.log(`\nAgainst the raw insert (medians): the whole CLI import ${(median(results.import.map((r) => r.ms)) / rawMs).toFixed(2)}×, its writing phase ${(writeMs / rawMs).toFixed(2)}× (${s(writeMs)} s against ${s(rawMs)} s); the API import's writing phase ${(median(results.api.map((r) => r.report.writingMs)) / rawMs).toFixed(2)}×.`);
  if (baseline) {
    // Per round, this checkout's import against the baseline's of the same round: drift between rounds cancels.
    const ratio = (mine, theirs) => `${(median(mine) / median(theirs)).toFixed(2)} (ratio of medians), ${median(mine.map((m, i) => m / theirs[i])).toFixed(2)} (median of the per-round ratios)`;
    console.log(`This checkout / baseline: the whole CLI import ${ratio(results.import.map((r) => r.ms), results.baseline.map((r) => r.ms))}; its writing phase ${ratio(results.import.map((r) => r.report.writingMs), results.baseline.map((r) => r.report.writingMs))}; baseline writing phase median ${s(median(results.baseline.map((r) => r.report.writingMs)))} s.`);
  }
  console.log(`\nServer memory before the API import: ${mb(Math.max(...results.api.map((r) => r.before.now)))} MB resident.`);
  console.log(`API import phases: ${results.api.map((r) => `reading ${s(r.report.readingMs)} s, writing ${s(r.report.writingMs)} s`).join('; ')}`);
  // Other requests during the API import, by the phase the import was in when they were sent.
  for (const phase of ['reading', 'writing']) {
    const all = results.api.flatMap((r) => r.probes.filter((p) => p.phase === phase).map((p) => p.ms));
    if (all.length === 0) continue;
    console.log(`GET /estate/services sent while the import was ${phase}: ${all.length} requests, median ${median(all).toFixed(0)} ms, max ${Math.max(...all).toFixed(0)} ms`);
  }
  if (lastApi) console.log(`Progress polled (last round): ${lastApi.fractions.length} answers, ${lastApi.fractions.filter((f) => f > 0 && f < 1).length} of them between 0 and 1.`);
}

export async function run({ rounds = 3, rows = 100_000, baseline } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'triad-bench-import-'));
  try {
    const file = join(work, 'assets.csv');
    await writeAssets(file, rows, 'A');
    const template = join(work, 'template');
    const clientId = await seed(template);
    console.log(`${machine()}\n${rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB; ${rounds} rounds, each measurement on a fresh copy of the seeded demo database`);
    const cpuBefore = cpuSnapshot();
    let n = 0;
    await measureOn('SQLite', rounds, rows, file, async () => {
      const dataDir = join(work, `db-${n++}`);
      copyDb(template, dataDir);
      return { dataDir, databaseUrl: undefined, clientId, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    }, baseline);
    const pgAdmin = process.env.TRIAD_BENCH_PG_URL;
    if (pgAdmin) {
      await measureOn('PostgreSQL', rounds, rows, file, async () => {
        const database = await pgDatabase(pgAdmin, 'bench_import');
        const dataDir = join(work, `pg-${n++}`);
        const id = await seed(dataDir, database.url);
        return { dataDir, databaseUrl: database.url, clientId: id, cleanup: database.drop };
      }, baseline);
    }
    const cpu = cpuReport(cpuBefore, cpuSnapshot());
    if (cpu) console.log(`\n${cpu}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
