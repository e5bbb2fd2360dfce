import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { newId } from '../../../server/db/conventions.js';
import type { Batch, Rec } from './kit.js';

const BATCH = 500;

/** A temporary file of the rows that passed, one JSON line each. */
export class Spool {
  readonly file = path.join(os.tmpdir(), `triad-import-${newId()}.ndjson`);
  private out: fs.WriteStream | null = fs.createWriteStream(this.file);
  count = 0;

  async write(b: Batch): Promise<void> {
    this.count += 1;
    if (!this.out!.write(`${JSON.stringify([b.line, b.rec])}\n`)) await once(this.out!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.out) return;
    const out = this.out;
    this.out = null;
    out.end();
    await once(out, 'finish');
  }

  async *batches(size = BATCH): AsyncIterable<Batch[]> {
    const lines = readline.createInterface({ input: fs.createReadStream(this.file), crlfDelay: Infinity });
    let batch: Batch[] = [];
    for await (const l of lines) {
      if (!l) continue;
      const [line, rec] = JSON.parse(l) as [number, Rec];
      batch.push({ line, rec });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async remove(): Promise<void> {
    await this.close().catch(() => undefined);
    await fs.promises.rm(this.file, { force: true });
  }
}

