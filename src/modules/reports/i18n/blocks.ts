/**
 * What the renderers (PDF and HTML) print in the pack's language beyond the content's own
 * sentences: a block's fixed labels (written in English in the content and translated by
 * phrase), and the lines around the seats' responses.
 */
import type { Block, ResponseItem, Tone } from '../schema.js';
import type { PackWords } from './index.js';

/** A block's fixed labels (headings, column heads, figure names, table words) in the pack's language. */
export function translatedBlock(block: Block, words: PackWords): Block {
  if (words.language === 'en') return block;
  const { label: l, value: v } = words;
  switch (block.kind) {
    case 'heading':
      return { ...block, text: l(block.text) };
    case 'figures':
      return { ...block, items: block.items.map((f) => ({ ...f, label: l(f.label), value: v(f.value) })) };
    case 'table':
      return {
        ...block,
        columns: block.columns.map((c) => ({ ...c, label: l(c.label) })),
        rows: block.rows.map((r) => ({ ...r, cells: Object.fromEntries(Object.entries(r.cells).map(([k, text]) => [k, v(text)])) })),
      };
    case 'chart':
      return block.chart.type === 'worst-case' ? { ...block, chart: { ...block.chart, components: block.chart.components.map((c) => ({ ...c, label: l(c.label) })) } } : block;
    default:
      return block;
  }
}

const holderOf = (r: ResponseItem): string => (r.holder ? ` (${r.holder})` : '');

/** Who raised a concern with which seat, about what (src/shared/reports/words.ts's `concernHead`, in the pack's language). */
export function concernHeadIn(words: PackWords, r: ResponseItem): string {
  const values = { seat: r.seat, holder: holderOf(r), about: r.about };
  return r.raisedBy ? words.t('responses.raisedBy', { ...values, by: r.raisedBy }) : words.t('responses.raised', values);
}

/** The seat's answer to a concern, as printed beside it (`responseLine`, in the pack's language). */
export function responseLineIn(words: PackWords, r: ResponseItem): { text: string; tone: Tone } {
  const who = words.t('responses.who', { seat: r.seat, holder: holderOf(r) });
  const Who = who.charAt(0).toUpperCase() + who.slice(1);
  switch (r.state) {
    case 'responded':
      return { text: words.t('responses.responded', { who, date: r.respondedAt ? `, ${words.date(r.respondedAt)}` : '', response: r.response ?? '' }), tone: 'good' };
    case 'declined':
      return { text: words.t('responses.declined', { who: Who, date: r.respondedAt ? ` (${words.date(r.respondedAt)})` : '' }), tone: 'neutral' };
    case 'lapsed':
      return { text: words.t('responses.lapsed', { who: Who, date: words.date(r.respondBy) }), tone: 'warn' };
    case 'no-holder':
      return { text: words.t('responses.noHolder', { seat: r.seat }), tone: 'neutral' };
    case 'owed':
      return { text: words.t('responses.owed', { who, date: words.date(r.respondBy) }), tone: 'warn' };
  }
}

/** The note of a pack issued while responses were still owed. */
export function overrideLine(words: PackWords, override: { owed: { seat: string; about: string }[]; reason: string }): string {
  return words.t('issue.override', { list: words.and(override.owed.map((x) => words.t('summary.awaitedSeat', { seat: x.seat, about: x.about }))), reason: override.reason });
}

/** The line that prints an issued pack's anchor of the audit trail. */
export function auditTrailLineIn(words: PackWords, trail: { entries: number; headHash: string }): string {
  return words.t('issue.auditTrail', words.n(trail.entries, { hash: trail.headHash }));
}
