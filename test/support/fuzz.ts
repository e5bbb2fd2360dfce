/**
 * Property-based route tests: for every route the server registered (found at run time in
 * `server.triadRoutes`, with its own Zod schemas), fast-check generates requests from those
 * schemas — valid bodies, queries and ids as well as hostile ones — and sends them as a real
 * caller. The properties: no answer is a 5xx, an answer of 4xx changed nothing stored (the
 * change ledger's digest is the same before and after), and JSON answers carry
 * `Cache-Control: no-store`. Routes added later are covered
 * without touching this file.
 */
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { RouteInfo } from '../../src/server/app.js';
import type { Database } from '../../src/server/db/index.js';
import type { Caller } from './app.js';
import type { ChangeLedger } from './change-ledger.js';
import { arbitraryOf, hostileValue } from './zod-arbitrary.js';

// ---------------------------------------------------------------------------------------------
// Ids from the database, so that generated requests reach records that exist

/** Every id in the database by table, per client (`null` for firm-wide tables such as users). */
export class IdPool {
  private byClient = new Map<string | null, Map<string, string[]>>();

  constructor(
    private readonly database: Database,
    /** Ids never handed out (the caller's own user, so that it does not remove itself). */
    private readonly reserved: ReadonlySet<string> = new Set(),
  ) {}

  async refresh(): Promise<void> {
    const db = this.database.db as unknown as Kysely<Record<string, Record<string, string | null>>>;
    const tables = (await this.database.db.introspection.getTables()).filter((t) => !t.isView && t.columns.some((c) => c.name === 'id') && !t.name.startsWith('test_') && !t.name.startsWith('kysely_'));
    const next = new Map<string | null, Map<string, string[]>>();
    for (const t of tables) {
      const scoped = t.columns.some((c) => c.name === 'client_id');
      const rows = await db
        .selectFrom(t.name)
        .select(scoped ? ['id', 'client_id'] : ['id'])
        .limit(2000)
        .execute();
      for (const r of rows) {
        const id = String(r.id);
        if (this.reserved.has(id)) continue;
        const client = scoped ? (r.client_id ?? null) : null;
        let tablesOf = next.get(client);
        if (!tablesOf) next.set(client, (tablesOf = new Map<string, string[]>()));
        const list = tablesOf.get(t.name) ?? [];
        list.push(id);
        tablesOf.set(t.name, list);
      }
    }
    this.byClient = next;
  }

  /** Candidate stems for a field or parameter: `subVendorId` → vendor, subvendor; `id` after `/risks/` → risk. */
  static stems(name: string, url: string): string[] {
    const base = name.replace(/Ids?$/, '');
    if (base === '' || base === 'id') {
      const segment = url.split('/').filter((s) => s && !s.startsWith(':')).at(-1) ?? '';
      return [segment.replace(/ies$/, 'y').replace(/s$/, '')].filter(Boolean);
    }
    const words = base.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
    return [words.join(''), ...words.slice().reverse()].filter((w) => w.length > 2);
  }

  private idsOf(client: string | null, stems: string[]): string[] {
    const tables = this.byClient.get(client);
    if (!tables) return [];
    for (const stem of stems) {
      const hits = [...tables.entries()].filter(([name]) => name.replace(/_/g, '').includes(stem)).flatMap(([, ids]) => ids);
      if (hits.length > 0) return hits;
    }
    return [];
  }

