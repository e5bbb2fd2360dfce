import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The CLI as a whole process: `node bin/triad.js simulate …` on the build (`npm test` builds first).
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

function triad(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/triad.js'), 'simulate', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const model = {
  currency: 'EUR',
  appetite: [{ loss: 100_000, probability: 0.2 }],
  risks: [
    {
      id: 'R1',
      name: 'Ransomware on the ERP',
      threatEventFrequency: { type: 'pert', min: 0.5, mode: 1, max: 3 },
      vulnerability: { type: 'uniform', min: 0.2, max: 0.5 },
      primaryLoss: { type: 'lognormal', low: 50_000, high: 2_000_000 },
      treatments: [{ id: 'C1', name: 'Immutable backups', annualCost: 40_000, effect: { primaryLoss: { type: 'uniform', min: 0.2, max: 0.5 } } }],
    },
    { id: 'R2', lossEventFrequency: { type: 'constant', value: 2 }, primaryLoss: { type: 'triangular', min: 1000, mode: 5000, max: 30_000 } },
  ],
};

const yamlModel = `# The same model in YAML
currency: EUR
appetite:
  - { loss: 100000, probability: 0.2 }
risks:
  - id: R1
    name: Ransomware on the ERP
    threatEventFrequency: { type: pert, min: 0.5, mode: 1, max: 3 }
    vulnerability: { type: uniform, min: 0.2, max: 0.5 }
    primaryLoss: { type: lognormal, low: 50000, high: 2000000 }
    treatments:
      - id: C1
        name: Immutable backups
        annualCost: 40000
        effect:
          primaryLoss: { type: uniform, min: 0.2, max: 0.5 }
  - id: R2
    lossEventFrequency: { type: constant, value: 2 }
    primaryLoss: { type: triangular, min: 1000, mode: 5000, max: 30000 }
`;

