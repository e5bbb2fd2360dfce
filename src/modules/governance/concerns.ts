import type { ClientTable } from '../../server/db/schema.js';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { conflict, forbidden, invalid, notFound } from '../../server/errors.js';
import { closeNotifications, notify } from '../notifications/api.js';
import { actorName, addDays, getSettings, peopleById, personRef, today, type Member } from './common.js';
import { decisionSeats } from './decisions.js';
import { ConcernInput, ConcernResponseInput, type ConcernOut, type ConcernState, type Seat } from './schema.js';
import { holderOf, seatStates, type SeatState } from './seats.js';
import type { GovConcernsTable } from './tables.js';

/** A record another module shows to the board: a finding, a decision, a report section… */
export interface SubjectRef {
  type: string;
  id: string;
}

export const subjectKey = (s: SubjectRef): string => `${s.type}:${s.id}`;

export function concernState(row: GovConcernsTable, on: string): ConcernState {
  if (row.response_status === 'owed' && row.respond_by < on) return 'lapsed';
  return row.response_status;
}

function present(scope: ClientScope, row: GovConcernsTable, people: Map<string, Member>, states: SeatState[]): ConcernOut {
  const holder = holderOf(states, row.seat);
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectTitle: row.subject_title,
    seat: row.seat,
    summary: row.summary,
    raisedBy: personRef(people, row.raised_by_user_id),
    holder: personRef(people, row.holder_user_id),
    respondBy: row.respond_by,
    state: concernState(row, today(scope)),
    response: row.response,
    respondedBy: personRef(people, row.responded_by_user_id),
    respondedAt: row.responded_at,
    createdAt: row.created_at,
    canRespond: scope.can('governance.concern.respond') && holder !== null && holder.userId === scope.actor.userId,
  };
}

export async function presentConcerns(scope: ClientScope, rows: GovConcernsTable[]): Promise<ConcernOut[]> {
  const states = await seatStates(scope);
  const people = await peopleById(scope, rows.flatMap((r) => [r.raised_by_user_id, r.holder_user_id, r.responded_by_user_id]));
  return rows.map((r) => present(scope, r, people, states));
}

export interface ConcernFilter {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  seat?: Seat | undefined;
  state?: ConcernState | undefined;
}

/** Every concern the filter matches, newest first: for the board pack and the QBR (the API pages them in lists.ts). */
export async function listConcerns(scope: ClientScope, filter: ConcernFilter = {}): Promise<ConcernOut[]> {
  let q = scope.db.selectFrom('gov_concerns').selectAll();
  if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.seat) q = q.where('seat', '=', filter.seat);
  const rows = await q.orderBy('created_at', 'desc').execute();
  const out = await presentConcerns(scope, rows);
  return filter.state ? out.filter((c) => c.state === filter.state) : out;
}

/** Subject types that name a record, and the table it must be found in. */
const SUBJECT_TABLES: Partial<Record<string, ClientTable>> = {
  decision: 'gov_decisions',
  acceptance: 'gov_acceptances',
  risk: 'risk_scenarios',
  treatment: 'risk_treatments',
  service: 'estate_services',
  system: 'estate_systems',
  vendor: 'estate_vendors',
  contract: 'estate_contracts',
  dataset: 'estate_datasets',
  grant: 'estate_grants',
  review: 'estate_reviews',
};

async function getRow(scope: ClientScope, id: string): Promise<GovConcernsTable> {
  const row = await scope.db.selectFrom('gov_concerns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Concern');
  return row;
}

/**
 * Records that a subject (a finding, a decision, a report section…) concerns another seat's
 * area. The seat's holder sees it, is notified and may respond by `respondBy`; until then the
 * subject owes a response and is kept out of the board pack (see `responsesOwed`). A concern
 * raised about a vacant seat owes nothing: there is no one to blindside.
 */
