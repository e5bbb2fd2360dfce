/** What the risk register asks of the caller: contributors' proposed scenarios to approve (advisors). */
import type { ClientScope } from '../../server/context.js';
import { words } from '../../server/i18n/index.js';
import type { TaskOut } from '../tasks/schema.js';

export async function riskTasks(scope: ClientScope): Promise<TaskOut[]> {
  if (!scope.can('risks.edit')) return [];
  const proposed = await scope.db.selectFrom('risk_scenarios').select(['id', 'ref', 'title']).where('proposed', '=', 1).orderBy('ref_number').execute();
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
