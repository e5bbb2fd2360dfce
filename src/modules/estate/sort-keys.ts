/**
 * The estate's stored sort keys: natural-order keys of names (src/server/db/natural-key.ts),
 * derived from a column of the same row. Every path that writes the source column writes the key
 * too: the domain functions, the CSV import (`withSortKeys` before its upsert), the vendors an
 * import or a subcontractor link creates, and a whole-client import (which derives them again,
 * whatever the file says). The migration 20261208_01 filled them in for the rows there were.
 */
import { naturalKey, naturalKeyOf } from '../../server/db/natural-key.js';

export interface SortKeyColumn {
  /** The key column. */
  column: string;
  /** The column it is derived from. */
  from: string;
  /** True when the source may be empty: the key is then null and the row sorts last. */
  nullable: boolean;
  key(value: string | null): string | null;
}

const natural = (column: string, from: string): SortKeyColumn => ({ column, from, nullable: false, key: (v) => naturalKey(v ?? '') });
const naturalOrNull = (column: string, from: string): SortKeyColumn => ({ column, from, nullable: true, key: naturalKeyOf });

export const ESTATE_SORT_KEYS = {
  estate_systems: [natural('name_sort', 'name'), naturalOrNull('asset_tag_sort', 'asset_tag')],
  estate_services: [natural('name_sort', 'name')],
  estate_vendors: [natural('name_sort', 'name')],
  estate_contracts: [natural('reference_sort', 'reference')],
  estate_datasets: [natural('name_sort', 'name')],
  estate_grants: [natural('grantee_sort', 'grantee')],
} as const satisfies Record<string, readonly SortKeyColumn[]>;

export type SortKeyedTable = keyof typeof ESTATE_SORT_KEYS;

export function hasSortKeys(table: string): table is SortKeyedTable {
  return Object.hasOwn(ESTATE_SORT_KEYS, table);
}

/**
 * The key columns for the source columns present in `values` (a row to insert, or the columns an
 * update sets): spread them beside the values.
 */
export function sortKeysOf(table: SortKeyedTable, values: object): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of ESTATE_SORT_KEYS[table]) {
    if (!(c.from in values)) continue;
    const v = (values as Record<string, unknown>)[c.from];
    out[c.column] = c.key(typeof v === 'string' ? v : null);
  }
  return out;
}

/** The row with its key columns (re)derived from its source columns. */
export function withSortKeys<R extends object>(table: SortKeyedTable, row: R): R {
  return { ...row, ...sortKeysOf(table, row) };
}
