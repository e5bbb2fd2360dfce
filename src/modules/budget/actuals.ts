/** Actuals: what was spent, entered for a month or imported from accounting, and the account map the imports use. */
import type { ClientScope } from '../../server/context.js';
import { newId, toTimestamp } from '../../server/db/conventions.js';
import { notFound } from '../../server/errors.js';
import { fiscalMonths } from './arithmetic.js';
import { Amounts, fiscalStartMonth, major } from './common.js';
import { AccountInput, ActualInput, type AccountOut, type ActualOut } from './schema.js';
import type { BudgetAccountsTable, BudgetActualsTable } from './tables.js';
import { defaultScope, defaultSeat } from './vocab.js';

function present(scope: ClientScope, a: BudgetActualsTable): ActualOut {
  return { id: a.id, month: a.month, date: a.date, category: a.category, seat: a.seat, scope: a.scope, vendor: a.vendor, description: a.description, account: a.account, amount: major(scope, a.amount), source: a.source, createdAt: a.created_at };
}

/** Actual lines of a fiscal year or of one month, newest month first, at most `limit`. */
export async function listActuals(scope: ClientScope, filter: { year?: number | undefined; month?: string | undefined; limit: number }): Promise<{ actuals: ActualOut[]; total: number }> {
  let q = scope.db.selectFrom('budget_actuals');
  if (filter.month) q = q.where('month', '=', filter.month);
  else if (filter.year) q = q.where('month', 'in', fiscalMonths(filter.year, await fiscalStartMonth(scope)));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('month', 'desc').orderBy('date', 'desc').orderBy('id').limit(filter.limit).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { actuals: rows.map((r) => present(scope, r)), total: Number(count?.n ?? 0) };
}

export async function createActual(scope: ClientScope, raw: ActualInput): Promise<ActualOut> {
  scope.require('budget.actuals');
  const input = ActualInput.parse(raw);
  const amounts = new Amounts(scope.client.currency);
  const amount = amounts.minor(input.amount, 'body.amount');
  amounts.check();
  const seat = input.seat ?? defaultSeat(input.category);
  const row: BudgetActualsTable = {
    client_id: scope.clientId,
    id: newId(),
    month: input.month,
    date: null,
    category: input.category,
    seat,
    scope: input.scope ?? defaultScope(seat),
    vendor: input.vendor ?? null,
    description: input.description ?? null,
    account: null,
    amount,
    source: 'entered',
    import_id: null,
    import_key: null,
    created_by: scope.actor.userId,
    created_at: toTimestamp(scope.now()),
  };
  await scope.write(async (w) => {
    const { client_id: _c, ...values } = row;
    await w.db.insertInto('budget_actuals', values).execute();
    await w.audit({ action: 'budget.actual.create', entityType: 'budget_actual', entityId: row.id, after: present(scope, row) });
  });
  return present(scope, row);
}

export async function deleteActual(scope: ClientScope, id: string): Promise<void> {
  scope.require('budget.actuals');
  const row = await scope.db.selectFrom('budget_actuals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Actual');
  await scope.write(async (w) => {
    await w.db.deleteFrom('budget_actuals').where('id', '=', id).execute();
    await w.audit({ action: 'budget.actual.delete', entityType: 'budget_actual', entityId: id, before: present(scope, row) });
  });
}

// ---- The account map

export const accountKey = (account: string): string => account.trim().toLowerCase().replace(/\s+/g, ' ');

function presentAccount(a: BudgetAccountsTable): AccountOut {
  return { id: a.id, account: a.account, category: a.category, seat: a.seat, scope: a.scope, updatedAt: a.updated_at };
}

export async function listAccounts(scope: ClientScope): Promise<AccountOut[]> {
  return (await scope.db.selectFrom('budget_accounts').selectAll().orderBy('account').execute()).map(presentAccount);
}

/** Maps an account to a category and seat (again, for an account already mapped). */
export async function mapAccount(scope: ClientScope, raw: AccountInput): Promise<AccountOut> {
  scope.require('budget.actuals');
  const input = AccountInput.parse(raw);
  const key = accountKey(input.account);
  const before = await scope.db.selectFrom('budget_accounts').selectAll().where('account_key', '=', key).executeTakeFirst();
  const now = toTimestamp(scope.now());
  const seat = input.seat ?? defaultSeat(input.category);
  const row: BudgetAccountsTable = { client_id: scope.clientId, id: before?.id ?? newId(), account: input.account, account_key: key, category: input.category, seat, scope: input.scope ?? defaultScope(seat), created_at: before?.created_at ?? now, updated_at: now };
  await scope.write(async (w) => {
    if (before) await w.db.updateTable('budget_accounts').set({ account: row.account, category: row.category, seat: row.seat, scope: row.scope, updated_at: now }).where('id', '=', row.id).execute();
    else {
      const { client_id: _c, ...values } = row;
      await w.db.insertInto('budget_accounts', values).execute();
    }
    await w.audit({ action: before ? 'budget.account.update' : 'budget.account.create', entityType: 'budget_account', entityId: row.id, before: before ? presentAccount(before) : undefined, after: presentAccount(row) });
  });
  return presentAccount(row);
}

export async function unmapAccount(scope: ClientScope, id: string): Promise<void> {
  scope.require('budget.actuals');
  const before = await scope.db.selectFrom('budget_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Account');
  await scope.write(async (w) => {
    await w.db.deleteFrom('budget_accounts').where('id', '=', id).execute();
    await w.audit({ action: 'budget.account.delete', entityType: 'budget_account', entityId: id, before: presentAccount(before) });
  });
}
