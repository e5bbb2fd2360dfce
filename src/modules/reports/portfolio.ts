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
import { acceptedRisks, governanceSummary } from '../governance/api.js';
import { renewals } from '../estate/summary.js';
import { portfolioRisk } from '../risks/api.js';
import { budgetYear } from '../budget/api.js';
import { quarterContaining } from './quarter.js';
import type { PortfolioReport, PortfolioRow } from './schema.js';
import { attempt } from './sources.js';
import { addDays } from '../../shared/dates.js';

export const PORTFOLIO_WINDOW_DAYS = 90;

export async function makePortfolioReport(app: AppContext, user: UsersTable): Promise<PortfolioReport> {
  if (user.firm_role !== 'admin' && user.firm_role !== 'advisor') throw forbidden('The portfolio report is for the firm\u2019s advisors and admins.');
  const actor = actorOf(user);
  const now = app.clock.now();
  const today = toDateString(now);
  const to = addDays(today, PORTFOLIO_WINDOW_DAYS);
  const clients = await listClientsFor(app, user);
  const firm = await app.database.db.selectFrom('firms').select('name').where('id', '=', user.firm_id).executeTakeFirst();
  const risk = await portfolioRisk(app, user, actor).catch((err: unknown) => {
    app.log.warn({ err }, 'portfolio risk unavailable');
    return null;
  });
  const rows: PortfolioRow[] = [];
  for (const { client, role } of clients) {
    const scope = new ClientScope(app, clientInfo(client), actor, role);
    const unavailable: string[] = [];
    const r = risk?.find((x) => x.clientId === client.id) ?? null;
    if (!risk) unavailable.push('risk figures');
    const gov = await attempt(scope, 'governance records', () => governanceSummary(scope));
    if (!gov.ok) unavailable.push('governance');
    const accepted = await attempt(scope, 'accepted risks', () => acceptedRisks(scope));
    if (!accepted.ok) unavailable.push('acceptances');
    const renewing = await attempt(scope, 'contracts', () => renewals(scope, { from: today, to }));
    if (!renewing.ok) unavailable.push('renewals');
    const last = await scope.db.selectFrom('report_packs').select('quarter').where('status', '=', 'issued').orderBy('quarter', 'desc').limit(1).executeTakeFirst();
    const budget = await attempt(scope, 'IT budget', () => budgetYear(scope));
    if (!budget.ok) unavailable.push('budget');
    const planned = budget.ok && (budget.value.totals.plan !== 0 || budget.value.totals.actual !== 0) ? budget.value : null;
    const due = await attempt(scope, 'roadmap', async () => Number((await scope.db.selectFrom('roadmap_initiatives').select((eb) => eb.fn.countAll<number>().as('n')).where('target_quarter', '=', quarterContaining(today).key).where('status', 'in', ['proposed', 'approved', 'in_progress']).executeTakeFirst())?.n ?? 0));
    if (!due.ok) unavailable.push('roadmap');
    rows.push({
      clientId: client.id,
      name: client.name,
      sector: client.sector,
      currency: client.currency,
      role,
      expectedLoss: r?.mean ?? null,
      p90: r?.p90 ?? null,
      appetite: !r ? 'unknown' : !r.appetiteDefined ? 'not-set' : r.aboveAppetite === null ? 'unknown' : r.aboveAppetite ? 'above' : 'within',
      openEscalations: gov.ok ? gov.value.awaitingExecutive : null,
      acceptancesAwaitingApproval: gov.ok ? gov.value.acceptancesAwaitingApproval : null,
      expiringAcceptances: accepted.ok ? accepted.value.filter((a) => a.expiresOn <= to).length : null,
      renewals: renewing.ok ? renewing.value.length : null,
      renewalsAnnualCost: renewing.ok ? renewing.value.reduce((s, e) => s + e.annualCost, 0) : null,
      lastIssuedQuarter: last?.quarter ?? null,
      budgetLabel: budget.ok ? budget.value.label : null,
      budgetVariance: planned ? planned.totals.variance : null,
      budgetVariancePercent: planned && planned.totals.plan !== 0 ? (planned.totals.variance / planned.totals.plan) * 100 : null,
      initiativesDue: due.ok ? due.value : null,
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
