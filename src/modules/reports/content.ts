/**
 * The board pack's content model, built from what the modules report: a plain data structure
 * of sections (figures, tables, chart data, positions side by side, the seats' responses) with
 * the words already written for a CEO. The PDF, the HTML page and the web app all draw this one
 * structure. Framework-free and pure: the same sources give the same content.
 */
import type { AppetiteState, Block, BoardPackContent, Comparison, Figure, OwedOut, ResponseItem, Section, SectionKey, Tone } from './schema.js';
import type { AcceptanceOut, CheckOut, ConcernOut, DecisionOut, OwedResponse, PackSources, Responses, RiskSource, SeatOut, Source, SubjectRef, TopRisk } from './sources.js';
import type { Quarter } from './quarter.js';
import { count, date, joinAnd, money, pct, plural, roughly, sentence, signedPct } from './text.js';
import { authorityBlocks } from './sections/authority.js';
import { p90Cell, rareClause } from './sections/rare.js';
import { basisWords, unsettledNote } from './sections/appetite.js';
import { insuranceBlocks, insuredFigures, keptFigure } from './sections/insurance.js';
import { budgetSectionBody } from './sections/budget.js';
import { roadmapSectionBody } from './sections/roadmap.js';
import { quarterOf } from './quarter.js';
import { maturitySection } from './sections/maturity.js';

type Seat = 'CIO' | 'CTO' | 'CISO';

