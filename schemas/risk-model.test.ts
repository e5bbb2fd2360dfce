import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../src/engine/validate.js';

/**
 * The JSON Schema of the risk model file (schemas/risk-model.schema.json), which editors use to
 * check YAML and JSON model files: it accepts every full example in docs/risk-model.md and the
 * models of the shared reference cases, and refuses files the engine refuses for their shape.
 * Every case is also put to the engine's own validator (src/engine/validate.ts), so the schema
 * can never refuse a file the engine runs, nor accept one of these the engine refuses.
 */

const root = path.resolve(import.meta.dirname, '..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/risk-model.schema.json'), 'utf8')) as object;
// strictRequired is off: the oneOf branches require properties the risk object itself defines.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);
const problems = (model: unknown): string[] => (validate(model) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

/** The YAML blocks of docs/risk-model.md that are whole model files (they list risks). */
function docExamples(): unknown[] {
  const text = fs.readFileSync(path.join(root, 'docs/risk-model.md'), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^risks:/m.test(y)).map((y) => parse(y) as unknown);
}

describe('the risk model JSON Schema', () => {
  it('accepts the examples of docs/risk-model.md', () => {
    const examples = docExamples();
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const e of examples) {
      expect(validateModel(e)).toEqual([]);
      expect(problems(e)).toEqual([]);
    }
  });

  it('accepts the models of the shared reference cases', () => {
    const cases = JSON.parse(fs.readFileSync(path.join(root, '../shared/reference/fair-reference-cases.json'), 'utf8')) as {
      simulations: { name: string; model: unknown }[];
      pairs: { name: string; a: unknown; b: unknown }[];
    };
    const models = [...cases.simulations.map((s) => [s.name, s.model] as const), ...cases.pairs.flatMap((p) => [[`${p.name} (a)`, p.a], [`${p.name} (b)`, p.b]] as const)];
    expect(models.length).toBeGreaterThan(10);
    for (const [name, model] of models) {
      expect(validateModel(model), name).toEqual([]);
      expect(problems(model), name).toEqual([]);
    }
  });

  it('accepts the insurance section of contract version 2', () => {
    const model = parse(`
risks:
  - id: R1
    lossEventFrequency: { type: constant, value: 2 }
    primaryLoss: { type: constant, value: 100000 }
insurance:
  - id: P1
    name: Cyber policy
    premium: 18000
    deductible: 25000
    limit: 1000000
    aggregateLimit: 2000000
    covers: [R1]
  - id: P2
    premium: 0
    deductible: 0
    limit: 50000
`) as unknown;
    expect(validateModel(model)).toEqual([]);
    expect(problems(model)).toEqual([]);
    // An empty list is the same as none.
    expect(validateModel({ ...(model as object), insurance: [] })).toEqual([]);
    expect(problems({ ...(model as object), insurance: [] })).toEqual([]);
  });

  it('refuses files the engine refuses for their shape', () => {
    const risk = { id: 'R1', lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'lognormal', low: 10, high: 100 } };
    expect(validateModel({ risks: [risk] })).toEqual([]);
    expect(problems({ risks: [risk] })).toEqual([]);
    const policy = { id: 'P1', premium: 100, deductible: 10, limit: 1000 };
    const bad: [string, unknown][] = [
      ['no risks', { risks: [] }],
      ['an unknown field', { risks: [{ ...risk, severity: 'high' }] }],
      ['an unknown distribution', { risks: [{ ...risk, primaryLoss: { type: 'gamma', shape: 2 } }] }],
      ['a negative rate', { risks: [{ ...risk, lossEventFrequency: { type: 'constant', value: -1 } }] }],
      ['a lognormal probability', { risks: [{ id: 'R1', threatEventFrequency: { type: 'constant', value: 2 }, vulnerability: { type: 'lognormal', low: 0.1, high: 0.5 }, primaryLoss: risk.primaryLoss }] }],
      ['both frequencies', { risks: [{ ...risk, threatEventFrequency: { type: 'constant', value: 2 }, vulnerability: { type: 'constant', value: 0.5 } }] }],
      ['threat events without vulnerability', { risks: [{ id: 'R1', threatEventFrequency: { type: 'constant', value: 2 }, primaryLoss: risk.primaryLoss }] }],
      ['a secondary loss without its frequency', { risks: [{ ...risk, secondaryLoss: risk.primaryLoss }] }],
      ['no primary loss', { risks: [{ id: 'R1', lossEventFrequency: risk.lossEventFrequency }] }],
      ['a policy with no limit', { risks: [risk], insurance: [{ id: 'P1', premium: 100, deductible: 10, limit: 0 }] }],
      ['an appetite probability above 1', { risks: [risk], appetite: [{ loss: 100, probability: 1.5 }] }],
      ['a blank risk id', { risks: [{ ...risk, id: '  ' }] }],
      ['a policy without a premium', { risks: [risk], insurance: [{ id: 'P1', deductible: 10, limit: 1000 }] }],
      ['a negative deductible', { risks: [risk], insurance: [{ ...policy, deductible: -1 }] }],
      ['a policy with an unknown field', { risks: [risk], insurance: [{ ...policy, retention: 5 }] }],
      ['a blank policy id', { risks: [risk], insurance: [{ ...policy, id: ' ' }] }],
      ['an aggregate limit of 0', { risks: [risk], insurance: [{ ...policy, aggregateLimit: 0 }] }],
      ['an empty covers list', { risks: [risk], insurance: [{ ...policy, covers: [] }] }],
      ['a risk covered twice', { risks: [risk], insurance: [{ ...policy, covers: ['R1', 'R1'] }] }],
      ['insurance that is not a list', { risks: [risk], insurance: policy }],
    ];
    for (const [what, model] of bad) {
      expect(validateModel(model), what).not.toEqual([]);
      expect(problems(model), what).not.toEqual([]);
    }
  });
});
