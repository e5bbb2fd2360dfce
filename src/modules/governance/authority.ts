/**
 * Who may approve a risk acceptance, and why, in plain words: weighed on the whole register
 * (the portfolio's verdict with the acceptance's risks accepted) and on the approval the client
 * delegated to the advisor holding its CISO seat (delegation.ts).
 */
import type { ClientScope } from '../../server/context.js';
import { fromFlag } from '../../server/db/conventions.js';
import { formatMoney } from '../../shared/money.js';
import { reportDate } from '../../shared/reports/words.js';
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
export function authorityFor(w: Weighed, delegation: DelegationOut | null, client: { name: string; currency: string }): { authority: Authority; reason: string } {
  const money = (x: number): string => formatMoney(x, client.currency);
  const executive = (reason: string) => ({ authority: 'executive' as const, reason });
  if (!w.appetiteDefined) return executive(`${client.name} has no risk appetite defined to weigh this acceptance against, so only an executive (the board) can accept it.`);
  if (w.aboveAppetite) {
    return executive(`${possessive(client.name)} risk register is above its risk appetite with these risks accepted, so every acceptance goes to the executives (the board), whatever its size: only an executive can accept it.`);
  }
  if (!w.settled) return executive(`Whether ${possessive(client.name)} risk register stays within its risk appetite is too close to call on the simulated years, so only an executive (the board) can accept it.`);
  const within = `${possessive(client.name)} risk register stays within its risk appetite with these risks accepted`;
  if (!delegation) return executive(`${within}. ${client.name} has not delegated the approval of acceptances to its CISO's advisor, so an executive approves it.`);
  if (!delegation.holdsCisoSeat) return executive(`${within}. The approval was delegated to ${delegation.delegate.name}, who no longer holds the CISO seat, so an executive approves it.`);
  if (w.size === null) return executive(`${within}, but these risks have no computed expected loss yet to weigh against the ${money(delegation.limit)} delegated to ${delegation.delegate.name}, so an executive approves it.`);
  if (w.size > delegation.limit) {
    return executive(`${within}, but these risks are expected to cost ${money(w.size)} a year, more than the ${money(delegation.limit)} up to which ${client.name} delegated the approval to ${delegation.delegate.name}, so an executive approves it.`);
  }
  return {
    authority: 'ciso-advisor-or-executive',
    reason: `${within}, and these risks are expected to cost ${money(w.size)} a year, within the ${money(delegation.limit)} up to which ${client.name} delegated the approval to ${delegation.delegate.name} (CISO) on ${reportDate(delegation.since)}: ${delegation.delegate.name} or an executive may approve it.`,
  };
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
  return `${required.reason} You are neither.`;
}
