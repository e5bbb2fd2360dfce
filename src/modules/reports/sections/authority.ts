/**
 * The board pack's word on who approves risk acceptances: the rule (weighed on the whole
 * register; above appetite, the board), and the approval the client delegated to its CISO's
 * advisor, if any (who, since when, up to what amount), as recorded by an executive.
 */
import type { Block } from '../schema.js';
import type { DelegationOut, Source } from '../sources.js';
import type { PackWords } from '../i18n/index.js';

export function authorityBlocks(words: PackWords, delegation: Source<DelegationOut | null>, clientName: string, currency: string): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Who approves risk acceptances' }];
  if (!delegation.ok) return [...blocks, { kind: 'unavailable', text: delegation.reason }];
  const rule = words.t('authority.rule');
  const d = delegation.value;
  if (!d) return [...blocks, { kind: 'paragraph', text: `${rule} ${words.t('authority.noDelegation', { client: clientName })}`, tone: 'neutral' }];
  return [...blocks, { kind: 'paragraph', text: rule, tone: 'neutral' }, { kind: 'paragraph', text: delegationSentence(words, d, clientName, currency), tone: d.holdsCisoSeat ? 'neutral' : 'warn' }];
}

/**
 * The delegation in one sentence: governance's own (`sentence`, English) in an English pack,
 * else written again from its fields in the pack's language.
 */
function delegationSentence(words: PackWords, d: DelegationOut, clientName: string, currency: string): string {
  if (words.language === 'en') return d.sentence;
  const base = words.t('authority.delegation', {
    by: d.recordedBy.name,
    on: words.date(d.recordedAt),
    client: clientName,
    delegate: d.delegate.name,
    limit: words.money(d.limit, currency),
    since: words.date(d.since),
    note: d.note ? ` (${d.note})` : '',
  });
  return d.holdsCisoSeat ? base : `${base} ${words.t('authority.lapsed', { delegate: d.delegate.name })}`;
}
