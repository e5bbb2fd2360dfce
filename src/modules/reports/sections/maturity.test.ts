import { describe, expect, it } from 'vitest';
import type { AssessmentMaturity, BoardMaturity } from '../../controls/api.js';
import type { Block } from '../schema.js';
import { maturitySection } from './maturity.js';

const client = { name: 'Harbor & Finch CPAs', currency: 'USD' };

function standing(id: string, status: 'completed' | 'in_progress', govern: number, recover: number | null): AssessmentMaturity {
  const current = recover === null ? govern : (govern + recover) / 2;
  return {
    id,
    title: id,
    status,
    createdAt: '2026-08-01T00:00:00.000Z',
    completedAt: status === 'completed' ? '2026-09-20T00:00:00.000Z' : null,
    completedBy: 'Sam Okafor <sam@northbridge.example>',
    outcomes: 10,
    answered: 10,
    notApplicable: 1,
    evidenced: 4,
    gaps: 3,
    current,
    target: 3,
    groupWord: 'Function',
    groups: [
      { id: 'GV', title: 'GOVERN', current: govern, target: 3, outcomes: 5, gaps: 2 },
      { id: 'RC', title: 'RECOVER', current: recover, target: 3, outcomes: 5, gaps: 1 },
    ],
  };
}

function source(summary: Partial<BoardMaturity['summary']>): BoardMaturity {
  return {
    summary: { catalogue: { id: 'c', title: 'Electronic Version of NIST Cybersecurity Framework 2.0', builtin: 'nist-csf-2.0' }, scale: 'csf-tiers', latestCompleted: null, previousCompleted: null, inProgress: null, ...summary },
    gaps: {
      assessment: { id: 'q3', title: 'Q3', status: 'completed', catalogue: 'CSF', catalogueId: 'c', scale: 'csf-tiers', completedAt: '2026-09-20T00:00:00.000Z' },
      currency: 'USD',
      gaps: [
        { rank: 1, controlId: 'RC.RP-03', title: 'RC.RP-03', statement: 'The integrity of backups is verified', functionId: 'RC', functionTitle: 'RECOVER', categoryId: 'RC.RP', categoryTitle: 'Recovery', current: 1, target: 3, gap: 2, atStake: 212_345, scenarios: [], treatments: [], ownerSeat: 'CIO', evidence: 1 },
        { rank: 2, controlId: 'GV.SC-07', title: 'GV.SC-07', statement: 'Supplier risks are understood', functionId: 'GV', functionTitle: 'GOVERN', categoryId: 'GV.SC', categoryTitle: 'Supply chain', current: 1, target: 3, gap: 2, atStake: 0, scenarios: [], treatments: [], ownerSeat: null, evidence: 0 },
      ],
    },
  };
}

const of = <K extends Block['kind']>(blocks: Block[], kind: K): Extract<Block, { kind: K }>[] => blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);

