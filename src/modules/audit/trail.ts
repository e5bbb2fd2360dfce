/**
 * Reading a trail: its entries through the filters of `AuditFilters` (dates, person, kind,
 * action, one record), a page at a time newest first (the keyset convention of
 * src/shared/paging.ts), all of them oldest first for an export, and the people and kinds that
 * appear in it. A trail is one hash chain: a client's (its id) or the firm's own (the firm's id).
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AuditEntriesTable } from '../../server/db/platform-tables.js';
import type { DB } from '../../server/db/schema.js';
import { fromJson, isId } from '../../server/db/conventions.js';
import { afterKeys, decodeCursor, pageOf } from '../../server/db/keyset.js';
import { invalid, type ErrorDetail } from '../../server/errors.js';
import { addDays, dayStartIn, isTimeZone } from '../../shared/dates.js';
import { sayOfField } from '../../shared/validation.js';
import { SYSTEM_ACTOR, type AuditEntryOut, type AuditFacetsOut, type AuditFilters, type AuditPageOut, type AuditPersonOut } from './schema.js';

/** A trail: the chain's id, and the client whose members may be chosen (none for the firm's). */
export interface Trail {
  db: Kysely<DB>;
  chainId: string;
  /** The firm the chain belongs to (its users are the firm trail's people). */
  firmId: string;
  /** Set for a client's trail: its members are people of it even before they change anything. */
  clientId: string | null;
}

/** Filters checked and turned into what the query compares. */
export interface TrailFilters {
  /** Entries at or after this instant (stored form). */
  atFrom?: string;
  /** Entries before this instant. */
  atBefore?: string;
  /** undefined: anyone; null: Triad itself; else a user id. */
  actorId?: string | null;
  entityType?: string;
  entityId?: string;
  action?: string;
}

export function presentAuditEntry(e: AuditEntriesTable): AuditEntryOut {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor_label,
    actorId: e.actor_id,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: fromJson<unknown>(e.before_json, null),
    after: fromJson<unknown>(e.after_json, null),
    hash: e.hash,
  };
}

