import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import { sayingError } from '../errors.js';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a route of the API is a change that takes no input in its body: an action on the
 * record its path names (delete, close, submit, set up two-step sign-in…). Routes that read a
 * body of their own (the imports, the client transfer, the evidence upload) say so with
 * `consumes` and are not.
 */
export function takesNoBody(route: RouteOptions): boolean {
  const schema = route.schema as { body?: unknown; consumes?: string[] } | undefined;
  if (!route.url.startsWith('/api/') || !schema || schema.body !== undefined || schema.consumes) return false;
  return [route.method].flat().some((m) => CHANGES.has(m));
}

/**
 * Refuses a body sent to a route that takes none, rather than ignore what the caller meant to
 * say. No body and an empty JSON object (what the web app and the typed client send with an
 * action) pass.
 */
export function refuseBody(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const body = request.body;
  const empty = body === undefined || (body !== null && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);
  done(empty ? undefined : sayingError('VALIDATION_FAILED', 'error.noBody', {}, [{ path: 'body', message: 'must be empty: this request takes no body' }]));
}
