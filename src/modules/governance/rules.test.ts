import { describe, expect, it } from 'vitest';
import { authorityFor } from './acceptances.js';
import { escalationReason } from './decisions.js';
import type { Seat, Stance } from './schema.js';

const p = (seat: Seat, stance: Stance) => ({ seat, stance });

describe('escalation', () => {
  it('escalates when one seat opposes what another supports, whatever the order', () => {
    expect(escalationReason([p('CIO', 'supports'), p('CISO', 'opposes')], false)).toBe('The seats disagree: the CIO supports it, the CISO opposes it.');
    expect(escalationReason([p('CISO', 'opposes'), p('CTO', 'supports'), p('CIO', 'supports')], false)).toBe(
      'The seats disagree: the CTO and the CIO support it, the CISO opposes it.',
    );
  });

  it('does not escalate agreement, abstention or unanimous opposition', () => {
    expect(escalationReason([p('CIO', 'supports'), p('CISO', 'supports')], false)).toBeNull();
    expect(escalationReason([p('CIO', 'supports'), p('CISO', 'abstains')], false)).toBeNull();
    expect(escalationReason([p('CIO', 'opposes'), p('CISO', 'opposes')], false)).toBeNull();
    expect(escalationReason([], true)).toBeNull();
  });

  it('escalates any CISO dissent while the CISO reports to the CIO, and only the CISO\u2019s', () => {
    expect(escalationReason([p('CISO', 'opposes')], true)).toMatch(/reports to the CIO/);
    expect(escalationReason([p('CISO', 'opposes')], false)).toBeNull();
    expect(escalationReason([p('CTO', 'opposes')], true)).toBeNull();
  });
});

describe('acceptance authority', () => {
  it('follows the size of the risk: within a defined appetite the CISO\u2019s advisor may approve, otherwise only an executive', () => {
    expect(authorityFor({ appetiteDefined: true, aboveAppetite: false })).toBe('ciso-advisor-or-executive');
    expect(authorityFor({ appetiteDefined: true, aboveAppetite: true })).toBe('executive');
    expect(authorityFor({ appetiteDefined: false, aboveAppetite: false })).toBe('executive');
  });
});
