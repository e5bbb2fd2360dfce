import { z } from 'zod';
import { CONTENT_TYPES, SPREADSHEET_FORMATS, spreadsheetStream } from '../../server/spreadsheets.js';
import { toDateString } from '../../server/db/conventions.js';
import type { AuditEntriesTable } from '../../server/db/platform-tables.js';
import { fromJson } from '../../server/db/conventions.js';
import type { ZodApp } from '../../server/module.js';
import { auditKeyOf } from './signing.js';
import { verifyCheckpoints, verifyTrail } from './verify.js';
import type { AppContext } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';

export const AuditEntryOut = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
}).meta({ id: 'AuditEntry', description: 'One entry of the client\'s hash-chained audit trail' });

export function presentAuditEntry(e: AuditEntriesTable): z.infer<typeof AuditEntryOut> {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor_label,
    actorId: e.actor_id,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: fromJson<unknown>(e.before_json, null),
    after: fromJson<unknown>(e.after_json, null),
    hash: e.hash,
  };
}

const AuditQuery = z.strictObject({
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional().describe('Entries with a sequence number below this (for paging back)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});

/** The firm's own trail (accounts, tokens, clients made), for firm admins. */
export function auditFirmRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/firm/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The firm\'s audit trail of account events, newest first (firm admins)',
      querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditEntryOut), nextBefore: z.number().nullable() }) },
    },
  }, async (request) => {
    const auth = authOf(request);
    if (auth.user.firm_role !== 'admin') throw forbidden('Only firm admins read the firm\'s audit trail.');
    return readTrail(ctx, auth.user.firm_id, request.query);
  });

  app.get('/api/firm/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Checks the firm\'s hash chain against its anchors, and the firm\'s checkpoint chain (firm admins)',
      response: { 200: FirmVerifyOut },
    },
  }, async (request) => {
    const auth = authOf(request);
    if (auth.user.firm_role !== 'admin') throw forbidden('Only firm admins verify the firm\'s audit trail.');
    const key = auditKeyOf(ctx);
    const [trail, checkpoints] = await Promise.all([verifyTrail(ctx.database.db, auth.user.firm_id, { key }), verifyCheckpoints(ctx.database.db, auth.user.firm_id, { key })]);
    return { ...trail, checkpoints };
  });
}

async function readTrail(ctx: AppContext, chainId: string, q: z.infer<typeof AuditQuery>) {
  let query = ctx.database.db.selectFrom('audit_entries').selectAll().where('client_id', '=', chainId);
  if (q.before) query = query.where('seq', '<', q.before);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.action) query = query.where('action', '=', q.action);
  const rows = await query.orderBy('seq', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { entries: page.map(presentAuditEntry), nextBefore: rows.length > q.limit && last ? last.seq : null };
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

export function auditClientRoutes(app: ZodApp): void {
  app.get('/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The client\'s audit trail, newest first',
      querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditEntryOut), nextBefore: z.number().nullable() }) },
    },
  }, async (request) => readTrail(request.scope.app, request.scope.clientId, request.query));

  app.get('/audit/export', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'The whole audit trail (or the entries of one entity type or action) as CSV for Excel or an Excel workbook, oldest first',
      querystring: z.strictObject({ format: z.enum(SPREADSHEET_FORMATS).default('csv'), entityType: z.string().max(64).optional(), action: z.string().max(64).optional() }),
      produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
      response: { 200: z.string().describe('The file') },
    },
  }, async (request, reply) => {
    const { scope } = request;
    const { format, entityType, action } = request.query;
    const db = scope.app.database.db;
    // A page at a time, by sequence number: a trail of any length in little memory.
    async function* rows() {
      let after = 0;
      for (;;) {
        let q = db.selectFrom('audit_entries').selectAll().where('client_id', '=', scope.clientId).where('seq', '>', after);
        if (entityType) q = q.where('entity_type', '=', entityType);
        if (action) q = q.where('action', '=', action);
        const page = await q.orderBy('seq').limit(1000).execute();
        for (const e of page) {
          const p = presentAuditEntry(e);
          yield [p.seq, p.at, p.actor, p.action, p.entityType, p.entityId, p.before === null ? null : JSON.stringify(p.before), p.after === null ? null : JSON.stringify(p.after), p.hash];
        }
        if (page.length < 1000) return;
        after = page.at(-1)!.seq;
      }
    }
    const header = ['Seq', 'At', 'Actor', 'Action', 'Entity type', 'Entity id', 'Before', 'After', 'Hash'];
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="audit-trail-${toDateString(scope.now())}.${format}"`)
      .send(spreadsheetStream(format, 'Audit trail', header, rows()) as unknown as string);
  });

  app.get('/audit/verify', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Checks the client\'s hash chain against itself and its anchors (checkpoints, issued board packs); names the first entry missing or altered',
      response: { 200: VerifyOut },
    },
  }, async (request) => verifyTrail(request.scope.app.database.db, request.scope.clientId, { key: auditKeyOf(request.scope.app) }));
}
