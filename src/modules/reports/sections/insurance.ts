/**
 * The board pack's insurance: the loss the company keeps beside the loss before insurance, each
 * policy's premium against its expected recovery, and when it renews.
 */
import type { Block, Figure, Tone } from '../schema.js';
import type { RiskSource } from '../sources.js';
import type { PackWords } from '../i18n/index.js';

export function insuranceBlocks(words: PackWords, r: RiskSource, currency: string): Block[] {
  const { money, date, pct } = words;
  const { policies, summary } = r.insurance;
  const blocks: Block[] = [{ kind: 'heading', text: 'Insurance' }];
  if (policies.length === 0) {
    return [...blocks, { kind: 'paragraph', text: words.t('insurance.none'), tone: 'neutral' }];
  }
  blocks.push(
    summary
      ? { kind: 'paragraph', text: summary.sentence, tone: 'neutral' }
      : { kind: 'paragraph', text: words.t('insurance.recomputing'), tone: 'warn' },
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
        policy: `${p.name} (${p.insurer}), ${p.coversAll ? words.t('insurance.allRisks') : p.scenarios.map((s) => s.ref).join(', ')}`,
        deductible: money(p.deductible, currency),
        limit: `${money(p.limit, currency)} / ${p.aggregateLimit === null ? words.t('insurance.noAggregate') : money(p.aggregateLimit, currency)}`,
        premium: money(p.premium, currency),
        recovery: p.figures ? money(p.figures.expectedRecovery, currency) : '-',
        claims: p.figures ? pct(p.figures.probabilityOfClaim) : '-',
        renews: p.renewalOn ? date(p.renewalOn) : '-',
      },
      tone: p.daysToRenewal !== null && p.daysToRenewal >= 0 && p.daysToRenewal <= 90 ? 'warn' : 'neutral',
    })),
    empty: '',
    note: words.t('insurance.note'),
  });
  return blocks;
}

/** The summary's figure for the loss kept after insurance, when the client is insured. */
export function keptFigure(words: PackWords, r: RiskSource, currency: string): Figure | null {
  const s = r.insurance.summary;
  if (!s) return null;
  return { label: 'Kept after insurance', value: words.money(s.kept.mean, currency), amount: s.kept.mean, note: words.t('insurance.keptNote', { premium: words.roughly(s.premium, currency), recovery: words.roughly(s.expectedRecovery, currency) }), tone: 'neutral' };
}

/** The pack's figures with insurance: what the company keeps, and premiums against recoveries. */
export function insuredFigures(r: RiskSource | null): { keptExpectedLoss?: number; keptP99?: number; premium?: number; expectedRecovery?: number } {
  const s = r?.insurance.summary;
  return s ? { keptExpectedLoss: s.kept.mean, keptP99: s.kept.p99, premium: s.premium, expectedRecovery: s.expectedRecovery } : {};
}
