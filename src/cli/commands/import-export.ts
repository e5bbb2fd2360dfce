import type { Command } from 'commander';
import { CliError, parseFormat, printJson } from '../output.js';
import { plural } from '../../shared/plural.js';

import type { ImportReport } from '../../modules/estate/schema.js';
import type { ImportProgress } from '../../modules/estate/csv/progress.js';

// The kinds are listed here rather than imported, so that loading the CLI stays light.
const KINDS = ['services', 'systems', 'vendors', 'contracts', 'datasets', 'grants'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(value: string): Kind {
  if ((KINDS as readonly string[]).includes(value)) return value as Kind;
  throw new CliError(`KIND must be one of ${KINDS.join(', ')} (got "${value}")`, 2);
}

/**
 * `triad import KIND FILE --client ID [--dry-run]` and `triad export KIND --client ID [--out FILE]`:
 * CSV files of the estate, through the same import and export as the API. Everything heavy is
 * imported inside the actions.
 */
export function registerImportExport(program: Command): void {
  program
    .command('import <kind> <file>')
    .description(`Import a CSV file or an Excel workbook into a client, all rows or none (KIND: ${KINDS.join(', ')}; FILE - reads standard input)`)
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--dry-run', 'check the file and report per row what would happen, and how the first rows were read; write nothing')
    .option('--format <format>', 'table or json (the full report)', 'table')
    .option('--encoding <name>', 'the file\'s encoding when detection gets it wrong (utf-8, utf-16le, windows-1252…)')
    .option('--decimal <mark>', 'the decimal mark of amounts: . or , (guessed from the file otherwise)')
    .option('--date-format <order>', 'DMY, MDY or YMD for dates not written YYYY-MM-DD (guessed from the file otherwise)')
    .option('--quiet', 'no progress on standard error')
    .action(async (kind: string, file: string, opts: ImportOpts) => {
      await importFile(kindOf(kind), file, opts);
    });

  program
    .command('export <kind>')
    .description(`Export a client's records as CSV (for Excel) or an Excel workbook, on standard output by default (KIND: ${KINDS.join(', ')})`)
    .requiredOption('--client <client>', 'the client\'s id or name (see `triad client list`)')
    .option('--out <file>', 'write to this file instead (- is standard output)')
    .option('--format <format>', 'csv or xlsx (default: from the --out file\'s extension, else csv)')
    .action(async (kind: string, opts: { client: string; out?: string; format?: string }) => {
      await exportFile(kindOf(kind), opts);
    });
}

interface ImportOpts {
  client: string;
  dryRun?: boolean;
  format: string;
  quiet?: boolean;
  encoding?: string;
  decimal?: string;
  dateFormat?: string;
}

async function importFile(kind: Kind, file: string, opts: ImportOpts): Promise<void> {
  const format = parseFormat(opts.format, ['json', 'table'] as const, 'table');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const decimal = opts.decimal === undefined ? undefined : opts.decimal === '.' || opts.decimal === ',' ? opts.decimal : undefined;
  if (opts.decimal !== undefined && !decimal) throw new CliError(`--decimal must be . or , (got "${opts.decimal}")`, 2);
  const dateFormat = opts.dateFormat?.toUpperCase();
  if (dateFormat !== undefined && !['DMY', 'MDY', 'YMD'].includes(dateFormat)) throw new CliError(`--date-format must be DMY, MDY or YMD (got "${opts.dateFormat}")`, 2);
  const stdin = file === '-';
  let size: number | null = null;
  if (!stdin) {
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new CliError(`cannot read ${file}`, 2);
    }
  }
  const { withApp } = await import('../context.js');
  const report = await withApp(async (ctx) => {
    const { cliScope } = await import('./admin.js');
    const { importCsv } = await import('../../modules/estate/csv/import.js');
    const { AppError } = await import('../../server/errors.js');
    const scope = await cliScope(ctx, opts.client);
    const show = opts.quiet ? undefined : progressPrinter();
    try {
      return await importCsv(scope, stdin ? process.stdin : fs.createReadStream(file), {
        kind, dryRun: opts.dryRun ?? false, fileName: stdin ? null : path.basename(file), totalBytes: size, onProgress: show,
        encoding: opts.encoding, decimal, dateFormat: dateFormat as 'DMY' | 'MDY' | 'YMD' | undefined,
      });
    } catch (err) {
      if (err instanceof AppError) throw new CliError([err.message, ...err.details.map((d) => `  ${d.path}: ${d.message}`)].join('\n'));
      throw err;
    } finally {
      if (show && process.stderr.isTTY) process.stderr.write('\n');
    }
  });
  if (format === 'json') printJson(report);
  else printReport(report);
  if (report.status === 'rejected') {
    const n = report.rejected;
    throw new CliError(n > 0 ? `${plural(n, 'row was', 'rows were')} refused; nothing was imported.` : 'the file was refused; nothing was imported.');
  }
}

