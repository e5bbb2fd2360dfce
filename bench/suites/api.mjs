// API latency while a client's risk register recomputes in the background. The built server
// (`triad serve --demo`, SQLite, default simulation threads) gets a client with 1,000 scenarios;
// requests go out at a fixed rate (open loop: each on its own timer, whether or not the previous
// one has answered), first with the server idle, then while the register recomputes, several
// times; each time with a new seed, so that every scenario's stored result is rewritten. Options: --rounds N (recomputes measured, default 3), --years N (simulated years,
// default 20,000, the server's default), --scenarios N (default 1,000), --rate N (requests a
// second, default 40).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuReport, cpuSnapshot, DEMO_ADMIN, DEMO_PASSWORD, machine, median, printTable, sleep, startDemoServer } from '../lib.mjs';

export const description = 'API latency while a client with 1,000 risk scenarios recomputes in the background';

/** A small deterministic generator, so every run simulates the same register. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A model file with `n` scenarios shaped like the templates': frequencies, lognormal losses, some treated. */
export function syntheticModel(n) {
  const rnd = lcg(20261126);
  const risks = [];
  for (let i = 1; i <= n; i++) {
    const low = Math.round(2_000 + rnd() * 200_000);
    const risk = { id: `R${i}`, name: `Benchmark scenario ${i}` };
    if (i % 2) {
      const mode = 0.2 + rnd() * 4;
      risk.threatEventFrequency = { type: 'pert', min: mode / 4, mode, max: mode * 3 };
      const v = 0.02 + rnd() * 0.2;
      risk.vulnerability = { type: 'pert', min: v / 2, mode: v, max: Math.min(1, v * 2) };
    } else {
      const mode = 0.01 + rnd() * 0.5;
      risk.lossEventFrequency = { type: 'pert', min: mode / 3, mode, max: mode * 3 };
    }
    risk.primaryLoss = { type: 'lognormal', low, high: low * (5 + rnd() * 40) };
    if (i % 3 === 0) {
      risk.secondaryLossEventFrequency = { type: 'uniform', min: 0.1, max: 0.5 };
      risk.secondaryLoss = { type: 'lognormal', low: low / 2, high: low * 20 };
    }
    if (i % 4 === 0) risk.treatments = [{ id: `C${i}`, name: 'Benchmark control', annualCost: 1_000 + Math.round(rnd() * 20_000), effect: { primaryLoss: { type: 'uniform', min: 0.3, max: 0.7 } } }];
    risks.push(risk);
  }
  return { risks };
}

class Session {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }
  async login() {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO_ADMIN, password: DEMO_PASSWORD }) });
    if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    this.csrf = (await res.json()).csrfToken;
  }
  async call(method, path, body) {
    const headers = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
}

/** Fires requests at a fixed rate until `until()` says stop; returns each one's latency in ms. */
async function probe(session, paths, rate, until) {
  const latencies = [];
  const pending = [];
  let i = 0;
  const interval = 1000 / rate;
  const start = performance.now();
  while (!until()) {
    const path = paths[i % paths.length];
    const t0 = performance.now();
    pending.push(
      session.call('GET', path).then(
        () => latencies.push(performance.now() - t0),
        (err) => {
          throw err;
        },
      ),
    );
    i += 1;
    const next = start + i * interval;
    await sleep(Math.max(0, next - performance.now()));
  }
  await Promise.all(pending);
  return latencies;
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const row = (label, xs) => [label, String(xs.length), median(xs).toFixed(1), pct(xs, 95).toFixed(1), pct(xs, 99).toFixed(1), Math.max(...xs).toFixed(1)];

export async function run({ rounds = 3, years = 20_000, scenarios = 1_000, rate = 40 } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'triad-bench-api-'));
  const server = await startDemoServer(dataDir, { TRIAD_SIM_YEARS: String(years), TRIAD_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  const { base } = server;
  try {
    const s = new Session(base);
    await s.login();
    // Let the demo clients' first recompute finish.
    while ((await s.call('GET', '/api/portfolio/risk')).clients.some((c) => c.refreshing)) await sleep(200);
    const { clients } = await s.call('GET', '/api/clients');
    const demo = clients.find((c) => c.name.startsWith('Harbor'));
    const bench = await s.call('POST', '/api/clients', { name: 'Benchmark Industries', sector: 'Manufacturing', employees: 2_000, annualRevenue: 500_000_000, currency: 'USD' });
    const benchRisks = `/api/clients/${bench.id}/risks`;
    const paths = ['/api/health', `/api/clients/${demo.id}`, `/api/clients/${demo.id}/risks`, '/api/portfolio/risk', `/api/clients/${demo.id}/audit?limit=20`];

    console.log(`${machine()}`);
    console.log(`${scenarios.toLocaleString('en-US')} scenarios × ${years.toLocaleString('en-US')} simulated years; probe: ${rate} requests a second over ${paths.length} endpoints, open loop\n`);

    let t0 = performance.now();
    await s.call('POST', `${benchRisks}/import`, { model: syntheticModel(scenarios) });
    const importMs = performance.now() - t0;
    // The import queued a recompute: let it run once (warm-up, not counted).
    const jobs = async () => (await s.call('GET', `/api/clients/${bench.id}/jobs?kind=risks.recompute&limit=1`)).jobs[0];
    while ((await jobs())?.status !== 'done') await sleep(100);

    const idle = [];
    const busy = [];
    const durations = [];
    const cpuBefore = cpuSnapshot();
    for (let round = 0; round < rounds; round++) {
      // Idle: the same load for about as long as a recompute takes.
      const idleFor = durations.length ? median(durations) : 3_000;
      const idleEnd = performance.now() + idleFor;
      idle.push(...(await probe(s, paths, rate, () => performance.now() > idleEnd)));
      // Busy: from the request that queues the recompute until the job is done. A new seed changes
      // every scenario's result, so each round rewrites all of them: the worst case.
      await s.call('PUT', `${benchRisks}/settings`, { seed: 1_000 + round });
      let done = false;
      const watcher = (async () => {
        for (;;) {
          const j = await jobs();
          if (j?.status === 'done' || j?.status === 'failed') {
            if (j.status === 'failed') throw new Error(`the recompute failed: ${j.error}`);
            durations.push(new Date(j.finishedAt).getTime() - new Date(j.startedAt).getTime());
            done = true;
            return;
          }
          await sleep(100);
        }
      })();
      busy.push(...(await probe(s, paths, rate, () => done)));
      await watcher;
    }
    const cpu = cpuReport(cpuBefore, cpuSnapshot());
    t0 = performance.now();
    const reg = await s.call('GET', benchRisks);
    const registerMs = performance.now() - t0;

    printTable([['API latency, ms', 'requests', 'p50', 'p95', 'p99', 'max'], row('server idle', idle), row('during the recompute', busy)]);
    console.log(`\nrecompute of ${scenarios.toLocaleString('en-US')} scenarios (job start to finish): median ${(median(durations) / 1000).toFixed(1)} s over ${rounds} rounds (${durations.map((d) => (d / 1000).toFixed(1)).join(', ')} s)`);
    console.log(`import of the ${scenarios.toLocaleString('en-US')}-scenario model file: ${(importMs / 1000).toFixed(1)} s; GET of that register afterwards: ${registerMs.toFixed(0)} ms`);
    console.log(`portfolio mean annual loss ${Math.round(reg.portfolio.current.mean).toLocaleString('en-US')}, stale ${reg.status.stale}`);
    if (cpu) console.log(cpu);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