export interface BuildInput {
  client: { id: string; name: string; sector: string; currency: string };
  quarter: Quarter;
  generatedAt: string;
  sources: PackSources;
  responses: Source<Responses>;
  /** The latest issued pack of an earlier quarter, to compare with. */
  previous: { id: string; issuedAt: string; content: BoardPackContent } | null;
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

function more(shown: number, total: number, what: string): string | null {
  return total > shown ? `The ${count(shown)} shown of ${plural(total, what)}.` : null;
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
function responsesBlock(subjects: TitledSubject[], responses: Source<Responses>, skip: Set<string> = new Set()): Block[] {
  if (!responses.ok) return [unavailable(`${responses.reason} Whether a seat has responded to something in this section is not shown.`)];
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

const TREATMENT_SENTENCE: Record<TopRisk['treatmentStatus'], string> = {
  none: 'Nothing is being done about it yet.',
  proposed: 'Treatments are proposed but not yet agreed.',
  planned: 'Treatments are planned.',
  in_place: 'Treatments are in place.',
  mixed: 'Some treatments are in place, others planned or proposed.',
};

export function appetiteState(risk: Source<RiskSource>): AppetiteState {
  if (!risk.ok) return 'unknown';
  const a = risk.value.appetite;
  if (!a.defined) return 'not-set';
  if (a.breached === null) return 'unknown';
  return a.breached ? 'above' : 'within';
}

const APPETITE_WORDS: Record<AppetiteState, string> = { within: 'Within appetite', above: 'Above appetite', 'not-set': 'No appetite set', unknown: 'Not yet known' };

function appetiteSentence(risk: Source<RiskSource>, currency: string): string {
  const state = appetiteState(risk);
  if (!risk.ok) return risk.reason;
  const a = risk.value.appetite;
  if (state === 'not-set') return 'The board has not yet set a risk appetite, so there is no line to measure these losses against. Setting one is a decision for the board.';
  if (state === 'unknown') return 'The losses have not yet been measured against the risk appetite.';
  const breached = a.checks.filter((c) => c.breached).sort((x, y) => y.probability / Math.max(y.limit, 1e-12) - x.probability / Math.max(x.limit, 1e-12))[0];
  const unsettled = unsettledNote(risk.value, currency);
  if (state === 'above' && breached) {
    return `Losses${basisWords(risk.value)} are above the risk appetite: the chance of losing more than ${roughly(breached.loss, currency)} in a year is ${pct(breached.probability)}, while the appetite tolerates ${pct(breached.limit)}.${unsettled ? ` ${unsettled}` : ''}`;
  }
  return `Losses${basisWords(risk.value)} stay within the risk appetite${a.statement ? ` ("${a.statement.trim()}")` : ' the board set'}.${unsettled ? ` ${unsettled}` : ''}`;
}

function stanceSentence(d: DecisionOut): string {
  const groups: Record<string, Seat[]> = {};
  for (const p of d.positions) (groups[p.stance ?? 'not yet heard'] ??= []).push(p.seat);
  const verb = (stance: string, n: number): string => (stance === 'supports' ? (n > 1 ? 'support' : 'supports') : stance === 'opposes' ? (n > 1 ? 'oppose' : 'opposes') : stance === 'abstains' ? (n > 1 ? 'abstain' : 'abstains') : n > 1 ? 'have not yet taken a position' : 'has not yet taken a position');
  return joinAnd(Object.entries(groups).map(([stance, seats]) => `the ${joinAnd(seats)} ${verb(stance, seats.length)}`));
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

function changeSentence(c: Comparison, previousLabel: string, currency: string): string {
  const parts: string[] = [];
  if (c.expectedLoss) {
    const e = c.expectedLoss;
    const dir = Math.abs(e.delta) < 0.005 * Math.max(e.before, 1) ? 'unchanged at' : e.delta > 0 ? 'up' : 'down';
    parts.push(
      dir === 'unchanged at'
        ? `the expected annual loss is unchanged at ${roughly(e.after, currency)}`
        : `the expected annual loss is ${dir}${e.percent !== null ? ` ${Math.abs(Math.round(e.percent))}%` : ''}, from ${roughly(e.before, currency)} to ${roughly(e.after, currency)}`,
    );
  }
  if (c.appetite.before !== c.appetite.after) parts.push(`the appetite status changed from "${APPETITE_WORDS[c.appetite.before].toLowerCase()}" to "${APPETITE_WORDS[c.appetite.after].toLowerCase()}"`);
  const counts: string[] = [];
  if (c.newRisks.length) counts.push(plural(c.newRisks.length, 'new risk'));
  if (c.closedRisks.length) counts.push(`${count(c.closedRisks.length)} closed`);
  if (counts.length) parts.push(joinAnd(counts));
  if (parts.length === 0) return `Since ${previousLabel}, nothing material has changed.`;
  return `Since ${previousLabel}: ${joinAnd(parts)}.`;
}

function quarterLabel(key: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m ? `Q${m[2]} ${m[1]}` : key;
}

// ---------------------------------------------------------------------------------------------
// Sections

function summarySection(input: BuildInput, figures: BoardPackContent['figures'], comparison: Comparison | null, subjects: TitledSubject[], owed: OwedOut[]): Section {
  const { sources, client } = input;
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
        fig('Expected annual loss', money(figures.expectedLoss, cur), figures.expectedLoss, `the average year, with the treatments in place and planned${keptFigure(risk.value, cur) ? ', before insurance' : ''}`),
        ...[keptFigure(risk.value, cur)].filter((f): f is Figure => f !== null),
        fig('1-in-10-year loss', money(figures.p90!, cur), figures.p90, 'losses reach this or more one year in ten'),
        fig('1-in-100-year loss', money(figures.p99!, cur), figures.p99, 'one year in a hundred'),
        fig('Risk appetite', APPETITE_WORDS[state], null, state === 'above' || state === 'within' ? (risk.value.appetite.settled === false ? 'too close to call on the simulated years' : 'against the loss tolerance the board set') : null, state === 'above' ? 'bad' : state === 'within' ? (risk.value.appetite.settled === false ? 'warn' : 'good') : 'warn'),
      ],
    });
    lead = `${client.name} can expect to lose about ${roughly(figures.expectedLoss, cur)} a year to technology and information risks, and ${roughly(figures.p90!, cur)} or more in a bad year (one in ten).`;
    blocks.push(para(appetiteSentence(risk, cur), state === 'above' ? 'bad' : 'neutral'));
    if (risk.value.appetite.statement && state === 'above') blocks.push(para(`The appetite, in the board's words: "${risk.value.appetite.statement.trim()}"`));
    if (risk.value.stale) {
      blocks.push(para(`These figures were computed on ${date(risk.value.computedAt)}; the latest changes to the risk register were still being recomputed when this pack was made.`, 'warn'));
    }
  } else {
    lead = risk.ok ? 'The risk register has no computed figures yet, so this pack cannot yet put the risks in money.' : risk.reason;
    blocks.push(unavailable(risk.ok ? 'The risk register has no computed figures yet: add risk scenarios and let them be computed, then generate the pack again.' : risk.reason));
  }
  if (comparison) blocks.push(para(changeSentence(comparison, quarterLabel(comparison.previousQuarter), cur)));

