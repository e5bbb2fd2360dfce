import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it('says one in the singular and every other count in the plural, digits grouped', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(2, 'row')).toBe('2 rows');
    expect(plural(12_345, 'row')).toBe('12,345 rows');
    expect(plural(1, 'audit entry', 'audit entries')).toBe('1 audit entry');
    expect(plural(3, 'audit entry', 'audit entries')).toBe('3 audit entries');
  });
});
