import { describe, expect, it } from 'vitest';
import { isId, newId } from './conventions.js';

describe('newId', () => {
  it('makes version 7 identifiers that sort in the order they were made, with no repeat', () => {
    // More than one pool of random bytes (256 identifiers), most of them within one millisecond.
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids) {
      expect(isId(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('draws fresh random bytes for every identifier', () => {
    const tails = new Set(Array.from({ length: 600 }, () => newId().slice(24)));
    expect(tails.size).toBe(600);
  });
});
