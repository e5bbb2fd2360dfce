/**
 * Reading and writing initiatives' rows and links: the checks every change passes (priorities
 * and treatments that exist, a treatment carried by one initiative at most, who may set which
 * status), the insert used by every way an initiative is made, and the audit record.
 */
import type { ClientScope, Writer } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { forbidden, invalid } from '../../server/errors.js';
import { currencyDigits, fromMinorUnits, toMinorUnits } from '../../shared/money.js';
import { exactMinor } from '../budget/arithmetic.js';
import type { RoadmapInitiativeOutcomesTable, RoadmapInitiativesTable } from './tables.js';
import type { InitiativeSource, InitiativeStatus } from './vocab.js';

export interface InitiativeLinks {
  priorityIds: string[];
  treatmentIds: string[];
}

/** A framework outcome an initiative closes (from a gap of an assessment). */
export interface ClosedOutcome {
  catalogueId: string;
  controlId: string;
  title: string;
  assessmentId: string;
  assessmentTitle: string;
}

export interface LoadedInitiative extends InitiativeLinks {
  row: RoadmapInitiativesTable;
  outcomes: ClosedOutcome[];
}

const closedOutcome = (o: Pick<RoadmapInitiativeOutcomesTable, 'catalogue_id' | 'control_id' | 'title' | 'assessment_id' | 'assessment_title'>): ClosedOutcome => ({
  catalogueId: o.catalogue_id,
  controlId: o.control_id,
  title: o.title,
  assessmentId: o.assessment_id,
  assessmentTitle: o.assessment_title,
});

/** Every initiative of the client with its links. */
export async function loadInitiatives(scope: ClientScope, onlyId?: string): Promise<LoadedInitiative[]> {
  let q = scope.db.selectFrom('roadmap_initiatives').selectAll();
  if (onlyId) q = q.where('id', '=', onlyId);
  const [rows, priorities, treatments, outcomes] = await Promise.all([
    q.orderBy('ref_number').execute(),
    scope.db.selectFrom('roadmap_initiative_priorities').select(['initiative_id', 'priority_id']).orderBy('id').execute(),
    scope.db.selectFrom('roadmap_initiative_treatments').select(['initiative_id', 'treatment_id']).orderBy('id').execute(),
    scope.db.selectFrom('roadmap_initiative_outcomes').selectAll().orderBy('created_at').orderBy('id').execute(),
  ]);
  return rows.map((row) => ({
    row,
    priorityIds: priorities.filter((p) => p.initiative_id === row.id).map((p) => p.priority_id),
    treatmentIds: treatments.filter((t) => t.initiative_id === row.id).map((t) => t.treatment_id),
    outcomes: outcomes.filter((o) => o.initiative_id === row.id).map(closedOutcome),
  }));
}

/** Who may set a status: contributors propose; advisors approve and move an initiative on. */
export function requireStatusAllowed(scope: ClientScope, status: InitiativeStatus, before?: InitiativeStatus): void {
  if (status === before) return;
  if (status !== 'proposed' && !scope.can('roadmap.edit')) throw forbidden(`Only an advisor may make an initiative ${status.replace('_', ' ')}; a contributor proposes it.`);
}

/** Who may change an initiative: advisors always, contributors while it is proposed. */
export function mayEdit(scope: ClientScope, status: InitiativeStatus): boolean {
  return scope.can('roadmap.edit') || (scope.can('roadmap.propose') && status === 'proposed');
}

/** Checks that the linked priorities and treatments exist and that no treatment is carried by another initiative. */
export async function checkLinks(scope: ClientScope, links: Partial<InitiativeLinks>, initiativeId: string | null): Promise<void> {
  const details: { path: string; message: string }[] = [];
  const dupes = (ids: string[], path: string): void => {
    if (new Set(ids).size !== ids.length) details.push({ path, message: 'lists the same record twice' });
  };
  if (links.priorityIds?.length) {
    dupes(links.priorityIds, 'body.priorityIds');
    const known = new Set((await scope.db.selectFrom('business_priorities').select('id').where('id', 'in', links.priorityIds).execute()).map((r) => r.id));
    links.priorityIds.forEach((id, i) => {
      if (!known.has(id)) details.push({ path: `body.priorityIds.${i}`, message: 'no such business priority in this client' });
    });
  }
  if (links.treatmentIds?.length) {
    dupes(links.treatmentIds, 'body.treatmentIds');
    const known = new Map((await scope.db.selectFrom('risk_treatments').select(['id', 'ref']).where('id', 'in', links.treatmentIds).execute()).map((r) => [r.id, r.ref]));
    const taken = await scope.db
      .selectFrom('roadmap_initiative_treatments')
      .innerJoin('roadmap_initiatives', (j) => j.onRef('roadmap_initiatives.client_id', '=', 'roadmap_initiative_treatments.client_id').onRef('roadmap_initiatives.id', '=', 'roadmap_initiative_treatments.initiative_id'))
      .select(['roadmap_initiative_treatments.treatment_id', 'roadmap_initiatives.ref', 'roadmap_initiatives.id'])
      .where('roadmap_initiative_treatments.treatment_id', 'in', links.treatmentIds)
      .execute();
    links.treatmentIds.forEach((id, i) => {
      const other = taken.find((t) => t.treatment_id === id && t.id !== initiativeId);
      if (!known.has(id)) details.push({ path: `body.treatmentIds.${i}`, message: 'no such treatment in this client\u2019s risk register' });
      else if (other) details.push({ path: `body.treatmentIds.${i}`, message: `${known.get(id)!} is already carried by initiative ${other.ref}; a treatment belongs to one initiative` });
    });
  }
  if (details.length > 0) throw invalid('The initiative\u2019s links are not valid.', details);
}