  blocks.push(heading('The three largest risks'));
  if (risk.ok && risk.value.all.length > 0) {
    blocks.push({
      kind: 'list',
      items: risk.value.all.slice(0, 3).map((r) => ({
        text: `${r.title} (${r.ref}): about ${roughly(r.mean, cur)} a year on average, ${r.p90 > 0 ? `and ${roughly(r.p90, cur)} or more one year in ten` : rareClause(r, cur)}. Owner: ${ownerLabel(seats, r.ownerSeat)}. ${r.status === 'accepted' ? 'The company has accepted this risk for now.' : TREATMENT_SENTENCE[r.treatmentStatus]}`,
        tone: 'neutral',
      })),
    });
  } else {
    blocks.push(unavailable(risk.ok ? 'No risk has a computed figure yet.' : risk.reason));
  }

  blocks.push(heading('Decisions the board must take'));
  if (sources.board.ok) {
    const { decisions, acceptancesAwaitingBoard } = sources.board.value;
    const items: { text: string; tone: Tone }[] = [
      ...decisions
        .filter((d) => d.awaitingExecutive)
        .map((d): { text: string; tone: Tone } => ({ text: `${d.title}: ${stanceSentence(d)}.${d.decideBy ? ` To be decided by ${date(d.decideBy)}.` : ''}`, tone: 'warn' })),
      ...acceptancesAwaitingBoard.map((a): { text: string; tone: Tone } => ({
        text: `Accept "${a.title}" until ${date(a.expiresOn)}, or not. ${a.authorityReason}`,
        tone: 'warn',
      })),
    ];
    if (state === 'not-set') items.push({ text: 'Set the company\u2019s risk appetite: the most it is prepared to lose in a year, and how often.', tone: 'warn' });
    // The summary stays on one page: the rest are in section 3.
    if (items.length > 5) items.splice(4, items.length - 4, { text: `And ${count(items.length - 4)} more, in section 3.`, tone: 'warn' });
    if (items.length > 0) blocks.push({ kind: 'list', items });
    else blocks.push(para('No decision waits for the board this quarter.', 'good'));
  } else {
    blocks.push(unavailable(sources.board.reason));
  }
  if (owed.length > 0) {
    blocks.push(
      para(
        `Still awaited: ${joinAnd(owed.map((o) => `the ${o.seat}${o.holder ? ` (${o.holder})` : ''} on "${o.about}"`))}. A seat is shown what concerns its area before the board sees it.`,
        'warn',
      ),
    );
  }
  blocks.push(...responsesBlock(subjects, input.responses));
  return { key: 'summary', number: 1, title: 'Summary', lead, blocks, subjects };
}

