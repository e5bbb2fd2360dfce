/**
 * SQLite for Kysely with two connections to one WAL-mode file: a writer, which every
 * transaction and every change holds alone (as Kysely's own SQLite driver does with its single
 * connection), and a reader for the plain selects outside a transaction. In WAL mode the reader
 * sees the last committed state while a long transaction (a 100,000-row import, a recompute's
 * results) is still writing, so other requests do not wait for it. Both connections keep their
 * most recently used prepared statements: preparing costs as much as running a short query.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  DeleteQueryNode,
  InsertQueryNode,
  SelectQueryNode,
  UpdateQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { BulkRows } from './bulk-rows.js';
import { isSqliteForeignKeyError, SQLITE_FK_CONTEXT, type SqliteForeignKeyContext } from './constraints.js';

/** How many prepared statements each connection keeps for reuse. */
const STATEMENT_CACHE_SIZE = 500;

/** A better-sqlite3 connection that reuses its prepared statements, least recently used go first. */
export class SqliteConnectionHandle {
  readonly #cache = new Map<string, BetterSqlite3.Statement>();
  constructor(readonly sqlite: BetterSqlite3.Database) {}

  prepare(sql: string): BetterSqlite3.Statement {
    let stmt = this.#cache.get(sql);
    if (stmt) this.#cache.delete(sql); // re-inserted below: most recently used last
    else {
      stmt = this.sqlite.prepare(sql);
      if (this.#cache.size >= STATEMENT_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    }
    this.#cache.set(sql, stmt);
    return stmt;
  }

  run<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const only = parameters.length === 1 ? parameters[0] : undefined;
    if (only instanceof BulkRows) return this.runEach(stmt, compiled, only);
    try {
      const { changes, lastInsertRowid } = stmt.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    } catch (err) {
      throw this.withForeignKeyContext(err, compiled);
    }
  }

  /** A one-row insert run for each of the rows (bulk-rows.ts); a refused row is named as a one-row insert would be. */
  private runEach<R>(stmt: BetterSqlite3.Statement, compiled: CompiledQuery, bulk: BulkRows): QueryResult<R> {
    let changes = 0;
    for (const row of bulk.rows) {
      try {
        changes += stmt.run(row).changes;
      } catch (err) {
        const node = compiled.query as unknown as { values?: unknown };
        const values = { kind: 'ValuesNode', values: [{ kind: 'PrimitiveValueListNode', values: row }] };
        throw this.withForeignKeyContext(err, { ...compiled, query: { ...node, values } as unknown as CompiledQuery['query'], parameters: row });
      }
    }
    return { numAffectedRows: BigInt(changes), rows: [] };
  }

  /** SQLite names no key in "FOREIGN KEY constraint failed": the error, told which keys the statement touched. */
  private withForeignKeyContext(err: unknown, compiled: CompiledQuery): unknown {
    const e = err as { code?: unknown; message?: unknown };
    if (isSqliteForeignKeyError(e.code, e.message)) {
      const context = foreignKeyContext(this.sqlite, compiled);
      if (context) Object.assign(err as object, { [SQLITE_FK_CONTEXT]: context });
    }
    return err;
  }

  close(): void {
    this.#cache.clear();
    this.sqlite.close();
  }
}

const tableName = (node: unknown): string | null => {
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; node?: unknown } | undefined;
  if (n?.kind === 'TableNode') return n.table?.identifier?.name ?? null;
  if (n?.kind === 'AliasNode') return tableName(n.node);
  return null;
};
const columnName = (node: unknown): string | null => (node as { column?: { name?: string } } | undefined)?.column?.name ?? null;
const isNullValue = (node: unknown): boolean => {
  const n = node as { kind?: string; value?: unknown } | undefined;
  return n?.kind === 'ValueNode' && n.value === null;
};

/**
 * The foreign keys an insert or update that SQLite refused may have broken: those of the
 * table whose columns the statement set to a value; for an insert, narrowed to the keys whose
 * referenced row is really missing. For a delete, the table whose row is still referenced.
 */
