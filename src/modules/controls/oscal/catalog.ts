/**
 * The OSCAL catalogue importer: a catalogue (or a catalogue resolved from a profile) into a
 * flat list of nodes, checked and with its prose rendered. Framework-free: text or a parsed
 * value in, a ParsedCatalogue or an OscalError (every problem with its JSON path) out.
 *
 * - Groups nest in groups; controls sit in groups or at the top, and hold their enhancements
 *   (nested controls). Groups without an id get `group-<n>`.
 * - Ids of groups and controls are unique in the catalogue; a repeated one is refused.
 * - Parts keep their sub-items (`item` parts with `a.`, `1.` labels); parameters are inserted
 *   into the prose (see prose.ts).
 * - Withdrawn controls (a `status` prop with the value `withdrawn`) are kept and marked; so is
 *   anything nested under one.
 */
import { catalogOf, readDocument, type ControlIn, type GroupIn, type LinkIn, type PartIn, type PropIn } from './document.js';
import { ParamScope, ProseRenderer } from './prose.js';
import { OscalError, type CatalogueCounts, type CatalogueNode, type ClassCount, type OscalProblem, type ParsedCatalogue, type RenderedPart } from './types.js';

/** A prop by name, in the OSCAL namespace (or none); one without a class first (SP 800-53 also labels its controls for 800-53A). */
function prop(props: readonly PropIn[] | undefined, name: string): string | null {
  const all = (props ?? []).filter((x) => x.name === name && (!x.ns || x.ns === 'http://csrc.nist.gov/ns/oscal'));
  return (all.find((x) => !x.class) ?? all[0])?.value ?? null;
}

function isWithdrawn(props: readonly PropIn[] | undefined): boolean {
  return prop(props, 'status')?.toLowerCase() === 'withdrawn';
}

/**
 * Which controls an assessment rates: every control that is not withdrawn, except a control of
 * class `category` that holds active controls, which is a heading (NIST's Cybersecurity and
 * Privacy Frameworks mark their categories so and rate the subcategories under them). A control
 * with enhancements is rated, and so is each enhancement (as in SP 800-53 baselines).
 */
export function isAssessable(node: { withdrawn: boolean; class: string | null }, activeChildren: number): boolean {
  if (node.withdrawn) return false;
  return !(node.class?.toLowerCase() === 'category' && activeChildren > 0);
}

/** The statement (or overview) as text: its prose, then each item on its own line, indented by depth. */
export function statementText(part: RenderedPart): string | null {
  const lines: string[] = [];
  const walk = (p: RenderedPart, depth: number): void => {
    const text = [p.label, p.prose].filter((x) => x && x.trim() !== '').join(' ').trim();
    if (text) lines.push(`${'  '.repeat(depth)}${text}`);
    for (const c of p.parts) walk(c, text ? depth + 1 : depth);
  };
  walk(part, 0);
  return lines.length > 0 ? lines.join('\n') : null;
}

export interface ParseOptions {
  fileName?: string;
}

/** Parses OSCAL catalogue text (JSON or YAML). */
export function parseCatalogueText(text: string, options: ParseOptions = {}): ParsedCatalogue {
  return parseCatalogue(readDocument(text, options.fileName));
}