function riskSection(input: BuildInput, comparison: Comparison | null, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const cur = client.currency;
  const blocks: Block[] = [];
  const risk = sources.risk;
  const seats = sources.governance.ok ? sources.governance.value.seats : null;
  let lead = 'How likely each level of annual loss is, against the risk appetite; the largest risks; what changed since the last pack.';
  if (!risk.ok) {
    blocks.push(unavailable(risk.reason));
  } else {
    const r = risk.value;
    const hasCurve = r.lec.inherent.length > 0;
    if (hasCurve) {
      blocks.push({
        kind: 'chart',
        chart: { type: 'loss-exceedance', currency: cur, inherent: r.lec.inherent, residual: r.lec.residual, ...(r.lec.retained ? { retained: r.lec.retained } : {}), tolerance: r.lec.tolerance },
        caption: r.lec.tolerance.length > 0
          ? 'For each amount, the chance of losing more than that in a year. Where the blue curve runs above the red line, the company carries more risk than its appetite allows.'
          : 'For each amount, the chance of losing more than that in a year. No risk appetite is set, so there is no line to compare it with.',
        alt: `Loss exceedance curve of ${client.name}${r.lec.tolerance.length > 0 ? ' against its risk tolerance curve' : ''}.`,
      });
      lead = appetiteSentence(risk, cur);
    } else {
      blocks.push(unavailable('The loss exceedance curve appears once the risk register has been computed.'));
    }
    blocks.push(heading(`The ${Math.min(TOP_RISKS, r.all.length) || ''} largest risks`.replace('  ', ' ')));
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
          cells: { ref: t.ref, title: t.title, owner: ownerLabel(seats, t.ownerSeat), mean: money(t.mean, cur), p90: p90Cell(t, cur), treatment: t.status === 'accepted' ? 'Accepted' : TREATMENT_WORDS[t.treatmentStatus] },
          tone: t.treatmentStatus === 'none' && t.status !== 'accepted' ? 'warn' : 'neutral',
        })),
        'The register has no computed risk yet.',
        { note: more(top.length, r.all.length, 'risk') },
      ),
    );
  }
  if (risk.ok) blocks.push(...insuranceBlocks(risk.value, cur));
  blocks.push(heading('Change since the last pack'));
  if (!comparison) {
    blocks.push(para('No pack was issued for an earlier quarter, so there is nothing to compare with yet; the next quarter\u2019s pack will show what changed since this one.', 'neutral'));
  } else {
    const c = comparison;
    const row = (label: string, ch: Comparison['expectedLoss']) =>
      ch
        ? { cells: { figure: label, before: money(ch.before, cur), after: money(ch.after, cur), change: ch.percent !== null ? signedPct(ch.percent) : money(ch.delta, cur) }, tone: (ch.delta > 0.005 * Math.max(ch.before, 1) ? 'bad' : ch.delta < -0.005 * Math.max(ch.before, 1) ? 'good' : 'neutral') as Tone }
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
          row('Expected annual loss', c.expectedLoss),
          row('1-in-10-year loss', c.p90),
          row('1-in-100-year loss', c.p99),
          { cells: { figure: 'Risk appetite', before: APPETITE_WORDS[c.appetite.before], after: APPETITE_WORDS[c.appetite.after], change: c.appetite.before === c.appetite.after ? 'same' : 'changed' }, tone: c.appetite.after === 'above' && c.appetite.before !== 'above' ? 'bad' : 'neutral' },
        ],
        '',
        { caption: `Compared with the pack issued for ${quarterLabel(c.previousQuarter)} on ${date(c.previousIssuedAt)}.` },
      ),
    );
    const items: { text: string; tone: Tone }[] = [];
    for (const m of c.moved) {
      const what =
        m.rankBefore === null
          ? `entered the top ${TOP_RISKS} at number ${m.rankAfter}`
          : m.rankAfter === null
            ? `left the register's risks (it was number ${m.rankBefore})`
            : m.rankAfter > TOP_RISKS && m.rankBefore <= TOP_RISKS
              ? `fell out of the top ${TOP_RISKS} (from ${m.rankBefore} to ${m.rankAfter})`
              : m.rankBefore > TOP_RISKS
                ? `rose into the top ${TOP_RISKS} (from ${m.rankBefore} to ${m.rankAfter})`
                : m.rankBefore === m.rankAfter
                  ? `stays at number ${m.rankAfter}`
                  : `moved from number ${m.rankBefore} to ${m.rankAfter}`;
      const money2 = m.meanBefore !== null && m.meanAfter !== null ? `; expected a year ${roughly(m.meanBefore, cur)} -> ${roughly(m.meanAfter, cur)}` : m.meanAfter !== null ? `; expected a year ${roughly(m.meanAfter, cur)}` : '';
      items.push({ text: `${m.title} (${m.ref}) ${what}${money2}.`, tone: (m.meanAfter ?? 0) > (m.meanBefore ?? Infinity) ? 'bad' : 'neutral' });
    }
    for (const n of c.newRisks.slice(0, 10)) items.push({ text: `New: ${n.title} (${n.ref}), about ${roughly(n.mean, cur)} a year.`, tone: 'warn' });
    if (c.newRisks.length > 10) items.push({ text: `And ${plural(c.newRisks.length - 10, 'more new risk')}.`, tone: 'warn' });
    for (const n of c.closedRisks.slice(0, 10)) items.push({ text: `Closed: ${n.title} (${n.ref}), which was about ${roughly(n.mean, cur)} a year.`, tone: 'good' });
    if (c.closedRisks.length > 10) items.push({ text: `And ${plural(c.closedRisks.length - 10, 'more closed risk')}.`, tone: 'good' });
    if (items.length > 0) blocks.push({ kind: 'list', items });
    else blocks.push(para('The largest risks are where they were last quarter; no risk was added or closed.'));
  }
  blocks.push(...responsesBlock(subjects, input.responses));
  return { key: 'risk', number: 2, title: 'Risk against appetite', lead, blocks, subjects };
}

