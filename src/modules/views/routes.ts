import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { SavedViewInput, SavedViewOut, SavedViewPatch, SavedViewsQuery } from './schema.js';
import { createView, deleteView, listViews, presentView, updateView } from './views.js';

const tags = ['views'];
const Params = z.strictObject({ viewId: z.string().min(1).max(64) });

/** Your saved views of the long lists: yours alone, whatever client you open them in. */
export function viewRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/me/views', {
    schema: { tags, summary: 'Your saved views of one list, by name', querystring: SavedViewsQuery, response: { 200: z.object({ views: z.array(SavedViewOut) }) } },
  }, async (request) => ({ views: (await listViews(ctx, authOf(request).user, request.query.list)).map(presentView) }));

  app.post('/api/me/views', {
    schema: {
      tags,
      summary: 'Save a view: a name for the current filters of a list',
      description: 'Each list takes its own filters (those its page has); a filter the list does not have is refused. One name once per list; at most 50 views a list.',
      body: SavedViewInput,
      response: { 201: SavedViewOut },
    },
  }, async (request, reply) => reply.code(201).send(presentView(await createView(ctx, authOf(request).user, request.body))));

  app.patch('/api/me/views/:viewId', {
    schema: { tags, summary: 'Rename one of your views, or save other filters in it', params: Params, body: SavedViewPatch, response: { 200: SavedViewOut } },
  }, async (request) => presentView(await updateView(ctx, authOf(request).user, request.params.viewId, request.body, request.language)));

  app.delete('/api/me/views/:viewId', {
    schema: { tags, summary: 'Delete one of your views', params: Params, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await deleteView(ctx, authOf(request).user, request.params.viewId);
    return { ok: true as const };
  });
}