export async function raiseConcern(scope: ClientScope, raw: ConcernInput): Promise<ConcernOut> {
  scope.require('governance.concern.raise');
  const input = ConcernInput.parse(raw);
  const states = await seatStates(scope);
  const holder = holderOf(states, input.seat);
  if (holder && holder.userId === scope.actor.userId) {
    throw invalid(`You hold the ${input.seat} seat yourself; a concern is about another seat's area.`, [{ path: 'seat', message: 'is your own seat' }]);
  }
  // A subject that is a record of Triad must be one of this client's (a finding or a report
  // section is named in words and points to no record).
  const table = SUBJECT_TABLES[input.subjectType];
  if (table) {
    const found = await scope.db.selectFrom(table).select('id').where('id', '=', input.subjectId).executeTakeFirst();
    const what = input.subjectType.replace('-', ' ');
    if (!found) throw invalid(`No such ${what} in this client.`, [{ path: 'subjectId', message: `no such ${what} in this client` }]);
  }
  const t = today(scope);
  if (input.respondBy && input.respondBy < t) throw invalid('respondBy must not be in the past.', [{ path: 'respondBy', message: 'must not be in the past' }]);
  const duplicate = await scope.db
    .selectFrom('gov_concerns')
    .select('id')
    .where('subject_type', '=', input.subjectType)
    .where('subject_id', '=', input.subjectId)
    .where('seat', '=', input.seat)
    .executeTakeFirst();
  if (duplicate) throw conflict(`The ${input.seat} has already been asked about this ${input.subjectType}.`, [{ path: 'seat', message: 'already raised for this subject' }]);
  const settings = await getSettings(scope.db);
  const now = toTimestamp(scope.now());
  const row: GovConcernsTable = {
    client_id: scope.clientId,
    id: newId(),
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    subject_title: input.subjectTitle,
    seat: input.seat,
    summary: input.summary,
    raised_by_user_id: scope.actor.userId,
    holder_user_id: holder?.userId ?? null,
    respond_by: input.respondBy ?? addDays(t, settings.concernResponseDays),
    response_status: holder ? 'owed' : 'no-holder',
    response: null,
    responded_by_user_id: null,
    responded_at: null,
    created_at: now,
    updated_at: now,
  };
  const [out] = await presentConcerns(scope, [row]);
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('gov_concerns', values).execute();
    await w.audit({ action: 'concern.raise', entityType: 'concern', entityId: row.id, after: out });
    if (holder) {
      await notify(w, {
        to: { userIds: [holder.userId] },
        kind: 'concern.raised',
        title: `Response asked of the ${input.seat}: ${input.subjectTitle}`,
        body: `${actorName(scope)} raised something that concerns your area as ${input.seat}: "${input.summary}". You may respond by ${row.respond_by}; your response is shown beside it in the board pack.`,
        path: 'governance/concerns',
        subject: { type: 'concern', id: row.id },
      });
    }
  });
  return out!;
}

/** The concerned seat's holder responds (or acknowledges without comment); a response may be revised. */
export async function respondToConcern(scope: ClientScope, id: string, raw: ConcernResponseInput): Promise<ConcernOut> {
  scope.require('governance.concern.respond');
  const input = ConcernResponseInput.parse(raw);
  const row = await getRow(scope, id);
  const states = await seatStates(scope);
  const holder = holderOf(states, row.seat);
  if (!holder || holder.userId !== scope.actor.userId) {
    throw forbidden(holder ? `Only the ${row.seat}'s holder, ${holder.name}, can respond for the ${row.seat}.` : `The ${row.seat} seat is vacant; nobody can respond for it.`);
  }
  const now = toTimestamp(scope.now());
  const next: GovConcernsTable = {
    ...row,
    response_status: input.noComment ? 'declined' : 'responded',
    response: input.response ?? null,
    responded_by_user_id: scope.actor.userId,
    responded_at: now,
    holder_user_id: holder.userId,
    updated_at: now,
  };
  const [before, after] = await presentConcerns(scope, [row, next]);
  await scope.write(async (w) => {
    await w.db
      .updateTable('gov_concerns')
      .set({ response_status: next.response_status, response: next.response, responded_by_user_id: next.responded_by_user_id, responded_at: now, holder_user_id: next.holder_user_id, updated_at: now })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'concern.respond', entityType: 'concern', entityId: id, before, after });
    await closeNotifications(w, { subject: { type: 'concern', id }, kinds: ['concern.raised'], userIds: [scope.actor.userId] });
    await notify(w, {
      to: { userIds: [row.raised_by_user_id], except: [scope.actor.userId] },
      kind: 'concern.responded',
      title: `The ${row.seat} responded: ${row.subject_title}`,
      body: input.noComment ? `${actorName(scope)} acknowledged it without comment.` : `${actorName(scope)}: "${input.response}"`,
      path: 'governance/concerns',
      subject: { type: 'concern', id },
    });
  });
  return after!;
}

