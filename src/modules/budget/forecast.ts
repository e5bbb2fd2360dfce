/**
 * A fiscal year of the IT budget as the web app, the QBR and the board pack show it: the plan
 * against the actuals month by month, and the forecast for the year with the committed items
 * not in the plan (contract renewals, lifecycle replacements due, approved initiatives) and the
 * reasons it differs from the plan, in words. The arithmetic is arithmetic.ts's.
 */
import type { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import { addDays } from '../../shared/dates.js';
import { formatMoney, toMinorUnits } from '../../shared/money.js';
import { reportDate } from '../../shared/reports/words.js';
import { estateSummary, renewals } from '../estate/summary.js';
import type { RenewalEvent } from '../estate/contracts.js';
import type { Supplies } from '../estate/vocab.js';
import type { RoadmapInitiativesTable } from '../roadmap/tables.js';
import { parseQuarter } from '../reports/quarter.js';
import { addMonth, fiscalMonths, fiscalYearOf, forecastYear, monthOf, oneTimeInYear, recurringInYear, type CommittedItem, type PlanRow } from './arithmetic.js';
import { fiscalContext, major, monthLabel, yearLabels } from './common.js';
import { listLines } from './plan.js';
import type { CommittedOut, YearOut } from './schema.js';
import { CATEGORY_LABELS, SCOPE_LABELS, type Category } from './vocab.js';

const KIND_CATEGORY: Record<string, Category> = {
  security: 'security',
  infrastructure: 'infrastructure',
  lifecycle: 'hardware_replacement',
  product: 'product_engineering',
  compliance: 'services',
  process: 'services',
};

interface Committed extends CommittedItem {
  date: string;
  note: string;
}

/** What the committed items of a year are made of: one client's renewals, systems and initiatives. */
export interface CommittedSources {
  /** Renewals from today to the year's end. */
  events: RenewalEvent[];
  /** Systems by name, with their replacement cost in major units. */
  systems: { id: string; name: string; scope: 'internal' | 'product'; status: string; endOfLife: string | null; replacementCost: number | null }[];
  /** What each vendor supplies (product, infrastructure or both). */
  supplies: Map<string, Supplies>;
  /** Initiatives approved, in progress or done. */
  initiatives: RoadmapInitiativesTable[];
}

/** The last day of the fiscal year of `months`. */
export function yearEndOf(months: string[]): string {
  return addDays(`${addMonth(months[11]!, 1)}-01`, -1);
}

/** One client's committed sources, read through its scope. */
async function loadCommittedSources(scope: ClientScope, months: string[]): Promise<CommittedSources> {
  const today = toDateString(scope.now());
  const [events, estate, initiatives] = await Promise.all([
    renewals(scope, { from: today, to: yearEndOf(months) }),
    estateSummary(scope),
    scope.db.selectFrom('roadmap_initiatives').selectAll().where('status', 'in', ['approved', 'in_progress', 'done']).execute(),
  ]);
  return { events, systems: estate.systems, supplies: new Map(estate.vendors.map((v) => [v.id, v.supplies])), initiatives };
}

/** The committed items of a fiscal year that its plan does not cover. */
function committedItems(scope: ClientScope, months: string[], asOf: string, covered: { contracts: Set<string>; systems: Set<string>; initiatives: Set<string> }, sources: CommittedSources): Committed[] {
  const today = toDateString(scope.now());
  const yearEnd = yearEndOf(months);
  if (today > yearEnd) return [];
  const currency = scope.client.currency;
  const money = (minor: number): string => formatMoney(major(scope, minor), currency);
  const out: Committed[] = [];
  const { events, systems, supplies, initiatives } = sources;

  for (const e of events) {
    if (!e.events.includes('renewal') || covered.contracts.has(e.contractId)) continue;
    const annual = toMinorUnits(e.annualCost, currency);
    const byMonth = recurringInYear(annual, monthOf(e.renewalDate), months, asOf);
    if (byMonth.size === 0) continue;
    const product = supplies.get(e.vendorId) === 'product';
    out.push({
      kind: 'renewal',
      id: e.contractId,
      label: `${e.vendorName}: ${e.reference}`,
      category: 'software_saas',
      seat: product ? 'CTO' : 'CIO',
      scope: product ? 'product' : 'internal',
      byMonth,
      date: e.renewalDate,
      note: `renews on ${reportDate(e.renewalDate)} at ${money(annual)} a year${e.autoRenew ? ' (automatically)' : ''}`,
    });
  }

  const replacing = new Set(initiatives.filter((i) => i.source === 'system' && i.source_id).map((i) => i.source_id!));
  for (const s of systems) {
    if (s.status === 'retired' || !s.endOfLife || !s.replacementCost || s.endOfLife > yearEnd) continue;
    if (covered.systems.has(s.id) || replacing.has(s.id)) continue;
    const cost = toMinorUnits(s.replacementCost, currency);
    const byMonth = oneTimeInYear(cost, [monthOf(s.endOfLife)], months, asOf);
    if (byMonth.size === 0) continue;
    const past = s.endOfLife < today;
    out.push({
      kind: 'replacement',
      id: s.id,
      label: s.name,
      category: 'hardware_replacement',
      seat: s.scope === 'product' ? 'CTO' : 'CIO',
      scope: s.scope,
      byMonth,
      date: s.endOfLife,
      note: `${past ? 'past end of life since' : 'reaches end of life on'} ${reportDate(s.endOfLife)}; replacing it costs ${money(cost)}`,
    });
  }

  for (const i of initiatives) {
    if (i.status === 'done' || covered.initiatives.has(i.id)) continue;
    const q = parseQuarter(i.target_quarter);
    const quarterMonths = [0, 1, 2].map((k) => addMonth(monthOf(q.start), k));
    const byMonth = oneTimeInYear(Number(i.one_time_cost), quarterMonths, months, asOf);
    for (const [m, v] of recurringInYear(Number(i.annual_cost), addMonth(quarterMonths[2]!, 1), months, asOf)) byMonth.set(m, (byMonth.get(m) ?? 0) + v);
    if (byMonth.size === 0) continue;
    out.push({
      kind: 'initiative',
      id: i.id,
      label: `${i.ref} ${i.title}`,
      category: KIND_CATEGORY[i.kind] ?? 'services',
      seat: i.owner_seat,
      scope: i.scope,
      byMonth,
      date: q.start,
      note: `${i.status === 'in_progress' ? 'in progress' : 'approved'} for ${q.label}${Number(i.one_time_cost) ? `, ${money(Number(i.one_time_cost))} once` : ''}${Number(i.annual_cost) ? `, ${money(Number(i.annual_cost))} a year from then` : ''}`,
    });
  }
  return out;
}

const NO_SOURCES: CommittedSources = { events: [], systems: [], supplies: new Map(), initiatives: [] };

/** A plan row of a year: an amount of a line in a month, with the line's grouping and links. */
export interface PlanSourceRow {
  line_id: string;
  month: string;
  amount: number | string;
  category: string;
  seat: string;
  scope: string;
  contract_id: string | null;
  system_id: string | null;
  initiative_id: string | null;
}

/** The year's forecast from its plan, actuals and committed sources: budgetYear's arithmetic, for one client or many. */
export function forecastOf(
  scope: ClientScope,
  months: string[],
  asOf: string,
  planRows: readonly PlanSourceRow[],
  actualRows: readonly { month: string; category: string; seat: string; scope: string; amount: number | string }[],
  sources: CommittedSources,
): { f: ReturnType<typeof forecastYear>; committed: Committed[] } {
  const byLine = new Map<string, PlanRow & { amounts: number[] }>();
  const covered = { contracts: new Set<string>(), systems: new Set<string>(), initiatives: new Set<string>() };
  for (const p of planRows) {
    let row = byLine.get(p.line_id);
    if (!row) byLine.set(p.line_id, (row = { category: p.category, seat: p.seat, scope: p.scope, amounts: Array(12).fill(0) as number[] }));
    const i = months.indexOf(p.month);
    if (i >= 0) row.amounts[i] = (row.amounts[i] ?? 0) + Number(p.amount);
    if (p.contract_id) covered.contracts.add(p.contract_id);
    if (p.system_id) covered.systems.add(p.system_id);
    if (p.initiative_id) covered.initiatives.add(p.initiative_id);
  }
  const committed = committedItems(scope, months, asOf, covered, sources);
  const f = forecastYear({ months, asOf, plan: [...byLine.values()], actuals: actualRows.map((a) => ({ ...a, amount: Number(a.amount) })), committed });
  return { f, committed };
}

/** The fiscal year `fy` (default: the current one) of the scope's client. */
export async function budgetYear(scope: ClientScope, fy?: number): Promise<YearOut> {
  const ctx = await fiscalContext(scope);
  const year = fy ?? ctx.current;
  const months = fiscalMonths(year, ctx.startMonth);
  const currency = scope.client.currency;
  const [lines, planRows, actualRows, lineYears, actualMonths, openInitiatives] = await Promise.all([
    listLines(scope, year, ctx.startMonth),
    scope.db
      .selectFrom('budget_plan')
      .innerJoin('budget_lines', (j) => j.onRef('budget_lines.client_id', '=', 'budget_plan.client_id').onRef('budget_lines.id', '=', 'budget_plan.line_id'))
      .select(['budget_plan.line_id', 'budget_plan.month', 'budget_plan.amount', 'budget_lines.category', 'budget_lines.seat', 'budget_lines.scope', 'budget_lines.contract_id', 'budget_lines.system_id', 'budget_lines.initiative_id'])
      .where('budget_lines.fiscal_year', '=', year)
      .execute(),
    scope.db.selectFrom('budget_actuals').select(['month', 'category', 'seat', 'scope', 'amount']).where('month', 'in', months).execute(),
    scope.db.selectFrom('budget_lines').select('fiscal_year').distinct().execute(),
    scope.db.selectFrom('budget_actuals').select('month').distinct().execute(),
    scope.db.selectFrom('roadmap_initiatives').select(['target_quarter', 'expected_saving', 'expected_revenue']).where('status', 'in', ['proposed', 'approved', 'in_progress']).execute(),
  ]);
  const yearEnd = yearEndOf(months);
  const sources = toDateString(scope.now()) > yearEnd ? NO_SOURCES : await loadCommittedSources(scope, months);
  const { f, committed } = forecastOf(scope, months, ctx.asOf, planRows, actualRows, sources);

  const m = (x: number): number => major(scope, x);
  const money = (x: number): string => formatMoney(m(x), currency);
  const groupLabel = (key: string): string => CATEGORY_LABELS[key as Category] ?? SCOPE_LABELS[key as 'internal'] ?? key;
  const group = (g: (typeof f.byCategory)[number]) => ({ key: g.key, label: groupLabel(g.key), plan: m(g.plan), actual: m(g.actual), forecast: m(g.forecast), variance: m(g.variance) });
  const reasons: YearOut['reasons'] = f.reasons.map((r) => {
    if (r.kind === 'spending') {
      const n = r.months.length;
      return { kind: 'spending', amount: m(r.amount), tone: r.amount > 0 ? 'bad' : 'good', text: `${CATEGORY_LABELS[r.category as Category] ?? r.category}: ${money(Math.abs(r.amount))} ${r.amount > 0 ? 'over' : 'under'} plan in the ${n === 1 ? 'month' : `${n} months`} with actuals.` };
    }
    if (r.kind === 'committed') {
      const c = r.item as Committed;
      const what = c.kind === 'renewal' ? 'Contract renewal' : c.kind === 'replacement' ? 'Lifecycle replacement' : 'Approved initiative';
      return { kind: 'committed', amount: m(r.amount), tone: 'warn', text: `${what} not in the plan: ${c.label}, ${c.note}; ${money(r.amount)} this year.` };
    }
    return { kind: 'missing-actuals', amount: m(r.plan), tone: 'warn', text: `No actuals recorded for ${r.months.map(monthLabel).join(', ')}: their plan (${money(r.plan)}) is counted instead.` };
  });
  const committedOut: CommittedOut[] = committed.map((c) => ({
    kind: c.kind,
    id: c.id,
    label: c.label,
    category: c.category as Category,
    seat: c.seat as CommittedOut['seat'],
    scope: c.scope as CommittedOut['scope'],
    amount: m([...c.byMonth.values()].reduce((s, x) => s + x, 0)),
    date: c.date,
    note: c.note,
  }));
  const inYear = openInitiatives.filter((i) => months.includes(monthOf(parseQuarter(i.target_quarter).start)));
  const years = new Set<number>([ctx.current, year, ...lineYears.map((l) => Number(l.fiscal_year)), ...actualMonths.map((a) => fiscalYearOf(a.month, ctx.startMonth))]);
  const labels = yearLabels(year, ctx.startMonth);
  return {
    currency,
    fiscalYear: year,
    label: labels.label,
    range: labels.range,
    startMonth: ctx.startMonth,
    asOf: ctx.asOf,
    years: [...years].sort((a, b) => a - b).map((y) => ({ fiscalYear: y, label: yearLabels(y, ctx.startMonth).label })),
    months: f.months.map((x) => ({ month: x.month, label: monthLabel(x.month), plan: m(x.plan), actual: x.actual === null ? null : m(x.actual), basis: x.basis, missingActuals: x.missingActuals, committed: m(x.committed), forecast: m(x.forecast) })),
    lines,
    actuals: [...new Set(actualRows.map((a) => a.category))].sort().map((c) => ({
      category: c,
      months: months.map((mm) => {
        const xs = actualRows.filter((a) => a.category === c && a.month === mm);
        return xs.length ? m(xs.reduce((s, a) => s + Number(a.amount), 0)) : null;
      }),
    })),
    totals: { plan: m(f.totals.plan), actual: m(f.totals.actual), committed: m(f.totals.committed), forecast: m(f.totals.forecast), variance: m(f.totals.variance) },
    byCategory: f.byCategory.map(group).sort((a, b) => a.label.localeCompare(b.label)),
    bySeat: f.bySeat.map(group).sort((a, b) => a.key.localeCompare(b.key)),
    byScope: f.byScope.map(group).sort((a, b) => a.key.localeCompare(b.key)),
    committed: committedOut,
    reasons,
    initiatives: {
      savings: m(inYear.reduce((s, i) => s + Number(i.expected_saving), 0)),
      revenue: m(inYear.reduce((s, i) => s + Number(i.expected_revenue), 0)),
      count: inYear.length,
    },
    can: { plan: scope.can('budget.plan'), actuals: scope.can('budget.actuals') },
  };
}
