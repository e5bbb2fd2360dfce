import { v7 as uuidv7 } from 'uuid';
import { randomFillSync } from 'node:crypto';

/** A new identifier: a time-ordered UUID (v7), text on both databases. */
export function newId(): string {
  const random = randomBytes16();
  const now = Date.now();
  // uuid's own v7 ordering, kept here because it keeps none when given the random bytes: a new
  // millisecond starts from a random sequence, within one the sequence counts up.
  if (now > v7State.msecs) {
    v7State.msecs = now;
    v7State.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    v7State.seq = (v7State.seq + 1) | 0;
    if (v7State.seq === 0) v7State.msecs += 1;
  }
  return uuidv7({ random, msecs: v7State.msecs, seq: v7State.seq });
}

const v7State = { msecs: -Infinity, seq: 0 };

/**
 * Random bytes for identifiers, drawn from the operating system 4 KB at a time: one call to the
 * generator per 256 identifiers rather than one each (an import of 100,000 rows spent a third of
 * a second in those calls).
 */
const randomPool = new Uint8Array(4096);
let randomAt = randomPool.length;
function randomBytes16(): Uint8Array {
  if (randomAt === randomPool.length) {
    randomFillSync(randomPool);
    randomAt = 0;
  }
  randomAt += 16;
  return randomPool.subarray(randomAt - 16, randomAt);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `value` has the shape of an identifier Triad makes. */
export function isId(value: string): boolean {
  return UUID_RE.test(value);
}

/** A timestamp as stored: ISO 8601 UTC with milliseconds, which sorts as text. */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}

/** A calendar date as stored: `YYYY-MM-DD`. */
export function toDateString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Stores a value as JSON text (null stays null). */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Parses a JSON text column, with a fallback for null. */
export function fromJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  return JSON.parse(text) as T;
}

/** Booleans are stored as 0/1 on both databases. */
export const toFlag = (b: boolean): number => (b ? 1 : 0);
export const fromFlag = (n: number | null | undefined): boolean => n === 1;

/** Converts an amount in major units (e.g. dollars) to integer minor units (cents). */
export function toMinor(amount: number, digits = 2): number {
  return Math.round(amount * 10 ** digits);
}

/** Converts integer minor units back to major units. */
export function fromMinor(minor: number, digits = 2): number {
  return minor / 10 ** digits;
}
