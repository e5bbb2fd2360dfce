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
import type { FirmBudgetOut, YearOut } from './schema.js';

export { budgetYear };
export type { YearOut };

/** Plan, forecast and variance of this fiscal year for every client the user may see. */
export async function firmBudget(app: AppContext, user: UsersTable): Promise<FirmBudgetOut> {
  const actor = actorOf(user);
  const out: FirmBudgetOut['clients'] = [];
  for (const { client, role } of await listClientsFor(app, user)) {
    const scope = new ClientScope(app, clientInfo(client), actor, role);
    if (!scope.can('budget.read')) continue;
    const y = await budgetYear(scope);
    const hasPlan = y.totals.plan !== 0 || y.totals.actual !== 0;
    out.push({
      clientId: client.id,
      name: client.name,
      currency: client.currency,
      fiscalYear: y.fiscalYear,
      label: y.label,
      plan: hasPlan ? y.totals.plan : null,
      forecast: hasPlan ? y.totals.forecast : null,
      variance: hasPlan ? y.totals.variance : null,
      variancePercent: hasPlan && y.totals.plan !== 0 ? (y.totals.variance / y.totals.plan) * 100 : null,
    });
  }
  return { clients: out };
}
