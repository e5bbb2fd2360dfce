import type { ClientScope } from '../../../../server/context.js';
import { newId } from '../../../../server/db/conventions.js';
import { major, minor } from '../../common.js';
import { asText, diffColumns, type Planned, type Rec, type RunContext } from '../kit.js';

/** How a record field maps to a database column. */
export interface FieldMap {
  field: string;
  column: string;
  /** From the cell's typed value to the stored value (money to minor units, lists to JSON). */
  toDb?: (v: unknown, scope: ClientScope) => unknown;
}

export const moneyToDb = (v: unknown, scope: ClientScope): unknown => (v === null ? null : minor(scope, v as number));
export const flagToDb = (v: unknown): unknown => (v === null ? null : v ? 1 : 0);
export const listToDb = (v: unknown): unknown => JSON.stringify(v ?? []);

/**
 * Applies a record's present fields to a row (a copy of the existing one, or the defaults of a
 * new one) and compares it with what is stored.
 */
export function mergeRow(
  ctx: RunContext,
  existing: Record<string, unknown> | undefined,
  defaults: () => Record<string, unknown>,
  rec: Rec,
  maps: readonly FieldMap[],
): { row: Record<string, unknown>; isNew: boolean } {
  // A check writes nothing: new rows get their id when written, or when the check prepares them.
  const row: Record<string, unknown> = existing ? { ...existing } : { id: ctx.mode === 'write' || ctx.prepare ? newId() : '', ...defaults(), created_at: ctx.now };
  for (const m of maps) {
    if (!(m.field in rec)) continue;
    const v = rec[m.field];
    row[m.column] = m.toDb ? m.toDb(v, ctx.scope) : (v ?? null);
  }
  row.updated_at = existing ? existing.updated_at : ctx.now;
  return { row, isNew: !existing };
}

/**
 * The plan for one row: create, update (naming the changed columns by their headers in the
 * file) or unchanged. `extraChanged` names changes outside the row itself (links).
 */
export function planOf(
  ctx: RunContext,
  line: number,
  label: string,
  existing: Record<string, unknown> | undefined,
  row: Record<string, unknown>,
  compare: readonly string[],
  headerOfColumn: (column: string) => string,
  extraChanged: string[] = [],
): Planned {
  if (!existing) return { line, label, action: 'create', problems: [], changed: [], id: row.id as string };
  const d = diffColumns(existing, row, compare);
  const changed = [...d.changed.map(headerOfColumn), ...extraChanged];
  if (changed.length === 0) return { line, label, action: 'unchanged', problems: [], changed: [], id: row.id as string };
  row.updated_at = ctx.now;
  return { line, label, action: 'update', problems: [], changed, id: row.id as string, before: d.before, after: d.after };
}

export function reject(line: number, label: string, problems: { column: string; reason: string }[]): Planned {
  return { line, label, action: 'reject', problems, changed: [] };
}

/** Keyset pages of a client table, by id, for the export. */
export async function* pages<T extends { id: string }>(fetch: (after: string | null, size: number) => Promise<T[]>, size = 1000): AsyncIterable<T[]> {
  let after: string | null = null;
  for (;;) {
    const page = await fetch(after, size);
    if (page.length === 0) return;
    yield page;
    if (page.length < size) return;
    after = page[page.length - 1]!.id;
  }
}

export const cell = (v: unknown): string => (v === null || v === undefined ? '' : asText(v));
export const moneyCell = (scope: ClientScope, v: number | null): string => (v === null ? '' : String(major(scope, Number(v))));
export const flagCell = (v: number | null): string => (v === null ? '' : v === 1 ? 'yes' : 'no');

/** Map<ownerId, names> for export cells listing linked records. */
export async function linkedNames(query: (ids: string[]) => Promise<{ owner: string; name: string }[]>, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ids.length === 0) return map;
  for (const r of await query(ids)) map.set(r.owner, [...(map.get(r.owner) ?? []), r.name]);
  for (const list of map.values()) list.sort((a, b) => a.localeCompare(b));
  return map;
}
