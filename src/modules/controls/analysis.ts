/**
 * What an assessment's answers add up to, as pure functions: counts and mean levels (overall,
 * by top-level group and by category), the gaps ranked by the money at stake, and the
 * comparison of two assessments.
 */
import type { ComparisonOut, GapOut, MaturityOut, MaturityRow, ScaleKey, Seat } from './schema.js';
import type { VersionNodes } from './common.js';
import type { RiskScenarioFacts, RiskTreatmentFacts } from './risk.js';

/** One outcome's answer with what is attached to it. */
export interface OutcomeFacts {
  controlId: string;
  topId: string;
  categoryId: string | null;
  position: number;
  current: number | null;
  target: number | null;
  notApplicable: boolean;
  ownerSeat: Seat | null;
  evidence: number;
}

export interface Tally {
  outcomes: number;
  answered: number;
  notApplicable: number;
  evidenced: number;
  gaps: number;
  current: number | null;
  target: number | null;
}

const mean = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

export const isGap = (f: Pick<OutcomeFacts, 'notApplicable' | 'current' | 'target'>): boolean => !f.notApplicable && f.current !== null && f.target !== null && f.current < f.target;

/** Counts and mean levels; the means are over the applicable outcomes that have the level. */
export function tally(facts: readonly OutcomeFacts[]): Tally {
  const applicable = facts.filter((f) => !f.notApplicable);
  return {
    outcomes: facts.length,
    answered: facts.filter((f) => f.notApplicable || f.current !== null).length,
    notApplicable: facts.length - applicable.length,
    evidenced: applicable.filter((f) => f.evidence > 0).length,
    gaps: facts.filter(isGap).length,
    current: mean(applicable.flatMap((f) => (f.current === null ? [] : [f.current]))),
    target: mean(applicable.flatMap((f) => (f.target === null ? [] : [f.target]))),
  };
}

