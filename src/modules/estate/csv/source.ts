/**
 * Turns an uploaded file into rows of cells: a CSV file in any of the encodings spreadsheets and
 * asset tools write (UTF-8 with or without a byte-order mark, UTF-16, Windows-1252 and its
 * neighbours; detected with jschardet, decoded with iconv-lite) and any delimiter (comma,
 * semicolon, tab), or an Excel workbook (.xlsx, its first sheet, read with exceljs).
 */
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { AppError } from '../../../server/errors.js';

/** What a file of rows may be sent as: CSV (any encoding) or an Excel workbook. */
export const IMPORT_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'text/tab-separated-values', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

/** The largest workbook an import reads (a workbook is read whole, unlike a CSV file). */
export const MAX_XLSX_BYTES = 50 * 1024 * 1024;
/** How much of the start of a file the encoding is detected from. */
const SNIFF_BYTES = 64 * 1024;
/** The encodings jschardet may choose among: those of spreadsheets in Europe and the Americas. */
const CANDIDATES = ['UTF-8', 'ascii', 'windows-1252', 'windows-1250', 'windows-1251', 'ISO-8859-2', 'UTF-16LE', 'UTF-16BE'];

export interface SourceInfo {
  format: 'csv' | 'xlsx';
  /** The encoding the text was decoded with (null for a workbook). */
  encoding: string | null;
  /** How it was chosen: its byte-order mark, detected from the bytes, or given by the person. */
  encodingSource: 'bom' | 'detected' | 'given' | null;
  /** The delimiter of a CSV file. */
  delimiter: string | null;
  /** The worksheet a workbook was read from. */
  sheet: string | null;
}

export interface SourceRow {
  /** Line of the file (CSV) or row of the sheet (workbook), 1 being the header. */
  line: number;
  cells: string[];
}

export interface Source {
  info: SourceInfo;
  rows: AsyncIterable<SourceRow>;
  /** Characters (CSV) or bytes (workbook) turned into rows so far, for progress. */
  parsed(): number;
}

type Input = AsyncIterable<Buffer | string>;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Picks the delimiter of the header line: comma, semicolon (European spreadsheets) or tab. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r\n|\r|\n/)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  const best = counts.sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * The encoding of a file's first bytes, and how it was found. jschardet is loaded only for a
 * file that is neither marked nor valid UTF-8.
 */
export async function detectEncoding(head: Buffer): Promise<{ encoding: string; source: 'bom' | 'detected' }> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'UTF-8', source: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'UTF-16LE', source: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'UTF-16BE', source: 'bom' };
  // UTF-16 without a mark: text of Latin letters has a zero byte beside every character.
  const n = Math.min(head.length, 4096);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) zeroEven += 1;
    else zeroOdd += 1;
  }
  if (zeroOdd > n / 4 && zeroEven < n / 20) return { encoding: 'UTF-16LE', source: 'detected' };
  if (zeroEven > n / 4 && zeroOdd < n / 20) return { encoding: 'UTF-16BE', source: 'detected' };
  // Valid UTF-8 (a sequence cut by the end of the sample does not count against it) is UTF-8.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && (head[end - 1]! & 0xc0) === 0x80) end -= 1;
  if (end > 0 && head[end - 1]! >= 0xc0) end -= 1;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return { encoding: 'UTF-8', source: 'detected' };
  } catch {
    // Not UTF-8: one of the single-byte code pages.
  }
  const { default: jschardet } = await import('jschardet');
  const found = jschardet.detect(head, { detectEncodings: CANDIDATES });
  const name = found.encoding && iconv.encodingExists(found.encoding) && !/^(utf-8|ascii)$/i.test(found.encoding) ? found.encoding : 'windows-1252';
  return { encoding: name.toLowerCase().startsWith('windows') ? name.toLowerCase() : name, source: 'detected' };
}

function isXlsx(head: Buffer, fileName: string | null | undefined): boolean {
  return head.subarray(0, 4).equals(ZIP) || /\.xlsx$/i.test(fileName ?? '');
}

