import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyKey, nameKey } from './vocab.js';

describe('name keys', () => {
  it('fold case and runs of white space, and compatibility forms beyond ASCII', () => {
    expect(nameKey('  Acme   Cloud\tServices ')).toBe('acme cloud services');
    // NFKC: a full-width name and a ligature are the letters they stand for.
    expect(nameKey('Ａｃｍｅ ﬁle')).toBe('acme file');
    expect(companyKey('Amazon Web Services, Inc.')).toBe(companyKey('amazon web services'));
  });

  it('fold ASCII text as the whole fold (NFKC first) would', () => {
    const whole = (t: string) => t.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (t) => {
        expect(nameKey(t)).toBe(whole(t));
      }),
      { numRuns: 5000 },
    );
  });
});
