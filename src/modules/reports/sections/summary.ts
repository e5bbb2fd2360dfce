/**
 * The board pack's summary (section 1): the headline figures against appetite, the change since
 * the last pack, the three largest risks, the decisions the board must take, and the responses
 * still awaited from the seats.
 */
import type { Block, BoardPackContent, Comparison, Figure, OwedOut, Section, Tone } from '../schema.js';
import type { DecisionOut } from '../sources.js';
import type { PackWords } from '../i18n/index.js';
import { APPETITE_WORDS, appetiteSentence } from './appetite.js';
import { keptFigure } from './insurance.js';
import { rareClause } from './rare.js';
import { fig, heading, ownerLabel, para, quarterLabel, responsesBlock, unavailable, type BuildInput, type Seat, type TitledSubject } from './blocks.js';

const STANCES = { supports: 'stance.supports', opposes: 'stance.opposes', abstains: 'stance.abstains', none: 'stance.none' } as const;

function stanceSentence(words: PackWords, d: DecisionOut): string {
  const groups: Partial<Record<keyof typeof STANCES, Seat[]>> = {};
  for (const p of d.positions) (groups[p.stance ?? 'none'] ??= []).push(p.seat);
  return words.and(Object.entries(groups).map(([stance, seats]) => words.t(STANCES[stance as keyof typeof STANCES], { count: seats.length, seats: words.and(seats) })));
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

export function summarySection(words: PackWords, input: BuildInput, figures: BoardPackContent['figures'], comparison: Comparison | null, subjects: TitledSubject[], owed: OwedOut[]): Section {
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
