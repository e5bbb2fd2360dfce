import {
  CompiledQuery,
  PostgresAdapter,
  sql,
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type SelectQueryBuilder,
  type Transaction,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import { BulkRows } from './bulk-rows.js';
import { copyStatement } from './copy.js';
import type { ClientTable, DB } from './schema.js';

interface OnConflict {
  columns(cols: string[]): { doNothing(): unknown; doUpdateSet(f: (eb: { ref(r: string): unknown }) => Record<string, unknown>): unknown };
}

/** Values SQLite takes in one statement (its limit is 32,766). */
const SQLITE_MAX_VALUES = 30_000;

/** Rows in parts small enough for one SQLite statement each, at `columns` values a row. */
function sqliteStatements<R>(rows: readonly R[], columns: number): R[][] {
  const size = Math.max(1, Math.floor(SQLITE_MAX_VALUES / columns));
  const parts: R[][] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(rows.slice(i, i + size));
  return parts;
}

/** A row to insert into a client-owned table: everything but client_id, which the scope adds. */
export type ClientInsert<T extends ClientTable> = Omit<Insertable<DB[T]>, 'client_id'>;

/**
 * The only way domain code reaches a client's rows. Every query it starts is already limited to
 * one client: selects, updates and deletes carry `client_id = :clientId`, inserts get the
 * client_id set. Joins between client-owned tables go on (client_id, id), so they stay inside
 * the client too.
 */
export class ClientDb {
  constructor(
    private readonly kysely: Kysely<DB> | Transaction<DB>,
    readonly clientId: string,
  ) {}

  /** `select … from table where table.client_id = :clientId`. */
  selectFrom<T extends ClientTable>(table: T): SelectQueryBuilder<DB, T, object> {
    const qb = this.kysely.selectFrom(table) as unknown as SelectQueryBuilder<DB, T, object>;
    return qb.where(sql.ref(`${table}.client_id`), '=', this.clientId);
  }

  /** `insert into table` with client_id set on every row. */
  insertInto<T extends ClientTable>(
    table: T,
    values: ClientInsert<T> | readonly ClientInsert<T>[],
  ): InsertQueryBuilder<DB, T, InsertResult> {
    const rows = (Array.isArray(values) ? values : [values]) as readonly ClientInsert<T>[];
    const withClient = rows.map((row) => ({ ...row, client_id: this.clientId })) as unknown as Insertable<DB[T]>[];
    return this.kysely.insertInto(table).values(withClient);
  }

  /**
   * Inserts rows (client_id set on each) and overwrites the given columns of rows already there
   * with the same (client_id, id): the bulk write of imports. On PostgreSQL the rows cross as one
   * JSON parameter and the server reads them with the table's own row type
   * (`json_populate_recordset`), one statement whatever the number of rows, which runs near
   * COPY's speed; multi-row VALUES would send a parameter a cell and plan each of them. On SQLite,
   * a multi-row insert (its statements are prepared once and kept). Every row must have the same
   * columns.
   */
  async upsertMany<T extends ClientTable>(table: T, rows: readonly Record<string, unknown>[], updateColumns: readonly string[]): Promise<void> {
    if (rows.length === 0) return;
    const { withClient, columns } = this.sameColumns('upsertMany', table, rows);
    if (this.kysely.getExecutor().adapter instanceof PostgresAdapter) {
      const set = updateColumns.length === 0 ? sql`do nothing` : sql`do update set ${sql.join(updateColumns.map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`))}`;
      const cols = sql.join(columns.map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(withClient)}::json) on conflict (client_id, id) ${set}`.execute(this.kysely);
      return;
    }
    // SQLite: the query builder's insert, whose statement tree the constraint errors read.
    for (const part of sqliteStatements(withClient, columns.length)) {
      const insert = this.kysely.insertInto(table).values(part as unknown as Insertable<DB[T]>[]) as unknown as {
        onConflict(f: (oc: OnConflict) => unknown): { execute(): Promise<unknown> };
      };
      await insert
        .onConflict((oc) => {
          const target = oc.columns(['client_id', 'id']);
          return updateColumns.length === 0 ? target.doNothing() : target.doUpdateSet((eb) => Object.fromEntries(updateColumns.map((c) => [c, eb.ref(`excluded.${c}`)])));
        })
        .execute();
    }
  }

  /**
   * Inserts new rows (client_id set on each); a row whose key is already there is refused with
   * the database's error, and the caller's transaction with it. The bulk insert of imports
   * ({@link BulkRows}): on PostgreSQL through COPY, on SQLite a one-row insert prepared once and
   * run for each row (faster than multi-row inserts, and no compiling of every row's values). Every
   * row must have the same columns.
   */
  async insertMany<T extends ClientTable>(table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const { withClient, columns } = this.sameColumns('insertMany', table, rows);
    if (!(this.kysely.getExecutor().adapter instanceof PostgresAdapter) && withClient.some((row) => columns.some((c) => row[c] === undefined))) {
      // An undefined value means the column's default, which only the query builder's multi-row insert says.
      for (const part of sqliteStatements(withClient, columns.length)) await this.kysely.insertInto(table).values(part as unknown as Insertable<DB[T]>[]).execute();
      return;
    }
    await this.insertBulk(table, columns, withClient.map((row) => columns.map((c) => row[c])));
  }

  /**
   * {@link insertMany} for rows given as values in the order of `columns` (which leave out
   * client_id: the scope puts it first in every row). No value may be undefined.
   */
  async insertValues<T extends ClientTable>(table: T, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
    if (rows.length === 0) return;
    if (columns.includes('client_id')) throw new Error(`insertValues(${table}): client_id is the scope's`);
    const width = columns.length;
    const values = rows.map((row) => {
      if (row.length !== width || row.includes(undefined)) throw new Error(`insertValues(${table}): every row must have a value for each of the ${width} columns`);
      return [this.clientId, ...row];
    });
    await this.insertBulk(table, ['client_id', ...columns], values);
  }

  /** The bulk insert: COPY on PostgreSQL; on SQLite one row's statement from the query builder (its tree names the table and columns for a refused foreign key: sqlite.ts), run for every row by the connection. */
  private async insertBulk<T extends ClientTable>(table: T, columns: readonly string[], values: unknown[][]): Promise<void> {
    if (this.kysely.getExecutor().adapter instanceof PostgresAdapter) {
      await this.kysely.executeQuery(CompiledQuery.raw(copyStatement(table, columns), [new BulkRows(values)]));
      return;
    }
    const one = this.kysely
      .insertInto(table)
      .values(Object.fromEntries(columns.map((c) => [c, null])) as unknown as Insertable<DB[T]>)
      .compile();
    await this.kysely.executeQuery({ ...one, parameters: [new BulkRows(values)] });
  }

  /** The rows with the client's id, and their columns (the same in every row, or an error). */
  private sameColumns(method: string, table: string, rows: readonly Record<string, unknown>[]): { withClient: Record<string, unknown>[]; columns: string[] } {
    const withClient: Record<string, unknown>[] = rows.map((row) => ({ ...row, client_id: this.clientId }));
    const columns = Object.keys(withClient[0]!);
    if (withClient.some((row) => Object.keys(row).length !== columns.length || columns.some((c) => !(c in row)))) {
      throw new Error(`${method}(${table}): every row must have the same columns`);
    }
    return { withClient, columns };
  }

  /** `update table … where client_id = :clientId`. */
  updateTable<T extends ClientTable>(table: T): UpdateQueryBuilder<DB, T, T, UpdateResult> {
    const qb = this.kysely.updateTable(table) as unknown as UpdateQueryBuilder<DB, T, T, UpdateResult>;
    return qb.where(sql.ref(`${table}.client_id`), '=', this.clientId);
  }

  /** `delete from table where client_id = :clientId`. */
  deleteFrom<T extends ClientTable>(table: T): DeleteQueryBuilder<DB, T, DeleteResult> {
    const qb = this.kysely.deleteFrom(table) as unknown as DeleteQueryBuilder<DB, T, DeleteResult>;
    return qb.where(sql.ref(`${table}.client_id`), '=', this.clientId);
  }
}
