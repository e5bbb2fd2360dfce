/**
 * A demo roadmap per client, with an initiative from each source: the client's security option
 * adopted (where the client has chosen one), a system at end of life to replace, a contract up for renewal, a gap of the
 * framework assessment (where the client has one: Harbor & Finch), proposed treatments of the register, and initiatives by hand (a product bet for the top line, a saving for the bottom
 * line, one done last quarter), spread over the coming quarters.
 */
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import { systemActor } from '../../server/firm.js';
import type { DemoClient } from '../../server/module.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import { nextQuarter, quarterContaining, quarterOf } from '../reports/quarter.js';
import { priorityWeights } from '../business/api.js';
import { createInitiative, updateInitiative } from './initiatives.js';
import type { InitiativeInput } from './schema.js';
import { createFromSource, listCandidates } from './sources.js';

type ByHand = Omit<InitiativeInput, 'targetQuarter' | 'priorityIds'> & { quarter: number; priority?: string };

const BY_HAND: Record<DemoClient['key'], ByHand[]> = {
  accounting: [
    { title: 'Boston office network, Wi-Fi and phones', ownerSeat: 'CIO', kind: 'infrastructure', scope: 'internal', oneTimeCost: 18_000, annualCost: 4_800, expectedSaving: 0, quarter: 2, status: 'approved', priority: 'Open the Boston office', description: 'The second office on the same network, identity and phones as the first.' },
    { title: 'Retire the on-premises phone system', ownerSeat: 'CIO', kind: 'process', scope: 'internal', oneTimeCost: 2_500, annualCost: 0, expectedSaving: 6_400, quarter: 3, status: 'proposed', priority: 'Get through tax season without downtime', description: 'One phone service for both offices; the old system’s maintenance ends.' },
    { title: 'Client portal with e-signature for engagement letters', ownerSeat: 'CTO', kind: 'product', scope: 'product', oneTimeCost: 12_000, annualCost: 6_000, expectedRevenue: 45_000, quarter: 3, status: 'proposed', priority: 'Win two audit clients in healthcare', description: 'Healthcare clients expect signed engagement letters and a secure exchange on day one.' },
    { title: 'Security awareness training for all staff', ownerSeat: 'CISO', kind: 'security', scope: 'internal', oneTimeCost: 0, annualCost: 3_600, quarter: -1, status: 'done', priority: 'Get through tax season without downtime', description: 'Quarterly phishing simulations and a short course before tax season.' },
  ],
  manufacturer: [
    { title: 'Licence consolidation: one CAD contract, one office suite', ownerSeat: 'CIO', kind: 'process', scope: 'internal', oneTimeCost: 15_000, annualCost: 0, expectedSaving: 85_000, quarter: 1, status: 'approved', priority: 'Cut IT run cost by 10 %', description: 'Fewer vendors, fewer renewals, the same seats.' },
    { title: 'CMMC level 2 readiness assessment', ownerSeat: 'CISO', kind: 'compliance', scope: 'internal', oneTimeCost: 45_000, annualCost: 0, expectedRevenue: 2_500_000, quarter: 1, status: 'approved', priority: 'Win the aerospace supplier contract', description: 'The prime contractor will not sign without it.' },
    { title: 'MES upgrade to the supported release', ownerSeat: 'CIO', kind: 'infrastructure', scope: 'internal', oneTimeCost: 60_000, annualCost: 0, quarter: -1, status: 'done', priority: 'Keep the lines running: no unplanned stop over four hours', description: 'Done before the autumn production peak.' },
  ],
  saas: [
    { title: 'EU data region for the analytics platform', ownerSeat: 'CTO', kind: 'product', scope: 'product', oneTimeCost: 80_000, annualCost: 120_000, expectedRevenue: 900_000, quarter: 2, status: 'approved', priority: 'Land the hospital network deal', description: 'EU customers\u2019 data stays in the EU: a condition of the hospital network deal.' },
    { title: 'Reserved capacity and right-sizing of the production cluster', ownerSeat: 'CTO', kind: 'infrastructure', scope: 'product', oneTimeCost: 10_000, annualCost: 0, expectedSaving: 140_000, quarter: 1, status: 'in_progress', priority: 'Keep hosting cost under 12 % of revenue', description: 'Three-year reservations for the steady load, autoscaling for the rest.' },
    { title: 'SOC 2 Type II audit', ownerSeat: 'CISO', kind: 'compliance', scope: 'internal', oneTimeCost: 55_000, annualCost: 35_000, expectedRevenue: 600_000, quarter: -1, status: 'done', priority: 'Land the hospital network deal', description: 'The report is in the data room.' },
  ],
};

export async function seedRoadmapDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const row = await getClientRow(ctx, client.id);
  const scope = new ClientScope(ctx, clientInfo(row), systemActor(row.firm_id, 'demo seed'), 'advisor');
  const current = quarterContaining(toDateString(ctx.clock.now()));
  const quarter = (n: number): string => quarterOf(current.year, current.q + n).key;
  const priorities = await priorityWeights(scope);
  const candidates = await listCandidates(scope);

  // The client's security option, adopted: planned treatments, an approved initiative. Harbor &
  // Finch's partners have not chosen between theirs yet: it waits on the register's options page.
  const option = client.key === 'accounting' ? undefined : candidates.options[0];
  if (option) await createFromSource(scope, { type: 'option', setId: option.setId, optionId: option.optionId, targetQuarter: quarter(1) });
  // The first system due for replacement, approved for its quarter.
  const system = candidates.systems.find((s) => s.replacementCost !== null);
  if (system) {
    const made = await createFromSource(scope, { type: 'system', systemId: system.id });
    await updateInitiative(scope, made.id, { status: 'approved' });
  }
  // The next contract renewal, proposed for review before its notice deadline.
  const contract = candidates.contracts[0];
  if (contract) await createFromSource(scope, { type: 'contract', contractId: contract.id });
  // The gap of the framework assessment the partners chose to close first: network monitoring,
  // linked to the ransomware scenario and to the planned managed detection and response, which the
  // initiative carries (so the engine gives the risk it reduces). Proposed for next quarter.
  const gap = candidates.gaps.gaps.find((g) => g.controlId === 'DE.CM-01' && !g.initiative) ?? candidates.gaps.gaps.find((g) => !g.initiative && g.carries.length > 0);
  if (gap) await createFromSource(scope, { type: 'gap', controlId: gap.controlId, targetQuarter: quarter(1) });
  // Proposed treatments of the register that no initiative carries yet.
  const proposed = candidates.treatments.filter((t) => t.status === 'proposed').slice(0, 1);
  if (proposed.length > 0) await createFromSource(scope, { type: 'treatments', treatmentIds: proposed.map((t) => t.id), targetQuarter: nextQuarter(nextQuarter(current)).key });

  for (const h of BY_HAND[client.key]) {
    const { quarter: n, priority, ...fields } = h;
    const p = priorities.find((x) => x.title === priority);
    await createInitiative(scope, { ...fields, targetQuarter: quarter(n), priorityIds: p ? [p.id] : [] });
  }
}
