import { invalid } from '../../server/errors.js';

/** Parses an export file's text; a syntax error is named with its line and column. */
export function parseExportText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : null;
    let where = 'file';
    if (offset !== null) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      where = `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    throw invalid('The file is not valid JSON.', [{ path: where, message }]);
  }
}

/** `kestrel-precision-manufacturing-2026-11-26.triad.json`. */
export function exportFileName(clientName: string, exportedAt: string): string {
  const slug = clientName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'client';
  return `${slug}-${exportedAt.slice(0, 10)}.triad.json`;
}
