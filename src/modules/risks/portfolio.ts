/** The firm's portfolio view of risk: each visible client's current mean annual loss, P90 and appetite status. */
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import type { Actor } from '../../server/context.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { latestRun, presentAppetite, presentPortfolio, RECOMPUTE_JOB } from './register.js';
import type { PortfolioRiskRow } from './schema.js';
import { loadSettings } from './settings.js';
import { jobIsLive } from '../../server/jobs/queue.js';

export async function portfolioRisk(app: AppContext, user: UsersTable, actor: Actor): Promise<PortfolioRiskRow[]> {
  const clients = await listClientsFor(app, user);
  if (clients.length === 0) return [];
  const active = await app.database.db
    .selectFrom('jobs')
    .select(['client_id', 'status', 'started_at', 'lease_until'])
    .where('kind', '=', RECOMPUTE_JOB)
    .where('status', 'in', ['queued', 'running'])
    .where(
      'client_id',
      'in',
      clients.map((c) => c.client.id),
    )
    .execute();
  const now = app.clock.now();
  const refreshing = new Set(active.filter((j) => jobIsLive(j, now)).map((j) => j.client_id));
  const rows: PortfolioRiskRow[] = [];
  for (const { client, role } of clients) {
    const scope = new ClientScope(app, clientInfo(client), actor, role);
    if (!scope.can('risks.read')) continue;
    const [settings, run] = await Promise.all([loadSettings(scope), latestRun(scope)]);
    const p = presentPortfolio(run);
    const appetite = presentAppetite(settings, run);
    rows.push({
      clientId: client.id,
      currency: client.currency,
      scenarioCount: p?.scenarioCount ?? 0,
      mean: p ? p.current.mean : null,
      p90: p ? p.current.p90 : null,
      p99: p ? p.current.p99 : null,
      inherentMean: p ? p.mean : null,
      appetiteDefined: appetite.defined,
      aboveAppetite: appetite.breached,
      computedAt: run?.computed_at ?? null,
      refreshing: refreshing.has(client.id),
    });
  }
  return rows;
}
