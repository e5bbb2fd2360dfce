/**
 * Actuals imported from an accounting export (date, account or category, vendor, amount), with
 * the estate's CSV machinery (src/modules/estate/csv): streamed, every line checked with its
 * line, column and reason, a dry run, and all lines or none written in one transaction.
 *
 * A line's category comes from its Category cell, or from its Account through the client's
 * account map (or an account named like a category); an account not mapped yet refuses the
 * line, with the fix in the reason. Each line is identified by its date, account, vendor,
 * amount, description and its occurrence among identical lines of the file, so importing the
 * same export again, or an export that overlaps an earlier one, adds only what is new.
 */
import { createHash } from 'node:crypto';
import type { ClientScope } from '../../server/context.js';
import { newId } from '../../server/db/conventions.js';
import type { ClientInsert } from '../../server/db/scoped.js';
import { currencyDigits } from '../../shared/money.js';
import { importRows, type RowsImportReport } from '../estate/csv/import.js';
import type { KindSpec, Planned } from '../estate/csv/kit.js';
import { date, loose, oneOf, text, type CellParser, type Parsed } from '../estate/csv/values.js';
import { readNumber, type DateOrder, type DecimalMark, type ReadLocale } from '../estate/csv/locale.js';
import { accountKey } from './actuals.js';
import { exactMinor, monthOf } from './arithmetic.js';
import { CATEGORIES, CATEGORY_LABELS, defaultScope, defaultSeat, SEATS, type Category, type Seat } from './vocab.js';

/**
 * An amount as accounting exports write it, with the file's decimal mark: `-1,234.50`,
 * `(1,234.50)` for a credit, `$1,234.50`, `USD 1234.50`, `-1.234,50 €`.
 */
const signedAmount: CellParser<number> = Object.assign(
  (cell: string, locale?: ReadLocale): Parsed<number> => {
    let s = cell.trim();
    let negative = false;
    if (/^\(.*\)$/.test(s)) {
      negative = true;
      s = s.slice(1, -1).trim();
    }
    const decimal = locale?.decimal ?? '.';
    const n = readNumber(s, decimal);
    if (n === null) return { ok: false, reason: `"${cell}" is not an amount (write ${decimal === ',' ? '1234,50' : '1234.50'}, or a minus sign for a credit)` };
    if (Math.abs(n) > 1e12) return { ok: false, reason: 'is too large' };
    return { ok: true, value: negative ? -n : n };
  },
  { reads: 'number' as const },
);

const LABEL_ALIASES = Object.fromEntries(Object.entries(CATEGORY_LABELS).map(([k, v]) => [v, k])) as Record<string, Category>;
const category = oneOf<Category>(CATEGORIES, { ...LABEL_ALIASES, software: 'software_saas', saas: 'software_saas', hardware: 'hardware_replacement', engineering: 'product_engineering', staff: 'people', payroll: 'people' });
const categoryByName = new Map([...CATEGORIES.map((c) => [loose(c), c] as const), ...Object.entries(LABEL_ALIASES).map(([label, c]) => [loose(label), c] as const)]);

/** A parsed cell as text for a row's label (cells hold text, numbers or nothing). */
const cellText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The columns of an actuals file (the import also accepts the usual names of accounting exports). */
export const ACTUALS_HEADERS = ['Date', 'Account', 'Category', 'Vendor', 'Description', 'Amount', 'Seat'];