/** Progress on standard error: one updating line on a terminal, else a line per tenth. */
function progressPrinter(): (p: Readonly<ImportProgress>) => void {
  let lastStep = -1;
  let lastPhase = '';
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return (p) => {
    const text =
      p.phase === 'reading'
        ? `reading: ${plural(p.rowsRead, 'row')} checked${p.totalBytes ? `, ${mb(p.bytesRead)} of ${mb(p.totalBytes)}` : ''}`
        : p.phase === 'writing'
          ? `writing: ${p.rowsWritten.toLocaleString('en-US')} of ${plural(p.rowsToWrite, 'row')}`
          : '';
    if (!text) return;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${text}\u001b[K`);
      return;
    }
    const step = Math.floor(p.fraction * 10);
    if (step !== lastStep || p.phase !== lastPhase) {
      lastStep = step;
      lastPhase = p.phase;
      process.stderr.write(`${text}\n`);
    }
  };
}

function printReport(r: ImportReport): void {
  const n = (x: number): string => x.toLocaleString('en-US');
  const out: string[] = [];
  if (r.reading) {
    const rd = r.reading;
    const how = rd.format === 'xlsx' ? `an Excel workbook (sheet ${rd.sheet ?? ''})` : `CSV in ${rd.encoding ?? ''} (${rd.encodingSource ?? ''}), separated by ${rd.delimiter === '\t' ? 'tabs' : `"${rd.delimiter ?? ','}"`}`;
    out.push(`Read as ${how}; decimal mark "${rd.decimal}" (${rd.decimalSource})${rd.dateFormat ? `; dates ${rd.dateFormat} (${rd.dateFormatSource ?? ''})` : ''}.`);
  }
  for (const row of r.sample.slice(0, 3)) {
    const cells = row.cells.filter((c) => c.raw !== '' && c.raw !== c.read).map((c) => `${c.column}: ${c.raw} \u2192 ${c.problem ?? c.read}`);
    if (cells.length > 0) out.push(`  line ${row.line}: ${cells.join('; ')}`);
  }
  if (r.ignoredColumns.length > 0) out.push(`Ignored columns: ${r.ignoredColumns.join(', ')}`);
  for (const a of r.setAside) out.push(`Column ${a.column} not used: ${a.used} gives the ${a.field}.`);
  for (const u of r.unknownValues) out.push(`Unknown ${u.field} "${u.value}" on ${plural(u.rows, 'row')}: map it to ${u.choices.join(', ')} (import settings).`);
  for (const note of r.notes) out.push(`${note.note} on ${plural(note.rows, 'row')}.`);
  if (r.status === 'rejected') {
    for (const p of r.problems) out.push(`line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`);
    if (r.problemsTruncated > 0) out.push(`… and ${plural(r.problemsTruncated, 'more problem')}`);
    process.stderr.write(out.join('\n') + '\n');
    return;
  }
  const vendors = r.newVendors.length > 0 ? ` New vendors: ${r.newVendors.join(', ')}.` : '';
  if (r.status === 'checked') {
    out.push(`Checked ${plural(r.rows, 'row')} of ${r.fileName ?? r.kind}: would create ${n(r.created)}, update ${n(r.updated)}, leave ${n(r.unchanged)} unchanged.${vendors} Nothing was written (dry run).`);
    for (const x of r.results.filter((x) => x.action !== 'unchanged').slice(0, 50)) out.push(`  line ${x.line}: ${x.action} ${x.key}${x.changed.length ? ` (${x.changed.join(', ')})` : ''}`);
  } else {
    out.push(`Imported ${plural(r.rows, r.kind.replace(/s$/, ''), r.kind)} from ${r.fileName ?? 'the file'}: ${n(r.created)} created, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged, in ${(r.durationMs / 1000).toFixed(1)} s.${vendors}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

async function exportFile(kind: Kind, opts: { client: string; out?: string; format?: string }): Promise<void> {
  const out = opts.out === '-' ? undefined : opts.out;
  const format = parseFormat(opts.format, ['csv', 'xlsx'] as const, out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
  const { withApp } = await import('../context.js');
  const { pipeline } = await import('node:stream/promises');
  const fs = await import('node:fs');
  await withApp(async (ctx) => {
    const { cliScope } = await import('./admin.js');
    const { exportRows } = await import('../../modules/estate/csv/export.js');
    const scope = await cliScope(ctx, opts.client);
    if (out) {
      const tmp = `${out}.partial`;
      await pipeline(exportRows(scope, kind, format), fs.createWriteStream(tmp));
      fs.renameSync(tmp, out);
    } else {
      await pipeline(exportRows(scope, kind, format), process.stdout, { end: false });
    }
  });
}
