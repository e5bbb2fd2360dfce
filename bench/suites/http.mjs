// The API against the raw database. The built server (`triad serve --demo`, SQLite) answers
// typical reads of one client — its risk register, a page of systems, a page of the audit trail,
// its members — under load from autocannon (keep-alive connections, closed loop), signed in with
// a cookie session; beside each, the same rows read straight from the SQLite file with
// better-sqlite3 in a tight loop. The ratio is what the HTTP layer, authentication, the client
// scope, validation and serialisation cost on top of the query itself.
// Options: --seconds N (per endpoint, default 5), --connections N (default 10).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { DEMO_ADMIN, DEMO_PASSWORD, machine, printTable, sleep, startDemoServer } from '../lib.mjs';

export const description = 'API reads under load against the same reads straight from the database';

/** Times `fn` in a tight loop for `ms` milliseconds; returns calls a second and mean µs. */
function loop(fn, ms) {
  for (let i = 0; i < 200; i++) fn(); // warm up the statement cache and the JIT
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    n++;
    if ((n & 63) === 0) now = performance.now();
  }
  now = performance.now();
  return { perSecond: (n * 1000) / (now - start), meanUs: ((now - start) * 1000) / n };
}

export async function run({ seconds = 5, connections = 10 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'triad-bench-http-'));
  const server = await startDemoServer(dataDir);
  const { base } = server;
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN, password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await login.json();
    const client = me.clients.find((c) => c.name.startsWith('Kestrel'));
    // Let the demo's first recomputes finish so that nothing else runs during the measurement.
    for (let i = 0; i < 600; i++) {
      const jobs = await (await fetch(`${base}/api/clients/${client.id}/jobs`, { headers: { cookie } })).json();
      if (jobs.jobs.every((j) => j.status === 'done' || j.status === 'failed')) break;
      await sleep(200);
    }

    const db = new Database(join(dataDir, 'triad.db'), { readonly: true });
    const q = (sql) => db.prepare(sql);
    const raw = {
      register: q(`select s.*, r.* from risk_scenarios s left join risk_scenario_results r on r.client_id = s.client_id and r.id = s.id where s.client_id = ? order by s.ref`),
      systems: q(`select s.*, v.name as vendor_name from estate_systems s left join estate_vendors v on v.client_id = s.client_id and v.id = s.vendor_id where s.client_id = ? order by s.name_sort, s.id limit 50`),
      audit: q(`select * from audit_entries where client_id = ? order by seq desc limit 50`),
      members: q(`select u.id, u.email, u.name, u.firm_role, m.role, m.created_at from memberships m join users u on u.id = m.user_id where m.client_id = ? order by u.name`),
    };
    const cases = [
      { name: 'risk register', path: `/api/clients/${client.id}/risks`, raw: () => raw.register.all(client.id) },
      { name: 'systems, first 50', path: `/api/clients/${client.id}/estate/systems?limit=50`, raw: () => raw.systems.all(client.id) },
      { name: 'audit trail, 50 entries', path: `/api/clients/${client.id}/audit?limit=50`, raw: () => raw.audit.all(client.id) },
      { name: 'members', path: `/api/clients/${client.id}/members`, raw: () => raw.members.all(client.id) },
    ];
    console.log(`${machine()}\nSQLite, ${connections} connections, ${seconds} s per endpoint, signed in as the firm admin\n`);
    const rows = [['', 'API req/s', 'p50 ms', 'p99 ms', 'bytes', 'raw SQL q/s', 'raw µs', 'API / raw']];
    for (const c of cases) {
      const probe = await fetch(base + c.path, { headers: { cookie } });
      if (!probe.ok) throw new Error(`${c.path}: ${probe.status} ${await probe.text()}`);
      const bytes = (await probe.arrayBuffer()).byteLength;
      const result = await autocannon({ url: base + c.path, connections, duration: seconds, headers: { cookie } });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${c.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      const r = loop(c.raw, 2000);
      rows.push([
        c.name,
        result.requests.average.toFixed(0),
        result.latency.p50.toFixed(1),
        result.latency.p99.toFixed(1),
        bytes.toLocaleString('en-US'),
        r.perSecond.toFixed(0),
        r.meanUs.toFixed(0),
        `${(r.perSecond / result.requests.average).toFixed(1)}× slower`,
      ]);
    }
    db.close();
    printTable(rows);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