/** A class name fit to show as a word ("function" → "Function"); SP800-53-like codes are not. */
function word(cls: string | null | undefined, fallback: string): string {
  return cls && /^[a-z][a-z ]*$/i.test(cls) ? cls[0]!.toUpperCase() + cls.slice(1).toLowerCase() : fallback;
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function row(id: string, nodes: VersionNodes, facts: readonly OutcomeFacts[]): MaturityRow {
  const n = nodes.byId.get(id);
  return { id, title: n?.title ?? id, label: n?.label ?? null, parentId: n?.kind === 'group' && n.depth === 0 ? null : (n?.top_id ?? null), ...tally(facts) };
}

/** Maturity overall, by top-level group (CSF function) and by category, in catalogue order. */
export function maturity(assessmentId: string, scale: ScaleKey, facts: readonly OutcomeFacts[], nodes: VersionNodes): MaturityOut {
  const sorted = [...facts].sort((a, b) => a.position - b.position);
  const tops: string[] = [];
  const cats: string[] = [];
  const byTop = new Map<string, OutcomeFacts[]>();
  const byCat = new Map<string, OutcomeFacts[]>();
  for (const f of sorted) {
    if (!byTop.has(f.topId)) tops.push(f.topId);
    byTop.set(f.topId, [...(byTop.get(f.topId) ?? []), f]);
    if (f.categoryId) {
      if (!byCat.has(f.categoryId)) cats.push(f.categoryId);
      byCat.set(f.categoryId, [...(byCat.get(f.categoryId) ?? []), f]);
    }
  }
  const overall = { id: 'overall', title: 'Overall', label: null, parentId: null, ...tally(sorted) };
  return {
    assessmentId,
    scale,
    words: {
      top: word(mostCommon(tops.map((id) => nodes.byId.get(id)?.class ?? null)), 'Group'),
      second: word(mostCommon(cats.map((id) => nodes.byId.get(id)?.class ?? null)), 'Category'),
    },
    overall,
    functions: tops.map((id) => row(id, nodes, byTop.get(id)!)),
    categories: cats.map((id) => ({ ...row(id, nodes, byCat.get(id)!), parentId: byCat.get(id)![0]!.topId })),
  };
}

export interface GapInput extends OutcomeFacts {
  title: string;
  statement: string | null;
  scenarios: RiskScenarioFacts[];
  /** The treatments linked to the outcome that are still in the register. */
  treatments: RiskTreatmentFacts[];
}

/**
 * The gaps (current below target, applicable), largest money at stake first: the current mean
 * annual loss of the linked scenarios in the portfolio, each scenario counted once per gap.
 * Ties go to the larger gap in levels, then catalogue order.
 */
export function rankGaps(items: readonly GapInput[], nodes: VersionNodes): GapOut[] {
  return items
    .filter(isGap)
    .map((g) => {
      const counted = g.scenarios.filter((s) => s.mean !== null);
      return { g, atStake: counted.reduce((sum, s) => sum + s.mean!, 0), counted };
    })
    .sort((a, b) => b.atStake - a.atStake || b.g.target! - b.g.current! - (a.g.target! - a.g.current!) || a.g.position - b.g.position)
    .map(({ g, atStake, counted }, i) => ({
      rank: i + 1,
      controlId: g.controlId,
      title: g.title,
      statement: g.statement,
      functionId: g.topId,
      functionTitle: nodes.byId.get(g.topId)?.title ?? g.topId,
      categoryId: g.categoryId,
      categoryTitle: g.categoryId ? (nodes.byId.get(g.categoryId)?.title ?? g.categoryId) : null,
      current: g.current!,
      target: g.target!,
      gap: g.target! - g.current!,
      atStake,
      scenarios: counted.sort((a, b) => b.mean! - a.mean!).map((s) => ({ id: s.id, ref: s.ref, title: s.title, mean: s.mean! })),
      treatments: g.treatments.map((t) => ({ id: t.id, ref: t.ref, name: t.name, status: t.status, scenarioId: t.scenarioId })),
      ownerSeat: g.ownerSeat,
      evidence: g.evidence,
    }));
}

interface Side {
  facts: readonly (OutcomeFacts & { title: string })[];
  nodes: VersionNodes;
}

const delta = (before: number | null, after: number | null): number | null => (before === null || after === null ? null : after - before);

/** Two assessments of the same catalogue side by side: per outcome (by control id) and per top-level group. */
export function comparison(from: Side, to: Side): Omit<ComparisonOut, 'from' | 'to' | 'scale'> {
  const before = new Map(from.facts.map((f) => [f.controlId, f]));
  const after = new Map(to.facts.map((f) => [f.controlId, f]));
  const ids = [...new Set([...to.facts.map((f) => f.controlId), ...from.facts.map((f) => f.controlId)])];
  const counts = { up: 0, down: 0, same: 0, new: 0, removed: 0, notApplicable: 0 };
  const outcomes = ids.map((id) => {
    const b = before.get(id);
    const a = after.get(id);
    const side = (f: OutcomeFacts | undefined) => (f ? { current: f.current, target: f.target, notApplicable: f.notApplicable } : null);
    let change: ComparisonOut['outcomes'][number]['change'];
    if (!b) change = 'new';
    else if (!a) change = 'removed';
    else if (a.notApplicable || b.notApplicable) change = 'not-applicable';
    else if (a.current !== null && b.current !== null && a.current > b.current) change = 'up';
    else if (a.current !== null && b.current !== null && a.current < b.current) change = 'down';
    else change = 'same';
    counts[change === 'not-applicable' ? 'notApplicable' : change] += 1;
    return { controlId: id, title: (a ?? b)!.title, functionId: (a ?? b)!.topId, before: side(b), after: side(a), change };
  });
  const tops = [...new Set([...to.facts.map((f) => f.topId), ...from.facts.map((f) => f.topId)])];
  const functions = tops.map((id) => {
    const b = tally(from.facts.filter((f) => f.topId === id)).current;
    const a = tally(to.facts.filter((f) => f.topId === id)).current;
    return { id, title: to.nodes.byId.get(id)?.title ?? from.nodes.byId.get(id)?.title ?? id, before: b, after: a, delta: delta(b, a) };
  });
  const b = tally(from.facts).current;
  const a = tally(to.facts).current;
  return { overall: { before: b, after: a, delta: delta(b, a) }, functions, outcomes, counts };
}
