import { describe, expect, it } from 'vitest';
import { checkRunOptions, EventLimitError, formatProblem, MAX_BLOCK_EVENTS, ModelValidationError, parseModel, simulateModel, validateModel } from './index.js';

type Json = Record<string, unknown>;

function base(): Json {
  return {
    currency: 'EUR',
    years: 1000,
    seed: 7,
    appetite: [{ loss: 1_000_000, probability: 0.1 }],
    risks: [
      {
        id: 'R1',
        name: 'Ransomware',
        threatEventFrequency: { type: 'pert', min: 1, mode: 2, max: 5 },
        vulnerability: { type: 'uniform', min: 0.1, max: 0.3 },
        primaryLoss: { type: 'lognormal', low: 10_000, high: 1_000_000 },
        secondaryLossEventFrequency: { type: 'constant', value: 0.2 },
        secondaryLoss: { type: 'triangular', min: 1000, mode: 5000, max: 20_000 },
        treatments: [{ id: 'C1', name: 'Backups', annualCost: 10_000, effect: { primaryLoss: { type: 'uniform', min: 0.2, max: 0.5 } } }],
      },
      { id: 'R2', lossEventFrequency: { type: 'constant', value: 0.5 }, primaryLoss: { type: 'normal', mean: 5000, sd: 1000 } },
    ],
  };
}

/** The problems of the base model after a change, formatted. */
function problems(change: (m: Json, r1: Json, r2: Json) => void): string[] {
  const m = base();
  const risks = m.risks as Json[];
  change(m, risks[0]!, risks[1]!);
  return validateModel(m).map(formatProblem);
}

