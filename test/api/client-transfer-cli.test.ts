import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, type TestStorage } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';
import { seedDemoWorld } from '../support/demo.js';
import type { ClientExportFile, ImportReport } from '../../src/modules/transfer/schema.js';

/**
 * `triad client export` and `triad client import` (the built CLI, as processes): from the demo
 * firm on SQLite into a new firm on this run's database.
 */
let dir: string;
let from: TestStorage;
let to: TestStorage;
let clientId: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-transfer-'));
  from = await freshStorage('sqlite');
  const t = await startTestApp({ storage: from });
  const demo = await seedDemoWorld(t.ctx, t.server);
  clientId = demo.clients.saas;
  await t.stop();
  to = await freshStorage();
  const made = await runCli(['user', 'add', '--email', 'root@receiving.example', '--firm-admin', '--firm', 'Receiving firm'], { env: cliEnv(to), stdin: 'receiving-firm-2026!\n' });
  expect(made.stderr).toBe('');
}, 240_000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await from.drop();
  await to.drop();
});

describe('triad client export | import', () => {
  const file = (): string => path.join(dir, 'lumen.triad.json');

  it('exports a client to a file and says what it holds', async () => {
    const res = await runCli(['client', 'export', '--client', clientId, '--out', file()], { env: cliEnv(from) });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/^Exported Lumen Analytics: [\d,]+ rows, \d+ audit entries, digest [0-9a-f]{64}, to /);
    const parsed = JSON.parse(fs.readFileSync(file(), 'utf8')) as ClientExportFile;
    expect(parsed.client.id).toBe(clientId);
    expect(parsed.audit.entries.at(-1)!.actor_label).toMatch(/^triad CLI/);
  });

  it('names an unknown client', async () => {
    const res = await runCli(['client', 'export', '--client', 'nope'], { env: cliEnv(from) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no client with id or name "nope"/);
  });

  it('a dry run reports and writes nothing; the import then creates the client', async () => {
    const dry = await runCli(['client', 'import', file(), '--dry-run'], { env: cliEnv(to) });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Checked: would import Lumen Analytics with [\d,]+ rows/);
    expect(dry.stdout).toMatch(/would invite: Olivia Brandt <olivia@lumen.example> \(executive\)/);
    const list = await runCli(['client', 'list', '--format', 'json'], { env: cliEnv(to) });
    expect(JSON.parse(list.stdout)).toEqual([]);

    const res = await runCli(['client', 'import', file(), '--format', 'json'], { env: cliEnv(to) });
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as ImportReport;
    expect(report.client).toEqual({ id: clientId, name: 'Lumen Analytics', keptId: true });
    expect(report.audit.verified).toBe(true);
    const after = JSON.parse((await runCli(['client', 'list', '--format', 'json'], { env: cliEnv(to) })).stdout) as { id: string }[];
    expect(after.map((c) => c.id)).toEqual([clientId]);
    const verify = await runCli(['audit', 'verify'], { env: cliEnv(to) });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('refuses a changed file with the reason, and writes nothing', async () => {
    const changed = path.join(dir, 'changed.triad.json');
    fs.writeFileSync(changed, fs.readFileSync(file(), 'utf8').replace('Lumen Analytics', 'Lumen Analytix'));
    const res = await runCli(['client', 'import', changed], { env: cliEnv(to) });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/changed after it was exported[\s\S]*integrity\.digest/);
    const notJson = path.join(dir, 'broken.json');
    fs.writeFileSync(notJson, '{\n  "format": ');
    const broken = await runCli(['client', 'import', notJson], { env: cliEnv(to) });
    expect(broken.stderr).toMatch(/not valid JSON[\s\S]*line 2/);
    const after = JSON.parse((await runCli(['client', 'list', '--format', 'json'], { env: cliEnv(to) })).stdout) as unknown[];
    expect(after).toHaveLength(1);
  });
});