/** Is this user a person of the trail: one who made entries in it, or (a client's) a member, or (the firm's) a user? */
async function isPersonOf(trail: Trail, userId: string): Promise<boolean> {
  const made = await trail.db.selectFrom('audit_entries').select('seq').where('client_id', '=', trail.chainId).where('actor_id', '=', userId).limit(1).executeTakeFirst();
  if (made) return true;
  if (trail.clientId) {
    return (await trail.db.selectFrom('memberships').select('user_id').where('client_id', '=', trail.clientId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
  }
  return (await trail.db.selectFrom('users').select('id').where('firm_id', '=', trail.firmId).where('id', '=', userId).executeTakeFirst()) !== undefined;
}

/**
 * Checks the filters and says, all at once, what is wrong with them (400 naming each field
 * under `where`): a day that is not one, a `to` before `from`, a time zone that does not exist,
 * a record id without its kind, a person who is not one of this trail. Nothing is swapped or
 * widened: what is wrong is refused.
 */
export async function resolveFilters(trail: Trail, f: AuditFilters, where = 'querystring'): Promise<TrailFilters> {
  const problems: ErrorDetail[] = [];
  const timeZone = f.timeZone ?? 'UTC';
  if (f.timeZone !== undefined && !isTimeZone(f.timeZone)) problems.push({ path: `${where}.timeZone`, message: `is not a time zone: give an IANA name such as Europe/Berlin or UTC` });
  if (f.from && f.to && f.to < f.from) problems.push({ path: `${where}.to`, message: `must not be before from (${f.from})` });
  if (f.entityId !== undefined && f.entityType === undefined) problems.push({ path: `${where}.entityId`, message: 'must come with entityType: a record is its kind and its id' });
  let actorId: string | null | undefined;
  if (f.actor === SYSTEM_ACTOR) actorId = null;
  else if (f.actor !== undefined) {
    if (!isId(f.actor) || !(await isPersonOf(trail, f.actor))) problems.push({ path: `${where}.actor`, message: `is not a person of this trail: give the user id of someone who made entries in it${trail.clientId ? ' or is a member' : ''}, or "${SYSTEM_ACTOR}"` });
    else actorId = f.actor;
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length - 1;
    throw invalid(`${sayOfField(first.path, first.message)}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}.`, problems);
  }
  const out: TrailFilters = {};
  if (f.from) out.atFrom = dayStartIn(f.from, timeZone);
  if (f.to) out.atBefore = dayStartIn(addDays(f.to, 1), timeZone);
  if (actorId !== undefined) out.actorId = actorId;
  if (f.entityType !== undefined) out.entityType = f.entityType;
  if (f.entityId !== undefined) out.entityId = f.entityId;
  if (f.action !== undefined) out.action = f.action;
  return out;
}

/** The trail's entries through the filters (no order, no limit). */
function filtered(trail: Trail, f: TrailFilters): SelectQueryBuilder<DB, 'audit_entries', object> {
  let q = trail.db.selectFrom('audit_entries').where('client_id', '=', trail.chainId);
  if (f.atFrom !== undefined) q = q.where('at', '>=', f.atFrom);
  if (f.atBefore !== undefined) q = q.where('at', '<', f.atBefore);
  if (f.actorId === null) q = q.where('actor_id', 'is', null);
  else if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  if (f.entityType !== undefined) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  return q;
}

/** The one order of a trail's pages: newest first. */
const SORT = 'seq';

/** A page of the trail, newest first, after the cursor; the count of every match when asked. */
export async function listTrail(trail: Trail, f: TrailFilters, page: { limit: number; cursor?: string | undefined; total?: 'true' | 'false' | undefined }): Promise<AuditPageOut> {
  let q = filtered(trail, f).selectAll();
  if (page.cursor !== undefined) {
    const [seq] = decodeCursor(page.cursor, SORT, ['number']);
    q = q.where(afterKeys([sql.ref('seq')], [seq!], true));
  }
  const rows = await q.orderBy('seq', 'desc').limit(page.limit + 1).execute();
  const { rows: entries, nextCursor } = pageOf(rows, page.limit, SORT, (r) => [r.seq]);
  let total: number | null = null;
  if (page.total === 'true') {
    const counted = await filtered(trail, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  return { entries: entries.map(presentAuditEntry), nextCursor, total };
}

/** Every entry through the filters, oldest first, read a thousand at a time (a trail of any length in little memory). */
export async function* trailEntries(trail: Trail, f: TrailFilters): AsyncGenerator<AuditEntryOut> {
  let after = 0;
  for (;;) {
    const page = await filtered(trail, f).selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    for (const e of page) yield presentAuditEntry(e);
    if (page.length < 1000) return;
    after = page.at(-1)!.seq;
  }
}

/** What Triad itself is called among the people of a trail. */
const SYSTEM_NAME = 'Triad itself';

function splitLabel(label: string): { name: string; email: string | null } {
  const m = /^(.*?)\s*<([^>]+)>$/.exec(label);
  return m ? { name: m[1] || m[2]!, email: m[2]! } : { name: label, email: null };
}

/** Who appears in the trail (and a client's members who do not yet), and the kinds and actions it holds. */
export async function trailFacets(trail: Trail): Promise<AuditFacetsOut> {
  const { db, chainId } = trail;
  const byActor = await db
    .selectFrom('audit_entries')
    .select((eb) => ['actor_id', eb.fn.countAll<number | string>().as('n'), eb.fn.max('seq').as('last')])
    .where('client_id', '=', chainId)
    .groupBy('actor_id')
    .execute();
  const userIds = byActor.flatMap((r) => (r.actor_id ? [r.actor_id] : []));
  const members = trail.clientId
    ? await db.selectFrom('memberships').select('user_id').where('client_id', '=', trail.clientId).execute()
    : [];
  const memberIds = new Set(members.map((m) => m.user_id));
  const ids = [...new Set([...userIds, ...memberIds])];
  const users = ids.length > 0 ? await db.selectFrom('users').select(['id', 'name', 'email']).where('firm_id', '=', trail.firmId).where('id', 'in', ids).execute() : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  // People the firm no longer knows (an imported client's advisors): as the trail last named them.
  const unknownLast = byActor.filter((r) => r.actor_id && !userById.has(r.actor_id)).map((r) => Number(r.last));
  const lastLabels = unknownLast.length > 0
    ? new Map((await db.selectFrom('audit_entries').select(['actor_id', 'actor_label']).where('client_id', '=', chainId).where('seq', 'in', unknownLast).execute()).map((r) => [r.actor_id, r.actor_label]))
    : new Map<string | null, string>();

  const people: AuditPersonOut[] = [];
  let system: AuditPersonOut | null = null;
  const counted = new Set<string>();
  for (const r of byActor) {
    const entries = Number(r.n);
    if (r.actor_id === null) {
      system = { actor: SYSTEM_ACTOR, name: SYSTEM_NAME, email: null, entries, member: false };
      continue;
    }
    counted.add(r.actor_id);
    const u = userById.get(r.actor_id);
    const who = u ? { name: u.name, email: u.email } : splitLabel(lastLabels.get(r.actor_id) ?? r.actor_id);
    people.push({ actor: r.actor_id, ...who, entries, member: memberIds.has(r.actor_id) });
  }
  for (const id of memberIds) {
    const u = userById.get(id);
    if (!counted.has(id) && u) people.push({ actor: id, name: u.name, email: u.email, entries: 0, member: true });
  }
  people.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.actor.localeCompare(b.actor));
  if (system) people.push(system);

  const pairs = await db
    .selectFrom('audit_entries')
    .select((eb) => ['entity_type', 'action', eb.fn.countAll<number | string>().as('n')])
    .where('client_id', '=', chainId)
    .groupBy(['entity_type', 'action'])
    .execute();
  const kinds = new Map<string, { entityType: string; entries: number; actions: { action: string; entries: number }[] }>();
  for (const p of pairs) {
    const k = kinds.get(p.entity_type) ?? { entityType: p.entity_type, entries: 0, actions: [] };
    k.entries += Number(p.n);
    k.actions.push({ action: p.action, entries: Number(p.n) });
    kinds.set(p.entity_type, k);
  }
  const sorted = [...kinds.values()].sort((a, b) => a.entityType.localeCompare(b.entityType, 'en'));
  for (const k of sorted) k.actions.sort((a, b) => a.action.localeCompare(b.action, 'en'));
  return { people, kinds: sorted };
}
