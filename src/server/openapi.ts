/**
 * The OpenAPI document, made to build on: every operation has a stable `operationId` (derived
 * from its method and path unless the route declares one), schemas with an id (`.meta({ id })`)
 * are components referenced by `$ref` (the error body among them, once), public routes say
 * `security: []`, uploads have a request body, the tags are described, and `servers` names
 * where the API is. The typed client in clients/typescript is generated from this document.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Transform = typeof jsonSchemaTransform;
type TransformObject = typeof jsonSchemaTransformObject;

const VERBS: Record<string, string> = { GET: 'get', POST: 'create', PUT: 'put', PATCH: 'update', DELETE: 'delete' };

/**
 * A stable, unique name for an operation from its method and path: the verb, then the path's
 * words in camel case, `/api/clients/:clientId` read as "client", other parameters as "By…".
 * `GET /api/clients/:clientId/estate/systems/:systemId` is `getClientEstateSystemsBySystemId`.
 */
export function operationIdOf(method: string, url: string): string {
  const path = url.replace(/^\/api\/?/, '').replace(/^clients\/:clientId(?=\/|$)/, 'client');
  const words = path
    .split('/')
    .filter((s) => s !== '')
    .flatMap((s) => (s.startsWith(':') ? ['by', ...s.slice(1).split(/[^A-Za-z0-9]+/)] : s.split(/[^A-Za-z0-9]+/)))
    .filter((w) => w !== '');
  const verb = VERBS[method.toUpperCase()] ?? method.toLowerCase();
  return verb + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** What each tag of the API is about (shown as sections of the reference). */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  system: 'Health probes, background jobs and this description of the API.',
  accounts: 'Signing in and out, single sign-on, two-step sign-in, the signed-in person, API tokens, the firm\'s users and sign-in settings.',
  clients: 'The client companies a firm serves, and each client\'s members and their roles.',
  audit: 'The hash-chained audit trail of every change, its checkpoints and its verification.',
  notifications: 'In-app notifications and the e-mail outbox.',
  estate: 'Business services, systems and assets with their lifecycle.',
  vendors: 'Vendors, their fourth parties, contracts and renewals, assessments and concentration.',
  'data map': 'Data sets: classification, categories, where they are stored and processed.',
  access: 'Access grants and periodic access reviews.',
  'import and export': 'Files of the estate\'s records: CSV in any encoding and locale or Excel workbooks in, CSV for Excel or workbooks out; the import settings.',
  governance: 'The CIO, CTO and CISO seats, decisions and escalation, concerns, risk acceptances.',
  risks: 'The risk register quantified by simulation, appetite, treatments, templates and model files.',
  controls: 'Control catalogues, framework assessments, evidence, maturity and gaps.',
  business: 'Business units and weighted priorities.',
  roadmap: 'Initiatives by quarter, ranked by the risk they reduce per unit of cost.',
  budget: 'The IT budget per fiscal year: plan, actuals, forecast.',
  reports: 'The board pack, the quarterly business review and the portfolio report.',
  interchange: 'Calendar feeds of the dates that matter, and the firm\'s webhooks.',
  search: 'The global search across the clients the caller may see (not written to the audit trail).',
  views: 'Each person\'s saved views: named filters of the long lists, theirs alone.',
};

type Operation = OpenAPIV3_1.OperationObject & { 'x-consumes'?: string[] };

/** Per route: Zod schemas to JSON Schema, and a binary request body for uploads (a file as the raw body). */
export const routeTransform: Transform = (input) => {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown> & { consumes?: string[]; body?: unknown; querystring?: { properties?: unknown } };
  // A query of free-form names (a record, as a sign-in provider's callback sends) has no parameters to list.
  if (schema.querystring && !schema.querystring.properties) delete schema.querystring;
  if (schema.consumes && !schema.body && input.route.method !== 'GET') {
    schema.body = { type: 'string', format: 'binary', description: 'The file, as the raw request body' };
  }
  return out;
};

/** `anyOf: [{}, { type: 'null' }]` (an unknown value or null) is any value: `{}`. */
function anyValueOrNull(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(anyValueOrNull);
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const any = o.anyOf;
  if (Array.isArray(any) && any.length === 2 && any.some((x) => JSON.stringify(x) === '{}') && any.some((x) => JSON.stringify(x) === '{"type":"null"}')) {
    const { anyOf: _drop, ...rest } = o;
    return anyValueOrNull(rest);
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, anyValueOrNull(v)]));
}

/** The whole document: components, servers, described tags. */
export function documentTransform(serverUrl: string): TransformObject {
  return (input) => {
    const doc = jsonSchemaTransformObject(input) as OpenAPIV3_1.Document;
    const used = new Set<string>();
    for (const item of Object.values(doc.paths ?? {})) {
      for (const op of Object.values(item ?? {}) as Operation[]) {
        if (op && typeof op === 'object' && Array.isArray(op.tags)) for (const t of op.tags) used.add(t);
      }
    }
    // Components nothing refers to (the input twin of an output-only schema) are left out.
    const schemas = doc.components?.schemas ?? {};
    const referenced = new Set<string>();
    const walk = (text: string): void => {
      for (const m of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
        if (referenced.has(m[1]!)) continue;
        referenced.add(m[1]!);
        if (schemas[m[1]!]) walk(JSON.stringify(schemas[m[1]!]));
      }
    };
    walk(JSON.stringify(doc.paths ?? {}));
    const components = { ...doc.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => referenced.has(name))) };
    // A 304 (an answer sent with an ETag, not modified) has no body: only its description.
    for (const item of Object.values(doc.paths ?? {})) {
      for (const op of Object.values(item ?? {}) as Operation[]) {
        const notModified = op && typeof op === 'object' ? (op.responses?.['304'] as OpenAPIV3_1.ResponseObject | undefined) : undefined;
        if (notModified) delete notModified.content;
      }
    }
    return {
      ...(anyValueOrNull(doc) as OpenAPIV3_1.Document),
      components: anyValueOrNull(components) as OpenAPIV3_1.ComponentsObject,
      info: { ...doc.info, license: { name: 'Proprietary', identifier: 'LicenseRef-Triad' } },
      servers: [{ url: serverUrl, description: 'This Triad server' }],
      tags: [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Routes of ${name}.` })),
    };
  };
}
