import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ClientScope } from '../../../server/context.js';
import type { CsvKind } from '../vocab.js';
import { KINDS } from './kinds/index.js';
import { exportedColumns } from './kit.js';

/** The headers the export of `kind` writes (the import reads them back). */
export function exportHeaders(kind: CsvKind): string[] {
  return exportedColumns(KINDS[kind]).map((c) => c.header);
}

/**
 * The client's records of `kind` as a CSV stream (header line first), read from the database a
 * page at a time, so an export of any size runs in little memory.
 */
export function exportCsv(scope: ClientScope, kind: CsvKind): Readable {
  scope.require('estate.read');
  const spec = KINDS[kind];
  const rows = Readable.from(spec.rows(scope), { objectMode: true });
  const out = stringify({ header: true, columns: exportHeaders(kind) });
  rows.on('error', (err) => out.destroy(err));
  return rows.pipe(out);
}
