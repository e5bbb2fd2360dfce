// The risk register of a client with 1,000 scenarios, read through the API, against its raw
// queries: the very statements a read that builds the register runs (Kysely's log hook),
// replayed straight on the SQLite file with better-sqlite3 (prepared, in order, one connection),
// timed side by side in the same rounds. In process on the built server (Fastify's inject,
// signed in as the firm admin), SQLite, like the firm's views suite. An answer is taken as the
// server sends it, a stream of bytes that is counted, not joined and decoded into a string (a
// client's work); the whole register is measured a second time with the answers decoded as text,
// as light-my-request gives them by default, beside it.
//
// Each read is measured five ways: as served while the client's data is unchanged (the register
// kept in memory), revalidated with its ETag (304), right after a change to one scenario (its
// title, changed through a second connection as another server would; the register is read
// again), right after an advisor's edit of one scenario and the recompute it queues (one result
// new, the portfolio's mean and so every share moved: the usual read after work on the register),
// and right after a recompute with a new seed (every stored result and every scenario's hash new:
// the most a read after a change has to do).
// Options: --rounds N (default 30; two thirds of them for each kind of recompute), --scenarios N (default
// 1,000), --baseline DIR (another built checkout: its GET /risks measured the same way).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { machine, median, printTable, repoRoot } from '../lib.mjs';
import { syntheticModel } from './api.mjs';

export const description = 'the risk register at 1,000 scenarios: API (kept, rebuilt after a change, 304) against its raw queries';

/** A client with `scenarios` scenarios, recomputed, in a fresh SQLite database of the checkout at `root`. */
export async function setUp(root, scenarios) {
  const dist = (p) => import(pathToFileURL(join(root, 'dist/src', p)).href);
  const { loadConfig } = await dist('server/config.js');
  const { createAppContext, closeAppContext } = await dist('server/bootstrap.js');
  const { buildServer } = await dist('server/app.js');
  const { seedDemo, DEMO_PASSWORD } = await dist('server/demo.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'triad-bench-register-'));
  const hook = { capture: null };
  // The register's reading does not depend on the simulated years; fewer make the set-up quick.
  const ctx = await createAppContext(loadConfig({ TRIAD_DATA_DIR: dataDir }, { logLevel: 'silent', jobs: false, simulationYears: 2_000 }), {
    onQuery: (e) => hook.capture?.push({ sql: e.query.sql, parameters: e.query.parameters }),
  });
  const server = await buildServer(ctx, { webDir: null });
  await server.ready();
  await seedDemo(ctx);
  const login = await server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@northbridge.example', password: DEMO_PASSWORD } });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { cookie, 'x-csrf-token': login.json().csrfToken };
  const client = await server.inject({ method: 'POST', url: '/api/clients', headers, payload: { name: 'Benchmark Industries', sector: 'Manufacturing', employees: 2_000, annualRevenue: 500_000_000, currency: 'USD' } });
  const id = client.json().id;
  const imported = await server.inject({ method: 'POST', url: `/api/clients/${id}/risks/import`, headers, payload: { model: syntheticModel(scenarios) } });
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body.slice(0, 300)}`);
  while ((await ctx.jobs.runDue()) > 0);
  const raw = new Database(join(dataDir, 'triad.db'), { readonly: true });
  const base = `/api/clients/${id}/risks`;
  const first = (await server.inject({ method: 'GET', url: `${base}?limit=1`, headers: { cookie } })).json().scenarios[0];
  // A second connection changes the database as another server would (a change through this
  // server's API rebuilds the register in its own answer, so the next read would not).
  const writer = new Database(join(dataDir, 'triad.db'));
  const hasVersion = writer.prepare("select 1 from pragma_table_info('risk_settings') where name = 'results_version'").get() !== undefined;
  const rename = writer.prepare('update risk_scenarios set title = ? where client_id = ? and id = ?');
  const bump = hasVersion ? writer.prepare('update risk_settings set results_version = results_version + 1 where client_id = ?') : null;
  let edits = 0;
  let seed = 1;
  return {
    ctx,
    server,
    cookie,
    base,
    hook,
    raw,
    /** A change to one scenario (its title, back and forth), made by another server: its register's key moves. */
    change: () => {
      edits += 1;
      writer.transaction(() => {
        rename.run(`${first.title}${edits % 2 ? ' (renamed)' : ''}`, id, first.id);
        bump?.run(id);
      })();
    },
    /** An advisor's edit of one scenario's inputs through the API, and the recompute it queues: one result new, the portfolio's mean (every share) moved. */
    editAndRecompute: async () => {
      edits += 1;
      const inputs = { lossEventFrequency: { type: 'constant', value: edits % 2 ? 0.5 : 0.75 }, primaryLoss: { type: 'lognormal', low: 10_000, high: 400_000 } };
      const res = await server.inject({ method: 'PATCH', url: `${base}/${first.id}`, headers, payload: { inputs } });
      if (res.statusCode !== 200) throw new Error(`PATCH scenario: ${res.statusCode} ${res.body.slice(0, 200)}`);
      while ((await ctx.jobs.runDue()) > 0);
    },
    /** A recompute with a new seed: every stored result and every scenario's hash is new. */
    recompute: async () => {
      seed += 1;
      const res = await server.inject({ method: 'PUT', url: `${base}/settings`, headers, payload: { seed } });
      if (res.statusCode !== 200) throw new Error(`PUT settings: ${res.statusCode} ${res.body.slice(0, 200)}`);
      while ((await ctx.jobs.runDue()) > 0);
    },
    close: async () => {
      raw.close();
      writer.close();
      await server.close();
      await closeAppContext(ctx);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The nextCursor at the end of an answer, without parsing the rest (what the server sends is timed, not the client's parse). */
function nextCursorOf(tail) {
  const m = /"nextCursor":(null|"([^"]*)")/.exec(tail.slice(-600));
  return m?.[2] ?? null;
}

/**
 * One request, its answer taken as the server sends it: a stream of bytes, counted, of which only
 * the end is decoded (for the cursor). With `text`, as light-my-request gives it by default: the
 * chunks joined and the whole answer decoded into a string, a client's work that costs about as
 * much as the server's for a 500 KB page (the method before 2026-12-06, still measured beside).
 */
async function request(env, url, headers, text = false) {
  const res = await env.server.inject({ method: 'GET', url, headers, payloadAsStream: !text });
  if (text) return { statusCode: res.statusCode, etag: res.headers.etag, bytes: res.rawPayload.length, tail: res.body.slice(-600) };
  let bytes = 0;
  const chunks = [];
  for await (const chunk of res.stream()) {
    bytes += chunk.length;
    chunks.push(chunk);
  }
  let end = chunks.length;
  let kept = 0;
  while (end > 0 && kept < 600) kept += chunks[--end].length;
  const tail = Buffer.concat(chunks.slice(end)).subarray(-600).toString('utf8');
  return { statusCode: res.statusCode, etag: res.headers.etag, bytes, tail };
}

/** One read: the URLs of its requests in turn (a later one after the cursor the one before gave). */
async function read(env, urls, etags = null, text = false) {
  let cursor = null;
  let bytes = 0;
  let status = 0;
  const tags = [];
  for (let i = 0; i < urls.length; i++) {
    const url = `${urls[i]}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const headers = { cookie: env.cookie, ...(etags ? { 'if-none-match': etags[i] } : {}) };
    const res = await request(env, url, headers, text);
    if (res.statusCode !== 200 && res.statusCode !== 304) throw new Error(`${url}: ${res.statusCode} ${res.tail.slice(0, 200)}`);
    status = res.statusCode;
    bytes += res.bytes;
    tags.push(res.etag);
    cursor = res.statusCode === 200 ? nextCursorOf(res.tail) : null;
    if (etags && res.statusCode === 304) cursor = etags.cursors?.[i] ?? null;
  }
  return { bytes, status, tags };
}

