import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClientScope, type AppContext } from '../context.js';
import { notFound } from '../errors.js';
import type { Permission } from '../policy.js';
import { clientInfo, resolveAccess } from '../../modules/clients/clients.js';
import { authOf } from './auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for every route under /api/clients/:clientId before its handler runs. */
    scope: ClientScope;
  }
  interface FastifyContextConfig {
    /** What the caller's role must allow in the client (checked before the body is read). */
    permission?: Permission;
  }
}

/** The path parameter every client route has. */
export const ClientParams = z.strictObject({ clientId: z.string().max(64) });

/**
 * Hooks for the client-scoped part of the API, registered once on the encapsulated context
 * that holds every client route: the scope is resolved before anything else about the request
 * is looked at, so a non-member gets the same 404 for any path, body or id.
 */
export function installClientScope(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('scope', null as unknown as ClientScope);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const auth = authOf(request);
    const { clientId } = request.params as { clientId?: string };
    const access = clientId ? await resolveAccess(ctx, auth.user, clientId) : null;
    if (!access) throw notFound('Client');
    request.scope = new ClientScope(ctx, clientInfo(access.client), auth.actor, access.role, request.language);
    const permission = request.routeOptions.config.permission;
    if (permission) request.scope.require(permission);
  });
}