describe('validateModel', () => {
  it('accepts a valid model, in full and minimal', () => {
    expect(validateModel(base())).toEqual([]);
    expect(validateModel({ risks: [{ id: 'A', lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1 } }] })).toEqual([]);
  });

  it('refuses what is not a model', () => {
    for (const bad of [null, 42, 'x', [], undefined]) expect(validateModel(bad).map(formatProblem)).toEqual(['a risk model must be an object with a list of risks']);
    expect(problems((m) => delete m.risks)).toEqual(['risks: must be a list with at least one risk']);
    expect(problems((m) => (m.risks = []))).toEqual(['risks: must be a list with at least one risk']);
  });

  it('names the risk id and field, one message per problem', () => {
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'lognormal', low: 10, high: 5 }))).toEqual(['R1.primaryLoss: low must be less than high']);
  });

  it('reports every problem at once', () => {
    const found = problems((m, r1, r2) => {
      m.years = 0;
      r1.primaryLoss = { type: 'lognormal', low: 10, high: 5 };
      r2.lossEventFrequency = { type: 'constant', value: -1 };
    });
    expect(found).toEqual(['years: must be a whole number from 1 to 10000000', 'R1.primaryLoss: low must be less than high', 'R2.lossEventFrequency: value must not be negative (a rate)']);
  });

  it('rejects unknown fields everywhere', () => {
    expect(problems((m) => (m.extra = 1))).toEqual(['unknown field "extra"']);
    expect(problems((_, r1) => (r1.severity = 'high'))).toEqual(['R1: unknown field "severity"']);
    expect(problems((_, r1) => ((r1.primaryLoss as Json).mode = 3))).toEqual(['R1.primaryLoss: unknown field "mode" for type lognormal (it takes low, high or confidence)']);
    expect(problems((_, r1) => (((r1.treatments as Json[])[0]!).owner = 'x'))).toEqual(['R1.treatments[C1]: unknown field "owner"']);
    expect(problems((m) => (m.appetite = [{ loss: 1, probability: 0.1, note: 'x' }]))).toEqual(['appetite[0]: unknown field "note"']);
  });

  it('rejects unknown distribution types and non-distributions', () => {
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'beta', a: 1 }))).toEqual([
      'R1.primaryLoss: unknown distribution type "beta" (expected constant, uniform, triangular, pert, lognormal or normal)',
    ]);
    expect(problems((_, r1) => (r1.primaryLoss = 5))).toEqual(['R1.primaryLoss: must be a distribution: an object with a type (constant, uniform, triangular, pert, lognormal or normal)']);
  });

  it('requires each type\'s fields, as numbers', () => {
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'uniform', min: 1 }))).toEqual(['R1.primaryLoss: max is required for type uniform']);
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'constant', value: '5' }))).toEqual(['R1.primaryLoss: value must be a number']);
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'constant', value: Infinity }))).toEqual(['R1.primaryLoss: value must be a number']);
  });

  it('rejects negative rates and losses', () => {
    expect(problems((_, __, r2) => (r2.lossEventFrequency = { type: 'constant', value: -0.1 }))).toEqual(['R2.lossEventFrequency: value must not be negative (a rate)']);
    expect(problems((_, r1) => (r1.threatEventFrequency = { type: 'uniform', min: -1, max: 2 }))).toEqual(['R1.threatEventFrequency: min must not be negative (a rate)']);
    expect(problems((_, __, r2) => (r2.primaryLoss = { type: 'normal', mean: -5, sd: 1 }))).toEqual(['R2.primaryLoss: mean must not be negative (a loss)']);
    expect(problems((_, __, r2) => (r2.primaryLoss = { type: 'normal', mean: 5, sd: 1, min: -1 }))).toEqual(['R2.primaryLoss: min must not be negative (a loss)']);
  });

  it('rejects min > mode, mode > max and min ≥ max', () => {
    expect(problems((_, r1) => (r1.threatEventFrequency = { type: 'pert', min: 3, mode: 2, max: 5 }))).toEqual(['R1.threatEventFrequency: mode must not be less than min']);
    expect(problems((_, r1) => (r1.secondaryLoss = { type: 'triangular', min: 1, mode: 9, max: 5 }))).toEqual(['R1.secondaryLoss: mode must not be greater than max']);
    expect(problems((_, r1) => (r1.secondaryLoss = { type: 'triangular', min: 5, mode: 5, max: 5 }))).toEqual(['R1.secondaryLoss: min must be less than max']);
    expect(problems((_, r1) => (r1.vulnerability = { type: 'uniform', min: 0.5, max: 0.5 }))).toEqual(['R1.vulnerability: min must be less than max']);
    expect(problems((_, __, r2) => (r2.primaryLoss = { type: 'normal', mean: 5, sd: 1, min: 9, max: 3 }))).toEqual(['R2.primaryLoss: min must be less than max']);
    expect(problems((_, r1) => (r1.threatEventFrequency = { type: 'pert', min: 1, mode: 2, max: 5, gamma: 0 }))).toEqual(['R1.threatEventFrequency: gamma must be greater than 0']);
  });

  it('rejects low ≥ high, low ≤ 0 and confidence outside (0, 1)', () => {
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'lognormal', low: 10, high: 10 }))).toEqual(['R1.primaryLoss: low must be less than high']);
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'lognormal', low: 0, high: 10 }))).toEqual(['R1.primaryLoss: low must be greater than 0']);
    expect(problems((_, r1) => (r1.primaryLoss = { type: 'lognormal', low: 1, high: 10, confidence: 1 }))).toEqual(['R1.primaryLoss: confidence must be between 0 and 1 (exclusive)']);
  });

  it('keeps probabilities within [0, 1]', () => {
    expect(problems((_, r1) => (r1.vulnerability = { type: 'constant', value: 1.2 }))).toEqual(['R1.vulnerability: value must be between 0 and 1']);
    expect(problems((_, r1) => (r1.vulnerability = { type: 'uniform', min: 0.2, max: 1.5 }))).toEqual(['R1.vulnerability: max must be between 0 and 1']);
    expect(problems((_, r1) => (r1.secondaryLossEventFrequency = { type: 'pert', min: -0.1, mode: 0.2, max: 0.5 }))).toEqual(['R1.secondaryLossEventFrequency: min must be between 0 and 1']);
    expect(problems((_, r1) => (r1.vulnerability = { type: 'normal', mean: 1.5, sd: 0.1 }))).toEqual(['R1.vulnerability: mean must be between 0 and 1']);
    expect(problems((_, r1) => (r1.vulnerability = { type: 'lognormal', low: 0.1, high: 0.5 }))).toEqual([
      'R1.vulnerability: a lognormal is unbounded and cannot describe a probability (use pert, triangular, uniform, normal or constant)',
    ]);
    expect(problems((_, r1) => (r1.vulnerability = { type: 'normal', mean: 0.5, sd: 0.2 }))).toEqual([]);
  });

  it('refuses normal ranges that hold no probability', () => {
    expect(problems((_, __, r2) => (r2.primaryLoss = { type: 'normal', mean: 5, sd: 0.1, min: 100 }))).toEqual(['R2.primaryLoss: the range of values lies more than 30 sd from the mean']);
    expect(problems((_, __, r2) => (r2.primaryLoss = { type: 'normal', mean: 5, sd: 0 }))).toEqual(['R2.primaryLoss: sd must be greater than 0']);
  });

  it('needs exactly one of lossEventFrequency and threatEventFrequency', () => {
    expect(problems((_, __, r2) => (r2.threatEventFrequency = { type: 'constant', value: 1 }))).toEqual(['R2: give either lossEventFrequency or threatEventFrequency, not both']);
    expect(problems((_, __, r2) => delete r2.lossEventFrequency)).toEqual(['R2: lossEventFrequency or threatEventFrequency is required']);
  });

  it('ties vulnerability to threatEventFrequency', () => {
    expect(problems((_, r1) => delete r1.vulnerability)).toEqual(['R1.vulnerability: is required with threatEventFrequency']);
    expect(problems((_, __, r2) => (r2.vulnerability = { type: 'constant', value: 0.5 }))).toEqual([
      'R2.vulnerability: is only allowed with threatEventFrequency (lossEventFrequency already includes it)',
    ]);
  });

  it('needs primaryLoss', () => {
    expect(problems((_, __, r2) => delete r2.primaryLoss)).toEqual(['R2.primaryLoss: is required']);
  });

  it('ties secondaryLoss and its frequency together', () => {
    expect(problems((_, r1) => delete r1.secondaryLoss)).toEqual(['R1.secondaryLoss: is required with secondaryLossEventFrequency']);
    expect(problems((_, r1) => delete r1.secondaryLossEventFrequency)).toEqual(['R1.secondaryLossEventFrequency: is required with secondaryLoss']);
  });

  it('rejects duplicate risk ids and bad ids', () => {
    expect(problems((_, __, r2) => (r2.id = 'R1'))).toEqual(['R1: duplicate risk id (also risks[0])']);
    expect(problems((_, __, r2) => (r2.id = ' '))).toEqual(['risks[1].id: must be a non-empty string']);
    expect(problems((_, __, r2) => (r2.name = 3))).toEqual(['R2.name: must be a string']);
  });

  it('checks treatments: ids, duplicates, cost, effect factors and multipliers', () => {
    const t = (r1: Json): Json[] => r1.treatments as Json[];
    expect(problems((_, r1) => t(r1).push({ ...t(r1)[0]! }))).toEqual(['R1.treatments[C1]: duplicate treatment id']);
    expect(problems((_, r1) => (t(r1)[0]!.annualCost = -5))).toEqual(['R1.treatments[C1].annualCost: must be a number ≥ 0']);
    expect(problems((_, r1) => delete t(r1)[0]!.id)).toEqual(['R1.treatments[0].id: must be a non-empty string']);
    expect(problems((_, r1) => (t(r1)[0]!.effect = {}))).toEqual([
      'R1.treatments[C1].effect: must map at least one factor (lossEventFrequency, threatEventFrequency, vulnerability, primaryLoss, secondaryLossEventFrequency or secondaryLoss) to a distribution of multipliers',
    ]);
    expect(problems((_, r1) => (t(r1)[0]!.effect = { impact: { type: 'constant', value: 0.5 } }))).toEqual([
      'R1.treatments[C1].effect.impact: unknown factor (expected lossEventFrequency, threatEventFrequency, vulnerability, primaryLoss, secondaryLossEventFrequency or secondaryLoss)',
    ]);
    expect(problems((_, r1) => (t(r1)[0]!.effect = { primaryLoss: { type: 'constant', value: -0.5 } }))).toEqual([
      'R1.treatments[C1].effect.primaryLoss: value must not be negative (a multiplier)',
    ]);
    expect(problems((_, __, r2) => (r2.treatments = [{ id: 'X', annualCost: 1, effect: { secondaryLoss: { type: 'constant', value: 0.5 } } }]))).toEqual([
      'R2.treatments[X].effect.secondaryLoss: the risk has no secondary loss',
    ]);
    expect(problems((_, __, r2) => (r2.treatments = 'none'))).toEqual(['R2.treatments: must be a list of treatments']);
  });

  it('checks appetite points', () => {
    expect(problems((m) => (m.appetite = [{ loss: -1, probability: 0.1 }]))).toEqual(['appetite[0].loss: must be a number ≥ 0']);
    expect(problems((m) => (m.appetite = [{ loss: 1, probability: 1.5 }]))).toEqual(['appetite[0].probability: must be a number between 0 and 1']);
    expect(problems((m) => (m.appetite = [{ loss: 1, probability: 0.5 }, { loss: 1, probability: 0.1 }]))).toEqual(['appetite[1].loss: duplicate loss 1']);
    expect(problems((m) => (m.appetite = { loss: 1 }))).toEqual(['appetite: must be a list of { loss, probability } points']);
    expect(problems((m) => (m.appetite = [5]))).toEqual(['appetite[0]: must be a { loss, probability } point']);
  });

  it('checks currency, years and seed', () => {
    expect(problems((m) => (m.currency = 'usd'))).toEqual(['currency: must be a three-letter ISO 4217 currency code such as USD']);
    expect(problems((m) => (m.years = 2.5))).toEqual(['years: must be a whole number from 1 to 10000000']);
    expect(problems((m) => (m.years = 20_000_000))).toEqual(['years: must be a whole number from 1 to 10000000']);
    expect(problems((m) => (m.seed = -1))).toEqual(['seed: must be a whole number from 0 to 9007199254740991']);
    expect(problems((m) => (m.seed = '1'))).toEqual(['seed: must be a whole number from 0 to 9007199254740991']);
  });

  it('bounds the memory of a run', () => {
    const m = base();
    m.years = 10_000_000;
    m.risks = Array.from({ length: 21 }, (_, i) => ({ id: `R${i}`, lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 1 } }));
    expect(validateModel(m).map(formatProblem)).toEqual(['years: risks × years must not exceed 200000000 (the memory a run needs)']);
    // Each insurance policy counts as a risk: 19 risks fit, 19 risks and 2 policies do not.
    m.risks = (m.risks as Json[]).slice(0, 19);
    expect(validateModel(m)).toEqual([]);
    m.insurance = [
      { id: 'P1', premium: 1, deductible: 0, limit: 1 },
      { id: 'P2', premium: 1, deductible: 0, limit: 1 },
    ];
    expect(validateModel(m).map(formatProblem)).toEqual(['years: risks × years must not exceed 200000000 (the memory a run needs; each insurance policy counts as a risk)']);
    const run = { years: 10_000_000, seed: 1, risks: 19 };
    expect(checkRunOptions(run)).toEqual([]);
    expect(checkRunOptions({ ...run, policies: 2 }).map(formatProblem)).toEqual(['years: risks × years must not exceed 200000000 (the memory a run needs; each insurance policy counts as a risk)']);
  });
});

