/**
 * Constraint violations of either database, in one shape, and the error a person reads for
 * them. A unique key taken twice (two requests racing past a domain check, an id chosen by the
 * caller) is a conflict naming the field; a reference to a record that does not exist in the
 * client is a validation error naming the field; removing a record that others still refer to
 * is a conflict. The domain checks first and says it better where it can; this is the net
 * under it, so that no such violation ever answers 500.
 */
import type { AppError} from '../errors.js';
import { conflict, invalid } from '../errors.js';

export interface ConstraintViolation {
  kind: 'unique' | 'missing_reference' | 'still_referenced';
  /** The table written to (for `still_referenced`: the one removed from on SQLite, the one still referring on PostgreSQL). */
  table: string | null;
  /** The columns of the key that failed, without `client_id`. */
  columns: string[];
  /** For a reference: the other table (the one referred to, or the one still referring). */
  other: string | null;
}

/** What the SQLite driver attaches to a foreign-key error it could explain (src/server/db/sqlite.ts). */
export interface SqliteForeignKeyContext {
  statement: 'insert' | 'update' | 'delete';
  table: string;
  /** The foreign keys the statement may have broken: their columns and the table they point to. */
  keys: { columns: string[]; references: string }[];
}

export const SQLITE_FK_CONTEXT = Symbol('triad.sqliteForeignKey');

interface DriverError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  detail?: unknown;
  [SQLITE_FK_CONTEXT]?: SqliteForeignKeyContext;
}

/** SQLite's foreign-key failures: `SQLITE_CONSTRAINT_FOREIGNKEY`, or `_TRIGGER` for a RESTRICT action. */
export function isSqliteForeignKeyError(code: unknown, message: unknown): boolean {
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || (code === 'SQLITE_CONSTRAINT_TRIGGER' && typeof message === 'string' && message.startsWith('FOREIGN KEY'));
}

const withoutClient = (cols: string[]): string[] => {
  const rest = cols.filter((c) => c !== 'client_id');
  return rest.length > 0 ? rest : cols;
};

/** `Key (client_id, name_key)=(…)` → ['client_id', 'name_key'] (PostgreSQL's detail). */
function keyColumns(detail: string): string[] {
  const m = /^Key \(([^)]*)\)=/.exec(detail);
  return m ? m[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
}

/** The violation behind a database error, or null when it is not a unique or foreign-key one. */
export function constraintViolation(err: unknown): ConstraintViolation | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as DriverError;
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // SQLite (better-sqlite3)
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: estate_vendors.client_id, estate_vendors.name_key"
    const list = message.split(': ')[1] ?? '';
    const parts = list.split(',').map((p) => p.trim()).filter(Boolean);
    const table = parts[0]?.split('.')[0] ?? null;
    return { kind: 'unique', table, columns: withoutClient(parts.map((p) => p.split('.').slice(1).join('.'))), other: null };
  }
  // A RESTRICT action reports itself as a trigger constraint, with the same message.
  if (isSqliteForeignKeyError(code, message)) {
    const ctx = e[SQLITE_FK_CONTEXT];
    if (ctx?.statement === 'delete') return { kind: 'still_referenced', table: ctx.table, columns: [], other: null };
    const key = ctx?.keys.length === 1 ? ctx.keys[0] : undefined;
    return { kind: 'missing_reference', table: ctx?.table ?? null, columns: key ? withoutClient(key.columns) : [...new Set((ctx?.keys ?? []).flatMap((k) => withoutClient(k.columns)))], other: key?.references ?? null };
  }
  // PostgreSQL (pg)
  const table = typeof e.table === 'string' ? e.table : null;
  const detail = typeof e.detail === 'string' ? e.detail : '';
  if (code === '23505') return { kind: 'unique', table, columns: withoutClient(keyColumns(detail)), other: null };
  if (code === '23503') {
    const still = /is still referenced from table "([^"]+)"/.exec(detail);
    if (still) return { kind: 'still_referenced', table, columns: [], other: still[1]! };
    const missing = /is not present in table "([^"]+)"/.exec(detail);
    return { kind: 'missing_reference', table, columns: withoutClient(keyColumns(detail)), other: missing?.[1] ?? null };
  }
  return null;
}

/** `name_key` → `name`, `vendor_id` → `vendorId`: the API's name of a column. */
export function fieldOf(column: string): string {
  const base = column.replace(/_key$/, '');
  return base.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `estate_vendors` → "vendor", `risk_scenarios` → "risk scenario": a table's record in words. */
export function recordOf(table: string | null): string {
  if (!table) return 'record';
  const name = table.replace(/^(estate|gov)_/, '');
  const words = name.split('_');
  const last = words.pop() ?? '';
  const singular = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.endsWith('sses') ? last.slice(0, -2) : last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : last;
  return [...words, singular].join(' ');
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'An' : 'A');

/** The error a person reads for a violation. */
export function violationError(v: ConstraintViolation): AppError {
  const fields = v.columns.map(fieldOf);
  const what = recordOf(v.table);
  switch (v.kind) {
    case 'unique': {
      const named = fields.length > 0 ? fields.join(' and ') : 'key';
      return conflict(`${article(what)} ${what} with this ${named} already exists.`, fields.map((f) => ({ path: f, message: `already used by another ${what}` })));
    }
    case 'missing_reference': {
      const target = v.other ? recordOf(v.other) : 'record';
      const details = fields.map((f) => ({ path: f, message: `no such ${target} in this client` }));
      return invalid(fields.length > 0 ? `${fields.join(' or ')}: no such ${target} in this client.` : 'A referenced record does not exist in this client.', details);
    }
    case 'still_referenced':
      // PostgreSQL names the table that still refers, SQLite the one removed from: say neither.
      return conflict('It is still used by other records; change or remove those first.');
  }
}

/** The AppError for a database error that is a unique or foreign-key violation, else null. */
export function constraintError(err: unknown): AppError | null {
  const v = constraintViolation(err);
  return v ? violationError(v) : null;
}

/**
 * Runs a change and explains a violation in the domain's words where it knows better (`explain`
 * returns null to fall back to the general message).
 */
export async function explainViolation<T>(work: () => Promise<T>, explain: (v: ConstraintViolation) => AppError | null): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const v = constraintViolation(err);
    if (v) throw explain(v) ?? violationError(v);
    throw err;
  }
}
