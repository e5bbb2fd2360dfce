/**
 * Decisions as they are read: each with every seat's position side by side, whether it is
 * overdue or escalated, and what the reader may do with it; why a decision goes to the
 * executives; and what the audit trail keeps of one.
 */
import type { AppContext, ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { fromFlag, fromJson } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
import { words, type Language, type Say } from '../../server/i18n/index.js';
import { fromMinorUnits } from '../../shared/money.js';
import { peopleById, peopleByIdFor, personRef, today, type Member } from './common.js';
import type { DecisionOut, DecisionStatus, OptionOut, Seat, Stance } from './schema.js';
import { holderOf, seatStates, seatStatesFrom, seatsHeldBy, type SeatState } from './seats.js';
import type { GovDecisionsTable, GovPositionsTable } from './tables.js';

/** An option as stored (money in minor units). */
export interface StoredOption {
  id: string;
  title: string;
  description: string | null;
  cost: number | null;
  riskEffect: string | null;
  links: { kind: 'risk' | 'treatment'; id: string }[];
}

/**
 * Why a decision goes to the executives, or null: some seat opposes what another supports; or,
 * while the CISO reports to the CIO, the CISO opposes at all (its dissent would otherwise stay
 * inside IT).
 */
export function escalationReason(positions: readonly { seat: Seat; stance: Stance }[], cisoUnderCio: boolean, language: Language = 'en'): string | null {
  const say = words(language, 'governance');
  const supporting = positions.filter((p) => p.stance === 'supports').map((p) => p.seat);
  const opposing = positions.filter((p) => p.stance === 'opposes').map((p) => p.seat);
  if (supporting.length > 0 && opposing.length > 0) {
    return say('escalation.disagree', {
      supporting: say('escalation.supports', { seats: listSeats(supporting, say), count: supporting.length }),
      opposing: say('escalation.opposes', { seats: listSeats(opposing, say), count: opposing.length }),
    });
  }
  if (cisoUnderCio && opposing.includes('CISO')) return say('escalation.cisoUnderCio');
  return null;
}

/**
 * A stored escalation reason (stored in English when the decision escalated) in the reader's
 * language, where it still says what the recorded positions say; as stored otherwise.
 */
export function escalationReasonIn(language: Language, stored: string | null, positions: readonly { seat: Seat; stance: Stance }[]): string | null {
  if (!stored || language === 'en') return stored;
  for (const cisoUnderCio of [false, true]) {
    if (escalationReason(positions, cisoUnderCio) === stored) return escalationReason(positions, cisoUnderCio, language);
  }
  return stored;
}

export function listSeats(seats: Seat[], say: Say<'governance'>): string {
  const named = seats.map((seat) => say('seats.the', { seat }));
  return named.length <= 1 ? (named[0] ?? '') : say('seats.and', { list: named.slice(0, -1).join(', '), last: named.at(-1) ?? '' });
}

export function decisionSeats(row: GovDecisionsTable): Seat[] {
  return fromJson<Seat[]>(row.seats_json, []);
}

export function storedOptions(row: GovDecisionsTable): StoredOption[] {
  return fromJson<StoredOption[]>(row.options_json, []);
}

/** Open past its decide-by date, or decided and past its revisit date. */
export function isOverdue(row: GovDecisionsTable, on: string): boolean {
  if (row.status === 'open') return row.decide_by !== null && row.decide_by < on;
  if (row.status === 'decided') return row.revisit_on !== null && row.revisit_on < on;
  return false;
}

interface Loaded {
  states: SeatState[];
  positions: Map<string, GovPositionsTable[]>;
  people: Map<string, Member>;
}

async function load(scope: ClientScope, rows: GovDecisionsTable[]): Promise<Loaded> {
  const states = await seatStates(scope);
  const positions = new Map<string, GovPositionsTable[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const p of await scope.db.selectFrom('gov_positions').selectAll().where('decision_id', 'in', ids.slice(i, i + 500)).execute()) push(positions, p.decision_id, p);
  }
  return { states, positions, people: await peopleById(scope, peopleOf(rows, positions)) };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whom a page of decisions names: who raised and decided them, and who holds and recorded their positions. */
function peopleOf(rows: readonly GovDecisionsTable[], positions: ReadonlyMap<string, GovPositionsTable[]>): (string | null)[] {
  return [...rows.flatMap((r) => [r.raised_by_user_id, r.decided_by_user_id]), ...[...positions.values()].flat().flatMap((p) => [p.holder_user_id, p.recorded_by_user_id])];
}

/**
 * presentDecisions for every client of `set` at once (`rows` by client, each client's scope in
 * `scopes`), in a few statements for all of them: the seats, the positions, and the people.
 */
export async function presentDecisionsFor(app: AppContext, set: ClientSetDb, scopes: ReadonlyMap<string, ClientScope>, rows: ReadonlyMap<string, GovDecisionsTable[]>): Promise<Map<string, DecisionOut[]>> {
  const ids = [...rows.values()].flat().map((r) => r.id);
  const positions = new Map<string, GovPositionsTable[]>();
  const [seats] = await Promise.all([
    set.selectFrom('gov_seats').selectAll().execute(),
    (async () => {
      for (let i = 0; i < ids.length; i += 500) {
        for (const p of await set.selectFrom('gov_positions').selectAll().where('decision_id', 'in', ids.slice(i, i + 500)).execute()) push(positions, p.decision_id, p);
      }
    })(),
  ]);
  const seatsOf = byClient(set.clientIds, seats);
  const firmId = [...scopes.values()][0]?.client.firm_id;
  const wanted = new Map(set.clientIds.map((id) => [id, [...(seatsOf.get(id) ?? []).map((s) => s.holder_user_id), ...peopleOf(rows.get(id) ?? [], positions)]]));
  const people = firmId === undefined ? new Map<string, Map<string, Member>>() : await peopleByIdFor(app, set, firmId, wanted);
  const out = new Map<string, DecisionOut[]>();
  for (const [clientId, scope] of scopes) {
    const theirs = people.get(clientId) ?? new Map<string, Member>();
    const l: Loaded = { states: seatStatesFrom(seatsOf.get(clientId) ?? [], theirs), positions, people: theirs };
    out.set(clientId, (rows.get(clientId) ?? []).map((r) => present(scope, r, l)));
  }
  return out;
}

/** The seats whose position the caller may record on an open decision. */
function recordableSeats(scope: ClientScope, row: GovDecisionsTable, states: SeatState[]): Seat[] {
  if (row.status !== 'open' || !scope.can('governance.position')) return [];
  const seats = decisionSeats(row);
  const mine = seatsHeldBy(states, scope.actor.userId).filter((s) => seats.includes(s));
  return seats.filter((seat) => {
    const holder = holderOf(states, seat);
    if (!holder) return false;
    if (holder.userId === scope.actor.userId) return true;
    return scope.role === 'advisor' && mine.length === 0;
  });
}

function present(scope: ClientScope, row: GovDecisionsTable, l: Loaded): DecisionOut {
  const seats = decisionSeats(row);
  const recorded = l.positions.get(row.id) ?? [];
  const positions = seats.map((seat) => {
    const p = recorded.find((x) => x.seat === seat);
    const holder = holderOf(l.states, seat);
    return {
      seat,
      // A recorded position speaks for whoever held the seat then.
      holder: p ? personRef(l.people, p.holder_user_id) : holder ? { userId: holder.userId, name: holder.name } : null,
      stance: p?.stance ?? null,
      rationale: p?.rationale ?? null,
      preferredOptionId: p?.preferred_option_id ?? null,
      recordedBy: personRef(l.people, p?.recorded_by_user_id),
      onBehalf: fromFlag(p?.on_behalf),
      recordedAt: p?.recorded_at ?? null,
    };
  });
  const escalated = row.escalated_at !== null;
  const options: OptionOut[] = storedOptions(row).map((o) => ({
    id: o.id,
    title: o.title,
    description: o.description,
    cost: o.cost === null ? null : fromMinorUnits(o.cost, scope.client.currency),
    riskEffect: o.riskEffect,
    links: o.links,
    proposed: o.id === row.proposed_option_id,
  }));
  const open = row.status === 'open';
  return {
    id: row.id,
    title: row.title,
    context: row.context,
    proposal: row.proposal,
    options,
    seats,
    status: row.status,
    decideBy: row.decide_by,
    revisitOn: row.revisit_on,
    overdue: isOverdue(row, today(scope)),
    escalated,
    escalatedAt: row.escalated_at,
    escalationReason: escalationReasonIn(scope.language, row.escalation_reason, recorded),
    awaitingExecutive: escalated && open,
    positions,
    outcome: row.outcome,
    chosenOptionId: row.chosen_option_id,
    decidedBy: row.decided_at ? { userId: row.decided_by_user_id, name: row.decided_by_name ?? 'unknown', role: row.decided_role ?? 'unknown' } : null,
    decidedAt: row.decided_at,
    raisedBy: personRef(l.people, row.raised_by_user_id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: {
      edit: open && scope.can('governance.edit'),
      // Offered only when it can succeed: an executive decides any open decision; anyone else
      // one that is not escalated and on which every held seat has taken a position.
      decide: open && scope.can('governance.decide') && (scope.role === 'executive' || (!escalated && positions.every((p) => p.holder === null || p.stance !== null))),
      withdraw: open && scope.can('governance.decide') && (scope.role === 'executive' || !escalated),
      recordPositionFor: recordableSeats(scope, row, l.states),
    },
  };
}

export async function presentDecisions(scope: ClientScope, rows: GovDecisionsTable[]): Promise<DecisionOut[]> {
  const l = await load(scope, rows);
  return rows.map((r) => present(scope, r, l));
}

export async function getRow(scope: ClientScope, id: string): Promise<GovDecisionsTable> {
  const row = await scope.db.selectFrom('gov_decisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Decision');
  return row;
}

export async function getDecision(scope: ClientScope, id: string): Promise<DecisionOut> {
  return (await presentDecisions(scope, [await getRow(scope, id)]))[0]!;
}

export interface DecisionFilter {
  status?: DecisionStatus | undefined;
  awaitingExecutive?: boolean | undefined;
}

/** What the audit trail keeps of a decision. */
export function auditView(row: GovDecisionsTable) {
  return {
    title: row.title,
    context: row.context,
    proposal: row.proposal,
    options: storedOptions(row),
    proposedOptionId: row.proposed_option_id,
    seats: decisionSeats(row),
    status: row.status,
    decideBy: row.decide_by,
    revisitOn: row.revisit_on,
    escalatedAt: row.escalated_at,
    escalationReason: row.escalation_reason,
    outcome: row.outcome,
    chosenOptionId: row.chosen_option_id,
    decidedBy: row.decided_by_name,
    decidedRole: row.decided_role,
    decidedAt: row.decided_at,
  };
}