function acceptanceMean(a: AcceptanceOut): number | null {
  const xs = a.risks.map((r) => r.latestMean ?? r.frozenMean).filter((x): x is number => x !== null);
  return xs.length > 0 ? xs.reduce((s, x) => s + x, 0) : null;
}

function decisionsSection(input: BuildInput, subjects: TitledSubject[], standalone: ConcernOut[]): Section {
  const { sources, client } = input;
  const cur = client.currency;
  const blocks: Block[] = [];
  let lead = 'Where the seats disagree, each position side by side; risk acceptances that only the board can approve.';
  const responses = input.responses;
  const shownInline = new Set<string>();
  if (!sources.board.ok) {
    blocks.push(unavailable(sources.board.reason));
  } else {
    const { decisions, acceptancesAwaitingBoard } = sources.board.value;
    const waiting = decisions.filter((d) => d.awaitingExecutive);
    const decided = decisions.filter((d) => !d.awaitingExecutive && d.status === 'decided');
    lead =
      waiting.length + acceptancesAwaitingBoard.length === 0
        ? 'Nothing waits for the board: no disagreement between the seats is open and no risk acceptance needs the board.'
        : `${sentence(joinAnd([waiting.length ? plural(waiting.length, 'decision') : '', acceptancesAwaitingBoard.length ? plural(acceptancesAwaitingBoard.length, 'risk acceptance') : ''].filter(Boolean)))} ${waiting.length + acceptancesAwaitingBoard.length === 1 ? 'waits' : 'wait'} for the board.`;
    for (const d of waiting) {
      const optionTitle = (id: string | null): string | null => (id ? (d.options.find((o) => o.id === id)?.title ?? null) : null);
      const proposed = d.options.find((o) => o.proposed);
      const detail = [d.escalationReason ? `Escalated: ${d.escalationReason}` : null, d.decideBy ? `To be decided by ${date(d.decideBy)}.` : null, proposed?.cost != null ? `The proposal costs ${money(proposed.cost, cur)}.` : null]
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
            d.options.map((o) => ({ cells: { option: `${o.title}${o.proposed ? ' (proposed)' : ''}`, cost: o.cost !== null ? money(o.cost, cur) : '-', effect: o.riskEffect ?? '' } })),
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
              cells: { title: a.title, mean: m !== null ? money(m, cur) : '-', appetite: !a.appetite.defined ? 'No appetite set' : a.appetite.above ? 'Register above' : a.appetite.settled ? 'Register within' : 'Too close to call', by: `${a.requestedBy.name} (${a.requestedBy.role})`, until: date(a.expiresOn) },
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
        items: decided.map((d) => ({ text: `${d.title}: ${d.outcome ?? 'decided'}${d.decidedBy ? ` (${d.decidedBy.name}, ${date(d.decidedAt)})` : ''}.`, tone: 'neutral' })),
      });
    }
  }
  if (standalone.length > 0) {
    blocks.push(heading('Raised between the seats'));
    blocks.push(para('Matters one seat raised about another seat\u2019s area, each shown to that seat first, with its response.'));
    blocks.push({ kind: 'responses', items: standalone.map(responseItem) });
    for (const c of standalone) shownInline.add(`${c.subjectType}:${c.subjectId}`);
  } else if (!sources.concerns.ok) {
    blocks.push(unavailable(sources.concerns.reason));
  }
  blocks.push(...responsesBlock(subjects, responses, shownInline));
  return { key: 'decisions', number: 3, title: 'Decisions for the board', lead, blocks, subjects };
}

