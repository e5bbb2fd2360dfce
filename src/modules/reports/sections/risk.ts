/**
 * The board pack's risk against appetite (section 2): the loss exceedance curves, the largest
 * risks, insurance, and what changed since the last pack.
 */
import type { Block, Comparison, Section, Tone } from '../schema.js';
import type { TopRisk } from '../sources.js';
import type { PackWords } from '../i18n/index.js';
import { APPETITE_WORDS, appetiteSentence } from './appetite.js';
import { insuranceBlocks } from './insurance.js';
import { p90Cell } from './rare.js';
import { heading, more, ownerLabel, para, quarterLabel, responsesBlock, table, TOP_RISKS, unavailable, type BuildInput, type TitledSubject } from './blocks.js';

const TREATMENT_WORDS: Record<TopRisk['treatmentStatus'], string> = {
  none: 'None yet',
  proposed: 'Proposed',
  planned: 'Planned',
  in_place: 'In place',
  mixed: 'Partly in place',
};

export function riskSection(words: PackWords, input: BuildInput, comparison: Comparison | null, subjects: TitledSubject[]): Section {
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
