/**
 * The plan of a fiscal year: lines by category and seat, each with an amount for every month.
 * A line may say what it pays for (a contract, a system's replacement, an initiative), so that
 * the forecast does not count that again as a committed item.
 */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { invalid, notFound } from '../../server/errors.js';
import { fiscalMonths, splitEvenly } from './arithmetic.js';
import { Amounts, fiscalStartMonth, major } from './common.js';
import { LineInput, LinePatch, type LineOut } from './schema.js';
import type { BudgetLinesTable } from './tables.js';
import { defaultScope, defaultSeat } from './vocab.js';

export async function listLines(scope: ClientScope, fiscalYear: number, startMonth?: number): Promise<LineOut[]> {
  const start = startMonth ?? (await fiscalStartMonth(scope));
  const months = fiscalMonths(fiscalYear, start);
  const [lines, plan, contracts, systems, initiatives] = await Promise.all([
    scope.db.selectFrom('budget_lines').selectAll().where('fiscal_year', '=', fiscalYear).orderBy('category').orderBy('name').execute(),
    scope.db
      .selectFrom('budget_plan')
      .innerJoin('budget_lines', (j) => j.onRef('budget_lines.client_id', '=', 'budget_plan.client_id').onRef('budget_lines.id', '=', 'budget_plan.line_id'))
      .select(['budget_plan.line_id', 'budget_plan.month', 'budget_plan.amount'])
      .where('budget_lines.fiscal_year', '=', fiscalYear)
      .execute(),
    scope.db
      .selectFrom('estate_contracts')
      .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
      .select(['estate_contracts.id', 'estate_contracts.reference', 'estate_vendors.name'])
      .execute(),
    scope.db.selectFrom('estate_systems').select(['id', 'name']).execute(),
    scope.db.selectFrom('roadmap_initiatives').select(['id', 'ref', 'title']).execute(),
  ]);
  const label = <T extends { id: string }>(list: T[], id: string | null, f: (x: T) => string) => {
    if (!id) return null;
    const x = list.find((y) => y.id === id);
    return x ? { id, label: f(x) } : null;
  };
  return lines.map((l) => {
    const amounts = months.map((m) => major(scope, plan.find((p) => p.line_id === l.id && p.month === m)?.amount ?? 0));
    return {
      id: l.id,
      fiscalYear: l.fiscal_year,
      name: l.name,
      category: l.category,
      seat: l.seat,
      scope: l.scope,
      months: amounts,
      total: major(scope, plan.filter((p) => p.line_id === l.id).reduce((s, p) => s + Number(p.amount), 0)),
      covers: {
        contract: label(contracts, l.contract_id, (c) => `${c.name}: ${c.reference}`),
        system: label(systems, l.system_id, (s) => s.name),
        initiative: label(initiatives, l.initiative_id, (i) => `${i.ref} ${i.title}`),
      },
      notes: l.notes,
      updatedAt: l.updated_at,
    };
  });
}

async function checkCovers(scope: ClientScope, covers: { contractId?: string | null; systemId?: string | null; initiativeId?: string | null }): Promise<void> {
  const details: { path: string; message: string }[] = [];
  if (covers.contractId && !(await scope.db.selectFrom('estate_contracts').select('id').where('id', '=', covers.contractId).executeTakeFirst())) details.push({ path: 'body.contractId', message: 'no such contract in this client' });
  if (covers.systemId && !(await scope.db.selectFrom('estate_systems').select('id').where('id', '=', covers.systemId).executeTakeFirst())) details.push({ path: 'body.systemId', message: 'no such system in this client' });
  if (covers.initiativeId && !(await scope.db.selectFrom('roadmap_initiatives').select('id').where('id', '=', covers.initiativeId).executeTakeFirst())) details.push({ path: 'body.initiativeId', message: 'no such initiative in this client' });
  if (details.length > 0) throw invalid('The line pays for something that does not exist.', details);
}

/** The twelve planned amounts in minor units, from `months` or `annual` (exactly one of them). */
function plannedMonths(scope: ClientScope, input: { months?: number[] | undefined; annual?: number | undefined }, required: boolean): number[] | null {
  if (input.months !== undefined && input.annual !== undefined) throw invalid('Give the months or the annual amount, not both.', [{ path: 'body.annual', message: 'give either months or annual' }]);
  const amounts = new Amounts(scope.client.currency);
  let out: number[] | null = null;
  if (input.months !== undefined) out = input.months.map((a, i) => amounts.minor(a, `body.months.${i}`));
  else if (input.annual !== undefined) out = splitEvenly(amounts.minor(input.annual, 'body.annual'), 12);
  amounts.check();
  if (!out && required) throw invalid('Say what is planned: twelve monthly amounts, or the annual amount.', [{ path: 'body.months', message: 'required (or annual)' }]);
  return out;
}

