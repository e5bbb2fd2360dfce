/** The firm's view of the roadmaps: what is due in a quarter across the clients a user may see. */
import type { AppContext } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import type { UsersTable } from '../../server/db/platform-tables.js';
import { fromMinorUnits } from '../../shared/money.js';
import { parseQuarter, quarterContaining } from '../reports/quarter.js';
import type { FirmRoadmapOut } from './schema.js';

/**
 * Open initiatives whose target quarter is `quarterKey` (default: the current one) across every
 * client the user may see, in ONE query: the firm's clients, limited to the user's memberships
 * unless they are a firm admin (every role of a client reads its roadmap).
 */
export async function firmDue(app: AppContext, user: UsersTable, quarterKey?: string): Promise<FirmRoadmapOut> {
  const quarter = quarterKey ? parseQuarter(quarterKey) : quarterContaining(toDateString(app.clock.now()));
  let q = app.database.db
    .selectFrom('roadmap_initiatives as i')
    .innerJoin('clients as c', 'c.id', 'i.client_id')
    .select(['c.id as client_id', 'c.name as client_name', 'c.currency', 'i.id', 'i.ref', 'i.ref_number', 'i.title', 'i.status', 'i.owner_seat', 'i.one_time_cost'])
    .where('c.firm_id', '=', user.firm_id)
    .where('c.archived_at', 'is', null)
    .where('i.target_quarter', '=', quarter.key)
    .where('i.status', 'in', ['proposed', 'approved', 'in_progress']);
  if (user.firm_role !== 'admin') {
    q = q.where((eb) => eb.exists(eb.selectFrom('memberships as m').select('m.user_id').whereRef('m.client_id', '=', 'c.id').where('m.user_id', '=', user.id)));
  }
  const rows = await q.orderBy('c.name').orderBy('i.ref_number').execute();
  const clients = new Map<string, FirmRoadmapOut['clients'][number]>();
  for (const r of rows) {
    let c = clients.get(r.client_id);
    if (!c) clients.set(r.client_id, (c = { clientId: r.client_id, name: r.client_name, currency: r.currency, due: [] }));
    c.due.push({ id: r.id, ref: r.ref, title: r.title, status: r.status, ownerSeat: r.owner_seat, oneTimeCost: fromMinorUnits(Number(r.one_time_cost), r.currency) });
  }
  return { quarter: quarter.key, quarterLabel: quarter.label, clients: [...clients.values()] };
}
