/**
 * A person's calendar feed: the dates that matter across the clients they may see — contract
 * notice deadlines and renewals, risk acceptances' expiry, decisions' decide-by dates,
 * assessments and answers due, vendor reassessments, and initiatives' target quarters — as an
 * iCalendar file (made with `ics`) at a secret URL that calendar apps subscribe to. The dates are
 * read as the person, each module's for the clients whose role may read it (a ClientSetDb of
 * those), so a feed holds only what its owner may read; a revoked or unknown secret answers 404.
 */
import type { EventAttributes } from 'ics';
import type { AppContext } from '../../server/context.js';
import { ClientScope, firmWrite } from '../../server/context.js';
import { clientsThatMay } from '../../server/db/client-set.js';
import { newId, toDateString, toTimestamp } from '../../server/db/conventions.js';
import { AppError } from '../../server/errors.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import type { Permission } from '../../server/policy.js';
import { addDays, addMonths } from '../../shared/dates.js';
import { actorOf } from '../accounts/users.js';
import { hashSecret, newSecret } from '../accounts/secrets.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import type { CalendarFeedsTable } from './tables.js';

/** How far back the feed reaches (dates before it are history). */
const PAST_DAYS = 90;

export interface CalendarItem {
  uid: string;
  date: string;
  title: string;
  description: string;
  category: 'contract' | 'acceptance' | 'decision' | 'assessment' | 'initiative';
}