describe('the board pack\u2019s maturity section', () => {
  it('shows the latest signed-off assessment by function against target, and the change since the one before', () => {
    const s = maturitySection({ client, source: { ok: true, value: source({ latestCompleted: standing('Q3 review', 'completed', 2.5, 2), previousCompleted: standing('Q2 review', 'completed', 2, 1.5), inProgress: standing('Q4 review', 'in_progress', 2.75, 2) }) } }, [], []);
    expect(s).toMatchObject({ key: 'maturity', number: 7, title: 'Security maturity' });
    expect(s.lead).toBe('Against NIST Cybersecurity Framework 2.0, Harbor & Finch CPAs stands at tier 2.3 of 4 on average, against a target of 3.0 (Q3 review, signed off 20 Sep 2026).');
    const figures = of(s.blocks, 'figures')[0]!.items;
    expect(figures.map((f) => [f.label, f.value, f.tone])).toEqual([
      ['Maturity now', '2.3 of 4', 'neutral'],
      ['Target', '3.0 of 4', 'neutral'],
      ['Below target', '3', 'warn'],
      ['Since the last assessment', '+0.5', 'good'],
    ]);
    const chart = of(s.blocks, 'chart')[0]!.chart;
    expect(chart).toEqual({ type: 'maturity', unit: 'Tier', min: 1, max: 4, groups: [{ label: 'Govern', previous: 2, current: 2.5, target: 3 }, { label: 'Recover', previous: 1.5, current: 2, target: 3 }] });
    const [byFunction, gaps] = of(s.blocks, 'table');
    expect(byFunction!.columns.map((c) => c.label)).toEqual(['Function', 'Last assessment', 'Now', 'Target', 'Change', 'Below target']);
    expect(byFunction!.rows[0]!.cells).toMatchObject({ group: 'Govern', previous: '2.0', current: '2.5', change: '+0.5' });
    expect(of(s.blocks, 'paragraph').map((p) => p.text)).toEqual(['Q4 review is under way: 10 of 10 outcomes answered so far, provisionally at tier 2.4 (up 0.1 on Q3 review).']);
    expect(gaps!.rows.map((r) => [r.cells.outcome, r.cells.levels, r.cells.stake, r.cells.owner])).toEqual([
      ['RC.RP-03 The integrity of backups is verified', '1 (Partial) \u2192 3 (Repeatable)', '$212,345', 'CIO'],
      ['GV.SC-07 Supplier risks are understood', '1 (Partial) \u2192 3 (Repeatable)', 'Not linked to a risk', '-'],
    ]);
  });

  it('says plainly when nothing is signed off yet, when there is no assessment, and when the source failed', () => {
    const open = maturitySection({ client, source: { ok: true, value: source({ inProgress: standing('Q4 review', 'in_progress', 2, null) }) } }, [], []);
    expect(open.lead).toMatch(/\(Q4 review, still in progress\)\.$/);
    expect(of(open.blocks, 'paragraph')[0]).toMatchObject({ tone: 'warn', text: expect.stringMatching(/No assessment has been signed off yet/) as unknown });
    expect(of(open.blocks, 'figures')[0]!.items[3]).toMatchObject({ value: 'First review' });
    // A function not rated yet has no bar and a dash.
    expect(of(open.blocks, 'chart')[0]!.chart).toMatchObject({ groups: [{ label: 'Govern', current: 2 }, { label: 'Recover', current: null }] });

    const none = maturitySection({ client, source: { ok: true, value: null } }, [], []);
    expect(none.blocks[0]).toMatchObject({ kind: 'unavailable', text: expect.stringMatching(/No framework assessment has been made yet/) as unknown });
    const failed = maturitySection({ client, source: { ok: false, reason: 'The framework assessments could not be read when this pack was made.' } }, [], []);
    expect(failed).toMatchObject({ lead: 'The framework assessments could not be read when this pack was made.', blocks: [{ kind: 'unavailable' }] });
  });

  it('puts the roadmap beside the gaps when given it (the QBR): a gap with an initiative no longer asks for attention', () => {
    const summary = { latestCompleted: standing('Q3 review', 'completed', 2.5, 2) };
    const board = of(maturitySection({ client, source: { ok: true, value: source(summary) } }, [], []).blocks, 'table')[1]!;
    expect(board.columns.map((c) => c.key)).not.toContain('roadmap');
    const qbr = of(maturitySection({ client, source: { ok: true, value: source(summary) }, onRoadmap: new Map([['RC.RP-03', 'I8, Q1 2027']]) }, [], []).blocks, 'table')[1]!;
    expect(qbr.columns.map((c) => [c.key, c.label]).pop()).toEqual(['roadmap', 'On the roadmap']);
    expect(qbr.rows.map((r) => [r.cells.outcome!.slice(0, 8), r.cells.roadmap, r.tone])).toEqual([
      ['RC.RP-03', 'I8, Q1 2027', 'neutral'],
      ['GV.SC-07', 'Not yet', 'neutral'],
    ]);
    expect(board.rows[0]!.tone).toBe('warn');
  });
});
