import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { permissionsOf, POLICY, type Permission } from '../../server/policy.js';
import { ClientInput, ClientOut, ClientPatch, createClient, listClientsFor, presentClient } from './clients.js';
import { addMember, changeMemberRole, listMembers, MemberInput, MemberOut, MEMBER_ROLES, removeMember, updateClient } from './members.js';

const Permissions = z.record(z.string(), z.boolean()).describe('What the caller may do in this client, by permission');
const ClientDetail = z.object({ client: ClientOut, permissions: Permissions });
const UserParams = z.strictObject({ clientId: z.string(), userId: z.string().max(64) });

export function clientRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/clients', {
    schema: { tags: ['clients'], summary: 'The clients the caller may see, with their role in each', response: { 200: z.object({ clients: z.array(ClientOut) }) } },
  }, async (request) => {
    const auth = authOf(request);
    const rows = await listClientsFor(ctx, auth.user);
    return { clients: rows.map((r) => presentClient(r.client, r.role)) };
  });

  app.post('/api/clients', {
    schema: { tags: ['clients'], summary: 'Add a client (firm admins and advisors)', body: ClientInput, response: { 201: ClientOut } },
  }, async (request, reply) => {
    const auth = authOf(request);
    const row = await createClient(ctx, auth.actor, request.body);
    return reply.code(201).send(presentClient(row, 'advisor'));
  });
}

export function clientScopedRoutes(app: ZodApp): void {
  app.get('', {
    config: { permission: 'client.read' },
    schema: { tags: ['clients'], summary: 'One client, with what the caller may do in it', response: { 200: ClientDetail } },
  }, async (request) => {
    const { scope } = request;
    const row = await scope.app.database.db.selectFrom('clients').selectAll().where('id', '=', scope.clientId).executeTakeFirstOrThrow();
    return { client: presentClient(row, scope.role), permissions: permissionsOf(scope.role) };
  });

  app.patch('', {
    config: { permission: 'client.edit' },
    schema: { tags: ['clients'], summary: 'Change the client\'s profile (advisors)', body: ClientPatch, response: { 200: ClientOut } },
  }, async (request) => {
    const row = await updateClient(request.scope, request.body);
    return presentClient(row, request.scope.role);
  });

  app.get('/members', {
    config: { permission: 'members.read' },
    schema: { tags: ['clients'], summary: 'The client\'s members and their roles', response: { 200: z.object({ members: z.array(MemberOut) }) } },
  }, async (request) => ({ members: await listMembers(request.scope) }));

  app.post('/members', {
    config: { permission: 'members.manage' },
    schema: { tags: ['clients'], summary: 'Add a member (a new person needs a name and first password)', body: MemberInput, response: { 201: MemberOut } },
  }, async (request, reply) => reply.code(201).send(await addMember(request.scope, request.body)));

  app.patch('/members/:userId', {
    config: { permission: 'members.manage' },
    schema: { tags: ['clients'], summary: 'Change a member\'s role', params: UserParams, body: z.strictObject({ role: z.enum(MEMBER_ROLES) }), response: { 200: MemberOut } },
  }, async (request) => changeMemberRole(request.scope, request.params.userId, request.body.role));

  app.delete('/members/:userId', {
    config: { permission: 'members.manage' },
    schema: { tags: ['clients'], summary: 'Remove a member from the client', params: UserParams, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await removeMember(request.scope, request.params.userId);
    return { ok: true as const };
  });
}

/** The permission names, for documentation. */
export const PERMISSIONS = Object.keys(POLICY) as Permission[];
