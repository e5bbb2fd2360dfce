/**
 * Reading an OSCAL document: the text (JSON, or YAML) into a value, and the part of the OSCAL
 * catalog model Triad uses checked with Zod, every problem named by its JSON path. Fields
 * Triad does not use are let through untouched (OSCAL has many).
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { z } from 'zod';
import { OscalError, type OscalProblem } from './types.js';

/** OSCAL's token: a letter or underscore, then letters, digits, `.`, `-` or `_`. */
const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

const Token = z.string().regex(TOKEN, 'must be an OSCAL token (a letter or _, then letters, digits, ".", "-" or "_")');
const Text = z.string().min(1, 'must not be empty');

export const PropIn = z.looseObject({ name: Token, value: z.string(), ns: z.string().optional(), class: z.string().optional() });
export type PropIn = z.infer<typeof PropIn>;
export const LinkIn = z.looseObject({ href: Text, rel: z.string().optional(), text: z.string().optional() });
export type LinkIn = z.infer<typeof LinkIn>;

export interface PartIn {
  name: string;
  id?: string | undefined;
  ns?: string | undefined;
  class?: string | undefined;
  title?: string | undefined;
  props?: PropIn[] | undefined;
  prose?: string | undefined;
  parts?: PartIn[] | undefined;
}
export const PartIn: z.ZodType<PartIn> = z.lazy(() =>
  z.looseObject({
    name: Token,
    id: Token.optional(),
    ns: z.string().optional(),
    class: z.string().optional(),
    title: z.string().optional(),
    props: z.array(PropIn).optional(),
    prose: z.string().optional(),
    parts: z.array(PartIn).optional(),
  }),
);

export const ParamIn = z.looseObject({
  id: Token,
  class: z.string().optional(),
  label: z.string().optional(),
  props: z.array(PropIn).optional(),
  values: z.array(z.string()).optional(),
  select: z
    .looseObject({
      'how-many': z.enum(['one', 'one-or-more']).optional(),
      choice: z.array(z.string()).optional(),
    })
    .optional(),
  guidelines: z.array(z.looseObject({ prose: z.string() })).optional(),
});
export type ParamIn = z.infer<typeof ParamIn>;

export interface ControlIn {
  id: string;
  class?: string | undefined;
  title: string;
  params?: ParamIn[] | undefined;
  props?: PropIn[] | undefined;
  links?: LinkIn[] | undefined;
  parts?: PartIn[] | undefined;
  controls?: ControlIn[] | undefined;
}
export const ControlIn: z.ZodType<ControlIn> = z.lazy(() =>
  z.looseObject({
    id: Token,
    class: z.string().optional(),
    title: Text,
    params: z.array(ParamIn).optional(),
    props: z.array(PropIn).optional(),
    links: z.array(LinkIn).optional(),
    parts: z.array(PartIn).optional(),
    controls: z.array(ControlIn).optional(),
  }),
);

export interface GroupIn {
  id?: string | undefined;
  class?: string | undefined;
  title: string;
  params?: ParamIn[] | undefined;
  props?: PropIn[] | undefined;
  links?: LinkIn[] | undefined;
  parts?: PartIn[] | undefined;
  groups?: GroupIn[] | undefined;
  controls?: ControlIn[] | undefined;
}
export const GroupIn: z.ZodType<GroupIn> = z.lazy(() =>
  z.looseObject({
    id: Token.optional(),
    class: z.string().optional(),
    title: Text,
    params: z.array(ParamIn).optional(),
    props: z.array(PropIn).optional(),
    links: z.array(LinkIn).optional(),
    parts: z.array(PartIn).optional(),
    groups: z.array(GroupIn).optional(),
    controls: z.array(ControlIn).optional(),
  }),
);

export const CatalogIn = z.looseObject({
  uuid: z.string().regex(UUID, 'must be a UUID'),
  metadata: z.looseObject({
    title: Text,
    version: Text,
    'oscal-version': z.string().optional(),
    'last-modified': z.string().optional(),
    published: z.string().optional(),
    props: z.array(PropIn).optional(),
    links: z.array(LinkIn).optional(),
  }),
  params: z.array(ParamIn).optional(),
  controls: z.array(ControlIn).optional(),
  groups: z.array(GroupIn).optional(),
});
export type CatalogIn = z.infer<typeof CatalogIn>;

