/**
 * The firm's checkpoint chain: on a schedule, where each audit chain stands (its entry count,
 * its head hash and the hashes of the entries since its last checkpoint) is written to a chain
 * of checkpoints of its own, outside the chain it anchors, and signed when the server has a key.
 * A chain cut short or rewritten after a checkpoint no longer matches it (see verify.ts).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditCheckpointsTable } from '../../server/db/platform-tables.js';
import type { DB } from '../../server/db/schema.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { GENESIS } from './chain.js';
import type { AuditKey } from './signing.js';

type CheckpointFields = Omit<AuditCheckpointsTable, 'hash' | 'key_id' | 'signature'>;

/** A checkpoint's hash: SHA-256 over its fields and the previous checkpoint's hash. */
export function hashCheckpoint(c: CheckpointFields): string {
  const text = JSON.stringify([c.firm_id, c.seq, c.at, c.chain_id, c.from_seq, c.entries, c.head_hash, c.entry_hashes, c.prev_hash]);
  return createHash('sha256').update(text).digest('hex');
}

/** The chains of a firm: its own (account events) and each client's. */
export async function firmChains(db: Kysely<DB>, firmId: string): Promise<{ id: string; name: string }[]> {
  const clients = await db.selectFrom('clients').select(['id', 'name']).where('firm_id', '=', firmId).orderBy('name').execute();
  return [{ id: firmId, name: '(firm accounts)' }, ...clients];
}

export interface CheckpointOutcome {
  written: number;
  /** Chains not checkpointed because their new entries do not follow from the last checkpoint. */
  refused: { chainId: string; reason: string }[];
}

/**
 * Checkpoints every chain of the firm whose head moved since its last checkpoint. A chain whose
 * new entries do not link to its last checkpoint is not checkpointed (that would anchor a
 * tampered trail); `triad audit verify` names what is wrong with it.
 */
export async function writeCheckpoints(db: Kysely<DB>, firmId: string, now: Date, key: AuditKey | null): Promise<CheckpointOutcome> {
  const outcome: CheckpointOutcome = { written: 0, refused: [] };
  for (const chain of await firmChains(db, firmId)) {
    const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('client_id', '=', chain.id).executeTakeFirst();
    if (!head || head.seq === 0) continue;
    const last = await db
      .selectFrom('audit_checkpoints')
      .select(['entries', 'head_hash'])
      .where('firm_id', '=', firmId)
      .where('chain_id', '=', chain.id)
      .orderBy('entries', 'desc')
      .limit(1)
      .executeTakeFirst();
    const from = (last?.entries ?? 0) + 1;
    if (head.seq < from) {
      if (head.seq < (last?.entries ?? 0)) outcome.refused.push({ chainId: chain.id, reason: `the chain has ${head.seq} entries but was checkpointed at ${last?.entries ?? 0}` });
      continue;
    }
    const entries = await db.selectFrom('audit_entries').select(['seq', 'prev_hash', 'hash']).where('client_id', '=', chain.id).where('seq', '>=', from).where('seq', '<=', head.seq).orderBy('seq').execute();
    let prev = last?.head_hash ?? GENESIS;
    let problem: string | null = null;
    entries.forEach((e, i) => {
      if (problem) return;
      if (e.seq !== from + i) problem = `entry ${from + i} is missing`;
      else if (e.prev_hash !== prev) problem = `entry ${e.seq} does not link to the one before it`;
      prev = e.hash;
    });
    if (!problem && entries.length !== head.seq - from + 1) problem = `entries up to ${head.seq} are missing`;
    if (!problem && prev !== head.hash) problem = 'the chain head does not match its last entry';
    if (problem) {
      outcome.refused.push({ chainId: chain.id, reason: problem });
      continue;
    }
    await db.transaction().execute(async (tx) => {
      const top = await tx.selectFrom('audit_checkpoints').select(['seq', 'hash']).where('firm_id', '=', firmId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const fields: CheckpointFields = {
        firm_id: firmId,
        seq: (top?.seq ?? 0) + 1,
        at: toTimestamp(now),
        chain_id: chain.id,
        from_seq: from,
        entries: head.seq,
        head_hash: head.hash,
        entry_hashes: JSON.stringify(entries.map((e) => e.hash)),
        prev_hash: top?.hash ?? GENESIS,
      };
      const hash = hashCheckpoint(fields);
      // Two servers checkpointing at once: the second insert of the same seq fails and rolls back.
      await tx.insertInto('audit_checkpoints').values({ ...fields, hash, key_id: key?.id ?? null, signature: key ? key.sign(hash) : null }).execute();
    });
    outcome.written += 1;
  }
  return outcome;
}

/** Checkpoints of every firm (the scheduled task). */
export async function writeAllCheckpoints(db: Kysely<DB>, now: Date, key: AuditKey | null): Promise<CheckpointOutcome> {
  const firms = await db.selectFrom('firms').select('id').execute();
  const total: CheckpointOutcome = { written: 0, refused: [] };
  for (const f of firms) {
    const o = await writeCheckpoints(db, f.id, now, key);
    total.written += o.written;
    total.refused.push(...o.refused);
  }
  return total;
}

/** A signed summary of where every chain of the firm stands, to keep outside the database. */
export interface CheckpointFile {
  format: 'triad-audit-checkpoint/1';
  firmId: string;
  at: string;
  chains: { chainId: string; name: string; entries: number; headHash: string }[];
  /** The firm's checkpoint chain at the time: its last checkpoint. */
  checkpoint: { seq: number; hash: string } | null;
  keyId: string;
  /** Ed25519 over the SHA-256 of the canonical JSON of everything above. */
  signature: string;
}

export function checkpointFileDigest(f: Omit<CheckpointFile, 'keyId' | 'signature'>): string {
  return createHash('sha256').update(JSON.stringify([f.format, f.firmId, f.at, f.chains.map((c) => [c.chainId, c.name, c.entries, c.headHash]), f.checkpoint ? [f.checkpoint.seq, f.checkpoint.hash] : null])).digest('hex');
}

/** Writes a checkpoint of every chain now, then the signed file of where they all stand. */
export async function exportCheckpointFile(db: Kysely<DB>, firmId: string, now: Date, key: AuditKey): Promise<{ file: CheckpointFile; outcome: CheckpointOutcome }> {
  const outcome = await writeCheckpoints(db, firmId, now, key);
  const chains: CheckpointFile['chains'] = [];
  for (const c of await firmChains(db, firmId)) {
    const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('client_id', '=', c.id).executeTakeFirst();
    if (head && head.seq > 0) chains.push({ chainId: c.id, name: c.name, entries: head.seq, headHash: head.hash });
  }
  const top = await db.selectFrom('audit_checkpoints').select(['seq', 'hash']).where('firm_id', '=', firmId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const body = { format: 'triad-audit-checkpoint/1' as const, firmId, at: toTimestamp(now), chains, checkpoint: top ? { seq: top.seq, hash: top.hash } : null };
  return { file: { ...body, keyId: key.id, signature: key.sign(checkpointFileDigest(body)) }, outcome };
}
