/**
 * The board pack's content model, built from what the modules report: a plain data structure
 * of sections (figures, tables, chart data, positions side by side, the seats' responses) with
 * the words already written for a CEO. The PDF, the HTML page and the web app all draw this one
 * structure. Framework-free and pure: the same sources give the same content.
 */
import type { Block, BoardPackContent, Comparison, OwedOut, SectionKey } from './schema.js';
import type { ConcernOut, OwedResponse, PackSources, Responses, Source, SubjectRef, TopRisk } from './sources.js';
import type { Quarter } from './quarter.js';
import { packWords, type PackWords } from './i18n/index.js';
import { appetiteState } from './sections/appetite.js';
import { insuredFigures } from './sections/insurance.js';
import { budgetSectionBody } from './sections/budget.js';
import { roadmapSectionBody } from './sections/roadmap.js';
import { quarterOf } from './quarter.js';
import { maturitySection } from './sections/maturity.js';
import { keyOf, responsesBlock, TABLE_LIMIT, TOP_RISKS, type BuildInput, type TitledSubject } from './sections/blocks.js';
import { summarySection } from './sections/summary.js';
import { riskSection } from './sections/risk.js';
import { decisionsSection } from './sections/decisions.js';
import { governanceSection } from './sections/governance.js';
import { vendorsSection } from './sections/vendors.js';
import { lifecycleSection } from './sections/lifecycle.js';

// The input, the subjects' type and the appetite's state live with the sections, which need them too.
export type { BuildInput, TitledSubject } from './sections/blocks.js';
export { appetiteState } from './sections/appetite.js';

export const sectionSubjectId = (quarter: string, key: SectionKey): string => `board-pack:${quarter}:${key}`;

// ---------------------------------------------------------------------------------------------
// Subjects: which records each section shows, so the seats' responses go beside them.

export interface PackSubjects {
  bySection: Record<SectionKey, TitledSubject[]>;
  /** Each subject's title, for "responses owed on …". */
  titles: Map<string, string>;
  /** Concerns between the seats about subjects the sections do not show otherwise. */
  standalone: ConcernOut[];
}

export function packSubjects(quarter: Quarter, sources: PackSources): PackSubjects {
  const titles = new Map<string, string>();
  const bySection = {} as Record<SectionKey, TitledSubject[]>;
  const add = (key: SectionKey, s: SubjectRef, title: string): void => {
    (bySection[key] ??= []).push({ type: s.type, id: s.id, title });
    if (!titles.has(keyOf(s))) titles.set(keyOf(s), title);
  };
  const names: Record<SectionKey, string> = {
    summary: 'Board pack summary',
    risk: 'Board pack: risk against appetite',
    decisions: 'Board pack: decisions for the board',
    governance: 'Board pack: accepted risks and governance',
    vendors: 'Board pack: vendors',
    lifecycle: 'Board pack: estate lifecycle',
    maturity: 'Board pack: security maturity',
    budget: 'Board pack: IT budget against actual',
    roadmap: 'Board pack: roadmap',
  };
  for (const key of Object.keys(names) as SectionKey[]) add(key, { type: 'report-section', id: sectionSubjectId(quarter.key, key) }, `${names[key]} (${quarter.label})`);
  if (sources.risk.ok) for (const r of sources.risk.value.all.slice(0, TOP_RISKS)) add('risk', { type: 'risk', id: r.id }, `${r.ref} ${r.title}`);
  if (sources.board.ok) {
    for (const d of sources.board.value.decisions) add('decisions', { type: 'decision', id: d.id }, d.title);
    for (const a of sources.board.value.acceptancesAwaitingBoard) add('decisions', { type: 'acceptance', id: a.id }, a.title);
  }
  if (sources.accepted.ok) for (const a of sources.accepted.value) add('governance', { type: 'acceptance', id: a.id }, a.title);
  if (sources.governance.ok) for (const c of sources.governance.value.checks) add('governance', { type: 'finding', id: c.id }, c.title);
  if (sources.criticalVendors.ok) for (const v of sources.criticalVendors.value.slice(0, TABLE_LIMIT)) add('vendors', { type: 'vendor', id: v.id }, v.name);
  if (sources.lifecycle.ok) {
    const l = sources.lifecycle.value;
    for (const s of [...l.endOfLife.items, ...l.warrantyEnding.items, ...l.pastEndOfLife.items].slice(0, 3 * TABLE_LIMIT)) add('lifecycle', { type: 'system', id: s.id }, s.name);
  }
  const shown = new Set(titles.keys());
  const standalone: ConcernOut[] = [];
  if (sources.concerns.ok) {
    for (const c of sources.concerns.value) {
      const s = { type: c.subjectType, id: c.subjectId };
      if (shown.has(keyOf(s))) continue;
      standalone.push(c);
      add('decisions', s, c.subjectTitle);
    }
  }
  return { bySection, titles, standalone };
}

