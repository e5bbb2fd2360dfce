import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL server; each test file makes its own database in it. */
    pgAdminUrl: string;
  }
}

const PG_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) => fs.existsSync(path.join(d, 'postgres')));

/** The uid and gid of the postgres account (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root needs the postgres user to start PostgreSQL (install postgresql-15)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL 15 server for the API suite, unless TRIAD_TEST_PG_URL points
 * at one already. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TRIAD_TEST_PG_URL;
  if (given) {
    project.provide('pgAdminUrl', given);
    return () => Promise.resolve();
  }
  if (!PG_BIN) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install postgresql-15 or set TRIAD_TEST_PG_URL');
  // As root, run the server as the postgres user directly (spawn's uid/gid), so that signals
  // reach it and it stops when the tests end.
  const owner = process.getuid?.() === 0 ? postgresUser() : null;
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-pg-'));
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  if (owner) spawnSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);
  const init = spawnSync(path.join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'triad', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'], { encoding: 'utf8', ...as });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(PG_BIN, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    { stdio: 'pipe', ...as },
  );
  let log = '';
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `postgres://triad@127.0.0.1:${port}/postgres`;
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited: ${log}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok && log.includes('ready to accept connections')) break;
    if (Date.now() - started > 30_000) throw new Error(`PostgreSQL did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  project.provide('pgAdminUrl', url);
  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT'); // fast shutdown: ends sessions, then the server
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
