import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { newId } from '../../../server/db/conventions.js';
import type { Batch, PreparedRow, Rec } from './kit.js';

const BATCH = 500;
/** Bytes the spool buffers before it waits for the file to take them. */
const BUFFER = 1 << 20;

/** How an item is written as JSON in the spool (`encode`: a value JSON.stringify takes) and read back. */
interface Codec<T> {
  encode(item: T): unknown;
  decode(value: unknown): T;
}

/**
 * A temporary file of items (the rows that passed, or the rows a check prepared): each write is
 * one line, the JSON array of its items.
 */
export class Spool<T> {
  readonly file = path.join(os.tmpdir(), `triad-import-${newId()}.ndjson`);
  private out: fs.WriteStream | null = fs.createWriteStream(this.file, { highWaterMark: BUFFER });
  count = 0;

  constructor(private readonly codec: Codec<T>) {}

  /** Appends items, as one line. */
  async write(items: readonly T[]): Promise<void> {
    if (items.length === 0) return;
    this.count += items.length;
    if (!this.out!.write(`${JSON.stringify(items.map((item) => this.codec.encode(item)))}\n`)) await once(this.out!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = null;
    out.end();
    await once(out, 'finish');
  }

  /** The items in order, `size` at a time (whatever the writes were). */
  async *batches(size = BATCH): AsyncIterable<T[]> {
    const lines = readline.createInterface({ input: fs.createReadStream(this.file, { highWaterMark: BUFFER }), crlfDelay: Infinity });
    let batch: T[] = [];
    for await (const l of lines) {
      if (!l) continue;
      for (const value of JSON.parse(l) as unknown[]) {
        batch.push(this.codec.decode(value));
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  async remove(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.promises.rm(this.file, { force: true });
  }
}

/** The rows that passed the check, as read from the file: `[line, rec]`. */
export function batchSpool(): Spool<Batch> {
  return new Spool<Batch>({
    encode: (b) => [b.line, b.rec],
    decode: (value) => {
      const [line, rec] = value as [number, Rec];
      return { line, rec };
    },
  });
}

/**
 * The rows a check prepared. A row's values are written as an array, with the index of its
 * column list (kept in memory: the few distinct lists an import has) in
 * place of the names; rows read back with the same columns share one list.
 */
export function preparedSpool(): Spool<PreparedRow> {
  const lists: (readonly string[])[] = [];
  const indexOf = (columns: readonly string[]): number => {
    const found = lists.findIndex((list) => list.length === columns.length && list.every((c, i) => c === columns[i]));
    return found >= 0 ? found : lists.push(columns) - 1;
  };
  type Line = [number, string, 'create' | 'update', string, number, unknown[], string[], Record<string, unknown>?, Record<string, unknown>?];
  return new Spool<PreparedRow>({
    encode: (p) => {
      const line: Line = [p.line, p.label, p.action, p.id, indexOf(p.columns), p.values, p.changed];
      if (p.before || p.after) line.push(p.before ?? {}, p.after ?? {});
      return line;
    },
    decode: (value) => {
      const [line, label, action, id, list, values, changed, before, after] = value as Line;
      return { line, label, action, id, columns: lists[list]!, values, changed, ...(before ? { before } : {}), ...(after ? { after } : {}) };
    },
  });
}