/** Reads the first chunks of `input` until `bytes` are known, and gives back an iterator of the whole. */
async function peek(input: Input, bytes: number): Promise<{ head: Buffer; all: Input; empty: boolean }> {
  const it = input[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const n = await it.next();
    if (n.done) {
      done = true;
      break;
    }
    const b = typeof n.value === 'string' ? Buffer.from(n.value) : n.value;
    taken.push(b);
    size += b.length;
  }
  const head = Buffer.concat(taken);
  async function* all(): AsyncIterable<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (let n = await it.next(); !n.done; n = await it.next()) yield typeof n.value === 'string' ? Buffer.from(n.value) : n.value;
  }
  return { head, all: all(), empty: head.length === 0 };
}

/** Opens a file: null when it is empty. */
export async function openSource(input: Input, options: { encoding?: string | undefined; fileName?: string | null | undefined }): Promise<Source | null> {
  const { head, all, empty } = await peek(input, SNIFF_BYTES);
  if (empty) return null;
  if (isXlsx(head, options.fileName)) return openWorkbook(all);
  let encoding: string;
  let source: 'bom' | 'detected' | 'given';
  const given: string | undefined = options.encoding;
  if (given) {
    const known = iconv.encodingExists(String(given));
    if (!known) throw new AppError('VALIDATION_FAILED', `Triad cannot read the encoding "${given}".`, [{ path: 'encoding', message: 'write utf-8, utf-16le, windows-1252, …' }]);
    encoding = given;
    source = 'given';
  } else ({ encoding, source } = await detectEncoding(head));
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  let firstText = '';
  async function* text(): AsyncIterable<string> {
    for await (const chunk of all) {
      const s = decoder.write(chunk as Buffer);
      if (!firstText) firstText = s;
      if (s) yield s;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
  const texts = text()[Symbol.asyncIterator]();
  const first = await texts.next();
  const firstChunk = first.done ? '' : first.value;
  const delimiter = detectDelimiter(firstChunk);
  const stream = Readable.from(
    (async function* () {
      if (firstChunk) yield firstChunk;
      for (let n = await texts.next(); !n.done; n = await texts.next()) yield n.value;
    })(),
  );
  const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, max_record_size: 1024 * 1024 });
  stream.on('error', (err) => parser.destroy(err));
  // The parser reads ahead of its reader: malformed CSV (an unclosed quote) may stop it before
  // the reader asks for the rows, or after the reader stopped. Kept here, and given to the reader.
  let failed: Error | null = null;
  parser.on('error', (err: Error) => (failed ??= err));
  stream.pipe(parser);
  let parsedChars = 0;
  async function* rows(): AsyncIterable<SourceRow> {
    let prevLines = 0;
    let prevEmpty = 0;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number; bytes: number } }>) {
        const { record, info } = item;
        parsedChars = info.bytes;
        const line = prevLines + 1 + (info.empty_lines - prevEmpty);
        prevLines = info.lines;
        prevEmpty = info.empty_lines;
        yield { line, cells: record };
      }
    } catch (err) {
      throw failed ?? err;
    }
    if (failed) throw failed;
  }
  return { info: { format: 'csv', encoding, encodingSource: source, delimiter, sheet: null }, rows: rows(), parsed: () => parsedChars };
}

/** A workbook cell as text: dates as YYYY-MM-DD, numbers as written by JavaScript (decimal point). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object') {
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return '';
}

async function openWorkbook(all: Input): Promise<Source> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of all) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_XLSX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `A workbook is read whole; it must be under ${MAX_XLSX_BYTES / 1024 / 1024} MB. Save it as CSV to import a larger file.`);
    parts.push(b);
  }
  // exceljs is large: loaded for the first workbook, not with the server.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The file is not a workbook Triad can read (.xlsx); save it as .xlsx or CSV.', [{ path: 'file', message: 'not a readable .xlsx workbook' }]);
  }
  const sheet = workbook.worksheets[0];
  let done = 0;
  async function* rows(): AsyncIterable<SourceRow> {
    if (!sheet) return;
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
      done = Math.round((size * r) / Math.max(1, sheet.rowCount));
      // A large sheet is read in the request's turn: let other requests through now and then.
      if (r % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (cells.length > 0) yield { line: r, cells };
    }
  }
  return { info: { format: 'xlsx', encoding: null, encodingSource: null, delimiter: null, sheet: sheet?.name ?? null }, rows: rows(), parsed: () => done };
}
