import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../src/engine/index.js';
import type { RegisterOut } from '../../src/modules/risks/schema.js';
import type { ImportReport } from '../../src/modules/risks/transfer-schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * The register round-trips through `triad simulate`: a client's register exported as a model
 * file (through the API and through `triad risks export`) and simulated by the command as a
 * separate process gives exactly the figures the web app shows. Needs `npm run build`.
 */
let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let dir: string;
/** The CLI with the test server's database and settings (its default simulated years included). */
const env = (): NodeJS.ProcessEnv => ({ ...cliEnv(t.storage), TRIAD_SIM_YEARS: String(t.ctx.config.simulationYears) });

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  await t.ctx.jobs.runDue();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-risks-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function simulateFile(file: string): Promise<SimulationResult> {
  const run = await runCli(['simulate', file, '--format', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SimulationResult;
}

function expectSameFigures(result: SimulationResult, reg: RegisterOut): void {
  expect(result.seed).toBe(reg.status.seed);
  expect(result.years).toBe(reg.status.years);
  const p = reg.portfolio!;
  for (const k of ['mean', 'sd', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss'] as const) expect(result.portfolio[k], k).toBe(p[k]);
  expect(result.portfolio.residual!.mean).toBe(p.residual!.mean);
  expect(result.portfolio.residual!.p90).toBe(p.residual!.p90);
  expect(result.portfolio.residual!.p99).toBe(p.residual!.p99);
  // The same verdict, checked on the same loss: what the company bears.
  expect(result.portfolio.appetite!.basis).toBe(reg.appetite.basis);
  expect(result.portfolio.appetite!.breached).toBe(reg.appetite.breached);
  expect(result.portfolio.appetite!.points.map((x) => x.probability)).toEqual(reg.appetite.checks.map((x) => x.probability));
  if (p.retained) {
    const kept = result.portfolio.retained!;
    for (const k of ['mean', 'p90', 'p95', 'p99', 'probabilityOfLoss'] as const) expect(kept[k], `retained ${k}`).toBe(p.retained[k]);
    expect(result.portfolio.insurance!.reduce((x, i) => x + i.premium, 0)).toBe(p.insurance!.premium);
    expect(result.portfolio.insurance!.reduce((x, i) => x + i.expectedRecovery, 0)).toBe(p.insurance!.expectedRecovery);
  } else {
    expect(result.portfolio.retained).toBeUndefined();
  }
  const inPortfolio = reg.scenarios.filter((s) => s.result?.inPortfolio);
  expect(result.risks.map((r) => r.id)).toEqual(inPortfolio.map((s) => s.ref));
  for (const [i, r] of result.risks.entries()) {
    const s = inPortfolio[i]!.result!;
    expect(r.mean, r.id).toBe(s.inherent.mean);
    expect(r.p90, r.id).toBe(s.inherent.p90);
    expect(r.p99, r.id).toBe(s.inherent.p99);
    expect(r.residual?.mean ?? null, r.id).toBe(s.residual?.mean ?? null);
    expect(r.residual?.p90 ?? null, r.id).toBe(s.residual?.p90 ?? null);
    if (r.rosi !== undefined) expect(r.rosi, r.id).toBe(s.rosi);
  }
}

describe('register export and `triad simulate`', () => {
  it('gives the stored figures to the last digit for a model exported through the API (YAML)', async () => {
    const id = demo.clients.accounting;
    const reg = (await advisor.get<RegisterOut>(`/api/clients/${id}/risks`)).body;
    expect(reg.status.stale).toBe(false);
    const yaml = await advisor.get<string>(`/api/clients/${id}/risks/export?format=yaml`);
    const file = path.join(dir, 'harbor.yaml');
    fs.writeFileSync(file, yaml.body);
    expectSameFigures(await simulateFile(file), reg);
  });

  it('gives the stored figures for `triad risks export` (JSON), and `triad risks import` of that file changes nothing', async () => {
    const id = demo.clients.manufacturer;
    const reg = (await advisor.get<RegisterOut>(`/api/clients/${id}/risks`)).body;
    const file = path.join(dir, 'kestrel.json');
    const exported = await runCli(['risks', 'export', '--client', id, '--out', file], { env: env() });
    expect(exported.code, exported.stderr).toBe(0);
    expectSameFigures(await simulateFile(file), reg);
    const api = (await advisor.get<unknown>(`/api/clients/${id}/risks/export`)).body;
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(api);

    const imported = await runCli(['risks', 'import', file, '--client', id, '--format', 'json'], { env: env() });
    expect(imported.code, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as ImportReport;
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged.length).toBe(reg.scenarios.filter((s) => s.result?.inPortfolio).length);
  });

  it('with a cyber policy, gives the loss the company keeps, each policy\u2019s recovery and the appetite verdict on it', async () => {
    const id = demo.clients.manufacturer;
    const api = `/api/clients/${id}/risks`;
    const created = await advisor.post<{ ref: string }>(`${api}/insurance`, { name: 'Cyber liability', insurer: 'Coalition', premium: 42_000, deductible: 100_000, limit: 2_000_000, aggregateLimit: 3_000_000, coversAll: true });
    expect(created.status).toBe(201);
    await t.ctx.jobs.runDue();
    const reg = (await advisor.get<RegisterOut>(api)).body;
    expect(reg.status.stale).toBe(false);
    expect(reg.appetite.basis).toBe('retained');
    expect(reg.portfolio!.retained!.mean).toBeLessThan(reg.portfolio!.current.mean);
    const file = path.join(dir, 'kestrel-insured.yaml');
    fs.writeFileSync(file, (await advisor.get<string>(`${api}/export?format=yaml`)).body);
    const result = await simulateFile(file);
    expect(result.portfolio.insurance!.map((x) => x.id)).toEqual([created.body.ref]);
    expectSameFigures(result, reg);
  });

  it('`triad risks recompute` stores a run the API then shows, and says what it simulated', async () => {
    const id = demo.clients.accounting;
    const run = await runCli(['risks', 'recompute', '--client', id], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    const reg = (await advisor.get<RegisterOut>(`/api/clients/${id}/risks`)).body;
    expect(reg.status.stale).toBe(false);
    const simulated = reg.scenarios.filter((s) => s.result?.inPortfolio).length;
    expect(simulated).toBeGreaterThan(1);
    expect(run.stdout).toMatch(new RegExp(`^Simulated ${simulated} scenarios \\(${reg.status.years!.toLocaleString('en-US')} years, seed ${reg.status.seed}\\) in [\\d.]+ s\\.$`, 'm'));

    // A register of one scenario, through the CLI alone: a new client, its model, its run.
    const made = await runCli(['client', 'add', '--name', 'Solo Scenario Ltd'], { env: env() });
    expect(made.code, made.stderr).toBe(0);
    const solo = made.stdout.trim();
    const file = path.join(dir, 'solo.yaml');
    fs.writeFileSync(file, 'risks:\n  - id: R1\n    name: Laptop stolen\n    lossEventFrequency: { type: constant, value: 0.5 }\n    primaryLoss: { type: lognormal, low: 1000, high: 20000 }\n');
    const imported = await runCli(['risks', 'import', file, '--client', solo], { env: env() });
    expect(imported.code, imported.stderr).toBe(0);
    const one = await runCli(['risks', 'recompute', '--client', solo], { env: env() });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^Simulated 1 scenario \(/m);
  });

  it('reports an invalid model file by risk id and field, and an unknown client by its id', async () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'risks:\n  - id: R1\n    lossEventFrequency: { type: constant, value: 1 }\n    primaryLoss: { type: lognormal, low: 9, high: 1 }\n');
    const bad = await runCli(['risks', 'import', file, '--client', demo.clients.saas, '--dry-run'], { env: env() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('R1.primaryLoss: low must be less than high');
    const ghost = await runCli(['risks', 'export', '--client', 'no-such-client'], { env: env() });
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toContain('no client with id or name "no-such-client"');
  });
});
