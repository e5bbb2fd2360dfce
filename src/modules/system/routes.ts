import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { ZodApp } from '../../server/module.js';
import { VERSION } from '../../server/version.js';

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
