// The firm's views (the portfolio's needs action, the portfolio report, its risk, budget and maturity columns,
// vendor concentration, a calendar feed of every client's dates) at 25 and at 50 clients, on SQLite, in process on the built server: how
// many statements each request runs (Kysely's log hook), how long it takes (median of --rounds
// requests through Fastify's inject, signed in as the firm admin), and the raw set-based
// queries beside it: the very statements the request ran, replayed straight on the SQLite file
// with better-sqlite3 (prepared, in order, one connection), timed in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { machine, median, printTable, repoRoot } from '../lib.mjs';

export const description = 'the firm\'s views at 25 and 50 clients: statements per request, time against the raw set-based queries';

const dist = (p) => import(pathToFileURL(join(repoRoot, 'dist/src', p)).href);

const VIEWS = ['/api/portfolio/attention', '/api/reports/portfolio', '/api/portfolio/risk', '/api/budget/variance', '/api/portfolio/controls', '/api/estate/concentration'];

export async function run({ rounds = 30 } = {}) {
  const { loadConfig } = await dist('server/config.js');
  const { createAppContext, closeAppContext } = await dist('server/bootstrap.js');
  const { buildServer } = await dist('server/app.js');
  const { seedDemo, addDemoCopies, DEMO_PASSWORD } = await dist('server/demo.js');

  const dataDir = mkdtempSync(join(tmpdir(), 'triad-bench-firm-'));
  let capture = null;
  const ctx = await createAppContext(loadConfig({ TRIAD_DATA_DIR: dataDir }, { logLevel: 'silent', jobs: false, simulationYears: 2_000 }), {
    onQuery: (e) => capture?.push({ sql: e.query.sql, parameters: e.query.parameters }),
  });
  const server = await buildServer(ctx, { webDir: null });
  await server.ready();
  const raw = new Database(join(dataDir, 'triad.db'), { readonly: true });
  // The one write among the views' statements (a calendar feed notes when it was last read).
  const rawWrite = new Database(join(dataDir, 'triad.db'));
  try {
    await seedDemo(ctx);
    const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@northbridge.example', password: DEMO_PASSWORD } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    // The admin's calendar feed (the dates of every client), as calendar apps poll it.
    const feed = await server.inject({ method: 'POST', url: '/api/me/calendar-feeds', payload: { name: 'All clients' }, headers: { cookie, 'x-csrf-token': login.json().csrfToken } });
    if (feed.statusCode !== 201) throw new Error(`calendar feed: ${feed.statusCode} ${feed.body.slice(0, 200)}`);
    const views = [...VIEWS, new URL(feed.json().url, 'http://localhost').pathname];
    console.log(machine());
    console.log(`SQLite; demo clients copied (each with its estate, register, assessments, budget); median of ${rounds} requests after 3 warm-up ones\n`);

    for (const clients of [25, 50]) {
      const have = Number((await ctx.database.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).n);
      await addDemoCopies(ctx, clients - have);
      // Every client's register computed, so the figures are of real runs.
      while ((await ctx.jobs.runDue()) > 0);
      const rows = [['view', 'clients', 'statements', 'API ms', 'raw ms', 'API / raw', 'body KB']];
      for (const url of views) {
        const get = () => server.inject({ method: 'GET', url, headers: { cookie } });
        for (let i = 0; i < 3; i++) await get();
        capture = [];
        const res = await get();
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        const statements = capture;
        capture = null;
        const prepared = statements.map((s) => {
          const stmt = raw.prepare(s.sql);
          return { stmt: stmt.reader ? stmt : rawWrite.prepare(s.sql), parameters: s.parameters };
        });
        const replay = () => {
          for (const p of prepared) (p.stmt.reader ? p.stmt.all(...p.parameters) : p.stmt.run(...p.parameters));
        };
        for (let i = 0; i < 3; i++) replay();
        // Side by side: a request, then its raw statements, in turn.
        const api = [];
        const rawMs = [];
        for (let i = 0; i < rounds; i++) {
          let t0 = performance.now();
          await get();
          api.push(performance.now() - t0);
          t0 = performance.now();
          replay();
          rawMs.push(performance.now() - t0);
        }
        const a = median(api);
        const r = median(rawMs);
        rows.push([url.startsWith('/api/calendar/') ? '/api/calendar/… (feed)' : url, String(clients), String(statements.length), a.toFixed(1), r.toFixed(2), `${(a / r).toFixed(1)}×`, (res.rawPayload.length / 1024).toFixed(1)]);
      }
      printTable(rows);
      console.log('');
    }
  } finally {
    raw.close();
    rawWrite.close();
    await server.close();
    await closeAppContext(ctx);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
