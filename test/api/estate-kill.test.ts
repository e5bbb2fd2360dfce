import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, type TestStorage } from '../support/app.js';
import { seedDemoWorld } from '../support/demo.js';
import { assetCsvChunks } from '../support/estate.js';
import { verifyChain } from '../../src/modules/audit/chain.js';

/**
 * An import is all or nothing even when its process dies: `triad import` (the built CLI, run as
 * a real process) is killed with SIGKILL in the middle of writing, and the database is as it was.
 * Needs `npm run build`.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'bin/triad.js');
const ROWS = 60_000;

let storage: TestStorage;
let clientId: string;
let dir: string;
let file: string;

interface State {
  systems: number;
  vendors: number;
  imports: number;
  auditSeq: number;
}

async function state(): Promise<State & { chainOk: boolean }> {
  const t = await startTestApp({ storage });
  try {
    const db = t.ctx.database.db;
    const count = async (table: 'estate_systems' | 'estate_vendors' | 'estate_imports') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).executeTakeFirstOrThrow()).n);
    const head = await db.selectFrom('audit_heads').select('seq').where('client_id', '=', clientId).executeTakeFirstOrThrow();
    const chain = await verifyChain(db, clientId);
    return { systems: await count('estate_systems'), vendors: await count('estate_vendors'), imports: await count('estate_imports'), auditSeq: head.seq, chainOk: chain.ok };
  } finally {
    await t.stop();
  }
}

function runImport(killWhenWriting: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; killedAt: number | null; stderr: string }> {
  const env = { ...process.env, TRIAD_LOG_LEVEL: 'silent', TRIAD_DATA_DIR: storage.config.dataDir ?? '', DATABASE_URL: storage.config.databaseUrl ?? '' };
  const child = spawn(process.execPath, [CLI, 'import', 'systems', file, '--client', clientId], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let killedAt: number | null = null;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const m = /writing: ([\d,]+) of ([\d,]+) rows/.exec(stderr.split('\n').filter((l) => l.startsWith('writing')).at(-1) ?? '');
    if (killWhenWriting && killedAt === null && m) {
      const written = Number(m[1]!.replace(/,/g, ''));
      if (written > 0 && written < Number(m[2]!.replace(/,/g, ''))) {
        killedAt = written;
        child.kill('SIGKILL');
      }
    }
  });
  child.stdout.resume();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, killedAt, stderr })));
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/modules/estate/csv/import.js'))) throw new Error('the CLI is not built: run `npm run build` first');
  storage = await freshStorage();
  const t = await startTestApp({ storage });
  const demo = await seedDemoWorld(t.ctx, t.server);
  clientId = demo.clients.manufacturer;
  await t.stop();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-kill-'));
  file = path.join(dir, 'assets.csv');
  fs.writeFileSync(file, '');
  for (const chunk of assetCsvChunks(ROWS, 'K')) fs.appendFileSync(file, chunk);
}, 120_000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await storage.drop();
});

describe('killing an import', () => {
  it('in the middle of writing leaves the database as it was; the same file then imports whole', async () => {
    const before = await state();
    const killed = await runImport(true);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(killed.killedAt).toBeGreaterThan(0);
    expect(killed.killedAt).toBeLessThan(ROWS);
    const after = await state();
    expect(after).toEqual(before);
    expect(after.chainOk).toBe(true);

    const whole = await runImport(false);
    expect(whole.code, whole.stderr).toBe(0);
    const done = await state();
    expect(done.systems).toBe(before.systems + ROWS);
    expect(done.imports).toBe(before.imports + 1);
    expect(done.chainOk).toBe(true);
  }, 240_000);
});
