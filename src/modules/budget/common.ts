/** What the budget's files share: the client's fiscal year, labels, and exact money conversions. */
import type { ClientScope } from '../../server/context.js';
import { toDateString } from '../../server/db/conventions.js';
import { invalid } from '../../server/errors.js';
import { currencyDigits, fromMinorUnits } from '../../shared/money.js';
import { exactMinor, fiscalMonths, fiscalYearOf, monthOf } from './arithmetic.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Jul 2026` from `2026-07`. */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** The month the client's fiscal year starts in (1 = January). */
export async function fiscalStartMonth(scope: ClientScope): Promise<number> {
  const row = await scope.app.database.db.selectFrom('clients').select('fiscal_year_start_month').where('id', '=', scope.clientId).executeTakeFirst();
  return Number(row?.fiscal_year_start_month ?? 1);
}

export interface FiscalContext {
  startMonth: number;
  /** The month of today. */
  asOf: string;
  current: number;
}

export async function fiscalContext(scope: ClientScope): Promise<FiscalContext> {
  return fiscalContextOf(await fiscalStartMonth(scope), toDateString(scope.now()));
}

/** The fiscal context on `today` of a client whose year starts in `startMonth`. */
export function fiscalContextOf(startMonth: number, today: string): FiscalContext {
  return { startMonth, asOf: monthOf(today), current: fiscalYearOf(today, startMonth) };
}

/** `FY2027` and `Jul 2026 – Jun 2027`. */
export function yearLabels(fy: number, startMonth: number): { label: string; range: string } {
  const months = fiscalMonths(fy, startMonth);
  return { label: `FY${fy}`, range: `${monthLabel(months[0]!)} \u2013 ${monthLabel(months[11]!)}` };
}

/** Collects exact minor-unit conversions of the input's amounts; refuses any with more decimals than the currency has. */
export class Amounts {
  private readonly details: { path: string; message: string }[] = [];
  private readonly digits: number;

  constructor(private readonly currency: string) {
    this.digits = currencyDigits(currency);
  }

  minor(amount: number, path: string): number {
    const m = exactMinor(amount, this.digits);
    if (m === null) {
      this.details.push({ path, message: this.digits === 0 ? `${this.currency} amounts are whole numbers` : `${this.currency} amounts have at most ${this.digits} decimals` });
      return 0;
    }
    return m;
  }

  /** Throws when any amount was refused. */
  check(): void {
    if (this.details.length > 0) throw invalid('An amount has more decimals than the currency has.', this.details);
  }
}

export const major = (scope: ClientScope, minor: number | string): number => fromMinorUnits(Number(minor), scope.client.currency);
