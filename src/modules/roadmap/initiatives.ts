/**
 * Initiatives: what the leadership plans to do, by quarter, with what it costs, saves or
 * enables, the business priorities it serves, and the risk it reduces in money. Contributors
 * propose; advisors approve, move, rank and close them.
 */
import type { ClientScope } from '../../server/context.js';
import { toTimestamp } from '../../server/db/conventions.js';
import { forbidden, invalid, notFound } from '../../server/errors.js';
import { words } from '../../server/i18n/index.js';
import { fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { priorityWeights } from '../business/api.js';
import { nextQuarter, parseQuarter, quarterContaining } from '../reports/quarter.js';
import type { RegisterData } from '../risks/model.js';
import { loadRegisterData } from '../risks/register.js';
import { annualisedCost, rank, riskPerCost } from './ranking.js';
import { riskReductions } from './risk-reduction.js';
import { InitiativeInput, InitiativePatch, OrderInput, type InitiativeOut, type RoadmapOut } from './schema.js';
import { auditOf, checkAmounts, checkLinks, insertInitiative, loadInitiatives, mayEdit, requireStatusAllowed, writeLinks, type LoadedInitiative } from './store.js';
import type { InitiativeStatus } from './vocab.js';

const OPEN: readonly InitiativeStatus[] = ['proposed', 'approved', 'in_progress'];
export const isOpen = (status: InitiativeStatus): boolean => OPEN.includes(status);

/** The quarter the scope's clock is in, and the next seven: the roadmap board's columns. */
export function boardQuarters(scope: ClientScope, count = 8): { key: string; label: string }[] {
  let q = quarterContaining(scope.now());
  const out: { key: string; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ key: q.key, label: q.label });
    q = nextQuarter(q);
  }
  return out;
}

/** Presents initiatives with their risk figures and ranks, open ones in rank order first. */
export async function presentInitiatives(scope: ClientScope, loaded: LoadedInitiative[], data?: RegisterData): Promise<InitiativeOut[]> {
  if (loaded.length === 0) return [];
  const register = data ?? (await loadRegisterData(scope));
  const say = words(scope.language, 'roadmap');
  const [weights, reductions] = await Promise.all([priorityWeights(scope), riskReductions(scope, loaded.map((l) => ({ id: l.row.id, treatmentIds: l.treatmentIds })), register)]);
  const treatments = new Map([...register.treatments.values()].flat().map((t) => [t.id, t]));
  const scenarios = new Map(register.scenarios.map((s) => [s.id, s]));
  const currency = scope.client.currency;
  const m = (x: number): number => fromMinorUnits(Number(x), currency);
  const base = loaded.map(({ row, priorityIds, treatmentIds, outcomes }) => {
    const priorities = priorityIds.map((id) => weights.find((w) => w.id === id)).filter((p) => !!p);
    const r = reductions.get(row.id)!;
    const cost = annualisedCost(m(row.annual_cost), m(row.one_time_cost));
    return {
      row,
      out: {
        id: row.id,
        ref: row.ref,
        title: row.title,
        description: row.description,
        ownerSeat: row.owner_seat,
        kind: row.kind,
        scope: row.scope,
        oneTimeCost: m(row.one_time_cost),
        annualCost: m(row.annual_cost),
        expectedSaving: m(row.expected_saving),
        expectedRevenue: m(row.expected_revenue),
        targetQuarter: row.target_quarter,
        targetQuarterLabel: parseQuarter(row.target_quarter).label,
        status: row.status,
        source: { type: row.source, id: row.source_id, label: row.source_label },
        outcomes,
        priorities: priorities.map((p) => ({ id: p.id, title: p.title, weight: p.weight, active: p.active })),
        priorityWeight: priorities.filter((p) => p.active).reduce((s, p) => s + p.weight, 0),
        treatments: treatmentIds
          .map((id) => treatments.get(id))
          .filter((t) => !!t)
          .map((t) => {
            const s = scenarios.get(t.scenario_id);
            return { id: t.id, ref: t.ref, name: t.name, status: t.status, scenarioId: t.scenario_id, scenarioRef: s?.ref ?? '', scenarioTitle: s?.title ?? '' };
          }),
        riskReduction: r.reduction,
        riskNote: r.note ? say(r.note) : null,
        annualisedCost: cost,
        // A reduction at no cost ranks first, but has no ratio to show (JSON has no Infinity).
        riskPerCost: finiteOrNull(riskPerCost(r.reduction?.mean ?? 0, cost)),
        rank: null as number | null,
        computedRank: null as number | null,
        manualRank: row.manual_rank,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        can: { edit: mayEdit(scope, row.status), approve: scope.can('roadmap.edit') },
      } satisfies InitiativeOut,
    };
  });
  const open = base.filter((b) => isOpen(b.row.status));
  const ranks = new Map(
    rank(open.map((b) => ({ id: b.row.id, refNumber: b.row.ref_number, riskReduced: b.out.riskReduction?.mean ?? 0, annualCost: b.out.annualCost, oneTimeCost: b.out.oneTimeCost, priorityWeight: b.out.priorityWeight, manualRank: b.row.manual_rank }))).map((r) => [r.id, r]),
  );
  for (const b of base) {
    const r = ranks.get(b.row.id);
    b.out.rank = r?.rank ?? null;
    b.out.computedRank = r?.computedRank ?? null;
  }
  return base
    .map((b) => b.out)
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.targetQuarter.localeCompare(b.targetQuarter) || a.ref.localeCompare(b.ref, 'en', { numeric: true }));
}