/** A response a seat still owes on a subject. */
export interface OwedResponse {
  subject: SubjectRef;
  seat: Seat;
  holder: { userId: string; name: string } | null;
  /** concern: asked to respond to a concern; position: a decision's seat has not taken a position. */
  kind: 'concern' | 'position';
  concernId: string | null;
  respondBy: string | null;
}

/**
 * The responses still owed on these subjects: concerns waiting for their seat (not yet past
 * their date) and, for open decisions, the held seats that have not recorded a position. A
 * subject with anything owed is not ready for the board pack.
 */
export async function responsesOwed(scope: ClientScope, subjects: readonly SubjectRef[]): Promise<OwedResponse[]> {
  if (subjects.length === 0) return [];
  const wanted = new Set(subjects.map(subjectKey));
  const t = today(scope);
  const rows = (await scope.db.selectFrom('gov_concerns').selectAll().where('response_status', '=', 'owed').execute()).filter(
    (r) => wanted.has(subjectKey({ type: r.subject_type, id: r.subject_id })) && concernState(r, t) === 'owed',
  );
  const people = await peopleById(scope, rows.map((r) => r.holder_user_id));
  const owed: OwedResponse[] = rows.map((r) => ({
    subject: { type: r.subject_type, id: r.subject_id },
    seat: r.seat,
    holder: personRef(people, r.holder_user_id),
    kind: 'concern',
    concernId: r.id,
    respondBy: r.respond_by,
  }));
  const decisionIds = subjects.filter((s) => s.type === 'decision').map((s) => s.id);
  if (decisionIds.length > 0) {
    const states = await seatStates(scope);
    const decisions = await scope.db.selectFrom('gov_decisions').selectAll().where('id', 'in', decisionIds).where('status', '=', 'open').execute();
    const positions = decisions.length
      ? await scope.db.selectFrom('gov_positions').select(['decision_id', 'seat']).where('decision_id', 'in', decisions.map((d) => d.id)).execute()
      : [];
    for (const d of decisions) {
      for (const seat of decisionSeats(d)) {
        const holder = holderOf(states, seat);
        if (holder && !positions.some((p) => p.decision_id === d.id && p.seat === seat)) {
          owed.push({ subject: { type: 'decision', id: d.id }, seat, holder: { userId: holder.userId, name: holder.name }, kind: 'position', concernId: null, respondBy: d.decide_by });
        }
      }
    }
  }
  return owed;
}

/** The concerns on these subjects with the seats' responses, to show beside them; keyed `type:id`. */
export async function responsesFor(scope: ClientScope, subjects: readonly SubjectRef[]): Promise<Map<string, ConcernOut[]>> {
  const out = new Map<string, ConcernOut[]>();
  if (subjects.length === 0) return out;
  const wanted = new Set(subjects.map(subjectKey));
  const rows = (await scope.db.selectFrom('gov_concerns').selectAll().orderBy('created_at').execute()).filter((r) =>
    wanted.has(subjectKey({ type: r.subject_type, id: r.subject_id })),
  );
  for (const c of await presentConcerns(scope, rows)) {
    const key = subjectKey({ type: c.subjectType, id: c.subjectId });
    out.set(key, [...(out.get(key) ?? []), c]);
  }
  return out;
}
