/**
 * Routes that move files: evidence (links as JSON; files as the raw request body, read with the
 * size limit), downloads of evidence files, and an assessment as CSV out and answers back in.
 */
import { isReadable, type Readable } from 'node:stream';
import { z } from 'zod';
import { CONTENT_TYPES, xlsxStream } from '../../../server/spreadsheets.js';
import { AppError } from '../../../server/errors.js';
import type { ZodApp } from '../../../server/module.js';
import { exportAnswersCsv, importAnswersCsv, MAX_CSV_BYTES } from '../csv.js';
import { addEvidenceFile, addEvidenceLink, deleteEvidence, evidenceFile } from '../evidence.js';
import { CsvImportReport, EvidenceFileQuery, EvidenceLinkInput, EvidenceOut } from '../schema.js';

const tags = ['controls'];
const Id = z.string().min(1).max(64);
const AssessmentParams = z.strictObject({ clientId: z.string(), assessmentId: Id });
const OutcomeParams = z.strictObject({ clientId: z.string(), assessmentId: Id, controlId: z.string().min(1).max(200) });
const EvidenceParams = z.strictObject({ clientId: z.string(), evidenceId: Id });
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'text/tab-separated-values'];

/** `attachment; filename="…"` with the name in UTF-8 too (RFC 6266). */
function disposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function fileRoutes(app: ZodApp): Promise<void> {
  app.post('/controls/assessments/:assessmentId/outcomes/:controlId/evidence', {
    config: { permission: 'controls.answer' },
    schema: { tags, summary: 'Add a link as evidence for an outcome', params: OutcomeParams, body: EvidenceLinkInput, response: { 201: EvidenceOut } },
  }, async (request, reply) => reply.code(201).send(await addEvidenceLink(request.scope, request.params.assessmentId, request.params.controlId, request.body)));

  app.get('/controls/assessments/:assessmentId/export.xlsx', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'The assessment as an Excel workbook: the same columns as the CSV', params: AssessmentParams, produces: [CONTENT_TYPES.xlsx], response: { 200: z.string().describe('The workbook') } },
  }, async (request, reply) => {
    const { fileName, header, rows } = await exportAnswersCsv(request.scope, request.params.assessmentId);
    return reply.type(CONTENT_TYPES.xlsx).header('content-disposition', disposition(fileName.replace(/\.csv$/, '.xlsx'))).send(xlsxStream('Answers', header, rows) as unknown as string);
  });

  await app.register((sub: ZodApp, _opts, done) => {
    // Only here: any file type arrives as a stream and is read with the evidence size limit.
    sub.addContentTypeParser('*', (_req, payload, next) => next(null, payload));
    sub.post('/controls/assessments/:assessmentId/outcomes/:controlId/evidence/file', {
      config: { permission: 'controls.answer' },
      schema: {
        tags,
        summary: 'Add a file as evidence (a policy PDF, a screenshot): the bytes are the request body (Content-Type: application/octet-stream)',
        description: 'Files are kept in the database, up to TRIAD_EVIDENCE_MAX_BYTES (10 MB unless set); a larger one answers 413 and nothing is stored.',
        params: OutcomeParams,
        querystring: EvidenceFileQuery,
        consumes: ['application/octet-stream'],
        response: { 201: EvidenceOut },
      },
    }, async (request, reply) => {
      const body = request.body;
      const { assessmentId, controlId } = request.params;
      if (!isReadable(body as Readable)) {
        const { loadAssessment } = await import('../common.js');
        await loadAssessment(request.scope.db, assessmentId);
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file\u2019s bytes as the request body with Content-Type: application/octet-stream.');
      }
      const length = Number(request.headers['content-length']);
      const e = await addEvidenceFile(request.scope, assessmentId, controlId, request.query, body as Readable, Number.isFinite(length) && length >= 0 ? length : null);
      return reply.code(201).send(e);
    });
    done();
  });

  app.delete('/controls/evidence/:evidenceId', {
    config: { permission: 'controls.answer' },
    schema: { tags, summary: 'Remove evidence (advisors, or whoever added it while still answering)', params: EvidenceParams, response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (request) => {
    await deleteEvidence(request.scope, request.params.evidenceId);
    return { ok: true as const };
  });

  app.get('/controls/evidence/:evidenceId/file', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'Download an evidence file', params: EvidenceParams, produces: ['application/octet-stream'], response: { 200: z.string().describe('The file') } },
  }, async (request, reply) => {
    const f = await evidenceFile(request.scope, request.params.evidenceId);
    // Sent as an attachment with its own type, never shown inside Triad's pages.
    return reply
      .type(f.mediaType)
      .header('content-disposition', disposition(f.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${f.sha256}"`)
      .send(f.content as unknown as string);
  });

  app.get('/controls/assessments/:assessmentId/export.csv', {
    config: { permission: 'controls.read' },
    schema: { tags, summary: 'The assessment as CSV: one line per outcome (the import reads the answer columns back)', params: AssessmentParams, produces: ['text/csv'], response: { 200: z.string().describe('CSV') } },
  }, async (request, reply) => {
    const { fileName, text } = await exportAnswersCsv(request.scope, request.params.assessmentId);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', disposition(fileName)).send(text);
  });

  await app.register((sub: ZodApp, _opts, done) => {
    sub.removeContentTypeParser(['text/plain']);
    sub.addContentTypeParser(CSV_TYPES, { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_req, body, next) => next(null, body));
    sub.post('/controls/assessments/:assessmentId/import', {
      config: { permission: 'controls.manage' },
      bodyLimit: MAX_CSV_BYTES,
      schema: {
        tags,
        summary: 'Import answers from CSV keyed by Control ID (the request body, Content-Type: text/csv): all rows or none; dryRun=true reports per line what would change',
        description:
          'Columns read: Control ID (required), Current, Target (a number, "Tier 3" or the level\u2019s name), Not applicable (yes/no), Reason not applicable, Owner (CIO, CTO, CISO), Notes; other columns are ignored and listed. A file with any bad line imports nothing: a dry run answers 200 with the report, an import 400 with every problem ("line N, column C") in the error details.',
        params: AssessmentParams,
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false'), fileName: z.string().max(255).optional() }),
        consumes: CSV_TYPES,
        response: { 200: CsvImportReport },
      },
    }, async (request) => {
      const { assessmentId } = request.params;
      if (typeof request.body !== 'string') {
        // Checked after the assessment is found, so an unknown one answers 404 whatever the body.
        const { loadAssessment } = await import('../common.js');
        await loadAssessment(request.scope.db, assessmentId);
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the request body with Content-Type: text/csv.');
      }
      const report = await importAnswersCsv(request.scope, assessmentId, request.body, { dryRun: request.query.dryRun === 'true', fileName: request.query.fileName ?? null });
      if (report.status === 'rejected' && !report.dryRun) {
        const n = report.results.filter((r) => r.action === 'reject').length;
        throw new AppError(
          'VALIDATION_FAILED',
          n > 0 ? `${n} ${n === 1 ? 'line was' : 'lines were'} refused; nothing was imported.` : 'The file was refused; nothing was imported.',
          report.problems.map((p) => ({ path: p.line === 1 && p.column === '' ? 'file' : `line ${p.line}${p.column ? `, column ${p.column}` : ''}`, message: p.reason })),
        );
      }
      return report;
    });
    done();
  });
}
