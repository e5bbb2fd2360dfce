/**
 * What the CSV kinds share: the shape of a kind, its columns, the context a batch runs in, and
 * the resolvers that turn names in cells into records (vendors, systems, data sets, members).
 */
import type { ClientScope } from '../../../server/context.js';
import { newId } from '../../../server/db/conventions.js';
import type { ClientDb } from '../../../server/db/scoped.js';
import type { ClientTable } from '../../../server/db/schema.js';
import { chunk } from '../common.js';
import { hasSortKeys, sortKeysOf, withSortKeys } from '../sort-keys.js';
import type { EstateVendorsTable } from '../tables.js';
import { nameKey, type CsvKind, type Supplies } from '../vocab.js';
import type { CellParser } from './values.js';

/** A row's typed values by field; a field is present only when the file has its column (null: the cell is empty). */
export type Rec = Record<string, unknown>;

export interface ColumnSpec {
  field: string;
  /** The header the export writes. */
  header: string;
  /** Other headers accepted on import (compared without case, spaces or punctuation). */
  aliases?: string[];
  parse: CellParser<unknown>;
  /** Written by the export? (false for import-only conveniences such as Warranty (months)). */
  exported?: boolean;
}

export type Action = 'create' | 'update' | 'unchanged' | 'reject';

export interface RowProblem {
  column: string;
  reason: string;
}

export interface Planned {
  line: number;
  label: string;
  action: Action;
  problems: RowProblem[];
  /** Headers of the columns whose value changes (updates). */
  changed: string[];
  /** Before and after of the changed fields, for the audit trail. */
  id?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** What the import filled in on this row, said in the report with a count (same text, one line). */
  notes?: string[];
  /** A create or update planned by a check that prepares (RunContext.prepare): the row as it is to be written. */
  row?: Record<string, unknown>;
}

/**
 * A row a check prepared, spooled until the writing phase: written as it is when nothing of the
 * client's changed in between (write-phase.ts).
 */
