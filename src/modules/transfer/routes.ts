import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { exportClient } from './export.js';
import { importClient } from './import.js';
import { cellText } from './rows.js';
import { exportFileName, parseExportText } from './text.js';
import { ImportReport, MAX_EXPORT_BYTES } from './schema.js';

const tags = ['clients'];

/** POST /api/clients/import: a client export file into the caller's firm (firm admins). */
export async function transferRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  // A firm route (like /api/firm/audit), not a client route: it is for firm admins, whatever
  // their membership; a client outside the caller's firm is not found.
  app.get('/api/firm/clients/:clientId/export', {
    schema: {
      tags,
      summary: 'Export a whole client as one JSON file (firm admins): every module\u2019s records, evidence files, issued packs and the audit trail with its chain (docs/client-export.md)',
      description: 'The export is recorded in the client\u2019s audit trail; that entry is the last of the file. The file carries a SHA-256 digest of its canonical JSON (RFC 8785), signed with the server\u2019s audit key when it has one.',
      params: z.strictObject({ clientId: z.string().max(64) }),
      produces: ['application/json'],
    },
  }, async (request, reply) => {
    const file = await exportClient(ctx, authOf(request).actor, request.params.clientId);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${exportFileName(cellText(file.client.name), file.exportedAt)}"`)
      .send(JSON.stringify(file));
  });

  await app.register((sub: ZodApp, _opts, done) => {
    // Only here: the file may be far larger than other JSON bodies, and is parsed by the import
    // (which names the place of a syntax error).
    sub.removeContentTypeParser(['application/json']);
    sub.addContentTypeParser(['application/json'], { parseAs: 'string', bodyLimit: MAX_EXPORT_BYTES }, (_req, body, next) => next(null, body));
    sub.post('/api/clients/import', {
      bodyLimit: MAX_EXPORT_BYTES,
      schema: {
        tags,
        summary: 'Import a client export file into the caller\u2019s firm (firm admins), all or nothing; with dryRun=true, report what would be created and write nothing',
        description: 'The file\u2019s format version, shape, digest (and signature, when this server holds the key), audit chain and columns are checked first; a problem answers 400 naming its place in the file. The client keeps its id unless the id is taken here; its people are matched by e-mail in the firm or invited without a password (docs/client-export.md).',
        querystring: z.strictObject({
          dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report, write nothing'),
          name: z.string().trim().min(1).max(200).optional().describe('A name for the imported client (default: the name in the file)'),
        }),
        consumes: ['application/json'],
        response: { 200: ImportReport, 201: ImportReport },
      },
    }, async (request, reply) => {
      if (typeof request.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the export file as the request body (Content-Type: application/json).');
      const input = parseExportText(request.body);
      const report = await importClient(ctx, authOf(request).actor, input, { dryRun: request.query.dryRun === 'true', name: request.query.name });
      return reply.code(report.dryRun ? 200 : 201).send(report);
    });
    done();
  });
}
