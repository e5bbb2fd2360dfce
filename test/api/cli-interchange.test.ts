import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, type TestStorage } from '../support/app.js';
import { cliEnv, outcome, runCli } from '../support/cli.js';

/**
 * The command line's conventions, run as real processes: `--version`, `-` for standard input
 * and output, no crash when the reader of its output stops early (`| head`), NO_COLOR; and the
 * import and export of files from any locale, and of workbooks.
 */
let storage: TestStorage;
let env: NodeJS.ProcessEnv;
let clientId = '';
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs `triad …` with its standard input, keeping standard output as bytes. */
function runBytes(args: string[], stdin: Buffer | string = ''): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/triad.js'), ...args], { cwd: ROOT, env });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  storage = await freshStorage();
  env = cliEnv(storage);
  expect((await runCli(['user', 'add', '--email', 'ada@example.com', '--name', 'Ada', '--firm-admin', '--firm', 'Test Firm'], { env, stdin: 'correct-horse-battery\n' })).code).toBe(0);
  const made = await runCli(['client', 'add', '--name', 'Rhein Werkzeuge', '--currency', 'EUR'], { env });
  clientId = made.stdout.trim();
});
afterAll(async () => {
  await storage.drop();
});

describe('triad on the command line', () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('imports a German Windows-1252 file from standard input (-), saying how it read it', async () => {
    const file = iconv.encode('Asset Tag;Name;Purchase Date;Purchase Cost\r\nDE-1;Empf\u00e4nger PC;10.01.2022;3.342,60 \u20ac\r\nDE-2;Lager;28.02.2021;612,00 \u20ac\r\n', 'windows-1252');
    const dry = await runBytes(['import', 'systems', '-', '--client', clientId, '--dry-run', '--quiet'], file);
    expect(dry.code, dry.stderr).toBe(0);
    const text = dry.stdout.toString();
    expect(text).toMatch(/Read as CSV in windows-1252 \(detected\), separated by ";"; decimal mark "," \(guessed\); dates DMY \(guessed\)/);
    expect(text).toContain('Purchase Date: 10.01.2022 \u2192 10 January 2022');
    expect(text).toContain('Purchase Cost: 3.342,60 \u20ac \u2192 3342.6');
    const real = await runBytes(['import', 'systems', '-', '--client', clientId, '--quiet'], file);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout.toString()).toMatch(/Imported 2 systems/);
  });

  it('counts in the singular when one row is meant: one row checked, noted, imported and shown in the progress lines', async () => {
    const file = 'Name,Purchase Cost\r\nSingle Laptop,1200\r\n';
    const dry = await runBytes(['import', 'systems', '-', '--client', clientId, '--dry-run', '--quiet'], file);
    expect(dry.code, dry.stderr).toBe(0);
    const text = dry.stdout.toString();
    expect(text).toMatch(/^Replacement Cost taken from Purchase Cost on 1 row\.$/m);
    expect(text).toMatch(/^Checked 1 row of /m);
    // Without --quiet: the progress lines on standard error count in the singular too.
    const real = await runBytes(['import', 'systems', '-', '--client', clientId], file);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout.toString()).toMatch(/^Imported 1 system from /m);
    expect(real.stderr).toMatch(/^reading: 1 row checked$/m);
    expect(real.stderr).toMatch(/^writing: 1 of 1 row$/m);
    expect(real.stderr).not.toMatch(/\b1 rows\b/);
    const two = await runBytes(['import', 'systems', '-', '--client', clientId, '--dry-run'], 'Name,Purchase Cost\r\nPair A,10\r\nPair B,20\r\n');
    expect(two.stdout.toString()).toMatch(/^Replacement Cost taken from Purchase Cost on 2 rows\.$/m);
    expect(two.stdout.toString()).toMatch(/^Checked 2 rows of /m);
    expect(two.stderr).toMatch(/^reading: 2 rows checked$/m);
  });

  it('refuses ambiguous dates, offering the formats, and reads them with --date-format', async () => {
    const file = 'Name,Purchase Date\nReception laptop,03/04/2024\n';
    const r = await runBytes(['import', 'systems', '-', '--client', clientId, '--quiet'], file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could be day first or month first; choose the file's date format \(DD\/MM\/YYYY.*or MM\/DD\/YYYY\)/);
    const ok = await runBytes(['import', 'systems', '-', '--client', clientId, '--quiet', '--date-format', 'DMY'], file);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('exports to standard output (--out -) as CSV for Excel, or as a workbook', async () => {
    const csv = await runBytes(['export', 'systems', '--client', clientId, '--out', '-']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.stdout.toString()).toContain('Empf\u00e4nger PC');
    const xlsx = await runBytes(['export', 'systems', '--client', clientId, '--format', 'xlsx']);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.stdout as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('Asset Tag');
  });

  it('stops quietly when the reader of its output closes the pipe (| head -1)', async () => {
    // Enough rows that the export outlives the pipe's buffer.
    let big = 'Asset Tag,Name,Notes\n';
    for (let i = 0; i < 3000; i++) big += `P-${i},Device ${i},${'x'.repeat(60)}\n`;
    expect((await runBytes(['import', 'systems', '-', '--client', clientId, '--quiet'], big)).code).toBe(0);
    const r = await outcome(spawn('bash', ['-c', `set -o pipefail; node bin/triad.js export systems --client ${clientId} | head -1`], { cwd: ROOT, env }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    expect(r.stdout.trim()).toBe('Asset Tag,Name,Type,Scope,Status,Owner,Vendor,Location,Manufacturer,Model,Serial,Category,Purchase Date,Purchase Cost,Warranty End,End of Life,Replacement Cost,Notes');
  });

  // Triad writes no colour today; this guards NO_COLOR for help, usage errors and the rest.
  it('writes no colour codes with NO_COLOR, even when colour is forced', async () => {
    const plain = await runCli(['--help'], { env: { ...env, NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Usage: triad/);
    expect((plain.stdout + plain.stderr).includes('\u001b[')).toBe(false);
    const usage = await runCli(['import', 'nothing', '-', '--client', clientId], { env: { ...env, NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toMatch(/KIND must be one of/);
    expect((usage.stderr + usage.stdout).includes('\u001b[')).toBe(false);
  });
});