/**
 * Rounds for each kind of recompute: two thirds of the rounds. A read after a recompute varies
 * more from round to round than the others (so do its replays), and each of its rounds costs a
 * recompute of the whole register.
 */
const recomputeRounds = (rounds) => Math.max(3, Math.round((2 * rounds) / 3));

/** Median time of `fn` over the rounds, each timed on its own. */
async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function measure(env, label, urls, rounds, text = false) {
  // The statements of a read that builds the register again, to replay.
  env.change();
  env.hook.capture = [];
  const built = await read(env, urls, null, text);
  const statements = env.hook.capture;
  env.hook.capture = null;
  const prepared = statements.map((s) => ({ stmt: env.raw.prepare(s.sql), parameters: s.parameters }));
  const replay = () => {
    for (const p of prepared) p.stmt.reader ? p.stmt.all(...p.parameters) : p.stmt.run(...p.parameters);
  };
  const revalidate = async () => {
    // The ETags of the kept answers, and the cursors between pages, for the 304 reads.
    const cursors = [];
    const tags = [];
    let cursor = null;
    for (const u of urls) {
      const res = await request(env, `${u}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie: env.cookie });
      tags.push(res.etag);
      cursor = nextCursorOf(res.tail);
      cursors.push(cursor);
    }
    return Object.assign(tags, { cursors });
  };
  for (let i = 0; i < 3; i++) {
    replay();
    await read(env, urls, null, text);
  }
  // The raw queries are replayed in every round, right after the read: each kind of read is held
  // to the replays of its own rounds (the machine's speed drifts over a run).
  const t = { changed: [], edited: [], recomputed: [], kept: [], revalidated: [], raw: [], rawEdited: [], rawRecomputed: [] };
  for (let r = 0; r < rounds; r++) {
    env.change();
    t.changed.push(await timed(() => read(env, urls, null, text)));
    t.raw.push(await timed(async () => replay()));
    t.kept.push(await timed(() => read(env, urls, null, text)));
    const tags = await revalidate();
    t.revalidated.push(await timed(async () => {
      const res = await read(env, urls, tags, text);
      if (res.status !== 304) throw new Error(`${label}: expected 304, got ${res.status}`);
    }));
  }
  for (let r = 0; r < recomputeRounds(rounds); r++) {
    await env.editAndRecompute();
    t.edited.push(await timed(() => read(env, urls, null, text)));
    t.rawEdited.push(await timed(async () => replay()));
  }
  for (let r = 0; r < recomputeRounds(rounds); r++) {
    await env.recompute();
    t.recomputed.push(await timed(() => read(env, urls, null, text)));
    t.rawRecomputed.push(await timed(async () => replay()));
  }
  const row = (how, xs, raws) => {
    const api = median(xs);
    const raw = median(raws);
    const perRound = median(xs.map((x, i) => x / raws[i]));
    return [label, how, String(statements.length), api.toFixed(2), raw.toFixed(2), `${(api / raw).toFixed(2)}×`, `${perRound.toFixed(2)}×`, (built.bytes / 1024).toFixed(0)];
  };
  return [
    row('unchanged (kept)', t.kept, t.raw),
    row('unchanged, If-None-Match (304)', t.revalidated, t.raw),
    row('after a change to one scenario', t.changed, t.raw),
    row('after an edit and its recompute', t.edited, t.rawEdited),
    row('after a new seed, recomputed', t.recomputed, t.rawRecomputed),
  ];
}

async function measureBaseline(root, scenarios, rounds) {
  const env = await setUp(root, scenarios);
  try {
    const url = env.base;
    env.hook.capture = [];
    const res = await request(env, url, { cookie: env.cookie });
    const statements = env.hook.capture;
    env.hook.capture = null;
    const prepared = statements.map((s) => ({ stmt: env.raw.prepare(s.sql), parameters: s.parameters }));
    const replay = () => {
      for (const p of prepared) p.stmt.reader ? p.stmt.all(...p.parameters) : p.stmt.run(...p.parameters);
    };
    for (let i = 0; i < 3; i++) {
      replay();
      await request(env, url, { cookie: env.cookie });
    }
    const api = [];
    const rawMs = [];
    for (let r = 0; r < rounds; r++) {
      api.push(await timed(() => request(env, url, { cookie: env.cookie })));
      rawMs.push(await timed(async () => replay()));
    }
    const a = median(api);
    const r = median(rawMs);
    return ['baseline: whole register, one answer', 'every read', String(statements.length), a.toFixed(2), r.toFixed(2), `${(a / r).toFixed(2)}×`, `${median(api.map((x, i) => x / rawMs[i])).toFixed(2)}×`, (res.bytes / 1024).toFixed(0)];
  } finally {
    await env.close();
  }
}

export async function run({ rounds = 30, scenarios = 1_000, baseline } = {}) {
  console.log(machine());
  console.log(`SQLite; a client with ${scenarios.toLocaleString('en-US')} scenarios (recomputed); medians of ${rounds} rounds (${recomputeRounds(rounds)} for each kind of recompute), each read followed by its raw queries: "raw ms" is the median of the replays in its row's rounds, "per round" the median of the rounds' own ratios\n`);
  const rows = [['read', 'how', 'statements', 'API ms', 'raw ms', 'API / raw', 'per round', 'KB']];
  const env = await setUp(repoRoot, scenarios);
  try {
    const b = env.base;
    rows.push(...(await measure(env, 'first page (100, ref order)', [`${b}?limit=100`], rounds)));
    rows.push(...(await measure(env, 'first page (100, by mean, desc)', [`${b}?limit=100&sort=mean&order=desc&status=open,treating,accepted`], rounds)));
    rows.push(...(await measure(env, 'whole register (2 pages of 500)', [`${b}?limit=500`, `${b}?limit=500`], rounds)));
    rows.push(...(await measure(env, 'whole register, answers decoded as text', [`${b}?limit=500`, `${b}?limit=500`], rounds, true)));
  } finally {
    await env.close();
  }
  printTable(rows);
  if (baseline) {
    console.log(`\nThe same client on ${baseline}:\n`);
    try {
      printTable([rows[0], await measureBaseline(baseline, scenarios, rounds)]);
    } catch (err) {
      console.log(`(the baseline could not be measured: ${err instanceof Error ? err.message : String(err)})`);
    }
  }
}
