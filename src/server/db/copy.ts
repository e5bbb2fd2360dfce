/**
 * PostgreSQL's COPY for bulk inserts, through Kysely. Kysely runs every statement with
 * `client.query(sql, parameters)` on the connection it holds (a transaction's, in a write), so the
 * pool handed to its dialect gives out clients that recognise one kind of parameter: a
 * {@link BulkRows} as a statement's only parameter makes that statement (`copy … from stdin`) read
 * the rows from the client, in PostgreSQL's text format (pg-copy-streams). Everything else goes to
 * the pg client as it is.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { BulkRows } from './bulk-rows.js';

/** `copy "table" ("a", "b") from stdin`, with the identifiers quoted. */
export function copyStatement(table: string, columns: readonly string[]): string {
  const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  return `copy ${quote(table)} (${columns.map(quote).join(', ')}) from stdin`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
  else if (typeof value === 'boolean') text = value ? 't' : 'f';
  else if (value instanceof Date) text = value.toISOString();
  else text = JSON.stringify(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
}

/** The rows as COPY text, about 64 KB a chunk. */
function* copyChunks(data: BulkRows): Generator<string> {
  let chunk = '';
  for (const row of data.rows) {
    chunk += `${row.map(copyText).join('\t')}\n`;
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function copyInto(client: pg.PoolClient, statement: string, data: BulkRows): Promise<PostgresQueryResult<never>> {
  const { from: copyFrom } = await import('pg-copy-streams');
  const stream = client.query(copyFrom(statement));
  await pipeline(Readable.from(copyChunks(data)), stream);
  return { command: 'INSERT', rowCount: stream.rowCount, rows: [] };
}

/** The pool for Kysely's PostgresDialect: pg's own, with clients that can COPY (see above). */
export function copyCapablePool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        const query = (statement: unknown, parameters?: readonly unknown[]): unknown => {
          const only = parameters?.length === 1 ? parameters[0] : undefined;
          if (only instanceof BulkRows) return copyInto(client, statement as string, only);
          return client.query(statement as string, parameters as unknown[] | undefined);
        };
        wrapped = { query: query as PostgresPoolClient['query'], release: () => client.release() };
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
