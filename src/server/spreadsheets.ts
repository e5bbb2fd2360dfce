/**
 * Tables as files for spreadsheets, streamed: CSV for Excel (a byte-order mark, cells that would
 * run as formulas neutralised: src/shared/spreadsheet.ts) or an Excel workbook (.xlsx, written
 * a row at a time with exceljs's streaming writer, loaded with the first workbook written).
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutralise } from '../shared/spreadsheet.js';

export const SPREADSHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type Cell = string | number | null | undefined;

/** A CSV stream: the BOM, the header, the rows; every cell neutralised. */
export function csvStream(header: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Readable {
  const source = Readable.from(rows, { objectMode: true });
  const out = stringify({ bom: true, header: true, columns: [...header], record_delimiter: 'windows', cast: { string: (s) => neutralise(s) } });
  source.on('error', (err) => out.destroy(err));
  return source.pipe(out);
}

/** An .xlsx stream of one sheet: a bold header row, then the rows (numbers stay numbers). */
export function xlsxStream(sheetName: string, header: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const { default: Excel } = await import('exceljs');
      const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
      const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1');
      const head = sheet.addRow([...header]);
      head.font = { bold: true };
      head.commit();
      for await (const row of rows) sheet.addRow(row.map((c) => (c === undefined ? null : c))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

/** A table as a stream in the format asked for. */
export function spreadsheetStream(format: SpreadsheetFormat, sheetName: string, header: readonly string[], rows: AsyncIterable<Cell[]> | Iterable<Cell[]>): Readable {
  return format === 'xlsx' ? xlsxStream(sheetName, header, rows) : csvStream(header, rows);
}