function auditLine(l: BudgetLinesTable, amounts: number[], scope: ClientScope): Record<string, unknown> {
  return { fiscalYear: l.fiscal_year, name: l.name, category: l.category, seat: l.seat, scope: l.scope, months: amounts.map((a) => major(scope, a)), contractId: l.contract_id, systemId: l.system_id, initiativeId: l.initiative_id, notes: l.notes };
}

async function writeMonths(w: { db: ClientScope['db'] }, lineId: string, months: string[], amounts: number[]): Promise<void> {
  await w.db.deleteFrom('budget_plan').where('line_id', '=', lineId).execute();
  await w.db.insertInto('budget_plan', months.map((month, i) => ({ id: newId(), line_id: lineId, month, amount: amounts[i]! }))).execute();
}

export async function createLine(scope: ClientScope, raw: LineInput): Promise<LineOut> {
  scope.require('budget.plan');
  const input = LineInput.parse(raw);
  const amounts = plannedMonths(scope, input, true)!;
  await checkCovers(scope, input);
  const start = await fiscalStartMonth(scope);
  const months = fiscalMonths(input.fiscalYear, start);
  const now = toTimestamp(scope.now());
  const seat = input.seat ?? defaultSeat(input.category);
  const row: BudgetLinesTable = {
    client_id: scope.clientId,
    id: newId(),
    fiscal_year: input.fiscalYear,
    name: input.name,
    category: input.category,
    seat,
    scope: input.scope ?? defaultScope(seat),
    contract_id: input.contractId ?? null,
    system_id: input.systemId ?? null,
    initiative_id: input.initiativeId ?? null,
    notes: input.notes ?? null,
    created_at: now,
    updated_at: now,
  };
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('budget_lines', values).execute();
    await writeMonths(w, row.id, months, amounts);
    await w.audit({ action: 'budget.line.create', entityType: 'budget_line', entityId: row.id, after: auditLine(row, amounts, scope) });
  });
  return (await listLines(scope, input.fiscalYear, start)).find((l) => l.id === row.id)!;
}

async function findLine(scope: ClientScope, id: string): Promise<{ row: BudgetLinesTable; amounts: number[]; months: string[]; start: number }> {
  const row = await scope.db.selectFrom('budget_lines').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Budget line');
  const start = await fiscalStartMonth(scope);
  const months = fiscalMonths(row.fiscal_year, start);
  const plan = await scope.db.selectFrom('budget_plan').select(['month', 'amount']).where('line_id', '=', id).execute();
  return { row, amounts: months.map((m) => Number(plan.find((p) => p.month === m)?.amount ?? 0)), months, start };
}

export async function updateLine(scope: ClientScope, id: string, raw: LinePatch): Promise<LineOut> {
  scope.require('budget.plan');
  const patch = LinePatch.parse(raw);
  const before = await findLine(scope, id);
  const amounts = plannedMonths(scope, patch, false) ?? before.amounts;
  await checkCovers(scope, patch);
  const seat = patch.seat ?? before.row.seat;
  const after: BudgetLinesTable = {
    ...before.row,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.category !== undefined ? { category: patch.category } : {}),
    seat,
    // A line moved to another seat keeps its scope unless told otherwise.
    scope: patch.scope ?? before.row.scope,
    ...(patch.contractId !== undefined ? { contract_id: patch.contractId } : {}),
    ...(patch.systemId !== undefined ? { system_id: patch.systemId } : {}),
    ...(patch.initiativeId !== undefined ? { initiative_id: patch.initiativeId } : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  await scope.write(async (w) => {
    const { client_id: _c, id: _i, created_at: _k, fiscal_year: _y, ...set } = after;
    await w.db.updateTable('budget_lines').set(set).where('id', '=', id).execute();
    await writeMonths(w, id, before.months, amounts);
    await w.audit({ action: 'budget.line.update', entityType: 'budget_line', entityId: id, before: auditLine(before.row, before.amounts, scope), after: auditLine(after, amounts, scope) });
  });
  return (await listLines(scope, after.fiscal_year, before.start)).find((l) => l.id === id)!;
}

export async function deleteLine(scope: ClientScope, id: string): Promise<void> {
  scope.require('budget.plan');
  const before = await findLine(scope, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('budget_plan').where('line_id', '=', id).execute();
    await w.db.deleteFrom('budget_lines').where('id', '=', id).execute();
    await w.audit({ action: 'budget.line.delete', entityType: 'budget_line', entityId: id, before: auditLine(before.row, before.amounts, scope) });
  });
}
