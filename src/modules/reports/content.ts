/**
 * The board pack's content model, built from what the modules report: a plain data structure
 * of sections (figures, tables, chart data, positions side by side, the seats' responses) with
 * the words already written for a CEO. The PDF, the HTML page and the web app all draw this one
 * structure. Framework-free and pure: the same sources give the same content.
 */
import type { AppetiteState, Block, BoardPackContent, Comparison, Figure, OwedOut, ReportLanguage, ResponseItem, Section, SectionKey, Tone } from './schema.js';
import type { AcceptanceOut, CheckOut, ConcernOut, DecisionOut, OwedResponse, PackSources, Responses, RiskSource, SeatOut, Source, SubjectRef, TopRisk } from './sources.js';
import type { Quarter } from './quarter.js';
import { sentence } from './text.js';
import { packWords, type PackWords } from './i18n/index.js';
import { authorityBlocks } from './sections/authority.js';
import { p90Cell, rareClause } from './sections/rare.js';
import { basisWords, unsettledNote } from './sections/appetite.js';
import { insuranceBlocks, insuredFigures, keptFigure } from './sections/insurance.js';
import { budgetSectionBody } from './sections/budget.js';
import { roadmapSectionBody } from './sections/roadmap.js';
import { quarterOf } from './quarter.js';
import { maturitySection } from './sections/maturity.js';
import { findingIn } from './sections/findings.js';
import { vendorReasonIn } from './sections/vendor-reason.js';

type Seat = 'CIO' | 'CTO' | 'CISO';

export interface BuildInput {
  client: { id: string; name: string; sector: string; currency: string };
  quarter: Quarter;
  generatedAt: string;
  sources: PackSources;
  responses: Source<Responses>;
  /** The latest issued pack of an earlier quarter, to compare with. */
  previous: { id: string; issuedAt: string; content: BoardPackContent } | null;
  /** The language the pack is written in (default: English). */
  language?: ReportLanguage;
}

const TOP_RISKS = 10;
const TABLE_LIMIT = 15;

export const sectionSubjectId = (quarter: string, key: SectionKey): string => `board-pack:${quarter}:${key}`;
const keyOf = (s: SubjectRef): string => `${s.type}:${s.id}`;

// ---------------------------------------------------------------------------------------------
// Subjects: which records each section shows, so the seats' responses go beside them.

export interface TitledSubject extends SubjectRef {
  title: string;
}

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
// Small builders

const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });
const para = (text: string, tone: Tone = 'neutral'): Block => ({ kind: 'paragraph', text, tone });
const heading = (text: string): Block => ({ kind: 'heading', text });
const unavailable = (text: string): Block => ({ kind: 'unavailable', text });

function table(columns: [key: string, label: string, align?: 'left' | 'right', width?: number][], rows: { cells: Record<string, string>; tone?: Tone }[], empty: string, options: { caption?: string; note?: string | null } = {}): Block {
  return {
    kind: 'table',
    caption: options.caption ?? null,
    columns: columns.map(([key, label, align, width]) => ({ key, label, align: align ?? 'left', width: width ?? 1 })),
    rows: rows.map((r) => ({ cells: r.cells, tone: r.tone ?? 'neutral' })),
    empty,
    note: options.note ?? null,
  };
}

function more(words: PackWords, shown: number, total: number, what: 'risk' | 'criticalVendor' | 'contract' | 'system'): string | null {
  return total > shown ? words.t(`more.${what}`, words.n(total, { shown: words.count(shown) })) : null;
}

function responseItem(c: ConcernOut): ResponseItem {
  return {
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    about: c.subjectTitle,
    seat: c.seat,
    holder: c.holder?.name ?? null,
    raisedBy: c.raisedBy?.name ?? null,
    concern: c.summary,
    state: c.state,
    response: c.response,
    respondedAt: c.respondedAt,
    respondBy: c.respondBy,
  };
}

/** The responses block of a section: every concern on its subjects, with the seat's response. */
function responsesBlock(words: PackWords, subjects: TitledSubject[], responses: Source<Responses>, skip: Set<string> = new Set()): Block[] {
  if (!responses.ok) return [unavailable(words.t('words.responsesUnknown', { reason: responses.reason }))];
  const items: ResponseItem[] = [];
  for (const s of subjects) {
    if (skip.has(keyOf(s))) continue;
    for (const c of responses.value.bySubject.get(keyOf(s)) ?? []) items.push(responseItem(c));
  }
  return items.length > 0 ? [{ kind: 'responses', items }] : [];
}

function holderName(seats: SeatOut[] | null, seat: Seat): string | null {
  return seats?.find((s) => s.seat === seat)?.holder?.name ?? null;
}

function ownerLabel(seats: SeatOut[] | null, seat: Seat): string {
  const name = holderName(seats, seat);
  return name ? `${seat} (${name})` : seat;
}

const TREATMENT_WORDS: Record<TopRisk['treatmentStatus'], string> = {
  none: 'None yet',
  proposed: 'Proposed',
  planned: 'Planned',
  in_place: 'In place',
  mixed: 'Partly in place',
};


