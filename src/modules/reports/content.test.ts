import { describe, expect, it } from 'vitest';
import { compare, packSubjects } from './content.js';
import { parseQuarter, quarterContaining, nextQuarter, isQuarterKey } from './quarter.js';
import type { BoardPackContent } from './schema.js';
import type { PackSources, TopRisk } from './sources.js';
import { isPrintable, money, printable, roughly } from './text.js';

const risk = (id: string, mean: number): TopRisk => ({
  id,
  ref: id.toUpperCase(),
  title: `Risk ${id}`,
  ownerSeat: 'CISO',
  status: 'open',
  mean,
  p90: mean * 2,
  probabilityOfLoss: 0.5,
  whenLoss: { median: mean, p95: mean * 4 },
  inherentMean: mean,
  share: null,
  rating: { likelihood: 1, impact: 1, score: 1, level: 'low' },
  treatmentStatus: 'none',
});

function previous(risks: TopRisk[], expectedLoss: number): { id: string; issuedAt: string; content: BoardPackContent } {
  return {
    id: 'p1',
    issuedAt: '2026-09-30T10:00:00.000Z',
    content: {
      quarter: { key: '2026Q3', label: 'Q3 2026', start: '2026-07-01', end: '2026-09-30' },
      figures: { expectedLoss, p90: expectedLoss * 2, p99: expectedLoss * 5, appetite: 'within' },
      snapshot: { risks: risks.map((r) => ({ id: r.id, ref: r.ref, title: r.title, mean: r.mean, p90: r.p90 })) },
    } as unknown as BoardPackContent,
  };
}

describe('the change since the last pack', () => {
  it('finds new and closed risks, and the risks that moved in the ranking', () => {
    const before = [risk('a', 300), risk('b', 200), risk('c', 100)];
    const now = [risk('b', 500), risk('a', 300), risk('d', 50)];
    const figures = { expectedLoss: 850, p90: 1700, p99: 4250, appetite: 'above' } as BoardPackContent['figures'];
    const c = compare(previous(before, 600), figures, now)!;
    expect(c.newRisks.map((r) => r.id)).toEqual(['d']);
    expect(c.closedRisks.map((r) => r.id)).toEqual(['c']);
    expect(c.expectedLoss).toEqual({ before: 600, after: 850, delta: 250, percent: (250 / 600) * 100 });
    expect(c.appetite).toEqual({ before: 'within', after: 'above' });
    const moved = new Map(c.moved.map((m) => [m.id, m]));
    expect(moved.get('b')).toMatchObject({ rankBefore: 2, rankAfter: 1, meanBefore: 200, meanAfter: 500 });
    expect(moved.get('a')).toMatchObject({ rankBefore: 1, rankAfter: 2 });
    expect(moved.get('c')).toMatchObject({ rankBefore: 3, rankAfter: null });
    expect(moved.get('d')).toMatchObject({ rankBefore: null, rankAfter: 3 });
  });

  it('leaves a risk that kept its place and its figure out of "moved", and compares nothing without a previous pack', () => {
    const same = [risk('a', 300), risk('b', 200)];
    const c = compare(previous(same, 500), { expectedLoss: 500, p90: 1000, p99: 2500, appetite: 'within' } as BoardPackContent['figures'], same)!;
    expect(c.moved).toEqual([]);
    expect(c.newRisks).toEqual([]);
    expect(compare(null, { expectedLoss: 1 } as BoardPackContent['figures'], same)).toBeNull();
  });
});

describe('the pack\u2019s subjects', () => {
  it('names each section and the records it shows, so the seats\u2019 responses go beside them', () => {
    const none = { ok: false as const, reason: 'x' };
    const sources = {
      today: '2026-11-26',
      window: { from: '2026-11-26', to: '2027-03-31' },
      since: '2026-10-01T00:00:00.000Z',
      risk: { ok: true, value: { all: [risk('a', 1)] } },
      governance: none,
      board: none,
      accepted: none,
      concerns: {
        ok: true,
        value: [{ subjectType: 'finding', subjectId: 'f1', subjectTitle: 'Backups untested', createdAt: '2026-11-01T00:00:00.000Z', state: 'owed' }, { subjectType: 'risk', subjectId: 'a', subjectTitle: 'Risk a', createdAt: '2026-11-01T00:00:00.000Z', state: 'responded' }],
      },
      criticalVendors: none,
      renewals: none,
      fourthParties: none,
      lifecycle: none,
    } as unknown as PackSources;
    const s = packSubjects(parseQuarter('2026Q4'), sources);
    expect(s.bySection.vendors).toEqual([{ type: 'report-section', id: 'board-pack:2026Q4:vendors', title: 'Board pack: vendors (Q4 2026)' }]);
    expect(s.bySection.risk.map((x) => `${x.type}:${x.id}`)).toEqual(['report-section:board-pack:2026Q4:risk', 'risk:a']);
    // A concern about something no section shows goes to the decisions section, on its own.
    expect(s.standalone.map((c) => c.subjectId)).toEqual(['f1']);
    expect(s.bySection.decisions.map((x) => x.id)).toContain('f1');
  });
});

describe('quarters and words', () => {
  it('reads quarters and their days', () => {
    expect(isQuarterKey('2026Q4')).toBe(true);
    expect(isQuarterKey('2026Q5')).toBe(false);
    expect(parseQuarter('2026Q1')).toMatchObject({ label: 'Q1 2026', start: '2026-01-01', end: '2026-03-31' });
    expect(parseQuarter('2028Q1').end).toBe('2028-03-31');
    expect(nextQuarter(parseQuarter('2026Q4')).key).toBe('2027Q1');
    expect(quarterContaining('2026-11-26').key).toBe('2026Q4');
  });

  it('writes money the PDF fonts can print, in the client\u2019s currency', () => {
    expect(money(1_234_567.4, 'USD')).toBe('$1,234,567');
    expect(money(1_234_567, 'EUR')).toBe('€1,234,567');
    // The embedded Noto Sans has the rupee sign, so it prints as the sign.
    expect(money(1_234_567, 'INR')).toBe('₹1,234,567');
    // Every currency a client can choose prints without a blank box in the PDF.
    for (const code of Intl.supportedValuesOf('currency')) {
      const text = money(1_234_567, code);
      expect([...text].filter((ch) => !isPrintable(ch)), `${code}: ${text}`).toEqual([]);
    }
    expect(roughly(302_820, 'USD')).toBe('$303K');
    expect(roughly(9_250_000, 'USD')).toBe('$9.25M');
    expect(printable('A → B ≥ 3 ✓ 日本')).toBe('A -> B >= 3 yes ??');
  });
});
