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

/**
 * Where a chain's early entries were hashed under another chain id: a client imported under a
 * new id keeps its trail byte for byte, and entries up to `throughSeq` were hashed with the id
 * the client had then (`originId`). Segments are ordered by `throughSeq`.
 */
export interface ChainSegment {
  throughSeq: number;
  originId: string;
}

/** The chain id an entry was hashed with: its segment's origin, else the chain's own id. */
export function hashIdAt(chainId: string, seq: number, segments: readonly ChainSegment[]): string {
  for (const s of segments) if (seq <= s.throughSeq) return s.originId;
  return chainId;
}

/** The segments recorded for a chain (empty for a chain that was never imported). */
export async function chainSegments(db: Kysely<DB> | Transaction<DB>, chainId: string): Promise<ChainSegment[]> {
  const rows = await db.selectFrom('audit_chain_origins').select(['through_seq', 'origin_id']).where('chain_id', '=', chainId).orderBy('through_seq').execute();
  return rows.map((r) => ({ throughSeq: r.through_seq, originId: r.origin_id }));
}

/**
 * Checks entries in order from the chain's start, as verifyChain does for stored ones: the
 * sequence, the links and each hash (with the segments' origin ids). Used for the entries of
 * a client export file before anything is written.
 */
export function verifyEntries(chainId: string, entries: readonly AuditEntriesTable[], segments: readonly ChainSegment[], start: { seq: number; hash: string } = { seq: 0, hash: GENESIS }): VerifyResult {
  let prevHash = start.hash;
  let expectedSeq = start.seq + 1;
  let count = 0;
  for (const row of entries) {
    if (row.seq !== expectedSeq) {
      return { ok: false, entries: count, failure: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (next found is ${row.seq})` } };
    }
    if (row.prev_hash !== prevHash) {
      return { ok: false, entries: count, failure: { seq: row.seq, reason: 'its link to the previous entry does not match' } };
    }
    const { hash, ...fields } = row;
    if (hashEntry({ ...fields, client_id: hashIdAt(chainId, row.seq, segments) }) !== hash) {
      return { ok: false, entries: count, failure: { seq: row.seq, reason: 'its content does not match its hash (the entry was edited)' } };
    }
    prevHash = hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, entries: count };
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
  const segments = await chainSegments(db, chainId);
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
    const page = verifyEntries(chainId, rows, segments, { seq: expectedSeq - 1, hash: prevHash });
    if (!page.ok) return { ...page, entries: count + page.entries };
    count += page.entries;
    expectedSeq += page.entries;
    prevHash = rows.at(-1)?.hash ?? prevHash;
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