/** Every subject of the pack, once. */
export function allSubjects(subjects: PackSubjects): TitledSubject[] {
  const seen = new Map<string, TitledSubject>();
  for (const list of Object.values(subjects.bySection)) for (const s of list) seen.set(keyOf(s), s);
  return [...seen.values()];
}

export function presentOwed(owed: OwedResponse[], titles: Map<string, string>): OwedOut[] {
  return owed.map((o) => ({
    subjectType: o.subject.type,
    subjectId: o.subject.id,
    about: titles.get(keyOf(o.subject)) ?? `${o.subject.type} ${o.subject.id}`,
    seat: o.seat,
    holder: o.holder?.name ?? null,
    kind: o.kind,
    respondBy: o.respondBy,
  }));
}

// ---------------------------------------------------------------------------------------------
// Comparison with the last issued pack

function change(before: number | null, after: number | null): Comparison['expectedLoss'] {
  if (before === null || after === null) return null;
  return { before, after, delta: after - before, percent: before !== 0 ? ((after - before) / before) * 100 : null };
}

export function compare(previous: BuildInput['previous'], figures: BoardPackContent['figures'], all: TopRisk[]): Comparison | null {
  if (!previous) return null;
  const prev = previous.content;
  const before = prev.snapshot.risks;
  const beforeIds = new Map(before.map((r, i) => [r.id, { ...r, rank: i + 1 }]));
  const nowIds = new Map(all.map((r, i) => [r.id, { ...r, rank: i + 1 }]));
  const newRisks = all.filter((r) => !beforeIds.has(r.id)).map((r) => ({ id: r.id, ref: r.ref, title: r.title, mean: r.mean }));
  const closedRisks = before.filter((r) => !nowIds.has(r.id)).map((r) => ({ id: r.id, ref: r.ref, title: r.title, mean: r.mean }));
  const moved: Comparison['moved'] = [];
  const candidates = new Set([...all.slice(0, TOP_RISKS).map((r) => r.id), ...before.slice(0, TOP_RISKS).map((r) => r.id)]);
  for (const id of candidates) {
    const b = beforeIds.get(id);
    const a = nowIds.get(id);
    const rankChanged = (b?.rank ?? null) !== (a?.rank ?? null);
    const meanChanged = !!a && !!b && Math.abs(a.mean - b.mean) > 0.1 * Math.max(Math.abs(b.mean), 1);
    if (!rankChanged && !meanChanged) continue;
    if (!a && !b) continue;
    moved.push({ id, ref: (a ?? b)!.ref, title: (a ?? b)!.title, rankBefore: b?.rank ?? null, rankAfter: a?.rank ?? null, meanBefore: b?.mean ?? null, meanAfter: a?.mean ?? null });
  }
  moved.sort((x, y) => (x.rankAfter ?? 1e9) - (y.rankAfter ?? 1e9) || (x.rankBefore ?? 1e9) - (y.rankBefore ?? 1e9));
  return {
    previousPackId: previous.id,
    previousQuarter: prev.quarter.key,
    previousIssuedAt: previous.issuedAt,
    expectedLoss: change(prev.figures.expectedLoss, figures.expectedLoss),
    p90: change(prev.figures.p90, figures.p90),
    p99: change(prev.figures.p99, figures.p99),
    appetite: { before: prev.figures.appetite, after: figures.appetite },
    newRisks,
    closedRisks,
    moved: moved.slice(0, 12),
  };
}

