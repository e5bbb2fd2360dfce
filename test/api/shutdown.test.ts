import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { gracefulStop } from '../../src/server/shutdown.js';
import { freshStorage, startTestApp } from '../support/app.js';
import { startServerProcess, waitForStatus } from '../support/server-process.js';

/**
 * Graceful shutdown: stop accepting, let what is in flight finish within the deadline
 * (TRIAD_SHUTDOWN_SECONDS), then cut what is left — a slow upload does not keep it alive.
 */

/** A sign-in whose body trickles in a byte at a time; it would take minutes to arrive. */
function slowUpload(port: number): { socket: net.Socket; closed: Promise<number> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{');
  const timer = setInterval(() => socket.write(' '), 100);
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve(Date.now());
    }),
  );
  return { socket, closed };
}

/** A sign-in whose body arrives within `ms`; resolves with the status line the server answers. */
function finishingRequest(port: number, ms: number): Promise<string> {
  const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-a-password-at-all' });
  const socket = net.connect(port, '127.0.0.1');
  socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
  const parts = [body.slice(0, 10), body.slice(10, 30), body.slice(30)];
  parts.forEach((p, i) => setTimeout(() => socket.write(p), ((i + 1) * ms) / parts.length));
  let answer = '';
  socket.on('data', (d: Buffer) => (answer += d.toString()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve(answer.split('\r\n')[0] ?? '')));
}

describe('graceful shutdown', () => {
  it('finishes a request in flight, cuts a slow upload at the deadline, and closes', async () => {
    const t = await startTestApp();
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.server.server.address() as AddressInfo).port;
    const slow = slowUpload(port);
    const finishing = finishingRequest(port, 600);
    await new Promise((r) => setTimeout(r, 100));
    const said: string[] = [];
    const started = Date.now();
    const { forced } = await gracefulStop(t.server, t.ctx, { seconds: 2, say: (l) => said.push(l) });
    const took = Date.now() - started;
    expect(forced).toBe(true);
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(6000);
    expect(await finishing).toBe('HTTP/1.1 401 Unauthorized');
    expect((await slow.closed) - started).toBeLessThan(6000);
    expect(said.join('\n')).toMatch(/Still busy after 2 s: closing the remaining connections/);
    expect(t.ctx.lifecycle.phase).toBe('stopping');
    await t.storage.drop();
  });

  it('`triad serve` exits at the deadline after SIGTERM though an upload is still arriving, and at once when idle', async () => {
    const storage = await freshStorage();
    try {
      const busy = await startServerProcess(storage, { TRIAD_SHUTDOWN_SECONDS: '2', TRIAD_JOBS: 'off' });
      await waitForStatus(`${busy.base}/api/health/ready`, (s) => s === 200);
      const slow = slowUpload(Number(new URL(busy.base).port));
      await new Promise((r) => setTimeout(r, 200));
      const sent = Date.now();
      busy.child.kill('SIGTERM');
      const exit = await busy.exited;
      expect(exit.at - sent).toBeGreaterThanOrEqual(1900);
      expect(exit.at - sent).toBeLessThan(8000);
      expect(exit.code).toBe(1);
      expect(busy.output()).toMatch(/SIGTERM: stopping \(finishing requests and jobs for at most 2 s\)/);
      expect(busy.output()).toMatch(/stopped at the deadline/);
      await slow.closed;

      const idle = await startServerProcess(storage, { TRIAD_SHUTDOWN_SECONDS: '20', TRIAD_JOBS: 'off' });
      await waitForStatus(`${idle.base}/api/health/ready`, (s) => s === 200);
      const sentIdle = Date.now();
      idle.child.kill('SIGTERM');
      const idleExit = await idle.exited;
      expect(idleExit.code).toBe(0);
      expect(idleExit.at - sentIdle).toBeLessThan(5000);
      expect(idle.output()).toMatch(/Stopped\./);
    } finally {
      await storage.drop();
    }
  }, 60_000);
});
