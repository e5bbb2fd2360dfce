/** The roadmap as report blocks, for the QBR and the board pack: initiatives by quarter, and what was done. */
import type { InitiativeOut } from '../../roadmap/schema.js';
import { KIND_LABELS, STATUS_LABELS } from '../../roadmap/vocab.js';
import type { Block, Tone } from '../schema.js';
import { packWords, type PackWords } from '../i18n/index.js';

export interface RoadmapInput {
  currency: string;
  initiatives: InitiativeOut[];
}

function benefit(i: InitiativeOut, cur: string, words: PackWords = packWords('en')): string {
  const parts: string[] = [];
  if (i.riskReduction && i.riskReduction.mean > 0) parts.push(words.t('roadmap.riskLess', { amount: words.roughly(i.riskReduction.mean, cur) }));
  if (i.expectedSaving > 0) parts.push(words.t('roadmap.saves', { amount: words.roughly(i.expectedSaving, cur) }));
  if (i.expectedRevenue > 0) parts.push(words.t('roadmap.enables', { amount: words.roughly(i.expectedRevenue, cur) }));
  return parts.join('; ') || '-';
}

const STATUS_TONE: Record<InitiativeOut['status'], Tone> = { proposed: 'warn', approved: 'neutral', in_progress: 'neutral', done: 'good', dropped: 'neutral' };

/** The open initiatives of the given quarters, quarter by quarter, in rank order within each. */
export function roadmapBlocks(input: RoadmapInput, quarters: { key: string; label: string }[], words: PackWords = packWords('en')): Block[] {
  const cur = input.currency;
  const { money } = words;
  const keys = new Set(quarters.map((q) => q.key));
  const open = input.initiatives.filter((i) => keys.has(i.targetQuarter) && ['proposed', 'approved', 'in_progress'].includes(i.status));
  const blocks: Block[] = [];
  const once = open.reduce((s, i) => s + i.oneTimeCost, 0);
  const yearly = open.reduce((s, i) => s + i.annualCost, 0);
  const risk = open.reduce((s, i) => s + (i.riskReduction?.mean ?? 0), 0);
  blocks.push({
    kind: 'figures',
    items: [
      { label: 'Initiatives', value: words.count(open.length), amount: open.length, note: words.t('words.window', { from: quarters[0]!.label, to: quarters[quarters.length - 1]!.label }), tone: 'neutral' },
      { label: 'One-time cost', value: money(once, cur), amount: once, note: null, tone: 'neutral' },
      { label: 'Running cost a year', value: money(yearly, cur), amount: yearly, note: words.t('roadmap.onceDelivered'), tone: 'neutral' },
      { label: 'Risk reduced a year', value: money(risk, cur), amount: risk, note: words.t('roadmap.riskNote'), tone: risk > 0 ? 'good' : 'neutral' },
    ],
  });
  for (const q of quarters) {
    const list = open.filter((i) => i.targetQuarter === q.key).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    blocks.push({
      kind: 'table',
      caption: q.label,
      columns: [
        { key: 'rank', label: 'Rank', align: 'right', width: 0.45 },
        { key: 'title', label: 'Initiative', align: 'left', width: 2.6 },
        { key: 'seat', label: 'Seat', align: 'left', width: 0.55 },
        { key: 'kind', label: 'Kind', align: 'left', width: 0.9 },
        { key: 'cost', label: 'Once / a year', align: 'right', width: 1.2 },
        { key: 'benefit', label: 'What it brings', align: 'left', width: 2.1 },
        { key: 'status', label: 'Status', align: 'left', width: 0.8 },
      ],
      rows: list.map((i) => ({
        cells: { rank: i.rank ? String(i.rank) : '', title: `${i.ref} ${i.title}`, seat: i.ownerSeat, kind: KIND_LABELS[i.kind], cost: `${money(i.oneTimeCost, cur)} / ${money(i.annualCost, cur)}`, benefit: benefit(i, cur, words), status: STATUS_LABELS[i.status] },
        tone: STATUS_TONE[i.status],
      })),
      empty: words.t('roadmap.nothingIn', { quarter: q.label }),
      note: null,
    });
  }
  return blocks;
}

/** What was done (or is under way) in a quarter. */
export function doneBlocks(input: RoadmapInput, quarter: { key: string; label: string }): Block[] {
  const cur = input.currency;
  const done = input.initiatives.filter((i) => i.targetQuarter === quarter.key && i.status === 'done');
  const late = input.initiatives.filter((i) => i.targetQuarter === quarter.key && (i.status === 'approved' || i.status === 'in_progress' || i.status === 'proposed'));
  const blocks: Block[] = [];
  blocks.push(
    done.length > 0
      ? { kind: 'list', items: done.map((i) => ({ text: `${i.title} (${i.ref}, ${i.ownerSeat}): done. ${benefit(i, cur) !== '-' ? `${benefit(i, cur).charAt(0).toUpperCase()}${benefit(i, cur).slice(1)}.` : ''}`.trim(), tone: 'good' })) }
      : { kind: 'paragraph', text: `No initiative planned for ${quarter.label} is marked done.`, tone: 'neutral' },
  );
  if (late.length > 0) {
    blocks.push({ kind: 'heading', text: `Planned for ${quarter.label}, not done yet` });
    blocks.push({ kind: 'list', items: late.map((i) => ({ text: `${i.title} (${i.ref}, ${i.ownerSeat}): ${STATUS_LABELS[i.status].toLowerCase()}; move it to a later quarter or close it.`, tone: 'warn' })) });
  }
  return blocks;
}

/** The board pack's roadmap section (title, lead, blocks) for the four quarters from `quarters[0]`. */
export function roadmapSectionBody(r: { ok: true; value: RoadmapInput } | { ok: false; reason: string }, quarters: { key: string; label: string }[], words: PackWords = packWords('en')): { title: string; lead: string; blocks: Block[] } {
  const title = 'Roadmap';
  if (!r.ok) return { title, lead: words.t('roadmap.unread'), blocks: [{ kind: 'unavailable', text: r.reason }] };
  const open = r.value.initiatives.filter((i) => quarters.some((q) => q.key === i.targetQuarter) && ['proposed', 'approved', 'in_progress'].includes(i.status));
  const range = { from: quarters[0]!.label, to: quarters[quarters.length - 1]!.label };
  const lead = open.length === 0 ? words.t('roadmap.nothing', range) : words.t('roadmap.lead', words.n(open.length, range));
  return { title, lead, blocks: roadmapBlocks(r.value, quarters, words) };
}