// ---------------------------------------------------------------------------------------------
// The pack: its figures and its sections, in order

/** The figures of the pack, as numbers (the API's figures; the words in the sections quote them). */
export function packFigures(sources: PackSources): BoardPackContent['figures'] {
  const r = sources.risk.ok ? sources.risk.value : null;
  const p = r?.portfolio ?? null;
  return {
    expectedLoss: p ? p.mean : null,
    p90: p ? p.p90 : null,
    p99: p ? p.p99 : null,
    inherentExpectedLoss: p ? p.inherentMean : null,
    treatmentCost: p ? p.treatmentCost : null,
    scenarioCount: p ? p.scenarioCount : 0,
    appetite: appetiteState(sources.risk),
    riskComputedAt: r?.computedAt ?? null,
    riskStale: r ? r.stale : false,
    decisionsForBoard: sources.board.ok ? sources.board.value.decisions.filter((d) => d.awaitingExecutive).length : 0,
    acceptancesAwaitingBoard: sources.board.ok ? sources.board.value.acceptancesAwaitingBoard.length : 0,
    ...insuredFigures(r),
  };
}

function withResponses(words: PackWords, body: { title: string; lead: string; blocks: Block[] }, subjects: TitledSubject[], responses: Source<Responses>): { title: string; lead: string; blocks: Block[] } {
  return { ...body, blocks: [...body.blocks, ...responsesBlock(words, subjects, responses)] };
}

/** Builds the board pack's content from its sources (pure). */
export function buildBoardPack(input: BuildInput): BoardPackContent {
  const { sources, quarter, client } = input;
  const subjects = packSubjects(quarter, sources);
  const figures = packFigures(sources);
  const all = sources.risk.ok ? sources.risk.value.all : [];
  const comparison = compare(input.previous, figures, all);
  const owed = input.responses.ok ? presentOwed(input.responses.value.owed, subjects.titles) : [];
  const s = subjects.bySection;
  const words = packWords(input.language ?? 'en');
  const { date } = words;
  return {
    version: 1,
    kind: 'board',
    ...(input.language && input.language !== 'en' ? { language: input.language } : {}),
    client,
    quarter: { key: quarter.key, label: quarter.label, start: quarter.start, end: quarter.end },
    window: { from: sources.window.from, to: sources.window.to, label: words.t('words.window', { from: date(sources.window.from), to: date(sources.window.to) }) },
    generatedAt: input.generatedAt,
    asOf: sources.today,
    figures,
    comparison,
    sections: [
      summarySection(words, input, figures, comparison, s.summary, owed),
      riskSection(words, input, comparison, s.risk),
      decisionsSection(words, input, s.decisions, subjects.standalone),
      governanceSection(words, input, s.governance),
      vendorsSection(words, input, s.vendors),
      lifecycleSection(words, input, s.lifecycle),
      maturitySection({ client, source: sources.maturity }, s.maturity, responsesBlock(words, s.maturity, input.responses), words),
      { key: 'budget', number: 8, ...withResponses(words, budgetSectionBody(sources.budget, words), s.budget, input.responses), subjects: s.budget },
      { key: 'roadmap', number: 9, ...withResponses(words, roadmapSectionBody(sources.roadmap, [0, 1, 2, 3].map((k) => quarterOf(quarter.year, quarter.q + k)), words), s.roadmap, input.responses), subjects: s.roadmap },
    ],
    owed,
    issue: null,
    snapshot: { risks: all.map((r) => ({ id: r.id, ref: r.ref, title: r.title, mean: r.mean, p90: r.p90 })) },
  };
}
