import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogger, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import { assetCsv } from '../support/estate.js';

/** An import whose upload is cut off halfway, over a real socket. */

interface LogLine {
  level: number;
  msg: string;
}

let t: TestApp;
let advisor: Caller;
let base: string;
let token: string;
let port: number;
let logged: LogLine[] = [];

beforeAll(async () => {
  const captured = capturedLogger<LogLine>('info');
  logged = captured.lines;
  t = await startTestApp({ logger: captured.logger });
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Marten Tools', sector: 'Manufacturing', employees: 150 });
  base = `/api/clients/${created.body.id}`;
  token = (await advisor.post<{ token: string }>('/api/me/tokens', { name: 'uploads' })).body.token;
  await t.server.listen({ port: 0, host: '127.0.0.1' });
  port = (t.server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await t.close();
});

/** Sends the first half of `body` as a chunked upload, then drops the connection. */
function cutOffUpload(path: string, body: string): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' } });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(body.slice(0, Math.floor(body.length / 2)), () => setTimeout(() => req.destroy(), 200));
  });
}

describe('an upload cut off halfway', () => {
  it('imports nothing, keeps serving, and is logged as the client leaving, not as a server error', async () => {
    const total = async () => (await advisor.get<{ total: number }>(`${base}/estate/systems?limit=1&total=true`)).body.total;
    const before = await total();
    await cutOffUpload(`${base}/estate/import/systems`, assetCsv(5_000));
    const noted = (l: LogLine) => l.msg === 'the client closed the connection before the request body ended';
    for (let i = 0; i < 100 && !logged.some(noted); i++) await new Promise((r) => setTimeout(r, 50));
    expect(logged.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    expect(logged.some(noted)).toBe(true);
    expect(await total()).toBe(before);
    const audit = await advisor.get<{ entries: unknown[] }>(`${base}/audit?action=estate.import`);
    expect(audit.body.entries).toEqual([]);
  });
});
