import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, type TestStorage } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';

/**
 * `triad catalog import|list` as real processes on the database the server uses: NIST CSF 2.0
 * is there with no network, another OSCAL catalogue imports and reports what it stored, and a
 * broken file stores nothing and says why.
 */
let storage: TestStorage;
let env: NodeJS.ProcessEnv;
let dir: string;
const FIXTURE = path.resolve(import.meta.dirname, '../../src/modules/controls/oscal/fixtures/sp800-53-mini.json');

interface Listed {
  title: string;
  version: string;
  versions: string[];
  groups: number;
  controls: number;
  withdrawn: number;
  outcomes: number;
  builtin: string | null;
  byClass: { class: string; active: number; withdrawn: number }[];
}

beforeAll(async () => {
  storage = await freshStorage();
  env = cliEnv(storage);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-catalog-'));
  const r = await runCli(['user', 'add', '--email', 'ada@example.com', '--firm-admin', '--firm', 'Catalogue Test Firm'], { env, stdin: 'a-long-enough-password\n' });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await storage.drop();
});

async function list(): Promise<Listed[]> {
  const r = await runCli(['catalog', 'list', '--format', 'json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Listed[];
}

async function nodeCount(): Promise<number> {
  const t = await startTestApp({ storage });
  try {
    const r = await t.ctx.database.db.selectFrom('ctl_nodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await t.stop();
  }
}

describe('triad catalog', () => {
  it('lists NIST CSF 2.0, loaded from the copy that ships with Triad: 6 functions, 22 categories, 106 subcategories', async () => {
    const [csf, ...others] = await list();
    expect(others).toEqual([]);
    expect(csf).toMatchObject({ title: 'Electronic Version of NIST Cybersecurity Framework 2.0', builtin: 'nist-csf-2.0', version: '1.2.0', groups: 6, controls: 128, withdrawn: 91, outcomes: 106 });
    expect(csf!.byClass.map((c) => `${c.class} ${c.active}/${c.withdrawn}`)).toEqual(['function 6/0', 'category 22/12', 'subcategory 106/79']);
    const table = await runCli(['catalog', 'list'], { env });
    expect(table.stdout).toMatch(/Electronic Version of NIST Cybersecurity Framework 2\.0\s+1\.2\.0\s+6\s+128\s+91\s+106\s+function 6; category 22, subcategory 106/);
  });

  it('imports an SP 800-53 style catalogue and reports the groups and controls it stored', async () => {
    const r = await runCli(['catalog', 'import', FIXTURE], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported "Mini SP 800-53 style catalogue (test fixture)" version 5.1.1 as a new catalogue.');
    expect(r.stdout).toMatch(/groups: {3}3 \(family 2, subfamily 1\)/);
    expect(r.stdout).toMatch(/controls: 4 \(SP800-53 3, SP800-53-enhancement 1\); 1 withdrawn, kept and marked/);
    expect(r.stdout).toMatch(/outcomes to assess: 4/);
    const again = await runCli(['catalog', 'import', FIXTURE, '--format', 'json'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: 'unchanged', version: { version: '5.1.1' } });
    const mini = (await list()).find((c) => c.title.startsWith('Mini SP 800-53'))!;
    expect(mini).toMatchObject({ version: '5.1.1', groups: 3, controls: 4, withdrawn: 1, outcomes: 4 });
  });

  it('adds a version of a catalogue it has, by its uuid, and imports thousands of controls', async () => {
    const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { catalog: { metadata: Record<string, string> } };
    doc.catalog.metadata.version = '5.2.0';
    doc.catalog.metadata['last-modified'] = '2026-12-02T00:00:00Z';
    const file = path.join(dir, 'mini-5.2.0.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(['catalog', 'import', file], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Imported version 5.2.0 of "Mini SP 800-53 style catalogue (test fixture)": the catalogue now has 2 versions.');

    const groups = Array.from({ length: 20 }, (_, g) => ({
      id: `f${g}`,
      class: 'family',
      title: `Family ${g}`,
      controls: Array.from({ length: 25 }, (_, c) => ({
        id: `f${g}-${c}`,
        class: 'control',
        title: `Control ${c}`,
        params: [{ id: `f${g}-${c}_prm`, label: 'frequency' }],
        parts: [{ name: 'statement', prose: `Review {{ insert: param, f${g}-${c}_prm }}.` }],
        controls: Array.from({ length: 2 }, (_, e) => ({ id: `f${g}-${c}.${e}`, class: 'enhancement', title: `Enhancement ${e}`, parts: [{ name: 'statement', prose: 'More.' }] })),
      })),
    }));
    const big = path.join(dir, 'big.yaml');
    const YAML = await import('yaml');
    fs.writeFileSync(big, YAML.stringify({ catalog: { uuid: '3f1c2b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', metadata: { title: 'Big catalogue', version: '1.0', 'oscal-version': '1.1.2' }, groups } }));
    const b = await runCli(['catalog', 'import', big], { env });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/groups: {3}20 \(family 20\)/);
    expect(b.stdout).toMatch(/controls: 1,500 \(control 500, enhancement 1,000\)/);
  });

  it('refuses a broken file, storing nothing and naming the JSON path of each problem', async () => {
    const before = { list: await list(), nodes: await nodeCount() };
    const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { catalog: { uuid: string; groups: { controls?: { title?: string; id: string }[] }[] } };
    doc.catalog.uuid = '7d6e5f4a-3b2c-4d1e-8f9a-0b1c2d3e4f5a';
    delete doc.catalog.groups[0]!.controls![1]!.title;
    doc.catalog.groups[1]!.controls = [{ id: 'ac-1', title: 'Duplicate' }];
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = await runCli(['catalog', 'import', file], { env });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^triad: The file is not a valid OSCAL catalogue: one problem, the first at catalog\.groups\[0\]\.controls\[1\]\.title \(is missing\)\. Nothing was imported\./);
    expect(r.stderr).toContain('  catalog.groups[0].controls[1].title: is missing');
    expect(r.stderr).not.toMatch(/\n\s+at /);

    // Once the shape is right, the duplicate id is named in turn.
    doc.catalog.groups[0]!.controls![1]!.title = 'Account Management';
    fs.writeFileSync(file, JSON.stringify(doc));
    const dup = await runCli(['catalog', 'import', file], { env });
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('catalog.groups[1].controls[0].id: "ac-1" is also the id of catalog.groups[0].controls[0]');

    fs.writeFileSync(file, '{"catalog": {"uuid": "7d6e5f4a-3b2c-4d1e-8f9a-0b1c2d3e4f5a", "metadata": ');
    const cut = await runCli(['catalog', 'import', file], { env });
    expect(cut.code).not.toBe(0);
    expect(cut.stderr).toMatch(/broken\.json is not valid JSON \(line 1, column \d+\)/);
    fs.writeFileSync(file, JSON.stringify({ profile: { uuid: 'x', metadata: { title: 'LOW' }, imports: [] } }));
    const profile = await runCli(['catalog', 'import', file], { env });
    expect(profile.stderr).toMatch(/an OSCAL profile, not a catalogue: resolve it into a catalogue first/);
    const missing = await runCli(['catalog', 'import', path.join(dir, 'nope.json')], { env });
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);

    expect(await list()).toEqual(before.list);
    expect(await nodeCount()).toBe(before.nodes);
  });
});