export function appetiteState(risk: Source<RiskSource>): AppetiteState {
  if (!risk.ok) return 'unknown';
  const a = risk.value.appetite;
  if (!a.defined) return 'not-set';
  if (a.breached === null) return 'unknown';
  return a.breached ? 'above' : 'within';
}

const APPETITE_WORDS: Record<AppetiteState, string> = { within: 'Within appetite', above: 'Above appetite', 'not-set': 'No appetite set', unknown: 'Not yet known' };

function appetiteSentence(words: PackWords, risk: Source<RiskSource>, currency: string): string {
  const state = appetiteState(risk);
  if (!risk.ok) return risk.reason;
  const a = risk.value.appetite;
  if (state === 'not-set') return words.t('appetite.notSet');
  if (state === 'unknown') return words.t('appetite.unknown');
  const breached = a.checks.filter((c) => c.breached).sort((x, y) => y.probability / Math.max(y.limit, 1e-12) - x.probability / Math.max(x.limit, 1e-12))[0];
  const unsettled = unsettledNote(words, risk.value, currency);
  const basis = basisWords(words, risk.value);
  const verdict =
    state === 'above' && breached
      ? words.t('appetite.above', { basis, loss: words.roughly(breached.loss, currency), chance: words.pct(breached.probability), limit: words.pct(breached.limit) })
      : a.statement
        ? words.t('appetite.withinStatement', { basis, statement: a.statement.trim() })
        : words.t('appetite.within', { basis });
  return `${verdict}${unsettled ? ` ${unsettled}` : ''}`;
}

const STANCES = { supports: 'stance.supports', opposes: 'stance.opposes', abstains: 'stance.abstains', none: 'stance.none' } as const;