/** Parses an OSCAL document already read into a value. */
export function parseCatalogue(doc: unknown): ParsedCatalogue {
  const catalog = catalogOf(doc);
  const problems: OscalProblem[] = [];
  const warnings: OscalProblem[] = [];
  const prose = new ProseRenderer((w) => {
    if (warnings.length < 200) warnings.push(w);
  });
  const nodes: CatalogueNode[] = [];
  const seen = new Map<string, string>();
  let unnamedGroups = 0;

  const renderParts = (parts: readonly PartIn[] | undefined, scope: ParamScope, path: string): RenderedPart[] =>
    (parts ?? []).map((p, i) => {
      const at = `${path}.parts[${i}]`;
      return {
        name: p.name,
        id: p.id ?? null,
        title: p.title?.trim() ? p.title.trim() : null,
        label: prop(p.props, 'label'),
        prose: p.prose !== undefined && p.prose.trim() !== '' ? prose.render(p.prose.trim(), scope, `${at}.prose`) : null,
        parts: renderParts(p.parts, scope, at),
      };
    });

  const links = (list: readonly LinkIn[] | undefined): CatalogueNode['links'] => (list ?? []).map((l) => ({ rel: l.rel ?? null, href: l.href }));

  const claim = (id: string, path: string): void => {
    const before = seen.get(id);
    if (before) problems.push({ path: `${path}.id`, message: `"${id}" is also the id of ${before}; ids of groups and controls must be unique` });
    else seen.set(id, path);
  };

  const statementOf = (parts: RenderedPart[], names: string[]): string | null => {
    const part = parts.find((p) => names.includes(p.name));
    return part ? statementText(part) : null;
  };

  /** Adds a control and its enhancements; returns whether it is active (not withdrawn). */
  const addControl = (c: ControlIn, path: string, parent: CatalogueNode | null, depth: number, outer: ParamScope, withdrawnAbove: boolean): boolean => {
    claim(c.id, path);
    const scope = outer.child(c.params);
    const parts = renderParts(c.parts, scope, path);
    const withdrawn = withdrawnAbove || isWithdrawn(c.props);
    if (withdrawnAbove && !isWithdrawn(c.props)) warnings.push({ path, message: `${c.id} is not marked withdrawn but sits under a withdrawn control, so it is treated as withdrawn` });
    const node: CatalogueNode = {
      nodeId: c.id,
      kind: 'control',
      parentId: parent?.nodeId ?? null,
      topId: parent?.topId ?? c.id,
      depth,
      position: nodes.length,
      class: c.class ?? null,
      title: c.title.trim(),
      label: prop(c.props, 'label'),
      sortId: prop(c.props, 'sort-id'),
      withdrawn,
      assessable: false,
      statement: statementOf(parts, ['statement']),
      parts,
      params: prose.params(c.params, scope, path),
      links: links(c.links),
      path,
    };
    nodes.push(node);
    let active = 0;
    (c.controls ?? []).forEach((child, i) => {
      if (addControl(child, `${path}.controls[${i}]`, node, depth + 1, scope, withdrawn)) active += 1;
    });
    node.assessable = isAssessable(node, active);
    return !withdrawn;
  };

  const addGroup = (g: GroupIn, path: string, parent: CatalogueNode | null, depth: number, outer: ParamScope): void => {
    const id = g.id ?? `group-${++unnamedGroups}`;
    if (g.id) claim(g.id, path);
    const scope = outer.child(g.params);
    const parts = renderParts(g.parts, scope, path);
    const node: CatalogueNode = {
      nodeId: id,
      kind: 'group',
      parentId: parent?.nodeId ?? null,
      topId: parent?.topId ?? id,
      depth,
      position: nodes.length,
      class: g.class ?? null,
      title: g.title.trim(),
      label: prop(g.props, 'label'),
      sortId: prop(g.props, 'sort-id'),
      withdrawn: isWithdrawn(g.props),
      assessable: false,
      statement: statementOf(parts, ['overview', 'statement', 'description']),
      parts,
      params: prose.params(g.params, scope, path),
      links: links(g.links),
      path,
    };
    nodes.push(node);
    (g.groups ?? []).forEach((child, i) => addGroup(child, `${path}.groups[${i}]`, node, depth + 1, scope));
    (g.controls ?? []).forEach((child, i) => addControl(child, `${path}.controls[${i}]`, node, depth + 1, scope, node.withdrawn));
  };

  const root = new ParamScope(catalog.params);
  (catalog.groups ?? []).forEach((g, i) => addGroup(g, `catalog.groups[${i}]`, null, 0, root));
  (catalog.controls ?? []).forEach((c, i) => addControl(c, `catalog.controls[${i}]`, null, 0, root, false));

  if (problems.length > 0) {
    throw new OscalError(`The catalogue has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}, the first at ${problems[0]!.path}: ${problems[0]!.message}.`, problems.slice(0, 100));
  }
  if (!nodes.some((n) => n.kind === 'control')) {
    throw new OscalError('The catalogue has no controls: nothing could be assessed against it.', [{ path: 'catalog', message: 'has no controls in catalog.controls or in any group' }]);
  }
  const meta = catalog.metadata;
  // A resolved profile names the profile it came from (`resolution-source`), or the tool that resolved it.
  const resolved = (meta.links ?? []).some((l) => l.rel === 'resolution-source') || (meta.props ?? []).some((p) => p.name === 'resolution-tool' || p.name === 'source-profile-uuid');
  return {
    uuid: catalog.uuid.toLowerCase(),
    title: meta.title.trim(),
    version: meta.version.trim(),
    oscalVersion: meta['oscal-version'] ?? null,
    published: meta.published ?? null,
    lastModified: meta['last-modified'] ?? null,
    kind: resolved ? 'resolved-profile' : 'catalog',
    nodes,
    counts: countNodes(nodes),
    warnings,
  };
}

export function countNodes(nodes: readonly Pick<CatalogueNode, 'kind' | 'class' | 'withdrawn' | 'assessable'>[]): CatalogueCounts {
  const byClass = new Map<string, ClassCount>();
  let groups = 0;
  let controls = 0;
  let withdrawn = 0;
  let outcomes = 0;
  for (const n of nodes) {
    const cls = n.class ?? (n.kind === 'group' ? 'group' : 'control');
    const key = `${n.kind}:${cls}`;
    const c = byClass.get(key) ?? { class: cls, kind: n.kind, active: 0, withdrawn: 0 };
    if (n.withdrawn) c.withdrawn += 1;
    else c.active += 1;
    byClass.set(key, c);
    if (n.kind === 'group') groups += 1;
    else if (n.withdrawn) withdrawn += 1;
    else controls += 1;
    if (n.assessable) outcomes += 1;
  }
  return { groups, controls, withdrawn, outcomes, byClass: [...byClass.values()] };
}
