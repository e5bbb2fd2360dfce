/**
 * The board pack's word on who approves risk acceptances: the rule (weighed on the whole
 * register; above appetite, the board), and the approval the client delegated to its CISO's
 * advisor, if any (who, since when, up to what amount), as recorded by an executive.
 */
import type { Block } from '../schema.js';
import type { DelegationOut, Source } from '../sources.js';
import type { PackWords } from '../i18n/index.js';

export function authorityBlocks(words: PackWords, delegation: Source<DelegationOut | null>, clientName: string): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Who approves risk acceptances' }];
  if (!delegation.ok) return [...blocks, { kind: 'unavailable', text: delegation.reason }];
  const rule = words.t('authority.rule');
  const d = delegation.value;
  if (!d) return [...blocks, { kind: 'paragraph', text: `${rule} ${words.t('authority.noDelegation', { client: clientName })}`, tone: 'neutral' }];
  return [...blocks, { kind: 'paragraph', text: rule, tone: 'neutral' }, { kind: 'paragraph', text: d.sentence, tone: d.holdsCisoSeat ? 'neutral' : 'warn' }];
}
