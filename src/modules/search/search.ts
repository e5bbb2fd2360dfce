/**
 * The global search: records, people and pages of the clients a person may see, found by part
 * of their name. Which clients that is, and the person's role in each, is decided by
 * `listClientsFor` (what GET /api/clients lists); each kind is then read through a ClientSetDb
 * built for the clients whose role may read that kind, so one statement per kind covers every
 * client, and no statement can reach a client outside the set. Searching changes nothing and
 * is not written to the audit trail.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../server/context.js';
import { ClientSetDb } from '../../server/db/client-set.js';
import type { ClientTable } from '../../server/db/schema.js';
import type { ClientsTable, MemberRole, UsersTable } from '../../server/db/platform-tables.js';
import { can, type Permission } from '../../server/policy.js';
import { listClientsFor } from '../clients/clients.js';
import { WORKSPACE_PAGES } from './pages.js';
import { SEARCH_KINDS, type SearchKind, type SearchQuery, type SearchResult } from './schema.js';

/** The query lower-cased, and as LIKE patterns whose `%`, `_` and `!` are literal (`escape '!'`). */
export interface Needle {
  text: string;
  prefix: string;
  contains: string;
}

export function needleOf(q: string): Needle {
  const text = q.toLowerCase();
  const escaped = text.replace(/[!%_]/g, (c) => `!${c}`);
  return { text, prefix: `${escaped}%`, contains: `%${escaped}%` };
}

/** 0: a column equals the query; 1: one starts with it; 2: one contains it (case aside). */
export function rankOf(values: readonly (string | null)[], n: Needle): number | null {
  const lower = values.filter((v): v is string => v !== null).map((v) => v.toLowerCase());
  if (lower.some((v) => v === n.text)) return 0;
  if (lower.some((v) => v.startsWith(n.text))) return 1;
  if (lower.some((v) => v.includes(n.text))) return 2;
  return null;
}

function anyLike(columns: readonly string[], pattern: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '!'`), sql` or `)})`;
}

