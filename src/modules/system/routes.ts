import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { ZodApp } from '../../server/module.js';
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
});

export function systemRoutes(app: ZodApp, ctx: AppContext): void {
  testHookRoutes(app, ctx);
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Liveness and database reachability',
      response: { 200: z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) }) },
    },
  }, async () => {
    await sql`select 1`.execute(ctx.database.db);
    return { status: 'ok' as const, version: VERSION, database: ctx.database.dialect };
  });
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
      summary: 'The client\'s recent background jobs (recomputes, imports, reports) with their progress',
      querystring: z.strictObject({ kind: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      response: { 200: z.object({ jobs: z.array(JobOut) }) },
    },
  }, async (request) => {
    const { scope } = request;
    let q = scope.app.database.db.selectFrom('jobs').selectAll().where('client_id', '=', scope.clientId);
    if (request.query.kind) q = q.where('kind', '=', request.query.kind);
    const rows = await q.orderBy('created_at', 'desc').limit(request.query.limit).execute();
    return {
      jobs: rows.map((j) => ({ id: j.id, kind: j.kind, status: j.status, progress: j.progress, createdAt: j.created_at, startedAt: j.started_at, finishedAt: j.finished_at, error: j.error })),
    };
  });
}
