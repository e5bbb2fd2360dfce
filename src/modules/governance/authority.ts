/**
 * Who may approve a risk acceptance, and why, in plain words: weighed on the whole register
 * (the portfolio's verdict with the acceptance's risks accepted) and on the approval the client
 * delegated to the advisor holding its CISO seat (delegation.ts).
 */
import type { ClientScope } from '../../server/context.js';
import { fromFlag } from '../../server/db/conventions.js';
import { formatMoney } from '../../shared/money.js';
import { dateIn, words, type Language } from '../../server/i18n/index.js';
import type { Authority, DelegationOut } from './schema.js';
import type { GovAcceptanceRisksTable, GovAcceptancesTable } from './tables.js';

/** What the authority of an acceptance is weighed on: the portfolio's verdict and the acceptance's size. */
export interface Weighed {
  appetiteDefined: boolean;
  /** The whole portfolio, with the risks accepted as they stand, is above the appetite. */
  aboveAppetite: boolean;
  /** The simulated years settle that verdict. */
  settled: boolean;
  /** The risks' expected annual loss together, or null before they were simulated. */
  size: number | null;
}

/**
 * Who may approve an acceptance, and why, in plain words. An acceptance is weighed by its effect
 * on the whole register: while the portfolio is above the appetite (or no appetite is set, or
 * the simulated years cannot settle the verdict), every acceptance goes to the executives (the
 * board), whatever its size. Within appetite, an executive approves by default; the advisor
 * holding the CISO seat may also approve where the client has delegated that authority, for an
 * acceptance whose expected annual loss is within the delegated amount.
 */
export function authorityFor(w: Weighed, delegation: DelegationOut | null, client: { name: string; currency: string }, language: Language = 'en'): { authority: Authority; reason: string } {
  const say = words(language, 'governance');
  const money = (x: number): string => formatMoney(x, client.currency);
  const executive = (reason: string) => ({ authority: 'executive' as const, reason });
  const names = { client: client.name, clients: possessive(client.name) };
  if (!w.appetiteDefined) return executive(say('authority.noAppetite', names));
  if (w.aboveAppetite) return executive(say('authority.above', names));
  if (!w.settled) return executive(say('authority.unsettled', names));
  if (!delegation) return executive(say('authority.notDelegated', names));
  const delegated = { ...names, delegate: delegation.delegate.name, limit: money(delegation.limit) };
  if (!delegation.holdsCisoSeat) return executive(say('authority.delegateLeft', delegated));
  if (w.size === null) return executive(say('authority.noSize', delegated));
  if (w.size > delegation.limit) return executive(say('authority.tooLarge', { ...delegated, size: money(w.size) }));
  return { authority: 'ciso-advisor-or-executive', reason: say('authority.delegated', { ...delegated, size: money(w.size), since: dateIn(language, delegation.since) }) };
}

/** "Harbor & Finch CPAs'" / "Kestrel's". */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

export function storedWeighed(row: GovAcceptancesTable, risks: GovAcceptanceRisksTable[]): Weighed {
  return { appetiteDefined: fromFlag(row.appetite_defined), aboveAppetite: fromFlag(row.above_appetite), settled: fromFlag(row.appetite_settled), size: sizeOf(risks) };
}

/** The acceptance's risks' expected annual loss together: the latest figure where a change was seen, else as frozen. */
function sizeOf(risks: GovAcceptanceRisksTable[]): number | null {
  let sum = 0;
  for (const r of risks) {
    const m = r.latest_mean ?? r.frozen_mean;
    if (m === null) return null;
    sum += m;
  }
  return sum;
}

/** Why the actor may not approve an acceptance with this authority, or null when they may. */
export function authorityProblem(scope: ClientScope, required: { authority: Authority; reason: string }, delegation: DelegationOut | null): string | null {
  if (scope.role === 'executive') return null;
  if (required.authority === 'executive') return required.reason;
  if (scope.role === 'advisor' && delegation?.holdsCisoSeat && delegation.delegate.userId === scope.actor.userId) return null;
  return words(scope.language, 'governance')('authority.neither', { reason: required.reason });
}