describe('the work of a run', () => {
  const risk = (id: string, lef: Json): Json => ({ id, lossEventFrequency: lef, primaryLoss: { type: 'constant', value: 1 } });

  it('refuses a risk expecting more than 1,000 loss events a year, with the figure, whatever the distribution', () => {
    expect(problems((m) => (m.risks = [risk('R1', { type: 'constant', value: 200_000 })]))).toEqual([
      "R1.lossEventFrequency: expects 200,000 loss events a year on average; a risk may expect at most 1,000 (the engine holds a block of 4,096 years of a risk's events in memory)",
    ]);
    expect(problems((m) => (m.risks = [risk('R1', { type: 'constant', value: 1e308 })]))[0]).toMatch(/^R1\.lossEventFrequency: expects 1e\+308 loss events a year/);
    // A lognormal whose 95th percentile is 1,000 but whose mean is exp(σ²/2) with σ = ln(10^6)/(2 × 1.645).
    expect(problems((m) => (m.risks = [risk('R1', { type: 'lognormal', low: 0.001, high: 1000 })]))[0]).toMatch(/^R1\.lossEventFrequency: expects 6,757\.39 loss events a year/);
    // Threat events × vulnerability count, named by the threat event frequency.
    const tef = { id: 'R2', threatEventFrequency: { type: 'constant', value: 4000 }, vulnerability: { type: 'constant', value: 0.5 }, primaryLoss: { type: 'constant', value: 1 } };
    expect(problems((m) => (m.risks = [tef]))).toEqual([
      "R2.threatEventFrequency: expects 2,000 loss events a year on average; a risk may expect at most 1,000 (the engine holds a block of 4,096 years of a risk's events in memory)",
    ]);
    expect(problems((m) => (m.risks = [risk('R1', { type: 'constant', value: 1000 })]))).toEqual([]);
  });

  it('refuses a run expecting more than a billion loss events, from the model or from the options, before it starts', () => {
    const m = base();
    m.years = 2_000_000;
    m.risks = [risk('R1', { type: 'constant', value: 300 }), risk('R2', { type: 'uniform', min: 100, max: 300 })];
    const message = 'years: 2,000,000 years × 500 expected loss events a year come to 1,000,000,000 loss events, more than the 1,000,000,000 a run may simulate (fewer years, or lower frequencies)';
    expect(validateModel(m)).toEqual([]);
    m.years = 2_000_001;
    expect(validateModel(m).map(formatProblem)).toEqual([message.replace('2,000,000 years', '2,000,001 years').replace('to 1,000,000,000 loss', 'to 1,000,000,500 loss')]);
    delete m.years;
    expect(() => simulateModel(m as never, { years: 2_000_001 })).toThrow(ModelValidationError);
    expect(checkRunOptions({ years: 2_000_001, seed: 1, eventsPerYear: 500 }).map(formatProblem)).toEqual([
      message.replace('2,000,000 years', '2,000,001 years').replace('to 1,000,000,000 loss', 'to 1,000,000,500 loss'),
    ]);
  });

  it('stops a run whose draws exceed the events it holds at once, instead of taking more memory', () => {
    // A mean of about 200 events a year, but a tail that reaches millions in a rare year: with
    // seed 292 one year of the first block draws more than MAX_BLOCK_EVENTS.
    const model = { risks: [risk('R1', { type: 'lognormal', low: 0.0001, high: 50 })] };
    expect(validateModel(model)).toEqual([]);
    expect(() => simulateModel(model as never, { years: 4096, seed: 292 })).toThrow(EventLimitError);
    expect(() => simulateModel(model as never, { years: 4096, seed: 292 })).toThrow(
      `R1: drew more than ${MAX_BLOCK_EVENTS.toLocaleString('en-US')} loss events in one block of 4,096 years`,
    );
    // The same risk with another seed runs.
    expect(simulateModel(model as never, { years: 4096, seed: 1 }).risks[0]!.id).toBe('R1');
  });
});