function stanceSentence(words: PackWords, d: DecisionOut): string {
  const groups: Partial<Record<keyof typeof STANCES, Seat[]>> = {};
  for (const p of d.positions) (groups[p.stance ?? 'none'] ??= []).push(p.seat);
  return words.and(Object.entries(groups).map(([stance, seats]) => words.t(STANCES[stance as keyof typeof STANCES], { count: seats.length, seats: words.and(seats) })));
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

function changeSentence(words: PackWords, c: Comparison, previousLabel: string, currency: string): string {
  const parts: string[] = [];
  if (c.expectedLoss) {
    const e = c.expectedLoss;
    const amounts = { before: words.roughly(e.before, currency), after: words.roughly(e.after, currency) };
    if (Math.abs(e.delta) < 0.005 * Math.max(e.before, 1)) parts.push(words.t('change.unchanged', { amount: amounts.after }));
    else if (e.percent !== null) parts.push(words.t(e.delta > 0 ? 'change.upBy' : 'change.downBy', { ...amounts, percent: words.pct(Math.abs(Math.round(e.percent)) / 100) }));
    else parts.push(words.t(e.delta > 0 ? 'change.up' : 'change.down', amounts));
  }
  if (c.appetite.before !== c.appetite.after) parts.push(words.t('change.appetite', { before: words.t(`appetiteState.${c.appetite.before}`), after: words.t(`appetiteState.${c.appetite.after}`) }));
  const counts: string[] = [];
  if (c.newRisks.length) counts.push(words.t('change.newRisks', words.n(c.newRisks.length)));
  if (c.closedRisks.length) counts.push(words.t('change.closed', words.n(c.closedRisks.length)));
  if (counts.length) parts.push(words.and(counts));
  if (parts.length === 0) return words.t('change.nothing', { previous: previousLabel });
  return words.t('change.since', { previous: previousLabel, parts: words.and(parts) });
}

function quarterLabel(key: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m ? `Q${m[2]} ${m[1]}` : key;
}

// ---------------------------------------------------------------------------------------------
// Sections

function summarySection(words: PackWords, input: BuildInput, figures: BoardPackContent['figures'], comparison: Comparison | null, subjects: TitledSubject[], owed: OwedOut[]): Section {
  const { sources, client } = input;
  const { money, roughly, date } = words;
  const cur = client.currency;
  const blocks: Block[] = [];
  const risk = sources.risk;
  const seats = sources.governance.ok ? sources.governance.value.seats : null;
  const state = figures.appetite;
  let lead: string;
  if (risk.ok && figures.expectedLoss !== null) {
    blocks.push({
      kind: 'figures',
      items: [
        fig('Expected annual loss', money(figures.expectedLoss, cur), figures.expectedLoss, words.t(keptFigure(words, risk.value, cur) ? 'summary.expectedNoteInsured' : 'summary.expectedNote')),
        ...[keptFigure(words, risk.value, cur)].filter((f): f is Figure => f !== null),
        fig('1-in-10-year loss', money(figures.p90!, cur), figures.p90, words.t('summary.p90Note')),
        fig('1-in-100-year loss', money(figures.p99!, cur), figures.p99, words.t('summary.p99Note')),
        fig('Risk appetite', APPETITE_WORDS[state], null, state === 'above' || state === 'within' ? words.t(risk.value.appetite.settled === false ? 'summary.appetiteUnsettled' : 'summary.appetiteAgainst') : null, state === 'above' ? 'bad' : state === 'within' ? (risk.value.appetite.settled === false ? 'warn' : 'good') : 'warn'),
      ],
    });
    lead = words.t('summary.lead', { client: client.name, mean: roughly(figures.expectedLoss, cur), p90: roughly(figures.p90!, cur) });
    blocks.push(para(appetiteSentence(words, risk, cur), state === 'above' ? 'bad' : 'neutral'));
    if (risk.value.appetite.statement && state === 'above') blocks.push(para(words.t('summary.statement', { statement: risk.value.appetite.statement.trim() })));
    if (risk.value.stale) {
      blocks.push(para(words.t('summary.stale', { date: date(risk.value.computedAt) }), 'warn'));
    }
  } else {
    lead = risk.ok ? words.t('summary.noFigures') : risk.reason;
    blocks.push(unavailable(risk.ok ? words.t('summary.noFiguresHow') : risk.reason));
  }
  if (comparison) blocks.push(para(changeSentence(words, comparison, quarterLabel(comparison.previousQuarter), cur)));

  blocks.push(heading('The three largest risks'));
  if (risk.ok && risk.value.all.length > 0) {
    blocks.push({
      kind: 'list',
      items: risk.value.all.slice(0, 3).map((r) => ({
        text: words.t('summary.topRisk', {
          title: r.title,
          ref: r.ref,
          mean: roughly(r.mean, cur),
          bad: r.p90 > 0 ? words.t('summary.topRiskP90', { p90: roughly(r.p90, cur) }) : rareClause(words, r, cur),
          owner: ownerLabel(seats, r.ownerSeat),
          treatment: words.t(r.status === 'accepted' ? 'summary.accepted' : `treatment.${r.treatmentStatus}`),
        }),
        tone: 'neutral',
      })),
    });
  } else {
    blocks.push(unavailable(risk.ok ? words.t('summary.noRisk') : risk.reason));
  }

  blocks.push(heading('Decisions the board must take'));
  if (sources.board.ok) {
    const { decisions, acceptancesAwaitingBoard } = sources.board.value;
    const items: { text: string; tone: Tone }[] = [
      ...decisions
        .filter((d) => d.awaitingExecutive)
        .map((d): { text: string; tone: Tone } => ({ text: `${words.t('summary.decision', { title: d.title, stances: stanceSentence(words, d) })}${d.decideBy ? ` ${words.t('words.decideBy', { date: date(d.decideBy) })}` : ''}`, tone: 'warn' })),
      ...acceptancesAwaitingBoard.map((a): { text: string; tone: Tone } => ({
        text: words.t('summary.acceptance', { title: a.title, date: date(a.expiresOn), reason: a.authorityReason }),
        tone: 'warn',
      })),
    ];
    if (state === 'not-set') items.push({ text: words.t('summary.setAppetite'), tone: 'warn' });
    // The summary stays on one page: the rest are in section 3.
    if (items.length > 5) items.splice(4, items.length - 4, { text: words.t('summary.andMore', words.n(items.length - 4)), tone: 'warn' });
    if (items.length > 0) blocks.push({ kind: 'list', items });
    else blocks.push(para(words.t('summary.noDecision'), 'good'));
  } else {
    blocks.push(unavailable(sources.board.reason));
  }
  if (owed.length > 0) {
    blocks.push(
      para(
        words.t('summary.awaited', { list: words.and(owed.map((o) => (o.holder ? words.t('summary.awaitedHolder', { seat: o.seat, holder: o.holder, about: o.about }) : words.t('summary.awaitedSeat', { seat: o.seat, about: o.about })))) }),
        'warn',
      ),
    );
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  return { key: 'summary', number: 1, title: 'Summary', lead, blocks, subjects };
}

function riskSection(words: PackWords, input: BuildInput, comparison: Comparison | null, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const { money, roughly, date } = words;
  const cur = client.currency;
  const blocks: Block[] = [];
  const risk = sources.risk;
  const seats = sources.governance.ok ? sources.governance.value.seats : null;
  let lead = words.t('risk.lead');
  if (!risk.ok) {
    blocks.push(unavailable(risk.reason));
  } else {
    const r = risk.value;
    const hasCurve = r.lec.inherent.length > 0;
    if (hasCurve) {
      blocks.push({
        kind: 'chart',
        chart: { type: 'loss-exceedance', currency: cur, inherent: r.lec.inherent, residual: r.lec.residual, ...(r.lec.retained ? { retained: r.lec.retained } : {}), tolerance: r.lec.tolerance },
        caption: words.t(r.lec.tolerance.length > 0 ? 'risk.curveCaption' : 'risk.curveCaptionNoAppetite'),
        alt: words.t(r.lec.tolerance.length > 0 ? 'risk.curveAltTolerance' : 'risk.curveAlt', { client: client.name }),
      });
      lead = appetiteSentence(words, risk, cur);
    } else {
      blocks.push(unavailable(words.t('risk.noCurve')));
    }
    const largest = Math.min(TOP_RISKS, r.all.length);
    blocks.push(heading(largest ? words.t('risk.largest', { n: words.count(largest) }) : words.t('risk.largestNone')));
    const top = r.all.slice(0, TOP_RISKS);
    blocks.push(
      table(
        [
          ['ref', 'Ref', 'left', 0.5],
          ['title', 'Risk', 'left', 2.6],
          ['owner', 'Owner', 'left', 1.3],
          ['mean', 'Expected a year', 'right', 1.1],
          ['p90', '1 year in 10', 'right', 1.1],
          ['treatment', 'Treatment', 'left', 1],
        ],
        top.map((t) => ({
          cells: { ref: t.ref, title: t.title, owner: ownerLabel(seats, t.ownerSeat), mean: money(t.mean, cur), p90: p90Cell(words, t, cur), treatment: t.status === 'accepted' ? 'Accepted' : TREATMENT_WORDS[t.treatmentStatus] },
          tone: t.treatmentStatus === 'none' && t.status !== 'accepted' ? 'warn' : 'neutral',
        })),
        words.t('risk.noneComputed'),
        { note: more(words, top.length, r.all.length, 'risk') },
      ),
    );
  }
  if (risk.ok) blocks.push(...insuranceBlocks(words, risk.value, cur));
  blocks.push(heading('Change since the last pack'));
  if (!comparison) {
    blocks.push(para(words.t('risk.noPrevious'), 'neutral'));
  } else {
    const c = comparison;
    const row = (label: string, ch: Comparison['expectedLoss']) =>
      ch
        ? { cells: { figure: label, before: money(ch.before, cur), after: money(ch.after, cur), change: ch.percent !== null ? words.signedPct(ch.percent) : money(ch.delta, cur) }, tone: (ch.delta > 0.005 * Math.max(ch.before, 1) ? 'bad' : ch.delta < -0.005 * Math.max(ch.before, 1) ? 'good' : 'neutral') as Tone }
        : { cells: { figure: label, before: '-', after: '-', change: '-' } };
    blocks.push(
      table(
        [
          ['figure', 'Figure', 'left', 2],
          ['before', quarterLabel(c.previousQuarter), 'right', 1.2],
          ['after', input.quarter.label, 'right', 1.2],
          ['change', 'Change', 'right', 0.9],
        ],
        [
          row(words.label('Expected annual loss'), c.expectedLoss),
          row(words.label('1-in-10-year loss'), c.p90),
          row(words.label('1-in-100-year loss'), c.p99),
          { cells: { figure: words.label('Risk appetite'), before: APPETITE_WORDS[c.appetite.before], after: APPETITE_WORDS[c.appetite.after], change: words.t(c.appetite.before === c.appetite.after ? 'risk.same' : 'risk.changed') }, tone: c.appetite.after === 'above' && c.appetite.before !== 'above' ? 'bad' : 'neutral' },
        ],
        '',
        { caption: words.t('risk.compared', { quarter: quarterLabel(c.previousQuarter), date: date(c.previousIssuedAt) }) },
      ),
    );
    const items: { text: string; tone: Tone }[] = [];
    for (const m of c.moved) {
      const ranks = { top: TOP_RISKS, before: m.rankBefore ?? '', after: m.rankAfter ?? '' };
      const what =
        m.rankBefore === null
          ? words.t('risk.entered', ranks)
          : m.rankAfter === null
            ? words.t('risk.left', ranks)
            : m.rankAfter > TOP_RISKS && m.rankBefore <= TOP_RISKS
              ? words.t('risk.fellOut', ranks)
              : m.rankBefore > TOP_RISKS
                ? words.t('risk.roseInto', ranks)
                : m.rankBefore === m.rankAfter
                  ? words.t('risk.stays', ranks)
                  : words.t('risk.movedFrom', ranks);
      const money2 =
        m.meanBefore !== null && m.meanAfter !== null
          ? words.t('risk.meanChange', { before: roughly(m.meanBefore, cur), after: roughly(m.meanAfter, cur) })
          : m.meanAfter !== null
            ? words.t('risk.meanNow', { after: roughly(m.meanAfter, cur) })
            : '';
      items.push({ text: words.t('risk.movedItem', { title: m.title, ref: m.ref, what, money: money2 }), tone: (m.meanAfter ?? 0) > (m.meanBefore ?? Infinity) ? 'bad' : 'neutral' });
    }
    for (const n of c.newRisks.slice(0, 10)) items.push({ text: words.t('risk.new', { title: n.title, ref: n.ref, mean: roughly(n.mean, cur) }), tone: 'warn' });
    if (c.newRisks.length > 10) items.push({ text: words.t('risk.moreNew', words.n(c.newRisks.length - 10)), tone: 'warn' });
    for (const n of c.closedRisks.slice(0, 10)) items.push({ text: words.t('risk.closed', { title: n.title, ref: n.ref, mean: roughly(n.mean, cur) }), tone: 'good' });
    if (c.closedRisks.length > 10) items.push({ text: words.t('risk.moreClosed', words.n(c.closedRisks.length - 10)), tone: 'good' });
    if (items.length > 0) blocks.push({ kind: 'list', items });
    else blocks.push(para(words.t('risk.noChange')));
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  return { key: 'risk', number: 2, title: 'Risk against appetite', lead, blocks, subjects };
}

/**
 * Why a decision went to the executives: the stored reason (written in English when it was
 * escalated), or in another language the same reason read again from the positions.
 */
function escalationIn(words: PackWords, d: DecisionOut, stored: string): string {
  if (words.language === 'en') return stored;
  const supporting = d.positions.filter((p) => p.stance === 'supports').map((p) => p.seat);
  const opposing = d.positions.filter((p) => p.stance === 'opposes').map((p) => p.seat);
  if (supporting.length > 0 && opposing.length > 0) return words.t('decisions.disagree', { supporting: words.and(supporting), opposing: words.and(opposing) });
  return words.t(opposing.includes('CISO') ? 'decisions.cisoUnderCio' : 'decisions.escalatedOther');
}

function acceptanceMean(a: AcceptanceOut): number | null {
  const xs = a.risks.map((r) => r.latestMean ?? r.frozenMean).filter((x): x is number => x !== null);
  return xs.length > 0 ? xs.reduce((s, x) => s + x, 0) : null;
}

function decisionsSection(words: PackWords, input: BuildInput, subjects: TitledSubject[], standalone: ConcernOut[]): Section {
  const { sources, client } = input;
  const { money, date } = words;
  const cur = client.currency;
  const blocks: Block[] = [];
  let lead = words.t('decisions.lead');
  const responses = input.responses;
  const shownInline = new Set<string>();
  if (!sources.board.ok) {
    blocks.push(unavailable(sources.board.reason));
  } else {
    const { decisions, acceptancesAwaitingBoard } = sources.board.value;
    const waiting = decisions.filter((d) => d.awaitingExecutive);
    const decided = decisions.filter((d) => !d.awaitingExecutive && d.status === 'decided');
    const total = waiting.length + acceptancesAwaitingBoard.length;
    lead =
      total === 0
        ? words.t('decisions.nothing')
        : words.t('decisions.wait', {
            count: total,
            what: sentence(words.and([waiting.length ? words.t('decisions.decisions', words.n(waiting.length)) : '', acceptancesAwaitingBoard.length ? words.t('decisions.acceptances', words.n(acceptancesAwaitingBoard.length)) : ''].filter(Boolean))),
          });
    for (const d of waiting) {
      const optionTitle = (id: string | null): string | null => (id ? (d.options.find((o) => o.id === id)?.title ?? null) : null);
      const proposed = d.options.find((o) => o.proposed);
      const detail = [
        d.escalationReason ? words.t('decisions.escalated', { reason: escalationIn(words, d, d.escalationReason) }) : null,
        d.decideBy ? words.t('words.decideBy', { date: date(d.decideBy) }) : null,
        proposed?.cost != null ? words.t('decisions.proposalCost', { cost: money(proposed.cost, cur) }) : null,
      ]
        .filter(Boolean)
        .join(' ');
      blocks.push({
        kind: 'positions',
        title: d.title,
        proposal: d.proposal,
        detail: detail || null,
        positions: d.positions.map((p) => ({
          seat: p.seat,
          holder: p.holder?.name ?? null,
          stance: p.stance,
          rationale: p.rationale,
          prefers: p.preferredOptionId && p.preferredOptionId !== proposed?.id ? optionTitle(p.preferredOptionId) : null,
        })),
      });
      if (d.options.length > 1) {
        blocks.push(
          table(
            [
              ['option', 'Option', 'left', 2],
              ['cost', 'Cost', 'right', 0.9],
              ['effect', 'What it does to the risk', 'left', 3],
            ],
            d.options.map((o) => ({ cells: { option: o.proposed ? words.t('decisions.optionProposed', { title: o.title }) : o.title, cost: o.cost !== null ? money(o.cost, cur) : '-', effect: o.riskEffect ?? '' } })),
            '',
          ),
        );
      }
      for (const c of responses.ok ? (responses.value.bySubject.get(`decision:${d.id}`) ?? []) : []) blocks.push({ kind: 'responses', items: [responseItem(c)] });
      shownInline.add(`decision:${d.id}`);
    }
    if (acceptancesAwaitingBoard.length > 0) {
      blocks.push(heading('Risk acceptances awaiting the board'));
      blocks.push(
        table(
          [
            ['title', 'Acceptance', 'left', 2.4],
            ['mean', 'Expected a year', 'right', 1.1],
            ['appetite', 'Appetite', 'left', 1],
            ['by', 'Requested by', 'left', 1.3],
            ['until', 'Until', 'left', 0.9],
          ],
          acceptancesAwaitingBoard.map((a) => {
            const m = acceptanceMean(a);
            return {
              cells: { title: a.title, mean: m !== null ? money(m, cur) : '-', appetite: !a.appetite.defined ? 'No appetite set' : a.appetite.above ? 'Register above' : a.appetite.settled ? 'Register within' : 'Too close to call', by: `${a.requestedBy.name} (${words.value(a.requestedBy.role)})`, until: date(a.expiresOn) },
              tone: a.appetite.above ? 'bad' : 'neutral',
            };
          }),
          '',
        ),
      );
      blocks.push({ kind: 'list', items: acceptancesAwaitingBoard.map((a) => ({ text: `${a.title}: ${a.justification}${a.appetite.explanation ? ` ${a.appetite.explanation}` : ''} ${a.authorityReason}`, tone: 'neutral' })) });
    }
    if (decided.length > 0) {
      blocks.push(heading('Decided since the last pack'));
      blocks.push({
        kind: 'list',
        items: decided.map((d) => ({ text: `${d.title}: ${d.outcome ?? words.t('decisions.decided')}${d.decidedBy ? ` (${d.decidedBy.name}, ${date(d.decidedAt)})` : ''}.`, tone: 'neutral' })),
      });
    }
  }
  if (standalone.length > 0) {
    blocks.push(heading('Raised between the seats'));
    blocks.push(para(words.t('decisions.raised')));
    blocks.push({ kind: 'responses', items: standalone.map(responseItem) });
    for (const c of standalone) shownInline.add(`${c.subjectType}:${c.subjectId}`);
  } else if (!sources.concerns.ok) {
    blocks.push(unavailable(sources.concerns.reason));
  }
  blocks.push(...responsesBlock(words, subjects, responses, shownInline));
  return { key: 'decisions', number: 3, title: 'Decisions for the board', lead, blocks, subjects };
}

const SEVERITY_WORDS: Record<CheckOut['severity'], string> = { high: 'High', medium: 'Medium', low: 'Low' };

function governanceSection(words: PackWords, input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const { money, date } = words;
  const cur = client.currency;
  const blocks: Block[] = [];
  const leadParts: string[] = [];
  blocks.push(heading('Accepted risks and their expiry'));
  if (!sources.accepted.ok) blocks.push(unavailable(sources.accepted.reason));
  else {
    const list = sources.accepted.value;
    leadParts.push(list.length === 0 ? words.t('governance.noneAccepted') : words.t('governance.inForce', words.n(list.length)));
    blocks.push(
      table(
        [
          ['title', 'Accepted risk', 'left', 2.4],
          ['mean', 'Expected a year', 'right', 1.1],
          ['change', 'Since accepted', 'right', 0.9],
          ['by', 'Approved by', 'left', 1.3],
          ['until', 'Expires', 'left', 1.1],
        ],
        list.map((a) => {
          const m = acceptanceMean(a);
          const changes = a.risks.map((r) => r.changePercent).filter((x): x is number => x !== null);
          const ch = changes.length > 0 ? Math.max(...changes) : null;
          return {
            cells: {
              title: a.reapprovalRequired ? words.t('governance.reapproval', { title: a.title }) : a.title,
              mean: m !== null ? money(m, cur) : '-',
              change: ch !== null ? words.signedPct(ch) : '-',
              by: a.approvedBy ? `${a.approvedBy.name} (${words.value(a.approvedBy.role)})` : '-',
              until: a.daysLeft >= 0 ? words.t('governance.daysLeft', words.n(a.daysLeft, { date: date(a.expiresOn) })) : words.t('governance.expired', { date: date(a.expiresOn) }),
            },
            tone: a.reapprovalRequired || a.daysLeft < 0 ? 'bad' : a.daysLeft <= 30 ? 'warn' : 'neutral',
          };
        }),
        words.t('governance.noneAcceptedEmpty'),
      ),
    );
  }
  blocks.push(...authorityBlocks(words, sources.delegation, client.name, client.currency));
  blocks.push(heading('Governance findings'));
  if (!sources.governance.ok) blocks.push(unavailable(sources.governance.reason));
  else {
    const { checks, seats } = sources.governance.value;
    const high = checks.filter((c) => c.severity === 'high').length;
    const findings = words.t('governance.findings', words.n(checks.length));
    leadParts.push(checks.length === 0 ? words.t('governance.noFinding') : high ? words.t('governance.serious', { text: findings, n: words.count(high) }) : findings);
    blocks.push(
      table(
        [
          ['seat', 'Seat', 'left', 0.7],
          ['holder', 'Held by', 'left', 1.6],
          ['reports', 'Reports to', 'left', 1],
          ['since', 'Since', 'left', 1],
        ],
        seats.map((s) => ({
          cells: {
            seat: s.seat,
            holder: s.holder ? (s.holder.kind === 'advisor' ? words.t('governance.advisor', { name: s.holder.name }) : s.holder.name) : words.t('governance.vacant'),
            reports: s.reportsTo + (s.reportsToNote ? ` (${s.reportsToNote})` : ''),
            since: s.since ? date(s.since) : '-',
          },
          tone: s.holder ? 'neutral' : 'warn',
        })),
        words.t('governance.noSeat'),
        { caption: words.t('governance.seatsCaption') },
      ),
    );
    blocks.push(
      table(
        [
          ['severity', 'Severity', 'left', 0.7],
          ['finding', 'Finding', 'left', 2],
          ['detail', 'Why it matters', 'left', 3.2],
        ],
        checks.map((c) => {
          const { title, detail } = findingIn(words, c, seats);
          return { cells: { severity: SEVERITY_WORDS[c.severity], finding: title, detail }, tone: c.severity === 'high' ? 'bad' : c.severity === 'medium' ? 'warn' : 'neutral' };
        }),
        words.t('governance.noFindingEmpty'),
      ),
    );
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  const lead = leadParts.length ? `${sentence(words.and(leadParts))}.` : words.t('governance.unread');
  return { key: 'governance', number: 4, title: 'Accepted risks and governance', lead, blocks, subjects };
}

function vendorsSection(words: PackWords, input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const { money, date } = words;
  const cur = client.currency;
  const window = words.t('words.window', { from: date(sources.window.from), to: date(sources.window.to) });
  const blocks: Block[] = [];
  const leadParts: string[] = [];
  blocks.push(heading('Critical vendors'));
  if (!sources.criticalVendors.ok) blocks.push(unavailable(sources.criticalVendors.reason));
  else {
    const list = sources.criticalVendors.value;
    leadParts.push(words.t('vendors.critical', words.n(list.length)));
    const shown = list.slice(0, TABLE_LIMIT);
    blocks.push(
      table(
        [
          ['name', 'Vendor', 'left', 1.5],
          ['why', 'Why it is critical', 'left', 2.6],
          ['cost', 'A year', 'right', 0.9],
          ['renewal', 'Next renewal', 'left', 1],
          ['assessed', 'Assessment due', 'left', 1],
        ],
        shown.map((v) => {
          const overdue = v.assessmentDue !== null && v.assessmentDue <= sources.today;
          return {
            cells: {
              name: v.fourthParty ? words.t('vendors.fourthParty', { name: v.name }) : v.name,
              why: v.reasons[0] ? vendorReasonIn(words, v.reasons[0]) : '',
              cost: v.annualCost > 0 ? money(v.annualCost, cur) : '-',
              renewal: v.nextRenewal ? date(v.nextRenewal) : '-',
              assessed: !v.lastAssessedOn ? words.t('vendors.neverAssessed') : overdue ? words.t('vendors.overdue', { date: date(v.assessmentDue ?? '') }) : v.assessmentDue ? date(v.assessmentDue) : '-',
            },
            tone: overdue ? 'warn' : 'neutral',
          };
        }),
        words.t('vendors.noCritical'),
        { note: more(words, shown.length, list.length, 'criticalVendor') },
      ),
    );
  }
  blocks.push(heading(words.t('vendors.renewalsHeading', { window })));
  if (!sources.renewals.ok) blocks.push(unavailable(sources.renewals.reason));
  else {
    const list = sources.renewals.value;
    const notices = list.filter((e) => e.events.includes('notice') && e.autoRenew);
    const renewing = words.t('vendors.renewing', words.n(list.length, { date: date(sources.window.to) }));
    leadParts.push(notices.length ? words.t('vendors.autoRenew', words.n(notices.length, { text: renewing })) : renewing);
    const shown = list.slice(0, TABLE_LIMIT);
    blocks.push(
      table(
        [
          ['vendor', 'Vendor', 'left', 1.5],
          ['contract', 'Contract', 'left', 1.4],
          ['cost', 'A year', 'right', 0.9],
          ['notice', 'Last day to cancel', 'left', 1.1],
          ['renewal', 'Renews', 'left', 1],
        ],
        shown.map((e) => ({
          cells: {
            vendor: e.vendorName,
            contract: e.reference,
            cost: money(e.annualCost, cur),
            notice: !e.autoRenew ? words.t('vendors.noAutoRenew') : e.noticeDeadline < sources.today ? words.t('vendors.passed', { date: date(e.noticeDeadline) }) : date(e.noticeDeadline),
            renewal: date(e.renewalDate),
          },
          tone: e.autoRenew && e.events.includes('notice') && e.noticeDeadline >= sources.today ? 'warn' : 'neutral',
        })),
        words.t('vendors.noRenewals', { window }),
        { note: more(words, shown.length, list.length, 'contract') },
      ),
    );
  }
  blocks.push(heading('Fourth parties many services depend on'));
  if (!sources.fourthParties.ok) blocks.push(unavailable(sources.fourthParties.reason));
  else {
    const list = sources.fourthParties.value.filter((e) => e.services + e.datasets > 0);
    blocks.push(
      table(
        [
          ['name', 'Fourth party', 'left', 1.4],
          ['for', 'Subcontractor of', 'left', 2],
          ['services', 'Services', 'right', 0.8],
          ['datasets', 'Data sets', 'right', 0.8],
          ['records', 'Records', 'right', 1],
        ],
        list.map((e) => ({
          cells: {
            name: e.name,
            for: e.worksFor.join(', '),
            services: e.criticalServices ? words.t('vendors.criticalServices', { n: words.count(e.services), critical: words.count(e.criticalServices) }) : words.count(e.services),
            datasets: words.count(e.datasets),
            records: words.count(e.records),
          },
          tone: e.criticalServices > 0 ? 'warn' : 'neutral',
        })),
        words.t('vendors.noFourth'),
        { caption: words.t('vendors.fourthCaption') },
      ),
    );
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  const lead = leadParts.length ? `${sentence(words.and(leadParts))}.` : words.t('vendors.unread');
  return { key: 'vendors', number: 5, title: 'Vendors', lead, blocks, subjects };
}

function lifecycleSection(words: PackWords, input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const { money, date } = words;
  const cur = client.currency;
  const blocks: Block[] = [];
  let lead = words.t('lifecycle.lead');
  if (!sources.lifecycle.ok) blocks.push(unavailable(sources.lifecycle.reason));
  else {
    const l = sources.lifecycle.value;
    const ahead = l.replacementByQuarter.reduce((s, q) => s + q.replacementCost, 0);
    lead = words.t('lifecycle.leadAll', {
      date: date(l.to),
      eol: words.t('lifecycle.eol', words.n(l.endOfLife.count)),
      warranty: words.t('lifecycle.warranty', words.n(l.warrantyEnding.count)),
      past: words.t('lifecycle.past', words.n(l.pastEndOfLife.count)),
    });
    blocks.push({
      kind: 'figures',
      items: [
        fig('Reaching end of life', words.count(l.endOfLife.count), l.endOfLife.count, words.t('lifecycle.eolNote', { date: date(l.to), cost: money(l.endOfLife.replacementCost, cur) }), l.endOfLife.count ? 'warn' : 'neutral'),
        fig('Leaving warranty', words.count(l.warrantyEnding.count), l.warrantyEnding.count, words.t('lifecycle.by', { date: date(l.to) })),
        fig('Past end of life, in service', words.count(l.pastEndOfLife.count), l.pastEndOfLife.count, words.t('lifecycle.toReplace', { cost: money(l.pastEndOfLife.replacementCost, cur) }), l.pastEndOfLife.count ? 'bad' : 'good'),
        fig(words.t('lifecycle.replacement', words.n(l.replacementByQuarter.length)), money(ahead, cur), ahead, words.t('lifecycle.byEol')),
      ],
    });
    if (l.replacementByQuarter.some((q) => q.replacementCost > 0)) {
      blocks.push({
        kind: 'chart',
        chart: { type: 'replacement-cost', currency: cur, quarters: l.replacementByQuarter },
        caption: words.t('lifecycle.chartCaption'),
        alt: words.t('lifecycle.chartAlt', { client: client.name }),
      });
    }
    const items = (list: typeof l.endOfLife.items, label: string) =>
      list.slice(0, TABLE_LIMIT).map((s) => ({ cells: { name: s.name + (s.assetTag ? ` (${s.assetTag})` : ''), type: s.type, date: date(s.date), cost: s.replacementCost !== null ? money(s.replacementCost, cur) : '-', what: label } }));
    const cols: [string, string, 'left' | 'right', number][] = [
      ['name', 'System', 'left', 2.4],
      ['type', 'Type', 'left', 0.8],
      ['date', 'Date', 'left', 1],
      ['cost', 'Replacement', 'right', 1],
    ];
    blocks.push(heading('Reaching end of life'));
    blocks.push(table(cols, items(l.endOfLife.items, 'eol'), words.t('lifecycle.noEol', { date: date(l.to) }), { note: more(words, Math.min(TABLE_LIMIT, l.endOfLife.items.length), l.endOfLife.count, 'system') }));
    blocks.push(heading('Leaving warranty'));
    blocks.push(table(cols, items(l.warrantyEnding.items, 'warranty'), words.t('lifecycle.noWarranty', { date: date(l.to) }), { note: more(words, Math.min(TABLE_LIMIT, l.warrantyEnding.items.length), l.warrantyEnding.count, 'system') }));
    if (l.pastEndOfLife.count > 0) {
      blocks.push(heading('Still in service past end of life'));
      blocks.push(table(cols, items(l.pastEndOfLife.items, 'past'), '', { note: more(words, Math.min(TABLE_LIMIT, l.pastEndOfLife.items.length), l.pastEndOfLife.count, 'system') }));
    }
  }
  blocks.push(...responsesBlock(words, subjects, input.responses));
  return { key: 'lifecycle', number: 6, title: 'Estate lifecycle', lead, blocks, subjects };
}

// ---------------------------------------------------------------------------------------------

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
