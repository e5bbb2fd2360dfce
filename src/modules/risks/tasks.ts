/** What the risk register asks of the caller: contributors' proposed scenarios to approve (advisors). One client's, or every client's of a set at once. */
import type { ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';

type Proposed = { id: string; ref: string; title: string };

function proposalTasks(scope: ClientScope, proposed: readonly Proposed[]): TaskOut[] {
  const say = words(scope.language, 'tasks');
  return proposed.map((s) => ({
    id: `risk.proposal:${s.id}`,
    kind: 'risk.proposal' as const,
    title: say('risk.proposal.title', { ref: s.ref, title: s.title }),
    detail: say('risk.proposal.detail'),
    path: `risks/${s.id}`,
    dueOn: null,
    overdue: false,
  }));
}

export async function riskTasks(scope: ClientScope): Promise<TaskOut[]> {
  if (!scope.can('risks.edit')) return [];
  return proposalTasks(scope, await scope.db.selectFrom('risk_scenarios').select(['id', 'ref', 'title']).where('proposed', '=', 1).orderBy('ref_number').execute());
}

/** riskTasks for every client of `set` (each with its scope in `scopes`), in one statement for all of them. */
export async function riskTasksFor(set: ClientSetDb, scopes: ReadonlyMap<string, ClientScope>): Promise<Map<string, TaskOut[]>> {
  const editing = [...scopes.values()].filter((s) => s.can('risks.edit')).map((s) => s.clientId);
  const proposed = editing.length > 0 ? await set.selectFrom('risk_scenarios').select(['client_id', 'id', 'ref', 'title']).where('proposed', '=', 1).where('client_id', 'in', editing).orderBy('ref_number').execute() : [];
  const of = byClient(set.clientIds, proposed);
  const out = new Map<string, TaskOut[]>();
  for (const [clientId, scope] of scopes) out.set(clientId, scope.can('risks.edit') ? proposalTasks(scope, of.get(clientId) ?? []) : []);
  return out;
}