/** The last day of a quarter written `2027Q1`. */
function quarterEnd(q: string): string | null {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) return null;
  const first = `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return addDays(addMonths(first, 3), -1);
}

/**
 * The person's dates across every client they may see, by date. Each module's dates are read once
 * for all the clients whose role may read that module (each module's read permission decides),
 * so a feed costs the same few statements however many clients its owner has.
 */
export async function calendarItems(app: AppContext, user: UsersTable): Promise<CalendarItem[]> {
  const actor = actorOf(user);
  const from = addDays(toDateString(app.clock.now()), -PAST_DAYS);
  const scopes = (await listClientsFor(app, user)).map(({ client, role }) => new ClientScope(app, clientInfo(client), actor, role));
  /** The clients whose role may read `permission`, as one set, and their names. */
  const reading = (permission: Permission) => {
    const { set, scopes: may } = clientsThatMay(app.database.db, scopes, permission);
    return { set, name: new Map([...may].map(([id, s]) => [id, s.client.name])) };
  };
  const estate = reading('estate.read');
  const governance = reading('governance.read');
  const controls = reading('controls.read');
  const roadmap = reading('roadmap.read');
  const [contracts, vendors, acceptances, decisions, assessments, initiatives] = await Promise.all([
    estate.set
      .selectFrom('estate_contracts')
      .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
      .select(['estate_contracts.client_id', 'estate_contracts.id', 'estate_contracts.reference', 'estate_contracts.renewal_date', 'estate_contracts.notice_days', 'estate_contracts.auto_renew', 'estate_vendors.name as vendor'])
      .where('estate_contracts.renewal_date', 'is not', null)
      .where('estate_contracts.renewal_date', '>=', from)
      .execute(),
    estate.set
      .selectFrom('estate_assessments')
      .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_assessments.client_id').onRef('estate_vendors.id', '=', 'estate_assessments.vendor_id'))
      .select(['estate_assessments.client_id', 'estate_assessments.id', 'estate_assessments.vendor_id', 'estate_assessments.assessed_on', 'estate_assessments.next_due', 'estate_vendors.name as vendor'])
      .where('estate_assessments.next_due', 'is not', null)
      .orderBy('estate_assessments.assessed_on', 'desc')
      .execute(),
    governance.set.selectFrom('gov_acceptances').select(['client_id', 'id', 'title', 'expires_on']).where('status', '=', 'approved').where('expires_on', '>=', from).execute(),
    governance.set.selectFrom('gov_decisions').select(['client_id', 'id', 'title', 'decide_by']).where('status', '=', 'open').where('decide_by', 'is not', null).where('decide_by', '>=', from).execute(),
    controls.set.selectFrom('ctl_assessments').select(['client_id', 'id', 'title', 'due_on']).where('status', '=', 'in_progress').where('due_on', 'is not', null).where('due_on', '>=', from).execute(),
    roadmap.set.selectFrom('roadmap_initiatives').select(['client_id', 'id', 'title', 'target_quarter']).where('status', 'not in', ['done', 'dropped']).execute(),
  ]);
  const out: CalendarItem[] = [];
  for (const k of contracts) {
    const c = estate.name.get(k.client_id)!;
    const renews = k.renewal_date!;
    const what = `${k.vendor} ${k.reference}`;
    out.push({ uid: `contract-renewal-${k.id}`, date: renews, title: `${k.auto_renew ? 'Renews' : 'Ends'}: ${what} (${c})`, description: `The contract ${what} of ${c} ${k.auto_renew ? 'renews automatically' : 'ends'} on ${renews}.`, category: 'contract' });
    if (k.notice_days > 0) {
      const notice = addDays(renews, -k.notice_days);
      out.push({ uid: `contract-notice-${k.id}`, date: notice, title: `Notice deadline: ${what} (${c})`, description: `Last day to give notice on ${what} of ${c} (${k.notice_days} days before it ${k.auto_renew ? 'renews' : 'ends'} on ${renews}).`, category: 'contract' });
    }
  }
  const seen = new Set<string>();
  for (const a of vendors) {
    // The latest assessment of a vendor says when the next is due.
    const vendor = `${a.client_id}:${a.vendor_id}`;
    if (seen.has(vendor)) continue;
    seen.add(vendor);
    const c = estate.name.get(a.client_id)!;
    if (a.next_due! >= from) out.push({ uid: `vendor-assessment-${a.id}`, date: a.next_due!, title: `Vendor assessment due: ${a.vendor} (${c})`, description: `${a.vendor} was last assessed on ${a.assessed_on}; the next assessment is due.`, category: 'assessment' });
  }
  for (const a of acceptances) {
    const c = governance.name.get(a.client_id)!;
    out.push({ uid: `acceptance-${a.id}`, date: a.expires_on, title: `Risk acceptance expires: ${a.title} (${c})`, description: `The acceptance "${a.title}" of ${c} no longer holds from ${a.expires_on}; renew it or treat the risk.`, category: 'acceptance' });
  }
  for (const d of decisions) {
    const c = governance.name.get(d.client_id)!;
    out.push({ uid: `decision-${d.id}`, date: d.decide_by!, title: `Decide by: ${d.title} (${c})`, description: `The decision "${d.title}" of ${c} is to be taken by ${d.decide_by!}.`, category: 'decision' });
  }
  for (const a of assessments) {
    const c = controls.name.get(a.client_id)!;
    out.push({ uid: `assessment-${a.id}`, date: a.due_on!, title: `Assessment due: ${a.title} (${c})`, description: `The assessment "${a.title}" of ${c} is due on ${a.due_on!}.`, category: 'assessment' });
  }
  for (const i of initiatives) {
    const c = roadmap.name.get(i.client_id)!;
    const end = quarterEnd(i.target_quarter);
    if (end && end >= from) out.push({ uid: `initiative-${i.id}`, date: end, title: `Target quarter ends: ${i.title} (${c})`, description: `The initiative "${i.title}" of ${c} is planned for ${i.target_quarter}.`, category: 'initiative' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

const parts = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];

/** The items as an iCalendar file of all-day events (ics is loaded with the first feed read). */
export async function toIcs(items: readonly CalendarItem[], name: string): Promise<string> {
  const { createEvents } = await import('ics');
  const events: EventAttributes[] = items.map((i) => ({
    uid: `${i.uid}@triad`,
    start: parts(i.date),
    end: parts(addDays(i.date, 1)),
    title: i.title,
    description: i.description,
    categories: [i.category],
    calName: name,
    productId: 'triad/calendar',
  }));
  const { error, value } = createEvents(events, { calName: name, productId: 'triad/calendar' });
  if (error || !value) throw error ?? new Error('the calendar could not be written');
  return value;
}

// ---- Feeds: secret URLs, made and revoked by their owner

export interface FeedOut {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function presentFeed(f: CalendarFeedsTable): FeedOut {
  return { id: f.id, name: f.name, prefix: f.token_prefix, createdAt: f.created_at, lastUsedAt: f.last_used_at, revokedAt: f.revoked_at };
}

export async function listFeeds(app: AppContext, user: UsersTable): Promise<CalendarFeedsTable[]> {
  return app.database.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', user.id).orderBy('created_at', 'desc').execute();
}

/** A new feed: its secret (shown once; the URL holds it) and its record. */
export async function createFeed(app: AppContext, user: UsersTable, name: string): Promise<{ secret: string; feed: CalendarFeedsTable }> {
  const secret = `cal_${newSecret()}`;
  const feed: CalendarFeedsTable = { id: newId(), firm_id: user.firm_id, user_id: user.id, name, token_hash: hashSecret(secret), token_prefix: secret.slice(0, 10), created_at: toTimestamp(app.clock.now()), last_used_at: null, revoked_at: null };
  await firmWrite(app, actorOf(user), async (tx, audit) => {
    await tx.insertInto('calendar_feeds').values(feed).execute();
    await audit({ action: 'calendar-feed.create', entityType: 'calendar-feed', entityId: feed.id, after: { name, prefix: feed.token_prefix } });
  });
  return { secret, feed };
}

export async function revokeFeed(app: AppContext, user: UsersTable, id: string): Promise<CalendarFeedsTable> {
  return firmWrite(app, actorOf(user), async (tx, audit) => {
    const feed = await tx.selectFrom('calendar_feeds').selectAll().where('id', '=', id).where('user_id', '=', user.id).executeTakeFirst();
    if (!feed) throw new AppError('NOT_FOUND', 'Calendar feed not found');
    if (feed.revoked_at) return feed;
    const revoked = toTimestamp(app.clock.now());
    await tx.updateTable('calendar_feeds').set({ revoked_at: revoked }).where('id', '=', id).execute();
    await audit({ action: 'calendar-feed.revoke', entityType: 'calendar-feed', entityId: id, before: { name: feed.name, prefix: feed.token_prefix } });
    return { ...feed, revoked_at: revoked };
  });
}

/** The calendar of a feed's secret, as its owner may see it now; null for a secret that is unknown, revoked or whose owner is disabled. */
export async function feedCalendar(app: AppContext, secret: string): Promise<string | null> {
  const db = app.database.db;
  const feed = await db.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', hashSecret(secret)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!feed) return null;
  const user = await db.selectFrom('users').selectAll().where('id', '=', feed.user_id).executeTakeFirst();
  if (!user || user.disabled_at) return null;
  await db.updateTable('calendar_feeds').set({ last_used_at: toTimestamp(app.clock.now()) }).where('id', '=', feed.id).execute();
  return await toIcs(await calendarItems(app, user), `Triad: ${feed.name}`);
}
