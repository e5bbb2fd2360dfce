import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestStorage } from './app.js';
import { cliEnv } from './cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts the built `triad serve` on a free port against a test storage; resolves once it
 * listens (not necessarily ready: see /api/health/ready). Needs `npm run build`.
 */
export function startServerProcess(storage: TestStorage, env: Record<string, string> = {}, args: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/triad.js'), 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...cliEnv(storage), TRIAD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`triad serve did not listen within 60 s:\n${out}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Listening at http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${m[1]}`, output: () => out, exited });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`triad serve exited with ${code} before it listened:\n${out}`));
    });
  });
}

/** Polls a URL until `ok(status)` holds; returns the last status. */
export async function waitForStatus(url: string, ok: (status: number) => boolean, timeoutMs = 60_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < until) {
    try {
      last = (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
      if (ok(last)) return last;
    } catch {
      last = 0;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} still answered ${last} after ${timeoutMs} ms`);
}