export async function getRoadmap(scope: ClientScope): Promise<RoadmapOut> {
  const loaded = await loadInitiatives(scope);
  const initiatives = await presentInitiatives(scope, loaded);
  return {
    currency: scope.client.currency,
    currentQuarter: quarterContaining(scope.now()).key,
    quarters: boardQuarters(scope),
    initiatives,
    ranking: { overridden: loaded.some((l) => l.row.manual_rank !== null && isOpen(l.row.status)) },
    can: { propose: scope.can('roadmap.propose'), edit: scope.can('roadmap.edit') },
  };
}

async function find(scope: ClientScope, id: string): Promise<LoadedInitiative> {
  const [one] = await loadInitiatives(scope, id);
  if (!one) throw notFound('Initiative');
  return one;
}

export async function getInitiative(scope: ClientScope, id: string): Promise<InitiativeOut> {
  // Ranks are among all open initiatives, so all are presented.
  const all = await presentInitiatives(scope, await loadInitiatives(scope));
  const one = all.find((i) => i.id === id);
  if (!one) throw notFound('Initiative');
  return one;
}

export async function createInitiative(scope: ClientScope, raw: InitiativeInput): Promise<InitiativeOut> {
  scope.require('roadmap.propose');
  const input = InitiativeInput.parse(raw);
  requireStatusAllowed(scope, input.status);
  checkAmounts(scope.client.currency, { 'body.oneTimeCost': input.oneTimeCost, 'body.annualCost': input.annualCost, 'body.expectedSaving': input.expectedSaving, 'body.expectedRevenue': input.expectedRevenue });
  await checkLinks(scope, input, null);
  const id = await scope.write((w) => insertInitiative(w, scope, { ...input, description: input.description ?? null, source: { type: 'hand', id: null, label: null } }));
  return getInitiative(scope, id);
}