  /**
   * Ids for a field: mostly records of the target client that fit the name, sometimes the same
   * kind of record of another client (which must be refused as not found), any record of the
   * client, a firm-wide record, or a random UUID.
   */
  arbitrary(clientId: string | null, name: string, url: string): fc.Arbitrary<string> | null {
    if (!/(^id$|Id$|Ids$)/.test(name)) return null;
    const stems = IdPool.stems(name, url);
    const own = this.idsOf(clientId, stems);
    const firm = this.idsOf(null, stems);
    const otherClients = [...this.byClient.keys()].filter((c) => c !== clientId && c !== null);
    const anyOf = (c: string | null): string[] => [...(this.byClient.get(c)?.values() ?? [])].flat();
    // Another client's records of the same kind, or of any kind when the name fits no table (`targetId`).
    let others = otherClients.flatMap((c) => this.idsOf(c, stems));
    if (others.length === 0) others = otherClients.flatMap(anyOf);
    const anyOwn = anyOf(clientId);
    const choices: fc.WeightedArbitrary<string>[] = [{ weight: 1, arbitrary: fc.uuid() }];
    if (own.length > 0) choices.push({ weight: 8, arbitrary: fc.constantFrom(...own) });
    if (firm.length > 0) choices.push({ weight: own.length > 0 ? 2 : 8, arbitrary: fc.constantFrom(...firm) });
    if (others.length > 0) choices.push({ weight: 2, arbitrary: fc.constantFrom(...others) });
    if (anyOwn.length > 0) choices.push({ weight: 1, arbitrary: fc.constantFrom(...anyOwn) });
    return fc.oneof(...choices);
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  method: string;
  url: string;
  /** The raw body and its content type, when the method carries one. */
  body?: { text: string; contentType: string };
}

interface ObjectSchemaLike {
  _zod: { def: { type: string; shape?: Record<string, unknown> } };
}

function shapeOf(schema: unknown): Record<string, unknown> | null {
  const s = schema as ObjectSchemaLike | undefined;
  return s?._zod?.def?.type === 'object' ? (s._zod.def.shape ?? {}) : null;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '');

/** Bodies that are not JSON of the right shape at all. */
const brokenJson = fc.constantFrom('{', '{"a":', '[1,', 'null', '[]', '"text"', '1e999999', '{"a":1}{"b":2}', '\uFEFF{}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}');

const GENERIC_HEADERS = ['Name', 'Asset Tag', 'Type', 'Status', 'Vendor', 'Email', 'Owner', 'Criticality', 'Annual Cost', 'Start', 'End', 'Renewal', 'Classification', 'Records', 'Dataset', 'System', 'Grantee', 'Access', 'name', ''];

/** A CSV cell: plausible values of every kind, odd ones, broken quoting. */
const csvCell = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }).map((x) => x.replace(/[,"\r\n]/g, ' ')) },
  { weight: 2, arbitrary: fc.constantFrom('yes', 'no', 'critical', 'high', 'medium', 'low', 'active', 'retired', 'hardware', 'software', 'saas', 'internal', 'product', 'confidential', 'restricted', 'personal', 'read', 'write', 'admin', 'person', 'group', '12', '0', '2500.50', '2026-12-31', '2027-03-01', 'US', 'tom@harborfinch.example', 'Microsoft', 'AWS') },
  { weight: 1, arbitrary: fc.constantFrom('"unterminated', '=cmd()', '1e308', '-1', '2026-13-45', '"a,b"', '"x""y"', '\u0000', '\uD83D\uDE00', '  ', '') },
);

/** CSV files for routes that take one: the headers of a real export (or common ones), cells of every sort. */
function csvText(headerSets: string[][]): fc.Arbitrary<string> {
  const headers = fc.oneof(
    ...headerSets.filter((h) => h.length > 0).map((h) => ({ weight: 3, arbitrary: fc.subarray(h, { minLength: 1 }) })),
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...GENERIC_HEADERS), { minLength: 0, maxLength: 6 }) },
  );
  return fc
    .tuple(headers, fc.array(fc.array(csvCell, { minLength: 0, maxLength: 12 }), { maxLength: 5 }), fc.constantFrom('\n', '\r\n'))
    .map(([header, rows, eol]) => [header.join(','), ...rows.map((r) => r.slice(0, Math.max(header.length, 1)).join(','))].join(eol));
}

export interface CaseContext {
  route: RouteInfo;
  /** The client the caller works in, for `:clientId`. */
  clientId: string | null;
  /** Other client ids to try in `:clientId` (visible to the caller or not). */
  otherClientIds: string[];
  ids: IdPool;
  /** Header lines of real CSV exports, for routes that take a CSV file. */
  csvHeaders?: string[][];
}

