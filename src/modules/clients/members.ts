import { z } from 'zod';
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import type { ClientsTable, MemberRole, UsersTable } from '../../server/db/platform-tables.js';
import { conflict, invalid, notFound } from '../../server/errors.js';
import { hashPassword } from '../accounts/passwords.js';
import { passwordProblem } from '../accounts/strength.js';
import { findUserByEmail, normaliseEmail } from '../accounts/users.js';
import { toMinorUnits } from '../../shared/money.js';
import { presentClient, type ClientPatch } from './clients.js';

export const MEMBER_ROLES = ['advisor', 'executive', 'contributor', 'viewer'] as const satisfies readonly MemberRole[];

export const MemberOut = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  firmRole: z.enum(['admin', 'advisor', 'member']),
  since: z.string(),
}).meta({ id: 'Member', description: 'A person\'s role in a client' });
export type MemberOut = z.infer<typeof MemberOut>;

export const MemberInput = z.strictObject({
  email: z.string().trim().email(),
  role: z.enum(MEMBER_ROLES),
  name: z.string().trim().min(1).max(200).optional().describe('For a person new to Triad: their name'),
  password: z.string().optional().describe('For a person new to Triad: their first password'),
});
export type MemberInput = z.infer<typeof MemberInput>;

export async function listMembers(scope: ClientScope): Promise<MemberOut[]> {
  const rows = await scope.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.firm_role', 'memberships.role', 'memberships.created_at'])
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: r.role, firmRole: r.firm_role, since: r.created_at }));
}

/**
 * Adds a person to the client. An existing user of the firm is found by e-mail; someone new
 * needs a name and a first password and becomes a client user (no firm role).
 */
export async function addMember(scope: ClientScope, input: MemberInput): Promise<MemberOut> {
  scope.require('members.manage');
  const email = normaliseEmail(input.email);
  let user = await findUserByEmail(scope.app, email);
  if (user && user.firm_id !== scope.client.firm_id) user = undefined;
  let newUser: UsersTable | null = null;
  if (!user) {
    if (!input.name || !input.password) {
      throw invalid('No user has this e-mail; give a name and a first password to create one.', [
        ...(input.name ? [] : [{ path: 'name', message: 'required for a new user' }]),
        ...(input.password ? [] : [{ path: 'password', message: 'required for a new user' }]),
      ]);
    }
    const problem = await passwordProblem(input.password, { name: input.name, email });
    if (problem) throw invalid('The password is too easy to guess.', [{ path: 'password', message: problem }]);
    const now = toTimestamp(scope.now());
    newUser = {
      id: newId(),
      firm_id: scope.client.firm_id,
      email,
      name: input.name,
      password_hash: await hashPassword(input.password),
      firm_role: 'member',
      created_at: now,
      updated_at: now,
      disabled_at: null,
    };
    user = newUser;
  }
  const target = user;
  const existing = await scope.db.selectFrom('memberships').select('role').where('user_id', '=', target.id).executeTakeFirst();
  if (existing) throw conflict(`${target.email} is already a member (${existing.role}).`);
  const since = toTimestamp(scope.now());
  await scope.write(async (w) => {
    if (newUser) {
      await w.tx.insertInto('users').values(newUser).execute();
      await w.audit({ action: 'user.create', entityType: 'user', entityId: newUser.id, after: { email: newUser.email, name: newUser.name, firmRole: 'member' } });
    }
    await w.db.insertInto('memberships', { user_id: target.id, role: input.role, created_at: since }).execute();
    await w.audit({ action: 'member.add', entityType: 'member', entityId: target.id, after: { email: target.email, role: input.role } });
  });
  return { userId: target.id, email: target.email, name: target.name, role: input.role, firmRole: target.firm_role, since };
}

export async function changeMemberRole(scope: ClientScope, userId: string, role: MemberRole): Promise<MemberOut> {
  scope.require('members.manage');
  const members = await listMembers(scope);
  const m = members.find((x) => x.userId === userId);
  if (!m) throw notFound('Member');
  if (m.role === 'advisor' && role !== 'advisor' && members.filter((x) => x.role === 'advisor').length === 1 && m.firmRole !== 'admin') {
    throw conflict('A client keeps at least one advisor; add another advisor first.');
  }
  await scope.write(async (w) => {
    await w.db.updateTable('memberships').set({ role }).where('user_id', '=', userId).execute();
    await w.audit({ action: 'member.update', entityType: 'member', entityId: userId, before: { role: m.role }, after: { role } });
  });
  return { ...m, role };
}

export async function removeMember(scope: ClientScope, userId: string): Promise<void> {
  scope.require('members.manage');
  const members = await listMembers(scope);
  const m = members.find((x) => x.userId === userId);
  if (!m) throw notFound('Member');
  await scope.write(async (w) => {
    await w.db.deleteFrom('memberships').where('user_id', '=', userId).execute();
    await w.audit({ action: 'member.remove', entityType: 'member', entityId: userId, before: { email: m.email, role: m.role } });
  });
}

/** Changes the client's profile (advisors). */
export async function updateClient(scope: ClientScope, patch: ClientPatch): Promise<ClientsTable> {
  scope.require('client.edit');
  const db = scope.app.database.db;
  const before = await db.selectFrom('clients').selectAll().where('id', '=', scope.clientId).executeTakeFirstOrThrow();
  const after: ClientsTable = {
    ...before,
    name: patch.name ?? before.name,
    sector: patch.sector ?? before.sector,
    employees: patch.employees ?? before.employees,
    annual_revenue: patch.annualRevenue === undefined ? before.annual_revenue : toMinorUnits(patch.annualRevenue, before.currency),
    fiscal_year_start_month: patch.fiscalYearStartMonth ?? before.fiscal_year_start_month,
    updated_at: toTimestamp(scope.now()),
  };
  await scope.write(async (w) => {
    await w.tx
      .updateTable('clients')
      .set({ name: after.name, sector: after.sector, employees: after.employees, annual_revenue: after.annual_revenue, fiscal_year_start_month: after.fiscal_year_start_month, updated_at: after.updated_at })
      .where('id', '=', scope.clientId)
      .execute();
    await w.audit({ action: 'client.update', entityType: 'client', entityId: scope.clientId, before: presentClient(before, scope.role), after: presentClient(after, scope.role) });
  });
  return after;
}

