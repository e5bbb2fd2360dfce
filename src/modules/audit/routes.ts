import { z } from 'zod';
import { CONTENT_TYPES, SPREADSHEET_FORMATS, spreadsheetStream } from '../../server/spreadsheets.js';
import { toDateString } from '../../server/db/conventions.js';
import type { ZodApp } from '../../server/module.js';
import { auditKeyOf } from './signing.js';
import { verifyCheckpoints, verifyTrail } from './verify.js';
import type { AppContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';
import type { FastifyReply } from 'fastify';
import { AuditFacetsOut, AuditFilterFields, AuditListQuery, AuditPageOut, type AuditFilters } from './schema.js';
import { listTrail, resolveFilters, trailEntries, trailFacets, type Trail } from './trail.js';

const ExportQuery = z.strictObject({ format: z.enum(SPREADSHEET_FORMATS).default('csv').describe('csv (for Excel) or xlsx'), ...AuditFilterFields });
const FILTERS_HELP = 'Filters: from and to (days, inclusive, in timeZone, UTC by default), actor (a user id, or `system`), entityType, entityId (with entityType), action; each narrows the entries, and a filter that is not valid is refused with a 400 naming it.';

function filtersOf<T extends AuditFilters>(q: T): AuditFilters {
  const { from, to, timeZone, actor, entityType, entityId, action } = q;
  return { from, to, timeZone, actor, entityType, entityId, action };
}

/** The entries through the filters as CSV for Excel or a workbook, oldest first. */
async function sendExport(reply: FastifyReply, trail: Trail, q: z.infer<typeof ExportQuery>, name: string, today: Date) {
  const filters = await resolveFilters(trail, filtersOf(q));
  async function* rows() {
    for await (const p of trailEntries(trail, filters)) {
      yield [p.seq, p.at, p.actor, p.action, p.entityType, p.entityId, p.before === null ? null : JSON.stringify(p.before), p.after === null ? null : JSON.stringify(p.after), p.hash];
    }
  }
  const header = ['Seq', 'At', 'Actor', 'Action', 'Entity type', 'Entity id', 'Before', 'After', 'Hash'];
  return reply
    .type(CONTENT_TYPES[q.format])
    .header('content-disposition', `attachment; filename="${name}-${toDateString(today)}.${q.format}"`)
    .send(spreadsheetStream(q.format, 'Audit trail', header, rows()));
}

/** The firm's own trail (accounts, tokens, clients made), for firm admins. */
export function auditFirmRoutes(app: ZodApp, ctx: AppContext): void {
  const firmTrail = (firmId: string): Trail => ({ db: ctx.database.db, chainId: firmId, firmId, clientId: null });
  const firmAdmin = (request: Parameters<typeof authOf>[0], what: string) => {
    const auth = authOf(request);
    if (auth.user.firm_role !== 'admin') throw forbidden(`Only firm admins ${what} the firm's audit trail.`);
    return auth.user;
  };

  app.get('/api/firm/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The firm\'s audit trail of account events, newest first, a page at a time (firm admins)',
      description: FILTERS_HELP,
      querystring: AuditListQuery,
      response: { 200: AuditPageOut },
    },
  }, async (request) => {
    const user = firmAdmin(request, 'read');
    const trail = firmTrail(user.firm_id);
    return listTrail(trail, await resolveFilters(trail, filtersOf(request.query)), request.query);
  });

  app.get('/api/firm/audit/export', {
    schema: {
      tags: ['audit'],
      summary: 'The firm\'s audit trail, or the entries the filters keep, as CSV for Excel or an Excel workbook, oldest first (firm admins)',
      description: FILTERS_HELP,
      querystring: ExportQuery,
      produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
      response: { 200: z.string().describe('The file') },
    },
  }, async (request, reply) => {
    const user = firmAdmin(request, 'export');
    return sendExport(reply, firmTrail(user.firm_id), request.query, 'firm-audit-trail', ctx.clock.now());
  });

  app.get('/api/firm/audit/facets', {
    schema: {
      tags: ['audit'],
      summary: 'The people and the kinds of record that appear in the firm\'s audit trail: the choices of its filters (firm admins)',
      response: { 200: AuditFacetsOut },
    },
  }, async (request) => trailFacets(firmTrail(firmAdmin(request, 'read').firm_id)));

  app.get('/api/firm/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Checks the firm\'s hash chain against its anchors, and the firm\'s checkpoint chain (firm admins)',
      response: { 200: FirmVerifyOut },
    },
  }, async (request) => {
    const user = firmAdmin(request, 'verify');
    const key = auditKeyOf(ctx);
    const [trail, checkpoints] = await Promise.all([verifyTrail(ctx.database.db, user.firm_id, { key }), verifyCheckpoints(ctx.database.db, user.firm_id, { key })]);
    return { ...trail, checkpoints };
  });
}

const Failure = z.object({ seq: z.number(), reason: z.string() });
const VerifyOut = z.object({
  ok: z.boolean(),
  entries: z.number(),
  anchors: z.number().describe('Checkpoints, issued board packs and signed files the chain was checked against'),
  failure: Failure.optional().describe('The first entry that is missing, altered or does not verify'),
});
const FirmVerifyOut = VerifyOut.extend({
  checkpoints: z.object({ ok: z.boolean(), checkpoints: z.number(), failure: Failure.optional() }).describe('The firm\'s checkpoint chain'),
});

/** A client's trail, read as the scope's client. */
function clientTrail(scope: { app: AppContext; clientId: string; client: { firm_id: string } }): Trail {
  return { db: scope.app.database.db, chainId: scope.clientId, firmId: scope.client.firm_id, clientId: scope.clientId };
}

export function auditClientRoutes(app: ZodApp): void {
  app.get('/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The client\'s audit trail, newest first, a page at a time',
      description: FILTERS_HELP,
      querystring: AuditListQuery,
      response: { 200: AuditPageOut },
    },
  }, async (request) => {
    const trail = clientTrail(request.scope);
    return listTrail(trail, await resolveFilters(trail, filtersOf(request.query)), request.query);
  });

  app.get('/audit/export', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The whole audit trail, or the entries the filters keep (the same as its pages with the same filters), as CSV for Excel or an Excel workbook, oldest first',
      description: FILTERS_HELP,
      querystring: ExportQuery,
      produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
      response: { 200: z.string().describe('The file') },
    },
  }, async (request, reply) => sendExport(reply, clientTrail(request.scope), request.query, 'audit-trail', request.scope.now()));

  app.get('/audit/facets', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The people (who made entries, and the members) and the kinds of record and actions in the client\'s audit trail: the choices of its filters',
      response: { 200: AuditFacetsOut },
    },
  }, async (request) => trailFacets(clientTrail(request.scope)));

  app.get('/audit/verify', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Checks the client\'s hash chain against itself and its anchors (checkpoints, issued board packs); names the first entry missing or altered',
      response: { 200: VerifyOut },
    },
  }, async (request) => verifyTrail(request.scope.app.database.db, request.scope.clientId, { key: auditKeyOf(request.scope.app) }));
}
