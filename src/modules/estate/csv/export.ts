import type { Readable } from 'node:stream';
import type { ClientScope } from '../../../server/context.js';
import { spreadsheetStream, type SpreadsheetFormat } from '../../../server/spreadsheets.js';
import type { CsvKind } from '../vocab.js';
import { KINDS } from './kinds/index.js';
import { exportedColumns } from './kit.js';

/** The headers the export of `kind` writes (the import reads them back). */
export function exportHeaders(kind: CsvKind): string[] {
  return exportedColumns(KINDS[kind]).map((c) => c.header);
}

/**
 * The client's records of `kind` as CSV for Excel (byte-order mark, formula cells neutralised)
 * or as an .xlsx workbook, read from the database a page at a time, so an export of any size
 * runs in little memory.
 */
export function exportRows(scope: ClientScope, kind: CsvKind, format: SpreadsheetFormat = 'csv'): Readable {
  scope.require('estate.read');
  return spreadsheetStream(format, kind, exportHeaders(kind), KINDS[kind].rows(scope));
}

/** The records of `kind` as CSV. */
export function exportCsv(scope: ClientScope, kind: CsvKind): Readable {
  return exportRows(scope, kind, 'csv');
}