/** `catalog.groups[2].controls[0].title` from Zod's `['catalog', 'groups', 2, 'controls', 0, 'title']`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out || '(the top level)';
}

const TYPE_WORDS: Record<string, string> = { string: 'text', array: 'a list', object: 'an object', number: 'a number', boolean: 'true or false' };

/** Zod's issues in words for people, each with its path. */
function problemsOf(error: z.ZodError, prefix: (string | number)[]): OscalProblem[] {
  return error.issues.map((issue) => {
    const path = jsonPath([...prefix, ...issue.path]);
    if (issue.code === 'invalid_type') {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return { path, message: issue.input === undefined ? 'is missing' : `must be ${expected}` };
    }
    if (issue.code === 'invalid_value') return { path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    return { path, message: issue.message };
  });
}

const OTHER_MODELS: Record<string, string> = {
  profile: 'an OSCAL profile, not a catalogue: resolve it into a catalogue first (for example with oscal-cli `profile resolve`), or use it to choose the outcomes when you start an assessment',
  'component-definition': 'an OSCAL component definition, not a catalogue',
  'system-security-plan': 'an OSCAL system security plan, not a catalogue',
  'assessment-plan': 'an OSCAL assessment plan, not a catalogue',
  'assessment-results': 'an OSCAL assessment results document, not a catalogue',
  'plan-of-action-and-milestones': 'an OSCAL plan of action and milestones, not a catalogue',
  'mapping-collection': 'an OSCAL mapping collection, not a catalogue',
};

/** Line and column of a character offset, counted from 1. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The document in a file: JSON when it starts with `{` or `[`, YAML otherwise (OSCAL publishes
 * both). A file that does not parse is refused with the line and column where it breaks.
 */
export function readDocument(text: string, fileName = 'the file'): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  if (first === undefined) throw new OscalError(`${fileName} is empty.`, [{ path: '(the file)', message: 'is empty' }]);
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(body) as unknown;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const at = /position (\d+)/.exec(message);
      const where = at ? lineColumn(body, Number(at[1])) : /end of JSON input/.test(message) ? lineColumn(body, body.length) : null;
      const path = where ? `line ${where.line}, column ${where.column}` : '(the file)';
      throw new OscalError(`${fileName} is not valid JSON${where ? ` (line ${where.line}, column ${where.column})` : ''}: ${message}`, [{ path, message: `not valid JSON: ${message}` }]);
    }
  }
  // The YAML parser (CommonJS) is loaded for the first YAML document, not with the server.
  const YAML = createRequire(import.meta.url)('yaml') as typeof Yaml;
  const doc = YAML.parseDocument(body, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 20).map((e) => {
      const pos = e.linePos?.[0];
      return { path: pos ? `line ${pos.line}, column ${pos.col}` : '(the file)', message: `not valid YAML: ${e.message.split('\n')[0]}` };
    });
    throw new OscalError(`${fileName} is neither valid JSON nor valid YAML.`, problems);
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}

/** The `catalog` object of an OSCAL document, checked; or every problem with its path. */
export function catalogOf(doc: unknown): CatalogIn {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new OscalError('This is not an OSCAL document: an OSCAL catalogue is an object with a "catalog" field.', [
      { path: '(the top level)', message: `is ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : `a ${typeof doc}`}, not an object with a "catalog" field` },
    ]);
  }
  const keys = Object.keys(doc);
  if (!('catalog' in doc)) {
    const model = keys.find((k) => Object.hasOwn(OTHER_MODELS, k));
    if (model) throw new OscalError(`This file is ${OTHER_MODELS[model]!}.`, [{ path: model, message: OTHER_MODELS[model]! }]);
    throw new OscalError('This is not an OSCAL catalogue: the top level has no "catalog" field.', [
      { path: '(the top level)', message: `has no "catalog" field${keys.length > 0 ? ` (it has ${keys.slice(0, 5).map((k) => `"${k}"`).join(', ')})` : ''}` },
    ]);
  }
  const parsed = CatalogIn.safeParse(doc.catalog, { reportInput: true });
  if (!parsed.success) {
    const problems = problemsOf(parsed.error, ['catalog']);
    throw new OscalError(`The file is not a valid OSCAL catalogue: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}, the first at ${problems[0]!.path} (${problems[0]!.message}).`, problems.slice(0, 100));
  }
  return parsed.data;
}
