/**
 * Verifying an audit chain against its anchors: its own hash links (chain.ts), the firm's
 * checkpoints of it, the head printed in each issued board pack, and signed checkpoint files
 * kept outside the database. A chain whose last entries were deleted and whose head was rolled
 * back, or whose entries were edited and re-hashed to the end, verifies on its own but not
 * against an anchor taken before: the first missing or altered entry is named.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.js';
import { verifyChain, type VerifyResult } from './chain.js';
import { checkpointFileDigest, hashCheckpoint, type CheckpointFile } from './checkpoints.js';
import type { AuditKey } from './signing.js';

export interface TrailOptions {
  /** The server's key, to check the signatures of checkpoints and files. */
  key?: AuditKey | null;
  /** Signed checkpoint files kept outside the database. */
  files?: CheckpointFile[];
}

export interface TrailResult extends VerifyResult {
  /** How many anchors (checkpoints, board packs, files) the chain was checked against. */
  anchors: number;
}

interface Anchor {
  /** "the checkpoint of 2026-11-26T10:00:00.000Z", "the board pack for 2026Q3". */
  what: string;
  entries: number;
  headHash: string;
  /** Hashes of the entries from `from` to `entries`, when the anchor lists them. */
  from?: number;
  hashes?: string[];
}

async function firmOf(db: Kysely<DB>, chainId: string): Promise<string> {
  const client = await db.selectFrom('clients').select('firm_id').where('id', '=', chainId).executeTakeFirst();
  return client?.firm_id ?? chainId;
}

/** The board packs issued for a client print the chain's head when issued (reports module). */
async function packAnchors(db: Kysely<DB>, chainId: string): Promise<Anchor[]> {
  const packs = await db.selectFrom('report_packs').select(['quarter', 'content_json']).where('client_id', '=', chainId).where('status', '=', 'issued').execute();
  const anchors: Anchor[] = [];
  for (const p of packs) {
    const content = JSON.parse(p.content_json ?? 'null') as { issue?: { auditTrail?: { entries?: unknown; headHash?: unknown } | null } | null } | null;
    const trail = content?.issue?.auditTrail;
    if (trail && typeof trail.entries === 'number' && typeof trail.headHash === 'string' && trail.entries > 0) {
      anchors.push({ what: `the board pack for ${p.quarter}`, entries: trail.entries, headHash: trail.headHash });
    }
  }
  return anchors;
}

function fileProblem(file: CheckpointFile, key: AuditKey | null | undefined): string | null {
  if (!key) return 'a checkpoint file cannot be checked without the audit key (TRIAD_AUDIT_KEY)';
  if (file.keyId !== key.id) return `the checkpoint file of ${file.at} was signed with another key (${file.keyId}, not ${key.id})`;
  const { keyId: _k, signature, ...body } = file;
  return key.verify(checkpointFileDigest(body), signature) ? null : `the checkpoint file of ${file.at} has a signature that does not verify (it was changed)`;
}

