import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntriesTable } from '../../server/db/platform-tables.js';
import type { DB } from '../../server/db/schema.js';
import { toJson, toTimestamp } from '../../server/db/conventions.js';

/** The hash before the first entry of every chain. */
export const GENESIS = '0'.repeat(64);

/** Who made a change, as the trail records it. */
export interface AuditActor {
  userId: string | null;
  label: string;
}

export interface AuditChange {
  /** What happened, `<entity>.<verb>`: `risk.create`, `member.remove`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

type EntryFields = Omit<AuditEntriesTable, 'hash'>;

/** The entry's hash: SHA-256 over its stored fields and the previous entry's hash. */
export function hashEntry(e: EntryFields): string {
  const text = JSON.stringify([
    e.client_id,
    e.seq,
    e.at,
    e.actor_id,
    e.actor_label,
    e.action,
    e.entity_type,
    e.entity_id,
    e.before_json,
    e.after_json,
    e.prev_hash,
  ]);
  return createHash('sha256').update(text).digest('hex');
}

/** Creates an empty chain (idempotent); done when a client or firm is created. */
export async function startChain(tx: Kysely<DB> | Transaction<DB>, chainId: string): Promise<void> {
  await tx
    .insertInto('audit_heads')
    .values({ client_id: chainId, seq: 0, hash: GENESIS })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
}

/**
 * Appends one entry to a chain inside the caller's transaction, so the entry and the change it
 * records commit or roll back together. The head row's update serialises concurrent appends.
 */
export async function appendAudit(
  tx: Transaction<DB>,
  chainId: string,
  actor: AuditActor,
  change: AuditChange,
  at: Date,
): Promise<{ seq: number; hash: string }> {
  await startChain(tx, chainId);
  const head = await tx
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('client_id', '=', chainId)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const fields: EntryFields = {
    client_id: chainId,
    seq: head.seq,
    at: toTimestamp(at),
    actor_id: actor.userId,
    actor_label: actor.label,
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId,
    before_json: toJson(change.before),
    after_json: toJson(change.after),
    prev_hash: head.hash,
  };
  const hash = hashEntry(fields);
  await tx.insertInto('audit_entries').values({ ...fields, hash }).execute();
  await tx.updateTable('audit_heads').set({ hash }).where('client_id', '=', chainId).execute();
  return { seq: head.seq, hash };
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first entry that does not verify, and why. */
  failure?: { seq: number; reason: string };
}

/**
 * Walks a chain from the start: each entry's hash must match its fields, link to the previous
 * hash, and follow in sequence; the head must point at the last entry. Any edited, inserted or
 * deleted entry breaks one of these.
 */
export async function verifyChain(db: Kysely<DB>, chainId: string, pageSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('client_id', '=', chainId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, entries: count, failure: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (next found is ${row.seq})` } };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, entries: count, failure: { seq: row.seq, reason: 'its link to the previous entry does not match' } };
      }
      const { hash, ...fields } = row;
      if (hashEntry(fields) !== hash) {
        return { ok: false, entries: count, failure: { seq: row.seq, reason: 'its content does not match its hash (the entry was edited)' } };
      }
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_heads').selectAll().where('client_id', '=', chainId).executeTakeFirst();
  const headSeq = head?.seq ?? 0;
  if (headSeq !== count) {
    return { ok: false, entries: count, failure: { seq: count + 1, reason: `the chain ends at entry ${count} but its head records ${headSeq} entries (entries were deleted)` } };
  }
  if ((head?.hash ?? GENESIS) !== prevHash) {
    return { ok: false, entries: count, failure: { seq: count, reason: 'the last entry does not match the chain head' } };
  }
  return { ok: true, entries: count };
}