function foreignKeyContext(sqlite: BetterSqlite3.Database, compiled: CompiledQuery): SqliteForeignKeyContext | null {
  const node = compiled.query as unknown as { kind: string; into?: unknown; table?: unknown; from?: { froms?: unknown[] }; columns?: unknown[]; values?: { values?: unknown[] }; updates?: { column: unknown; value: unknown }[] };
  try {
    if (DeleteQueryNode.is(compiled.query)) {
      const table = tableName(node.from?.froms?.[0]);
      return table ? { statement: 'delete', table, keys: [] } : null;
    }
    const isInsert = InsertQueryNode.is(compiled.query);
    if (!isInsert && !UpdateQueryNode.is(compiled.query)) return null;
    const table = tableName(isInsert ? node.into : node.table);
    if (!table) return null;
    const list = sqlite.pragma(`foreign_key_list("${table.replace(/"/g, '""')}")`) as { id: number; table: string; from: string; to: string }[];
    const keys = new Map<number, { columns: string[]; to: string[]; references: string }>();
    for (const fk of list) {
      const k = keys.get(fk.id) ?? { columns: [], to: [], references: fk.table };
      k.columns.push(fk.from);
      k.to.push(fk.to);
      keys.set(fk.id, k);
    }
    // The columns the statement gives a value, with the values of an insert's rows.
    const set = new Set<string>();
    const rows: Map<string, unknown>[] = [];
    if (isInsert) {
      const columns = (node.columns ?? []).map(columnName);
      for (const valueList of node.values?.values ?? []) {
        const v = valueList as { kind: string; values: unknown[] };
        const row = new Map<string, unknown>();
        v.values.forEach((value, i) => {
          const col = columns[i];
          if (!col) return;
          const plain = v.kind === 'PrimitiveValueListNode' ? value : (value as { kind?: string; value?: unknown }).kind === 'ValueNode' ? (value as { value: unknown }).value : undefined;
          row.set(col, plain);
          if (plain !== null) set.add(col);
        });
        rows.push(row);
      }
    } else {
      for (const u of node.updates ?? []) {
        const col = columnName(u.column);
        if (col && !isNullValue(u.value)) set.add(col);
      }
    }
    let candidates = [...keys.values()].filter((k) => k.columns.some((c) => c !== 'client_id' && set.has(c)));
    if (isInsert && candidates.length > 1) {
      const missing = candidates.filter((k) =>
        rows.some((row) => {
          const values = k.columns.map((c) => row.get(c));
          if (values.some((v) => v === null || v === undefined)) return false;
          const where = k.to.map((c) => `"${c.replace(/"/g, '""')}" = ?`).join(' and ');
          return sqlite.prepare(`select 1 from "${k.references.replace(/"/g, '""')}" where ${where}`).get(values) === undefined;
        }),
      );
      if (missing.length > 0) candidates = missing;
    }
    return { statement: isInsert ? 'insert' : 'update', table, keys: candidates.map((k) => ({ columns: k.columns, references: k.references })) };
  } catch {
    return null;
  }
}

class Mutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;
  /** How many are waiting for the lock (for the metrics). */
  waiting = 0;

  get held(): boolean {
    return this.#held !== undefined;
  }

  async lock(): Promise<void> {
    if (this.#held !== undefined) {
      this.waiting += 1;
      try {
        while (this.#held !== undefined) await this.#held;
      } finally {
        this.waiting -= 1;
      }
    }
    this.#held = new Promise((resolve) => (this.#release = resolve));
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

/** What Kysely holds for one query or one transaction. */
class Session implements DatabaseConnection {
  /** Whether this session holds the writer (inside a transaction). */
  holdsWriter = false;
  constructor(private readonly driver: TwoConnectionDriver) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holdsWriter) return this.driver.writer.run<R>(compiled);
    if (SelectQueryNode.is(compiled.query)) return this.driver.reader.run<R>(compiled);
    await this.driver.writeLock.lock();
    try {
      return this.driver.writer.run<R>(compiled);
    } finally {
      this.driver.writeLock.unlock();
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite streams only select queries');
    // A connection that is iterating runs nothing else: stream on the writer, held throughout.
    const ownLock = !this.holdsWriter;
    if (ownLock) await this.driver.writeLock.lock();
    try {
      for (const row of this.driver.writer.prepare(compiled.sql).iterate(compiled.parameters)) yield { rows: [row as R] };
    } finally {
      if (ownLock) this.driver.writeLock.unlock();
    }
  }
}

class TwoConnectionDriver implements Driver {
  readonly writeLock = new Mutex();
  constructor(
    readonly writer: SqliteConnectionHandle,
    readonly reader: SqliteConnectionHandle,
  ) {}

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new Session(this));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as Session;
    await this.writeLock.lock();
    session.holdsWriter = true;
    try {
      this.writer.run(CompiledQuery.raw('begin'));
    } catch (err) {
      this.#release(session);
      throw err;
    }
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      this.writer.run(CompiledQuery.raw('commit'));
      return Promise.resolve();
    } finally {
      this.#release(connection as Session);
    }
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      this.writer.run(CompiledQuery.raw('rollback'));
      return Promise.resolve();
    } finally {
      this.#release(connection as Session);
    }
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#release(connection as Session);
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
    return Promise.resolve();
  }

  #release(session: Session): void {
    if (!session.holdsWriter) return;
    session.holdsWriter = false;
    this.writeLock.unlock();
  }
}

/** Kysely's SQLite dialect (query compiler, adapter, introspector) over the two connections. */
export class TwoConnectionSqliteDialect extends SqliteDialect {
  readonly #driver: TwoConnectionDriver;
  constructor(writer: BetterSqlite3.Database, reader: BetterSqlite3.Database) {
    super({ database: writer });
    this.#driver = new TwoConnectionDriver(new SqliteConnectionHandle(writer), new SqliteConnectionHandle(reader));
  }

  override createDriver(): Driver {
    return this.#driver;
  }

  /** The writer (held or free, and who waits for it) and the reader, for the metrics. */
  stats(): { total: number; idle: number; waiting: number } {
    const lock = this.#driver.writeLock;
    return { total: 2, idle: lock.held ? 1 : 2, waiting: lock.waiting };
  }
}
