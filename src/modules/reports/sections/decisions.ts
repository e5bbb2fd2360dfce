/**
 * The board pack's decisions for the board (section 3): each decision awaiting the executives
 * with the seats' positions and its options, the risk acceptances awaiting the board, what was
 * decided since the last pack, and the concerns raised between the seats.
 */
import type { Block, Section } from '../schema.js';
import type { ConcernOut, DecisionOut } from '../sources.js';
import type { PackWords } from '../i18n/index.js';
import { sentence } from '../text.js';
import { acceptanceMean, heading, para, responseItem, responsesBlock, table, unavailable, type BuildInput, type TitledSubject } from './blocks.js';

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

export function decisionsSection(words: PackWords, input: BuildInput, subjects: TitledSubject[], standalone: ConcernOut[]): Section {
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
