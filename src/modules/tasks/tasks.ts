/**
 * Gathers what waits for a person: in one client (its home page) and, as counts, across the
 * clients they may see (the portfolio). Each module decides what it asks of whom; this file
 * only collects, orders and counts.
 */
import type { Actor, AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { clientsThatMay } from '../../server/db/client-set.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import type { Permission } from '../../server/policy.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { controlsTasks, controlsTasksFor } from '../controls/api.js';
import { estateAttention, estateTasks } from '../estate/summary.js';
import { governanceAttention, governanceTasks } from '../governance/api.js';
import { riskTasks, riskTasksFor } from '../risks/api.js';
import { byUrgency, type AttentionRow, type TaskOut } from './schema.js';

/** The caller's tasks in the scope's client, overdue first, then by due date. */
export async function tasksFor(scope: ClientScope): Promise<TaskOut[]> {
  const parts = await Promise.all([
    scope.can('governance.read') ? governanceTasks(scope) : [],
    scope.can('estate.read') ? estateTasks(scope) : [],
    scope.can('controls.read') ? controlsTasks(scope) : [],
    scope.can('risks.read') ? riskTasks(scope) : [],
  ]);
  return parts.flat().sort(byUrgency);
}

/**
 * For each client the user may see: the number of their tasks there and what needs the firm's
 * attention. Each module's part reads its tables once for all those clients (the firm's views'
 * rule: the statements do not grow with the clients) and counts with the same functions as the
 * client's own task list.
 */
export async function attention(app: AppContext, user: UsersTable, actor: Actor): Promise<AttentionRow[]> {
  const clients = await listClientsFor(app, user);
  const scopes = new Map(clients.map(({ client, role }) => [client.id, new ClientScope(app, clientInfo(client), actor, role)]));
  const part = (permission: Permission) => clientsThatMay(app.database.db, scopes.values(), permission);
  const governance = part('governance.read');
  const estate = part('estate.read');
  const controls = part('controls.read');
  const risks = part('risks.read');
  const [g, e, c, r] = await Promise.all([
    governanceAttention(app, governance.set, governance.scopes),
    estateAttention(estate.set, estate.scopes),
    controlsTasksFor(controls.set, controls.scopes),
    riskTasksFor(risks.set, risks.scopes),
  ]);
  return clients.map(({ client }) => {
    const id = client.id;
    const tasks = (g.get(id)?.tasks.length ?? 0) + (e.get(id)?.tasks.length ?? 0) + (c.get(id)?.length ?? 0) + (r.get(id)?.length ?? 0);
    return { clientId: id, tasks, escalations: g.get(id)?.escalations ?? 0, renewalsThisQuarter: e.get(id)?.renewalsThisQuarter ?? 0, overdueReviews: e.get(id)?.overdueReviews ?? 0 };
  });
}
