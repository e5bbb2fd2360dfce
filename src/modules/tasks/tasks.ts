/**
 * Gathers what waits for a person: in one client (its home page) and, as counts, across the
 * clients they may see (the portfolio). Each module decides what it asks of whom; this file
 * only collects, orders and counts.
 */
import type { Actor, AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { clientInfo, listClientsFor } from '../clients/clients.js';
import { controlsTasks } from '../controls/api.js';
import { estateTasks, overdueReviews, renewalsThisQuarter } from '../estate/summary.js';
import { governanceTasks, openEscalations } from '../governance/api.js';
import { riskTasks } from '../risks/api.js';
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

/** For each client the user may see: their tasks and what needs the firm's attention. */
export async function attention(app: AppContext, user: UsersTable, actor: Actor): Promise<AttentionRow[]> {
  const rows: AttentionRow[] = [];
  for (const { client, role } of await listClientsFor(app, user)) {
    const scope = new ClientScope(app, clientInfo(client), actor, role);
    const [tasks, escalations, renewals, overdue] = await Promise.all([
      tasksFor(scope),
      scope.can('governance.read') ? openEscalations(scope) : 0,
      scope.can('estate.read') ? renewalsThisQuarter(scope) : 0,
      scope.can('estate.read') ? overdueReviews(scope) : 0,
    ]);
    rows.push({ clientId: client.id, tasks: tasks.length, escalations, renewalsThisQuarter: renewals, overdueReviews: overdue });
  }
  return rows;
}
