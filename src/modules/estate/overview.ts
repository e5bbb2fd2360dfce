import type { ClientScope } from '../../server/context.js';
import { addDays, today } from './common.js';
import { renewalsBetween } from './contracts.js';
import { dataLocations } from './datasets.js';
import { loadGraph, reachOf, tierOf, type Reach } from './graph.js';
import { countGrants } from './grants.js';
import { listReviews } from './reviews.js';
import { lifecycle } from './systems.js';
import type { EstateOverview } from './overview-schema.js';

const WINDOW_DAYS = 90;

/** The client home card: counts, what renews and what reaches end of life soon, where restricted data lives. */
export async function estateOverview(scope: ClientScope): Promise<EstateOverview> {
  const from = today(scope);
  const count = (table: 'estate_services' | 'estate_systems' | 'estate_datasets') =>
    scope.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const [services, systems, datasets, graph, active, flagged, renewals, life, restricted, reviews] = await Promise.all([
    count('estate_services'),
    count('estate_systems'),
    count('estate_datasets'),
    loadGraph(scope.db),
    countGrants(scope, { status: 'active' }),
    countGrants(scope, { status: 'active', flagged: 'true' }),
    renewalsBetween(scope, { from, to: addDays(from, WINDOW_DAYS) }),
    lifecycle(scope, { days: WINDOW_DAYS, quarters: 1, limit: 0 }),
    dataLocations(scope, 'restricted'),
    listReviews(scope),
  ]);
  const memo = new Map<string, Reach>();
  const tiers = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const v of graph.vendors.values()) tiers[tierOf(graph, v.id, reachOf(graph, v.id, memo)).tier] += 1;
  const events = renewals
    .flatMap((r) => r.events.map((event) => ({ contractId: r.contractId, vendorName: r.vendorName, reference: r.reference, date: event === 'notice' ? r.noticeDeadline : r.renewalDate, event, annualCost: r.annualCost })))
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    counts: {
      services,
      systems,
      vendors: [...graph.vendors.values()].filter((v) => v.direct === 1).length,
      fourthParties: [...graph.vendors.keys()].filter((id) => (graph.parents.get(id) ?? []).length > 0).length,
      datasets,
      activeGrants: active,
      flaggedGrants: flagged,
    },
    vendorsByTier: tiers,
    renewals: { days: WINDOW_DAYS, count: renewals.length, next: events.slice(0, 5) },
    lifecycle: { days: WINDOW_DAYS, endOfLife: life.endOfLife.count, warrantyEnding: life.warrantyEnding.count, pastEndOfLife: life.pastEndOfLife.count, replacementCost: life.endOfLife.replacementCost },
    restricted: {
      datasets: restricted.datasets,
      records: restricted.records,
      systems: restricted.systems.map((s) => ({ id: s.id, name: s.name })),
      vendors: restricted.vendors.map((v) => ({ id: v.id, name: v.name, fourthParty: v.fourthParty })),
    },
    review: reviews.find((r) => r.status === 'open') ?? reviews[0] ?? null,
  };
}