const SEVERITY_WORDS: Record<CheckOut['severity'], string> = { high: 'High', medium: 'Medium', low: 'Low' };

function governanceSection(input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const cur = client.currency;
  const blocks: Block[] = [];
  const leadParts: string[] = [];
  blocks.push(heading('Accepted risks and their expiry'));
  if (!sources.accepted.ok) blocks.push(unavailable(sources.accepted.reason));
  else {
    const list = sources.accepted.value;
    leadParts.push(list.length === 0 ? 'No risk is accepted at present' : `${plural(list.length, 'risk acceptance')} in force`);
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
              title: `${a.title}${a.reapprovalRequired ? ' (re-approval needed)' : ''}`,
              mean: m !== null ? money(m, cur) : '-',
              change: ch !== null ? signedPct(ch) : '-',
              by: a.approvedBy ? `${a.approvedBy.name} (${a.approvedBy.role})` : '-',
              until: `${date(a.expiresOn)}${a.daysLeft >= 0 ? ` (${plural(a.daysLeft, 'day')})` : ' (expired)'}`,
            },
            tone: a.reapprovalRequired || a.daysLeft < 0 ? 'bad' : a.daysLeft <= 30 ? 'warn' : 'neutral',
          };
        }),
        'No risk is accepted at present.',
      ),
    );
  }
  blocks.push(...authorityBlocks(sources.delegation, client.name));
  blocks.push(heading('Governance findings'));
  if (!sources.governance.ok) blocks.push(unavailable(sources.governance.reason));
  else {
    const { checks, seats } = sources.governance.value;
    const high = checks.filter((c) => c.severity === 'high').length;
    leadParts.push(checks.length === 0 ? 'no governance finding' : `${plural(checks.length, 'governance finding')}${high ? `, ${count(high)} serious` : ''}`);
    blocks.push(
      table(
        [
          ['seat', 'Seat', 'left', 0.7],
          ['holder', 'Held by', 'left', 1.6],
          ['reports', 'Reports to', 'left', 1],
          ['since', 'Since', 'left', 1],
        ],
        seats.map((s) => ({
          cells: { seat: s.seat, holder: s.holder ? `${s.holder.name}${s.holder.kind === 'advisor' ? ' (advisor)' : ''}` : 'Vacant', reports: s.reportsTo + (s.reportsToNote ? ` (${s.reportsToNote})` : ''), since: s.since ? date(s.since) : '-' },
          tone: s.holder ? 'neutral' : 'warn',
        })),
        'No seat is set up yet.',
        { caption: 'The leadership seats' },
      ),
    );
    blocks.push(
      table(
        [
          ['severity', 'Severity', 'left', 0.7],
          ['finding', 'Finding', 'left', 2],
          ['detail', 'Why it matters', 'left', 3.2],
        ],
        checks.map((c) => ({ cells: { severity: SEVERITY_WORDS[c.severity], finding: c.title, detail: c.detail }, tone: c.severity === 'high' ? 'bad' : c.severity === 'medium' ? 'warn' : 'neutral' })),
        'No governance finding: the seats are held, the charter is covered and nothing is overdue.',
      ),
    );
  }
  blocks.push(...responsesBlock(subjects, input.responses));
  const lead = leadParts.length ? `${sentence(joinAnd(leadParts))}.` : 'Accepted risks and governance findings could not be read.';
  return { key: 'governance', number: 4, title: 'Accepted risks and governance', lead, blocks, subjects };
}

