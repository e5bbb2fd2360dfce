/**
 * The board pack's insurance: the loss the company keeps beside the loss before insurance, each
 * policy's premium against its expected recovery, and when it renews.
 */
import type { Block, Figure, Tone } from '../schema.js';
import type { RiskSource } from '../sources.js';
import { date, money, pct, roughly } from '../text.js';

export function insuranceBlocks(r: RiskSource, currency: string): Block[] {
  const { policies, summary } = r.insurance;
  const blocks: Block[] = [{ kind: 'heading', text: 'Insurance' }];
  if (policies.length === 0) {
    return [...blocks, { kind: 'paragraph', text: 'No insurance policy is recorded: every loss above is the company\u2019s to bear.', tone: 'neutral' }];
  }
  blocks.push(
    summary
      ? { kind: 'paragraph', text: summary.sentence, tone: 'neutral' }
      : { kind: 'paragraph', text: 'The register was still being recomputed with the policies when this pack was made: the loss kept after insurance is not shown.', tone: 'warn' },
  );
  blocks.push({
    kind: 'table',
    caption: null,
    columns: [
      { key: 'policy', label: 'Policy', align: 'left', width: 2.2 },
      { key: 'deductible', label: 'Deductible', align: 'right', width: 0.9 },
      { key: 'limit', label: 'Limit (event / year)', align: 'right', width: 1.4 },
      { key: 'premium', label: 'Premium', align: 'right', width: 0.9 },
      { key: 'recovery', label: 'Expected recovery', align: 'right', width: 1 },
      { key: 'claims', label: 'Years with a claim', align: 'right', width: 0.8 },
      { key: 'renews', label: 'Renews', align: 'left', width: 0.9 },
    ],
    rows: policies.map((p): { cells: Record<string, string>; tone: Tone } => ({
      cells: {
        policy: `${p.name} (${p.insurer}), ${p.coversAll ? 'all risks' : p.scenarios.map((s) => s.ref).join(', ')}`,
        deductible: money(p.deductible, currency),
        limit: `${money(p.limit, currency)} / ${p.aggregateLimit === null ? 'none' : money(p.aggregateLimit, currency)}`,
        premium: money(p.premium, currency),
        recovery: p.figures ? money(p.figures.expectedRecovery, currency) : '-',
        claims: p.figures ? pct(p.figures.probabilityOfClaim) : '-',
        renews: p.renewalOn ? date(p.renewalOn) : '-',
      },
      tone: p.daysToRenewal !== null && p.daysToRenewal >= 0 && p.daysToRenewal <= 90 ? 'warn' : 'neutral',
    })),
    empty: '',
    note: 'Premiums are a cost, not a loss: the expected recovery is what the policy pays on average a year for the risks it covers, after its deductible and limits.',
  });
  return blocks;
}

/** The summary's figure for the loss kept after insurance, when the client is insured. */
export function keptFigure(r: RiskSource, currency: string): Figure | null {
  const s = r.insurance.summary;
  if (!s) return null;
  return { label: 'Kept after insurance', value: money(s.kept.mean, currency), amount: s.kept.mean, note: `a year on average; ${roughly(s.premium, currency)} in premiums buys ${roughly(s.expectedRecovery, currency)} of expected recovery`, tone: 'neutral' };
}

/** The pack's figures with insurance: what the company keeps, and premiums against recoveries. */
export function insuredFigures(r: RiskSource | null): { keptExpectedLoss?: number; keptP99?: number; premium?: number; expectedRecovery?: number } {
  const s = r?.insurance.summary;
  return s ? { keptExpectedLoss: s.kept.mean, keptP99: s.kept.p99, premium: s.premium, expectedRecovery: s.expectedRecovery } : {};
}
