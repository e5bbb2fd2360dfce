/**
 * What the OSCAL importer makes of a catalogue: a flat list of nodes (groups and controls, in
 * document order, each knowing its parent) with their prose already rendered. Plain data, no
 * framework: the controls module stores it, the tests read it.
 */

/** One problem in the file: where (a JSON path such as `catalog.groups[2].controls[0].title`) and what. */
export interface OscalProblem {
  path: string;
  message: string;
}

/** A part of a control or group (statement, item, guidance, example…), prose rendered. */
export interface RenderedPart {
  name: string;
  id: string | null;
  title: string | null;
  /** The part's label (`a.`, `1.`), from its `label` prop. */
  label: string | null;
  /** Prose with every `{{ insert: param, … }}` replaced. */
  prose: string | null;
  parts: RenderedPart[];
}

/** A parameter as people read it in the prose. */
export interface RenderedParam {
  id: string;
  label: string | null;
  /** Values set by the catalogue (a resolved profile often sets them). */
  values: string[];
  /** Choices of a selection parameter, rendered. */
  choices: string[];
  howMany: 'one' | 'one-or-more' | null;
  /** What the prose shows in its place: `[Assignment: …]`, `[Selection (one or more): a; b]` or the values. */
  text: string;
}

export interface CatalogueNode {
  /** The OSCAL id (`GV.OC-01`, `ac-2.1`); groups without one get `group-<n>`. */
  nodeId: string;
  kind: 'group' | 'control';
  /** The id of the enclosing group or control; null at the top. */
  parentId: string | null;
  /** The id of the top-level group (or control) this node is under, itself at the top. */
  topId: string;
  depth: number;
  /** Order in the document (0, 1, 2, …). */
  position: number;
  class: string | null;
  title: string;
  /** The `label` prop (`GV.OC-01`, `AC-2(1)`), else null. */
  label: string | null;
  sortId: string | null;
  /** Marked withdrawn by a `status` prop (or under a withdrawn control). */
  withdrawn: boolean;
  /** An outcome an assessment rates (see `isAssessable`). */
  assessable: boolean;
  /** The statement (or a group's overview) as text: prose then its items, one a line, indented. */
  statement: string | null;
  /** Every part, rendered (statement, guidance, implementation examples, objectives…). */
  parts: RenderedPart[];
  params: RenderedParam[];
  /** Links such as `incorporated-into GV.OC-05` of a withdrawn control. */
  links: { rel: string | null; href: string }[];
  /** Where the node is in the file. */
  path: string;
}

export interface ClassCount {
  class: string;
  kind: 'group' | 'control';
  active: number;
  withdrawn: number;
}

export interface CatalogueCounts {
  groups: number;
  /** Controls not withdrawn (enhancements included). */
  controls: number;
  withdrawn: number;
  /** The outcomes an assessment rates. */
  outcomes: number;
  byClass: ClassCount[];
}

export interface ParsedCatalogue {
  uuid: string;
  title: string;
  version: string;
  oscalVersion: string | null;
  published: string | null;
  lastModified: string | null;
  /** 'resolved-profile' when the metadata says a profile was resolved into it. */
  kind: 'catalog' | 'resolved-profile';
  nodes: CatalogueNode[];
  counts: CatalogueCounts;
  /** Things the importer could not make sense of but did not refuse (a parameter that is not defined…). */
  warnings: OscalProblem[];
}

/** A file that is not OSCAL, or not a valid catalogue: every problem with its path. */
export class OscalError extends Error {
  constructor(
    message: string,
    readonly problems: OscalProblem[],
  ) {
    super(message);
    this.name = 'OscalError';
  }
}