let dir = '';
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'triad-simulate-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('triad simulate', () => {
  it('prints exactly the output contract with --format json', () => {
    const r = triad(file('model.json', JSON.stringify(model)), '--years', '5000', '--seed', '3', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { portfolio: Record<string, unknown>; risks: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['engine', 'years', 'seed', 'currency', 'portfolio', 'risks']);
    expect(out.engine).toEqual({ name: 'triad', version });
    expect([out.years, out.seed, out.currency]).toEqual([5000, 3, 'EUR']);
    expect(Object.keys(out.portfolio)).toEqual(['mean', 'sd', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss', 'lec', 'appetite', 'residual']);
    expect(out.risks.map((x) => x.id)).toEqual(['R1', 'R2']);
    expect(out.risks[0]!.treatmentCost).toBe(40_000);
  });

  it('gives byte-identical output whatever the number of threads', () => {
    const path = file('threads.json', JSON.stringify(model));
    const one = triad(path, '--years', '40000', '--format', 'json', '--threads', '1');
    const two = triad(path, '--years', '40000', '--format', 'json', '--threads', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    // Nothing on stderr: in particular no warning that the asm.js kernel failed to validate,
    // in the main thread or in a worker.
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    const bench = join(repoRoot, '../shared/bench/portfolio-100.json');
    const a = triad(bench, '--years', '20000', '--format', 'json', '--threads', '1');
    const b = triad(bench, '--years', '20000', '--format', 'json', '--threads', '2');
    expect(b.stdout).toBe(a.stdout);
  });

  it('reads YAML as well as JSON, and takes years and seed from the file, then 100000 and 1', () => {
    const json = triad(file('same.json', JSON.stringify({ ...model, years: 3000, seed: 12 })), '--format', 'json');
    const yaml = triad(file('same.yaml', `years: 3000\nseed: 12\n${yamlModel}`), '--format', 'json');
    expect(yaml.status).toBe(0);
    expect(yaml.stdout).toBe(json.stdout);
    const parsed = JSON.parse(json.stdout) as { years: number; seed: number };
    expect([parsed.years, parsed.seed]).toEqual([3000, 12]);
    const defaults = JSON.parse(triad(file('defaults.yaml', yamlModel), '--format', 'json').stdout) as { years: number; seed: number };
    expect([defaults.years, defaults.seed]).toEqual([100_000, 1]);
  });

  it('prints a readable summary by default, money in the file’s currency', () => {
    const r = triad(file('table.json', JSON.stringify(model)), '--years', '5000');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Portfolio: 2 risks, 5,000 simulated years, seed 1$/m);
    expect(r.stdout).toMatch(/mean annual loss €[\d,]+/);
    expect(r.stdout).toMatch(/^Appetite, checked on the loss after treatments: (BREACHED|within)$/m);
    expect(r.stdout).toMatch(/^ {4}P\(loss > €100,000\) = [\d.]+ % ± [\d.]+ %, limit 20\.0 %/m);
    expect(r.stdout).toMatch(/^risk\s+name\s+mean\s+p50\s+p90\s+p99\s+P\(loss\)\s+residual\s+ROSI$/m);
    expect(r.stdout).toMatch(/^R1\s+Ransomware on the ERP\s+€/m);
    expect(() => JSON.parse(r.stdout) as unknown).toThrow();
    const one = triad(file('one.json', JSON.stringify({ ...model, risks: model.risks.slice(0, 1) })), '--years', '1000');
    expect(one.stdout).toMatch(/^Portfolio: 1 risk, 1,000 simulated years, seed 1$/m);
    expect(one.stdout).toMatch(/^Top 1 risk by mean annual loss:$/m);
    expect(r.stdout).toMatch(/^Top 2 risks by mean annual loss:$/m);
  });

  it('shows the loss kept after insurance, each policy against its premium, and an appetite the years cannot settle', () => {
    const insured = {
      appetite: [
        { loss: 400_000, probability: 0.6321 },
        { loss: 900_000, probability: 0.1 },
        { loss: 5_000_000, probability: 0.01 },
      ],
      risks: [{ id: 'R1', name: 'Ransomware', lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1_000_000 } }],
      insurance: [{ id: 'P1', name: 'Cyber policy', premium: 60_000, deductible: 500_000, limit: 500_000, aggregateLimit: 1_000_000 }],
    };
    const path = file('insured.json', JSON.stringify(insured));
    const table = triad(path, '--years', '5000');
    expect(table.stderr).toBe('');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^ {2}retained \(kept after insurance\): mean \$[\d,]+/m);
    expect(table.stdout).toMatch(/^ {2}P1 Cyber policy: recovery \$[\d,]+ vs premium \$60,000 \(recovers more than it costs on average\)$/m);
    expect(table.stdout).toMatch(/aggregate limit reached in [\d.]+ % of years$/m);
    expect(table.stdout).toMatch(/^Appetite, checked on the loss kept after treatments and insurance: BREACHED$/m);
    expect(table.stdout).toMatch(/^ {4}P\(loss > \$400,000\) = [\d.]+ % ± [\d.]+ %, limit 63\.2 %.*\(not settled: within sampling error of the limit at 5,000 years\)$/m);
    expect(table.stdout).toMatch(/^ {4}P\(loss > \$5,000,000\) = 0\.0 % ± 0\.00 %, limit 1\.0 %$/m);
    const json = JSON.parse(triad(path, '--years', '5000', '--format', 'json').stdout) as { portfolio: Record<string, unknown> & { insurance: { id: string; premium: number }[]; appetite: { basis: string } } };
    expect(Object.keys(json.portfolio)).toEqual(['mean', 'sd', 'p10', 'p50', 'p90', 'p95', 'p99', 'max', 'probabilityOfLoss', 'lec', 'appetite', 'retained', 'insurance']);
    expect(json.portfolio.appetite.basis).toBe('retained');
    expect(json.portfolio.insurance.map((p) => [p.id, p.premium])).toEqual([['P1', 60_000]]);
  });

  it('lists every problem of an invalid model on stderr, without a stack trace, and exits 1', () => {
    const bad = structuredClone(model) as { risks: Record<string, unknown>[] } & Record<string, unknown>;
    bad.risks[0]!.primaryLoss = { type: 'lognormal', low: 10, high: 5 };
    bad.risks[1]!.lossEventFrequency = { type: 'constant', value: -2 };
    bad.risks[1]!.colour = 'red';
    bad.insurance = [{ id: 'P1', premium: 1000, deductible: 0, limit: 0, covers: ['R9'] }];
    const r = triad(file('bad.json', JSON.stringify(bad)), '--format', 'json');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('is not a valid risk model (5 problems):');
    expect(r.stderr).toContain('  P1.limit: must be greater than 0\n');
    expect(r.stderr).toContain('  P1.covers[0]: names no risk: there is no risk with id R9\n');
    expect(r.stderr).toContain('  R1.primaryLoss: low must be less than high\n');
    expect(r.stderr).toContain('  R2.lossEventFrequency: value must not be negative (a rate)\n');
    expect(r.stderr).toContain('  R2: unknown field "colour"\n');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a huge rate or too much work with the figure before allocating anything, and stops a run whose draws outgrow what it holds, exit 1', () => {
    const huge = { risks: [{ id: 'R1', lossEventFrequency: { type: 'constant', value: 1e308 }, primaryLoss: { type: 'constant', value: 1 } }] };
    let r = triad(file('huge.json', JSON.stringify(huge)));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('  R1.lossEventFrequency: expects 1e+308 loss events a year on average; a risk may expect at most 1,000');
    const many = { risks: [{ id: 'R1', lossEventFrequency: { type: 'constant', value: 500 }, primaryLoss: { type: 'constant', value: 1 } }] };
    r = triad(file('many.json', JSON.stringify(many)), '--years', '3000000');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('triad: years: 3,000,000 years × 500 expected loss events a year come to 1,500,000,000 loss events, more than the 1,000,000,000 a run may simulate (fewer years, or lower frequencies)\n');
    // A mean of about 200 events a year whose tail draws millions in one year of the first block (seed 292).
    const tail = { risks: [{ id: 'R1', lossEventFrequency: { type: 'lognormal', low: 0.0001, high: 50 }, primaryLoss: { type: 'constant', value: 1 } }] };
    for (const threads of ['1', '2']) {
      r = triad(file('tail.json', JSON.stringify(tail)), '--years', '4096', '--seed', '292', '--threads', threads);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^triad: R1: drew more than 8,388,608 loss events in one block of 4,096 years \([\d,]+ so far\), the most the engine holds at once/);
    }
  });

  it('explains unreadable files and bad syntax, exit 1', () => {
    const missing = triad(join(dir, 'nope.yaml'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^triad: cannot read .*nope\.yaml: no such file\n$/);
    const json = triad(file('broken.json', '{ "risks": [ }'));
    expect(json.status).toBe(1);
    expect(json.stderr).toMatch(/^triad: .*broken\.json is not valid JSON: /);
    const yaml = triad(file('broken.yaml', 'risks: [\n  - id: A\n  oops'));
    expect(yaml.status).toBe(1);
    expect(yaml.stderr).toMatch(/^triad: .*broken\.yaml is not valid YAML: /);
    for (const r of [missing, json, yaml]) expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses bad options with exit code 2', () => {
    const path = file('options.json', JSON.stringify(model));
    const cases: [string[], string][] = [
      [['--years', 'lots'], '--years must be a whole number (got "lots")'],
      [['--years', '0'], '--years must be a whole number from 1 to 10000000'],
      [['--seed', '-4'], '--seed must be a whole number (got "-4")'],
      [['--threads', '0'], '--threads must be a whole number from 1 to 256'],
      [['--format', 'xml'], '--format must be one of json, table (got "xml")'],
    ];
    for (const [args, message] of cases) {
      const r = triad(path, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toBe(`triad: ${message}\n`);
    }
  });
});
