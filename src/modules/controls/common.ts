/**
 * What the assessment functions share: loading an assessment (404 for another client's), the
 * freeze of a completed one, the catalogue nodes of its version (cached: versions never
 * change), and the checks of an answer against the assessment's scale.
 */
import type { AppContext } from '../../server/context.js';
import type { ClientDb } from '../../server/db/scoped.js';
import { fromFlag, fromJson } from '../../server/db/conventions.js';
import { conflict, notFound, type ErrorDetail } from '../../server/errors.js';
import { loadNodes } from './catalogues.js';
import { statementText } from './oscal/catalog.js';
import type { RenderedPart } from './oscal/types.js';
import { SCALES, type ScaleKey, type ScopeOut, type Seat } from './schema.js';
import type { CtlAnswersTable, CtlAssessmentsTable, CtlNodesTable } from './tables.js';

/** A catalogue version's nodes by id, in document order. */
export interface VersionNodes {
  list: CtlNodesTable[];
  byId: Map<string, CtlNodesTable>;
}

const cache = new WeakMap<AppContext, Map<string, Promise<VersionNodes>>>();

/** The nodes of a catalogue version (read once per process: a version never changes). */
export function versionNodes(app: AppContext, versionId: string): Promise<VersionNodes> {
  let byApp = cache.get(app);
  if (!byApp) {
    byApp = new Map();
    cache.set(app, byApp);
  }
  let hit = byApp.get(versionId);
  if (!hit) {
    hit = loadNodes(app, versionId).then((list) => ({ list, byId: new Map(list.map((n) => [n.node_id, n])) }));
    hit.catch(() => byApp.delete(versionId));
    if (byApp.size > 50) byApp.clear();
    byApp.set(versionId, hit);
  }
  return hit;
}

/** True when `nodeId` is `outcomeId` or one of its ancestors. */
export function covers(nodes: VersionNodes, nodeId: string, outcomeId: string): boolean {
  for (let id: string | null = outcomeId; id; id = nodes.byId.get(id)?.parent_id ?? null) if (id === nodeId) return true;
  return false;
}

export async function loadAssessment(db: ClientDb, id: string): Promise<CtlAssessmentsTable> {
  const row = await db.selectFrom('ctl_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Assessment');
  return row;
}

/** Refuses any change to a completed assessment. */
export function requireInProgress(row: CtlAssessmentsTable): void {
  if (row.status === 'completed') {
    throw conflict(`"${row.title}" was completed on ${row.completed_at!.slice(0, 10)}${row.completed_by ? ` by ${actorName(row.completed_by)}` : ''} and is frozen; start the next assessment as a copy of it.`);
  }
}

export async function loadAnswer(db: ClientDb, assessmentId: string, controlId: string): Promise<CtlAnswersTable> {
  const row = await db.selectFrom('ctl_answers').selectAll().where('assessment_id', '=', assessmentId).where('control_id', '=', controlId).executeTakeFirst();
  if (!row) throw notFound(`Outcome ${controlId} of this assessment`);
  return row;
}

/** "Sam Okafor" from an actor label "Sam Okafor <sam@…>". */
export function actorName(label: string): string {
  const m = /^(.*?)\s*<[^>]+>$/.exec(label);
  return (m?.[1] || label).trim();
}

export function scopeOf(row: CtlAssessmentsTable): ScopeOut & { controlIds?: string[] } {
  return fromJson(row.scope_json, { kind: 'all', ids: [], title: null });
}

/** The parts of a node as stored. */
export function partsOf(n: CtlNodesTable): RenderedPart[] {
  return fromJson<RenderedPart[]>(n.parts_json, []);
}

/** A part as text: its prose, then its items one a line (as the catalogue's statements are kept). */
export function proseOf(part: RenderedPart): string {
  return statementText(part) ?? '';
}

export function isAssessableNode(n: CtlNodesTable): boolean {
  return fromFlag(n.assessable);
}

/** An answer's fields as they would be after a change. */
export interface AnswerState {
  current: number | null;
  target: number | null;
  notApplicable: boolean;
  naReason: string | null;
  ownerSeat: Seat | null;
  notes: string | null;
}

export function answerState(a: CtlAnswersTable): AnswerState {
  return { current: a.current_level, target: a.target_level, notApplicable: fromFlag(a.not_applicable), naReason: a.na_reason, ownerSeat: a.owner_seat, notes: a.notes };
}

/**
 * What is wrong with an answer on a scale (nothing: an empty list). `at(field)` names where each
 * field came from (`body.current`, `line 4, column Current`).
 */
export function answerProblems(scale: ScaleKey, s: AnswerState, at: (field: keyof AnswerState) => string): ErrorDetail[] {
  const def = SCALES[scale];
  const problems: ErrorDetail[] = [];
  for (const field of ['current', 'target'] as const) {
    const v = s[field];
    if (v !== null && (v < def.min || v > def.max)) problems.push({ path: at(field), message: `must be a ${def.unit.toLowerCase()} from ${def.min} to ${def.max} on this assessment's scale (${def.name})` });
  }
  if (s.notApplicable) {
    if (!s.naReason?.trim()) problems.push({ path: at('naReason'), message: 'say why the outcome does not apply' });
    for (const field of ['current', 'target'] as const) {
      if (s[field] !== null) problems.push({ path: at(field), message: 'an outcome that does not apply has no level: clear it, or mark the outcome applicable' });
    }
  } else if (s.naReason?.trim()) {
    problems.push({ path: at('naReason'), message: 'a reason is given only for an outcome that does not apply' });
  }
  return problems;
}

/** An answer counts as given when it has a current level or is marked not applicable with a reason. */
export function isAnswered(s: Pick<AnswerState, 'current' | 'notApplicable'>): boolean {
  return s.notApplicable || s.current !== null;
}

/** The scale an assessment of a catalogue uses unless told otherwise. */
export function defaultScale(builtin: string | null): ScaleKey {
  return builtin === 'nist-csf-2.0' ? 'csf-tiers' : 'maturity-0-5';
}

/** The node under the top-level group that holds an outcome (the CSF category); the outcome itself when it sits that high. */
export function categoryOf(nodes: VersionNodes, n: CtlNodesTable): string | null {
  if (n.depth === 0) return null;
  let cur = n;
  while (cur.depth > 1) {
    const up = cur.parent_id ? nodes.byId.get(cur.parent_id) : undefined;
    if (!up) break;
    cur = up;
  }
  return cur.node_id;
}
