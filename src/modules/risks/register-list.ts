/**
 * The register's list a page at a time (the convention of src/shared/paging.ts), from the
 * register kept in memory (register-cache.ts): filtered, in the order asked for with the id as
 * the last key, and after a cursor that holds the last row's key values, so a page continues
 * where the last one stopped even when scenarios were added or changed meanwhile.
 */
import { decodeCursor, encodeCursor, type KeyValue } from '../../server/db/keyset.js';
import type { CachedRegister, ListRow } from './register-cache.js';
import { RISK_STATUSES, type RegisterQuery, type RegisterSort } from './schema.js';
import type { RiskStatus } from './tables.js';

/** Each order's key values of a row, the id last, and whether they are figures of the stored results (the rating's score among them). */
const KEYS: Record<RegisterSort, { types: ('string' | 'number')[]; of: (r: ListRow) => KeyValue[]; figures?: 'figures' | 'scores' }> = {
  ref: { types: ['number', 'string'], of: (r) => [r.refNumber, r.id] },
  title: { types: ['string', 'string'], of: (r) => [r.title, r.id] },
  mean: { types: ['number', 'string'], of: (r) => [r.mean, r.id], figures: 'figures' },
  p90: { types: ['number', 'string'], of: (r) => [r.p90, r.id], figures: 'figures' },
  share: { types: ['number', 'string'], of: (r) => [r.share, r.id], figures: 'figures' },
  rating: { types: ['number', 'number', 'string'], of: (r) => [r.score, r.mean, r.id], figures: 'scores' },
  ownerSeat: { types: ['string', 'string'], of: (r) => [r.ownerSeat, r.id] },
  status: { types: ['string', 'string'], of: (r) => [r.status, r.id] },
};

/** Key values compared in order: numbers as numbers, text by code unit (as the databases' binary order). */
function compareKeys(a: readonly KeyValue[], b: readonly KeyValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

function orderOf(entry: CachedRegister, sort: RegisterSort, desc: boolean): number[] {
  const name = `${sort}.${desc ? 'desc' : 'asc'}`;
  let order = entry.orders.get(name);
  if (!order) {
    const keys = entry.rows.map(KEYS[sort].of);
    order = entry.rows.map((r) => r.index).sort((i, j) => compareKeys(keys[i]!, keys[j]!) * (desc ? -1 : 1));
    entry.orders.set(name, order);
  }
  return order;
}

function matcher(query: RegisterQuery): ((r: ListRow) => boolean) | null {
  const statuses = query.status ? new Set(query.status.split(',').filter((s): s is RiskStatus => (RISK_STATUSES as readonly string[]).includes(s))) : null;
  const text = query.q?.trim().toLowerCase() ?? '';
  const proposed = query.proposed === undefined ? null : query.proposed === 'true';
  if (!statuses && !query.owner && proposed === null && !text) return null;
  return (r) =>
    (!statuses || statuses.has(r.status)) &&
    (!query.owner || r.ownerSeat === query.owner) &&
    (proposed === null || r.proposed === proposed) &&
    (!text || r.titleLower.includes(text) || r.threatLower.includes(text) || r.ref.toLowerCase() === text);
}

export interface RegisterPage {
  rows: ListRow[];
  nextCursor: string | null;
  total: number | null;
}

/** The key values of the query's cursor (a cursor of another order or a made-up one is refused, naming `cursor`). */
export function registerCursor(query: RegisterQuery): KeyValue[] | null {
  return query.cursor === undefined ? null : decodeCursor(query.cursor, `${query.sort}.${query.order}`, KEYS[query.sort].types);
}

/** The page the query asks for after the cursor's key values: its rows, the cursor after them, and the count of matches when asked. */
export function registerPage(entry: CachedRegister, query: RegisterQuery, after: readonly KeyValue[] | null): RegisterPage {
  const keys = KEYS[query.sort];
  const name = `${query.sort}.${query.order}`;
  const desc = query.order === 'desc';
  const match = matcher(query);
  // An order by figures reads them from every stored result first; the others never need them.
  if (keys.figures) entry.withFigures(keys.figures === 'scores');
  const ordered = orderOf(entry, query.sort, desc);
  const matching = match ? ordered.filter((i) => match(entry.rows[i]!)) : ordered;
  // The first row past the cursor: rows are in order, so a binary search finds it.
  let start = 0;
  if (after) {
    let lo = 0;
    let hi = matching.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compareKeys(keys.of(entry.rows[matching[mid]!]!), after) * (desc ? -1 : 1);
      if (c <= 0) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const rows = matching.slice(start, start + query.limit).map((i) => entry.rows[i]!);
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor: start + query.limit < matching.length && last ? encodeCursor(name, keys.of(last)) : null,
    total: query.total === 'true' ? matching.length : null,
  };
}
