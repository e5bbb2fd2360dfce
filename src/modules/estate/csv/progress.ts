/**
 * Progress of the imports running in this process, for the web app to poll while it uploads.
 * Kept in memory (an import writes nothing outside its own transaction until it commits, so
 * there is nothing in the database to show); finished imports stay for a while with their report.
 */
import type { CsvKind } from '../vocab.js';

export type ImportPhase = 'reading' | 'writing' | 'done' | 'rejected' | 'failed';

export interface ImportProgress {
  id: string;
  clientId: string;
  /** An estate kind, or another module's rows ('actuals'). */
  kind: CsvKind | (string & {});
  fileName: string | null;
  dryRun: boolean;
  actorId: string | null;
  phase: ImportPhase;
  /** Bytes of the file read so far, and its size when known (Content-Length, file size). */
  bytesRead: number;
  totalBytes: number | null;
  rowsRead: number;
  rowsToWrite: number;
  rowsWritten: number;
  startedAt: string;
  finishedAt: string | null;
  /** 0 to 1: reading counts for the first half (by bytes), writing for the second (by rows). */
  fraction: number;
  error: string | null;
}

const KEEP_MS = 15 * 60_000;
/** By client and import id: an id is chosen by the caller, so one client's id never reaches another's import. */
const running = new Map<string, ImportProgress>();
const keyOf = (clientId: string, id: string): string => `${clientId}:${id}`;

/** Whether the client has an import with this id in progress (or finished a moment ago) in this server. */
export function isTracked(clientId: string, id: string): boolean {
  return running.has(keyOf(clientId, id));
}

export function track(p: ImportProgress): ImportProgress {
  running.set(keyOf(p.clientId, p.id), p);
  return p;
}

export function update(p: ImportProgress, change: Partial<ImportProgress>): void {
  Object.assign(p, change);
  const read = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : p.phase === 'reading' ? 0 : 1;
  const written = p.rowsToWrite > 0 ? Math.min(1, p.rowsWritten / p.rowsToWrite) : 0;
  p.fraction = p.phase === 'done' || p.phase === 'rejected' || p.phase === 'failed' ? 1 : p.dryRun ? read : p.phase === 'reading' ? read / 2 : 0.5 + written / 2;
  if (p.finishedAt) {
    const key = keyOf(p.clientId, p.id);
    const t = setTimeout(() => {
      if (running.get(key) === p) running.delete(key);
    }, KEEP_MS);
    t.unref();
  }
}

export function progressOf(clientId: string, id: string): ImportProgress | undefined {
  return running.get(keyOf(clientId, id));
}

export function progressList(clientId: string, kinds?: readonly string[]): ImportProgress[] {
  return [...running.values()].filter((p) => p.clientId === clientId && (!kinds || kinds.includes(p.kind))).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
