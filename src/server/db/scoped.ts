import {
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
import type { ClientTable, DB } from './schema.js';

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