function vendorsSection(input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const cur = client.currency;
  const window = `${date(sources.window.from)} to ${date(sources.window.to)}`;
  const blocks: Block[] = [];
  const leadParts: string[] = [];
  blocks.push(heading('Critical vendors'));
  if (!sources.criticalVendors.ok) blocks.push(unavailable(sources.criticalVendors.reason));
  else {
    const list = sources.criticalVendors.value;
    leadParts.push(plural(list.length, 'critical vendor'));
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
            cells: { name: `${v.name}${v.fourthParty ? ' (fourth party)' : ''}`, why: v.reasons[0] ?? '', cost: v.annualCost > 0 ? money(v.annualCost, cur) : '-', renewal: date(v.nextRenewal), assessed: !v.lastAssessedOn ? 'Never assessed' : `${date(v.assessmentDue)}${overdue ? ' (overdue)' : ''}` },
            tone: overdue ? 'warn' : 'neutral',
          };
        }),
        'No vendor is critical to this client.',
        { note: more(shown.length, list.length, 'critical vendor') },
      ),
    );
  }
  blocks.push(heading(`Renewals and notice deadlines, ${window}`));
  if (!sources.renewals.ok) blocks.push(unavailable(sources.renewals.reason));
  else {
    const list = sources.renewals.value;
    const notices = list.filter((e) => e.events.includes('notice') && e.autoRenew);
    leadParts.push(`${plural(list.length, 'contract')} renewing or reaching a notice deadline by ${date(sources.window.to)}${notices.length ? ` (${count(notices.length)} renew on their own unless cancelled in time)` : ''}`);
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
            notice: !e.autoRenew ? 'Does not auto-renew' : e.noticeDeadline < sources.today ? `Passed (${date(e.noticeDeadline)})` : date(e.noticeDeadline),
            renewal: date(e.renewalDate),
          },
          tone: e.autoRenew && e.events.includes('notice') && e.noticeDeadline >= sources.today ? 'warn' : 'neutral',
        })),
        `No contract renews or reaches a notice deadline between ${window}.`,
        { note: more(shown.length, list.length, 'contract') },
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
          cells: { name: e.name, for: e.worksFor.join(', '), services: `${count(e.services)}${e.criticalServices ? ` (${count(e.criticalServices)} critical)` : ''}`, datasets: count(e.datasets), records: count(e.records) },
          tone: e.criticalServices > 0 ? 'warn' : 'neutral',
        })),
        'No fourth party (a vendor\u2019s own subcontractor) is recorded.',
        { caption: 'Subcontractors of the vendors: a failure or breach at one of them reaches every service that depends on it.' },
      ),
    );
  }
  blocks.push(...responsesBlock(subjects, input.responses));
  const lead = leadParts.length ? `${sentence(joinAnd(leadParts))}.` : 'The vendor records could not be read.';
  return { key: 'vendors', number: 5, title: 'Vendors', lead, blocks, subjects };
}