/** The arbitrary of requests to one route, from its own schemas. */
export function requestArbitrary(c: CaseContext): fc.Arbitrary<FuzzRequest> {
  const { route } = c;
  const names = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const paramShape = shapeOf(route.input.params) ?? {};
  const paramArbs = names.map((name): fc.Arbitrary<string> => {
    if (name === 'clientId') {
      const others = c.otherClientIds.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...c.otherClientIds) }] : [];
      return c.clientId ? fc.oneof({ weight: 12, arbitrary: fc.constant(c.clientId) }, ...others, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
    }
    // Ids from the database for id parameters; the schema's values (an enum's) for the others.
    const fromPool = name.endsWith('Id') || name === 'id' ? c.ids.arbitrary(c.clientId, name, route.url) : null;
    const rough = arbitraryOf(paramShape[name], { hostility: 1 }, name).map(text);
    return fc.oneof({ weight: 6, arbitrary: fromPool ?? arbitraryOf(paramShape[name], { hostility: 0 }, name).map(text) }, { weight: 1, arbitrary: rough });
  });
  const strings = (name: string): fc.Arbitrary<string> | null => c.ids.arbitrary(c.clientId, name, route.url);
  const gentle = { stringsFor: strings, hostility: 0 };
  const rough = { stringsFor: strings, hostility: 1 };
  const queryShape = shapeOf(route.input.querystring);
  const query: fc.Arbitrary<Record<string, unknown>> = queryShape
    ? fc.oneof(
        { weight: 3, arbitrary: arbitraryOf(route.input.querystring, gentle) as fc.Arbitrary<Record<string, unknown>> },
        { weight: 2, arbitrary: arbitraryOf(route.input.querystring, rough).map((q) => (typeof q === 'object' && q !== null && !Array.isArray(q) ? (q as Record<string, unknown>) : { q })) },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 2 }) });
  const hasBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  let body: fc.Arbitrary<FuzzRequest['body']> = fc.constant(undefined);
  if (hasBody && route.input.consumes?.some((t) => t.includes('csv'))) {
    body = fc.oneof(
      { weight: 5, arbitrary: csvText(c.csvHeaders ?? []).map((t) => ({ text: t, contentType: 'text/csv' })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ text: JSON.stringify(v), contentType: 'application/json' })) },
    );
  } else if (hasBody) {
    const schema = route.input.body;
    const json = (a: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzRequest['body']> => a.map((v) => ({ text: JSON.stringify(v) ?? '{}', contentType: 'application/json' }));
    body = fc.oneof(
      { weight: 6, arbitrary: json(schema ? arbitraryOf(schema, gentle) : fc.constant({})) },
      { weight: 4, arbitrary: json(schema ? arbitraryOf(schema, rough) : fc.jsonValue({ maxDepth: 3 })) },
      { weight: 1, arbitrary: brokenJson.map((t) => ({ text: t, contentType: 'application/json' })) },
    );
  }
  return fc.tuple(fc.tuple(...paramArbs), query, body).map(([params, q, b]) => {
    let path = route.url;
    names.forEach((name, i) => {
      path = path.replace(`:${name}`, encodeURIComponent(wellFormed(params[i] ?? '')));
    });
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) search.append(k, text(v));
    const qs = search.toString();
    return { method: route.method, url: qs ? `${path}?${qs}` : path, ...(b ? { body: b } : {}) };
  });
}

// ---------------------------------------------------------------------------------------------
// Running

export interface FuzzFailure {
  route: string;
  request: FuzzRequest;
  status: number;
  problem: string;
  seed: number;
}

export interface FuzzOptions {
  server: FastifyInstance;
  /** The caller, and how to get a new one when a generated request ended its session. */
  caller: () => Promise<Caller>;
  renewCaller: () => Promise<void>;
  ledger: ChangeLedger;
  ids: IdPool;
  clientId: string | null;
  otherClientIds: string[];
  numRuns: number;
  seed: number;
  csvHeaders?: string[][];
  /** Tables a route may change while answering 4xx, with the reason (none so far). */
  allowedChangesOn4xx?: Record<string, string[]>;
}

/** A seed per route from the run's seed, so that one route's cases do not depend on the others. */
export function routeSeed(base: number, route: RouteInfo): number {
  return createHash('sha256').update(`${base}:${route.method} ${route.url}`).digest().readInt32LE(0);
}

