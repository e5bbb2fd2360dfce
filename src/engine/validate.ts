/**
 * Validation of risk models. Every problem is reported, each once, with a path that names the
 * risk by its id and the field, e.g. `R7.primaryLoss: low must be less than high`, so the CLI,
 * the API and the web app can show them as they are.
 */
import { normalRangeMass, roleBounds, Sampler, type FactorRole } from './distributions.js';
import {
  DISTRIBUTION_TYPES,
  MAX_EVENTS_PER_RISK_YEAR,
  MAX_RISK_YEARS,
  MAX_RUN_EVENTS,
  MAX_THREADS,
  MAX_YEARS,
  TREATMENT_FACTORS,
  type Distribution,
  type RiskModel,
} from './model.js';

/** One problem with a model: where (`R7.primaryLoss`; empty for the model as a whole) and what. */
export interface ModelProblem {
  path: string;
  message: string;
}

/** `path: message`, the way problems are shown. */
export function formatProblem(problem: ModelProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** Thrown by functions that need a valid model or valid run options; carries every problem. */
export class ModelValidationError extends Error {
  constructor(readonly problems: ModelProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ModelValidationError';
  }
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isWhole(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

const FIELDS: Record<string, readonly string[]> = {
  constant: ['type', 'value'],
  uniform: ['type', 'min', 'max'],
  triangular: ['type', 'min', 'mode', 'max'],
  pert: ['type', 'min', 'mode', 'max', 'gamma'],
  lognormal: ['type', 'low', 'high', 'confidence'],
  normal: ['type', 'mean', 'sd', 'min', 'max'],
};
const REQUIRED: Record<string, readonly string[]> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  lognormal: ['low', 'high'],
  normal: ['mean', 'sd'],
};
const MODEL_FIELDS = ['currency', 'years', 'seed', 'appetite', 'risks', 'insurance'];
const RISK_FIELDS = [
  'id',
  'name',
  'lossEventFrequency',
  'threatEventFrequency',
  'vulnerability',
  'primaryLoss',
  'secondaryLossEventFrequency',
  'secondaryLoss',
  'treatments',
];
const TREATMENT_FIELDS = ['id', 'name', 'annualCost', 'effect'];
const POLICY_FIELDS = ['id', 'name', 'premium', 'deductible', 'limit', 'aggregateLimit', 'covers'];
/** How far (in standard deviations) a normal's range may lie from its mean. */
const MAX_NORMAL_Z = 30;

function list(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

class Checker {
  readonly problems: ModelProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  unknownFields(obj: Obj, allowed: readonly string[], path: string, what = ''): void {
    for (const key of Object.keys(obj)) if (!allowed.includes(key)) this.add(path, `unknown field "${key}"${what}`);
  }

  /** A distribution in a given role; returns nothing, adds problems. */
  distribution(v: unknown, path: string, role: FactorRole): void {
    if (!isObject(v) || typeof v.type !== 'string') {
      this.add(path, `must be a distribution: an object with a type (${list(DISTRIBUTION_TYPES)})`);
      return;
    }
    const type = v.type;
    const fields = FIELDS[type];
    if (!fields) {
      this.add(path, `unknown distribution type "${type}" (expected ${list(DISTRIBUTION_TYPES)})`);
      return;
    }
    this.unknownFields(v, fields, path, ` for type ${type} (it takes ${list(fields.slice(1))})`);
    let ok = true;
    for (const f of fields.slice(1)) {
      const x = v[f];
      if (x === undefined) {
        if (REQUIRED[type]!.includes(f)) {
          this.add(path, `${f} is required for type ${type}`);
          ok = false;
        }
      } else if (!isNumber(x)) {
        this.add(path, `${f} must be a number`);
        ok = false;
      }
    }
    if (!ok) return;
    const n = (f: string): number => v[f] as number;
    const has = (f: string): boolean => v[f] !== undefined;
    const probability = role === 'probability';
    const [lo, hi] = roleBounds(role);
    const what = probability ? 'a probability' : role === 'rate' ? 'a rate' : role === 'loss' ? 'a loss' : 'a multiplier';
    const within = (f: string): void => {
      if (n(f) < lo) this.add(path, probability ? `${f} must be between 0 and 1` : `${f} must not be negative (${what})`);
      else if (n(f) > hi) this.add(path, `${f} must be between 0 and 1`);
    };
    switch (type) {
      case 'constant':
        within('value');
        break;
      case 'uniform':
        if (n('min') >= n('max')) this.add(path, 'min must be less than max');
        within('min');
        within('max');
        break;
      case 'triangular':
      case 'pert':
        if (n('min') >= n('max')) this.add(path, 'min must be less than max');
        else if (n('mode') < n('min')) this.add(path, 'mode must not be less than min');
        else if (n('mode') > n('max')) this.add(path, 'mode must not be greater than max');
        within('min');
        within('max');
        if (has('gamma') && !(n('gamma') > 0)) this.add(path, 'gamma must be greater than 0');
        break;
      case 'lognormal':
        if (probability) {
          this.add(path, 'a lognormal is unbounded and cannot describe a probability (use pert, triangular, uniform, normal or constant)');
          break;
        }
        if (!(n('low') > 0)) this.add(path, 'low must be greater than 0');
        if (n('low') >= n('high')) this.add(path, 'low must be less than high');
        if (has('confidence') && !(n('confidence') > 0 && n('confidence') < 1)) this.add(path, 'confidence must be between 0 and 1 (exclusive)');
        break;
      case 'normal': {
        if (!(n('sd') > 0)) {
          this.add(path, 'sd must be greater than 0');
          break;
        }
        if (has('min') && has('max') && n('min') >= n('max')) {
          this.add(path, 'min must be less than max');
          break;
        }
        if (probability && (n('mean') < 0 || n('mean') > 1)) this.add(path, 'mean must be between 0 and 1');
        else if (!probability && n('mean') < 0) this.add(path, `mean must not be negative (${what})`);
        if (has('min')) within('min');
        if (has('max')) within('max');
        const a = Math.max(has('min') ? n('min') : -Infinity, lo);
        const b = Math.min(has('max') ? n('max') : Infinity, hi);
        const mean = n('mean');
        const sd = n('sd');
        if (a < b && ((a - mean) / sd > MAX_NORMAL_Z || (b - mean) / sd < -MAX_NORMAL_Z || !(normalRangeMass(mean, sd, a, b) > 0))) {
          this.add(path, `the range of values lies more than ${MAX_NORMAL_Z} sd from the mean`);
        }
        break;
      }
    }
  }
}

/**
 * Checks a risk model (parsed JSON or YAML, or an API body) against the format of
 * docs/risk-model.md. Returns every problem found; an empty list means the input is a valid
 * {@link RiskModel}.
 */
export function validateModel(input: unknown): ModelProblem[] {
  const c = new Checker();
  if (!isObject(input)) {
    c.add('', 'a risk model must be an object with a list of risks');
    return c.problems;
  }
  c.unknownFields(input, MODEL_FIELDS, '');
  if (input.currency !== undefined && !isCurrency(input.currency)) c.add('currency', 'must be a three-letter ISO 4217 currency code such as USD');
  if (input.years !== undefined && !isWhole(input.years, 1, MAX_YEARS)) c.add('years', `must be a whole number from 1 to ${MAX_YEARS}`);
  if (input.seed !== undefined && !isWhole(input.seed, 0, Number.MAX_SAFE_INTEGER)) c.add('seed', `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);

  if (input.appetite !== undefined) {
    if (!Array.isArray(input.appetite)) c.add('appetite', 'must be a list of { loss, probability } points');
    else {
      const seen = new Set<number>();
      input.appetite.forEach((point: unknown, i) => {
        const path = `appetite[${i}]`;
        if (!isObject(point)) {
          c.add(path, 'must be a { loss, probability } point');
          return;
        }
        c.unknownFields(point, ['loss', 'probability'], path);
        if (!isNumber(point.loss) || point.loss < 0) c.add(`${path}.loss`, 'must be a number ≥ 0');
        else if (seen.has(point.loss)) c.add(`${path}.loss`, `duplicate loss ${point.loss}`);
        else seen.add(point.loss);
        if (!isNumber(point.probability) || point.probability < 0 || point.probability > 1) c.add(`${path}.probability`, 'must be a number between 0 and 1');
      });
    }
  }

  const ids = new Map<string, number>();
  const risksGiven = Array.isArray(input.risks) && input.risks.length > 0;
  if (!Array.isArray(input.risks) || input.risks.length === 0) c.add('risks', 'must be a list with at least one risk');
  else {
    let eventsPerYear = 0;
    input.risks.forEach((risk: unknown, i) => {
      eventsPerYear += checkRisk(c, risk, i, ids);
    });
    const policies = Array.isArray(input.insurance) ? input.insurance.length : 0;
    if (isWhole(input.years, 1, MAX_YEARS) && (input.risks.length + policies) * input.years > MAX_RISK_YEARS) c.add('years', memoryMessage(policies));
    else if (isWhole(input.years, 1, MAX_YEARS) && eventsPerYear * input.years > MAX_RUN_EVENTS) c.add('years', workMessage(input.years, eventsPerYear));
  }
  // Without a list of risks, `covers` cannot be checked against it.
  if (input.insurance !== undefined) checkInsurance(c, input.insurance, risksGiven ? ids : null);
  return c.problems;
}

/** The insurance policies: each named by its id, `covers` checked against the risks' ids (when known). */
function checkInsurance(c: Checker, insurance: unknown, riskIds: Map<string, number> | null): void {
  if (!Array.isArray(insurance)) {
    c.add('insurance', 'must be a list of policies: { id, premium, deductible, limit, aggregateLimit?, covers? }');
    return;
  }
  const seen = new Map<string, number>();
  insurance.forEach((policy: unknown, i) => {
    if (!isObject(policy)) {
      c.add(`insurance[${i}]`, 'must be a policy: an object with an id, premium, deductible and limit');
      return;
    }
    const validId = typeof policy.id === 'string' && policy.id.trim() !== '';
    const at = validId ? (policy.id as string) : `insurance[${i}]`;
    if (!validId) c.add(`insurance[${i}].id`, 'must be a non-empty string');
    else if (seen.has(at)) c.add(at, `duplicate policy id (also insurance[${seen.get(at)!}])`);
    else seen.set(at, i);
    c.unknownFields(policy, POLICY_FIELDS, at);
    if (policy.name !== undefined && typeof policy.name !== 'string') c.add(`${at}.name`, 'must be a string');
    for (const field of ['premium', 'deductible'] as const) {
      const v = policy[field];
      if (v === undefined) c.add(`${at}.${field}`, 'is required');
      else if (!isNumber(v)) c.add(`${at}.${field}`, 'must be a number');
      else if (v < 0) c.add(`${at}.${field}`, 'must not be negative');
    }
    const limit = policy.limit;
    const limitOk = isNumber(limit) && limit > 0;
    if (limit === undefined) c.add(`${at}.limit`, 'is required');
    else if (!isNumber(limit)) c.add(`${at}.limit`, 'must be a number');
    else if (!limitOk) c.add(`${at}.limit`, 'must be greater than 0');
    const aggregate = policy.aggregateLimit;
    if (aggregate !== undefined) {
      if (!isNumber(aggregate)) c.add(`${at}.aggregateLimit`, 'must be a number');
      else if (!(aggregate > 0)) c.add(`${at}.aggregateLimit`, 'must be greater than 0');
      else if (limitOk && aggregate < limit) c.add(`${at}.aggregateLimit`, `must not be less than the limit (${limit})`);
    }
    if (policy.covers === undefined) return;
    if (!Array.isArray(policy.covers) || policy.covers.length === 0) {
      c.add(`${at}.covers`, 'must be a list of risk ids (leave it out to cover every risk)');
      return;
    }
    const listed = new Set<string>();
    policy.covers.forEach((id: unknown, j) => {
      const path = `${at}.covers[${j}]`;
      if (typeof id !== 'string' || id.trim() === '') c.add(path, 'must be a risk id');
      else if (listed.has(id)) c.add(path, `${id} is listed twice`);
      else {
        listed.add(id);
        if (riskIds && !riskIds.has(id)) c.add(path, `names no risk: there is no risk with id ${id}`);
      }
    });
  });
}

/**
 * Checks one risk; returns its expected loss events a year when its frequencies are valid (0
 * otherwise), for the bound on a run's events.
 */
function checkRisk(c: Checker, risk: unknown, i: number, ids: Map<string, number>): number {
  if (!isObject(risk)) {
    c.add(`risks[${i}]`, 'must be a risk: an object with an id');
    return 0;
  }
  const validId = typeof risk.id === 'string' && risk.id.trim() !== '';
  const at = validId ? (risk.id as string) : `risks[${i}]`;
  if (!validId) c.add(`risks[${i}].id`, 'must be a non-empty string');
  else if (ids.has(at)) c.add(at, `duplicate risk id (also risks[${ids.get(at)!}])`);
  else ids.set(at, i);
  c.unknownFields(risk, RISK_FIELDS, at);
  if (risk.name !== undefined && typeof risk.name !== 'string') c.add(`${at}.name`, 'must be a string');

  const lef = risk.lossEventFrequency !== undefined;
  const tef = risk.threatEventFrequency !== undefined;
  const vul = risk.vulnerability !== undefined;
  if (lef && tef) c.add(at, 'give either lossEventFrequency or threatEventFrequency, not both');
  else if (!lef && !tef) c.add(at, 'lossEventFrequency or threatEventFrequency is required');
  if (tef && !lef && !vul) c.add(`${at}.vulnerability`, 'is required with threatEventFrequency');
  if (vul && !tef) c.add(`${at}.vulnerability`, 'is only allowed with threatEventFrequency (lossEventFrequency already includes it)');
  const before = c.problems.length;
  if (lef) c.distribution(risk.lossEventFrequency, `${at}.lossEventFrequency`, 'rate');
  if (tef) c.distribution(risk.threatEventFrequency, `${at}.threatEventFrequency`, 'rate');
  if (vul) c.distribution(risk.vulnerability, `${at}.vulnerability`, 'probability');
  let events = 0;
  if (c.problems.length === before && (lef ? !tef : tef && vul)) {
    events = lef
      ? Sampler.of(risk.lossEventFrequency as Distribution, 'rate').mean
      : Sampler.of(risk.threatEventFrequency as Distribution, 'rate').mean * Sampler.of(risk.vulnerability as Distribution, 'probability').mean;
    if (!(events <= MAX_EVENTS_PER_RISK_YEAR)) {
      c.add(
        `${at}.${lef ? 'lossEventFrequency' : 'threatEventFrequency'}`,
        `expects ${figure(events)} loss events a year on average; a risk may expect at most ${figure(MAX_EVENTS_PER_RISK_YEAR)} (the engine holds a block of 4,096 years of a risk's events in memory)`,
      );
      events = 0;
    }
  }

  if (risk.primaryLoss === undefined) c.add(`${at}.primaryLoss`, 'is required');
  else c.distribution(risk.primaryLoss, `${at}.primaryLoss`, 'loss');
  const slef = risk.secondaryLossEventFrequency !== undefined;
  const sl = risk.secondaryLoss !== undefined;
  if (slef && !sl) c.add(`${at}.secondaryLoss`, 'is required with secondaryLossEventFrequency');
  if (sl && !slef) c.add(`${at}.secondaryLossEventFrequency`, 'is required with secondaryLoss');
  if (slef) c.distribution(risk.secondaryLossEventFrequency, `${at}.secondaryLossEventFrequency`, 'probability');
  if (sl) c.distribution(risk.secondaryLoss, `${at}.secondaryLoss`, 'loss');

  if (risk.treatments !== undefined) checkTreatments(c, risk.treatments, at, slef && sl);
  return events;
}

function checkTreatments(c: Checker, treatments: unknown, at: string, secondary: boolean): void {
  if (!Array.isArray(treatments)) {
    c.add(`${at}.treatments`, 'must be a list of treatments');
    return;
  }
  const tids = new Set<string>();
  treatments.forEach((t: unknown, j) => {
    if (!isObject(t)) {
      c.add(`${at}.treatments[${j}]`, 'must be a treatment: an object with an id, annualCost and effect');
      return;
    }
    const tValid = typeof t.id === 'string' && t.id.trim() !== '';
    const tp = `${at}.treatments[${tValid ? (t.id as string) : j}]`;
    if (!tValid) c.add(`${tp}.id`, 'must be a non-empty string');
    else if (tids.has(t.id as string)) c.add(tp, 'duplicate treatment id');
    else tids.add(t.id as string);
    c.unknownFields(t, TREATMENT_FIELDS, tp);
    if (t.name !== undefined && typeof t.name !== 'string') c.add(`${tp}.name`, 'must be a string');
    if (!isNumber(t.annualCost) || t.annualCost < 0) c.add(`${tp}.annualCost`, 'must be a number ≥ 0');
    if (!isObject(t.effect) || Object.keys(t.effect).length === 0) {
      c.add(`${tp}.effect`, `must map at least one factor (${list(TREATMENT_FACTORS)}) to a distribution of multipliers`);
      return;
    }
    for (const [factor, dist] of Object.entries(t.effect)) {
      const fp = `${tp}.effect.${factor}`;
      if (!(TREATMENT_FACTORS as readonly string[]).includes(factor)) c.add(fp, `unknown factor (expected ${list(TREATMENT_FACTORS)})`);
      else if ((factor === 'secondaryLoss' || factor === 'secondaryLossEventFrequency') && !secondary) c.add(fp, 'the risk has no secondary loss');
      else c.distribution(dist, fp, 'multiplier');
    }
  });
}

/** A well-formed ISO 4217 code (what Intl.NumberFormat accepts as a currency). */
function isCurrency(v: unknown): boolean {
  return typeof v === 'string' && /^[A-Z]{3}$/.test(v);
}

/**
 * Returns the model typed as {@link RiskModel} when it is valid; otherwise throws a
 * {@link ModelValidationError} listing every problem.
 */
export function parseModel(input: unknown): RiskModel {
  const problems = validateModel(input);
  if (problems.length > 0) throw new ModelValidationError(problems);
  return input as RiskModel;
}

/** 1,234.5 as people write it; beyond a quadrillion, 1e+308. */
const figure = (x: number): string => (x < 1e15 ? x.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Number(x.toPrecision(6))));

function workMessage(years: number, eventsPerYear: number): string {
  return (
    `${figure(years)} years × ${figure(eventsPerYear)} expected loss events a year come to ${figure(years * eventsPerYear)} loss events, ` +
    `more than the ${figure(MAX_RUN_EVENTS)} a run may simulate (fewer years, or lower frequencies)`
  );
}

function memoryMessage(policies: number): string {
  return `risks × years must not exceed ${MAX_RISK_YEARS} (the memory a run needs${policies > 0 ? '; each insurance policy counts as a risk' : ''})`;
}

/**
 * Checks the parameters of a run (years, seed, threads) given apart from the model; with
 * `risks` (and `policies`), that the run fits in memory; with `eventsPerYear` (the risks'
 * expected loss events a year), that its expected events stay within {@link MAX_RUN_EVENTS}.
 */
export function checkRunOptions(options: { years: unknown; seed: unknown; threads?: unknown; risks?: number; policies?: number; eventsPerYear?: number }): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const policies = options.policies ?? 0;
  if (!isWhole(options.years, 1, MAX_YEARS)) problems.push({ path: 'years', message: `must be a whole number from 1 to ${MAX_YEARS}` });
  else if (options.risks !== undefined && (options.risks + policies) * options.years > MAX_RISK_YEARS) {
    problems.push({ path: 'years', message: memoryMessage(policies) });
  } else if (options.eventsPerYear !== undefined && options.eventsPerYear * options.years > MAX_RUN_EVENTS) {
    problems.push({ path: 'years', message: workMessage(options.years, options.eventsPerYear) });
  }
  if (!isWhole(options.seed, 0, Number.MAX_SAFE_INTEGER)) problems.push({ path: 'seed', message: `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}` });
  if (options.threads !== undefined && !isWhole(options.threads, 1, MAX_THREADS)) problems.push({ path: 'threads', message: `must be a whole number from 1 to ${MAX_THREADS}` });
  return problems;
}
