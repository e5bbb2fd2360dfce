import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built Triad server of the browser tests listens, e.g. http://127.0.0.1:41234. */
    baseUrl: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUILT = ['dist/src/cli/main.js', 'dist/web/index.html'];
const CHROMIUM = process.env.TRIAD_CHROMIUM ?? '/usr/bin/chromium';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the built Triad (`triad serve --demo`) on a free port with a fresh database, the test
 * hooks on (POST /api/test/clock, POST /api/test/jobs/run), and hands its URL to the browser
 * tests as `inject('baseUrl')`. Every browser test file shares this one server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = BUILT.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length > 0) {
    throw new Error(`The browser tests run against the built app, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: run \`npm run build\` first (\`npm test\` does).`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's \`chromium\` package, or set TRIAD_CHROMIUM to a Chromium binary.`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-browser-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'triad.js'), 'serve', '--demo', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TRIAD_DATA_DIR: dataDir,
      DATABASE_URL: '',
      TRIAD_TEST_HOOKS: 'on',
      TRIAD_LOG_LEVEL: 'warn',
      // Each test signs in afresh; the production limit would stop the suite, not an attacker.
      TRIAD_LOGIN_ATTEMPTS_PER_MINUTE: '10000',
      TRIAD_LOGIN_FAILURES_PER_ACCOUNT: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const started = Date.now();
  while (!(await healthy(baseUrl))) {
    if (child.exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`The Triad server exited with code ${child.exitCode} before it was ready:\n${output}`);
    }
    if (Date.now() - started > 90_000) {
      await stop(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`The Triad server was not ready at ${baseUrl}/api/health/ready within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
