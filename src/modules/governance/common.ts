import type { AppContext, ClientScope, Writer } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { fromJson, newId, toDateString, toJson, toTimestamp } from '../../server/db/conventions.js';
import type { MemberRole, UsersTable } from '../../server/db/platform-tables.js';
import type { ClientDb } from '../../server/db/scoped.js';
import { DEFAULT_CHARTER } from './charter-defaults.js';
import { SEATS, type GovSettings, type PersonOut } from './schema.js';
import type { GovSettingsTable } from './tables.js';

// The calendar arithmetic of the estate module (dates as `YYYY-MM-DD`).
export { addDays, addMonths, daysBetween } from '../../shared/dates.js';

export const DEFAULT_SETTINGS: GovSettings = {
  defaultAcceptanceMonths: 6,
  maxAcceptanceMonths: 12,
  materialChangePercent: 25,
  reminderDays: [30, 7],
  concernResponseDays: 10,
};

/** Today in the scope's clock, `YYYY-MM-DD`. */
export function today(scope: { now(): Date }): string {
  return toDateString(scope.now());
}

export function presentSettings(row: GovSettingsTable | undefined): GovSettings {
  if (!row) return { ...DEFAULT_SETTINGS, reminderDays: [...DEFAULT_SETTINGS.reminderDays] };
  return {
    defaultAcceptanceMonths: row.default_acceptance_months,
    maxAcceptanceMonths: row.max_acceptance_months,
    materialChangePercent: row.material_change_percent,
    reminderDays: fromJson<number[]>(row.reminder_days_json, []),
    concernResponseDays: row.concern_response_days,
  };
}

export async function getSettings(db: ClientDb): Promise<GovSettings> {
  return presentSettings(await db.selectFrom('gov_settings').selectAll().executeTakeFirst());
}

/**
 * Makes sure the client's governance records exist: the settings row and the charter seeded
 * from the defaults. Runs once per client (the settings row marks it), in the caller's
 * transaction or its own; concurrent first calls insert once.
 */
export async function ensureGovernance(scope: ClientScope, w?: Writer): Promise<void> {
  if (!w && (await scope.db.selectFrom('gov_settings').select('id').executeTakeFirst())) return;
  const run = async (tx: Writer): Promise<void> => {
    const now = toTimestamp(tx.now());
    const inserted = await tx.db
      .insertInto('gov_settings', {
        id: newId(),
        default_acceptance_months: DEFAULT_SETTINGS.defaultAcceptanceMonths,
        max_acceptance_months: DEFAULT_SETTINGS.maxAcceptanceMonths,
        material_change_percent: DEFAULT_SETTINGS.materialChangePercent,
        reminder_days_json: toJson(DEFAULT_SETTINGS.reminderDays) ?? '[]',
        concern_response_days: DEFAULT_SETTINGS.concernResponseDays,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    const rows = SEATS.flatMap((seat) =>
      DEFAULT_CHARTER[seat].map((r, i) => ({
        id: newId(),
        seat,
        key: r.key,
        title: r.title,
        description: r.description,
        covered_by: seat,
        position: i,
        created_at: now,
        updated_at: now,
      })),
    );
    await tx.db.insertInto('gov_responsibilities', rows).execute();
    await tx.audit({
      action: 'charter.seed',
      entityType: 'charter',
      entityId: null,
      after: { settings: DEFAULT_SETTINGS, responsibilities: rows.map((r) => ({ seat: r.seat, title: r.title, coveredBy: r.covered_by })) },
    });
  };
  if (w) await run(w);
  else await scope.write(run);
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: MemberRole | null;
  firmRole: 'admin' | 'advisor' | 'member';
}

/**
 * People by id, with their role in the client (null when no longer a member; a firm admin
 * counts as an advisor, as everywhere in Triad).
 */
export async function peopleById(scope: ClientScope, ids: readonly (string | null | undefined)[]): Promise<Map<string, Member>> {
  const wanted = [...new Set(ids.filter((i): i is string => typeof i === 'string'))];
  if (wanted.length === 0) return new Map();
  const users = await scope.app.database.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'firm_role'])
    .where('firm_id', '=', scope.client.firm_id)
    .where('id', 'in', wanted)
    .execute();
  const roles = await scope.db.selectFrom('memberships').select(['user_id', 'role']).where('user_id', 'in', wanted).execute();
  return membersOf(users, roles);
}

type UserRow = Pick<UsersTable, 'id' | 'name' | 'email' | 'firm_role'>;

function membersOf(users: readonly UserRow[], memberships: readonly { user_id: string; role: MemberRole }[]): Map<string, Member> {
  const roles = new Map(memberships.map((m) => [m.user_id, m.role]));
  const out = new Map<string, Member>();
  for (const u of users) {
    const role = u.firm_role === 'admin' ? 'advisor' : (roles.get(u.id) ?? null);
    out.set(u.id, { userId: u.id, name: u.name, email: u.email, role, firmRole: u.firm_role });
  }
  return out;
}

/**
 * peopleById for every client of `set` at once (`ids` by client), in two statements: the people
 * of the firm `firmId` (the clients'), each with their role in the client they are asked for.
 */
export async function peopleByIdFor(app: AppContext, set: ClientSetDb, firmId: string, ids: ReadonlyMap<string, readonly (string | null | undefined)[]>): Promise<Map<string, Map<string, Member>>> {
  const wanted = [...new Set([...ids.values()].flat().filter((i): i is string => typeof i === 'string'))];
  const out = new Map<string, Map<string, Member>>();
  const [users, memberships] =
    wanted.length === 0
      ? [[], []]
      : await Promise.all([
          app.database.db.selectFrom('users').select(['id', 'name', 'email', 'firm_role']).where('firm_id', '=', firmId).where('id', 'in', wanted).execute(),
          set.selectFrom('memberships').select(['client_id', 'user_id', 'role']).where('user_id', 'in', wanted).execute(),
        ]);
  const membershipsOf = byClient(set.clientIds, memberships);
  for (const [clientId, asked] of ids) {
    const mine = new Set(asked.filter((i): i is string => typeof i === 'string'));
    out.set(clientId, membersOf(users.filter((u) => mine.has(u.id)), membershipsOf.get(clientId) ?? []));
  }
  return out;
}

export function personOut(m: Member): PersonOut {
  return { userId: m.userId, name: m.name, email: m.email, role: m.role, kind: m.firmRole === 'member' ? 'in-house' : 'advisor' };
}

export function personRef(people: Map<string, Member>, id: string | null | undefined): { userId: string; name: string } | null {
  if (!id) return null;
  const p = people.get(id);
  return { userId: id, name: p?.name ?? 'a former user' };
}

/** The actor's display name for records that keep it (decided by, requested by). */
export function actorName(scope: ClientScope): string {
  return scope.actor.label.replace(/\s*<[^>]*>$/, '');
}
