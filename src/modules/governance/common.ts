import type { ClientScope, Writer } from '../../server/context.js';
import { fromJson, newId, toDateString, toJson, toTimestamp } from '../../server/db/conventions.js';
import type { MemberRole } from '../../server/db/platform-tables.js';
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
  const out = new Map<string, Member>();
  if (wanted.length === 0) return out;
  const users = await scope.app.database.db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'firm_role'])
    .where('firm_id', '=', scope.client.firm_id)
    .where('id', 'in', wanted)
    .execute();
  const roles = new Map(
    (await scope.db.selectFrom('memberships').select(['user_id', 'role']).where('user_id', 'in', wanted).execute()).map((m) => [m.user_id, m.role]),
  );
  for (const u of users) {
    const role = u.firm_role === 'admin' ? 'advisor' : (roles.get(u.id) ?? null);
    out.set(u.id, { userId: u.id, name: u.name, email: u.email, role, firmRole: u.firm_role });
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