export interface PreparedRow {
  line: number;
  label: string;
  action: 'create' | 'update';
  id: string;
  /** The row's columns and its values in their order (rows read back with the same columns share one array). */
  columns: readonly string[];
  values: unknown[];
  changed: string[];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * What a check puts in a row's vendor column for a vendor the import would create, followed by
 * the name as the file gives it; the writing phase creates the vendor and puts its id there.
 */
export const NEW_VENDOR = 'new:';

export interface Batch {
  line: number;
  rec: Rec;
}

export interface RunContext {
  scope: ClientScope;
  db: ClientDb;
  /** check: plan only (dry run, first pass); write: plan and apply, inside the import's transaction. */
  mode: 'check' | 'write';
  /**
   * A check whose rows are to be written by a kind with `writePrepared`: new rows get their ids,
   * and every create and update carries the row to write (Planned.row).
   */
  prepare?: boolean;
  now: string;
  vendors: VendorResolver;
  /** What a kind loads once per import (settings, lookups), by its own key. */
  cache: Map<string, unknown>;
  /** Header as written in the file, by field (for problems). */
  headerOf(field: string): string;
}

export interface KindSpec {
  /** The estate's kinds, or another module's rows imported with the same machinery (e.g. 'actuals'). */
  kind: CsvKind | (string & {});
  noun: string;
  columns: ColumnSpec[];
  /** Fields whose column the file must have. */
  requiredColumns: string[];
  /** Derives fields and checks a row across its cells; returns [field, reason] problems. */
  finish?(rec: Rec): [string, string][];
  /** The field whose column names a row's key, for a duplicate-key problem (default: by kind). */
  keyField?(rec: Rec): string;
  /** The upsert key (no two rows of a file may share one), or a problem when the row has none. */
  key(rec: Rec): { key: string; label: string } | [string, string];
  /** Plans a batch of valid rows against the database and, in write mode, applies it. */
  run(ctx: RunContext, batch: Batch[]): Promise<Planned[]>;
  /** A second pass over the whole file after `run` (links between rows of the same file). */
  after?(ctx: RunContext, batch: Batch[]): Promise<Planned[]>;
  /**
   * Writes rows a check prepared, as they are (write mode, inside the import's transaction). The
   * import uses it only when no change of the client's was audited since its reading began, so a
   * kind may have it only when its plans depend on nothing but the client's own records (no
   * members, no other client's data) and it has no `after`.
   */
  writePrepared?(ctx: RunContext, rows: PreparedRow[]): Promise<void>;
  /** The client's records as CSV rows (header order = the exported columns). */
  rows(scope: ClientScope): AsyncIterable<string[]>;
}

export function exportedColumns(spec: KindSpec): ColumnSpec[] {
  return spec.columns.filter((c) => c.exported !== false);
}

/** Compares headers: case, spaces and punctuation do not matter ("Warranty (months)" = "warranty months"). */
export function headerKey(h: string): string {
  return h.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Turns vendor names in cells into vendor ids. A name not yet known is a new vendor: reported in
 * a check, created (as a direct vendor) when writing. Names are matched without case.
 */
export class VendorResolver {
  private readonly known = new Map<string, string | null>();
  /** Names of vendors the import creates (or would create), in the order first met. */
  readonly created = new Map<string, string>();
  /** Vendor names the file itself defines (the vendors kind), so a check does not call them new. */
  readonly inFile = new Set<string>();

  async load(db: ClientDb, names: readonly string[]): Promise<void> {
    const missing = [...new Set(names.map(nameKey))].filter((k) => !this.known.has(k));
    for (const part of chunk(missing, 500)) {
      const found = new Map((await db.selectFrom('estate_vendors').select(['id', 'name_key']).where('name_key', 'in', part).execute()).map((v) => [v.name_key, v.id]));
      // A miss is remembered too: a name met on every row is looked up once.
      for (const k of part) this.known.set(k, found.get(k) ?? null);
    }
  }

  /** The vendor's id; null in a check for a vendor the import would create. */
  async resolve(ctx: RunContext, name: string, supplies: Supplies = 'infrastructure'): Promise<string | null> {
    const key = nameKey(name);
    await this.load(ctx.db, [name]);
    const id = this.known.get(key);
    if (id) return id;
    if (ctx.mode === 'check') {
      if (!this.inFile.has(key) && !this.created.has(key)) this.created.set(key, name);
      return null;
    }
    const row: Omit<EstateVendorsTable, 'client_id'> = {
      id: newId(),
      name,
      name_key: key,
      name_sort: sortKeysOf('estate_vendors', { name }).name_sort!,
      direct: 1,
      supplies,
      offering: null,
      country: null,
      website: null,
      contact: null,
      tier_override: null,
      tier_override_reason: null,
      notes: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    };
    await ctx.db.insertInto('estate_vendors', row).execute();
    this.known.set(key, row.id);
    if (!this.inFile.has(key)) this.created.set(key, name);
    return row.id;
  }

  /** Records a vendor the vendors kind created or found. */
  remember(name: string, id: string): void {
    this.known.set(nameKey(name), id);
  }
}

/**
 * Finds systems by asset tag or, failing that, by exact name (which must then be unique).
 * Returns the id or the reason the reference does not resolve.
 */
export async function resolveSystems(db: ClientDb, refs: readonly string[]): Promise<Map<string, { id: string } | { reason: string }>> {
  const unique = [...new Set(refs)];
  const out = new Map<string, { id: string } | { reason: string }>();
  for (const part of chunk(unique, 500)) {
    const [byTag, byName] = await Promise.all([
      db.selectFrom('estate_systems').select(['id', 'asset_tag']).where('asset_tag', 'in', part).execute(),
      db.selectFrom('estate_systems').select(['id', 'name']).where('name', 'in', part).execute(),
    ]);
    const tags = new Map(byTag.map((s) => [s.asset_tag!, s.id]));
    const names = new Map<string, string[]>();
    for (const s of byName) names.set(s.name, [...(names.get(s.name) ?? []), s.id]);
    for (const ref of part) {
      const tagged = tags.get(ref);
      const named = names.get(ref) ?? [];
      if (tagged) out.set(ref, { id: tagged });
      else if (named.length === 1) out.set(ref, { id: named[0]! });
      else if (named.length > 1) out.set(ref, { reason: `${named.length} systems are named "${ref}"; use the asset tag` });
      else out.set(ref, { reason: `no system has the asset tag or name "${ref}"` });
    }
  }
  return out;
}

/** Lower-cased e-mail -> user id of the client's members. */
export async function memberEmails(db: ClientDb): Promise<Map<string, string>> {
  const rows = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.email']).execute();
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** The fields of `next` that differ from `prev` (by column), with both values. */
export function diffColumns(prev: Record<string, unknown>, next: Record<string, unknown>, columns: readonly string[]): { changed: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const c of columns) {
    const a = prev[c] ?? null;
    const b = next[c] ?? null;
    // Numbers from PostgreSQL bigints and from the file compare as numbers.
    if (a === b || (a !== null && b !== null && asText(a) === asText(b))) continue;
    changed.push(c);
    before[c] = a;
    after[c] = b;
  }
  return { changed, before, after };
}

/** A stored or typed value as text, to compare values that differ only in type (bigint strings). */
export function asText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/**
 * Inserts rows the plan found new, in bulk (COPY on PostgreSQL); the rows' sort keys
 * (sort-keys.ts) are derived from their names on the way. A row that appeared meanwhile with the
 * same key makes the database refuse the statement, and the import's transaction with it.
 */
export async function insertNew(db: ClientDb, table: string, given: Record<string, unknown>[]): Promise<void> {
  if (given.length === 0) return;
  await db.insertMany(table as ClientTable, hasSortKeys(table) ? given.map((r) => withSortKeys(table, r)) : given);
}

/**
 * Inserts new rows and overwrites existing ones (by client_id, id) in one statement; the rows'
 * sort keys (sort-keys.ts) are derived from their names on the way.
 */
export async function upsert(db: ClientDb, table: string, given: Record<string, unknown>[], keepColumns: readonly string[] = ['created_at']): Promise<void> {
  if (given.length === 0) return;
  const rows = hasSortKeys(table) ? given.map((r) => withSortKeys(table, r)) : given;
  const columns = Object.keys(rows[0]!).filter((c) => c !== 'id' && c !== 'client_id' && !keepColumns.includes(c));
  await db.upsertMany(table as ClientTable, rows, columns);
}

