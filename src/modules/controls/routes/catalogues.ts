/**
 * Routes of the firm's catalogues (outside any client): list, import an OSCAL file (JSON or YAML
 * as the request body) with progress; and the firm's portfolio of maturity.
 */
import { z } from 'zod';
import type { AppContext } from '../../../server/context.js';
import { AppError } from '../../../server/errors.js';
import { authOf } from '../../../server/http/auth.js';
import type { ZodApp } from '../../../server/module.js';
import { firmCatalogues } from '../builtin.js';
import { canImportCatalogues, importCatalogue, importProgress, MAX_CATALOGUE_BYTES } from '../catalogues.js';
import { portfolioMaturity } from '../portfolio.js';
import { CatalogueImportProgress, CatalogueImportReport, CatalogueOut, PortfolioMaturityRow } from '../schema.js';

const tags = ['controls'];
const FILE_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain', 'application/octet-stream'];

export async function catalogueFirmRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get('/api/controls/catalogues', {
    schema: {
      tags,
      summary: 'The firm\u2019s catalogues (NIST CSF 2.0 comes with Triad) with their versions and counts of groups, controls and outcomes',
      response: { 200: z.object({ catalogues: z.array(CatalogueOut), canImport: z.boolean() }) },
    },
  }, async (request) => {
    const { actor } = authOf(request);
    return { catalogues: await firmCatalogues(ctx, actor.firmId), canImport: canImportCatalogues(actor) };
  });

  await app.register((sub: ZodApp, _opts, done) => {
    // Only here: the catalogue arrives as the raw body (JSON or YAML, up to 64 MB) and the importer reads it.
    sub.removeContentTypeParser(['application/json', 'text/plain']);
    sub.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_CATALOGUE_BYTES }, (_req, body, next) => next(null, body));
    sub.post('/api/controls/catalogues', {
      bodyLimit: MAX_CATALOGUE_BYTES,
      schema: {
        tags,
        summary: 'Import an OSCAL catalogue, or a catalogue resolved from a profile (firm admins and advisors): the file is the request body, JSON or YAML',
        description:
          'All of the catalogue is stored in one transaction, or nothing. Importing a catalogue whose uuid the firm has already, with a new metadata.version, adds that version; the same version with the same content changes nothing; the same version with other content is refused. A file that is not OSCAL or is broken answers 400 with every problem\u2019s JSON path in the error details. Poll GET /api/controls/catalogues/imports/{importId} for progress with the importId you pass.',
        querystring: z.strictObject({
          fileName: z.string().max(255).optional(),
          importId: z.uuid().optional().describe('A UUID you choose, to poll this import\u2019s progress'),
        }),
        consumes: FILE_TYPES,
        response: { 201: CatalogueImportReport, 200: CatalogueImportReport },
      },
    }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the OSCAL file as the request body (Content-Type: application/json or application/yaml).');
      const report = await importCatalogue(ctx, authOf(request).actor, request.body, { fileName: request.query.fileName ?? null, importId: request.query.importId });
      return reply.code(report.action === 'unchanged' ? 200 : 201).send(report);
    });
    done();
  });

  app.get('/api/controls/catalogues/imports/:importId', {
    schema: { tags, summary: 'Progress of a catalogue import running (or just finished) on this server', params: z.strictObject({ importId: z.string().max(64) }), response: { 200: CatalogueImportProgress } },
  }, (request) => {
    const p = importProgress(authOf(request).actor.firmId, request.params.importId);
    if (!p) throw new AppError('NOT_FOUND', 'Import not found (finished imports are kept for 15 minutes)');
    return Promise.resolve(p);
  });

  app.get('/api/portfolio/controls', {
    schema: {
      tags,
      summary: 'Maturity of every client the caller may see: the latest completed assessment and the one in progress',
      response: { 200: z.object({ clients: z.array(PortfolioMaturityRow) }) },
    },
  }, async (request) => {
    const auth = authOf(request);
    return { clients: await portfolioMaturity(ctx, auth.user, auth.actor) };
  });
}
