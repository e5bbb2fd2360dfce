/**
 * fast-check arbitraries derived from Zod 4 schemas: the values a route's own schema accepts,
 * mixed with hostile ones (wrong types, out-of-range and huge numbers, long and odd unicode
 * text, prototype keys, unknown fields). No maintained library does this for Zod 4 and
 * fast-check 4, so it reads Zod's schema definitions here; unknown kinds fall back to any
 * JSON value, which the server must refuse cleanly anyway.
 */
import fc from 'fast-check';

/** A Zod schema seen through its definition (`schema._zod.def`), the part this file reads. */
interface Def {
  type: string;
  [key: string]: unknown;
}
interface ZodLike {
  _zod: { def: Def };
}
interface CheckDef {
  check: string;
  [key: string]: unknown;
}

export interface ArbitraryOptions {
  /**
   * Values to use for a string field, by its name and schema (ids from the database for
   * `scenarioId`, for example); null to generate from the schema alone.
   */
  stringsFor?: (name: string) => fc.Arbitrary<string> | null;
  /** Relative weight of a hostile value against 10 for a valid one, at every node (default 1). */
  hostility?: number;
}

const isZod = (s: unknown): s is ZodLike => typeof s === 'object' && s !== null && '_zod' in s;

function checksOf(def: Def): CheckDef[] {
  const checks = (def.checks ?? []) as ZodLike[];
  return checks.map((c) => c._zod.def as unknown as CheckDef);
}

/** Hostile values of any type: what a careless or malicious client sends. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    -(2 ** 31),
    0.1 + 0.2,
    5e-324,
    '',
    ' ',
    '   \t\n',
    'null',
    'undefined',
    '0',
    '-1',
    '1e308',
    'NaN',
    'Infinity',
    '2026-02-30',
    '9999-12-31T23:59:59.999Z',
    '0000-00-00',
    '\u202eevil',
    'e\u0301\u0301\u0301',
    '\uFB03 \u2167 \uFF21',
    '\uD83D\uDE00'.repeat(50),
    '\uD800',
    'Robert\'); DROP TABLE clients;--',
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    'a'.repeat(10_000),
    '__proto__',
    'constructor',
    [],
    [null],
    {},
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Values of common formats (dates, quarters, countries, currencies, colours) offered to patterns that accept them. */
const KNOWN_VALUES = [
  ...['2024-02-29', '2025-01-01', '2026-03-31', '2026-06-30', '2026-11-26', '2026-12-31', '2027-01-15', '2027-09-30', '2030-12-31'],
  ...['2025Q4', '2026Q1', '2026Q3', '2026Q4', '2027Q1', '2027Q2'],
  ...['2026-11-26T09:00:00.000Z', '2027-01-01T00:00:00Z'],
  ...['US', 'DE', 'GB', 'FR', 'NL', 'IE', 'CA', 'IN'],
  ...['USD', 'EUR', 'GBP', 'JPY', 'CHF'],
  ...['#1f77b4', '#000000'],
  // Kinds of record that fields such as a concern's subject type name.
  ...['risk', 'decision', 'vendor', 'system', 'service', 'dataset', 'treatment', 'acceptance', 'contract', 'grant', 'finding', 'report-section'],
];

/** Extra keys an object may carry: unknown fields, prototype keys. */
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'id', 'client_id', 'clientId', '');

/** Objects built as JSON parses them: `__proto__` is an own key, not the prototype. */
function withExtraKey(value: unknown, key: string, extra: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = v;
  Object.defineProperty(out, key, { value: extra, enumerable: true, writable: true, configurable: true });
  return out;
}

