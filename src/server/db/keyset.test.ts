import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { decodeCursor, encodeCursor, pageOf } from './keyset.js';

describe('keyset cursors', () => {
  it('give back the key values of the last row, for the sort they came from', () => {
    const c = encodeCursor('name', ['laptop 00000010', 'sys_01']);
    expect(decodeCursor(c, 'name', ['string', 'string'])).toEqual(['laptop 00000010', 'sys_01']);
    expect(decodeCursor(encodeCursor('cost', [1250.5, 'x']), 'cost', ['number', 'string'])).toEqual([1250.5, 'x']);
  });

  it('refuse a cursor of another sort, a made-up one or one with the wrong types, naming the cursor', () => {
    const other = encodeCursor('endOfLife', ['2027-01-01', 'sys_01']);
    const refused = (raw: string, types: ('string' | 'number')[] = ['string', 'string']) => {
      try {
        decodeCursor(raw, 'name', types);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        const err = e as AppError;
        expect(err.status).toBe(400);
        expect(err.details[0]?.path).toBe('querystring.cursor');
        return err.message;
      }
      throw new Error('accepted');
    };
    expect(refused(other)).toMatch(/order "endOfLife", not "name"/);
    expect(refused('not a cursor')).toMatch(/not one this list gave/);
    expect(refused(encodeCursor('name', ['a']))).toMatch(/not one this list gave/);
    expect(refused(encodeCursor('name', ['a', 'b']), ['number', 'string'])).toMatch(/not one this list gave/);
  });

  it('give a next cursor only when there was one more row than the page', () => {
    const rows = [{ k: 'a' }, { k: 'b' }, { k: 'c' }];
    expect(pageOf(rows, 3, 's', (r) => [r.k]).nextCursor).toBeNull();
    const p = pageOf(rows, 2, 's', (r) => [r.k]);
    expect(p.rows).toEqual([{ k: 'a' }, { k: 'b' }]);
    expect(decodeCursor(p.nextCursor!, 's', ['string'])).toEqual(['b']);
  });
});
