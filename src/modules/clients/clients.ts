import { z } from 'zod';
import type { Kysely } from 'kysely';
import { startChain, appendAudit } from '../audit/chain.js';
import type { Actor, AppContext, ClientInfo } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { fixedQuery } from '../../server/db/fixed-query.js';
import type { DB } from '../../server/db/schema.js';
import type { ClientsTable, MemberRole, UsersTable } from '../../server/db/platform-tables.js';
import { forbidden, notFound } from '../../server/errors.js';
import { effectiveRole } from '../../server/policy.js';
import { fromMinorUnits, isCurrency, toMinorUnits } from '../../shared/money.js';

export const ClientInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  sector: z.string().trim().min(1).max(100).default('Other'),
  employees: z.number().int().min(1).max(10_000_000).default(10),
  annualRevenue: z.number().min(0).max(1e13).default(0).describe('Annual revenue in major units of the currency'),
  currency: z
    .string()
    .default('USD')
    .refine(isCurrency, 'must be an ISO 4217 currency code such as USD or EUR'),
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1).describe('The month (1 = January) the fiscal year starts in'),
}).meta({ examples: [{ name: 'Harbor & Finch LLP', sector: 'Professional services', employees: 85, annualRevenue: 14_000_000, currency: 'USD', fiscalYearStartMonth: 1 }] });
export type ClientInput = z.infer<typeof ClientInput>;

export const ClientPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  sector: z.string().trim().min(1).max(100).optional(),
  employees: z.number().int().min(1).max(10_000_000).optional(),
  annualRevenue: z.number().min(0).max(1e13).optional(),
  fiscalYearStartMonth: z.number().int().min(1).max(12).optional().describe('The month (1 = January) the fiscal year starts in'),
});
export type ClientPatch = z.infer<typeof ClientPatch>;

export const ClientOut = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.string(),
  employees: z.number(),
  annualRevenue: z.number(),
  currency: z.string(),
  fiscalYearStartMonth: z.number().describe('The month (1 = January) the fiscal year starts in'),
  createdAt: z.string(),
  role: z.enum(['advisor', 'executive', 'contributor', 'viewer']).describe('The caller\'s role in this client'),
}).meta({ id: 'Client', description: 'A client company, with the caller\'s role in it' });
export type ClientOut = z.infer<typeof ClientOut>;

export function presentClient(c: ClientsTable, role: MemberRole): ClientOut {
  return {
    id: c.id,
    name: c.name,
    sector: c.sector,
    employees: c.employees,
    annualRevenue: fromMinorUnits(c.annual_revenue, c.currency),
    currency: c.currency,
    fiscalYearStartMonth: c.fiscal_year_start_month,
    createdAt: c.created_at,
    role,
  };
}

export function clientInfo(c: ClientsTable): ClientInfo {
  return { id: c.id, firm_id: c.firm_id, name: c.name, sector: c.sector, employees: c.employees, annual_revenue: c.annual_revenue, currency: c.currency };
}

/** The clients a user may see, with their role in each. */
export async function listClientsFor(app: AppContext, user: UsersTable): Promise<{ client: ClientsTable; role: MemberRole }[]> {
  const db = app.database.db;
  if (user.firm_role === 'admin') {
    const rows = await db.selectFrom('clients').selectAll().where('firm_id', '=', user.firm_id).where('archived_at', 'is', null).orderBy('name').execute();
    return rows.map((client) => ({ client, role: 'advisor' as const }));
  }
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('clients', 'clients.id', 'memberships.client_id')
    .selectAll('clients')
    .select('memberships.role as member_role')
    .where('memberships.user_id', '=', user.id)
    .where('clients.firm_id', '=', user.firm_id)
    .where('clients.archived_at', 'is', null)
    .orderBy('clients.name')
    .execute();
  return rows.map(({ member_role, ...client }) => ({ client, role: member_role }));
}

/**
 * The client and the user's role in it, or null when the user may not see it. Callers answer
 * null with 404, so a client's existence never leaks to a non-member.
 */
/** The client and the caller's membership in one statement, compiled once: every client request starts here. */
const clientAndMembership = fixedQuery((db: Kysely<DB>, slot: (name: 'clientId' | 'firmId' | 'userId') => string) =>
  db
    .selectFrom('clients')
    .selectAll('clients')
    .select((eb) =>
      eb
        .selectFrom('memberships')
        .select('memberships.role')
        .whereRef('memberships.client_id', '=', 'clients.id')
        .where('memberships.user_id', '=', slot('userId'))
        .as('member_role'),
    )
    .where('clients.id', '=', slot('clientId'))
    .where('clients.firm_id', '=', slot('firmId'))
    .where('clients.archived_at', 'is', null),
);

export async function resolveAccess(app: AppContext, user: UsersTable, clientId: string): Promise<{ client: ClientsTable; role: MemberRole } | null> {
  const [row] = await clientAndMembership(app.database.db, { clientId, firmId: user.firm_id, userId: user.id });
  if (!row) return null;
  const { member_role, ...client } = row;
  // A firm admin's role does not come from a membership.
  const membership: MemberRole | null = user.firm_role === 'admin' ? null : (member_role ?? null);
  const role = effectiveRole(user.firm_role, membership);
  return role ? { client, role } : null;
}

/**
 * Creates a client (firm admins and advisors); an advisor who creates one becomes its advisor.
 * The client's audit chain starts with its creation.
 */
export async function createClient(app: AppContext, actor: Actor, input: Omit<ClientInput, 'fiscalYearStartMonth'> & { fiscalYearStartMonth?: number }): Promise<ClientsTable> {
  if (actor.firmRole !== 'admin' && actor.firmRole !== 'advisor') {
    throw forbidden('Only firm admins and advisors can add clients.');
  }
  const now = toTimestamp(app.clock.now());
  const row: ClientsTable = {
    id: newId(),
    firm_id: actor.firmId,
    name: input.name,
    sector: input.sector,
    employees: input.employees,
    annual_revenue: toMinorUnits(input.annualRevenue, input.currency),
    currency: input.currency,
    fiscal_year_start_month: input.fiscalYearStartMonth ?? 1,
    created_at: now,
    updated_at: now,
    archived_at: null,
  };
  await app.database.db.transaction().execute(async (tx) => {
    await tx.insertInto('clients').values(row).execute();
    await startChain(tx, row.id);
    await appendAudit(tx, row.id, actor, { action: 'client.create', entityType: 'client', entityId: row.id, after: presentClient(row, 'advisor') }, app.clock.now());
    if (actor.firmRole === 'advisor' && actor.userId) {
      await tx.insertInto('memberships').values({ client_id: row.id, user_id: actor.userId, role: 'advisor', created_at: now }).execute();
      await appendAudit(tx, row.id, actor, { action: 'member.add', entityType: 'member', entityId: actor.userId, after: { userId: actor.userId, role: 'advisor' } }, app.clock.now());
    }
  });
  return row;
}

export async function getClientRow(app: AppContext, clientId: string): Promise<ClientsTable> {
  const c = await app.database.db.selectFrom('clients').selectAll().where('id', '=', clientId).executeTakeFirst();
  if (!c) throw notFound('Client');
  return c;
}
