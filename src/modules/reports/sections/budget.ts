/**
 * The IT budget as report blocks, for the QBR and the board pack: the year's figures, the plan
 * against actuals month by month, the CIO/CTO split, by category, and the forecast's reasons.
 */
import type { YearOut } from '../../budget/schema.js';
import type { Block, Figure, Tone } from '../schema.js';
import { date, money, plural, signedPct } from '../text.js';

const fig = (label: string, value: string, amount: number | null, note: string | null = null, tone: Tone = 'neutral'): Figure => ({ label, value, amount, note, tone });

function varianceTone(variance: number, plan: number): Tone {
  if (plan === 0) return 'neutral';
  const share = variance / plan;
  return share > 0.02 ? 'bad' : share < -0.02 ? 'good' : 'neutral';
}

/** One sentence: where the year is heading against its plan. */
export function budgetLead(y: YearOut): string {
  const cur = y.currency;
  if (y.totals.plan === 0 && y.totals.actual === 0) return `No budget is planned for ${y.label} (${y.range}) yet.`;
  const v = y.totals.variance;
  const dir = Math.abs(v) < 0.005 * Math.max(y.totals.plan, 1) ? 'on plan' : v > 0 ? `${money(v, cur)} over plan` : `${money(-v, cur)} under plan`;
  return `${y.label} (${y.range}) is forecast at ${money(y.totals.forecast, cur)} against a plan of ${money(y.totals.plan, cur)}: ${dir}.`;
}

export function budgetFigures(y: YearOut): Figure[] {
  const cur = y.currency;
  const withActuals = y.months.filter((m) => m.basis === 'actual').length;
  return [
    fig(`Plan, ${y.label}`, money(y.totals.plan, cur), y.totals.plan, y.range),
    fig('Spent to date', money(y.totals.actual, cur), y.totals.actual, `${plural(withActuals, 'month')} with actuals`),
    fig('Forecast for the year', money(y.totals.forecast, cur), y.totals.forecast, y.totals.committed > 0 ? `${money(y.totals.committed, cur)} committed, not in the plan` : 'actuals to date, plan for the rest'),
    fig('Variance', `${y.totals.variance >= 0 ? '+' : '-'}${money(Math.abs(y.totals.variance), cur)}`, y.totals.variance, y.totals.plan ? signedPct((y.totals.variance / y.totals.plan) * 100) + ' against plan' : null, varianceTone(y.totals.variance, y.totals.plan)),
  ];
}

export function budgetBlocks(y: YearOut): Block[] {
  const cur = y.currency;
  if (y.totals.plan === 0 && y.totals.actual === 0) return [{ kind: 'unavailable', text: `No budget is planned for ${y.label} yet: plan it in Triad (Budget), and import the actuals from accounting.` }];
  const blocks: Block[] = [{ kind: 'figures', items: budgetFigures(y) }];
  blocks.push({
    kind: 'chart',
    chart: { type: 'budget-months', currency: cur, months: y.months.map((m) => ({ label: m.label, plan: m.plan, actual: m.actual, forecast: m.forecast })) },
    caption: 'Spent each month (dark), the forecast of the months ahead (pale, with the committed items not in the plan) and the plan (line).',
    alt: `The ${y.label} IT budget month by month: actuals and forecast against the plan.`,
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
  blocks.push(table('Internal IT (the CIO\u2019s bottom line: cost, efficiency, continuity) and product technology (the CTO\u2019s top line: revenue).', y.byScope.map(row)));
  blocks.push(table('By category.', y.byCategory.map(row)));
  if (y.reasons.length > 0) {
    blocks.push({ kind: 'heading', text: 'Why the forecast differs from the plan' });
    blocks.push({ kind: 'list', items: y.reasons.map((r) => ({ text: r.text, tone: r.tone })) });
  }
  if (y.initiatives.savings > 0 || y.initiatives.revenue > 0) {
    blocks.push({
      kind: 'paragraph',
      tone: 'good',
      text: `This year's open initiatives expect to save ${money(y.initiatives.savings, cur)} a year (bottom line) and to enable ${money(y.initiatives.revenue, cur)} of revenue a year (top line).`,
    });
  }
  blocks.push({ kind: 'fineprint', text: `A month with actuals counts its actuals, a month without its plan; committed items not in the plan (contract renewals, lifecycle replacements due, approved initiatives) count from ${date(`${y.asOf}-01`).replace(/^\d+ /, '')} on.` });
  return blocks;
}

/** The board pack's budget-against-actual section (title, lead, blocks), or why it is missing. */
export function budgetSectionBody(y: { ok: true; value: YearOut } | { ok: false; reason: string }): { title: string; lead: string; blocks: Block[] } {
  if (!y.ok) return { title: 'IT budget against actual', lead: 'The IT budget could not be read.', blocks: [{ kind: 'unavailable', text: y.reason }] };
  return { title: 'IT budget against actual', lead: budgetLead(y.value), blocks: budgetBlocks(y.value) };
}
