import type { ClientScope } from '../../../server/context.js';
import { toTimestamp } from '../../../server/db/conventions.js';
import { conflict } from '../../../server/errors.js';
import { analyze, lookUpByIndex } from '../../../server/db/index.js';
import { KINDS } from './kinds/index.js';
import { VendorResolver, type Batch, type KindSpec, type Planned, type RunContext } from './kit.js';
import { auditHead, type PreparedRows } from './prepared.js';
import type { ImportRowsOptions } from './options.js';
import type { Spool } from './spool.js';

const MAX_AUDITED_CHANGES = 200;

/** Rows written past which the planner's statistics of the kind's table are refreshed after the import. */
const ANALYZE_AFTER_ROWS = 1000;
const TABLE_OF_KIND: Partial<Record<string, string>> = {
  systems: 'estate_systems',
  vendors: 'estate_vendors',
  contracts: 'estate_contracts',
  services: 'estate_services',
  datasets: 'estate_datasets',
  grants: 'estate_grants',
};

/**
 * Lets the event loop serve other requests between batches: with SQLite every query is
 * synchronous, so without this an import would hold the process for its whole duration.
 */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Rows a batch of the writing phase: on SQLite few enough that other requests get their turn
 * between batches (its statements hold the process); PostgreSQL's run on the server while the
 * process serves others, and fewer, larger statements (a COPY of 5,000 rows) load faster.
 */
function writeBatch(scope: ClientScope): number {
  return scope.app.database.dialect === 'postgres' ? 5000 : 500;
}

export interface WriteArgs {
  importId: string;
  options: ImportRowsOptions;
  /** Data rows in the file (the spool holds only those that change). */
  rows: number;
  bytes: number;
  sha256: string;
  runContext: (mode: RunContext['mode'], db: RunContext['db'], resolver: VendorResolver) => RunContext;
  onWritten: (rows: number) => void;
  /** Rows the check prepared (kinds with `writePrepared`), written as they are if nothing changed since. */
  prepared: PreparedRows | null;
}

/** Writes the spooled rows in one transaction, with the file's audit entry and import record. */
export async function writePhase(scope: ClientScope, spec: KindSpec, spool: Spool<Batch>, args: WriteArgs): Promise<{ counts: { created: number; updated: number; unchanged: number }; newVendors: string[] }> {
  const written = await writeRows(scope, spec, spool, args);
  // A bulk load leaves the planner's statistics behind (PostgreSQL then guesses a table of 100,000
  // rows holds a few thousand and picks worse plans): refresh them once the rows are in.
  const table = TABLE_OF_KIND[spec.kind];
  if (table && written.counts.created + written.counts.updated >= ANALYZE_AFTER_ROWS) await analyze(scope.app.database, table);
  return written;
}

async function writeRows(scope: ClientScope, spec: KindSpec, spool: Spool<Batch>, args: WriteArgs): Promise<{ counts: { created: number; updated: number; unchanged: number }; newVendors: string[] }> {
  const startedAt = toTimestamp(scope.now());
  args.onWritten(0);
  return scope.write(async (w) => {
    await lookUpByIndex(scope.app.database, w.tx);
    const resolver = new VendorResolver();
    const ctx = args.runContext('write', w.db, resolver);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const changes: { line: number; key: string; id: string | undefined; before: unknown; after: unknown }[] = [];
    let changesTruncated = 0;
    let written = 0;
    const apply = (planned: Planned[]): void => {
      const refused = planned.filter((p) => p.action === 'reject');
      if (refused.length > 0) {
        throw conflict(
          `The ${Object.hasOwn(KINDS, spec.kind) ? 'estate' : 'records'} changed while the file was being read; nothing was imported. Import the file again.`,
          refused.flatMap((p) => p.problems.map((pr) => ({ path: `line ${p.line}, column ${pr.column}`, message: pr.reason }))).slice(0, 100),
        );
      }
      for (const p of planned) {
        if (p.action === 'create') counts.created += 1;
        else if (p.action === 'unchanged') counts.unchanged += 1;
        else if (p.action === 'update') {
          counts.updated += 1;
          if (changes.length < MAX_AUDITED_CHANGES) changes.push({ line: p.line, key: p.label, id: p.id, before: p.before ?? null, after: p.after ?? { changed: p.changed } });
          else changesTruncated += 1;
        }
      }
    };
    // Nothing changed since the check read the client's records: its rows are written as it
    // prepared them. Otherwise every row is checked again, here, against what is there now.
    const { prepared } = args;
    const asChecked = prepared !== null && spec.writePrepared !== undefined && (await auditHead(w.tx, scope.clientId)) === prepared.head;
    scope.app.log.debug({ importId: args.importId, kind: spec.kind, checkedAgain: !asChecked }, asChecked ? 'import: writing the rows as checked' : 'import: checking the rows again while writing');
    if (asChecked) {
      for await (const part of prepared.spool.batches(writeBatch(scope))) {
        apply(part.map((p) => ({ ...p, problems: [] })));
        await spec.writePrepared!(ctx, part);
        written += part.length;
        args.onWritten(written);
        await yieldToOthers();
      }
    } else {
      for await (const part of spool.batches(writeBatch(scope))) {
        apply(await spec.run(ctx, part));
        written += part.length;
        args.onWritten(written);
        await yieldToOthers();
      }
    }
    if (spec.after) {
      for await (const part of spool.batches()) {
        for (const p of await spec.after(ctx, part)) {
          if (p.action === 'reject') apply([p]);
        }
      }
    }
    const newVendors = [...resolver.created.values()];
    await args.options.record(w, {
      importId: args.importId,
      fileName: args.options.fileName ?? null,
      sha256: args.sha256,
      bytes: args.bytes,
      rows: args.rows,
      created: counts.created,
      updated: counts.updated,
      unchanged: args.rows - counts.created - counts.updated,
      newVendors,
      changes,
      changesTruncated,
      startedAt,
      finishedAt: toTimestamp(scope.now()),
    });
    return { counts, newVendors };
  });
}
