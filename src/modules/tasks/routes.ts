import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { AttentionList, TaskList } from './schema.js';
import { attention, tasksFor } from './tasks.js';

const tags = ['tasks'];

/** The portfolio's "Needs action": counts per client the caller may see. */
export function taskRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/portfolio/attention', {
    schema: {
      tags,
      summary: 'Each client the caller may see: their tasks, open escalations, renewals this quarter and overdue access reviews',
      response: { 200: AttentionList },
    },
  }, async (request) => {
    const auth = authOf(request);
    return { clients: await attention(ctx, auth.user, auth.actor) };
  });
}

export function taskClientRoutes(app: ZodApp): void {
  app.get('/tasks', {
    config: { permission: 'client.read' },
    schema: { tags, summary: 'What waits for the caller in this client: decisions, positions, concerns, approvals, reviews, answers', response: { 200: TaskList } },
  }, async (request) => ({ tasks: await tasksFor(request.scope) }));
}