function stringArb(def: Def, name: string, options: ArbitraryOptions): fc.Arbitrary<string> {
  const given = options.stringsFor?.(name);
  // A format is the schema's own (z.email()) or a check on a string (z.string().email()).
  const formatCheck = checksOf(def).find((c) => c.check === 'string_format' && typeof c.format === 'string' && !['regex', 'starts_with', 'ends_with', 'includes', 'lowercase', 'uppercase'].includes(c.format));
  const format = (def.format as string | undefined) ?? (formatCheck?.format as string | undefined);
  let min = 0;
  let max = 60;
  let exact: number | undefined;
  let pattern: RegExp | undefined;
  for (const c of checksOf(def)) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum as number);
    if (c.check === 'max_length') max = Math.min(max, c.maximum as number);
    if (c.check === 'length_equals') exact = c.length as number;
    if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) pattern = c.pattern;
    if (c.check === 'string_format' && (c.format === 'starts_with' || c.format === 'ends_with' || c.format === 'includes') && c.pattern instanceof RegExp) pattern = c.pattern;
  }
  let base: fc.Arbitrary<string>;
  switch (format) {
    case 'uuid':
    case 'guid':
      base = fc.uuid();
      break;
    case 'email':
      // Plain addresses (fast-check's RFC-wide ones include forms Zod refuses).
      base = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,12}[a-z0-9]$/), fc.constantFrom('example.com', 'northbridge.example', 'harborfinch.example', 'mail.example.org')).map(([l, d]) => `${l.replace(/\.\./g, '.')}@${d}`);
      break;
    case 'url':
      base = fc.webUrl();
      break;
    case 'date':
      base = fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      break;
    case 'datetime':
      base = fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      break;
    default:
      if (pattern) {
        // Random text that matches a pattern is rarely a real date or code: offer known values
        // of common formats that the pattern accepts as well.
        const known = KNOWN_VALUES.filter((v) => pattern.test(v));
        const matching = matchingArbitrary(pattern).filter((s) => s.length <= 200);
        base = known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: matching }) : matching;
      }
      else if (exact !== undefined) base = fc.string({ minLength: exact, maxLength: exact });
      else {
        const hi = Math.max(min, max);
        base = fc.oneof(
          { weight: 6, arbitrary: fc.string({ minLength: min, maxLength: Math.min(hi, min + 30) }) },
          { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(hi, min + 20) }) },
          // At the limit: the longest text the schema takes.
          { weight: 1, arbitrary: fc.constant('x'.repeat(hi)) },
        );
      }
  }
  return given ? fc.oneof({ weight: 4, arbitrary: given }, { weight: 1, arbitrary: base }) : base;
}

function numberArb(def: Def): fc.Arbitrary<number> {
  let min = -1e12;
  let max = 1e12;
  let minExclusive = false;
  let maxExclusive = false;
  let int = false;
  for (const c of checksOf(def)) {
    if (c.check === 'greater_than') {
      min = c.value as number;
      minExclusive = !(c.inclusive as boolean);
    }
    if (c.check === 'less_than') {
      max = c.value as number;
      maxExclusive = !(c.inclusive as boolean);
    }
    if (c.check === 'number_format' && typeof c.format === 'string' && /int/.test(c.format)) int = true;
  }
  if (int) {
    const lo = Math.ceil(minExclusive ? min + 1 : Math.max(min, Number.MIN_SAFE_INTEGER));
    const hi = Math.floor(maxExclusive ? max - 1 : Math.min(max, Number.MAX_SAFE_INTEGER));
    if (lo > hi) return fc.constant(lo);
    return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9) }).filter((n) => n >= lo && n <= hi) }, { weight: 1, arbitrary: fc.constantFrom(lo, hi) });
  }
  const inner = fc.double({ min, max, minExcluded: minExclusive, maxExcluded: maxExclusive, noNaN: true, noDefaultInfinity: true });
  const small = fc.double({ min: Math.max(min, -1000), max: Math.min(max, 1000), minExcluded: minExclusive, maxExcluded: maxExclusive, noNaN: true, noDefaultInfinity: true });
  const edges = [minExclusive ? null : min, maxExclusive ? null : max].filter((x): x is number => x !== null && Number.isFinite(x));
  return fc.oneof({ weight: 3, arbitrary: small }, { weight: 2, arbitrary: inner }, ...(edges.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...edges) }] : []));
}

/**
 * An arbitrary of the values `schema` describes, each node now and then replaced by a hostile
 * value. `name` is the field's name, for `stringsFor`.
 */
