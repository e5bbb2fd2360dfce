/** HTTP routes of the IT budget: thin handlers over the domain functions, one schema each. */
import { isReadable, type Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authOf } from '../../server/http/auth.js';
import type { ZodApp } from '../../server/module.js';
import { ImportReadingQuery, ImportReport } from '../estate/schema.js';
import { IMPORT_TYPES } from '../estate/csv/source.js';
import { createActual, deleteActual, listAccounts, listActuals, mapAccount, unmapAccount } from './actuals.js';
import { firmBudget } from './api.js';
import { budgetYear } from './forecast.js';
import { importActuals } from './import.js';
import { createLine, deleteLine, updateLine } from './plan.js';
import { AccountInput, AccountOut, ActualInput, ActualOut, ActualsQuery, FirmBudgetOut, FiscalYear, LineInput, LineOut, LinePatch, YearOut } from './schema.js';

const tags = ['budget'];
const Ok = z.object({ ok: z.literal(true) });
const IdParams = (name: string) => z.strictObject({ clientId: z.string(), [name]: z.string().max(64) });
const CSV_TYPES = IMPORT_TYPES;
const MAX_BYTES = 50 * 1024 * 1024;
const ActualsImportReport = ImportReport.extend({ kind: z.literal('actuals') });

export async function budgetRoutes(app: ZodApp): Promise<void> {
  app.get('/budget', {
    config: { permission: 'budget.read' },
    schema: {
      tags,
      summary: 'A fiscal year of the IT budget: the plan against the actuals month by month, and the forecast with the committed items not in the plan and why it differs from the plan',
      querystring: z.strictObject({ year: FiscalYear.optional().describe('The fiscal year, named by the calendar year it ends in (default: the current one)') }),
      response: { 200: YearOut },
    },
  }, async (request) => budgetYear(request.scope, request.query.year));

  app.post('/budget/lines', {
    config: { permission: 'budget.plan' },
    schema: { tags, summary: 'Add a line to a year\u2019s plan (advisors): twelve monthly amounts, or the annual amount spread evenly', body: LineInput, response: { 201: LineOut } },
  }, async (request, reply) => reply.code(201).send(await createLine(request.scope, request.body)));

  app.patch('/budget/lines/:lineId', {
    config: { permission: 'budget.plan' },
    schema: { tags, summary: 'Change a plan line (advisors)', params: IdParams('lineId'), body: LinePatch, response: { 200: LineOut } },
  }, async (request) => updateLine(request.scope, (request.params as { lineId: string }).lineId, request.body));

  app.delete('/budget/lines/:lineId', {
    config: { permission: 'budget.plan' },
    schema: { tags, summary: 'Remove a plan line (advisors)', params: IdParams('lineId'), response: { 200: Ok } },
  }, async (request) => {
    await deleteLine(request.scope, (request.params as { lineId: string }).lineId);
    return { ok: true as const };
  });

  app.get('/budget/actuals', {
    config: { permission: 'budget.read' },
    schema: { tags, summary: 'Actual lines of a fiscal year or of one month, newest first', querystring: ActualsQuery, response: { 200: z.object({ actuals: z.array(ActualOut), total: z.number() }) } },
  }, async (request) => listActuals(request.scope, request.query));

  app.post('/budget/actuals', {
    config: { permission: 'budget.actuals' },
    schema: { tags, summary: 'Enter what was spent in a month for a category', body: ActualInput, response: { 201: ActualOut } },
  }, async (request, reply) => reply.code(201).send(await createActual(request.scope, request.body)));

  app.delete('/budget/actuals/:actualId', {
    config: { permission: 'budget.actuals' },
    schema: { tags, summary: 'Remove an actual (entered or imported)', params: IdParams('actualId'), response: { 200: Ok } },
  }, async (request) => {
    await deleteActual(request.scope, (request.params as { actualId: string }).actualId);
    return { ok: true as const };
  });

  app.get('/budget/accounts', {
    config: { permission: 'budget.read' },
    schema: { tags, summary: 'How the accounting accounts map to budget categories and seats', response: { 200: z.object({ accounts: z.array(AccountOut) }) } },
  }, async (request) => ({ accounts: await listAccounts(request.scope) }));

  app.put('/budget/accounts', {
    config: { permission: 'budget.actuals' },
    schema: { tags, summary: 'Map an account to a category and seat (again, for one already mapped)', body: AccountInput, response: { 200: AccountOut } },
  }, async (request) => mapAccount(request.scope, request.body));

  app.delete('/budget/accounts/:accountId', {
    config: { permission: 'budget.actuals' },
    schema: { tags, summary: 'Remove an account\u2019s mapping', params: IdParams('accountId'), response: { 200: Ok } },
  }, async (request) => {
    await unmapAccount(request.scope, (request.params as { accountId: string }).accountId);
    return { ok: true as const };
  });

  await app.register((sub: ZodApp, _options, done) => {
    // Only in this context: the CSV body is handed to the route as a stream.
    sub.addContentTypeParser(CSV_TYPES, { bodyLimit: MAX_BYTES }, (_request, payload, next) => next(null, payload));
    sub.post('/budget/actuals/import', {
      config: { permission: 'budget.actuals' },
      bodyLimit: MAX_BYTES,
      schema: {
        tags,
        summary: 'Import actuals from an accounting export (the request body: CSV in any encoding, or an .xlsx workbook): all lines or none; with dryRun=true, report per line what would happen',
        description:
          'Columns: Date, Account or Category, Vendor, Description, Amount (negative or in parentheses for a credit), optionally Seat; the usual names of accounting exports are accepted (Transaction Date, GL Account, Payee, Memo, Debit…). An account is mapped to a category once (PUT /budget/accounts). Lines already imported are left unchanged, so an overlapping export adds only what is new. A file with any bad line imports nothing: a dry run answers 200 with the report, an import answers 400 with every bad line in the error details (path "line N, column C").',
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false'), fileName: z.string().max(255).optional(), ...ImportReadingQuery }),
        consumes: CSV_TYPES,
        response: { 200: ActualsImportReport },
      },
    }, async (request) => {
      const body = request.body;
      if (!isReadable(body as Readable)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file as the request body with Content-Type: text/csv.');
      const length = Number(request.headers['content-length']);
      const report = await importActuals(request.scope, body as Readable, {
        dryRun: request.query.dryRun === 'true',
        fileName: request.query.fileName ?? null,
        totalBytes: Number.isFinite(length) && length > 0 ? length : null,
        encoding: request.query.encoding,
        decimal: request.query.decimal,
        dateFormat: request.query.dateFormat,
      });
      if (report.status === 'rejected' && !report.dryRun) {
        const n = report.rejected;
        throw new AppError(
          'VALIDATION_FAILED',
          n > 0 ? `${n} ${n === 1 ? 'line was' : 'lines were'} refused; nothing was imported.` : 'The file was refused; nothing was imported.',
          report.problems.map((p) => ({ path: p.line === 1 && p.column === '' ? 'file' : `line ${p.line}${p.column ? `, column ${p.column}` : ''}`, message: p.reason })),
        );
      }
      return { ...report, kind: 'actuals' as const };
    });
    done();
  });
}

/** The firm-wide view: each client's budget variance this fiscal year. */
export function budgetFirmRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/budget/variance', {
    schema: { tags, summary: 'Each client the caller may see: this fiscal year\u2019s plan, forecast and variance', response: { 200: FirmBudgetOut } },
  }, async (request) => firmBudget(ctx, authOf(request).user));
}