describe('parseModel, checkRunOptions and simulateModel', () => {
  it('parseModel returns the model or throws every problem', () => {
    expect(parseModel(base())).toEqual(base());
    const bad = base();
    bad.years = -1;
    bad.seed = 1.5;
    try {
      parseModel(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ModelValidationError);
      expect((err as ModelValidationError).problems.map(formatProblem)).toEqual([
        'years: must be a whole number from 1 to 10000000',
        'seed: must be a whole number from 0 to 9007199254740991',
      ]);
    }
  });

  it('checks run options given apart from the model', () => {
    expect(checkRunOptions({ years: 100, seed: 1, threads: 2 })).toEqual([]);
    expect(checkRunOptions({ years: 0, seed: -1, threads: 0 }).map(formatProblem)).toEqual([
      'years: must be a whole number from 1 to 10000000',
      'seed: must be a whole number from 0 to 9007199254740991',
      'threads: must be a whole number from 1 to 256',
    ]);
  });

  it('simulateModel refuses an invalid model or options', () => {
    const bad = base();
    (bad.risks as Json[])[0]!.primaryLoss = { type: 'lognormal', low: 10, high: 5 };
    expect(() => simulateModel(bad as never)).toThrow(ModelValidationError);
    expect(() => simulateModel(parseModel(base()), { years: 0 })).toThrow('years: must be a whole number');
  });
});

