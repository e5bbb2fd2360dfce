/**
 * The rows of a bulk insert, carried to the driver as a statement's only parameter: each row the
 * values of the statement's columns in order. PostgreSQL's pool (copy.ts) sends them through
 * `copy … from stdin`; SQLite's connection (sqlite.ts) runs the statement, a one-row insert
 * prepared once, for each row. Either way no statement holds every row's values as parameters,
 * and the query builder compiles one row's statement, not a hundred thousand values.
 */
export class BulkRows {
  constructor(readonly rows: readonly (readonly unknown[])[]) {}
}
