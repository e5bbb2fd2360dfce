import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InsurancePolicy, RiskModel } from '../../src/engine/index.js';
import type { InsuranceOut, RegisterOut } from '../../src/modules/risks/schema.js';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld } from '../support/demo.js';

/**
 * The public cases of the risk model contract (../shared/reference/fair-reference-cases.json)
 * hold in the risk register itself, on both databases: each case's model is imported into a
 * client's register, its policies kept under Insurance, the register recomputed, and the
 * figures the register shows (portfolio, scenarios, policies, the appetite on its basis) meet
 * the case's expectations. The pairs hold as changes to one register: the figures they name are
 * identical to the last digit before and after the change.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
interface ReferenceCases {
  simulations: { name: string; years: number; model: RiskModel; expect: Record<string, [number, number] | number | string | boolean> }[];
  pairs: { name: string; years: number; seed: number; a: RiskModel; b: RiskModel; same: (string | [string, string])[]; differ: (string | [string, string])[] }[];
}
const cases = JSON.parse(readFileSync(`${repoRoot}../shared/reference/fair-reference-cases.json`, 'utf8')) as ReferenceCases;

let t: TestApp;
let advisor: Caller;

beforeAll(async () => {
  t = await startTestApp();
  const demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
});
afterAll(async () => {
  await t.close();
});

/** A new client whose register simulates `years` years from `seed`. */
async function newRegister(name: string, years: number, seed: number): Promise<string> {
  const created = await advisor.post<{ id: string }>('/api/clients', { name, sector: 'Reference', employees: 20, annualRevenue: 50_000_000 });
  expect(created.status).toBe(201);
  const api = `/api/clients/${created.body.id}/risks`;
  expect((await advisor.put(`${api}/settings`, { years, seed })).status).toBe(200);
  return api;
}

/** Puts a model into the register: its risks, treatments and appetite by import, its policies under Insurance. */
async function load(api: string, model: RiskModel): Promise<void> {
  const { insurance, ...rest } = model;
  const imported = await advisor.post<{ policiesNotImported: string[] }>(`${api}/import`, { model: { ...rest, ...(insurance ? { insurance } : {}) } });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const present = (await advisor.get<InsuranceOut>(`${api}/insurance`)).body.policies;
  for (const p of present) expect((await advisor.delete(`${api}/insurance/${p.id}`)).status).toBe(200);
  const scenarios = (await advisor.get<RegisterOut>(api)).body.scenarios;
  for (const p of insurance ?? []) expect((await advisor.post(`${api}/insurance`, policyInput(p, scenarios))).status).toBe(201);
  await t.ctx.jobs.runDue();
}

function policyInput(p: InsurancePolicy, scenarios: RegisterOut['scenarios']) {
  return {
    name: p.name ?? p.id,
    insurer: 'Reference insurer',
    premium: p.premium,
    deductible: p.deductible,
    limit: p.limit,
    ...(p.aggregateLimit !== undefined ? { aggregateLimit: p.aggregateLimit } : {}),
    coversAll: !p.covers,
    ...(p.covers ? { scenarioIds: p.covers.map((ref) => scenarios.find((s) => s.ref === ref)!.id) } : {}),
  };
}

/**
 * What the register shows, in the shape of the engine's output, so that the cases' paths read
 * it: the portfolio with its residual and retained figures, the policies in the order they were
 * added, the appetite on its basis, and the model's risks by ref. The register names policies by
 * its own refs, so a case's policy id is not compared.
 */
async function shown(api: string, model: RiskModel, years: number): Promise<unknown> {
  const reg = (await advisor.get<RegisterOut>(api)).body;
  expect(reg.status.stale).toBe(false);
  expect(reg.status.years).toBe(years);
  const policies = (await advisor.get<InsuranceOut>(`${api}/insurance`)).body.policies;
  const p = reg.portfolio!;
  return {
    portfolio: {
      ...p,
      residual: p.residual ?? undefined,
      retained: p.retained ?? undefined,
      insurance: policies.length > 0 ? policies.map((x) => ({ ...x.figures! })) : undefined,
      appetite: reg.appetite.defined ? { basis: reg.appetite.basis, breached: reg.appetite.breached, points: reg.appetite.checks } : undefined,
    },
    risks: model.risks.map((r) => {
      const s = reg.scenarios.find((x) => x.ref === r.id)!;
      const result = s.result!;
      return { id: s.ref, ...result.inherent, residual: result.residual ?? undefined, treatmentCost: result.treatmentCost, rosi: result.rosi };
    }),
  };
}

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split('.')) {
    const m = /^(\w+)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    v = (v as Record<string, unknown>)[m[1]!];
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) v = (v as unknown[])[Number(idx[1])];
  }
  return v;
}

describe('the contract\u2019s public cases in the risk register', () => {
  it('has cases and pairs', () => {
    expect(cases.simulations.length).toBeGreaterThan(0);
    expect(cases.pairs.length).toBeGreaterThan(0);
  });
  cases.simulations.forEach((c, i) => {
    it(c.name, async () => {
      const api = await newRegister(`Reference case ${i + 1}`, c.years, 20_261_126);
      await load(api, c.model);
      const out = await shown(api, c.model, c.years);
      for (const [path, expected] of Object.entries(c.expect)) {
        if (/^portfolio\.insurance\[\d+\]\.id$/.test(path)) continue;
        const actual = at(out, path);
        if (Array.isArray(expected)) {
          expect(actual, path).toBeTypeOf('number');
          expect(Math.abs((actual as number) - expected[0]), path).toBeLessThanOrEqual(expected[1] * Math.abs(expected[0]));
        } else {
          expect(actual, path).toBe(expected);
        }
      }
    });
  });
  cases.pairs.forEach((pair, i) => {
    it(`${pair.name} (a change to one register)`, async () => {
      const api = await newRegister(`Reference pair ${i + 1}`, pair.years, pair.seed);
      await load(api, pair.a);
      const a = await shown(api, pair.a, pair.years);
      await load(api, pair.b);
      const b = await shown(api, pair.b, pair.years);
      for (const p of pair.same) {
        const [pa, pb] = typeof p === 'string' ? [p, p] : p;
        const va = at(a, pa);
        expect(va, `${pa} in a`).toBeDefined();
        expect(at(b, pb), `${pb} in b against ${pa} in a`).toBe(va);
      }
      for (const p of pair.differ) {
        const [pa, pb] = typeof p === 'string' ? [p, p] : p;
        expect(at(b, pb), `${pb} in b against ${pa} in a`).not.toBe(at(a, pa));
      }
    });
  });
});
