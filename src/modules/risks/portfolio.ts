/** The firm's portfolio view of risk: each visible client's current mean annual loss, P90 and appetite status. */
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import type { Actor } from '../../server/context.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { RECOMPUTE_JOB } from '../../shared/job-kinds.js';
import { presentAppetite, presentPortfolio } from './register.js';
import type { PortfolioRiskRow } from './overview-schema.js';
import { resolveSettings, SETTINGS_ID } from './settings.js';
import type { RiskRunsTable } from './tables.js';
import { ClientSetDb } from '../../server/db/client-set.js';
import { jobIsLive } from '../../server/jobs/queue.js';

/**
 * In a fixed number of statements however many clients: the visible clients, their settings,
 * each one's latest run (a window function picks it) and the recomputes in flight.
 */
export async function portfolioRisk(app: AppContext, user: UsersTable, actor: Actor): Promise<PortfolioRiskRow[]> {
  const clients = (await listClientsFor(app, user))
    .map(({ client, role }) => ({ client, scope: new ClientScope(app, clientInfo(client), actor, role) }))
    .filter(({ scope }) => scope.can('risks.read'));
  if (clients.length === 0) return [];
  const set = new ClientSetDb(app.database.db, clients.map((c) => c.client.id));
  const [settingsRows, runs, active] = await Promise.all([
    set.selectFrom('risk_settings').selectAll().where('id', '=', SETTINGS_ID).execute(),
    // The summary only: the curves (detail_json) are the register page's.
    set.latestPerClient('risk_runs', ['id', 'seed', 'years', 'inputs_hash', 'engine_version', 'risk_count', 'summary_json', 'duration_ms', 'computed_at'], 'computed_at'),
    app.database.db
      .selectFrom('jobs')
      .select(['client_id', 'status', 'started_at', 'lease_until'])
      .where('kind', '=', RECOMPUTE_JOB)
      .where('status', 'in', ['queued', 'running'])
      .where('client_id', 'in', set.clientIds)
      .execute(),
  ]);
  const settingsOf = new Map(settingsRows.map((r) => [r.client_id, r]));
  const runOf = new Map(runs.map((r): [string, RiskRunsTable] => [r.client_id, { ...r, detail_json: null }]));
  const now = app.clock.now();
  const refreshing = new Set(active.filter((j) => jobIsLive(j, now)).map((j) => j.client_id));
  return clients.map(({ client, scope }) => {
    const run = runOf.get(client.id);
    const p = presentPortfolio(run);
    const appetite = presentAppetite(resolveSettings(settingsOf.get(client.id), scope.client, app.config), run);
    return {
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
    };
  });
}
