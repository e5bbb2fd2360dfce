/**
 * Import of a file of rows (CSV in any encoding and delimiter, or an Excel workbook): streams it,
 * checks every row, and writes the whole file in one transaction.
 *
 * 1. Reading: the file is opened (source.ts: encoding, delimiter or workbook), its header matched
 *    to the kind's columns (headers.ts), and its first rows read to settle its locale (decimal
 *    mark, date order: locale.ts), unless given. Each row is then checked on its own (cells, upsert
 *    key, duplicates in the file) and, 500 at a time, against the database (create, update or
 *    unchanged; references to systems, data sets and members). Every bad row is reported with its
 *    line, column and reason. Rows that pass are spooled to a temporary file, so memory holds a
 *    batch, the upsert keys seen so far and the problems, never the file. A kind that can
 *    (systems) also spools each row as it is to be written (prepared.ts).
 * 2. Writing, only when no row was refused and this is not a dry run: the spooled rows are read
 *    back and written in batches inside ONE transaction, with one audit entry for the file. If
 *    nothing of the client's changed since reading began, prepared rows are written as they are;
 *    otherwise every row is checked again, inside the transaction, against what is there now. A
 *    crash or kill in the middle leaves the database as it was.
 *
 * Reading takes no lock, however slowly the file arrives; only the writing phase holds the
 * database's write lock (SQLite) or the touched rows (PostgreSQL).
 */
import { createHash } from 'node:crypto';
import { unneutralise } from '../../../shared/spreadsheet.js';
import type { ClientScope } from '../../../server/context.js';
import { isId, newId, toTimestamp } from '../../../server/db/conventions.js';
import { AppError, conflict } from '../../../server/errors.js';
import type { ImportReading, ImportReport, ImportSampleRow, ImportUnknownValue } from '../schema.js';
import { IMPORT_RESULTS_SHOWN, type ImportProblem } from '../schema.js';
import { mapHeaders, type HeaderMap } from './headers.js';
import { KINDS } from './kinds/index.js';
import { VendorResolver, type Action, type Batch, type KindSpec, type Planned, type Rec, type RunContext } from './kit.js';
import { describeValue, LocaleEvidence, type ReadLocale } from './locale.js';
import { loadClientWords, vocabularyOf, vocabularyParser } from './mapping.js';
import { isTracked, track, update, type ImportProgress } from './progress.js';
import { openSource, type SourceRow } from './source.js';
import { PreparedRows } from './prepared.js';
import { batchSpool } from './spool.js';
import type { CellParser } from './values.js';
import { writePhase, yieldToOthers } from './write-phase.js';
import type { ImportOptions, ImportRowsOptions, RowsImportReport } from './options.js';

export type { ImportedFile, ImportOptions, ImportRowsOptions, RowsImportReport } from './options.js';

/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const BATCH = 500;
const MAX_PROBLEMS = 100_000;
const MAX_RESULTS = IMPORT_RESULTS_SHOWN;
/** Rows read before the locale is settled. */
const LOCALE_SAMPLE_ROWS = 1000;
/** Rows the report shows as read. */
const SAMPLE_SHOWN = 5;


/**
 * Imports one CSV file of `kind` into the scope's client: all rows or none. A dry run (or a file
 * with any bad row) reports per row what would be created, updated or refused, and why, and
 * writes nothing.
 */
