import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, type TestStorage } from '../support/app.js';
import { cliEnv } from '../support/cli.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';

/**
 * A risk recompute survives its server being killed: `triad serve` (the built CLI, a real
 * process) is killed with SIGKILL while the job runs; a new server finds the job by its expired
 * lease, runs it again and finishes it, within 30 s of its own (manual, test-hook) clock, and
 * the register stops saying it is refreshing. Needs `npm run build`.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/triad.js');

let storage: TestStorage;
let clientId: string;

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

function serve(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...cliEnv(storage), TRIAD_TEST_HOOKS: 'on', TRIAD_SIM_THREADS: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`triad serve did not start: ${err}`)), 60_000);
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /Triad is running at (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, exited });
      }
    });
    child.on('exit', () => reject(new Error(`triad serve exited: ${err}`)));
  });
}

/** A signed-in advisor speaking HTTP to a server process. */
interface Answer {
  status: number;
  body: { jobs?: JobRow[]; status?: Record<string, unknown> };
}

async function signIn(url: string): Promise<(method: string, p: string, body?: unknown) => Promise<Answer>> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.advisor, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, p, body) => {
    const r = await fetch(`${url}${p}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: (await r.json()) as Answer['body'] };
  };
}

interface JobRow {
  id: string;
  kind: string;
  status: string;
  progress: number;
  error: string | null;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined>, ms = 120_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('the CLI is not built: run `npm run build` first');
  storage = await freshStorage();
  const t = await startTestApp({ storage });
  const demo = await seedDemoWorld(t.ctx, t.server);
  clientId = demo.clients.manufacturer;
  await t.stop();
}, 120_000);
afterAll(async () => {
  await storage.drop();
});

describe('a recompute whose server is killed', () => {
  it('is found by its expired lease after a restart, run again and finished within 30 s of the clock; the register stops refreshing', async () => {
    // A long recompute (a million simulated years), killed once it is under way.
    const first = await serve({ TRIAD_SIM_YEARS: '1000000' });
    let killedJob: JobRow;
    try {
      const api = await signIn(first.url);
      expect((await api('POST', `/api/clients/${clientId}/risks/recompute`, {})).status).toBe(202);
      killedJob = await waitFor('the recompute to be under way', async () => {
        const jobs = (await api('GET', `/api/clients/${clientId}/jobs?kind=risks.recompute`)).body.jobs ?? [];
        return jobs.find((j) => j.status === 'running' && j.progress > 0);
      });
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(await first.exited).toBe('SIGKILL');

    const second = await serve({ TRIAD_SIM_YEARS: '2000' });
    try {
      const api = await signIn(second.url);
      const before = await api('GET', `/api/clients/${clientId}/jobs?kind=risks.recompute`);
      expect((before.body.jobs ?? []).find((j) => j.id === killedJob.id)?.status).toBe('running');

      // 30 seconds on the new server's clock: the dead worker's lease runs out and the job runs again.
      const moved = await api('POST', '/api/test/clock', { advanceDays: 30 / 86_400 });
      expect(moved.status).toBe(200);
      const done = await waitFor('the recompute to finish', async () => {
        const jobs = (await api('GET', `/api/clients/${clientId}/jobs?kind=risks.recompute`)).body.jobs ?? [];
        const job = jobs.find((j) => j.id === killedJob.id);
        return job && (job.status === 'done' || job.status === 'failed') ? job : null;
      });
      expect(done).toMatchObject({ status: 'done', progress: 1, error: null });
      // Other recomputes may follow (the new server simulates fewer years); each is really run.
      const register = await waitFor('the register to be up to date', async () => {
        const r = await api('GET', `/api/clients/${clientId}/risks`);
        return r.body.status?.refreshing === false ? r : null;
      });
      expect(register.body.status).toMatchObject({ refreshing: false, jobStatus: null, lastError: null, stale: false });
      expect(register.body.status?.years).toBe(2000);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 300_000);
});
