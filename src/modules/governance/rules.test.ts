import { describe, expect, it } from 'vitest';
import { authorityFor } from './authority.js';
import { escalationReason } from './decisions.js';
import type { DelegationOut, Seat, Stance } from './schema.js';

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
  const client = { name: 'Harbor & Finch CPAs', currency: 'USD' };
  const delegation: DelegationOut = {
    delegate: { userId: 'sam', name: 'Sam Okafor' },
    holdsCisoSeat: true,
    limit: 50_000,
    since: '2026-10-01',
    note: null,
    recordedBy: { userId: 'margaret', name: 'Margaret Finch' },
    recordedAt: '2026-10-01T10:00:00.000Z',
    sentence: '',
  };
  const within = { appetiteDefined: true, aboveAppetite: false, settled: true, size: 12_000 };

  it('needs an executive by default, even for a small risk within appetite', () => {
    const a = authorityFor(within, null, client);
    expect(a.authority).toBe('executive');
    expect(a.reason).toMatch(/has not delegated the approval of acceptances to its CISO's advisor, so an executive approves it/);
  });

  it('lets the CISO’s advisor approve within appetite and within the delegated amount, and not beyond it', () => {
    const ok = authorityFor(within, delegation, client);
    expect(ok.authority).toBe('ciso-advisor-or-executive');
    expect(ok.reason).toMatch(/\$12,000 a year, within the \$50,000 .* Sam Okafor or an executive may approve it/);
    const over = authorityFor({ ...within, size: 50_001 }, delegation, client);
    expect(over.authority).toBe('executive');
    expect(over.reason).toMatch(/more than the \$50,000/);
    expect(authorityFor(within, { ...delegation, holdsCisoSeat: false }, client).authority).toBe('executive');
    expect(authorityFor({ ...within, size: null }, delegation, client).authority).toBe('executive');
  });

  it('sends every acceptance to the board while the portfolio is above appetite, whatever its size', () => {
    const a = authorityFor({ ...within, aboveAppetite: true, size: 1 }, delegation, client);
    expect(a.authority).toBe('executive');
    expect(a.reason).toMatch(/above its risk appetite .* whatever its size/);
    expect(authorityFor({ ...within, settled: false }, delegation, client).reason).toMatch(/too close to call/);
    expect(authorityFor({ ...within, appetiteDefined: false }, delegation, client).authority).toBe('executive');
  });
});
