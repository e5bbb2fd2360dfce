import type { AppContext } from '../../server/context.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { SearchQuery, SearchResults } from './schema.js';
import { search } from './search.js';

export function searchRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/search', {
    schema: {
      tags: ['search'],
      summary: 'Find clients, pages, scenarios, systems, services, vendors, data sets, decisions and people by part of their name, in the clients the caller may see',
      description: 'Only the clients GET /api/clients lists to the caller are searched, and in each only what the caller\'s role there may read. Searching is a read: it is not written to the audit trail.',
      querystring: SearchQuery,
      response: { 200: SearchResults },
    },
  }, async (request) => {
    const auth = authOf(request);
    return { query: request.query.q, results: await search(ctx, auth.user, request.query) };
  });
}
