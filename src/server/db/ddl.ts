import { PostgresAdapter, sql, type CreateTableBuilder, type Expression, type Kysely } from 'kysely';

/** The database handle migrations get: schema changes do not depend on the row types. */
export type MigrationDb = Kysely<unknown>;

/**
 * Column types that mean the same on SQLite and PostgreSQL. SQLite maps each name to the
 * affinity PostgreSQL's type implies (bigint and integer to INTEGER, double precision to REAL).
 */
export const T = {
  id: 'text',
  text: 'text',
  timestamp: 'text',
  date: 'text',
  json: 'text',
  int: 'integer',
  flag: 'integer',
  money: 'bigint',
  real: 'double precision',
} as const;

/**
 * Starts a client-owned table: `client_id` (references clients, cascades on delete) and `id`,
 * with the primary key (client_id, id). Distributed by client_id on Citus, such a table keeps
 * all of a client's rows on one node and every key lookup routes to it.
 */
export function createClientTable(db: MigrationDb, name: string): CreateTableBuilder<string, 'client_id' | 'id'> {
  return db.schema
    .createTable(name)
    .addColumn('client_id', T.id, (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('id', T.id, (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ['client_id', 'id']);
}

/**
 * A foreign key between client-owned tables always includes client_id, so a row can never
 * point into another client's data and Citus can enforce the key on one node.
 */
export function clientForeignKey<TB extends CreateTableBuilder<string, string>>(
  table: TB,
  name: string,
  column: string,
  target: string,
  onDelete: 'cascade' | 'set null' | 'restrict' = 'cascade',
): TB {
  // ON DELETE SET NULL on a composite key would null client_id too; such links are cleared by the code instead.
  const action = onDelete === 'set null' ? 'restrict' : onDelete;
  return table.addForeignKeyConstraint(name, ['client_id', column], target, ['client_id', 'id'], (fk) =>
    fk.onDelete(action),
  ) as TB;
}

/** A CHECK constraint that `column` holds one of `values`, written the same for both databases. */
export function checkIn(column: string, values: readonly string[]): Expression<boolean> {
  return sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** Binary data (files kept in the database): `bytea` on PostgreSQL, `blob` on SQLite; a Buffer in both drivers. */
export function bytesType(db: MigrationDb): 'bytea' | 'blob' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
}
