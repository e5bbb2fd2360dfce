import { sql, type SelectQueryBuilder } from 'kysely';
import type { ClientScope } from '../../server/context.js';
import { byClient, type ClientSetDb } from '../../server/db/client-set.js';
import { fromFlag, newId, toFlag, toTimestamp } from '../../server/db/conventions.js';
import { countRows, keysetPage, likeText, withKeyset } from '../../server/db/keyset.js';
import type { DB } from '../../server/db/schema.js';
import { conflict, notFound } from '../../server/errors.js';
import { addDays, addMonths, chunk, major, minor, today } from './common.js';
import { sortKeysOf } from './sort-keys.js';
import type { EstateContractsTable } from './tables.js';
import { nameKey } from './vocab.js';
import type { ContractList, ContractOut, ContractSort } from './vendors-schema.js';
import { ContractInput, ContractPatch, ContractQuery } from './vendors-schema.js';

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

function withVendorName(base: SelectQueryBuilder<DB, 'estate_contracts', object>) {
  return base
    .innerJoin('estate_vendors', (j) => j.onRef('estate_vendors.client_id', '=', 'estate_contracts.client_id').onRef('estate_vendors.id', '=', 'estate_contracts.vendor_id'))
    .selectAll('estate_contracts')
    .select('estate_vendors.name as vendor_name');
}

const CONTRACT_ORDERS: Record<ContractSort, { column: 'reference_sort' | 'renewal_date' | 'annual_cost'; type: 'string' | 'number'; nullable: boolean }> = {
  reference: { column: 'reference_sort', type: 'string', nullable: false },
  renewalDate: { column: 'renewal_date', type: 'string', nullable: true },
  annualCost: { column: 'annual_cost', type: 'number', nullable: false },
};

/** A page of the client's contracts (keyset), of one vendor or all; the count only when asked for. */
export async function listContracts(scope: ClientScope, raw: ContractQuery = {}): Promise<ContractList> {
  const query = ContractQuery.parse(raw);
  let base = scope.db.selectFrom('estate_contracts');
  if (query.vendorId) base = base.where('estate_contracts.vendor_id', '=', query.vendorId);
  if (query.search) base = base.where(sql`lower(${sql.ref('estate_contracts.reference')})`, 'like', likeText(query.search));
  const order = CONTRACT_ORDERS[query.sort];
  const [page, total] = await Promise.all([
    keysetPage(
      { name: `contracts ${query.sort}`, key: sql.ref(`estate_contracts.${order.column}`), id: sql.ref('estate_contracts.id'), type: order.type, nullable: order.nullable },
      { limit: query.limit, cursor: query.cursor, desc: query.order === 'desc' },
      (step) => withKeyset(withVendorName(base), step).execute(),
      (r) => r[order.column],
      (r) => r.id,
    ),
    query.total === 'true' ? countRows(base) : null,
  ]);
  return { contracts: page.rows.map(({ vendor_name, ...c }) => presentContract(scope, c, vendor_name)), nextCursor: page.nextCursor, total };
}

/**
 * Every contract of the client, or of the vendors given, by vendor and reference: for what needs
 * them all (renewals, vendors' costs, the board pack), not for a list a person pages through.
 */
export async function allContracts(scope: ClientScope, filter: { vendorIds?: readonly string[] } = {}): Promise<ContractOut[]> {
  const read = (ids: readonly string[] | null) => {
    let q = withVendorName(scope.db.selectFrom('estate_contracts'));
    if (ids) q = q.where('estate_contracts.vendor_id', 'in', ids);
    return q.orderBy('estate_vendors.name').orderBy('estate_contracts.reference').execute();
  };
  const rows = filter.vendorIds ? (await Promise.all(chunk(filter.vendorIds, 500).map(read))).flat() : await read(null);
  return rows.map(({ vendor_name, ...c }) => presentContract(scope, c, vendor_name));
}

async function getContract(scope: ClientScope, id: string): Promise<ContractOut> {
  const found = (await listContractsByIds(scope, [id]))[0];
  if (!found) throw notFound('Contract');
  return found;
}

async function listContractsByIds(scope: ClientScope, ids: string[]): Promise<ContractOut[]> {
  const rows = await withVendorName(scope.db.selectFrom('estate_contracts')).where('estate_contracts.id', 'in', ids).execute();
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
    reference_sort: sortKeysOf('estate_contracts', { reference: input.reference }).reference_sort!,
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
    ...(patch.reference !== undefined ? { reference: patch.reference, reference_key: nameKey(patch.reference), ...sortKeysOf('estate_contracts', { reference: patch.reference }) } : {}),
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
  return renewalEvents(await allContracts(scope), window);
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