function lifecycleSection(input: BuildInput, subjects: TitledSubject[]): Section {
  const { sources, client } = input;
  const cur = client.currency;
  const blocks: Block[] = [];
  let lead = 'What reaches end of life or leaves warranty, and the replacement cost ahead.';
  if (!sources.lifecycle.ok) blocks.push(unavailable(sources.lifecycle.reason));
  else {
    const l = sources.lifecycle.value;
    const ahead = l.replacementByQuarter.reduce((s, q) => s + q.replacementCost, 0);
    lead = `By ${date(l.to)}, ${plural(l.endOfLife.count, 'system')} ${l.endOfLife.count === 1 ? 'reaches' : 'reach'} end of life and ${plural(l.warrantyEnding.count, 'system')} ${l.warrantyEnding.count === 1 ? 'leaves' : 'leave'} warranty; ${count(l.pastEndOfLife.count)} ${l.pastEndOfLife.count === 1 ? 'is' : 'are'} still in service past end of life.`;
    blocks.push({
      kind: 'figures',
      items: [
        fig('Reaching end of life', count(l.endOfLife.count), l.endOfLife.count, `by ${date(l.to)}, ${money(l.endOfLife.replacementCost, cur)} to replace`, l.endOfLife.count ? 'warn' : 'neutral'),
        fig('Leaving warranty', count(l.warrantyEnding.count), l.warrantyEnding.count, `by ${date(l.to)}`),
        fig('Past end of life, in service', count(l.pastEndOfLife.count), l.pastEndOfLife.count, `${money(l.pastEndOfLife.replacementCost, cur)} to replace`, l.pastEndOfLife.count ? 'bad' : 'good'),
        fig(`Replacement cost, next ${plural(l.replacementByQuarter.length, 'quarter')}`, money(ahead, cur), ahead, 'by end-of-life date'),
      ],
    });
    if (l.replacementByQuarter.some((q) => q.replacementCost > 0)) {
      blocks.push({
        kind: 'chart',
        chart: { type: 'replacement-cost', currency: cur, quarters: l.replacementByQuarter },
        caption: 'Replacement cost of the systems reaching end of life, by quarter.',
        alt: `Replacement cost by quarter for ${client.name}.`,
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
    blocks.push(table(cols, items(l.endOfLife.items, 'eol'), `Nothing reaches end of life by ${date(l.to)}.`, { note: more(Math.min(TABLE_LIMIT, l.endOfLife.items.length), l.endOfLife.count, 'system') }));
    blocks.push(heading('Leaving warranty'));
    blocks.push(table(cols, items(l.warrantyEnding.items, 'warranty'), `No warranty ends by ${date(l.to)}.`, { note: more(Math.min(TABLE_LIMIT, l.warrantyEnding.items.length), l.warrantyEnding.count, 'system') }));
    if (l.pastEndOfLife.count > 0) {
      blocks.push(heading('Still in service past end of life'));
      blocks.push(table(cols, items(l.pastEndOfLife.items, 'past'), '', { note: more(Math.min(TABLE_LIMIT, l.pastEndOfLife.items.length), l.pastEndOfLife.count, 'system') }));
    }
  }
  blocks.push(...responsesBlock(subjects, input.responses));
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

function withResponses(body: { title: string; lead: string; blocks: Block[] }, subjects: TitledSubject[], responses: Source<Responses>): { title: string; lead: string; blocks: Block[] } {
  return { ...body, blocks: [...body.blocks, ...responsesBlock(subjects, responses)] };
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
  return {
    version: 1,
    kind: 'board',
    client,
    quarter: { key: quarter.key, label: quarter.label, start: quarter.start, end: quarter.end },
    window: { from: sources.window.from, to: sources.window.to, label: `${date(sources.window.from)} to ${date(sources.window.to)}` },
    generatedAt: input.generatedAt,
    asOf: sources.today,
    figures,
    comparison,
    sections: [
      summarySection(input, figures, comparison, s.summary, owed),
      riskSection(input, comparison, s.risk),
      decisionsSection(input, s.decisions, subjects.standalone),
      governanceSection(input, s.governance),
      vendorsSection(input, s.vendors),
      lifecycleSection(input, s.lifecycle),
      maturitySection({ client, source: sources.maturity }, s.maturity, responsesBlock(s.maturity, input.responses)),
      { key: 'budget', number: 8, ...withResponses(budgetSectionBody(sources.budget), s.budget, input.responses), subjects: s.budget },
      { key: 'roadmap', number: 9, ...withResponses(roadmapSectionBody(sources.roadmap, [0, 1, 2, 3].map((k) => quarterOf(quarter.year, quarter.q + k))), s.roadmap, input.responses), subjects: s.roadmap },
    ],
    owed,
    issue: null,
    snapshot: { risks: all.map((r) => ({ id: r.id, ref: r.ref, title: r.title, mean: r.mean, p90: r.p90 })) },
  };
}
