/**
 * The board pack's estate lifecycle (section 6): the systems reaching end of life or leaving
 * warranty in the window, those still in service past end of life, and the replacement cost by
 * quarter.
 */
import type { Block, Section } from '../schema.js';
import type { PackWords } from '../i18n/index.js';
import { fig, heading, more, responsesBlock, table, TABLE_LIMIT, unavailable, type BuildInput, type TitledSubject } from './blocks.js';

export function lifecycleSection(words: PackWords, input: BuildInput, subjects: TitledSubject[]): Section {
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