/** Checks one chain against itself and every anchor; names the first entry that does not hold. */
export async function verifyTrail(db: Kysely<DB>, chainId: string, options: TrailOptions = {}): Promise<TrailResult> {
  const internal = await verifyChain(db, chainId);
  const firmId = await firmOf(db, chainId);
  const anchors: Anchor[] = [];
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().where('firm_id', '=', firmId).where('chain_id', '=', chainId).orderBy('entries').execute();
  for (const c of checkpoints) {
    // A checkpoint that was itself changed anchors nothing (verifyCheckpoints reports it).
    const { hash, key_id: _k, signature: _s, ...fields } = c;
    if (hashCheckpoint(fields) !== hash) continue;
    anchors.push({ what: `the checkpoint of ${c.at}`, entries: c.entries, headHash: c.head_hash, from: c.from_seq, hashes: JSON.parse(c.entry_hashes) as string[] });
  }
  anchors.push(...(await packAnchors(db, chainId)));
  for (const file of options.files ?? []) {
    if (file.firmId !== firmId || fileProblem(file, options.key)) continue;
    const c = file.chains.find((x) => x.chainId === chainId);
    if (c) anchors.push({ what: `the signed checkpoint file of ${file.at}`, entries: c.entries, headHash: c.headHash });
  }

  const rows = await db.selectFrom('audit_entries').select(['seq', 'hash']).where('client_id', '=', chainId).orderBy('seq').execute();
  const hashAt = new Map(rows.map((r) => [r.seq, r.hash]));
  // Entries present from 1 without a gap.
  let length = 0;
  while (hashAt.has(length + 1)) length += 1;
  const failures: { seq: number; reason: string }[] = internal.failure ? [internal.failure] : [];
  for (const a of anchors) {
    if (length < a.entries) {
      failures.push({ seq: length + 1, reason: `entry ${length + 1} is missing: ${a.what} recorded ${a.entries} entries but the chain has ${length} (the trail was cut short)` });
      continue;
    }
    if (a.hashes && a.from !== undefined) {
      const i = a.hashes.findIndex((h, k) => hashAt.get(a.from! + k) !== h);
      if (i >= 0) {
        failures.push({ seq: a.from + i, reason: `entry ${a.from + i} does not match ${a.what} (it was changed after it was checkpointed)` });
        continue;
      }
    }
    if (hashAt.get(a.entries) !== a.headHash) {
      failures.push({ seq: a.entries, reason: `entry ${a.entries} does not match ${a.what} (it, or an entry before it, was changed since)` });
    }
  }
  failures.sort((x, y) => x.seq - y.seq);
  const failure = failures[0];
  return { ok: !failure, entries: internal.entries, anchors: anchors.length, ...(failure ? { failure } : {}) };
}

export interface CheckpointChainResult {
  ok: boolean;
  checkpoints: number;
  failure?: { seq: number; reason: string };
}

/**
 * Checks the firm's checkpoint chain: contiguous, each linked to the one before and matching
 * its hash, signatures valid where the server's key signed; and every signed file's last
 * checkpoint still there unchanged (a cut of the checkpoint chain itself).
 */
export async function verifyCheckpoints(db: Kysely<DB>, firmId: string, options: TrailOptions = {}): Promise<CheckpointChainResult> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().where('firm_id', '=', firmId).orderBy('seq').execute();
  let prev = '0'.repeat(64);
  let n = 0;
  for (const r of rows) {
    n += 1;
    if (r.seq !== n) return { ok: false, checkpoints: n - 1, failure: { seq: n, reason: `checkpoint ${n} is missing` } };
    if (r.prev_hash !== prev) return { ok: false, checkpoints: n - 1, failure: { seq: n, reason: `checkpoint ${n} does not link to the one before it` } };
    const { hash, key_id, signature, ...fields } = r;
    if (hashCheckpoint(fields) !== hash) return { ok: false, checkpoints: n - 1, failure: { seq: n, reason: `checkpoint ${n} was changed (its content does not match its hash)` } };
    if (options.key && signature && key_id === options.key.id && !options.key.verify(hash, signature)) {
      return { ok: false, checkpoints: n - 1, failure: { seq: n, reason: `checkpoint ${n} has a signature that does not verify` } };
    }
    prev = hash;
  }
  for (const file of options.files ?? []) {
    if (file.firmId !== firmId) continue;
    const problem = fileProblem(file, options.key);
    if (problem) return { ok: false, checkpoints: n, failure: { seq: 0, reason: problem } };
    if (file.checkpoint) {
      const row = rows.find((r) => r.seq === file.checkpoint!.seq);
      if (!row) return { ok: false, checkpoints: n, failure: { seq: file.checkpoint.seq, reason: `checkpoint ${file.checkpoint.seq} is missing: the signed checkpoint file of ${file.at} recorded it (checkpoints were deleted)` } };
      if (row.hash !== file.checkpoint.hash) return { ok: false, checkpoints: n, failure: { seq: row.seq, reason: `checkpoint ${row.seq} does not match the signed checkpoint file of ${file.at}` } };
    }
  }
  return { ok: true, checkpoints: n };
}
