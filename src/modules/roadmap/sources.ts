/**
 * Where new initiatives come from: a security option to adopt, a system at end of life or out of
 * warranty (its replacement), a contract up for renewal, treatments of the register no initiative
 * carries yet, a framework gap (gaps.ts), or by hand. The candidates
 * list what each source offers now; `createFromSource` makes the initiative with what the source
 * says (title, costs, quarter), which people then adjust.
 */
import type { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import { conflict, invalid } from '../../server/errors.js';
import { dateIn, words, type Language } from '../../server/i18n/index.js';
import { addDays } from '../../shared/dates.js';
import { formatMoney, fromMinorUnits } from '../../shared/money.js';
import { estateSummary, renewals } from '../estate/summary.js';
import { nextQuarter, parseQuarter, quarterContaining } from '../reports/quarter.js';
import { reportDate } from '../../shared/reports/words.js';
import { adoptOptionWith, listOptionSets } from '../risks/options.js';
import { loadRegisterData } from '../risks/register.js';
import { createFromGap, frameworkGaps } from './gaps.js';
import { boardQuarters, getInitiative } from './initiatives.js';
import { FromSourceInput, type CandidatesOut, type InitiativeOut } from './schema.js';
import { checkLinks, insertInitiative, requireStatusAllowed } from './store.js';
import type { InitiativeSource } from './vocab.js';

async function usedSources(scope: ClientScope, type: InitiativeSource): Promise<Set<string>> {
  const rows = await scope.db.selectFrom('roadmap_initiatives').select('source_id').where('source', '=', type).where('source_id', 'is not', null).execute();
  return new Set(rows.map((r) => r.source_id!));
}

/** The last day of the roadmap board (the end of the eighth quarter from now). */
function horizon(scope: ClientScope): string {
  const quarters = boardQuarters(scope);
  return parseQuarter(quarters[quarters.length - 1]!.key).end;
}

interface SystemCandidate {
  id: string;
  name: string;
  reason: string;
  date: string;
  replacementCost: number | null;
  scope: 'internal' | 'product';
  quarter: string;
}

/** The systems to replace, with why in `language` (English where an initiative stores it). */
async function systemCandidates(scope: ClientScope, language: Language = 'en'): Promise<SystemCandidate[]> {
  const say = words(language, 'roadmap');
  const today = toDateString(scope.now());
  const until = horizon(scope);
  const now = quarterContaining(today).key;
  const used = await usedSources(scope, 'system');
  const { systems } = await estateSummary(scope);
  const out: SystemCandidate[] = [];
  for (const s of systems) {
    if (s.status === 'retired' || used.has(s.id)) continue;
    const eol = s.endOfLife && s.endOfLife <= until ? s.endOfLife : null;
    const warranty = !eol && s.warrantyEnd && s.warrantyEnd <= until ? s.warrantyEnd : null;
    const date = eol ?? warranty;
    if (!date) continue;
    const past = date < today;
    const reason = say(eol ? (past ? 'replace.pastEndOfLife' : 'replace.endOfLife') : past ? 'replace.pastWarranty' : 'replace.warranty', { date: dateIn(language, date) });
    out.push({ id: s.id, name: s.name, reason, date, replacementCost: s.replacementCost, scope: s.scope, quarter: past ? now : quarterContaining(date).key });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

export async function listCandidates(scope: ClientScope): Promise<CandidatesOut> {
  const today = toDateString(scope.now());
  const [optionSets, systems, renewing, data, carried, usedOptions, usedContracts] = await Promise.all([
    listOptionSets(scope),
    systemCandidates(scope, scope.language),
    renewals(scope, { from: today, to: horizon(scope) }),
    loadRegisterData(scope),
    scope.db.selectFrom('roadmap_initiative_treatments').select('treatment_id').execute(),
    usedSources(scope, 'option'),
    usedSources(scope, 'contract'),
  ]);
  const gaps = await frameworkGaps(scope, { data, language: scope.language });
  const taken = new Set(carried.map((c) => c.treatment_id));
  const inRegister = new Map(data.scenarios.filter((s) => s.proposed === 0 && s.status !== 'closed').map((s) => [s.id, s]));
  return {
    options: optionSets.flatMap((set) =>
      set.options
        .filter((o) => !usedOptions.has(o.id))
        .map((o) => ({
          setId: set.id,
          setTitle: set.title,
          optionId: o.id,
          optionName: o.name,
          annualCost: o.measures.reduce((s, m) => s + m.annualCost, 0),
          oneTimeCost: o.measures.reduce((s, m) => s + m.oneTimeCost, 0),
          reduction: o.figures?.reduction ?? null,
          scenarios: set.scenarios.map((s) => `${s.ref} ${s.title}`),
        })),
    ),
    systems,
    contracts: renewing
      .filter((e) => !usedContracts.has(e.contractId))
      .map((e) => ({
        id: e.contractId,
        vendor: e.vendorName,
        reference: e.reference,
        renewalDate: e.renewalDate,
        noticeDeadline: e.noticeDeadline,
        annualCost: e.annualCost,
        autoRenew: e.autoRenew,
        quarter: quarterContaining(e.autoRenew && e.noticeDeadline >= today ? e.noticeDeadline : e.renewalDate).key,
      })),
    treatments: [...data.treatments.values()]
      .flat()
      .filter((t) => !taken.has(t.id) && t.status !== 'in_place' && inRegister.has(t.scenario_id))
      .map((t) => {
        const s = inRegister.get(t.scenario_id)!;
        return { id: t.id, ref: t.ref, name: t.name, status: t.status, scenarioRef: s.ref, scenarioTitle: s.title };
      }),
    gaps,
    can: { propose: scope.can('roadmap.propose'), adoptOptions: scope.can('roadmap.edit') && scope.can('risks.edit') },
  };
}

/** Makes an initiative from a source (see the file's comment). */
export async function createFromSource(scope: ClientScope, raw: FromSourceInput): Promise<InitiativeOut> {
  scope.require('roadmap.propose');
  const input = FromSourceInput.parse(raw);
  const today = toDateString(scope.now());
  const next = nextQuarter(quarterContaining(today)).key;
  const money = (x: number): string => formatMoney(x, scope.client.currency);
  const base = { expectedSaving: 0, expectedRevenue: 0, priorityIds: [] as string[] };

  if (input.type === 'option') {
    requireStatusAllowed(scope, 'approved');
    if ((await usedSources(scope, 'option')).has(input.optionId)) throw conflict('This security option is already an initiative on the roadmap.', [{ path: 'body.optionId', message: 'already an initiative' }]);
    const { result } = await adoptOptionWith(scope, input.setId, input.optionId, (w, adopted) =>
      insertInitiative(w, scope, {
        ...base,
        title: `${adopted.setTitle}: ${adopted.optionName}`,
        description: `Adopted from the security options "${adopted.setTitle}": its ${adopted.treatments.length === 1 ? 'measure is' : 'measures are'} planned treatments of the register (${adopted.treatments.map((t) => t.ref).join(', ')}).`,
        ownerSeat: 'CISO',
        kind: 'security',
        scope: 'internal',
        oneTimeCost: adopted.oneTimeCost,
        annualCost: adopted.annualCost,
        targetQuarter: input.targetQuarter ?? next,
        status: 'approved',
        treatmentIds: adopted.treatments.map((t) => t.id),
        source: { type: 'option', id: input.optionId, label: `${adopted.setTitle}: ${adopted.optionName}` },
      }),
    );
    return getInitiative(scope, result!);
  }

  if (input.type === 'system') {
    const candidate = (await systemCandidates(scope)).find((s) => s.id === input.systemId);
    if (!candidate) {
      const exists = await scope.db.selectFrom('estate_systems').select('id').where('id', '=', input.systemId).executeTakeFirst();
      if (!exists) throw invalid('The client has no such system.', [{ path: 'body.systemId', message: 'no such system in this client' }]);
      if ((await usedSources(scope, 'system')).has(input.systemId)) throw conflict('This system\u2019s replacement is already an initiative on the roadmap.', [{ path: 'body.systemId', message: 'already an initiative' }]);
      throw invalid('This system neither reaches end of life nor leaves warranty within the roadmap\u2019s eight quarters (or it is retired).', [{ path: 'body.systemId', message: 'not due for replacement' }]);
    }
    const id = await scope.write((w) =>
      insertInitiative(w, scope, {
        ...base,
        title: `Replace ${candidate.name}`,
        description: `${candidate.reason}.${candidate.replacementCost !== null ? ` Replacement cost: ${money(candidate.replacementCost)}.` : ' No replacement cost is recorded in the estate.'}`,
        ownerSeat: candidate.scope === 'product' ? 'CTO' : 'CIO',
        kind: 'lifecycle',
        scope: candidate.scope,
        oneTimeCost: candidate.replacementCost ?? 0,
        annualCost: 0,
        targetQuarter: input.targetQuarter ?? candidate.quarter,
        status: 'proposed',
        treatmentIds: [],
        source: { type: 'system', id: candidate.id, label: candidate.name },
      }),
    );
    return getInitiative(scope, id);
  }

  if (input.type === 'gap') return createFromGap(scope, input);

  if (input.type === 'contract') {
    if ((await usedSources(scope, 'contract')).has(input.contractId)) throw conflict('This contract\u2019s renewal is already an initiative on the roadmap.', [{ path: 'body.contractId', message: 'already an initiative' }]);
    const event = (await renewals(scope, { from: today, to: addDays(today, 3 * 366) })).find((e) => e.contractId === input.contractId);
    if (!event) {
      const exists = await scope.db.selectFrom('estate_contracts').select('id').where('id', '=', input.contractId).executeTakeFirst();
      if (!exists) throw invalid('The client has no such contract.', [{ path: 'body.contractId', message: 'no such contract in this client' }]);
      throw invalid('This contract has no renewal ahead (no renewal date, or it has ended).', [{ path: 'body.contractId', message: 'no renewal ahead' }]);
    }
    const vendor = (await estateSummary(scope)).vendors.find((v) => v.id === event.vendorId);
    const product = vendor?.supplies === 'product';
    const id = await scope.write((w) =>
      insertInitiative(w, scope, {
        ...base,
        title: `Renew or replace ${event.vendorName}: ${event.reference}`,
        description: `The contract costs ${money(event.annualCost)} a year and renews on ${reportDate(event.renewalDate)}${event.autoRenew ? `; the last day to cancel is ${reportDate(event.noticeDeadline)}` : ''}. Its renewal is in the budget forecast already; record here what renegotiating or replacing it would save.`,
        ownerSeat: product ? 'CTO' : 'CIO',
        kind: product ? 'product' : 'infrastructure',
        scope: product ? 'product' : 'internal',
        oneTimeCost: 0,
        annualCost: 0,
        targetQuarter: input.targetQuarter ?? quarterContaining(event.autoRenew && event.noticeDeadline >= today ? event.noticeDeadline : event.renewalDate).key,
        status: 'proposed',
        treatmentIds: [],
        source: { type: 'contract', id: event.contractId, label: `${event.vendorName}: ${event.reference}` },
      }),
    );
    return getInitiative(scope, id);
  }

  // Treatments of the register that no initiative carries yet.
  await checkLinks(scope, { treatmentIds: input.treatmentIds }, null);
  const rows = await scope.db.selectFrom('risk_treatments').selectAll().where('id', 'in', input.treatmentIds).orderBy('created_at').orderBy('id').execute();
  const first = rows[0]!;
  const currency = scope.client.currency;
  const id = await scope.write((w) =>
    insertInitiative(w, scope, {
      ...base,
      title: input.title ?? (rows.length === 1 ? first.name : `${first.name} and ${rows.length - 1} more`),
      description: `Carries ${rows.map((t) => `${t.ref} ${t.name}`).join(', ')} of the risk register.`,
      ownerSeat: 'CISO',
      kind: 'security',
      scope: 'internal',
      oneTimeCost: fromMinorUnits(rows.reduce((s, t) => s + Number(t.one_time_cost), 0), currency),
      annualCost: fromMinorUnits(rows.reduce((s, t) => s + Number(t.annual_cost), 0), currency),
      targetQuarter: input.targetQuarter ?? next,
      status: 'proposed',
      treatmentIds: input.treatmentIds,
      source: { type: 'treatments', id: null, label: rows.map((t) => t.ref).join(', ') },
    }),
  );
  return getInitiative(scope, id);
}
