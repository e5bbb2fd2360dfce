import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distributionMoments, lognormalParameters, normalQuantile, parseModel, pertParameters, simulateModel, type Distribution } from './index.js';

// The reference cases live beside the repository: ../shared/reference from the repository root.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const casesFile = `${repoRoot}../shared/reference/fair-reference-cases.json`;

interface ReferenceCases {
  distributions: { input: Distribution; exact: Record<string, number> }[];
  simulations: { name: string; years: number; model: unknown; expect: Record<string, [number, number] | number | string | boolean> }[];
  /** Both models run with the pair's years and seed; `same` paths (or [path in a, path in b]) must be equal exactly, `differ` paths must not. */
  pairs: { name: string; years: number; seed: number; a: unknown; b: unknown; same: (string | [string, string])[]; differ: (string | [string, string])[] }[];
}

const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as ReferenceCases;

/** Reads `portfolio.appetite.points[0].probability` style paths. */
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

function closeTo(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe('reference distributions (closed forms, relative 1e-9)', () => {
  it('has cases', () => expect(cases.distributions.length).toBeGreaterThan(0));
  for (const { input, exact } of cases.distributions) {
    it(JSON.stringify(input), () => {
      const moments = distributionMoments(input);
      for (const [key, expected] of Object.entries(exact)) {
        let actual: number;
        if (input.type === 'lognormal') {
          const { mu, sigma } = lognormalParameters(input.low, input.high, input.confidence);
          const values: Record<string, number> = {
            mu,
            sigma,
            mean: moments.mean,
            median: Math.exp(mu),
            p99: Math.exp(mu + sigma * normalQuantile(0.99)),
          };
          actual = values[key]!;
        } else if (input.type === 'pert') {
          const { alpha, beta } = pertParameters(input.min, input.mode, input.max, input.gamma);
          actual = ({ alpha, beta, mean: moments.mean, sd: moments.sd } as Record<string, number>)[key]!;
        } else {
          actual = (moments as Record<string, number>)[key]!;
        }
        expect(actual, key).toBeTypeOf('number');
        closeTo(actual, expected, 1e-9);
      }
    });
  }
});

/** The file's cases hold for any seed: each runs with the pair's own seed (pairs) and with these. */
const SEEDS = [1, 20261126, 987_654_321_987];

describe('reference simulations (any seed, stated tolerance)', () => {
  it('has cases', () => expect(cases.simulations.length).toBeGreaterThan(0));
  for (const c of cases.simulations) {
    for (const seed of SEEDS) {
      it(`${c.name}, seed ${seed}`, () => {
        const result = simulateModel(parseModel(c.model), { years: c.years, seed });
        expect(result.years).toBe(c.years);
        for (const [path, expected] of Object.entries(c.expect)) {
          const actual = at(result, path);
          if (Array.isArray(expected)) {
            expect(actual, path).toBeTypeOf('number');
            closeTo(actual as number, expected[0], expected[1]);
          } else {
            expect(actual, path).toBe(expected);
          }
        }
      });
    }
  }
});

describe('reference pairs (outputs identical to the last digit, any seed)', () => {
  it('has pairs', () => expect(cases.pairs.length).toBeGreaterThan(0));
  const paths = (p: string | [string, string]): [string, string] => (typeof p === 'string' ? [p, p] : p);
  for (const pair of cases.pairs) {
    for (const seed of [pair.seed, ...SEEDS]) {
      it(`${pair.name}, seed ${seed}`, () => {
        const a = simulateModel(parseModel(pair.a), { years: pair.years, seed });
        const b = simulateModel(parseModel(pair.b), { years: pair.years, seed });
        for (const p of pair.same) {
          const [pa, pb] = paths(p);
          const va = at(a, pa);
          expect(va, `${pa} in a`).toBeDefined();
          expect(at(b, pb), `${pb} in b against ${pa} in a`).toBe(va);
        }
        for (const p of pair.differ) {
          const [pa, pb] = paths(p);
          expect(at(b, pb), `${pb} in b against ${pa} in a`).not.toBe(at(a, pa));
        }
      });
    }
  }
});
