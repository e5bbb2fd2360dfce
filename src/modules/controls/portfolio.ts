/** The firm's portfolio view of maturity: for each client the caller may see, the latest completed assessment and the one in progress. */
import type { Actor, AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { maturitySummary } from './api.js';
import type { PortfolioMaturityRow } from './schema.js';

export async function portfolioMaturity(app: AppContext, user: UsersTable, actor: Actor): Promise<PortfolioMaturityRow[]> {
  const rows: PortfolioMaturityRow[] = [];
  for (const { client, role } of await listClientsFor(app, user)) {
    const scope = new ClientScope(app, clientInfo(client), actor, role);
    if (!scope.can('controls.read')) continue;
    const m = await maturitySummary(scope);
    if (!m) continue;
    const l = m.latestCompleted;
    const p = m.inProgress;
    rows.push({
      clientId: client.id,
      catalogue: m.catalogue.title,
      scale: m.scale,
      latest: l ? { id: l.id, title: l.title, completedAt: l.completedAt!, current: l.current, target: l.target } : null,
      inProgress: p ? { id: p.id, title: p.title, outcomes: p.outcomes, answered: p.answered, current: p.current } : null,
    });
  }
  return rows;
}
