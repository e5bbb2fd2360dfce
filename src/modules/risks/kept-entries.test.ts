import { describe, expect, it } from 'vitest';
import { compact, fillEntries, type KeptEntry } from './kept-entries.js';
import { entryJson, type EntryParts } from './list-json.js';

/** An entry's parts as list-json makes them, with text JSON escapes or writes as it is (multi-byte in UTF-8). */
function parts(n: number, withResult = n % 5 !== 0): EntryParts {
  const head = Buffer.from(`,{"id":"s${n}","title":"Scénario ${n} “quoted” \\\\ ünïcode 🔒","result":`);
  if (!withResult) return { head, figures: 'null}', tail: null, mean: 0, inPortfolio: false };
  return {
    head,
    figures: `{"inherent":{"mean":${1234.5 * n}},"note":"naïve ${n}","share":`,
    tail: `,"rating":{"likelihood":2,"impact":3,"score":6,"level":"medium"},"inPortfolio":${n % 3 !== 0},"stale":false,"computedAt":"2026-12-07T01:00:00.000Z"}}`,
    mean: 1234.5 * n,
    inPortfolio: n % 3 !== 0,
  };
}

const made = new Map<number, EntryParts>();
const make = (n: number): EntryParts => {
  const p = parts(n);
  made.set(n, p);
  return p;
};

/** What the list would send for entry n: its JSON with its share for the mean. */
const expected = (n: number, mean: number | null): string => entryJson(parts(n), mean);
const text = (e: KeptEntry | undefined): string => e!.bytes.toString('utf8', 1);

describe('kept list entries', () => {
  it('are made side by side in one buffer, each the JSON the list sends after a comma', () => {
    const items: (KeptEntry | undefined)[] = new Array<KeptEntry | undefined>(30);
    const indexes = Array.from({ length: 30 }, (_, i) => i);
    fillEntries(items, indexes, make, 98_765.25);
    for (const i of indexes) {
      expect(items[i]!.bytes[0]).toBe(','.charCodeAt(0));
      expect(text(items[i]), `entry ${i}`).toBe(expected(i, 98_765.25));
      JSON.parse(text(items[i]));
    }
    // One slab for the page: every entry lies in the same buffer.
    expect(new Set(items.map((e) => e!.bytes.buffer)).size).toBe(1);
    expect(items[1]!.slab).toBe(items[2]!.slab);
  });

  it('makes only the missing entries, and writes a kept one again around its share when the mean moved', () => {
    const items: (KeptEntry | undefined)[] = new Array<KeptEntry | undefined>(10);
    fillEntries(items, [0, 1, 2, 3], make, 1000);
    const before = items.slice(0, 4);
    made.clear();
    fillEntries(items, [2, 3, 4, 5], make, 1000);
    expect([...made.keys()]).toEqual([4, 5]);
    expect(items[2]).toBe(before[2]);
    expect(items[3]!.bytes).toBe(before[3]!.bytes);
    made.clear();
    fillEntries(items, [0, 1, 2, 3, 4, 5], make, 2500.5);
    expect(made.size).toBe(0);
    for (const i of [0, 1, 2, 3, 4, 5]) expect(text(items[i]), `entry ${i}`).toBe(expected(i, 2500.5));
    // No mean (no run yet): every share null.
    fillEntries(items, [1, 2], make, null);
    expect((JSON.parse(text(items[1])) as { result: { share: unknown } }).result.share).toBeNull();
    expect(text(items[2])).toBe(expected(2, null));
  });

  it('copies entries out of a slab they hold less than half of, bytes unchanged', () => {
    const items: (KeptEntry | undefined)[] = new Array<KeptEntry | undefined>(20);
    fillEntries(items, Array.from({ length: 20 }, (_, i) => i), make, 500);
    const slab = items[0]!.slab;
    const page = items[0]!.bytes.buffer;
    // Carried into the register read again: 3 of 20 entries (the others were made again).
    const carried: (KeptEntry | undefined)[] = new Array<KeptEntry | undefined>(20);
    for (const i of [2, 7, 11]) carried[i] = items[i];
    compact(carried);
    for (const i of [2, 7, 11]) {
      expect(carried[i]!.slab).toBeNull();
      expect(carried[i]!.bytes.buffer).not.toBe(page);
      expect(text(carried[i])).toBe(expected(i, 500));
    }
    // A slab most of whose entries are carried stays as it is.
    const most: (KeptEntry | undefined)[] = items.slice();
    most[3] = undefined;
    compact(most);
    expect(most[4]!.slab).toBe(slab);
    expect(most[4]!.bytes.buffer).toBe(page);
  });
});