export async function updateInitiative(scope: ClientScope, id: string, raw: InitiativePatch): Promise<InitiativeOut> {
  const before = await find(scope, id);
  if (!mayEdit(scope, before.row.status)) throw forbidden(scope.can('roadmap.propose') ? 'Only an advisor may change an initiative once it is approved.' : 'Your role may not change initiatives.');
  const patch = InitiativePatch.parse(raw);
  if (patch.status !== undefined) requireStatusAllowed(scope, patch.status, before.row.status);
  checkAmounts(scope.client.currency, { 'body.oneTimeCost': patch.oneTimeCost, 'body.annualCost': patch.annualCost, 'body.expectedSaving': patch.expectedSaving, 'body.expectedRevenue': patch.expectedRevenue });
  await checkLinks(scope, patch, id);
  const currency = scope.client.currency;
  const row = {
    ...before.row,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.ownerSeat !== undefined ? { owner_seat: patch.ownerSeat } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.scope !== undefined ? { scope: patch.scope } : {}),
    ...(patch.oneTimeCost !== undefined ? { one_time_cost: toMinorUnits(patch.oneTimeCost, currency) } : {}),
    ...(patch.annualCost !== undefined ? { annual_cost: toMinorUnits(patch.annualCost, currency) } : {}),
    ...(patch.expectedSaving !== undefined ? { expected_saving: toMinorUnits(patch.expectedSaving, currency) } : {}),
    ...(patch.expectedRevenue !== undefined ? { expected_revenue: toMinorUnits(patch.expectedRevenue, currency) } : {}),
    ...(patch.targetQuarter !== undefined ? { target_quarter: patch.targetQuarter } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  // A closed initiative leaves the advisor's order.
  if (!isOpen(row.status)) row.manual_rank = null;
  const links = { priorityIds: patch.priorityIds ?? before.priorityIds, treatmentIds: patch.treatmentIds ?? before.treatmentIds };
  const moved = patch.targetQuarter !== undefined && patch.targetQuarter !== before.row.target_quarter;
  const statusChanged = patch.status !== undefined && patch.status !== before.row.status;
  await scope.write(async (w) => {
    const { client_id: _c, id: _i, ref: _r, ref_number: _n, created_at: _a, created_by: _b, ...set } = row;
    await w.db.updateTable('roadmap_initiatives').set(set).where('id', '=', id).execute();
    await writeLinks(w, id, { ...(patch.priorityIds ? { priorityIds: patch.priorityIds } : {}), ...(patch.treatmentIds ? { treatmentIds: patch.treatmentIds } : {}) });
    const action = statusChanged ? 'roadmap.initiative.status' : moved && Object.keys(patch).length === 1 ? 'roadmap.initiative.move' : 'roadmap.initiative.update';
    await w.audit({ action, entityType: 'initiative', entityId: id, before: auditOf(before.row, before, currency), after: auditOf(row, { ...links, outcomes: before.outcomes }, currency) });
  });
  return getInitiative(scope, id);
}

export async function deleteInitiative(scope: ClientScope, id: string): Promise<void> {
  const before = await find(scope, id);
  if (!mayEdit(scope, before.row.status)) throw forbidden('Only an advisor may remove an initiative once it is approved.');
  await scope.write(async (w) => {
    await w.db.deleteFrom('roadmap_initiative_priorities').where('initiative_id', '=', id).execute();
    await w.db.deleteFrom('roadmap_initiative_treatments').where('initiative_id', '=', id).execute();
    await w.db.deleteFrom('roadmap_initiative_outcomes').where('initiative_id', '=', id).execute();
    await w.db.updateTable('budget_lines').set({ initiative_id: null }).where('initiative_id', '=', id).execute();
    await w.db.deleteFrom('roadmap_initiatives').where('id', '=', id).execute();
    await w.audit({ action: 'roadmap.initiative.delete', entityType: 'initiative', entityId: id, before: auditOf(before.row, before, scope.client.currency) });
  });
}

/**
 * An advisor's order: the initiatives named come first, in that order; the others keep their
 * ranked places after them. Every initiative named must be open.
 */
export async function setOrder(scope: ClientScope, raw: OrderInput): Promise<RoadmapOut> {
  scope.require('roadmap.edit');
  const input = OrderInput.parse(raw);
  const all = await loadInitiatives(scope);
  const details: { path: string; message: string }[] = [];
  if (new Set(input.initiativeIds).size !== input.initiativeIds.length) details.push({ path: 'body.initiativeIds', message: 'names an initiative twice' });
  input.initiativeIds.forEach((id, i) => {
    const it = all.find((x) => x.row.id === id);
    if (!it) details.push({ path: `body.initiativeIds.${i}`, message: 'no such initiative in this client' });
    else if (!isOpen(it.row.status)) details.push({ path: `body.initiativeIds.${i}`, message: `${it.row.ref} is ${it.row.status}; only open initiatives are ranked` });
  });
  if (details.length > 0) throw invalid('The order cannot be set as it is.', details);
  const before = all.filter((x) => x.row.manual_rank !== null).sort((a, b) => a.row.manual_rank! - b.row.manual_rank!).map((x) => x.row.ref);
  await scope.write(async (w) => {
    await w.db.updateTable('roadmap_initiatives').set({ manual_rank: null }).where('manual_rank', 'is not', null).execute();
    for (const [i, id] of input.initiativeIds.entries()) await w.db.updateTable('roadmap_initiatives').set({ manual_rank: i + 1 }).where('id', '=', id).execute();
    await w.audit({ action: 'roadmap.order', entityType: 'roadmap', entityId: null, before: { order: before }, after: { order: input.initiativeIds.map((id) => all.find((x) => x.row.id === id)!.row.ref) } });
  });
  return getRoadmap(scope);
}

/** Drops the advisor's order: the initiatives are ranked by value again. */
export async function clearOrder(scope: ClientScope): Promise<RoadmapOut> {
  scope.require('roadmap.edit');
  const all = await loadInitiatives(scope);
  const before = all.filter((x) => x.row.manual_rank !== null).sort((a, b) => a.row.manual_rank! - b.row.manual_rank!).map((x) => x.row.ref);
  if (before.length > 0) {
    await scope.write(async (w) => {
      await w.db.updateTable('roadmap_initiatives').set({ manual_rank: null }).where('manual_rank', 'is not', null).execute();
      await w.audit({ action: 'roadmap.order.clear', entityType: 'roadmap', entityId: null, before: { order: before }, after: { order: [] } });
    });
  }
  return getRoadmap(scope);
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
