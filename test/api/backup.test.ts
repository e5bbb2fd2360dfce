import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, testDb, type Caller, type TestApp, type TestStorage } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';
import { listBackups, runScheduledBackup } from '../../src/server/backup/schedule.js';
import { inspectBackup } from '../../src/server/backup/inspect.js';
import { migrations } from '../../src/server/db/migrations/index.js';

/** The schema a fresh database is at: the last migration's name. */
const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1)!;

/**
 * `triad backup` and `triad restore` (the built CLI, as processes) against a database a server
 * is writing to; scheduled backups with retention. PostgreSQL is backed up with pg_dump, and the
 * commands say so.
 */
const sqlite = testDb() === 'sqlite';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-backup-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Report {
  ok: boolean;
  clients: number;
  firms: string[];
  chains: { name: string; ok: boolean; entries: number }[];
  tables: Record<string, number>;
}

describe.runIf(sqlite)('triad backup while the server writes', () => {
  let storage: TestStorage;
  let t: TestApp;
  let advisor: Caller;
  let clientId: string;
  const committed: { name: string; at: number }[] = [];
  let backupStartedAt = 0;
  const file = () => path.join(dir, 'online.db');

  beforeAll(async () => {
    storage = await freshStorage('sqlite');
    t = await startTestApp({ storage });
    const demo = await seedDemoWorld(t.ctx, t.server);
    advisor = await demo.as(DEMO.advisor);
    clientId = demo.clients.manufacturer;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('copies everything committed before it started, while writes go on, and the copy verifies', async () => {
    let writing = true;
    let n = 0;
    // Four writers add systems as fast as the server takes them, before, during and after the backup.
    const writer = async (): Promise<void> => {
      while (writing) {
        const name = `Load ${n++}`;
        const res = await advisor.post(`/api/clients/${clientId}/estate/systems`, { name });
        if (res.status !== 201) throw new Error(`write failed: ${res.status} ${JSON.stringify(res.body)}`);
        committed.push({ name, at: Date.now() });
        await new Promise((r) => setImmediate(r));
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (committed.length < 200) await new Promise((r) => setTimeout(r, 10));
    const committedAtStart = committed.length;
    backupStartedAt = Date.now();
    const run = runCli(['backup', '--out', file(), '--format', 'json'], { env: cliEnv(storage) });
    const result = await run;
    const afterBackup = committed.length;
    // Keep writing a little after it, too: the copy must not change afterwards.
    await new Promise((r) => setTimeout(r, 100));
    writing = false;
    await Promise.all(writers);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.chains.every((c) => c.ok)).toBe(true);
    expect(report.clients).toBe(3);

    const copy = new BetterSqlite3(file(), { readonly: true });
    const names = new Set((copy.prepare('select name from estate_systems where client_id = ? and name like ?').all(clientId, 'Load %') as { name: string }[]).map((r) => r.name));
    copy.close();
    const before = committed.slice(0, committedAtStart);
    expect(before.length).toBeGreaterThanOrEqual(200);
    expect(before.every((c) => c.at <= backupStartedAt)).toBe(true);
    expect(before.filter((c) => !names.has(c.name))).toEqual([]);
    // Nothing that was not committed, and nothing from after the backup ended.
    const all = new Set(committed.map((c) => c.name));
    expect([...names].filter((x) => !all.has(x))).toEqual([]);
    expect(names.size).toBeLessThanOrEqual(afterBackup);
    expect(committed.length).toBeGreaterThan(names.size);
  }, 120_000);

  it('says what it holds in words, and refuses to overwrite a file without --force', async () => {
    const again = await runCli(['backup', '--out', file()], { env: cliEnv(storage) });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists; choose another file or pass --force/);
    const forced = await runCli(['backup', '--out', file(), '--force'], { env: cliEnv(storage) });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Backup of .*triad\.db written to .*online\.db \(\d/);
    expect(forced.stdout).toMatch(/Verified: the copy opens, its integrity check passes, and all \d+ audit chains verify\./);
    expect(forced.stdout).toMatch(new RegExp(String.raw`It holds 1 firm \(Northbridge Advisory\), \d+ users, 3 clients and [\d,]+ audit entries; schema at ${LATEST_MIGRATION}\.`));
  });

  it('restores into an empty place; the restored database serves the same data and its chains verify', async () => {
    const target = await freshStorage('sqlite');
    try {
      const restored = await runCli(['restore', file()], { env: cliEnv(target) });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.stdout).toMatch(/^Restored .*online\.db into .*triad\.db\./);
      const copyReport = await inspectBackup(file());
      const copy = new BetterSqlite3(file(), { readonly: true });
      const inCopy = (copy.prepare('select count(*) as n from estate_systems where client_id = ?').get(clientId) as { n: number }).n;
      copy.close();
      const back = await startTestApp({ storage: target });
      try {
        const { login } = await import('../support/app.js');
        const { DEMO_PASSWORD } = await import('../../src/server/demo.js');
        const sam = await login(back.server, DEMO.advisor, DEMO_PASSWORD);
        const systems = await sam.get<{ total: number }>(`/api/clients/${clientId}/estate/systems?limit=1&total=true`);
        expect(systems.body.total).toBe(inCopy);
        // The same systems, by name, as the copy holds.
        const served = await sam.get<{ systems: { name: string }[] }>(`/api/clients/${clientId}/estate/systems?limit=${Math.min(inCopy, 500)}`);
        expect(served.status).toBe(200);
        const reopened = new BetterSqlite3(file(), { readonly: true });
        const copyNames = new Set((reopened.prepare('select name from estate_systems where client_id = ?').all(clientId) as { name: string }[]).map((r) => r.name));
        reopened.close();
        expect(served.body.systems.filter((x) => !copyNames.has(x.name))).toEqual([]);
        const verify = await sam.get<{ ok: boolean; entries: number }>(`/api/clients/${clientId}/audit/verify`);
        expect(verify.body.ok).toBe(true);
        expect(verify.body.entries).toBe(copyReport.chains.find((ch) => ch.name === 'Kestrel Precision Manufacturing')?.entries);
      } finally {
        await back.stop();
      }
      const cliVerify = await runCli(['audit', 'verify'], { env: cliEnv(target) });
      expect(cliVerify.code).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('refuses to replace a live database without --force, and any database a running server uses', async () => {
    expect((await advisor.post(`/api/clients/${clientId}/estate/systems`, { name: 'Made after the backup' })).status).toBe(201);
    const refused = await runCli(['restore', file()], { env: cliEnv(storage) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is a live database \(1 firm\(s\), \d+ user\(s\), 3 client\(s\), \d+ audit entries\); restoring would replace it\. Run again with --force/);

    const dbFile = path.join(storage.config.dataDir!, 'triad.db');
    fs.writeFileSync(`${dbFile}.pid`, String(process.pid));
    const running = await runCli(['restore', file(), '--force'], { env: cliEnv(storage) });
    expect(running.code).toBe(1);
    expect(running.stderr).toMatch(new RegExp(`a Triad server \\(process ${process.pid}\\) is using .*triad\\.db; stop it first`));
    fs.rmSync(`${dbFile}.pid`);

    await t.stop();
    const forced = await runCli(['restore', file(), '--force'], { env: cliEnv(storage) });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/The database it replaced is kept at .*triad\.db\.before-restore-\d{8}T\d{6}Z/);
    const kept = fs.readdirSync(storage.config.dataDir!).filter((f) => f.startsWith('triad.db.before-restore-'));
    expect(kept).toHaveLength(1);
    // The one it replaced had the writes made after the backup; the restored one has the backup's.
    const restored = await inspectBackup(dbFile);
    const previous = await inspectBackup(path.join(storage.config.dataDir!, kept[0]!));
    expect(restored.tables.estate_systems).toBe((await inspectBackup(file())).tables.estate_systems);
    expect(previous.tables.estate_systems).toBeGreaterThan(restored.tables.estate_systems!);
    expect(previous.ok && restored.ok).toBe(true);
    t = await startTestApp({ storage });
  });

  it('refuses a file that is not a sound backup, changing nothing', async () => {
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not a database');
    const res = await runCli(['restore', junk, '--force'], { env: cliEnv(storage) });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/is not a SQLite database Triad can open/);
  });
});

describe.runIf(sqlite)('scheduled backups', () => {
  it('take a verified copy when the newest is older than the interval and keep the newest few', async () => {
    const backups = path.join(dir, 'scheduled');
    const t = await startTestApp({ config: { backupDir: backups, backupKeep: 2, backupEveryHours: 24 } });
    try {
      await seedDemoWorld(t.ctx, t.server);
      await t.ctx.jobs.runDue();
      expect(listBackups(backups)).toHaveLength(1);
      await t.ctx.jobs.runDue();
      expect(listBackups(backups)).toHaveLength(1);
      for (let day = 1; day <= 3; day++) {
        t.clock.advance(24 * 3_600_000 + 60_000);
        const admin = await (await import('../support/app.js')).login(t.server, DEMO.admin, (await import('../../src/server/demo.js')).DEMO_PASSWORD);
        await admin.post('/api/clients', { name: `Client of day ${day}` });
        expect(await runScheduledBackup(t.ctx)).toMatch(/triad-\d{8}T\d{6}Z\.db$/);
      }
      const kept = listBackups(backups);
      expect(kept).toHaveLength(2);
      expect(kept[0]!.at - kept[1]!.at).toBeGreaterThanOrEqual(24 * 3_600_000);
      const newest = await inspectBackup(path.join(backups, kept[0]!.name));
      expect(newest.ok).toBe(true);
      expect(newest.clients).toBe(6);
    } finally {
      await t.close();
    }
  }, 120_000);
});

const PG_BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find((d) => fs.existsSync(path.join(d, 'pg_dump')));

describe.runIf(!sqlite)('with PostgreSQL', () => {
  it('the README\'s pg_dump and pg_restore commands give a database that serves the same data and verifies', async () => {
    const { spawnSync } = await import('node:child_process');
    const source = await freshStorage('postgres');
    const target = await freshStorage('postgres');
    try {
      const t = await startTestApp({ storage: source });
      const demo = await seedDemoWorld(t.ctx, t.server);
      const clients = await t.ctx.database.db.selectFrom('clients').select(['id', 'name']).orderBy('name').execute();
      await t.stop();
      const dump = path.join(dir, 'triad.dump');
      const dumped = spawnSync(path.join(PG_BIN!, 'pg_dump'), ['--format=custom', '--file', dump, source.config.databaseUrl!], { encoding: 'utf8' });
      expect(dumped.stderr).toBe('');
      const restored = spawnSync(path.join(PG_BIN!, 'pg_restore'), ['--no-owner', '--no-privileges', '--dbname', target.config.databaseUrl!, dump], { encoding: 'utf8' });
      expect(restored.stderr).toBe('');
      const verify = await runCli(['audit', 'verify', '--format', 'json'], { env: cliEnv(target) });
      expect(verify.code).toBe(0);
      const chains = JSON.parse(verify.stdout) as { name: string; ok: boolean; entries: number }[];
      // The firm's chain and one per client, each whole; the checkpoint chain beside them verifies too.
      const records = chains.filter((c) => c.name !== '(checkpoints)');
      expect(records).toHaveLength(4);
      expect(records.every((c) => c.ok && c.entries > 0)).toBe(true);
      expect(chains.every((c) => c.ok)).toBe(true);
      const back = await startTestApp({ storage: target });
      try {
        expect(await back.ctx.database.db.selectFrom('clients').select(['id', 'name']).orderBy('name').execute()).toEqual(clients);
        const { login } = await import('../support/app.js');
        const { DEMO_PASSWORD } = await import('../../src/server/demo.js');
        const sam = await login(back.server, DEMO.advisor, DEMO_PASSWORD);
        expect((await sam.get(`/api/clients/${demo.clients.manufacturer}/risks`)).status).toBe(200);
      } finally {
        await back.stop();
      }
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 120_000);

  it('triad backup and restore say to use pg_dump and pg_restore instead of pretending', async () => {
    const storage = await freshStorage('postgres');
    try {
      const backup = await runCli(['backup', '--out', path.join(dir, 'pg.db')], { env: cliEnv(storage) });
      expect(backup.code).toBe(2);
      expect(backup.stderr).toMatch(/this installation uses PostgreSQL/);
      expect(backup.stderr).toMatch(/pg_dump --format=custom --file/);
      expect(backup.stderr).toMatch(/pg_restore --no-owner --no-privileges --dbname/);
      expect(fs.existsSync(path.join(dir, 'pg.db'))).toBe(false);
      const restore = await runCli(['restore', path.join(dir, 'pg.db')], { env: cliEnv(storage) });
      expect(restore.code).toBe(2);
      expect(restore.stderr).toMatch(/pg_restore/);
    } finally {
      await storage.drop();
    }
  });
});