/** Replaces an initiative's links (inside the caller's transaction). */
export async function writeLinks(w: Writer, initiativeId: string, links: Partial<InitiativeLinks>): Promise<void> {
  if (links.priorityIds) {
    await w.db.deleteFrom('roadmap_initiative_priorities').where('initiative_id', '=', initiativeId).execute();
    if (links.priorityIds.length) await w.db.insertInto('roadmap_initiative_priorities', links.priorityIds.map((priority_id) => ({ id: newId(), initiative_id: initiativeId, priority_id }))).execute();
  }
  if (links.treatmentIds) {
    await w.db.deleteFrom('roadmap_initiative_treatments').where('initiative_id', '=', initiativeId).execute();
    if (links.treatmentIds.length) await w.db.insertInto('roadmap_initiative_treatments', links.treatmentIds.map((treatment_id) => ({ id: newId(), initiative_id: initiativeId, treatment_id }))).execute();
  }
}

/** An initiative as the audit trail records it (money in major units); the outcomes it closes when it closes any. */
export function auditOf(row: RoadmapInitiativesTable, links: InitiativeLinks & { outcomes?: ClosedOutcome[] }, currency: string): Record<string, unknown> {
  const m = (x: number): number => fromMinorUnits(Number(x), currency);
  return {
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
    status: row.status,
    source: { type: row.source, id: row.source_id, label: row.source_label },
    priorityIds: links.priorityIds,
    treatmentIds: links.treatmentIds,
    ...(links.outcomes?.length ? { outcomes: links.outcomes.map((o) => ({ catalogueId: o.catalogueId, controlId: o.controlId, assessmentId: o.assessmentId })) } : {}),
  };
}

export interface NewInitiative {
  title: string;
  description: string | null;
  ownerSeat: RoadmapInitiativesTable['owner_seat'];
  kind: RoadmapInitiativesTable['kind'];
  scope: RoadmapInitiativesTable['scope'];
  oneTimeCost: number;
  annualCost: number;
  expectedSaving: number;
  expectedRevenue: number;
  targetQuarter: string;
  status: InitiativeStatus;
  priorityIds: string[];
  treatmentIds: string[];
  source: { type: InitiativeSource; id: string | null; label: string | null };
  /** The framework outcomes it closes (an initiative made from a gap). */
  outcomes?: ClosedOutcome[];
}

/** Inserts an initiative with its links and audit entry, inside the caller's transaction; returns its id. */
export async function insertInitiative(w: Writer, scope: ClientScope, input: NewInitiative): Promise<string> {
  const currency = scope.client.currency;
  const last = await w.db.selectFrom('roadmap_initiatives').select((eb) => eb.fn.max('ref_number').as('n')).executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const now = toTimestamp(scope.now());
  const row: RoadmapInitiativesTable = {
    client_id: scope.clientId,
    id: newId(),
    ref: `I${number}`,
    ref_number: number,
    title: input.title,
    description: input.description,
    owner_seat: input.ownerSeat,
    kind: input.kind,
    scope: input.scope,
    one_time_cost: toMinorUnits(input.oneTimeCost, currency),
    annual_cost: toMinorUnits(input.annualCost, currency),
    expected_saving: toMinorUnits(input.expectedSaving, currency),
    expected_revenue: toMinorUnits(input.expectedRevenue, currency),
    target_quarter: input.targetQuarter,
    status: input.status,
    source: input.source.type,
    source_id: input.source.id,
    source_label: input.source.label,
    manual_rank: null,
    created_by: scope.actor.userId,
    created_at: now,
    updated_at: now,
  };
  const { client_id: _c, ...values } = row;
  await w.db.insertInto('roadmap_initiatives', values).execute();
  await writeLinks(w, row.id, input);
  if (input.outcomes?.length) {
    await w.db
      .insertInto(
        'roadmap_initiative_outcomes',
        input.outcomes.map((o) => ({ id: newId(), initiative_id: row.id, catalogue_id: o.catalogueId, control_id: o.controlId, title: o.title, assessment_id: o.assessmentId, assessment_title: o.assessmentTitle, created_at: now })),
      )
      .execute();
  }
  await w.audit({ action: 'roadmap.initiative.create', entityType: 'initiative', entityId: row.id, after: auditOf(row, input, currency) });
  return row.id;
}

/** Refuses amounts with more decimals than the client's currency has (never rounded behind the person's back). */
export function checkAmounts(currency: string, amounts: Record<string, number | undefined>): void {
  const digits = currencyDigits(currency);
  const details = Object.entries(amounts)
    .filter(([, v]) => v !== undefined && exactMinor(v, digits) === null)
    .map(([path]) => ({ path, message: digits === 0 ? `${currency} amounts are whole numbers` : `${currency} amounts have at most ${digits} decimals` }));
  if (details.length > 0) throw invalid('An amount has more decimals than the currency has.', details);
}