export function arbitraryOf(schema: unknown, options: ArbitraryOptions = {}, name = '', depth = 0): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, options, name, depth);
  const hostility = options.hostility ?? 1;
  if (hostility <= 0) return valid;
  return fc.oneof({ weight: 10, arbitrary: valid }, { weight: hostility, arbitrary: hostileValue });
}

function validArbitrary(schema: unknown, options: ArbitraryOptions, name: string, depth: number): fc.Arbitrary<unknown> {
  if (!isZod(schema)) return fc.jsonValue({ maxDepth: 2 });
  const def = schema._zod.def;
  const recurse = (s: unknown, n = name): fc.Arbitrary<unknown> => (depth > 8 ? fc.constant(null) : arbitraryOf(s, options, n, depth + 1));
  switch (def.type) {
    case 'string':
      return stringArb(def, name, options);
    case 'number':
    case 'int':
      return numberArb(def);
    case 'bigint':
      return fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => Number(b));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'nonoptional':
    case 'readonly':
      return fc.option(recurse(def.innerType), { nil: undefined, freq: 5 });
    case 'nullable':
      return fc.option(recurse(def.innerType), { nil: null, freq: 4 });
    case 'array': {
      let min = 0;
      let max = 4;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') min = c.minimum as number;
        if (c.check === 'max_length') max = Math.min(Math.max(min, 4), c.maximum as number);
        if (c.check === 'length_equals') min = max = c.length as number;
      }
      return fc.array(recurse(def.element), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((i) => recurse(i)));
    case 'object': {
      const shape = def.shape as Record<string, ZodLike>;
      const required: string[] = [];
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, field] of Object.entries(shape)) {
        fields[key] = recurse(field, key);
        const t = field._zod.def.type;
        if (t !== 'optional' && t !== 'default' && t !== 'prefault') required.push(key);
      }
      const record = fc.record(fields, { requiredKeys: required });
      if ((options.hostility ?? 1) <= 0) return record;
      // Now and then a field the schema does not know (strict objects must refuse it).
      return fc.oneof(
        { weight: 12, arbitrary: record },
        { weight: 1, arbitrary: fc.tuple(record, hostileKey, hostileValue).map(([r, k, v]) => withExtraKey(r, k, v)) },
        // Now and then a required field goes missing.
        ...(required.length > 0 ? [{ weight: 1, arbitrary: fc.tuple(record, fc.constantFrom(...required)).map(([r, k]) => Object.fromEntries(Object.entries(r).filter(([key]) => key !== k))) }] : []),
      );
    }
    case 'record':
      return fc.dictionary(stringArb({ type: 'string' }, '', {}).filter((k) => k !== '__proto__'), recurse(def.valueType), { maxKeys: 4 });
    case 'union': {
      const opts = (def.options as unknown[]).map((o) => recurse(o));
      return opts.length > 0 ? fc.oneof(...opts) : fc.constant(null);
    }
    case 'intersection':
      return fc.tuple(recurse(def.left), recurse(def.right)).map(([a, b]) =>
        typeof a === 'object' && a !== null && typeof b === 'object' && b !== null ? { ...a, ...b } : a,
      );
    case 'pipe':
      // The input side is what a client sends; transforms and coercions come after.
      return recurse((def.in) ?? def.out);
    case 'lazy':
      return recurse((def.getter as () => unknown)());
    case 'transform':
      return fc.jsonValue({ maxDepth: 1 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Strings that match a pattern. fast-check cannot generate from case-insensitive patterns or
 * lookaheads: for those, generate from the pattern without the `i` flag (a match of the
 * case-sensitive form matches the original too) and without its lookahead groups, and keep
 * only what the whole pattern accepts.
 */
function matchingArbitrary(pattern: RegExp): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(pattern);
  } catch {
    const loose = new RegExp(pattern.source.replace(/\(\?[=!][^)]*\)/g, ''), pattern.flags.replace('i', ''));
    return fc.stringMatching(loose).filter((s) => pattern.test(s));
  }
}
