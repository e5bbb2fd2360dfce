import { z } from 'zod';
import type { AppContext } from '../../../server/context.js';
import { authOf } from '../../../server/http/auth.js';
import type { ZodApp } from '../../../server/module.js';
import { firmConcentration } from '../concentration.js';
import { FirmConcentrationOut } from '../vendors-schema.js';

/** The firm-wide view: vendors and fourth parties shared by the most clients. */
export function firmRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/estate/concentration', {
    schema: {
      tags: ['vendors'],
      summary: 'Vendors and fourth parties shared by the most clients of the firm (advisors and firm admins); names only the clients the caller may see',
      querystring: z.strictObject({ minClients: z.coerce.number().int().min(1).max(1000).default(2), limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: FirmConcentrationOut },
    },
  }, async (request) => firmConcentration(ctx, authOf(request).user, request.query));
}
