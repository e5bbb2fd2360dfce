import { sql } from 'kysely';
import type { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import type { ClientDb } from '../../server/db/scoped.js';
import { invalid } from '../../server/errors.js';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.js';

export { DateString, IdParam, isRealDate, Money, OptionalText, Text } from './schema.js';
export { addDays, addMonths, daysBetween } from '../../shared/dates.js';

/** Today in the scope's clock, as a date. */
export function today(scope: ClientScope): string {
  return toDateString(scope.now());
}

/** `2027-Q1` for a date. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** Money conversions in the scope's currency. */
export function minor(scope: ClientScope, amount: number): number;
export function minor(scope: ClientScope, amount: number | null | undefined): number | null;
export function minor(scope: ClientScope, amount: number | null | undefined): number | null {
  return amount === null || amount === undefined ? null : toMinorUnits(amount, scope.client.currency);
}
export function major(scope: ClientScope, amount: number): number;
export function major(scope: ClientScope, amount: number | null): number | null;
export function major(scope: ClientScope, amount: number | null): number | null {
  return amount === null ? null : fromMinorUnits(amount, scope.client.currency);
}

type LinkTable = 'estate_service_systems' | 'estate_dataset_systems' | 'estate_dataset_vendors';

/**
 * Checks that every id names a row of `table` in the client; throws VALIDATION_FAILED naming
 * the input paths of the unknown ones.
 */
export async function requireIds(db: ClientDb, table: 'estate_systems' | 'estate_vendors' | 'estate_datasets' | 'estate_services', ids: readonly string[], path: string): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.selectFrom(table).select('id').where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) found.add(r.id);
  }
  const details = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `${path}.${i}`, message: `no such ${table.replace('estate_', '').replace(/s$/, '')} in this client` }]));
  if (details.length > 0) throw invalid(`${details.length} of the linked records do not exist.`, details);
}

/**
 * Makes the links of one record exactly `targets`: removes the others and adds the missing ones.
 * Returns whether anything changed.
 */
export async function setLinks(
  db: ClientDb,
  table: LinkTable,
  ownerColumn: 'service_id' | 'dataset_id',
  ownerId: string,
  targetColumn: 'system_id' | 'vendor_id',
  targets: readonly string[],
  newId: () => string,
): Promise<boolean> {
  const existing = await db
    .selectFrom(table)
    .select(['id', sql<string>`${sql.ref(targetColumn)}`.as('target')])
    .where(sql.ref(ownerColumn), '=', ownerId)
    .execute();
  const wanted = new Set(targets);
  const have = new Set(existing.map((r) => r.target));
  const remove = existing.filter((r) => !wanted.has(r.target)).map((r) => r.id);
  const add = [...wanted].filter((t) => !have.has(t));
  if (remove.length > 0) await db.deleteFrom(table).where('id', 'in', remove).execute();
  if (add.length > 0) {
    await db.insertInto(table, add.map((t) => ({ id: newId(), [ownerColumn]: ownerId, [targetColumn]: t }))).execute();
  }
  return remove.length > 0 || add.length > 0;
}

/** Targets linked to each owner: Map<ownerId, targetIds>, for all owners or the ones given. */
export async function linksOf(
  db: ClientDb,
  table: LinkTable,
  ownerColumn: 'service_id' | 'dataset_id',
  targetColumn: 'system_id' | 'vendor_id',
  ownerIds?: readonly string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ownerIds && ownerIds.length === 0) return map;
  const chunks = ownerIds ? chunk(ownerIds, 500) : [null];
  for (const part of chunks) {
    let q = db.selectFrom(table).select([sql<string>`${sql.ref(ownerColumn)}`.as('owner'), sql<string>`${sql.ref(targetColumn)}`.as('target')]);
    if (part) q = q.where(sql.ref(ownerColumn), 'in', part);
    for (const r of await q.execute()) {
      const list = map.get(r.owner) ?? [];
      list.push(r.target);
      map.set(r.owner, list);
    }
  }
  return map;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
