/**
 * Online backups of the embedded SQLite database: `VACUUM INTO` from a read-only connection
 * copies one consistent snapshot (everything committed when it starts, nothing half-written)
 * while the server goes on reading and writing. It runs on a worker thread so the server's
 * event loop keeps answering. The copy is written beside its destination and renamed into
 * place, so a backup file is either whole or absent.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

// Plain CommonJS for an eval'd worker: no build step, the same under tsx and from dist/.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.source, { readonly: true, fileMustExist: true });
try {
  db.pragma('busy_timeout = 30000');
  db.prepare('VACUUM INTO ?').run(workerData.target);
} finally {
  db.close();
}
parentPort.postMessage('done');
`;

function vacuumInto(source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: require.resolve('better-sqlite3'), source, target } });
    let done = false;
    worker.once('message', () => {
      done = true;
      resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the backup thread stopped (exit code ${code})`));
    });
  });
}

/** Copies the database at `source` to `target` (which must not exist), consistently and online. */
export async function backupSqlite(source: string, target: string): Promise<{ bytes: number; seconds: number }> {
  if (!fs.existsSync(source)) throw new Error(`there is no database at ${source}`);
  const started = process.hrtime.bigint();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${Date.now()}`);
  try {
    await vacuumInto(source, partial);
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(target).size, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
