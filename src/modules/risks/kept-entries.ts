/**
 * The register's list entries as a kept register holds them (register-cache.ts): each entry's
 * JSON (list-json.ts, EntryParts) as UTF-8 bytes after a comma, with its share for the portfolio
 * mean it was written for. A page adds an entry as it is while that mean holds (the usual case);
 * when a new run moves the mean, the entry is written again around its share, and nothing else
 * of it is made again.
 *
 * The entries a page makes lie side by side in one buffer (a slab): one allocation and one
 * encoding pass a page, not one an entry, which after a new seed (every entry new) is most of the
 * page's work outside the database. An entry carried into the register read again still holds its
 * slab; when the entries carried hold less than half of a slab, they are copied out of it
 * (`compact`), so that a few entries never hold a page's worth of bytes.
 */
import { shareJson, type EntryParts } from './list-json.js';

/** A list entry's bytes, after a comma, with its share for the portfolio mean `forMean`. */
export interface KeptEntry {
  bytes: Buffer;
  /** The slab `bytes` lies in, or null when `bytes` is its own. */
  slab: Slab | null;
  /** Where the share's value starts in `bytes`, and its length; −1 for an entry without a result (no share). */
  shareAt: number;
  shareLength: number;
  forMean: number | null;
  mean: number;
  inPortfolio: boolean;
}

/** A buffer of entries made side by side: its length. */
export interface Slab {
  readonly length: number;
}

/** An entry to make, with its parts' lengths in bytes. */
interface Pending {
  index: number;
  parts: EntryParts;
  figuresLength: number;
  share: string;
  tailLength: number;
}

/** Writes the pending entries into one slab, one after another, each part as it is (no text is put together first). */
function writeEntries(items: (KeptEntry | undefined)[], pending: readonly Pending[], portfolioMean: number | null): void {
  let length = 0;
  for (const p of pending) length += p.parts.head.length + p.figuresLength + p.share.length + p.tailLength;
  const buffer = Buffer.allocUnsafe(length);
  const slab: Slab = { length };
  let at = 0;
  for (const p of pending) {
    const { head, figures, tail, mean, inPortfolio } = p.parts;
    const start = at;
    buffer.set(head, at);
    at += head.length;
    buffer.write(figures, at, p.figuresLength, 'utf8');
    at += p.figuresLength;
    const shareAt = tail === null ? -1 : at - start;
    if (tail !== null) {
      // A number's text (or null): ASCII, one byte a character.
      buffer.write(p.share, at, 'latin1');
      at += p.share.length;
      buffer.write(tail, at, p.tailLength, 'utf8');
      at += p.tailLength;
    }
    items[p.index] = { bytes: buffer.subarray(start, at), slab, shareAt, shareLength: p.share.length, forMean: portfolioMean, mean, inPortfolio };
  }
}

/** The entry with its share for another portfolio mean (the rest of its bytes as they were), in a buffer of its own. */
function reshare(kept: KeptEntry, portfolioMean: number | null): void {
  const share = shareJson(kept, portfolioMean);
  const { bytes, shareAt, shareLength } = kept;
  const tail = bytes.subarray(shareAt + shareLength);
  const next = Buffer.allocUnsafe(shareAt + share.length + tail.length);
  next.set(bytes.subarray(0, shareAt), 0);
  next.write(share, shareAt, 'latin1');
  next.set(tail, shareAt + share.length);
  kept.bytes = next;
  kept.slab = null;
  kept.shareLength = share.length;
  kept.forMean = portfolioMean;
}

/**
 * Makes sure `items` holds the entry of each of `indexes` for the portfolio mean: those missing
 * are made from their parts (`make`) into one slab; those kept for another mean are written again
 * around their share. (A kept entry may be shared with the register read before: one whose mean
 * it is not writes it again for its own when a page needs it.)
 */
export function fillEntries(items: (KeptEntry | undefined)[], indexes: readonly number[], make: (index: number) => EntryParts, portfolioMean: number | null): void {
  const pending: Pending[] = [];
  for (const index of indexes) {
    const kept = items[index];
    if (!kept) {
      const parts = make(index);
      const share = parts.tail === null ? '' : shareJson(parts, portfolioMean);
      pending.push({ index, parts, figuresLength: Buffer.byteLength(parts.figures), share, tailLength: parts.tail === null ? 0 : Buffer.byteLength(parts.tail) });
    } else if (kept.shareAt >= 0 && kept.forMean !== portfolioMean) {
      reshare(kept, portfolioMean);
    }
  }
  if (pending.length > 0) writeEntries(items, pending, portfolioMean);
}

/**
 * Copies out of their slab the entries that hold less than half of it (see above). Run on the
 * entries carried into a register read again; they are shared with the one read before, which
 * reads the same bytes after.
 */
export function compact(items: readonly (KeptEntry | undefined)[]): void {
  const live = new Map<Slab, number>();
  for (const e of items) if (e?.slab) live.set(e.slab, (live.get(e.slab) ?? 0) + e.bytes.length);
  for (const e of items) {
    if (!e?.slab || 2 * (live.get(e.slab) ?? 0) >= e.slab.length) continue;
    e.bytes = Buffer.from(e.bytes);
    e.slab = null;
  }
}
