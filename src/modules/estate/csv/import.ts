/**
 * CSV import: streams a file, checks every row, and writes the whole file in one transaction.
 *
 * 1. Reading: the file is parsed as a stream; each row is checked on its own (cells, upsert key,
 *    duplicates in the file) and, 500 at a time, against the database (create, update or
 *    unchanged; references to systems, data sets and members). Every bad row is reported with its
 *    line, column and reason. Rows that pass are spooled to a temporary file, so memory holds a
 *    batch, the upsert keys seen so far and the problems, never the file.
 * 2. Writing, only when no row was refused and this is not a dry run: the spooled rows are read
 *    back and written in batches inside ONE transaction, with one audit entry for the file. A
 *    crash or kill in the middle leaves the database as it was.
 *
 * Reading takes no lock, however slowly the file arrives; only the writing phase holds the
 * database's write lock (SQLite) or the touched rows (PostgreSQL).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { ClientScope, Writer } from '../../../server/context.js';
import type { Permission } from '../../../server/policy.js';
import { isId, newId, toTimestamp } from '../../../server/db/conventions.js';
import { AppError, conflict } from '../../../server/errors.js';
import type { CsvKind } from '../vocab.js';
import { KINDS } from './kinds/index.js';
import { headerKey, VendorResolver, type Action, type Batch, type ColumnSpec, type KindSpec, type Planned, type Rec, type RunContext } from './kit.js';
import { isTracked, track, update, type ImportProgress } from './progress.js';
import type { ImportReport } from '../schema.js';
import { IMPORT_RESULTS_SHOWN, type ImportProblem } from '../schema.js';

/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const BATCH = 500;
const MAX_PROBLEMS = 100_000;
const MAX_RESULTS = IMPORT_RESULTS_SHOWN;
const MAX_AUDITED_CHANGES = 200;

export interface ImportOptions {
  kind: CsvKind;
  dryRun?: boolean;
  fileName?: string | null;
  /** The file's size when known, for the progress fraction. */
  totalBytes?: number | null;
  maxBytes?: number;
  /** An id chosen by the caller (a UUID), to poll the progress of this import. */
  importId?: string;
  onProgress?: (p: Readonly<ImportProgress>) => void;
}

/** Picks the delimiter of the header line: comma, semicolon (European spreadsheets) or tab. */
function detectDelimiter(first: Buffer | string): string {
  const text = (typeof first === 'string' ? first : first.toString('utf8')).split(/\r?\n/)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, text.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
}

interface HeaderMap {
  byIndex: (ColumnSpec | null)[];
  headers: string[];
  headerOf: Map<string, string>;
  ignored: string[];
  problems: ImportProblem[];
}

function mapHeaders(spec: KindSpec, headers: string[]): HeaderMap {
  const lookup = new Map<string, ColumnSpec>();
  for (const c of spec.columns) {
    for (const name of [c.header, ...(c.aliases ?? []), c.field]) {
      const k = headerKey(name);
      if (!lookup.has(k)) lookup.set(k, c);
    }
  }
  const byIndex: (ColumnSpec | null)[] = [];
  const headerOf = new Map<string, string>();
  const ignored: string[] = [];
  const problems: ImportProblem[] = [];
  headers.forEach((h) => {
    const c = lookup.get(headerKey(h)) ?? null;
    if (c && headerOf.has(c.field)) {
      problems.push({ line: 1, column: h, reason: `means the same as the column "${headerOf.get(c.field)!}"; keep one of them` });
      byIndex.push(null);
      return;
    }
    if (c) headerOf.set(c.field, h);
    else if (h.trim() !== '') ignored.push(h);
    byIndex.push(c);
  });
  for (const field of spec.requiredColumns) {
    if (!headerOf.has(field)) {
      const c = spec.columns.find((x) => x.field === field)!;
      problems.push({ line: 1, column: c.header, reason: `the file has no ${c.header} column (accepted headers: ${[c.header, ...(c.aliases ?? [])].join(', ')})` });
    }
  }
  return { byIndex, headers, headerOf, ignored, problems };
}

/** A temporary file of the rows that passed, one JSON line each. */
class Spool {
  readonly file = path.join(os.tmpdir(), `triad-import-${newId()}.ndjson`);
  private out: fs.WriteStream | null = fs.createWriteStream(this.file);
  count = 0;

