import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { anonymous, freshStorage, login, startTestApp, testDb, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { startServerProcess, waitForStatus } from '../support/server-process.js';

/** Health probes, unknown paths, and the Prometheus metrics. */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ config: { metrics: true, metricsToken: 'a-scraper-token-0123456789' } });
  await seedDemoWorld(t.ctx, t.server);
});
afterAll(async () => {
  await t.close();
});

interface Health {
  status: string;
  reason?: string;
  database: string;
}

describe('health probes', () => {
  it('live and ready answer 200 for a started server', async () => {
    const live = await anonymous(t.server).get<{ status: string; phase: string }>('/api/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'live', phase: 'ready' });
    const ready = await anonymous(t.server).get<Health>('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', database: testDb() });
  });

  it('carry the security headers, as every answer does, an unknown path and an error too', async () => {
    for (const url of ['/api/health/live', '/api/no-such-route', '/api/clients']) {
      const res = await anonymous(t.server).get(url);
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      // Without a proxy in front (no TLS at this server), no HSTS.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('ready answers 503 while stopping, and live still 200', async () => {
    const other = await startTestApp();
    try {
      other.ctx.lifecycle.phase = 'stopping';
      const ready = await anonymous(other.server).get<Health>('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'stopping', reason: 'the server is shutting down' });
      expect((await anonymous(other.server).get('/api/health/live')).status).toBe(200);
    } finally {
      other.ctx.lifecycle.phase = 'ready';
      await other.close();
    }
  });

  it.runIf(testDb() === 'postgres')('ready answers 503 when the database does not answer', async () => {
    const other = await startTestApp();
    // The database goes away under the running server (its connections are ended).
    const url = new URL(other.storage.config.databaseUrl!);
    const admin = new pg.Client({ connectionString: url.toString().replace(url.pathname, '/postgres') });
    await admin.connect();
    await admin.query(`drop database ${url.pathname.slice(1)} with (force)`);
    await admin.end();
    try {
      const ready = await anonymous(other.server).get<Health>('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe('database-unavailable');
      expect(ready.body.reason).toMatch(/^the database does not answer: /);
      expect((await anonymous(other.server).get('/api/health/live')).status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  it.runIf(testDb() === 'postgres')('a starting server is not ready while it migrates, and refuses other requests until it is', async () => {
    const storage = await freshStorage();
    // Hold the lock Kysely's migrator takes on PostgreSQL, so the server waits in "migrating".
    const blocker = new pg.Client({ connectionString: storage.config.databaseUrl });
    await blocker.connect();
    await blocker.query(`select pg_advisory_lock(3853314791062309107)`);
    const server = await startServerProcess(storage, { TRIAD_JOBS: 'off' });
    try {
      const ready = await fetch(`${server.base}/api/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as Health).status).toBe('migrating');
      expect((await fetch(`${server.base}/api/health/live`)).status).toBe(200);
      const other = await fetch(`${server.base}/api/auth/sso`);
      expect(other.status).toBe(503);
      expect(((await other.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'UNAVAILABLE', message: 'Triad is migrating its database; try again in a moment.' });
      await blocker.query(`select pg_advisory_unlock(3853314791062309107)`);
      expect(await waitForStatus(`${server.base}/api/health/ready`, (s) => s === 200)).toBe(200);
      expect((await fetch(`${server.base}/api/auth/sso`)).status).toBe(200);
    } finally {
      await blocker.end();
      server.child.kill('SIGTERM');
      await server.exited;
      await storage.drop();
    }
  });
});

describe('unknown paths', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Triad</title><div id="root"></div>');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answer 404 with the error body outside the web app\'s routes, and the app inside them', async () => {
    const web = await buildServer(t.ctx, { webDir: dir });
    try {
      for (const url of ['/healthz', '/metricz', '/api/nothing-here', '/api', '/wp-login.php', '/.env', '/favicon.ico']) {
        const res = await web.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type'], url).toMatch(/application\/json/);
        expect(res.body, url).not.toContain('<div id="root">');
        expect((JSON.parse(res.body) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      }
      for (const url of ['/', '/login', '/login?next=%2Faccount', '/account', '/admin/users', '/admin/security', '/clients/abc/risks/register']) {
        const res = await web.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain('<div id="root">');
      }
      expect((await web.inject({ method: 'POST', url: '/clients' })).statusCode).toBe(404);
    } finally {
      await web.close();
    }
  });
});

describe('Prometheus metrics', () => {
  it('want the scraper\'s token, then count requests by route pattern with latencies, jobs, simulations and connections', async () => {
    const sam = await login(t.server, DEMO.advisor, DEMO_PASSWORD);
    const clients = await sam.get<{ clients: { id: string }[] }>('/api/clients');
    for (const c of clients.body.clients) await sam.get(`/api/clients/${c.id}`);
    expect((await t.server.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await t.server.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789xx' } })).statusCode).toBe(401);
    const res = await t.server.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer a-scraper-token-0123456789' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    // One series for every client's page: the pattern, not the URL.
    expect(text).toMatch(new RegExp(`triad_http_requests_total\\{method="GET",route="/api/clients/:clientId",status="200"\\} ${clients.body.clients.length}\\b`));
    expect(text).not.toContain(clients.body.clients[0]!.id);
    expect(text).toMatch(/triad_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/clients"\} \d+/);
    expect(text).toMatch(/triad_http_requests_total\{method="POST",route="\/api\/auth\/login",status="200"\} \d+/);
    // The demo's recomputes ran in the seed: their simulations were timed; the queue is measured.
    expect(text).toMatch(/triad_simulation_duration_seconds_count\{mode="(threads|in-process)"\} [1-9]\d*/);
    expect(text).toMatch(/# TYPE triad_jobs gauge/);
    expect(text).toMatch(/triad_db_connections\{state="total"\} [1-9]\d*/);
    expect(text).toMatch(/triad_db_connections\{state="waiting"\} \d+/);
    expect(text).toMatch(/triad_process_cpu_user_seconds_total/);
  });

  it('are not served unless turned on', async () => {
    const plain = await startTestApp();
    try {
      expect((await plain.server.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
