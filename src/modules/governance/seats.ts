import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { ensureGovernance, peopleById, personOut, today, type Member } from './common.js';
import {
  SEATS,
  SeatInput,
  ResponsibilityInput,
  ResponsibilityPatch,
  type ResponsibilityOut,
  type Seat,
  type SeatOut,
} from './schema.js';
import type { GovResponsibilitiesTable, GovSeatsTable } from './tables.js';

/** Roles that can hold a seat: someone who can speak for it (viewers only read). */
const HOLDER_ROLES = new Set(['advisor', 'executive', 'contributor']);

export interface SeatState {
  seat: Seat;
  row: GovSeatsTable | null;
  /** The holder, when the seat has one (and they still exist). */
  holder: Member | null;
}

/** The three seats of the client, vacant and reporting to the CEO until configured. */
export async function seatStates(scope: ClientScope): Promise<SeatState[]> {
  const rows = await scope.db.selectFrom('gov_seats').selectAll().execute();
  return seatStatesFrom(rows, await peopleById(scope, rows.map((r) => r.holder_user_id)));
}

/** The seats from the client's stored rows and their holders (peopleById). */
export function seatStatesFrom(rows: readonly GovSeatsTable[], people: ReadonlyMap<string, Member>): SeatState[] {
  return SEATS.map((seat) => {
    const row = rows.find((r) => r.seat === seat) ?? null;
    // Someone no longer a member of the client cannot speak for the seat: it is vacant.
    const person = row?.holder_user_id ? people.get(row.holder_user_id) : undefined;
    const holder = person?.role ? person : null;
    return { seat, row, holder };
  });
}

export function presentSeat(s: SeatState): SeatOut {
  return {
    seat: s.seat,
    holder: s.holder ? personOut(s.holder) : null,
    since: s.holder ? (s.row?.since ?? null) : null,
    reportsTo: s.row?.reports_to ?? 'CEO',
    reportsToNote: s.row?.reports_to_note ?? null,
    updatedAt: s.row?.updated_at ?? null,
  };
}

export async function listSeats(scope: ClientScope): Promise<SeatOut[]> {
  return (await seatStates(scope)).map(presentSeat);
}

/** The seats a person holds in the client. */
export function seatsHeldBy(states: SeatState[], userId: string | null): Seat[] {
  if (!userId) return [];
  return states.filter((s) => s.holder?.userId === userId).map((s) => s.seat);
}

export function holderOf(states: SeatState[], seat: Seat): Member | null {
  return states.find((s) => s.seat === seat)?.holder ?? null;
}

/** True while the CISO reports to the CIO: every CISO dissent then goes to the executives. */
export function cisoReportsToCio(states: SeatState[]): boolean {
  return states.find((s) => s.seat === 'CISO')?.row?.reports_to === 'CIO';
}

/** Sets a seat's holder (or leaves it vacant), since when, and its reporting line (advisors). */
export async function updateSeat(scope: ClientScope, seat: Seat, raw: SeatInput): Promise<SeatOut> {
  scope.require('governance.edit');
  const input = SeatInput.parse(raw);
  if (input.reportsTo === seat) throw invalid(`The ${seat} cannot report to itself.`, [{ path: 'reportsTo', message: 'a seat cannot report to itself' }]);
  if (input.reportsTo === 'other' && !input.reportsToNote) {
    throw invalid('Say whom the seat reports to.', [{ path: 'reportsToNote', message: 'required when reportsTo is other' }]);
  }
  let holder: Member | null = null;
  if (input.holderUserId) {
    holder = (await peopleById(scope, [input.holderUserId])).get(input.holderUserId) ?? null;
    if (!holder?.role) throw invalid('The holder must be a member of this client.', [{ path: 'holderUserId', message: 'not a member of this client' }]);
    if (!HOLDER_ROLES.has(holder.role)) {
      throw invalid(`${holder.name} is a viewer here; a seat's holder must be an advisor, executive or contributor of the client.`, [
        { path: 'holderUserId', message: 'viewers cannot hold a seat' },
      ]);
    }
  }
  const state = (await seatStates(scope)).find((s) => s.seat === seat)!;
  const before = presentSeat(state);
  const now = toTimestamp(scope.now());
  const holderChanged = (state.row?.holder_user_id ?? null) !== input.holderUserId;
  const since = !input.holderUserId ? null : input.since !== undefined ? input.since : holderChanged ? today(scope) : (state.row?.since ?? null);
  const values = {
    holder_user_id: input.holderUserId,
    since,
    reports_to: input.reportsTo,
    reports_to_note: input.reportsToNote ?? null,
    updated_at: now,
  };
  const after: SeatOut = { seat, holder: holder ? personOut(holder) : null, since, reportsTo: input.reportsTo, reportsToNote: values.reports_to_note, updatedAt: now };
  await scope.write(async (w) => {
    await ensureGovernance(scope, w);
    if (state.row) await w.db.updateTable('gov_seats').set(values).where('seat', '=', seat).execute();
    else await w.db.insertInto('gov_seats', { id: newId(), seat, created_at: now, ...values }).execute();
    await w.audit({ action: 'seat.update', entityType: 'seat', entityId: seat, before, after });
  });
  return after;
}

