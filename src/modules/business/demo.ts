/**
 * Demo business context: units from the services' business units, and three or four weighted
 * priorities per client owned by its executive, with the services that serve them.
 */
import type { AppContext } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import { systemActor } from '../../server/firm.js';
import type { DemoClient } from '../../server/module.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import type { Line } from './schema.js';
import { createPriority } from './priorities.js';
import { listServiceContext, setServiceContext } from './services.js';
import { createUnit, listUnits } from './units.js';

interface DemoPriority {
  title: string;
  weight: number;
  line: Line;
  description: string;
  /** Services (by name) that serve it. */
  services: string[];
}

const PRIORITIES: Record<DemoClient['key'], DemoPriority[]> = {
  accounting: [
    { title: 'Get through tax season without downtime', weight: 40, line: 'bottom', description: 'January to April: every preparer working, every deadline met.', services: ['Tax preparation and filing', 'Bookkeeping and payroll services'] },
    { title: 'Open the Boston office', weight: 30, line: 'top', description: 'Twelve people in a second office by the autumn, on the same systems.', services: ['Email and collaboration'] },
    { title: 'Win two audit clients in healthcare', weight: 20, line: 'top', description: 'Healthcare clients ask for evidence of security controls before they sign.', services: ['Client portal and document exchange'] },
  ],
  manufacturer: [
    { title: 'Win the aerospace supplier contract', weight: 50, line: 'top', description: 'The prime contractor requires CMMC level 2 and a tested recovery plan.', services: ['Engineering and CNC programming', 'Quality and traceability'] },
    { title: 'Keep the lines running: no unplanned stop over four hours', weight: 30, line: 'bottom', description: 'Production downtime costs more than anything else the company can lose.', services: ['Production scheduling and shop-floor execution', 'Order to cash'] },
    { title: 'Cut IT run cost by 10 %', weight: 15, line: 'bottom', description: 'Consolidate licences and retire the old file servers.', services: ['Shared drives', 'Email and collaboration'] },
  ],
  saas: [
    { title: 'Land the hospital network deal', weight: 50, line: 'top', description: 'A three-year contract that needs SOC 2 Type II and EU data residency.', services: ['Lumen analytics platform'] },
    { title: 'Grow net revenue retention to 115 %', weight: 25, line: 'top', description: 'Fewer outages, faster features for the largest customers.', services: ['Lumen analytics platform', 'Customer support', 'Engineering delivery'] },
    { title: 'Keep hosting cost under 12 % of revenue', weight: 20, line: 'bottom', description: 'Cloud spend grows slower than revenue.', services: ['Billing and subscriptions', 'Internal IT and collaboration'] },
  ],
};

export async function seedBusinessDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const row = await getClientRow(ctx, client.id);
  const scope = new ClientScope(ctx, clientInfo(row), systemActor(row.firm_id, 'demo seed'), 'advisor');
  // Units from the business units the estate's services were imported with.
  const services = await listServiceContext(scope);
  const names = [...new Set(services.map((s) => s.businessUnitText?.trim()).filter((n): n is string => !!n))].sort();
  for (const name of names) await createUnit(scope, { name });
  const units = await listUnits(scope);
  const executive = client.users.executive;
  const ids = new Map<string, string>();
  for (const p of PRIORITIES[client.key]) {
    const out = await createPriority(scope, { title: p.title, weight: p.weight, line: p.line, description: p.description, ownerUserId: executive!.id });
    ids.set(p.title, out.id);
  }
  for (const s of services) {
    const unit = units.find((u) => u.name === s.businessUnitText?.trim());
    const priorityIds = PRIORITIES[client.key].filter((p) => p.services.includes(s.name)).map((p) => ids.get(p.title)!);
    if (unit || priorityIds.length > 0) await setServiceContext(scope, s.id, { unitId: unit?.id ?? null, priorityIds });
  }
}