  async write(b: Batch): Promise<void> {
    this.count += 1;
    if (!this.out!.write(`${JSON.stringify([b.line, b.rec])}\n`)) await once(this.out!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = null;
    out.end();
    await once(out, 'finish');
  }

  async *batches(size = BATCH): AsyncIterable<Batch[]> {
    const lines = readline.createInterface({ input: fs.createReadStream(this.file), crlfDelay: Infinity });
    let batch: Batch[] = [];
    for await (const l of lines) {
      if (!l) continue;
      const [line, rec] = JSON.parse(l) as [number, Rec];
      batch.push({ line, rec });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async remove(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.promises.rm(this.file, { force: true });
  }
}

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

/** What the writing phase hands to the caller's `record`, inside the import's transaction. */
export interface ImportedFile {
  importId: string;
  fileName: string | null;
  sha256: string;
  bytes: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  newVendors: string[];
  changes: { line: number; key: string; id: string | undefined; before: unknown; after: unknown }[];
  changesTruncated: number;
  startedAt: string;
  finishedAt: string;
}

/** The options of an import of any kind of rows (the estate's kinds, or another module's). */
export interface ImportRowsOptions extends Omit<ImportOptions, 'kind'> {
  kind: string;
  /** Who may import it. */
  permission: Permission;
  /** Records the file (its import record and audit entry) in the writing transaction. */
  record: (w: Writer, file: ImportedFile) => Promise<void>;
}

/** An import's report; `kind` is the kind's own name. */
export type RowsImportReport = Omit<ImportReport, 'kind'> & { kind: string };

/**
 * Imports one CSV file of the rows `spec` describes: the machinery of importCsv (streaming,
 * per-row checks with line, column and reason, dry run, all rows or none in one transaction)
 * for any module's rows. The caller records the file in `options.record`.
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
  // Progress counts the bytes the parser has turned into rows, not those read ahead of it.
  let parsedBytes = 0;
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
  const actions = spec.after ? new Map<number, Action>() : null;
  const record = (p: Planned): void => {
    if (p.action === 'reject') {
      counts.rejected += 1;
      for (const pr of p.problems) addProblem({ line: p.line, column: pr.column, reason: pr.reason });
    } else counts[p.action === 'create' ? 'created' : p.action === 'update' ? 'updated' : 'unchanged'] += 1;
    actions?.set(p.line, p.action);
    if (results.length < MAX_RESULTS) results.push({ line: p.line, key: p.label, action: p.action, changed: p.changed });
    else resultsTruncated += 1;
  };

  let header: HeaderMap | null = null;
  const vendors = new VendorResolver();
  const runContext = (mode: RunContext['mode'], db: RunContext['db'], resolver: VendorResolver): RunContext => ({
    scope,
    db,
    mode,
    now: toTimestamp(scope.now()),
    vendors: resolver,
    headerOf: (field) => header?.headerOf.get(field) ?? spec.columns.find((c) => c.field === field)?.header ?? field,
  });
  const check = runContext('check', scope.db, vendors);
  const spool = !dryRun || spec.after ? new Spool() : null;
  const seen = new Map<string, number>();
  let batch: Batch[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const planned = await spec.run(check, batch);
    // The writing phase needs the rows that change; a kind with links between rows needs them all.
    const toWrite = new Set(planned.filter((p) => p.action === 'create' || p.action === 'update' || (spec.after && p.action !== 'reject')).map((p) => p.line));
    for (const p of planned) record(p);
    if (spool) for (const b of batch) if (toWrite.has(b.line)) await spool.write(b);
    batch = [];
    report({ bytesRead: parsedBytes, rowsRead: counts.rows });
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
  });

  try {
    const source = counted()[Symbol.asyncIterator]();
    const first = await source.next();
    if (first.done) {
      addProblem({ line: 1, column: '', reason: 'the file is empty' });
      report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
      return finish('rejected');
    }
    const stream = Readable.from(
      (async function* () {
        yield first.value;
        for (let n = await source.next(); !n.done; n = await source.next()) yield n.value;
      })(),
    );
    const parser = parse({ bom: true, delimiter: detectDelimiter(first.value), relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: 1024 * 1024 });
    stream.on('error', (err) => parser.destroy(err));
    stream.pipe(parser);

    let prevLines = 0;
    let prevEmpty = 0;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number; bytes: number } }>) {
        const { record: cells, info } = item;
        parsedBytes = info.bytes;
        const line = prevLines + 1 + (info.empty_lines - prevEmpty);
        prevLines = info.lines;
        prevEmpty = info.empty_lines;
        if (!header) {
          header = mapHeaders(spec, cells);
          if (header.problems.length > 0) {
            for (const p of header.problems) addProblem(p);
            // Read the rest, so the caller's upload completes and the response reaches it.
            for await (const _ of parser) void _;
            report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
            return finish('rejected');
          }
          continue;
        }
        if (cells.every((c) => c === '')) continue;
        counts.rows += 1;
        const rowProblems: ImportProblem[] = [];
        if (cells.length > header.byIndex.length && cells.slice(header.byIndex.length).some((c) => c !== '')) {
          rowProblems.push({ line, column: '', reason: `has ${cells.length} cells but the header has ${header.byIndex.length}` });
        }
        const rec: Rec = {};
        header.byIndex.forEach((col, i) => {
          if (!col) return;
          const raw = cells[i] ?? '';
          if (raw === '') {
            rec[col.field] = null;
            return;
          }
          const parsed = col.parse(raw);
          if (parsed.ok) rec[col.field] = parsed.value;
          else {
            // Present but unreadable: later checks know it was reported already.
            rec[col.field] = undefined;
            rowProblems.push({ line, column: header!.headers[i]!, reason: parsed.reason });
          }
        });
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
          continue;
        }
        batch.push({ line, rec });
        if (batch.length >= BATCH) await flush();
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      // csv-parse stops at malformed CSV (an unclosed quote…): report where, import nothing.
      const e = err as { code?: string; message?: string; lines?: number };
      if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
        addProblem({ line: e.lines ?? prevLines + 1, column: '', reason: `the file is not valid CSV here: ${e.message ?? e.code}` });
        counts.rejected += 1;
        report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
        return finish('rejected');
      }
      throw err;
    }
    if (!header) {
      addProblem({ line: 1, column: '', reason: 'the file has no header line' });
      report({ phase: 'rejected', finishedAt: toTimestamp(scope.now()) });
      return finish('rejected');
    }
    await flush();
    await spool?.close();

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
    const written = await writePhase(scope, spec, spool!, { importId, options, rows: counts.rows, bytes, sha256: hash.copy().digest('hex'), runContext, onWritten: (n) => report({ phase: 'writing', rowsToWrite: spool!.count, rowsWritten: n }) });
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
  }
}

/**
 * Lets the event loop serve other requests between batches: with SQLite every query is
 * synchronous, so without this an import would hold the process for its whole duration.
 */
function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The field whose column names the row's key, for a duplicate-key problem. */
function keyField(spec: KindSpec, rec: Rec): string {
  if (spec.keyField) return spec.keyField(rec);
  if (spec.kind === 'systems') return typeof rec.assetTag === 'string' ? 'assetTag' : 'name';
  if (spec.kind === 'contracts') return 'reference';
  if (spec.kind === 'grants') return 'grantee';
  return 'name';
}

interface WriteArgs {
  importId: string;
  options: ImportRowsOptions;
  /** Data rows in the file (the spool holds only those that change). */
  rows: number;
  bytes: number;
  sha256: string;
  runContext: (mode: RunContext['mode'], db: RunContext['db'], resolver: VendorResolver) => RunContext;
  onWritten: (rows: number) => void;
}

/** Writes the spooled rows in one transaction, with the file's audit entry and import record. */
async function writePhase(scope: ClientScope, spec: KindSpec, spool: Spool, args: WriteArgs): Promise<{ counts: { created: number; updated: number; unchanged: number }; newVendors: string[] }> {
  const startedAt = toTimestamp(scope.now());
  args.onWritten(0);
  return scope.write(async (w) => {
    const resolver = new VendorResolver();
    const ctx = args.runContext('write', w.db, resolver);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const changes: { line: number; key: string; id: string | undefined; before: unknown; after: unknown }[] = [];
    let changesTruncated = 0;
    let written = 0;
    const apply = (planned: Planned[]): void => {
      const refused = planned.filter((p) => p.action === 'reject');
      if (refused.length > 0) {
        throw conflict(
          `The ${Object.hasOwn(KINDS, spec.kind) ? 'estate' : 'records'} changed while the file was being read; nothing was imported. Import the file again.`,
          refused.flatMap((p) => p.problems.map((pr) => ({ path: `line ${p.line}, column ${pr.column}`, message: pr.reason }))).slice(0, 100),
        );
      }
      for (const p of planned) {
        if (p.action === 'create') counts.created += 1;
        else if (p.action === 'unchanged') counts.unchanged += 1;
        else if (p.action === 'update') {
          counts.updated += 1;
          if (changes.length < MAX_AUDITED_CHANGES) changes.push({ line: p.line, key: p.label, id: p.id, before: p.before ?? null, after: p.after ?? { changed: p.changed } });
          else changesTruncated += 1;
        }
      }
    };
    for await (const part of spool.batches()) {
      apply(await spec.run(ctx, part));
      written += part.length;
      args.onWritten(written);
      await yieldToOthers();
    }
    if (spec.after) {
      for await (const part of spool.batches()) {
        for (const p of await spec.after(ctx, part)) {
          if (p.action === 'reject') apply([p]);
        }
      }
    }
    const newVendors = [...resolver.created.values()];
    await args.options.record(w, {
      importId: args.importId,
      fileName: args.options.fileName ?? null,
      sha256: args.sha256,
      bytes: args.bytes,
      rows: args.rows,
      created: counts.created,
      updated: counts.updated,
      unchanged: args.rows - counts.created - counts.updated,
      newVendors,
      changes,
      changesTruncated,
      startedAt,
      finishedAt: toTimestamp(scope.now()),
    });
    return { counts, newVendors };
  });
}