/** Sends `numRuns` generated requests to one route; the first failure, if any. */
export async function fuzzRoute(route: RouteInfo, o: FuzzOptions): Promise<{ failure: FuzzFailure | null; statuses: Record<number, number> }> {
  const key = `${route.method} ${route.url}`;
  const statuses: Record<number, number> = {};
  const seed = routeSeed(o.seed, route);
  let failure: FuzzFailure | null = null;
  const property = fc.asyncProperty(requestArbitrary({ route, clientId: o.clientId, otherClientIds: o.otherClientIds, ids: o.ids, ...(o.csvHeaders ? { csvHeaders: o.csvHeaders } : {}) }), async (req) => {
    const before = await o.ledger.mark();
    const caller = await o.caller();
    const headers: Record<string, string> = req.body ? { 'content-type': req.body.contentType } : {};
    const res = await caller.request<{ error?: { code?: string; message?: string } }>(req.method, req.url, req.body?.text, headers);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (process.env.TRIAD_FUZZ_LOG) appendFileSync(process.env.TRIAD_FUZZ_LOG, `${key}\t${res.status}\t${res.status >= 400 ? (res.body?.error?.message?.slice(0, 200) ?? '') : ''}\t${req.method} ${req.url.slice(0, 200)} ${req.body?.text.slice(0, 300) ?? ''}\n`);
    const fail = (problem: string): boolean => {
      failure ??= { route: key, request: req, status: res.status, problem, seed };
      if (process.env.TRIAD_FUZZ_LOG) appendFileSync(process.env.TRIAD_FUZZ_LOG, `FAILURE\t${key}\t${problem}\n`);
      // Exploring (TRIAD_FUZZ_CONTINUE=1): keep going to find every failure, not only the first.
      return process.env.TRIAD_FUZZ_CONTINUE === '1';
    };
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('json') && !String(res.headers['cache-control'] ?? '').includes('no-store')) return fail(`answered JSON without Cache-Control: no-store (${String(res.headers['cache-control'] ?? 'none')})`);
    if (res.status >= 500) return fail(`answered ${res.status}: ${res.body?.error?.message ?? JSON.stringify(res.body).slice(0, 300)}`);
    if (res.status >= 400) {
      const changed = await o.ledger.changedSince(before);
      const allowed = new Set(o.allowedChangesOn4xx?.[key] ?? []);
      const unexpected = Object.keys(changed).filter((t) => !allowed.has(t));
      if (unexpected.length > 0) return fail(`answered ${res.status} (${res.body?.error?.message ?? ''}) but changed ${unexpected.map((t) => `${t} (${changed[t]} rows)`).join(', ')}`);
    }
    if (res.status === 401 && !route.public) await o.renewCaller();
    return true;
  });
  // Each case changes the database the next one runs on, so a failing case is reported as it
  // was found (with the seed to replay the route) instead of being shrunk.
  await fc.check(property, { numRuns: o.numRuns, seed, endOnFailure: true });
  return { failure, statuses };
}

/** The order routes run in: reads first, then creations and changes, removals last. */
export function routeOrder(a: RouteInfo, b: RouteInfo): number {
  const rank = (r: RouteInfo): number => ({ GET: 0, POST: 1, PUT: 2, PATCH: 3, DELETE: 4 })[r.method] ?? 5;
  return rank(a) - rank(b) || a.url.localeCompare(b.url);
}

export function describeFailure(f: FuzzFailure): string {
  const body = f.request.body ? ` with ${f.request.body.contentType} body ${f.request.body.text.slice(0, 400)}` : '';
  return `${f.route}: ${f.problem}\n    request: ${f.request.method} ${f.request.url.slice(0, 300)}${body}\n    (route seed ${f.seed})`;
}

/**
 * Kinds of record a polymorphic reference (`subject_type` + `subject_id`) may name; other kinds
 * (a finding, a report section) name things in words, and their id is a label, not a reference.
 */
const RECORD_KINDS = new Set(['risk', 'decision', 'acceptance', 'treatment', 'service', 'system', 'vendor', 'contract', 'dataset', 'grant', 'review', 'report', 'pack']);

/**
 * Stored references that cross clients: a row of one client whose `*_id` column holds the id
 * of a record that only another client has. Each one names the table, column and clients.
 */
export async function crossClientReferences(database: Database): Promise<string[]> {
  const db = database.db as unknown as Kysely<Record<string, Record<string, string | null>>>;
  const tables = (await database.db.introspection.getTables()).filter((t) => !t.isView && t.columns.some((c) => c.name === 'client_id') && !t.name.startsWith('test_'));
  const owners = new Map<string, Set<string>>();
  for (const t of tables.filter((x) => x.columns.some((c) => c.name === 'id'))) {
    for (const r of await db.selectFrom(t.name).select(['id', 'client_id']).execute()) {
      const set = owners.get(String(r.id)) ?? new Set<string>();
      set.add(String(r.client_id));
      owners.set(String(r.id), set);
    }
  }
  const found: string[] = [];
  for (const t of tables) {
    const names = t.columns.map((c) => c.name);
    const refs = names.filter((c) => c.endsWith('_id') && c !== 'client_id');
    for (const col of refs) {
      const kindCol = `${col.slice(0, -3)}_type`;
      const polymorphic = names.includes(kindCol);
      const rows = await db.selectFrom(t.name).select(['client_id', col, ...(polymorphic ? [kindCol] : [])]).where(col, 'is not', null).execute();
      for (const r of rows) {
        if (polymorphic && !RECORD_KINDS.has(String(r[kindCol]))) continue;
        const owner = owners.get(String(r[col]));
        if (owner && !owner.has(String(r.client_id))) found.push(`${t.name}.${col} of client ${r.client_id} names ${String(r[col])}, a record of client ${[...owner].join(', ')}`);
      }
    }
  }
  return found;
}

/** The text with any lone UTF-16 surrogate replaced by U+FFFD, so that it can be put in a URL. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
