import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, type TestStorage } from '../support/app.js';
import { seedDemoWorld } from '../support/demo.js';
import { cliEnv, runCli } from '../support/cli.js';
import { ClientScope } from '../../src/server/context.js';
import { clientInfo } from '../../src/modules/clients/clients.js';
import { systemActor } from '../../src/server/firm.js';
import { getRiskBoardSummary } from '../../src/modules/risks/api.js';
import { formatMoney } from '../../src/shared/money.js';
import { quarterContaining } from '../../src/modules/reports/quarter.js';

/**
 * `triad report board|ransomware` as real processes on the database the server uses (built CLI:
 * `npm run build` first), with no server running.
 */
let storage: TestStorage;
let env: NodeJS.ProcessEnv;
let dir: string;
let kestrel: string;
let figures: { mean: number; p90: number; currency: string };

beforeAll(async () => {
  storage = await freshStorage();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-report-cli-'));
  const t = await startTestApp({ storage });
  // The `triad` processes see the time the demo was seeded at, as the app did: a concern raised
  // then is still owed, whatever day the tests run on.
  env = { ...cliEnv(storage), TRIAD_TEST_HOOKS: 'on', TRIAD_TEST_NOW: t.clock.now().toISOString() };
  const demo = await seedDemoWorld(t.ctx, t.server);
  await t.ctx.jobs.runDue();
  kestrel = demo.clients.manufacturer;
  const row = await t.ctx.database.db.selectFrom('clients').selectAll().where('id', '=', kestrel).executeTakeFirstOrThrow();
  const summary = await getRiskBoardSummary(new ClientScope(t.ctx, clientInfo(row), systemActor(row.firm_id, 'test'), 'advisor'));
  figures = { mean: summary.portfolio!.mean, p90: summary.portfolio!.p90, currency: summary.currency };
  await t.stop();
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await storage.drop();
});

function pdfText(file: string): string {
  const out = spawnSync('pdftotext', ['-layout', file, '-']);
  expect(out.status).toBe(0);
  return out.stdout.toString('utf8').replace(/[ \t]+/g, ' ');
}

describe('triad report', () => {
  it('board writes the quarter\u2019s pack as PDF, with the register\u2019s figures', async () => {
    const out = path.join(dir, 'pack.pdf');
    const r = await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', out], { env });
    expect(r.stderr).toMatch(/^Wrote .*pack\.pdf \(PDF, [\d,]+ bytes\) for Kestrel Precision Manufacturing, Q4 2026; 1 response\(s\) still owed/);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(out);
    expect(text).toContain('Board pack Q4 2026 · DRAFT');
    expect(text).toContain(formatMoney(figures.mean, figures.currency));
    expect(text).toContain(formatMoney(figures.p90, figures.currency));
  });

  it('board --format html (or an .html file name) writes the self-contained page', async () => {
    const out = path.join(dir, 'pack.html');
    const r = await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', out], { env });
    expect(r.code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).toContain(formatMoney(figures.mean, figures.currency));
    const forced = path.join(dir, 'pack.out');
    expect((await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', forced, '--format', 'html'], { env })).code).toBe(0);
    expect(fs.readFileSync(forced, 'utf8')).toContain('<!doctype html>');
  });

  it('board --language de writes the pack in German, and refuses a language it does not speak', async () => {
    const out = path.join(dir, 'pack-de.html');
    const r = await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', out, '--language', 'de'], { env });
    expect(r.code, r.stderr).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('VORSTANDSBERICHT');
    expect(html).toContain('Risiko im Vergleich zur Risikobereitschaft');
    expect(html).not.toContain('Risk against appetite');
    const english = path.join(dir, 'pack-en.html');
    expect((await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', english], { env })).code).toBe(0);
    expect(fs.readFileSync(english, 'utf8')).toContain('Risk against appetite');
    const never = path.join(dir, 'pack-fr.html');
    const refused = await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', never, '--language', 'fr'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--language must be one of en, de (got "fr")');
    expect(fs.existsSync(never)).toBe(false);
  });

  it('board takes the client by its name, in any case, and the quarter we are in when none is given', async () => {
    const out = path.join(dir, 'by-name.pdf');
    const r = await runCli(['report', 'board', '--client', 'kestrel precision MANUFACTURING', '--out', out], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`for Kestrel Precision Manufacturing, ${quarterContaining(String(env.TRIAD_TEST_NOW).slice(0, 10)).label}`);
    expect(pdfText(out)).toContain('Board pack');
    const unknown = await runCli(['report', 'board', '--client', 'Kestrel', '--out', path.join(dir, 'never-by-name.pdf')], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no client with id or name "Kestrel" (see `triad client list`)');
  });

  it('ransomware writes the one-pager', async () => {
    const out = path.join(dir, 'worst.pdf');
    const r = await runCli(['report', 'ransomware', '--client', kestrel, '--out', out], { env });
    expect(r.code).toBe(0);
    expect(pdfText(out)).toContain('What a ransomware attack would cost');
  });

  it('refuses a bad quarter, a bad format and an unknown client with a message, writing nothing', async () => {
    const out = path.join(dir, 'never.pdf');
    const quarter = await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026-Q4', '--out', out], { env });
    expect(quarter.code).toBe(2);
    expect(quarter.stderr).toMatch(/--quarter must be a quarter such as 2026Q4/);
    const format = await runCli(['report', 'board', '--client', kestrel, '--quarter', '2026Q4', '--out', out, '--format', 'docx'], { env });
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/--format must be one of pdf, html/);
    const client = await runCli(['report', 'board', '--client', '01a21868-f316-7442-9b0f-a2c51213f029', '--quarter', '2026Q4', '--out', out], { env });
    expect(client.code).toBe(1);
    expect(client.stderr).toMatch(/no client with id/);
    expect(client.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
  });
});
