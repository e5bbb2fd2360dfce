/**
 * The board pack's word on who approves risk acceptances: the rule (weighed on the whole
 * register; above appetite, the board), and the approval the client delegated to its CISO's
 * advisor, if any (who, since when, up to what amount), as recorded by an executive.
 */
import type { Block } from '../schema.js';
import type { DelegationOut, Source } from '../sources.js';

export function authorityBlocks(delegation: Source<DelegationOut | null>, clientName: string): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Who approves risk acceptances' }];
  if (!delegation.ok) return [...blocks, { kind: 'unavailable', text: delegation.reason }];
  const rule = 'Each acceptance is weighed on the whole risk register with its risks accepted: while the register is above the risk appetite, every acceptance comes to the board, whatever its size.';
  const d = delegation.value;
  if (!d) return [...blocks, { kind: 'paragraph', text: `${rule} ${clientName} has delegated no approval: every acceptance is approved by an executive.`, tone: 'neutral' }];
  return [...blocks, { kind: 'paragraph', text: rule, tone: 'neutral' }, { kind: 'paragraph', text: d.sentence, tone: d.holdsCisoSeat ? 'neutral' : 'warn' }];
}
