/**
 * What the business context gives the rest of Triad (the roadmap ranks initiatives by the
 * weight of the priorities they serve; the QBR names them). Framework-free, on a ClientScope.
 */
import type { ClientScope } from '../../server/context.js';
import type { Line } from './schema.js';

export interface PriorityWeight {
  id: string;
  title: string;
  weight: number;
  line: Line;
  active: boolean;
  owner: string | null;
}

/** Every priority of the client with its weight (inactive ones too, marked), heaviest first. */
export async function priorityWeights(scope: ClientScope): Promise<PriorityWeight[]> {
  const rows = await scope.db
    .selectFrom('business_priorities')
    .leftJoin('users', 'users.id', 'business_priorities.owner_user_id')
    .select(['business_priorities.id', 'business_priorities.title', 'business_priorities.weight', 'business_priorities.line', 'business_priorities.status', 'users.name as owner'])
    .orderBy('business_priorities.weight', 'desc')
    .orderBy('business_priorities.title')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, weight: r.weight, line: r.line, active: r.status === 'active', owner: r.owner }));
}

export { executives } from './priorities.js';
export type { Line } from './schema.js';
