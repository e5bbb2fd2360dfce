/**
 * Matching a file's header line to a kind's columns. Headers are compared without case, spaces
 * or punctuation, against each column's own header and its aliases (the names other tools
 * export, in order of preference). When two headers of a file name the same field (Snipe-IT
 * writes both "Model name" and "Model Number"), the one earlier in the preference order is used
 * and the other is reported as set aside, never silently dropped.
 */
import type { ImportProblem } from '../schema.js';
import { headerKey, type ColumnSpec, type KindSpec } from './kit.js';

export interface SetAside {
  /** The header not used. */
  column: string;
  field: string;
  /** The header used for the field instead. */
  used: string;
}

export interface HeaderMap {
  byIndex: (ColumnSpec | null)[];
  headers: string[];
  headerOf: Map<string, string>;
  ignored: string[];
  setAside: SetAside[];
  problems: ImportProblem[];
}

/** Header key -> the column it names and its rank (0: the column's own header, then its aliases in order). */
function lookupOf(spec: KindSpec): Map<string, { column: ColumnSpec; rank: number }> {
  const lookup = new Map<string, { column: ColumnSpec; rank: number }>();
  for (const c of spec.columns) {
    [c.header, ...(c.aliases ?? []), c.field].forEach((name, rank) => {
      const k = headerKey(name);
      if (!lookup.has(k)) lookup.set(k, { column: c, rank });
    });
  }
  return lookup;
}

export function mapHeaders(spec: KindSpec, headers: string[]): HeaderMap {
  const lookup = lookupOf(spec);
  const byIndex: (ColumnSpec | null)[] = [];
  const chosen = new Map<string, { index: number; rank: number }>();
  const ignored: string[] = [];
  const setAside: SetAside[] = [];
  headers.forEach((h, index) => {
    const found = lookup.get(headerKey(h));
    byIndex.push(null);
    if (!found) {
      if (h.trim() !== '') ignored.push(h);
      return;
    }
    const field = found.column.field;
    const before = chosen.get(field);
    if (before && before.rank <= found.rank) {
      setAside.push({ column: h, field, used: headers[before.index]! });
      return;
    }
    if (before) {
      byIndex[before.index] = null;
      setAside.push({ column: headers[before.index]!, field, used: h });
    }
    chosen.set(field, { index, rank: found.rank });
    byIndex[index] = found.column;
  });
  const headerOf = new Map<string, string>();
  for (const [field, { index }] of chosen) headerOf.set(field, headers[index]!);
  const problems: ImportProblem[] = [];
  for (const field of spec.requiredColumns) {
    if (!headerOf.has(field)) {
      const c = spec.columns.find((x) => x.field === field)!;
      problems.push({ line: 1, column: c.header, reason: `the file has no ${c.header} column (accepted headers: ${[c.header, ...(c.aliases ?? [])].join(', ')})` });
    }
  }
  return { byIndex, headers, headerOf, ignored, setAside, problems };
}
