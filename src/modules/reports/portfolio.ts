/**
 * The firm's portfolio report: every client the caller may see, side by side (expected loss,
 * appetite status, open escalations, acceptances expiring, renewals). For firm admins and
 * advisors; a client the caller may not see is never read, let alone shown.
 */
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { toDateString, toTimestamp } from '../../server/db/conventions.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { forbidden } from '../../server/errors.js';
import { actorOf } from '../accounts/users.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { ClientSetDb } from '../../server/db/client-set.js';
import { governanceCounts } from '../governance/api.js';
import { renewalsFor } from '../estate/summary.js';
import { portfolioRisk } from '../risks/api.js';
import { budgetTotalsFor } from '../budget/api.js';
import { quarterContaining } from './quarter.js';
import type { PortfolioReport, PortfolioRow } from './schema.js';
import { addDays } from '../../shared/dates.js';

export const PORTFOLIO_WINDOW_DAYS = 90;

/** A firm-wide read, or null (and a warning) when it fails: the report says which figures are missing. */
async function settle<T>(app: AppContext, what: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    app.log.warn({ err, source: what }, 'portfolio report source unavailable');
    return null;
  }
}

/**
 * Set-based: each table is read once for all the caller's clients (ClientSetDb), so the number
 * of statements does not grow with the number of clients.
 */
export async function makePortfolioReport(app: AppContext, user: UsersTable): Promise<PortfolioReport> {
  if (user.firm_role !== 'admin' && user.firm_role !== 'advisor') throw forbidden('The portfolio report is for the firm\u2019s advisors and admins.');
  const actor = actorOf(user);
  const now = app.clock.now();
  const today = toDateString(now);
  const to = addDays(today, PORTFOLIO_WINDOW_DAYS);
  const clients = await listClientsFor(app, user);
  const scopes = new Map(clients.map(({ client, role }) => [client.id, new ClientScope(app, clientInfo(client), actor, role)]));
  const set = new ClientSetDb(app.database.db, [...scopes.keys()]);
  const dueQuarter = quarterContaining(today).key;
  const [firm, risk, gov, renewing, issued, due, budgets] = await Promise.all([
    app.database.db.selectFrom('firms').select('name').where('id', '=', user.firm_id).executeTakeFirst(),
    settle(app, 'risk figures', () => portfolioRisk(app, user, actor)),
    settle(app, 'governance', () => governanceCounts(set, { expiringBy: to })),
    settle(app, 'renewals', () => renewalsFor(set, scopes, { from: today, to })),
    settle(app, 'issued packs', () => set.selectFrom('report_packs').select((eb) => ['client_id', eb.fn.max('quarter').as('quarter')]).where('status', '=', 'issued').groupBy('client_id').execute()),
    settle(app, 'roadmap', () =>
      set.selectFrom('roadmap_initiatives').select((eb) => ['client_id', eb.fn.countAll<number>().as('n')]).where('target_quarter', '=', dueQuarter).where('status', 'in', ['proposed', 'approved', 'in_progress']).groupBy('client_id').execute(),
    ),
    settle(app, 'IT budget', () => budgetTotalsFor(set, clients.map(({ client }) => ({ client, scope: scopes.get(client.id)! })))),
  ]);
  const lastIssued = new Map((issued ?? []).map((r) => [r.client_id, r.quarter]));
  const dueCount = new Map((due ?? []).map((r) => [r.client_id, Number(r.n)]));
  const rows: PortfolioRow[] = [];
  for (const { client, role } of clients) {
    const unavailable: string[] = [];
    const r = risk?.find((x) => x.clientId === client.id) ?? null;
    if (!risk) unavailable.push('risk figures');
    const g = gov?.get(client.id) ?? null;
    if (!gov) unavailable.push('governance', 'acceptances');
    const events = renewing?.get(client.id) ?? null;
    if (!renewing) unavailable.push('renewals');
    const budget = budgets?.get(client.id) ?? null;
    if (!budgets) unavailable.push('budget');
    const planned = budget && (budget.plan !== 0 || budget.actual !== 0) ? budget : null;
    if (!due) unavailable.push('roadmap');
    rows.push({
      clientId: client.id,
      name: client.name,
      sector: client.sector,
      currency: client.currency,
      role,
      expectedLoss: r?.mean ?? null,
      p90: r?.p90 ?? null,
      appetite: !r ? 'unknown' : !r.appetiteDefined ? 'not-set' : r.aboveAppetite === null ? 'unknown' : r.aboveAppetite ? 'above' : 'within',
      openEscalations: g ? g.awaitingExecutive : null,
      acceptancesAwaitingApproval: g ? g.acceptancesAwaitingApproval : null,
      expiringAcceptances: g ? g.expiringAcceptances : null,
      renewals: events ? events.length : null,
      renewalsAnnualCost: events ? events.reduce((s, e) => s + e.annualCost, 0) : null,
      lastIssuedQuarter: lastIssued.get(client.id) ?? null,
      budgetLabel: budget ? budget.label : null,
      budgetVariance: planned ? planned.variance : null,
      budgetVariancePercent: planned && planned.plan !== 0 ? (planned.variance / planned.plan) * 100 : null,
      initiativesDue: due ? (dueCount.get(client.id) ?? 0) : null,
      unavailable,
    });
  }
  const totals = new Map<string, { currency: string; expectedLoss: number; clients: number }>();
  for (const row of rows) {
    if (row.expectedLoss === null) continue;
    const t = totals.get(row.currency) ?? { currency: row.currency, expectedLoss: 0, clients: 0 };
    t.expectedLoss += row.expectedLoss;
    t.clients += 1;
    totals.set(row.currency, t);
  }
  return {
    firm: firm?.name ?? 'The firm',
    generatedAt: toTimestamp(now),
    asOf: today,
    window: { from: today, to, days: PORTFOLIO_WINDOW_DAYS },
    rows,
    totals: [...totals.values()],
    aboveAppetite: rows.filter((r) => r.appetite === 'above').length,
  };
}
