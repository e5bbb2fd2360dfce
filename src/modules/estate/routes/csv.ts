import { isReadable } from 'node:stream';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../../server/errors.js';
import type { ZodApp } from '../../../server/module.js';
import { toDateString } from '../../../server/db/conventions.js';
import { exportRows } from '../csv/export.js';
import { CONTENT_TYPES, SPREADSHEET_FORMATS } from '../../../server/spreadsheets.js';
import { importCsv, MAX_IMPORT_BYTES } from '../csv/import.js';
import { IMPORT_TYPES } from '../csv/source.js';
import { progressList, progressOf, type ImportProgress } from '../csv/progress.js';
import { CSV_KINDS } from '../vocab.js';
import { IdParam, ImportProgressOut, ImportReadingQuery, ImportRecord, ImportReport } from '../schema.js';

const tags = ['import and export'];
const KindParams = z.strictObject({ clientId: z.string(), kind: z.enum(CSV_KINDS) });
const CSV_TYPES = IMPORT_TYPES;

function presentProgress(p: ImportProgress): z.infer<typeof ImportProgressOut> {
  const { clientId: _c, actorId: _a, ...rest } = p;
  return { ...rest, kind: rest.kind as (typeof CSV_KINDS)[number] };
}

/**
 * CSV import and export. The import takes the file as the raw request body (text/csv), up to
 * 200 MB, streamed: it is never held in memory whole.
 */
export async function csvRoutes(app: ZodApp): Promise<void> {
  await app.register((sub: ZodApp, _options, done) => {
    // Only in this context: the CSV body is handed to the route as a stream.
    sub.addContentTypeParser(CSV_TYPES, { bodyLimit: MAX_IMPORT_BYTES }, (_request, payload, done) => done(null, payload));

    sub.post('/estate/import/:kind', {
      config: { permission: 'estate.import' },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags,
        summary: 'Import a CSV file or an Excel workbook (the request body): all rows or none; with dryRun=true, report per row what would happen',
        description:
          'Send CSV (Content-Type: text/csv, in UTF-8, UTF-16 or Windows-1252, comma, semicolon or tab separated) or an .xlsx workbook (its first sheet). Headers are matched without case or punctuation and accept the names of common exports (for systems, those of Snipe-IT, Lansweeper, NinjaOne, Datto RMM, ScalePad and Intune; two columns for one field: the better is used, the other reported in setAside). The decimal mark and the date order are guessed from the first rows unless given; dates that could be day or month first are refused until dateFormat is given. The report says how the file was read (reading, sample). The upsert key is the name (systems: the asset tag, else the name; contracts: vendor and reference; grants: data set or system and grantee). A file with any bad row imports nothing: a dry run answers 200 with the report, an import answers 400 with every bad row in the error details (path "line N, column C"). Poll GET /estate/imports/{importId} for progress, with the importId you pass here.',
        params: KindParams,
        querystring: z.strictObject({
          dryRun: z.enum(['true', 'false']).default('false'),
          fileName: z.string().max(255).optional(),
          importId: z.uuid().optional().describe('A UUID you choose, to poll this import\'s progress'),
          ...ImportReadingQuery,
        }),
        consumes: CSV_TYPES,
        response: { 200: ImportReport },
      },
    }, async (request) => {
      const body = request.body;
      if (!isReadable(body as Readable)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the request body with Content-Type: text/csv.');
      }
      const length = Number(request.headers['content-length']);
      const report = await importCsv(request.scope, body as Readable, {
        kind: request.params.kind,
        dryRun: request.query.dryRun === 'true',
        fileName: request.query.fileName ?? null,
        totalBytes: Number.isFinite(length) && length > 0 ? length : null,
        importId: request.query.importId,
        encoding: request.query.encoding,
        decimal: request.query.decimal,
        dateFormat: request.query.dateFormat,
      });
      if (report.status === 'rejected' && !report.dryRun) {
        const n = report.rejected;
        throw new AppError(
          'VALIDATION_FAILED',
          n > 0 ? `${n} ${n === 1 ? 'row was' : 'rows were'} refused; nothing was imported.` : 'The file was refused; nothing was imported.',
          report.problems.map((p) => ({ path: p.line === 1 && p.column === '' ? 'file' : `line ${p.line}${p.column ? `, column ${p.column}` : ''}`, message: p.reason })),
        );
      }
      return report;
    });
    done();
  });

  app.get('/estate/imports', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'Imports running in this server (with progress) and the last imports written',
      response: { 200: z.object({ running: z.array(ImportProgressOut), recent: z.array(ImportRecord) }) },
    },
  }, async (request) => {
    const { scope } = request;
    const rows = await scope.db.selectFrom('estate_imports').selectAll().orderBy('finished_at', 'desc').limit(20).execute();
    return {
      running: progressList(scope.clientId, CSV_KINDS).map(presentProgress),
      recent: rows.map((r) => ({ id: r.id, kind: r.kind, fileName: r.file_name, rows: r.rows, created: r.created, updated: r.updated, unchanged: r.unchanged, by: r.actor_label, startedAt: r.started_at, finishedAt: r.finished_at })),
    };
  });

  app.get('/estate/imports/:importId', {
    config: { permission: 'estate.read' },
    schema: { tags, summary: 'Progress of one import', params: z.strictObject({ clientId: z.string(), importId: IdParam }), response: { 200: ImportProgressOut } },
  }, async (request) => {
    const { scope } = request;
    const p = progressOf(scope.clientId, request.params.importId);
    if (p && (CSV_KINDS as readonly string[]).includes(p.kind)) return presentProgress(p);
    const r = await scope.db.selectFrom('estate_imports').selectAll().where('id', '=', request.params.importId).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND', 'Import not found');
    return {
      id: r.id, kind: r.kind as z.infer<typeof ImportProgressOut>['kind'], fileName: r.file_name, dryRun: false, phase: 'done' as const, fraction: 1, bytesRead: Number(r.bytes), totalBytes: Number(r.bytes),
      rowsRead: r.rows, rowsToWrite: r.rows, rowsWritten: r.rows, startedAt: r.started_at, finishedAt: r.finished_at, error: null,
    };
  });

  app.get('/estate/export/:kind', {
    config: { permission: 'estate.read' },
    schema: {
      tags,
      summary: 'Export as CSV or an Excel workbook (the same columns the import reads)',
      description: 'CSV starts with a byte-order mark (Excel reads it as UTF-8), and cells a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) are prefixed with a single quote; the import reads them back as they were.',
      params: KindParams,
      querystring: z.strictObject({ format: z.enum(SPREADSHEET_FORMATS).default('csv') }),
      produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
      response: { 200: z.string().describe('The file') },
    },
  }, async (request, reply) => {
    const { kind } = request.params;
    const { format } = request.query;
    const file = `${kind}-${toDateString(request.scope.now())}.${format}`;
    // The stream is sent as is; the string schema only documents the body.
    return reply.type(CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="${file}"`).send(exportRows(request.scope, kind, format) as unknown as string);
  });
}
