import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { setSessionCookies } from '../../server/http/auth.js';
import { ClientOut, listClientsFor, presentClient } from '../clients/clients.js';
import { createSession } from './sessions.js';
import { presentUser, UserOut } from './users.js';

export const MeOut = z.object({
  user: UserOut,
  firm: z.object({ id: z.string(), name: z.string() }),
  clients: z.array(ClientOut),
  csrfToken: z.string().optional().describe('For cookie sessions: send it back in X-CSRF-Token on every change'),
}).meta({ id: 'Me', description: 'The signed-in person, their firm and the clients they may see' });
export type MeOut = z.infer<typeof MeOut>;

/** The signed-in user, their firm and the clients they may see. */
export async function buildMe(ctx: AppContext, userId: string, csrfToken?: string): Promise<MeOut> {
  const db = ctx.database.db;
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const firm = await db.selectFrom('firms').select(['id', 'name']).where('id', '=', user.firm_id).executeTakeFirstOrThrow();
  const clients = await listClientsFor(ctx, user);
  return { user: presentUser(user), firm, clients: clients.map((c) => presentClient(c.client, c.role)), ...(csrfToken ? { csrfToken } : {}) };
}

/** Signs the user in: a new session, its cookies, and what /api/me answers. */
export async function startSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, user: UsersTable): Promise<MeOut> {
  const session = await createSession(ctx, user);
  setSessionCookies(reply, request, session.token, session.csrfToken, ctx.config.sessionHours);
  return buildMe(ctx, user.id, session.csrfToken);
}