describe('validateModel: insurance (contract version 2)', () => {
  const policy = (extra: Json = {}): Json => ({ id: 'P1', name: 'Cyber policy', premium: 18_000, deductible: 25_000, limit: 1_000_000, aggregateLimit: 2_000_000, covers: ['R1', 'R2'], ...extra });
  const insured = (...policies: Json[]): string[] => problems((m) => (m.insurance = policies));

  it('accepts policies in full and minimal, and a model without any', () => {
    expect(insured(policy())).toEqual([]);
    expect(insured({ id: 'P1', premium: 0, deductible: 0, limit: 1 })).toEqual([]);
    expect(insured(policy(), policy({ id: 'P2', deductible: 1_025_000, covers: ['R1'] }))).toEqual([]);
    expect(insured()).toEqual([]);
  });

  it('names the policy by its id and the field', () => {
    expect(insured(policy({ limit: 0 }))).toEqual(['P1.limit: must be greater than 0']);
    expect(insured(policy({ limit: -5, aggregateLimit: undefined }))).toEqual(['P1.limit: must be greater than 0']);
    expect(insured(policy({ premium: -1 }))).toEqual(['P1.premium: must not be negative']);
    expect(insured(policy({ deductible: -0.01 }))).toEqual(['P1.deductible: must not be negative']);
    expect(insured(policy({ aggregateLimit: 0 }))).toEqual(['P1.aggregateLimit: must be greater than 0']);
    expect(insured(policy({ aggregateLimit: 500_000 }))).toEqual(['P1.aggregateLimit: must not be less than the limit (1000000)']);
    expect(insured(policy({ covers: ['R1', 'R9'] }))).toEqual(['P1.covers[1]: names no risk: there is no risk with id R9']);
    expect(insured(policy({ covers: ['R1', 'R1'] }))).toEqual(['P1.covers[1]: R1 is listed twice']);
    expect(insured(policy({ covers: [] }))).toEqual(['P1.covers: must be a list of risk ids (leave it out to cover every risk)']);
    expect(insured(policy({ covers: 'R1' }))).toEqual(['P1.covers: must be a list of risk ids (leave it out to cover every risk)']);
    expect(insured(policy({ excess: 1 }))).toEqual(['P1: unknown field "excess"']);
    expect(insured(policy({ name: 3 }))).toEqual(['P1.name: must be a string']);
    expect(insured(policy({ premium: '18000' }))).toEqual(['P1.premium: must be a number']);
  });

  it('refuses duplicate policy ids, missing fields, and what is not a policy', () => {
    expect(insured(policy(), policy())).toEqual(['P1: duplicate policy id (also insurance[0])']);
    expect(insured({ id: 'P1' })).toEqual(['P1.premium: is required', 'P1.deductible: is required', 'P1.limit: is required']);
    expect(insured({ premium: 1, deductible: 0, limit: 1 })).toEqual(['insurance[0].id: must be a non-empty string']);
    expect(insured(42 as unknown as Json)).toEqual(['insurance[0]: must be a policy: an object with an id, premium, deductible and limit']);
    expect(problems((m) => (m.insurance = { id: 'P1' }))).toEqual(['insurance: must be a list of policies: { id, premium, deductible, limit, aggregateLimit?, covers? }']);
  });

  it('checks policies even when the risks are wrong, reporting both', () => {
    expect(
      problems((m) => {
        m.risks = [];
        m.insurance = [policy({ limit: 0, covers: ['R1'] })];
      }),
    ).toEqual(['risks: must be a list with at least one risk', 'P1.limit: must be greater than 0']);
  });
});
