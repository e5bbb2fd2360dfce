/**
 * The one-section reports, the ransomware worst case and the firm's portfolio report, as the
 * board pack's blocks: the web app shows these blocks, and the PDF and HTML kits draw them.
 */
import type { Block, PortfolioReport, Tone, WorstCaseReport } from './schema.js';
import { count, date, money, plural } from './text.js';

export interface SimpleDocument {
  title: string;
  eyebrow: string;
  heading: string;
  sub: string;
  meta: string;
  blocks: Block[];
  footer: string;
  createdAt: string;
  landscape?: boolean;
}

const STATUS_WORDS = { proposed: 'Proposed', planned: 'Planned', in_place: 'In place' } as const;

export function worstCaseDocument(r: Omit<WorstCaseReport, 'blocks'>): SimpleDocument {
  const cur = r.client.currency;
  const blocks: Block[] = [];
  if (!r.available || !r.range) {
    blocks.push({ kind: 'unavailable', text: r.unavailableReason ?? 'The ransomware estimate is not available.' });
  } else {
    const sc = r.scenario;
    blocks.push({
      kind: 'figures',
      items: [
        { label: 'Low end', value: money(r.range.low, cur), amount: r.range.low, note: r.kept ? `one attack, quick recovery; ${money(r.kept.low, cur)} kept after insurance` : 'one attack: a quick recovery, no data stolen', tone: 'neutral' },
        {
          label: 'Expected, one attack',
          value: money(r.range.expected, cur),
          amount: r.range.expected,
          note: r.kept?.expected !== null && r.kept?.expected !== undefined ? `${money(r.kept.expected, cur)} kept after insurance` : r.expectedWithMeasures !== null ? `${money(r.expectedWithMeasures, cur)} with the measures` : 'on average, before the measures',
          tone: 'bad',
        },
        { label: 'High end', value: money(r.range.high, cur), amount: r.range.high, note: r.kept ? `data published; ${money(r.kept.high, cur)} kept after insurance` : 'a long outage, the data published', tone: 'bad' },
        {
          label: 'Expected a year',
          value: sc?.mean !== null && sc?.mean !== undefined ? money(sc.mean, cur) : '-',
          amount: sc?.mean ?? null,
          note: sc ? `the register's ${sc.ref}, allowing for how often attacks succeed` : null,
          tone: 'neutral',
        },
      ],
    });
    blocks.push({ kind: 'list', items: r.sentences.map((text) => ({ text, tone: 'neutral' })) });
    if (r.lines.length > 0) {
      blocks.push({ kind: 'heading', text: 'How each figure is derived' });
      blocks.push({ kind: 'list', items: r.lines.map((l): { text: string; tone: Tone } => ({ text: l.text, tone: l.key === 'revenue' && /more than/.test(l.text) ? 'warn' : 'neutral' })) });
    }
    if (r.components.length > 0) {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { key: 'label', label: 'Cost of an attack', align: 'left', width: 1.35 },
          { key: 'low', label: 'Low', align: 'right', width: 0.75 },
          { key: 'typical', label: 'Typical', align: 'right', width: 0.75 },
          { key: 'high', label: 'High', align: 'right', width: 0.75 },
          { key: 'basis', label: 'How it is derived', align: 'left', width: 3.3 },
        ],
        rows: r.components.map((c): { cells: Record<string, string>; tone: Tone } => ({ cells: { label: c.label, low: money(c.low, cur), typical: money(c.typical, cur), high: money(c.high, cur), basis: c.basis }, tone: 'neutral' })),
        empty: '',
        note: null,
      });
    }
    blocks.push({ kind: 'heading', text: 'What cuts it, and what it costs' });
    blocks.push({
      kind: 'table',
      caption: sc ? `Treatments of ${sc.title} (${sc.ref}) in the risk register.` : null,
      columns: [
        { key: 'name', label: 'Measure', align: 'left', width: 3 },
        { key: 'status', label: 'Status', align: 'left', width: 0.9 },
        { key: 'annual', label: 'A year', align: 'right', width: 1 },
        { key: 'once', label: 'Once', align: 'right', width: 1 },
      ],
      rows: r.treatments.map((t) => ({ cells: { name: t.name, status: STATUS_WORDS[t.status], annual: money(t.annualCost, cur), once: money(t.oneTimeCost, cur) }, tone: (t.status === 'proposed' ? 'warn' : 'good') })),
      empty: sc ? 'No treatment is recorded against the ransomware scenario yet.' : 'The risk register has no ransomware scenario yet.',
      note: null,
    });
    if (r.assumptions.length > 0) blocks.push({ kind: 'fineprint', text: `Assumptions: ${r.assumptions.map((a, i) => (i === 0 ? a : a.charAt(0).toLowerCase() + a.slice(1)).replace(/\.$/, '')).join('; ')}.` });
  }
  return {
    title: `${r.client.name}: what a ransomware attack would cost`,
    eyebrow: 'Worst case',
    heading: r.client.name,
    sub: 'What a ransomware attack would cost, and what cuts it',
    meta: `Made ${date(r.generatedAt)} · amounts in ${cur}`,
    blocks,
    footer: `${r.client.name} · Ransomware worst case · Confidential`,
    createdAt: r.generatedAt,
  };
}

