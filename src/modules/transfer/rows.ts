import type { Cell, Row } from './schema.js';

/** A stored row as the file carries it: without client_id, binary data as base64. */
export function encodeRow(stored: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [column, value] of Object.entries(stored)) {
    if (column === 'client_id') continue;
    row[column] = encodeCell(value);
  }
  return row;
}

function encodeCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  throw new Error(`a stored value of type ${typeof value} cannot be exported`);
}

/** A cell as text, for names and ids (binary data has none). */
export function cellText(cell: Cell | undefined): string {
  return typeof cell === 'string' ? cell : typeof cell === 'number' ? String(cell) : '';
}

/** A row of the file as it is stored: base64 back to bytes. */
export function decodeCell(cell: Cell): string | number | null | Buffer {
  return cell !== null && typeof cell === 'object' ? Buffer.from(cell.base64, 'base64') : cell;
}

const UUID_G = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every identifier-shaped text in the rows (columns and JSON inside them alike). */
export function idsIn(rows: Iterable<Row>, into = new Set<string>()): Set<string> {
  for (const row of rows) {
    for (const cell of Object.values(row)) {
      if (typeof cell === 'string') for (const m of cell.matchAll(UUID_G)) into.add(m[0]);
    }
  }
  return into;
}

/**
 * Replaces identifiers by the ones they became (a person matched in the receiving firm, a
 * catalogue version, the client's new id) wherever they occur in a row's text, JSON included;
 * columns listed as frozen are kept byte for byte.
 */
export function remapRow(row: Row, ids: ReadonlyMap<string, string>, frozen: readonly string[] = []): Row {
  if (ids.size === 0) return row;
  const out: Row = {};
  for (const [column, cell] of Object.entries(row)) {
    out[column] = typeof cell === 'string' && !frozen.includes(column) ? cell.replace(UUID_G, (id) => ids.get(id) ?? id) : cell;
  }
  return out;
}

/** Rows ordered so that a row comes after the row of the same table its `column` points to. */
export function parentsFirst(rows: readonly Row[], column: string | undefined): Row[] {
  if (!column) return [...rows];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const done = new Set<unknown>();
  const out: Row[] = [];
  const visit = (r: Row, depth: number): void => {
    if (done.has(r.id) || depth > rows.length) return;
    const parent = byId.get(r[column] ?? null);
    if (parent && parent !== r) visit(parent, depth + 1);
    done.add(r.id);
    out.push(r);
  };
  for (const r of rows) visit(r, 0);
  return out;
}
