/**
 * Demo registers for the three demo clients: believable scenarios for each sector, with
 * treatments, an appetite and a set of security options. Results are not computed here: the
 * changes queue one recompute per client, which the server runs when it starts. Each client's
 * register is in its own file (demo-accounting.ts, demo-manufacturer.ts, demo-saas.ts), what
 * one is made of in demo-common.ts; this file seeds them.
 */
import type { Actor, AppContext, Writer } from '../../server/context.js';
import { ClientScope } from '../../server/context.js';
import type { DemoClient } from '../../server/module.js';
import { toDateString } from '../../server/db/conventions.js';
import { clientInfo, getClientRow } from '../clients/clients.js';
import { ACCOUNTING_REGISTER } from './demo-accounting.js';
import type { DemoRegister } from './demo-common.js';
import { MANUFACTURER_REGISTER } from './demo-manufacturer.js';
import { SAAS_REGISTER } from './demo-saas.js';
import { createPolicy } from './insurance.js';
import { createOptionSet } from './options.js';
import { loadEstateSummary, type EstateSummary } from './profile.js';
import { enqueueRecompute } from './recompute.js';
import type { LinkInput } from './schema.js';
import { approveScenario, createScenario } from './scenarios.js';
import { setAppetite, updateSettings } from './settings.js';
import { createTreatment } from './treatments.js';
import { setWorstCase } from './worst-case.js';

const REGISTERS: Record<DemoClient['key'], DemoRegister> = {
  accounting: ACCOUNTING_REGISTER,
  manufacturer: MANUFACTURER_REGISTER,
  saas: SAAS_REGISTER,
};

function actorFor(user: { id: string; email: string; name: string }, firmId: string, firmRole: Actor['firmRole']): Actor {
  return { userId: user.id, label: `${user.name} <${user.email}>`, firmId, firmRole, email: user.email };
}

/** Attaches estate record ids to links whose label names a record, when the estate has one. */
function resolveLinks(links: LinkInput[] | undefined, estate: EstateSummary | null): LinkInput[] | undefined {
  if (!links || !estate) return links;
  const pools: Record<LinkInput['kind'], { id: string; name: string }[]> = { service: estate.services, system: estate.systems, dataset: estate.datasets, vendor: estate.vendors };
  return links.map((l) => {
    const label = l.label.toLowerCase();
    const hit = pools[l.kind].find((r) => r.name.toLowerCase() === label) ?? pools[l.kind].find((r) => r.name.toLowerCase().includes(label) || label.includes(r.name.toLowerCase()));
    return hit ? { kind: l.kind, targetId: hit.id, label: hit.name } : l;
  });
}

export async function seedRiskDemo(ctx: AppContext, client: DemoClient): Promise<void> {
  const spec = REGISTERS[client.key];
  const row = await getClientRow(ctx, client.id);
  const advisorUser = client.users.advisor ?? client.users.advisor2 ?? client.users.admin!;
  const advisor = new ClientScope(ctx, clientInfo(row), actorFor(advisorUser, row.firm_id, 'advisor'), 'advisor');
  const contributorUser = client.users.contributor;
  const contributor = contributorUser ? new ClientScope(ctx, clientInfo(row), actorFor(contributorUser, row.firm_id, 'member'), 'contributor') : advisor;
  const enqueue = (w: Writer) => enqueueRecompute(w, client.id);
  await updateSettings(advisor, { seed: spec.seed }, enqueue);
  await setAppetite(advisor, spec.appetite, enqueue);
  // Before the scenarios: the ransomware template prices lost revenue at the gross margin.
  await setWorstCase(advisor, { grossMargin: spec.grossMargin });
  const estate = await loadEstateSummary(advisor);
  const ids = new Map<string, string>();
  for (const s of spec.scenarios) {
    const scope = s.proposal ? contributor : advisor;
    const links = resolveLinks(s.links, estate);
    const created = await createScenario(scope, {
      title: s.title,
      description: s.description,
      threat: s.threat ?? null,
      ownerSeat: s.ownerSeat,
      ...(s.status && !s.proposal ? { status: s.status } : {}),
      ...(s.template ? { template: s.template, templateParams: s.params ?? {} } : {}),
      ...(s.inputs ? { inputs: s.inputs } : {}),
      ...(links ? { links } : {}),
    });
    ids.set(s.title, created.id);
    for (const t of s.treatments ?? []) {
      await createTreatment(advisor, created.id, { name: t.name, description: t.description ?? null, status: t.status, annualCost: t.annual, oneTimeCost: t.oneTime ?? 0, effect: t.effect });
    }
  }
  // One of the contributor's earlier proposals has been approved already.
  const approvable = spec.scenarios.find((s) => s.proposal);
  if (approvable && client.key === 'manufacturer') await approveScenario(advisor, ids.get(approvable.title)!);
  for (const p of spec.policies ?? []) {
    const { covers, renewsInDays, ...terms } = p;
    const renewalOn = toDateString(new Date(ctx.clock.now().getTime() + renewsInDays * 86_400_000));
    await createPolicy(advisor, { ...terms, renewalOn, ...(covers ? { coversAll: false, scenarioIds: covers.map((title) => ids.get(title)!) } : { coversAll: true }) });
  }
  if (spec.options) {
    const o = spec.options;
    await createOptionSet(advisor, {
      title: o.title,
      description: o.description,
      scenarioIds: o.scenarios.map((t) => ids.get(t)!),
      options: o.options.map((opt) => ({
        name: opt.name,
        description: opt.description,
        measures: opt.measures.map((m) => ({ name: m.name, annualCost: m.annual, oneTimeCost: m.oneTime, effects: Object.entries(m.effects).map(([title, effect]) => ({ scenarioId: ids.get(title)!, effect })) })),
      })),
    });
  }
}