const APPETITE = { within: 'Within', above: 'Above', 'not-set': 'Not set', unknown: 'Not known' } as const;

export function portfolioDocument(r: PortfolioReport): SimpleDocument {
  const blocks: Block[] = [];
  const totals = r.totals.map((t) => `${money(t.expectedLoss, t.currency)} (${plural(t.clients, 'client')})`).join(', ');
  blocks.push({
    kind: 'figures',
    items: [
      { label: 'Clients', value: count(r.rows.length), amount: r.rows.length, note: null, tone: 'neutral' },
      { label: 'Above appetite', value: count(r.aboveAppetite), amount: r.aboveAppetite, note: null, tone: r.aboveAppetite > 0 ? 'bad' : 'good' },
      { label: 'Open escalations', value: count(r.rows.reduce((s, x) => s + (x.openEscalations ?? 0), 0)), amount: null, note: 'decisions waiting for an executive', tone: 'neutral' },
      { label: `Renewals, ${r.window.days} days`, value: count(r.rows.reduce((s, x) => s + (x.renewals ?? 0), 0)), amount: null, note: `to ${date(r.window.to)}`, tone: 'neutral' },
    ],
  });
  if (totals) blocks.push({ kind: 'paragraph', text: `Expected annual loss across these clients: ${totals}.`, tone: 'neutral' });
  const n = (x: number | null): string => (x === null ? '-' : count(x));
  blocks.push({
    kind: 'table',
    caption: null,
    columns: [
      { key: 'name', label: 'Client', align: 'left', width: 2.6 },
      { key: 'loss', label: 'Expected loss a year', align: 'right', width: 1.2 },
      { key: 'p90', label: '1 year in 10', align: 'right', width: 1.1 },
      { key: 'appetite', label: 'Appetite', align: 'left', width: 0.8 },
      { key: 'esc', label: 'Open escalations', align: 'right', width: 0.9 },
      { key: 'awaiting', label: 'Acceptances to approve', align: 'right', width: 0.9 },
      { key: 'expiring', label: `Acceptances expiring`, align: 'right', width: 0.9 },
      { key: 'renewals', label: `Renewals`, align: 'right', width: 0.8 },
      { key: 'renewalCost', label: 'Renewing, a year', align: 'right', width: 1.1 },
      { key: 'budget', label: 'Budget variance', align: 'right', width: 1 },
      { key: 'due', label: 'Initiatives due', align: 'right', width: 0.7 },
      { key: 'pack', label: 'Last pack', align: 'left', width: 0.8 },
    ],
    rows: r.rows.map((x) => ({
      cells: {
        name: x.name + (x.unavailable.length ? ` (missing: ${x.unavailable.join(', ')})` : ''),
        loss: x.expectedLoss === null ? '-' : money(x.expectedLoss, x.currency),
        p90: x.p90 === null ? '-' : money(x.p90, x.currency),
        appetite: APPETITE[x.appetite],
        esc: n(x.openEscalations),
        awaiting: n(x.acceptancesAwaitingApproval),
        expiring: n(x.expiringAcceptances),
        renewals: n(x.renewals),
        renewalCost: x.renewalsAnnualCost === null ? '-' : money(x.renewalsAnnualCost, x.currency),
        budget: x.budgetVariance === null ? '-' : `${x.budgetVariance >= 0 ? '+' : '-'}${money(Math.abs(x.budgetVariance), x.currency)}${x.budgetVariancePercent !== null ? ` (${x.budgetVariancePercent >= 0 ? '+' : ''}${Math.round(x.budgetVariancePercent)}%)` : ''}`,
        due: n(x.initiativesDue),
        pack: x.lastIssuedQuarter ?? 'None',
      },
      tone: (x.appetite === 'above' ? 'bad' : (x.openEscalations ?? 0) > 0 ? 'warn' : 'neutral'),
    })),
    empty: 'You have no clients yet.',
    note: `Acceptances expiring and renewals: from ${date(r.window.from)} to ${date(r.window.to)}. Budget variance: this fiscal year's forecast against its plan. Initiatives due: open ones planned for this quarter.`,
  });
  return {
    title: `${r.firm}: portfolio report`,
    eyebrow: 'Portfolio report',
    heading: r.firm,
    sub: 'Every client side by side: risk in money, decisions waiting, renewals, budget variance, initiatives due',
    meta: `Made ${date(r.generatedAt)} · each client in its own currency`,
    blocks,
    footer: `${r.firm} · Portfolio report ${date(r.asOf)} · Confidential`,
    createdAt: r.generatedAt,
    landscape: true,
  };
}

