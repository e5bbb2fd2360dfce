import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';

/** A Fastify instance whose routes take Zod schemas for validation, types and OpenAPI. */
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What the demo seed hands each module for each demo client. */
export interface DemoClient {
  id: string;
  key: 'accounting' | 'manufacturer' | 'saas';
  name: string;
  /** Users of the demo firm by their demo role, e.g. 'advisor', 'executive', 'contributor', 'viewer'. */
  users: Record<string, { id: string; email: string; name: string }>;
}

/**
 * A domain module of Triad: its routes and demo content. Modules are listed in
 * src/modules/index.ts; the server and the demo seed pick them up from there. Their jobs,
 * schedules and listeners are listed apart, in src/modules/jobs.ts, for every process.
 */
export interface TriadModule {
  name: string;
  /** Routes outside any client, under /api. */
  routes?: (app: ZodApp, ctx: AppContext) => void | Promise<void>;
  /**
   * Routes of one client, mounted under /api/clients/:clientId. Before a handler runs, the
   * caller's access to the client is resolved (404 for anyone who may not see it),
   * `request.scope` is set, and the route's `config.permission` is checked (403).
   */
  clientRoutes?: (app: ZodApp, ctx: AppContext) => void | Promise<void>;
  /** Adds the module's demo content to one demo client. */
  demo?: (ctx: AppContext, client: DemoClient) => Promise<void>;
}
