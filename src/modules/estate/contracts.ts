import type { ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { fromFlag, newId, toFlag, toTimestamp } from '../../server/db/conventions.js';
import { conflict, notFound } from '../../server/errors.js';
import { addDays, addMonths, major, minor, today } from './common.js';
import type { EstateContractsTable } from './tables.js';
import { nameKey } from './vocab.js';
import type { ContractOut } from './schema.js';
import { ContractInput, ContractPatch } from './schema.js';

/** The next renewal on or after `on`: an auto-renewing contract rolls forward by its term. */
export function nextRenewal(c: Pick<EstateContractsTable, 'renewal_date' | 'auto_renew' | 'term_months'>, on: string): string | null {
  if (!c.renewal_date) return null;
  let date = c.renewal_date;
  if (date >= on) return date;
  if (!fromFlag(c.auto_renew)) return null;
  const term = Math.max(1, c.term_months);
  // Jump close, then step: a many-year-old contract does not loop year by year.
  const behind = Math.floor((Date.parse(on) - Date.parse(date)) / (term * 30.5 * 86_400_000));
  if (behind > 1) date = addMonths(date, (behind - 1) * term);
  while (date < on) date = addMonths(date, term);
  return date;
}

export function presentContract(scope: ClientScope, c: EstateContractsTable, vendorName: string): ContractOut {
  const next = nextRenewal(c, today(scope));
  return {
    id: c.id,
    vendorId: c.vendor_id,
    vendorName,
    reference: c.reference,
    description: c.description,
    annualCost: major(scope, c.annual_cost),
    startDate: c.start_date,
    renewalDate: c.renewal_date,
    termMonths: c.term_months,
    noticeDays: c.notice_days,
    autoRenew: fromFlag(c.auto_renew),
    owner: c.owner,
    nextRenewal: next,
    noticeDeadline: next ? addDays(next, -c.notice_days) : null,
    status: !c.renewal_date ? 'undated' : next ? 'active' : 'ended',
  };
}

export async function listContracts(scope: ClientScope, filter: { vendorId?: string } = {}): Promise<ContractOut[]> {
  let q = scope.db
    .selectFrom('estate_contracts')
    .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
    .selectAll('estate_contracts')
    .select('estate_vendors.name as vendor_name');
  if (filter.vendorId) q = q.where('estate_contracts.vendor_id', '=', filter.vendorId);
  const rows = await q.orderBy('estate_vendors.name').orderBy('estate_contracts.reference').execute();
  return rows.map(({ vendor_name, ...c }) => presentContract(scope, c, vendor_name));
}

async function getContract(scope: ClientScope, id: string): Promise<ContractOut> {
  const found = (await listContractsByIds(scope, [id]))[0];
  if (!found) throw notFound('Contract');
  return found;
}

async function listContractsByIds(scope: ClientScope, ids: string[]): Promise<ContractOut[]> {
  const rows = await scope.db
    .selectFrom('estate_contracts')
    .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
    .selectAll('estate_contracts')
    .select('estate_vendors.name as vendor_name')
    .where('estate_contracts.id', 'in', ids)
    .execute();
  return rows.map(({ vendor_name, ...c }) => presentContract(scope, c, vendor_name));
}

async function ensureReferenceFree(scope: ClientScope, vendorId: string, reference: string, exceptId?: string): Promise<void> {
  let q = scope.db.selectFrom('estate_contracts').select('id').where('vendor_id', '=', vendorId).where('reference_key', '=', nameKey(reference));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw conflict(`This vendor already has a contract "${reference}".`, [{ path: 'reference', message: 'already used for this vendor' }]);
}

export async function createContract(scope: ClientScope, raw: ContractInput): Promise<ContractOut> {
  const input = ContractInput.parse(raw);
  const vendor = await scope.db.selectFrom('estate_vendors').select(['id', 'name']).where('id', '=', input.vendorId).executeTakeFirst();
  if (!vendor) throw notFound('Vendor');
  await ensureReferenceFree(scope, vendor.id, input.reference);
  const now = toTimestamp(scope.now());
  const row: Omit<EstateContractsTable, 'client_id'> = {
    id: newId(),
    vendor_id: vendor.id,
    reference: input.reference,
    reference_key: nameKey(input.reference),
    description: input.description ?? null,
    annual_cost: minor(scope, input.annualCost),
    start_date: input.startDate ?? null,
    renewal_date: input.renewalDate ?? null,
    term_months: input.termMonths,
    notice_days: input.noticeDays,
    auto_renew: toFlag(input.autoRenew),
    owner: input.owner ?? null,
    created_at: now,
    updated_at: now,
  };
  const out = presentContract(scope, { client_id: scope.clientId, ...row }, vendor.name);
  await scope.write(async (w) => {
    await w.db.insertInto('estate_contracts', row).execute();
    await w.audit({ action: 'contract.create', entityType: 'contract', entityId: row.id, after: out });
  });
  return out;
}

export async function updateContract(scope: ClientScope, id: string, raw: ContractPatch): Promise<ContractOut> {
  const patch = ContractPatch.parse(raw);
  const before = await getContract(scope, id);
  if (patch.reference !== undefined) await ensureReferenceFree(scope, before.vendorId, patch.reference, id);
  const set = {
    ...(patch.reference !== undefined ? { reference: patch.reference, reference_key: nameKey(patch.reference) } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.annualCost !== undefined ? { annual_cost: minor(scope, patch.annualCost) } : {}),
    ...(patch.startDate !== undefined ? { start_date: patch.startDate } : {}),
    ...(patch.renewalDate !== undefined ? { renewal_date: patch.renewalDate } : {}),
    ...(patch.termMonths !== undefined ? { term_months: patch.termMonths } : {}),
    ...(patch.noticeDays !== undefined ? { notice_days: patch.noticeDays } : {}),
    ...(patch.autoRenew !== undefined ? { auto_renew: toFlag(patch.autoRenew) } : {}),
    ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
    updated_at: toTimestamp(scope.now()),
  };
  await scope.write(async (w) => {
    await w.db.updateTable('estate_contracts').set(set).where('id', '=', id).execute();
    const row = await w.db.selectFrom('estate_contracts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await w.audit({ action: 'contract.update', entityType: 'contract', entityId: id, before, after: presentContract(scope, row, before.vendorName) });
  });
  return getContract(scope, id);
}

export async function deleteContract(scope: ClientScope, id: string): Promise<void> {
  const before = await getContract(scope, id);
  await scope.write(async (w) => {
    await w.db.deleteFrom('estate_contracts').where('id', '=', id).execute();
    await w.audit({ action: 'contract.delete', entityType: 'contract', entityId: id, before });
  });
}

export interface RenewalEvent {
  contractId: string;
  vendorId: string;
  vendorName: string;
  reference: string;
  annualCost: number;
  autoRenew: boolean;
  noticeDays: number;
  renewalDate: string;
  noticeDeadline: string;
  /** Which of the two dates fall inside the window. */
  events: ('renewal' | 'notice')[];
}

/**
 * Contracts whose next renewal or notice deadline falls between `from` and `to` (inclusive),
 * soonest date first. This is what the advisor acts on: a notice deadline is the last day to
 * cancel an auto-renewing contract.
 */
export async function renewalsBetween(scope: ClientScope, window: { from: string; to: string }): Promise<RenewalEvent[]> {
  return renewalEvents(await listContracts(scope), window);
}

/** The renewals and notice deadlines of these contracts (one client's) that fall in the window, soonest first. */
export function renewalEvents(contracts: readonly ContractOut[], window: { from: string; to: string }): RenewalEvent[] {
  const out: RenewalEvent[] = [];
  for (const c of contracts) {
    // Renewals roll forward from the window's start, so a window in the future sees them too.
    const next = nextRenewal({ renewal_date: c.renewalDate, auto_renew: toFlag(c.autoRenew), term_months: c.termMonths }, window.from);
    if (!next) continue;
    const deadline = addDays(next, -c.noticeDays);
    const events: RenewalEvent['events'] = [];
    if (next >= window.from && next <= window.to) events.push('renewal');
    if (deadline >= window.from && deadline <= window.to) events.push('notice');
    if (events.length === 0) continue;
    out.push({ contractId: c.id, vendorId: c.vendorId, vendorName: c.vendorName, reference: c.reference, annualCost: c.annualCost, autoRenew: c.autoRenew, noticeDays: c.noticeDays, renewalDate: next, noticeDeadline: deadline, events });
  }
  const firstDate = (e: RenewalEvent): string => (e.events.includes('notice') ? e.noticeDeadline : e.renewalDate);
  return out.sort((a, b) => firstDate(a).localeCompare(firstDate(b)) || a.vendorName.localeCompare(b.vendorName));
}

/**
 * Every client's renewals in the window (one for all, or each client's), in one statement for all
 * of them (the firm's views); `scopes` are the clients of `set`, whose currency and day the
 * contracts are presented in.
 */
export async function renewalsFor(
  set: ClientSetDb,
  scopes: ReadonlyMap<string, ClientScope>,
  window: { from: string; to: string } | ((clientId: string) => { from: string; to: string }),
): Promise<Map<string, RenewalEvent[]>> {
  const rows = await set
    .selectFrom('estate_contracts')
    .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
    .selectAll('estate_contracts')
    .select('estate_vendors.name as vendor_name')
    .orderBy('estate_vendors.name')
    .orderBy('estate_contracts.reference')
    .execute();
  const out = new Map<string, RenewalEvent[]>();
  for (const [clientId, group] of byClient(set.clientIds, rows)) {
    const scope = scopes.get(clientId);
    if (!scope) continue;
    out.set(clientId, renewalEvents(group.map(({ vendor_name, ...c }) => presentContract(scope, c, vendor_name)), typeof window === 'function' ? window(clientId) : window));
  }
  return out;
}
