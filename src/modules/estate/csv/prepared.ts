/**
 * Rows a check prepares for writing. A kind with `writePrepared` plans each row in full while the
 * file is read (the new rows' ids and sort keys, the values to write), outside any lock; the
 * writing phase writes those rows as they are when the client's audit head has not moved since
 * before the check read anything, and checks every row again when it has (write-phase.ts).
 */
import type { Kysely } from 'kysely';
import type { ClientScope } from '../../../server/context.js';
import type { DB } from '../../../server/db/schema.js';
import type { KindSpec, Planned, PreparedRow } from './kit.js';
import { preparedSpool, type Spool } from './spool.js';

/**
 * The client's audit head: every change to a client's records appends to its audit trail in the
 * change's own transaction, so while the head stays where it was, nothing the import checked has
 * changed (the register's cache relies on the same rule).
 */
export async function auditHead(db: Kysely<DB>, clientId: string): Promise<string | null> {
  const head = await db.selectFrom('audit_heads').select('seq').where('client_id', '=', clientId).executeTakeFirst();
  return head ? String(head.seq) : null;
}

export class PreparedRows {
  readonly spool: Spool<PreparedRow> = preparedSpool();
  /** False once a planned create or update came without its row: the spool is then not used. */
  private whole = true;

  private constructor(
    /** The client's audit head before the check read anything. */
    readonly head: string,
  ) {}

  /** Rows prepared for an import of `spec`, or null when its rows are checked again anyway (a dry run, a kind without `writePrepared`). */
  static async start(scope: ClientScope, spec: KindSpec, dryRun: boolean): Promise<PreparedRows | null> {
    if (dryRun || !spec.writePrepared || spec.after) return null;
    const head = await auditHead(scope.app.database.db, scope.clientId);
    return head === null ? null : new PreparedRows(head);
  }

  /** Keeps a checked batch's creates and updates. */
  async add(planned: readonly Planned[]): Promise<void> {
    if (!this.whole) return;
    const rows: PreparedRow[] = [];
    for (const p of planned) {
      if (p.action !== 'create' && p.action !== 'update') continue;
      const row = p.row;
      if (!row || !p.id) {
        this.whole = false;
        return;
      }
      const columns = Object.keys(row);
      const prepared: PreparedRow = { line: p.line, label: p.label, action: p.action, id: p.id, columns, values: columns.map((c) => row[c]), changed: p.changed };
      if (p.before) prepared.before = p.before;
      if (p.after) prepared.after = p.after;
      rows.push(prepared);
    }
    await this.spool.write(rows);
  }

  /** Whether every create and update came with its row. */
  get usable(): boolean {
    return this.whole;
  }
}