export async function importCsv(scope: ClientScope, input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, options: ImportOptions): Promise<ImportReport> {
  const report = await importRows(scope, input, KINDS[options.kind], {
    ...options,
    permission: 'estate.import',
    record: async (w, file) => {
      await w.db
        .insertInto('estate_imports', {
          id: file.importId, kind: options.kind, file_name: file.fileName, sha256: file.sha256, bytes: file.bytes, rows: file.rows, created: file.created, updated: file.updated,
          unchanged: file.unchanged, actor_id: scope.actor.userId, actor_label: scope.actor.label, started_at: file.startedAt, finished_at: file.finishedAt,
        })
        .execute();
      // One entry for the file: what it was (name, SHA-256), what it did, and the field-level
      // before/after of the first updated records; the created ones are the file's own rows.
      await w.audit({
        action: 'estate.import',
        entityType: 'import',
        entityId: file.importId,
        after: {
          kind: options.kind, fileName: file.fileName, sha256: file.sha256, bytes: file.bytes, rows: file.rows, created: file.created, updated: file.updated,
          unchanged: file.unchanged, newVendors: file.newVendors.slice(0, 100), changes: file.changes, changesTruncated: file.changesTruncated,
        },
      });
    },
  });
  return report as ImportReport;
}

/**
 * Imports one file of the rows `spec` describes: the machinery of importCsv (streaming, per-row
 * checks with line, column and reason, dry run, all rows or none in one transaction) for any
 * module's rows. The caller records the file in `options.record`.
 */
