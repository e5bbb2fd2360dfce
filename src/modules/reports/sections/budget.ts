/**
 * The IT budget as report blocks, for the QBR and the board pack: the year's figures, the plan
 * against actuals month by month, the CIO/CTO split, by category, and the forecast's reasons.
 */
import type { YearOut } from '../../budget/schema.js';
import type { Block, Figure, Tone } from '../schema.js';
import { packWords, type PackWords } from '../i18n/index.js';

const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });

function varianceTone(variance: number, plan: number): Tone {
  if (plan === 0) return 'neutral';
  const share = variance / plan;
  return share > 0.02 ? 'bad' : share < -0.02 ? 'good' : 'neutral';
}

/** `May 2026 – Apr 2027`: the budget's own in English, else its first and last month in the pack's language. */
function rangeOf(y: YearOut, words: PackWords): string {
  const first = y.months[0];
  const last = y.months[y.months.length - 1];
  return words.language === 'en' || !first || !last ? y.range : `${words.month(`${first.month}-01`)} \u2013 ${words.month(`${last.month}-01`)}`;
}

/** One sentence: where the year is heading against its plan. */
export function budgetLead(y: YearOut, words: PackWords = packWords('en')): string {
  const cur = y.currency;
  const { money } = words;
  if (y.totals.plan === 0 && y.totals.actual === 0) return words.t('budget.noPlanLead', { label: y.label, range: rangeOf(y, words) });
  const v = y.totals.variance;
  const direction = Math.abs(v) < 0.005 * Math.max(y.totals.plan, 1) ? words.t('budget.onPlan') : v > 0 ? words.t('budget.over', { amount: money(v, cur) }) : words.t('budget.under', { amount: money(-v, cur) });
  return words.t('budget.lead', { label: y.label, range: rangeOf(y, words), forecast: money(y.totals.forecast, cur), plan: money(y.totals.plan, cur), direction });
}

export function budgetFigures(y: YearOut, words: PackWords = packWords('en')): Figure[] {
  const cur = y.currency;
  const { money } = words;
  const withActuals = y.months.filter((m) => m.basis === 'actual').length;
  return [
    fig(words.t('budget.planLabel', { label: y.label }), money(y.totals.plan, cur), y.totals.plan, rangeOf(y, words)),
    fig('Spent to date', money(y.totals.actual, cur), y.totals.actual, words.t('budget.months', words.n(withActuals))),
    fig('Forecast for the year', money(y.totals.forecast, cur), y.totals.forecast, y.totals.committed > 0 ? words.t('budget.committed', { amount: money(y.totals.committed, cur) }) : words.t('budget.actualsThenPlan')),
    fig('Variance', `${y.totals.variance >= 0 ? '+' : '-'}${money(Math.abs(y.totals.variance), cur)}`, y.totals.variance, y.totals.plan ? words.t('budget.againstPlan', { change: words.signedPct((y.totals.variance / y.totals.plan) * 100) }) : null, varianceTone(y.totals.variance, y.totals.plan)),
  ];
}

export function budgetBlocks(y: YearOut, words: PackWords = packWords('en')): Block[] {
  const cur = y.currency;
  const { money } = words;
  if (y.totals.plan === 0 && y.totals.actual === 0) return [{ kind: 'unavailable', text: words.t('budget.noPlan', { label: y.label }) }];
  const blocks: Block[] = [{ kind: 'figures', items: budgetFigures(y, words) }];
  blocks.push({
    kind: 'chart',
    chart: { type: 'budget-months', currency: cur, months: y.months.map((m) => ({ label: words.language === 'en' ? m.label : words.month(`${m.month}-01`), plan: m.plan, actual: m.actual, forecast: m.forecast })) },
    caption: words.t('budget.chartCaption'),
    alt: words.t('budget.chartAlt', { label: y.label }),
  });
  const row = (g: YearOut['byCategory'][number]) => ({
    cells: { what: g.label, plan: money(g.plan, cur), actual: money(g.actual, cur), forecast: money(g.forecast, cur), variance: `${g.variance >= 0 ? '+' : '-'}${money(Math.abs(g.variance), cur)}` },
    tone: varianceTone(g.variance, g.plan),
  });
  const cols: [string, string, 'left' | 'right', number][] = [
    ['what', 'Where the money goes', 'left', 2.2],
    ['plan', 'Plan', 'right', 1],
    ['actual', 'Spent to date', 'right', 1],
    ['forecast', 'Forecast', 'right', 1],
    ['variance', 'Variance', 'right', 1],
  ];
  const table = (caption: string, rows: ReturnType<typeof row>[]): Block => ({ kind: 'table', caption, columns: cols.map(([key, label, align, width]) => ({ key, label, align, width })), rows, empty: '', note: null });
  blocks.push(table(words.t('budget.scopeCaption'), y.byScope.map(row)));
  blocks.push(table(words.t('budget.categoryCaption'), y.byCategory.map(row)));
  if (y.reasons.length > 0) {
    blocks.push({ kind: 'heading', text: 'Why the forecast differs from the plan' });
    blocks.push({ kind: 'list', items: y.reasons.map((r) => ({ text: r.text, tone: r.tone })) });
  }
  if (y.initiatives.savings > 0 || y.initiatives.revenue > 0) {
    blocks.push({
      kind: 'paragraph',
      tone: 'good',
      text: words.t('budget.initiatives', { savings: money(y.initiatives.savings, cur), revenue: money(y.initiatives.revenue, cur) }),
    });
  }
  blocks.push({ kind: 'fineprint', text: words.t('budget.fineprint', { month: words.month(`${y.asOf}-01`) }) });
  return blocks;
}

/** The board pack's budget-against-actual section (title, lead, blocks), or why it is missing. */
export function budgetSectionBody(y: { ok: true; value: YearOut } | { ok: false; reason: string }, words: PackWords = packWords('en')): { title: string; lead: string; blocks: Block[] } {
  if (!y.ok) return { title: 'IT budget against actual', lead: words.t('budget.unread'), blocks: [{ kind: 'unavailable', text: y.reason }] };
  return { title: 'IT budget against actual', lead: budgetLead(y.value, words), blocks: budgetBlocks(y.value, words) };
}
