/**
 * Each client's budget totals for this fiscal year, for the firm's views (the portfolio's
 * budget column, the portfolio report): one statement per table for all the clients, then the
 * same arithmetic as budgetYear (forecastOf) client by client.
 */
import type { ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { toDateString } from '../../server/db/conventions.js';
import type { ClientsTable } from '../../server/db/platform-tables.js';
import { fromMinorUnits } from '../../shared/money.js';
import { suppliesOf } from '../estate/graph.js';
import { renewalsFor } from '../estate/summary.js';
import { fiscalMonths } from './arithmetic.js';
import { fiscalContextOf, major, yearLabels } from './common.js';
import { forecastOf, yearEndOf, type CommittedSources } from './forecast.js';

export interface BudgetTotals {
  fiscalYear: number;
  label: string;
  /** Major units of the client's currency. */
  plan: number;
  actual: number;
  forecast: number;
  variance: number;
}

/** `clients` are the clients of `set`, with their scopes; the answer has one entry for each. */
export async function budgetTotalsFor(set: ClientSetDb, clients: readonly { client: ClientsTable; scope: ClientScope }[]): Promise<Map<string, BudgetTotals>> {
  if (clients.length === 0) return new Map();
  const today = toDateString(clients[0]!.scope.now());
  const years = new Map(
    clients.map(({ client }) => {
      const ctx = fiscalContextOf(Number(client.fiscal_year_start_month ?? 1), today);
      return [client.id, { ctx, months: fiscalMonths(ctx.current, ctx.startMonth) }];
    }),
  );
  const fiscalYears = [...new Set([...years.values()].map((y) => y.ctx.current))];
  const allMonths = [...new Set([...years.values()].flatMap((y) => y.months))];
  const scopes = new Map(clients.map(({ client, scope }) => [client.id, scope]));
  const [planRows, actualRows, events, systems, vendors, initiatives] = await Promise.all([
    set
      .selectFrom('budget_plan')
      .innerJoin('budget_lines', (j) => j.onRef('budget_lines.client_id', '=', 'budget_plan.client_id').onRef('budget_lines.id', '=', 'budget_plan.line_id'))
      .select(['budget_plan.client_id', 'budget_lines.fiscal_year', 'budget_plan.line_id', 'budget_plan.month', 'budget_plan.amount', 'budget_lines.category', 'budget_lines.seat', 'budget_lines.scope', 'budget_lines.contract_id', 'budget_lines.system_id', 'budget_lines.initiative_id'])
      .where('budget_lines.fiscal_year', 'in', fiscalYears)
      .execute(),
    set.selectFrom('budget_actuals').select(['client_id', 'month', 'category', 'seat', 'scope', 'amount']).where('month', 'in', allMonths).execute(),
    renewalsFor(set, scopes, (clientId) => ({ from: today, to: yearEndOf(years.get(clientId)!.months) })),
    set.selectFrom('estate_systems').select(['client_id', 'id', 'name', 'scope', 'vendor_id', 'status', 'end_of_life', 'replacement_cost']).orderBy('name').execute(),
    set.selectFrom('estate_vendors').selectAll().execute(),
    set.selectFrom('roadmap_initiatives').selectAll().where('status', 'in', ['approved', 'in_progress', 'done']).execute(),
  ]);
  const plans = byClient(set.clientIds, planRows);
  const actuals = byClient(set.clientIds, actualRows);
  const systemsOf = byClient(set.clientIds, systems);
  const vendorsOf = byClient(set.clientIds, vendors);
  const initiativesOf = byClient(set.clientIds, initiatives);
  const out = new Map<string, BudgetTotals>();
  for (const { client, scope } of clients) {
    const { ctx, months } = years.get(client.id)!;
    // What estateSummary gives budgetYear: systems in major units, what each vendor supplies.
    const clientSystems = systemsOf.get(client.id) ?? [];
    const systemScopes = new Map<string, Set<'internal' | 'product'>>();
    for (const s of clientSystems) if (s.vendor_id) systemScopes.set(s.vendor_id, (systemScopes.get(s.vendor_id) ?? new Set()).add(s.scope));
    const graph = { systemScopes, vendors: new Map((vendorsOf.get(client.id) ?? []).map((v) => [v.id, v])) };
    const sources: CommittedSources = {
      events: events.get(client.id) ?? [],
      systems: clientSystems.map((s) => ({ id: s.id, name: s.name, scope: s.scope, status: s.status, endOfLife: s.end_of_life, replacementCost: s.replacement_cost === null ? null : fromMinorUnits(s.replacement_cost, client.currency) })),
      supplies: new Map([...graph.vendors.keys()].map((id) => [id, suppliesOf(graph, id)])),
      initiatives: initiativesOf.get(client.id) ?? [],
    };
    const plan = (plans.get(client.id) ?? []).filter((p) => Number(p.fiscal_year) === ctx.current);
    const actual = (actuals.get(client.id) ?? []).filter((a) => months.includes(a.month));
    const { f } = forecastOf(scope, months, ctx.asOf, plan, actual, sources);
    out.set(client.id, {
      fiscalYear: ctx.current,
      label: yearLabels(ctx.current, ctx.startMonth).label,
      plan: major(scope, f.totals.plan),
      actual: major(scope, f.totals.actual),
      forecast: major(scope, f.totals.forecast),
      variance: major(scope, f.totals.variance),
    });
  }
  return out;
}
