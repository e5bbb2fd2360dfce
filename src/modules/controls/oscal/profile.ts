/**
 * An OSCAL profile (its text, or the document already read) as a choice of outcomes in a catalogue already stored: which controls its
 * imports include (`include-all`, `include-controls` by id or pattern, with or without their
 * child controls) minus those they exclude. The profile's `href` is not followed (nothing is
 * fetched): the selection applies to the catalogue the assessment uses, and an id that
 * catalogue does not have is refused with its path.
 */
import { z } from 'zod';
import { jsonPath, readDocument } from './document.js';
import { OscalError, type CatalogueNode, type OscalProblem } from './types.js';

const Selector = z.looseObject({
  'with-child-controls': z.enum(['yes', 'no']).optional(),
  'with-ids': z.array(z.string()).optional(),
  matching: z.array(z.looseObject({ pattern: z.string() })).optional(),
});
type Selector = z.infer<typeof Selector>;

const ProfileIn = z.looseObject({
  uuid: z.string(),
  metadata: z.looseObject({ title: z.string().min(1, 'must not be empty'), version: z.string().optional() }),
  imports: z
    .array(
      z.looseObject({
        href: z.string(),
        'include-all': z.looseObject({}).optional(),
        'include-controls': z.array(Selector).optional(),
        'exclude-controls': z.array(Selector).optional(),
      }),
    )
    .min(1, 'must name at least one import'),
});

export interface ProfileSelection {
  title: string;
  /** The assessable controls the profile selects, in catalogue order. */
  controlIds: string[];
  warnings: OscalProblem[];
}

/** `ac-*` → /^ac-.*$/ (OSCAL patterns are globs: `*` and `?`). */
function globRe(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** The outcomes of `nodes` (one catalogue version, in document order) an OSCAL profile selects. */
export function profileSelection(text: unknown, nodes: readonly Pick<CatalogueNode, 'nodeId' | 'kind' | 'parentId' | 'withdrawn' | 'assessable'>[]): ProfileSelection {
  const doc = typeof text === 'string' ? readDocument(text, 'The profile') : text;
  if (!doc || typeof doc !== 'object' || !('profile' in doc)) {
    throw new OscalError('This is not an OSCAL profile: the top level has no "profile" field.', [{ path: '(the top level)', message: 'has no "profile" field' }]);
  }
  const parsed = ProfileIn.safeParse(doc.profile, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: jsonPath(['profile', ...i.path]), message: i.code === 'invalid_type' && i.input === undefined ? 'is missing' : i.message }));
    throw new OscalError(`The profile is not valid OSCAL, first at ${problems[0]!.path}: ${problems[0]!.message}.`, problems.slice(0, 100));
  }
  const profile = parsed.data;
  const byId = new Map(nodes.filter((n) => n.kind === 'control').map((n) => [n.nodeId, n]));
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.kind === 'control' && n.parentId && byId.has(n.parentId)) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.nodeId]);
  const descendants = (id: string): string[] => (children.get(id) ?? []).flatMap((c) => [c, ...descendants(c)]);

  const problems: OscalProblem[] = [];
  const warnings: OscalProblem[] = [];
  const select = (selectors: readonly Selector[], path: string): Set<string> => {
    const out = new Set<string>();
    selectors.forEach((s, i) => {
      const at = `${path}[${i}]`;
      const withChildren = s['with-child-controls'] === 'yes';
      const add = (id: string): void => {
        out.add(id);
        if (withChildren) for (const d of descendants(id)) out.add(d);
      };
      (s['with-ids'] ?? []).forEach((id, k) => {
        if (byId.has(id)) add(id);
        else problems.push({ path: `${at}.with-ids[${k}]`, message: `names the control "${id}", which this catalogue does not have` });
      });
      (s.matching ?? []).forEach((m, k) => {
        const re = globRe(m.pattern);
        const hits = [...byId.keys()].filter((id) => re.test(id));
        if (hits.length === 0) warnings.push({ path: `${at}.matching[${k}].pattern`, message: `"${m.pattern}" matches no control of this catalogue` });
        hits.forEach(add);
      });
    });
    return out;
  };

  const chosen = new Set<string>();
  profile.imports.forEach((imp, i) => {
    const at = `profile.imports[${i}]`;
    const included = imp['include-all'] ? new Set(byId.keys()) : select(imp['include-controls'] ?? [], `${at}.include-controls`);
    const excluded = select(imp['exclude-controls'] ?? [], `${at}.exclude-controls`);
    for (const id of included) if (!excluded.has(id)) chosen.add(id);
  });
  if (problems.length > 0) {
    throw new OscalError(`The profile names ${problems.length === 1 ? 'a control' : `${problems.length} controls`} this catalogue does not have, the first at ${problems[0]!.path}.`, problems.slice(0, 100));
  }
  // A chosen heading (a category) brings the outcomes under it.
  const result = new Set<string>();
  for (const id of chosen) {
    const n = byId.get(id)!;
    if (n.assessable) result.add(id);
    else if (n.withdrawn) warnings.push({ path: 'profile', message: `"${id}" is withdrawn from this catalogue and is left out` });
    else for (const d of descendants(id)) if (byId.get(d)!.assessable) result.add(d);
  }
  const controlIds = nodes.filter((n) => result.has(n.nodeId)).map((n) => n.nodeId);
  if (controlIds.length === 0) {
    throw new OscalError('The profile selects no outcome of this catalogue.', [{ path: 'profile.imports', message: 'select no control that is assessed' }]);
  }
  return { title: profile.metadata.title.trim(), controlIds, warnings };
}
