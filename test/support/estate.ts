/**
 * CSV files for the estate's import tests and benchmark: an asset tool's export (the headers of
 * common asset tools), generated row by row so that large files never sit in memory.
 */
export const ASSET_HEADERS = ['Asset Tag', 'Name', 'Serial', 'Model', 'Manufacturer', 'Category', 'Supplier', 'Location', 'Purchase Date', 'Purchase Cost', 'Warranty (months)', 'EOL Date', 'Status'];

const CATEGORIES = ['Laptop', 'Desktop', 'Monitor', 'Server', 'Switch', 'Phone'];
const MAKERS = ['Dell', 'HP', 'Lenovo', 'Apple'];
const SUPPLIERS = ['CDW', 'Insight', 'SHI', 'Dell Direct'];
const STATUSES = ['Deployed', 'Ready to Deploy', 'Archived', 'Pending', 'Out for Repair'];

/** One asset row; `i` decides everything, so a test can work out what row i holds. */
export function assetRow(i: number, prefix = 'A'): string[] {
  const year = 2020 + (i % 6);
  const month = String(1 + (i % 12)).padStart(2, '0');
  return [
    `${prefix}-${String(i).padStart(6, '0')}`,
    i % 3 === 0 ? '' : `Device ${i}`,
    `SN${i * 7919}`,
    `Model ${i % 40}`,
    MAKERS[i % 4]!,
    CATEGORIES[i % 6]!,
    SUPPLIERS[i % 4]!,
    `Site ${i % 25}`,
    `${year}-${month}-15`,
    (500 + (i % 2000)).toFixed(2),
    '36',
    `${year + 5}-${month}-15`,
    STATUSES[i % 5]!,
  ];
}

export function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';
}

/** An asset CSV of `rows` rows, as text. */
export function assetCsv(rows: number, prefix = 'A'): string {
  let out = csvLine(ASSET_HEADERS);
  for (let i = 0; i < rows; i++) out += csvLine(assetRow(i, prefix));
  return out;
}

/** The same, as a stream of chunks (for files too large to build as one string). */
export function* assetCsvChunks(rows: number, prefix = 'A', rowsPerChunk = 1000): Generator<string> {
  yield csvLine(ASSET_HEADERS);
  for (let start = 0; start < rows; start += rowsPerChunk) {
    let chunk = '';
    for (let i = start; i < Math.min(rows, start + rowsPerChunk); i++) chunk += csvLine(assetRow(i, prefix));
    yield chunk;
  }
}