// --- Charter ---

export function presentResponsibility(r: GovResponsibilitiesTable, states: SeatState[]): ResponsibilityOut {
  const coverage = r.covered_by === null ? 'uncovered' : holderOf(states, r.covered_by) ? 'covered' : 'vacant-seat';
  return { id: r.id, seat: r.seat, key: r.key, title: r.title, description: r.description, coveredBy: r.covered_by, position: r.position, coverage };
}

const SEAT_ORDER: Record<Seat, number> = { CIO: 0, CTO: 1, CISO: 2 };

export async function responsibilityRows(scope: ClientScope): Promise<GovResponsibilitiesTable[]> {
  const rows = await scope.db.selectFrom('gov_responsibilities').selectAll().execute();
  return rows.sort((a, b) => SEAT_ORDER[a.seat] - SEAT_ORDER[b.seat] || a.position - b.position || a.title.localeCompare(b.title));
}

/** The charter: each seat's responsibilities and who covers them (seeded on first use). */
export async function listCharter(scope: ClientScope): Promise<ResponsibilityOut[]> {
  await ensureGovernance(scope);
  const states = await seatStates(scope);
  return (await responsibilityRows(scope)).map((r) => presentResponsibility(r, states));
}

async function getResponsibility(scope: ClientScope, id: string): Promise<GovResponsibilitiesTable> {
  const row = await scope.db.selectFrom('gov_responsibilities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Responsibility');
  return row;
}

export async function addResponsibility(scope: ClientScope, raw: ResponsibilityInput): Promise<ResponsibilityOut> {
  scope.require('governance.edit');
  const input = ResponsibilityInput.parse(raw);
  await ensureGovernance(scope);
  const last = await scope.db
    .selectFrom('gov_responsibilities')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('seat', '=', input.seat)
    .executeTakeFirst();
  const now = toTimestamp(scope.now());
  const row: GovResponsibilitiesTable = {
    client_id: scope.clientId,
    id: newId(),
    seat: input.seat,
    key: null,
    title: input.title,
    description: input.description ?? null,
    covered_by: input.coveredBy,
    position: Number(last?.p ?? -1) + 1,
    created_at: now,
    updated_at: now,
  };
  const out = presentResponsibility(row, await seatStates(scope));
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('gov_responsibilities', values).execute();
    await w.audit({ action: 'responsibility.create', entityType: 'responsibility', entityId: row.id, after: out });
  });
  return out;
}

export async function updateResponsibility(scope: ClientScope, id: string, raw: ResponsibilityPatch): Promise<ResponsibilityOut> {
  scope.require('governance.edit');
  const patch = ResponsibilityPatch.parse(raw);
  const row = await getResponsibility(scope, id);
  const states = await seatStates(scope);
  const next: GovResponsibilitiesTable = {
    ...row,
    seat: patch.seat ?? row.seat,
    title: patch.title ?? row.title,
    description: patch.description !== undefined ? patch.description : row.description,
    covered_by: patch.coveredBy !== undefined ? patch.coveredBy : row.covered_by,
    position: patch.position ?? row.position,
    updated_at: toTimestamp(scope.now()),
  };
  const before = presentResponsibility(row, states);
  const after = presentResponsibility(next, states);
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_responsibilities')
      .set({ seat: next.seat, title: next.title, description: next.description, covered_by: next.covered_by, position: next.position, updated_at: next.updated_at })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'responsibility.update', entityType: 'responsibility', entityId: id, before, after });
  });
  return after;
}

export async function deleteResponsibility(scope: ClientScope, id: string): Promise<void> {
  scope.require('governance.edit');
  const row = await getResponsibility(scope, id);
  const before = presentResponsibility(row, await seatStates(scope));
  await scope.write(async (w) => {
    await w.db.deleteFrom('gov_responsibilities').where('id', '=', id).execute();
    await w.audit({ action: 'responsibility.delete', entityType: 'responsibility', entityId: id, before });
  });
}