function anyEqual(columns: readonly string[], text: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(columns.map((c) => sql`lower(${sql.ref(c)}) = ${text}`), sql` or `)})`;
}

/** The same ranking as rankOf, in SQL, over the columns a kind is found by. */
function rankSql(columns: readonly string[], n: Needle): RawBuilder<number> {
  return sql<number>`case when ${anyEqual(columns, n.text)} then 0 when ${anyLike(columns, n.prefix)} then 1 else 2 end`;
}

interface Found extends SearchResult {
  rank: number;
}

interface Visible {
  client: ClientsTable;
  role: MemberRole;
}

/** The results of a search by `user`: grouped by kind, best match first, `limit` of each kind. */
export async function search(app: AppContext, user: UsersTable, query: SearchQuery): Promise<SearchResult[]> {
  const visible = await listClientsFor(app, user);
  const n = needleOf(query.q);
  const limit = query.limit;
  const nameOf = new Map(visible.map((v) => [v.client.id, v.client.name]));
  /** The clients whose role may read a kind, as a set every statement is confined to. */
  const setFor = (permission: Permission): ClientSetDb | null => {
    const ids = visible.filter((v) => can(v.role, permission)).map((v) => v.client.id);
    return ids.length > 0 ? new ClientSetDb(app.database.db, ids) : null;
  };
  const inClient = (clientId: string): { clientId: string; clientName: string } => ({ clientId, clientName: nameOf.get(clientId) ?? '' });

  const parts = [clientsMatching(visible, n), pagesMatching(visible, n), ...await Promise.all([
    tableKind(setFor('risks.read'), TABLE_KINDS.scenario, n, limit),
    tableKind(setFor('estate.read'), TABLE_KINDS.system, n, limit),
    tableKind(setFor('estate.read'), TABLE_KINDS.service, n, limit),
    tableKind(setFor('estate.read'), TABLE_KINDS.vendor, n, limit),
    tableKind(setFor('estate.read'), TABLE_KINDS.dataset, n, limit),
    tableKind(setFor('governance.read'), TABLE_KINDS.decision, n, limit),
    people(app, user, setFor('members.read'), n, limit),
  ])];
  const found = parts.flat().map((f) => (f.clientId === null ? f : { ...f, ...inClient(f.clientId) }));
  return SEARCH_KINDS.flatMap((kind) => best(found.filter((f) => f.kind === kind), limit)).map(({ rank: _rank, ...r }) => r);
}

/** Best rank first, then by title (case aside), then by client name: the first `limit`. */
function best(found: Found[], limit: number): Found[] {
  const key = (s: string | null): string => (s ?? '').toLowerCase();
  return [...found]
    .sort((a, b) => a.rank - b.rank || compare(key(a.title), key(b.title)) || compare(key(a.clientName), key(b.clientName)) || compare(a.id, b.id))
    .slice(0, limit);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function result(kind: SearchKind, rank: number, r: { id: string; title: string; detail: string | null; clientId: string | null; path: string }): Found {
  return { kind, rank, id: r.id, title: r.title, detail: r.detail, clientId: r.clientId, clientName: null, path: r.path };
}

function clientsMatching(visible: readonly Visible[], n: Needle): Found[] {
  return visible.flatMap(({ client }) => {
    const rank = rankOf([client.name], n);
    return rank === null ? [] : [result('client', rank, { id: client.id, title: client.name, detail: client.sector, clientId: client.id, path: `/clients/${client.id}` })];
  });
}

function pagesMatching(visible: readonly Visible[], n: Needle): Found[] {
  return visible.flatMap(({ client, role }) =>
    WORKSPACE_PAGES.flatMap((page) => {
      if (!can(role, page.permission)) return [];
      const rank = rankOf([page.title, ...page.keywords], n);
      const path = page.path === '' ? `/clients/${client.id}` : `/clients/${client.id}/${page.path}`;
      return rank === null ? [] : [result('page', rank, { id: page.path, title: page.title, detail: null, clientId: client.id, path })];
    }),
  );
}

/** A kind read from one client table: found by the `by` columns, shown by `title` and `detail`. */
interface TableKind {
  kind: SearchKind;
  table: ClientTable;
  by: readonly string[];
  title: string;
  detail: string | null;
  describe?: (detail: string | null) => string | null;
  path: (clientId: string, id: string) => string;
}

const TABLE_KINDS = {
  scenario: { kind: 'scenario', table: 'risk_scenarios', by: ['title', 'ref'], title: 'title', detail: 'ref', path: (c, id) => `/clients/${c}/risks/${id}` },
  system: { kind: 'system', table: 'estate_systems', by: ['name', 'asset_tag'], title: 'name', detail: 'asset_tag', path: (c, id) => `/clients/${c}/estate/systems?system=${encodeURIComponent(id)}` },
  service: { kind: 'service', table: 'estate_services', by: ['name'], title: 'name', detail: 'business_unit', path: (c) => `/clients/${c}/estate` },
  vendor: { kind: 'vendor', table: 'estate_vendors', by: ['name'], title: 'name', detail: 'offering', path: (c, id) => `/clients/${c}/vendors/${id}` },
  dataset: { kind: 'dataset', table: 'estate_datasets', by: ['name'], title: 'name', detail: null, path: (c) => `/clients/${c}/data` },
  decision: { kind: 'decision', table: 'gov_decisions', by: ['title'], title: 'title', detail: 'decide_by', describe: (d) => (d ? `Decide by ${d}` : null), path: (c, id) => `/clients/${c}/governance/decisions/${id}` },
} satisfies Record<string, TableKind>;

/** The best `limit` rows of one kind over the clients of `set`, in one statement. */
async function tableKind(set: ClientSetDb | null, spec: TableKind, n: Needle, limit: number): Promise<Found[]> {
  if (!set) return [];
  const column = (name: string) => sql.ref(`${spec.table}.${name}`);
  const by = spec.by.map((c) => `${spec.table}.${c}`);
  const rows = await set
    .selectFrom(spec.table)
    .select([
      sql<string>`${column('client_id')}`.as('client_id'),
      sql<string>`${column('id')}`.as('id'),
      sql<string>`${column(spec.title)}`.as('title'),
      (spec.detail ? sql<string | null>`${column(spec.detail)}` : sql<null>`null`).as('detail'),
      rankSql(by, n).as('rank'),
    ])
    .where(anyLike(by, n.contains))
    .orderBy('rank')
    .orderBy(sql`lower(${column(spec.title)})`)
    .orderBy(column('id'))
    .limit(limit)
    .execute();
  return rows.map((r) => result(spec.kind, Number(r.rank), { id: r.id, title: r.title, detail: spec.describe ? spec.describe(r.detail) : r.detail, clientId: r.client_id, path: spec.path(r.client_id, r.id) }));
}

const MEMBER_ROLE_WORDS: Record<MemberRole, string> = { advisor: 'Advisor', executive: 'Executive', contributor: 'Contributor', viewer: 'Viewer' };

/**
 * Members of the clients whose members the person may see; for a firm admin also the firm's
 * users (whom GET /api/users lists to them alone), found by name or e-mail address.
 */
async function people(app: AppContext, user: UsersTable, set: ClientSetDb | null, n: Needle, limit: number): Promise<Found[]> {
  const by = ['users.name', 'users.email'];
  const [members, staff] = await Promise.all([
    set
      ? set
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select(['memberships.client_id', 'memberships.role', 'users.id', 'users.name', 'users.email', rankSql(by, n).as('rank')])
          .where(anyLike(by, n.contains))
          .orderBy('rank')
          .orderBy(sql`lower(users.name)`)
          .orderBy('users.id')
          .limit(limit)
          .execute()
      : [],
    user.firm_role === 'admin'
      ? app.database.db
          .selectFrom('users')
          .select(['users.id', 'users.name', 'users.email', rankSql(by, n).as('rank')])
          .where('users.firm_id', '=', user.firm_id)
          .where(anyLike(by, n.contains))
          .orderBy('rank')
          .orderBy(sql`lower(users.name)`)
          .orderBy('users.id')
          .limit(limit)
          .execute()
      : [],
  ]);
  return [
    ...members.map((r) => result('person', Number(r.rank), { id: r.id, title: r.name, detail: `${r.email} · ${MEMBER_ROLE_WORDS[r.role]}`, clientId: r.client_id, path: `/clients/${r.client_id}/members` })),
    ...staff.map((r) => result('person', Number(r.rank), { id: r.id, title: r.name, detail: r.email, clientId: null, path: '/admin/users' })),
  ];
}
