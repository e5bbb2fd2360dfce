/**
 * Writing tables for spreadsheets, the same on the server and in the web app: cells that a
 * spreadsheet would run as a formula are neutralised, and CSV text starts with a byte-order
 * mark so Excel reads it as UTF-8.
 */

/** The characters that make Excel, LibreOffice or Sheets read a cell as a formula (or a DDE call). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell safe to open in a spreadsheet (OWASP's advice on CSV injection): text that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote, which the
 * spreadsheet shows as text. Plain numbers (`-12.5`) are left as they are. Triad's import reads
 * such a cell back without the quote.
 */
export function neutralise(cell: string): string {
  if (!FORMULA_START.test(cell)) return cell;
  if (/^-\d+(\.\d+)?$/.test(cell)) return cell;
  return `'${cell}`;
}

/** A cell of a file read back: one that {@link neutralise} prefixed (`'=…`) is read as written. */
export function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The byte-order mark that tells Excel a CSV file is UTF-8. */
export const BOM = '\uFEFF';

/** One CSV line (RFC 4180 quoting), its cells neutralised. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return (
    cells
      .map((c) => {
        const s = c === null || c === undefined ? '' : neutralise(String(c));
        return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}

/** A whole table as CSV text for Excel: the BOM, the header line, the rows. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + csvLine(header) + rows.map(csvLine).join('');
}

/** A file name from a title: letters, digits and hyphens. */
export function fileSlug(title: string): string {
  return title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase() || 'export';
}