export async function importRows(scope: ClientScope, input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, spec: KindSpec, options: ImportRowsOptions): Promise<RowsImportReport> {
  scope.require(options.permission);
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const importId = options.importId && isId(options.importId) ? options.importId : newId();
  if (options.importId) {
    // The caller's id names one import of this client: not one that runs or was written already.
    const taken = isTracked(scope.clientId, importId) || (await scope.db.selectFrom('estate_imports').select('id').where('id', '=', importId).executeTakeFirst()) !== undefined;
    if (taken) throw conflict('An import with this importId was already made; choose a new id for each import.', [{ path: 'importId', message: 'already used by another import of this client' }]);
  }
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const progress = track({
    id: importId, clientId: scope.clientId, kind: options.kind, fileName: options.fileName ?? null, dryRun, actorId: scope.actor.userId, phase: 'reading',
    bytesRead: 0, totalBytes: options.totalBytes ?? null, rowsRead: 0, rowsToWrite: 0, rowsWritten: 0, startedAt: toTimestamp(scope.now()), finishedAt: null, fraction: 0, error: null,
  });
  const report = (change: Partial<ImportProgress>): void => {
    update(progress, change);
    options.onProgress?.(progress);
  };

  const hash = createHash('sha256');
  let bytes = 0;
  async function* counted(): AsyncIterable<Buffer | string> {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
      hash.update(chunk);
      yield chunk;
    }
  }

  const problems: ImportProblem[] = [];
  let problemsTruncated = 0;
  const addProblem = (p: ImportProblem): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else problemsTruncated += 1;
  };
  const results: ImportReport['results'] = [];
  let resultsTruncated = 0;
  const counts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const notes = new Map<string, number>();
  const actions = spec.after ? new Map<number, Action>() : null;
  const record = (p: Planned): void => {
    if (p.action === 'reject') {
      counts.rejected += 1;
      for (const pr of p.problems) addProblem({ line: p.line, column: pr.column, reason: pr.reason });
    } else counts[p.action === 'create' ? 'created' : p.action === 'update' ? 'updated' : 'unchanged'] += 1;
    for (const n of p.notes ?? []) notes.set(n, (notes.get(n) ?? 0) + 1);
    actions?.set(p.line, p.action);
    if (results.length < MAX_RESULTS) results.push({ line: p.line, key: p.label, action: p.action, changed: p.changed });
    else resultsTruncated += 1;
  };

  let header: HeaderMap | null = null;
  let reading: ImportReading | null = null;
  const sample: ImportSampleRow[] = [];
  const unknown = new Map<string, ImportUnknownValue>();
  const vendors = new VendorResolver();
  const cache = new Map<string, unknown>();
  const runContext = (mode: RunContext['mode'], db: RunContext['db'], resolver: VendorResolver): RunContext => ({
    scope,
    db,
    mode,
    now: toTimestamp(scope.now()),
    vendors: resolver,
    cache,
    headerOf: (field) => header?.headerOf.get(field) ?? spec.columns.find((c) => c.field === field)?.header ?? field,
  });
  // A kind that can write the rows its check prepared keeps them, with the client's audit head
  // from before the check reads anything (prepared.ts).
  const prepared = await PreparedRows.start(scope, spec, dryRun);
  const check: RunContext = { ...runContext('check', scope.db, vendors), prepare: prepared !== null };
  const spool = !dryRun || spec.after ? batchSpool() : null;
  const seen = new Map<string, number>();
  let batch: Batch[] = [];
  let parsed = (): number => 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const planned = await spec.run(check, batch);
    // The writing phase needs the rows that change; a kind with links between rows needs them all.
    const toWrite = new Set(planned.filter((p) => p.action === 'create' || p.action === 'update' || (spec.after && p.action !== 'reject')).map((p) => p.line));
    for (const p of planned) record(p);
    if (spool) await spool.write(batch.filter((b) => toWrite.has(b.line)));
    await prepared?.add(planned);
    batch = [];
    report({ bytesRead: parsed(), rowsRead: counts.rows });
    await yieldToOthers();
  };

  let readEnded: number | null = null;
  // Set when the write phase starts: a file that changes nothing writes nothing and takes no time writing.
  let wrote = false;
  const finish = (status: ImportReport['status']): RowsImportReport => ({
    importId,
    kind: options.kind,
    fileName: options.fileName ?? null,
    dryRun,
    status,
    ...counts,
    newVendors: [...vendors.created.values()],
    columns: header ? [...header.headerOf].map(([field, h]) => ({ header: h, field })) : [],
    ignoredColumns: header?.ignored ?? [],
    problems: problems.sort((a, b) => a.line - b.line),
    problemsTruncated,
    results: results.sort((a, b) => a.line - b.line),
    resultsTruncated,
    bytes,
    sha256: hash.copy().digest('hex'),
    durationMs: Date.now() - started,
    readingMs: (readEnded ?? Date.now()) - started,
    writingMs: readEnded && wrote && status === 'imported' ? Date.now() - readEnded : 0,
    reading,
    sample,
    setAside: header?.setAside ?? [],
    unknownValues: [...unknown.values()].sort((a, b) => b.rows - a.rows),
    notes: [...notes].map(([note, rows]) => ({ note, rows })),
  });
  const rejectFile = (reason: string | null, drain: AsyncIterator<SourceRow> | null): Promise<RowsImportReport> => {
    if (reason) addProblem({ line: 1, column: '', reason });
    return (async () => {
      // Read the rest, so the caller's upload completes and the response reaches it.
      if (drain) for (let n = await drain.next(); !n.done; n = await drain.next()) void n;
      report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
      return finish('rejected');
    })();
  };

  try {
    const source = await openSource(counted(), { encoding: options.encoding, fileName: options.fileName });
    if (!source) return await rejectFile('the file is empty', null);
    parsed = () => source.parsed();
    const rows = source.rows[Symbol.asyncIterator]();
    const words = await loadClientWords(scope, String(spec.kind));
    let locale: ReadLocale = { decimal: '.', dateOrder: null };
    let parsers: (CellParser<unknown> | null)[] = [];

    const handle = async ({ line, cells: raw }: SourceRow): Promise<void> => {
      const cells = raw.map(unneutralise);
      if (cells.every((c) => c === '')) return;
      counts.rows += 1;
      const rowProblems: ImportProblem[] = [];
      const h = header!;
      // Not text (and PostgreSQL cannot store it): most often a file read in the wrong encoding.
      const nul = cells.findIndex((c) => c.includes('\u0000'));
      if (nul >= 0) {
        rowProblems.push({ line, column: h.headers[nul] ?? '', reason: 'holds a NUL character (byte 0), which is not text; is the file in another encoding?' });
        record({ line, label: `line ${line}`, action: 'reject', problems: rowProblems.map((p) => ({ column: p.column, reason: p.reason })), changed: [] });
        return;
      }
      if (cells.length > h.byIndex.length && cells.slice(h.byIndex.length).some((c) => c !== '')) {
        rowProblems.push({ line, column: '', reason: `has ${cells.length} cells but the header has ${h.byIndex.length}` });
      }
      const shown: ImportSampleRow | null = sample.length < SAMPLE_SHOWN ? { line, cells: [] } : null;
      const rec: Rec = {};
      h.byIndex.forEach((col, i) => {
        if (!col) return;
        const cell = cells[i] ?? '';
        if (cell === '') {
          rec[col.field] = null;
          shown?.cells.push({ column: h.headers[i]!, field: col.field, raw: '', read: '', problem: null });
          return;
        }
        const p = parsers[i]!(cell, locale);
        shown?.cells.push({ column: h.headers[i]!, field: col.field, raw: cell, read: p.ok ? describeValue(p.value) : '', problem: p.ok ? null : p.reason });
        if (p.ok) rec[col.field] = p.value;
        else {
          // Present but unreadable: later checks know it was reported already.
          rec[col.field] = undefined;
          rowProblems.push({ line, column: h.headers[i]!, reason: p.reason });
          const v = vocabularyOf(String(spec.kind), col.field);
          if (v) {
            const k = `${col.field}:${cell.toLowerCase()}`;
            const u = unknown.get(k) ?? { column: h.headers[i]!, field: col.field, value: cell, rows: 0, choices: [...v.choices] };
            u.rows += 1;
            unknown.set(k, u);
          }
        }
      });
      if (shown) sample.push(shown);
      for (const [field, reason] of spec.finish?.(rec) ?? []) rowProblems.push({ line, column: check.headerOf(field), reason });
      const key = spec.key(rec);
      if (Array.isArray(key)) {
        if (rowProblems.length === 0) rowProblems.push({ line, column: check.headerOf(key[0]), reason: key[1] });
      } else {
        const before = seen.get(key.key);
        if (before !== undefined) rowProblems.push({ line, column: check.headerOf(keyField(spec, rec)), reason: `${key.label} is also on line ${before}; a file names each ${spec.noun} once` });
        else seen.set(key.key, line);
      }
      if (rowProblems.length > 0) {
        record({ line, label: Array.isArray(key) ? `line ${line}` : key.label, action: 'reject', problems: rowProblems.map((p) => ({ column: p.column, reason: p.reason })), changed: [] });
        return;
      }
      batch.push({ line, rec });
      if (batch.length >= BATCH) await flush();
    };

    try {
      const first = await rows.next();
      if (first.done) return await rejectFile('the file has no header line', null);
      header = mapHeaders(spec, first.value.cells);
      if (header.problems.length > 0) {
        for (const p of header.problems) addProblem(p);
        return await rejectFile(null, rows);
      }
      parsers = header.byIndex.map((col) => {
        if (!col) return null;
        const v = vocabularyOf(String(spec.kind), col.field);
        return v ? vocabularyParser(v, words.get(col.field)) : col.parse;
      });
      // The locale: what the person gave, else what the first rows say.
      const buffered: SourceRow[] = [];
      const evidence = new LocaleEvidence();
      while (buffered.length < LOCALE_SAMPLE_ROWS) {
        const n = await rows.next();
        if (n.done) break;
        buffered.push(n.value);
        header.byIndex.forEach((col, i) => {
          const cell = n.value.cells[i];
          if (!col || !cell) return;
          if (col.parse.reads === 'date') evidence.date(cell);
          else if (col.parse.reads === 'number') evidence.number(cell);
        });
      }
      const workbook = source.info.format === 'xlsx';
      const given: Partial<ReadLocale> = { ...(options.decimal ? { decimal: options.decimal } : workbook ? { decimal: '.' as const } : {}), ...(options.dateFormat ? { dateOrder: options.dateFormat } : {}) };
      const decided = evidence.decide(given, source.info.delimiter ?? ',');
      locale = decided.locale;
      reading = {
        ...source.info,
        decimal: locale.decimal,
        decimalSource: options.decimal ? 'given' : workbook ? 'workbook' : 'guessed',
        dateFormat: locale.dateOrder,
        dateFormatSource: options.dateFormat ? 'given' : locale.dateOrder ? 'guessed' : null,
      };
      if (decided.problem) return await rejectFile(decided.problem, rows);
      for (const row of buffered) await handle(row);
      buffered.length = 0;
      for (let n = await rows.next(); !n.done; n = await rows.next()) await handle(n.value);
    } catch (err) {
      if (err instanceof AppError) throw err;
      // csv-parse stops at malformed CSV (an unclosed quote…): report where, import nothing.
      const e = err as { code?: string; message?: string; lines?: number };
      if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
        addProblem({ line: e.lines ?? counts.rows + 2, column: '', reason: `the file is not valid CSV here: ${e.message ?? e.code}` });
        counts.rejected += 1;
        report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
        return finish('rejected');
      }
      throw err;
    }
    await flush();
    await spool?.close();
    await prepared?.spool.close();

    // Links between rows of the same file are checked once every row is known.
    if (spec.after && spool) {
      for await (const part of spool.batches()) {
        for (const p of await spec.after(check, part)) {
          const was = actions?.get(p.line);
          if (p.action === 'reject') {
            if (was && was !== 'reject') counts[was === 'create' ? 'created' : was === 'update' ? 'updated' : 'unchanged'] -= 1;
            counts.rejected += 1;
            for (const pr of p.problems) addProblem({ line: p.line, column: pr.column, reason: pr.reason });
          } else if (was === 'unchanged') {
            counts.unchanged -= 1;
            counts.updated += 1;
            const r = results.find((x) => x.line === p.line);
            if (r) {
              r.action = 'update';
              r.changed = [...r.changed, ...p.changed];
            }
          }
          actions?.set(p.line, p.action === 'reject' ? 'reject' : (was ?? p.action));
        }
      }
    }

    readEnded = Date.now();
    seen.clear();
    if (counts.rejected > 0 || problems.length > 0) {
      report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
      return finish('rejected');
    }
    if (dryRun) {
      report({ phase: 'done', finishedAt: toTimestamp(scope.now()) });
      return finish('checked');
    }
    // A file that changes nothing writes nothing (and so needs no audit entry).
    if (spool!.count === 0) {
      report({ phase: 'done', finishedAt: toTimestamp(scope.now()) });
      return finish('imported');
    }
    // Rows found unchanged while reading are not spooled (unless the kind links rows to each other).
    const notSpooled = spec.after ? 0 : counts.unchanged;
    wrote = true;
    const written = await writePhase(scope, spec, spool!, { importId, options, rows: counts.rows, bytes, sha256: hash.copy().digest('hex'), runContext, onWritten: (n) => report({ phase: 'writing', rowsToWrite: spool!.count, rowsWritten: n }), prepared: prepared?.usable ? prepared : null });
    Object.assign(counts, written.counts);
    counts.unchanged += notSpooled;
    vendors.created.clear();
    for (const name of written.newVendors) vendors.created.set(name, name);
    report({ phase: 'done', rowsWritten: spool!.count, finishedAt: toTimestamp(scope.now()) });
    return finish('imported');
  } catch (err) {
    report({ phase: 'failed', finishedAt: toTimestamp(scope.now()), error: err instanceof Error ? err.message : String(err) });
    throw err;
  } finally {
    await spool?.remove();
    await prepared?.spool.remove();
  }
}

/** The field whose column names the row's key, for a duplicate-key problem. */
function keyField(spec: KindSpec, rec: Rec): string {
  if (spec.keyField) return spec.keyField(rec);
  if (spec.kind === 'systems') return typeof rec.assetTag === 'string' ? 'assetTag' : 'name';
  if (spec.kind === 'contracts') return 'reference';
  if (spec.kind === 'grants') return 'grantee';
  return 'name';
}
