import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { ZodApp } from '../../server/module.js';
import { countOf, NEWEST_FIRST, olderThan, readPage } from '../../server/db/keyset-page.js';
import { PageInfo, pageQuery } from '../../shared/paging.js';
import { VERSION } from '../../server/version.js';
import { ManualClock } from '../../server/clock.js';

export const JobOut = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
}).meta({ id: 'Job', description: 'A background job and its progress' });

const HealthOut = z.object({
  status: z.enum(['ok', 'starting', 'migrating', 'stopping', 'database-unavailable']),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  reason: z.string().optional(),
});
type HealthOut = z.infer<typeof HealthOut>;

/** How long the readiness probe waits for the database before calling it unavailable. */
const DB_CHECK_MS = 2000;

/** Ready: started, migrated, not stopping, and the database answers a query in time. */
async function readiness(ctx: AppContext): Promise<HealthOut> {
  const base = { version: VERSION, database: ctx.database.dialect };
  if (!ctx.lifecycle.ready) {
    const phase = ctx.lifecycle.phase as Exclude<typeof ctx.lifecycle.phase, 'ready'>;
    const reason = { starting: 'the server is starting', migrating: 'the database is being migrated', stopping: 'the server is shutting down' }[phase];
    return { ...base, status: phase, reason };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`.execute(ctx.database.db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${DB_CHECK_MS} ms`)), DB_CHECK_MS);
      }),
    ]);
    return { ...base, status: 'ok' };
  } catch (err) {
    return { ...base, status: 'database-unavailable', reason: `the database does not answer: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

export function systemRoutes(app: ZodApp, ctx: AppContext): void {
  testHookRoutes(app, ctx);
  const ready = {
    config: { public: true },
    schema: {
      tags: ['system'],
      response: { 200: HealthOut, 503: HealthOut.describe('Not ready: starting, migrating, stopping, or the database does not answer') },
    },
  };
  const answer = async (reply: FastifyReply) => {
    const health = await readiness(ctx);
    return reply.code(health.status === 'ok' ? 200 : 503).send(health);
  };
  app.get('/api/health', { ...ready, schema: { ...ready.schema, summary: 'Ready to serve (the same as /api/health/ready)' } }, (_request, reply) => answer(reply));
  app.get('/api/health/ready', {
    ...ready,
    schema: { ...ready.schema, summary: 'Readiness: 200 when migrated, not stopping and the database answers; 503 otherwise (for load balancers)' },
  }, (_request, reply) => answer(reply));
  app.get('/api/health/live', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Liveness: 200 while the process runs and answers, whatever its database (for restarting a stuck process)',
      response: { 200: z.object({ status: z.literal('live'), phase: z.enum(['starting', 'migrating', 'ready', 'stopping']), version: z.string() }) },
    },
  }, () => ({ status: 'live' as const, phase: ctx.lifecycle.phase, version: VERSION }));
}

/**
 * Test hooks, present only when TRIAD_TEST_HOOKS=on (end-to-end tests): move the server's
 * clock and run the due jobs and scheduled tasks now, instead of waiting.
 */
export function testHookRoutes(app: ZodApp, ctx: AppContext): void {
  if (!ctx.config.testHooks || !(ctx.clock instanceof ManualClock)) return;
  const clock = ctx.clock;
  app.post('/api/test/clock', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Test hook: move the clock (only with TRIAD_TEST_HOOKS=on)',
      body: z.strictObject({ advanceDays: z.number().min(0).max(3650).optional(), set: z.iso.datetime().optional() }),
      response: { 200: z.object({ now: z.string() }) },
    },
  }, async (request) => {
    if (request.body.set) clock.set(request.body.set);
    if (request.body.advanceDays) clock.advanceDays(request.body.advanceDays);
    await ctx.jobs.runDue();
    return { now: clock.now().toISOString() };
  });
  app.post('/api/test/jobs/run', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Test hook: run due jobs now', response: { 200: z.object({ ran: z.number() }) } },
  }, async () => ({ ran: await ctx.jobs.runDue() }));
}

export function systemClientRoutes(app: ZodApp): void {
  app.get('/jobs', {
    config: { permission: 'jobs.read' },
    schema: {
      tags: ['system'],
      summary: 'The client\'s background jobs (recomputes, imports, reports) with their progress, newest first, a page at a time',
      querystring: z.strictObject({ kind: z.string().max(64).optional(), ...pageQuery(20) }),
      response: { 200: z.object({ jobs: z.array(JobOut), ...PageInfo }) },
    },
  }, async (request) => {
    const { scope } = request;
    const { kind, ...page } = request.query;
    // jobs is a firm-wide table (a job may belong to no client), so the client is named here.
    const filtered = () => {
      const q = scope.app.database.db.selectFrom('jobs').where('client_id', '=', scope.clientId);
      return kind ? q.where('kind', '=', kind) : q;
    };
    const { rows, ...info } = await readPage(page, {
      ...NEWEST_FIRST,
      rows: (after, take) => {
        let q = filtered().selectAll();
        if (after) q = q.where(olderThan('jobs', after));
        return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(take).execute();
      },
      count: async () => countOf(await filtered().select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()),
    });
    return {
      jobs: rows.map((j) => ({ id: j.id, kind: j.kind, status: j.status, progress: j.progress, createdAt: j.created_at, startedAt: j.started_at, finishedAt: j.finished_at, error: j.error })),
      ...info,
    };
  });
}
