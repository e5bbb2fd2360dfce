/**
 * What a board pack is made from, read through the other modules' published functions. Each
 * source is read on its own: when one fails (a module not yet set up for this client, or an
 * error), the pack still comes out and the section says plainly that its data is missing.
 */
import type { ClientScope } from '../../server/context.js';
import { getRiskBoardSummary, type RiskBoardSummary } from '../risks/api.js';
import type { TopRisk } from '../risks/overview-schema.js';
import { decisionsForTheBoard, acceptedRisks, governanceSummary, responsesFor, responsesOwed, type AcceptanceOut, type CheckOut, type ConcernOut, type DecisionOut, type OwedResponse, type SeatOut, type SubjectRef } from '../governance/api.js';
import { acceptanceDelegation, listConcerns, type DelegationOut } from '../governance/api.js';
import { criticalVendors, fourthPartyConcentration, lifecycleSummary, renewals, type ConcentrationEntry, type CriticalVendor, type LifecycleOut, type RenewalEvent } from '../estate/summary.js';
import { daysBetween } from './quarter.js';
import { budgetYear, type YearOut } from '../budget/api.js';
import { getRoadmap } from '../roadmap/api.js';
import type { RoadmapOut } from '../roadmap/schema.js';
import { boardMaturity, type BoardMaturity } from '../controls/api.js';

export type Source<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads one source; a failure becomes a plain reason (and a log line), never a failed pack. */
export async function attempt<T>(scope: ClientScope, what: string, fn: () => Promise<T>): Promise<Source<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    scope.app.log.warn({ err, clientId: scope.clientId, source: what }, 'board pack source unavailable');
    return { ok: false, reason: `The ${what} could not be read when this pack was made.` };
  }
}

export interface RiskSource extends Omit<RiskBoardSummary, 'topRisks' | 'ransomware'> {
  /** Every scenario of the portfolio with a result, largest current mean first. */
  all: TopRisk[];
}

export interface PackSources {
  today: string;
  window: { from: string; to: string };
  /** Decisions decided and concerns raised since this moment are "since the last pack". */
  since: string;
  risk: Source<RiskSource>;
  governance: Source<{ seats: SeatOut[]; checks: CheckOut[] }>;
  board: Source<{ decisions: DecisionOut[]; acceptancesAwaitingBoard: AcceptanceOut[] }>;
  accepted: Source<AcceptanceOut[]>;
  /** The approval of acceptances delegated to the CISO's advisor, or null. */
  delegation: Source<DelegationOut | null>;
  concerns: Source<ConcernOut[]>;
  criticalVendors: Source<CriticalVendor[]>;
  renewals: Source<RenewalEvent[]>;
  fourthParties: Source<ConcentrationEntry[]>;
  lifecycle: Source<LifecycleOut>;
  budget: Source<YearOut>;
  roadmap: Source<RoadmapOut>;
  /** Framework maturity; null when the client has no assessment yet. */
  maturity: Source<BoardMaturity | null>;
}

/** Reads everything the pack shows, for the window from `today` to `windowTo`. */
export async function gatherSources(scope: ClientScope, options: { today: string; windowTo: string; since: string }): Promise<PackSources> {
  const { today, windowTo, since } = options;
  const days = Math.max(0, daysBetween(today, windowTo));
  // One after the other: on SQLite they share one connection anyway, and the order keeps the
  // load on PostgreSQL modest.
  const risk = await attempt(scope, 'risk register', async () => {
    const { topRisks, ransomware: _r, ...rest } = await getRiskBoardSummary(scope, { top: Number.MAX_SAFE_INTEGER });
    return { ...rest, all: topRisks };
  });
  const governance = await attempt(scope, 'governance records', async () => {
    const s = await governanceSummary(scope);
    return { seats: s.seats, checks: s.checks };
  });
  const board = await attempt(scope, 'decisions for the board', () => decisionsForTheBoard(scope, { since }));
  const accepted = await attempt(scope, 'accepted risks', () => acceptedRisks(scope));
  const delegation = await attempt(scope, 'delegated authority', () => acceptanceDelegation(scope));
  const concerns = await attempt(scope, 'concerns between the seats', async () =>
    (await listConcerns(scope)).filter((c) => c.createdAt >= since || c.state === 'owed' || c.state === 'lapsed'),
  );
  const critical = await attempt(scope, 'vendor records', () => criticalVendors(scope));
  const renewing = await attempt(scope, 'contracts', () => renewals(scope, { from: today, to: windowTo }));
  const fourth = await attempt(scope, 'fourth-party records', () => fourthPartyConcentration(scope, { limit: 10 }));
  const lifecycle = await attempt(scope, 'estate lifecycle', () => lifecycleSummary(scope, { days, quarters: 8, limit: 25 }));
  const budget = await attempt(scope, 'IT budget', () => budgetYear(scope));
  const roadmap = await attempt(scope, 'roadmap', () => getRoadmap(scope));
  const maturity = await attempt(scope, 'framework assessments', () => boardMaturity(scope));
  return { today, window: { from: today, to: windowTo }, since, risk, governance, board, accepted, delegation, concerns, criticalVendors: critical, renewals: renewing, fourthParties: fourth, lifecycle, maturity, budget, roadmap };
}

export interface Responses {
  /** Concerns with the seats' responses, keyed `type:id`. */
  bySubject: Map<string, ConcernOut[]>;
  owed: OwedResponse[];
}

/** The seats' responses on the pack's subjects, and what is still owed on them. */
export async function gatherResponses(scope: ClientScope, subjects: SubjectRef[]): Promise<Source<Responses>> {
  return attempt(scope, 'seats\u2019 responses', async () => ({ bySubject: await responsesFor(scope, subjects), owed: await responsesOwed(scope, subjects) }));
}

export type { BoardMaturity };
export type { AcceptanceOut, DelegationOut, CheckOut, ConcernOut, ConcentrationEntry, CriticalVendor, DecisionOut, LifecycleOut, OwedResponse, RenewalEvent, SeatOut, SubjectRef, TopRisk };
