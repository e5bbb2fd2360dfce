/**
 * What the IT budget gives the rest of Triad: a year as the QBR and the board pack show it, and
 * each client's variance for the firm's portfolio. Framework-free, on a ClientScope.
 */
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { actorOf } from '../accounts/users.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { budgetYear } from './forecast.js';
import { budgetTotalsFor } from './firm.js';
import { ClientSetDb } from '../../server/db/client-set.js';
import type { FirmBudgetOut, YearOut } from './schema.js';

export { budgetYear, budgetTotalsFor };
export type { YearOut };

/** Plan, forecast and variance of this fiscal year for every client the user may see, in a fixed number of statements. */
export async function firmBudget(app: AppContext, user: UsersTable): Promise<FirmBudgetOut> {
  const actor = actorOf(user);
  const clients = (await listClientsFor(app, user))
    .map(({ client, role }) => ({ client, scope: new ClientScope(app, clientInfo(client), actor, role) }))
    .filter(({ scope }) => scope.can('budget.read'));
  const totals = await budgetTotalsFor(new ClientSetDb(app.database.db, clients.map((c) => c.client.id)), clients);
  const out: FirmBudgetOut['clients'] = [];
  for (const { client } of clients) {
    const y = totals.get(client.id)!;
    const hasPlan = y.plan !== 0 || y.actual !== 0;
    out.push({
      clientId: client.id,
      name: client.name,
      currency: client.currency,
      fiscalYear: y.fiscalYear,
      label: y.label,
      plan: hasPlan ? y.plan : null,
      forecast: hasPlan ? y.forecast : null,
      variance: hasPlan ? y.variance : null,
      variancePercent: hasPlan && y.plan !== 0 ? (y.variance / y.plan) * 100 : null,
    });
  }
  return { clients: out };
}
