/**
 * The IT budget's arithmetic, pure: fiscal years that start in any month, months as
 * `YYYY-MM`, money as integer minor units (cents, yen, fils: whatever the currency's digits),
 * and the year's forecast. No database and no clock: the callers pass the as-of month.
 *
 * The forecast of a fiscal year, month by month:
 *   - a month with any actual counts its actuals; a month without counts its plan (a past month
 *     without actuals is flagged: its plan stands in for what was spent);
 *   - plus the committed items that are not in the plan (contract renewals, lifecycle
 *     replacements due, approved initiatives), from the as-of month on: a one-time amount dated
 *     before the as-of month is still to be paid and falls in the as-of month; a recurring one
 *     counts only from the as-of month on (before it, the actuals say what was paid);
 *   - variance = forecast − plan, and its reasons add up to it exactly: for each category, what
 *     the months with actuals spent above or below their plan, and each committed item.
 */

export type Month = string;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-12` from `2026-12-05` (or a month). */
export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

/** The month `n` months after `month` (before, when negative). */
export function addMonth(month: Month, n: number): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** Months from `a` to `b` (0 when equal, negative when `b` is earlier). */
export function monthsBetween(a: Month, b: Month): number {
  return Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7)) - (Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7)));
}

/**
 * The fiscal year a date or month falls in, named by the calendar year in which the fiscal year
 * ends: with a July start, July 2026 to June 2027 is FY2027; with a January start, FY2026 is 2026.
 */
export function fiscalYearOf(date: string, startMonth: number): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return startMonth === 1 || m < startMonth ? y : y + 1;
}

/** The first month of a fiscal year. */
export function fiscalYearStart(fy: number, startMonth: number): Month {
  return startMonth === 1 ? `${fy}-01` : `${fy - 1}-${pad(startMonth)}`;
}

/** The twelve months of a fiscal year, in order. */
export function fiscalMonths(fy: number, startMonth: number): Month[] {
  const first = fiscalYearStart(fy, startMonth);
  return Array.from({ length: 12 }, (_, i) => addMonth(first, i));
}

/**
 * Splits an integer amount into `parts` integers that add up to it exactly, as evenly as can
 * be: the first `remainder` parts are one unit larger (1000 in 12: four of 84, eight of 83).
 */
export function splitEvenly(total: number, parts: number): number[] {
  if (!Number.isSafeInteger(total)) throw new Error(`splitEvenly: ${total} is not a whole number of minor units`);
  if (parts <= 0) return [];
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const base = Math.floor(abs / parts);
  const rest = abs - base * parts;
  return Array.from({ length: parts }, (_, i) => sign * (base + (i < rest ? 1 : 0)));
}

/**
 * An amount in major units as minor units of a currency with `digits` minor digits, or null
 * when the amount has more decimals than the currency has (12.345 dollars): such an amount is
 * refused, never rounded behind the person's back.
 */
export function exactMinor(amount: number, digits: number): number | null {
  if (!Number.isFinite(amount)) return null;
  const scaled = amount * 10 ** digits;
  const minor = Math.round(scaled);
  if (!Number.isSafeInteger(minor)) return null;
  // 0.1 + 0.2 dollars is 30.000000000000004 cents: a few units in the last place of the
  // product are the float's, not the person's; half a cent is theirs.
  return Math.abs(scaled - minor) <= Math.max(1e-9, Math.abs(scaled) * 4e-16) ? minor : null;
}

/**
 * A yearly amount paid month by month for twelve months from `firstMonth` (a renewed contract,
 * an initiative's running cost): its twelve parts (splitEvenly) in the months of `months` that
 * are not before `from`.
 */
export function recurringInYear(annual: number, firstMonth: Month, months: readonly Month[], from: Month): Map<Month, number> {
  const out = new Map<Month, number>();
  const parts = splitEvenly(annual, 12);
  parts.forEach((part, k) => {
    const m = addMonth(firstMonth, k);
    if (months.includes(m) && m >= from && part !== 0) out.set(m, (out.get(m) ?? 0) + part);
  });
  return out;
}

/**
 * A one-time amount spread evenly over `over` (e.g. the three months of a target quarter), in
 * the fiscal year of `months`: parts dated before `from` are still to be paid and fall in `from`
 * (when `from` is in the year); parts after the year's end are outside it.
 */
export function oneTimeInYear(amount: number, over: readonly Month[], months: readonly Month[], from: Month): Map<Month, number> {
  const out = new Map<Month, number>();
  const parts = splitEvenly(amount, over.length);
  over.forEach((m, k) => {
    const at = m < from ? from : m;
    if (!months.includes(at) || parts[k] === 0) return;
    out.set(at, (out.get(at) ?? 0) + parts[k]!);
  });
  return out;
}

export interface PlanRow {
  category: string;
  seat: string;
  scope: string;
  /** Twelve monthly amounts, minor units, in the order of the year's months. */
  amounts: readonly number[];
}

export interface ActualRow {
  month: Month;
  category: string;
  seat: string;
  scope: string;
  amount: number;
}

export interface CommittedItem {
  kind: 'renewal' | 'replacement' | 'initiative';
  id: string;
  label: string;
  category: string;
  seat: string;
  scope: string;
  /** Minor units by month (only months of the year, from the as-of month on). */
  byMonth: Map<Month, number>;
}

export interface ForecastInput {
  months: readonly Month[];
  /** The month of "today": committed items count from it on. */
  asOf: Month;
  plan: readonly PlanRow[];
  actuals: readonly ActualRow[];
  committed: readonly CommittedItem[];
}

export interface MonthFigures {
  month: Month;
  plan: number;
  /** Null when no actual is recorded for the month. */
  actual: number | null;
  basis: 'actual' | 'plan';
  /** A month before the as-of month without any actual: its plan stands in. */
  missingActuals: boolean;
  committed: number;
  forecast: number;
}

export interface GroupFigures {
  key: string;
  plan: number;
  /** Actuals recorded in the year so far. */
  actual: number;
  forecast: number;
  variance: number;
}

export type Reason =
  | { kind: 'spending'; category: string; amount: number; months: Month[] }
  | { kind: 'committed'; item: CommittedItem; amount: number }
  | { kind: 'missing-actuals'; months: Month[]; plan: number };

export interface Forecast {
  months: MonthFigures[];
  totals: { plan: number; actual: number; committed: number; forecast: number; variance: number };
  byCategory: GroupFigures[];
  bySeat: GroupFigures[];
  byScope: GroupFigures[];
  /** Why the forecast differs from the plan; the amounts of the 'spending' and 'committed' reasons add up to the variance. */
  reasons: Reason[];
}

const sum = (xs: Iterable<number>): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

/** The forecast of a fiscal year (see the file's comment for the rules). */
export function forecastYear(input: ForecastInput): Forecast {
  const { months, asOf } = input;
  const index = new Map(months.map((m, i) => [m, i]));
  const planAt = months.map((_, i) => sum(input.plan.map((p) => p.amounts[i] ?? 0)));
  const actualAt: (number | null)[] = months.map(() => null);
  for (const a of input.actuals) {
    const i = index.get(a.month);
    if (i !== undefined) actualAt[i] = (actualAt[i] ?? 0) + a.amount;
  }
  const committedAt = months.map((m) => sum(input.committed.map((c) => c.byMonth.get(m) ?? 0)));
  const monthRows: MonthFigures[] = months.map((month, i) => {
    const actual = actualAt[i]!;
    const basis = actual !== null ? 'actual' : 'plan';
    const base = actual ?? planAt[i]!;
    return { month, plan: planAt[i]!, actual, basis, missingActuals: actual === null && month < asOf, committed: committedAt[i]!, forecast: base + committedAt[i]! };
  });
  const actualMonths = new Set(monthRows.filter((r) => r.basis === 'actual').map((r) => r.month));

  // Figures by a grouping (category, seat, scope): plan, actuals, forecast.
  const group = (keyOf: (x: { category: string; seat: string; scope: string }) => string): GroupFigures[] => {
    const g = new Map<string, GroupFigures>();
    const at = (k: string): GroupFigures => {
      let x = g.get(k);
      if (!x) g.set(k, (x = { key: k, plan: 0, actual: 0, forecast: 0, variance: 0 }));
      return x;
    };
    for (const p of input.plan) {
      const x = at(keyOf(p));
      months.forEach((m, i) => {
        const v = p.amounts[i] ?? 0;
        x.plan += v;
        if (!actualMonths.has(m)) x.forecast += v;
      });
    }
    for (const a of input.actuals) {
      if (!index.has(a.month)) continue;
      const x = at(keyOf(a));
      x.actual += a.amount;
      x.forecast += a.amount;
    }
    for (const c of input.committed) at(keyOf(c)).forecast += sum(c.byMonth.values());
    for (const x of g.values()) x.variance = x.forecast - x.plan;
    return [...g.values()];
  };

  const reasons: Reason[] = [];
  // Spending above or below plan in the months with actuals, by category.
  const categories = new Set([...input.plan.map((p) => p.category), ...input.actuals.map((a) => a.category)]);
  for (const category of [...categories].sort()) {
    let diff = 0;
    months.forEach((m, i) => {
      if (!actualMonths.has(m)) return;
      diff += sum(input.actuals.filter((a) => a.month === m && a.category === category).map((a) => a.amount));
      diff -= sum(input.plan.filter((p) => p.category === category).map((p) => p.amounts[i] ?? 0));
    });
    if (diff !== 0) reasons.push({ kind: 'spending', category, amount: diff, months: [...actualMonths] });
  }
  for (const item of input.committed) {
    const amount = sum(item.byMonth.values());
    if (amount !== 0) reasons.push({ kind: 'committed', item, amount });
  }
  const missing = monthRows.filter((r) => r.missingActuals);
  if (missing.length > 0) reasons.push({ kind: 'missing-actuals', months: missing.map((r) => r.month), plan: sum(missing.map((r) => r.plan)) });

  const plan = sum(planAt);
  const forecast = sum(monthRows.map((r) => r.forecast));
  return {
    months: monthRows,
    totals: { plan, actual: sum(actualAt.map((a) => a ?? 0)), committed: sum(committedAt), forecast, variance: forecast - plan },
    byCategory: group((x) => x.category),
    bySeat: group((x) => x.seat),
    byScope: group((x) => x.scope),
    reasons,
  };
}