/** A fresh spec for one import (it counts identical lines of the file as it reads them). */
function actualsKind(scope: ClientScope, importId: string): KindSpec {
  const occurrences = new Map<string, number>();
  const digits = currencyDigits(scope.client.currency);
  let map: Map<string, { category: Category; seat: Seat; scope: 'internal' | 'product' }> | null = null;
  return {
    kind: 'actuals',
    noun: 'line',
    columns: [
      { field: 'date', header: 'Date', aliases: ['Transaction Date', 'Posting Date', 'Txn Date', 'Invoice Date', 'Posted'], parse: date },
      { field: 'account', header: 'Account', aliases: ['Account Name', 'GL Account', 'Account Code', 'Ledger Account', 'Expense Account'], parse: text(200) },
      { field: 'category', header: 'Category', aliases: ['Budget Category'], parse: category },
      { field: 'vendor', header: 'Vendor', aliases: ['Payee', 'Supplier', 'Vendor Name', 'Name'], parse: text(200) },
      { field: 'description', header: 'Description', aliases: ['Memo', 'Memo/Description', 'Details', 'Narrative'], parse: text(500) },
      { field: 'amount', header: 'Amount', aliases: ['Debit', 'Net Amount', 'Total', 'Value'], parse: signedAmount },
      { field: 'seat', header: 'Seat', parse: oneOf<Seat>(SEATS) },
    ],
    requiredColumns: ['date', 'amount'],
    finish(rec) {
      const problems: [string, string][] = [];
      if (rec.date === null) problems.push(['date', 'is required']);
      if (rec.amount === null) problems.push(['amount', 'is required']);
      const unreadable = ('account' in rec && rec.account === undefined) || ('category' in rec && rec.category === undefined);
      if (typeof rec.account !== 'string' && typeof rec.category !== 'string' && !unreadable) problems.push([!('account' in rec) && 'category' in rec ? 'category' : 'account', 'give the account (or the budget category) the amount is booked to']);
      if (typeof rec.amount === 'number' && exactMinor(rec.amount, digits) === null) problems.push(['amount', `has more decimals than ${scope.client.currency} has (${digits})`]);
      if (problems.length > 0) return problems;
      // Identical lines of a file are different payments: the occurrence tells them apart.
      const identity = JSON.stringify([rec.date, rec.account ?? null, rec.category ?? null, rec.vendor ?? null, rec.amount, rec.description ?? null]);
      const n = (occurrences.get(identity) ?? 0) + 1;
      occurrences.set(identity, n);
      rec.importKey = createHash('sha256').update(`${identity}#${n}`).digest('hex');
      return [];
    },
    keyField: () => 'amount',
    key(rec) {
      if (typeof rec.importKey !== 'string') return ['amount', 'is required'];
      return { key: rec.importKey, label: `${rec.date as string} ${cellText(rec.vendor ?? rec.account ?? rec.category)} ${cellText(rec.amount)}`.trim() };
    },
    async run(ctx, batch) {
      map ??= new Map((await ctx.db.selectFrom('budget_accounts').select(['account_key', 'category', 'seat', 'scope']).execute()).map((a) => [a.account_key, { category: a.category, seat: a.seat, scope: a.scope }]));
      const keys = batch.map((b) => b.rec.importKey as string);
      const existing = new Set((await ctx.db.selectFrom('budget_actuals').select('import_key').where('import_key', 'in', keys).execute()).map((r) => r.import_key));
      const out: Planned[] = [];
      const rows: ClientInsert<'budget_actuals'>[] = [];
      for (const { line, rec } of batch) {
        const label = `${rec.date as string} ${cellText(rec.vendor ?? rec.account ?? rec.category)}`.trim();
        let cat = (rec.category as Category | null | undefined) ?? null;
        let seat = (rec.seat as Seat | null | undefined) ?? null;
        let sc: 'internal' | 'product' | null = null;
        if (!cat && typeof rec.account === 'string') {
          const mapped = map.get(accountKey(rec.account));
          if (mapped) {
            cat = mapped.category;
            seat ??= mapped.seat;
            sc = mapped.scope;
          } else cat = categoryByName.get(loose(rec.account)) ?? null;
        }
        if (!cat) {
          out.push({
            line,
            label,
            action: 'reject',
            changed: [],
            problems: [{ column: ctx.headerOf(rec.account !== undefined ? 'account' : 'category'), reason: typeof rec.account === 'string' ? `the account "${rec.account}" is not mapped to a budget category: map it once (Budget, Accounts), or add a Category column` : 'give the account or the budget category' }],
          });
          continue;
        }
        const s = seat ?? defaultSeat(cat);
        if (existing.has(rec.importKey as string)) {
          out.push({ line, label, action: 'unchanged', problems: [], changed: [] });
          continue;
        }
        out.push({ line, label, action: 'create', problems: [], changed: [] });
        rows.push({
          id: newId(),
          month: monthOf(rec.date as string),
          date: rec.date as string,
          category: cat,
          seat: s,
          scope: sc ?? defaultScope(s),
          vendor: (rec.vendor as string | null | undefined) ?? null,
          description: (rec.description as string | null | undefined) ?? null,
          account: (rec.account as string | null | undefined) ?? null,
          amount: exactMinor(rec.amount as number, digits)!,
          source: 'import',
          import_id: importId,
          import_key: rec.importKey as string,
          created_by: ctx.scope.actor.userId,
          created_at: ctx.now,
        });
      }
      if (ctx.mode === 'write' && rows.length > 0) await ctx.db.insertInto('budget_actuals', rows).execute();
      return out;
    },
    async *rows() {
      // Actuals are read from accounting, not written back to it.
    },
  };
}

export interface ActualsImportOptions {
  dryRun?: boolean;
  fileName?: string | null;
  totalBytes?: number | null;
  importId?: string;
  encoding?: string | undefined;
  decimal?: DecimalMark | undefined;
  dateFormat?: DateOrder | undefined;
}

/** Imports an accounting export of actuals into the scope's client: all lines or none. */
export async function importActuals(scope: ClientScope, input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, options: ActualsImportOptions = {}): Promise<RowsImportReport> {
  const importId = options.importId ?? newId();
  return importRows(scope, input, actualsKind(scope, importId), {
    kind: 'actuals',
    permission: 'budget.actuals',
    dryRun: options.dryRun ?? false,
    fileName: options.fileName ?? null,
    totalBytes: options.totalBytes ?? null,
    importId,
    encoding: options.encoding,
    decimal: options.decimal,
    dateFormat: options.dateFormat,
    record: async (w, file) => {
      await w.db
        .insertInto('budget_imports', { id: file.importId, file_name: file.fileName, sha256: file.sha256, bytes: file.bytes, rows: file.rows, created: file.created, unchanged: file.unchanged, actor_id: scope.actor.userId, actor_label: scope.actor.label, started_at: file.startedAt, finished_at: file.finishedAt })
        .execute();
      await w.audit({ action: 'budget.import', entityType: 'import', entityId: file.importId, after: { kind: 'actuals', fileName: file.fileName, sha256: file.sha256, bytes: file.bytes, rows: file.rows, created: file.created, unchanged: file.unchanged } });
    },
  });
}
