/**
 * The IT budget's API schemas: the plan of a fiscal year (lines by category and seat, an amount
 * per month), actuals (entered or imported from accounting), the account map, and the forecast
 * with its variance and reasons. Money travels in major units; the CIO/CTO split (internal IT,
 * the bottom line; product technology, the top line) is on every amount. Imports only zod and
 * the vocabulary (`@schema/budget`).
 */
import { z } from 'zod';
import { CATEGORIES, SCOPES, SEATS } from './vocab.js';

export { CATEGORIES, CATEGORY_LABELS, SCOPE_LABELS, SCOPES, SEATS, type Category, type Scope, type Seat } from './vocab.js';

const Id = z.string().max(64);
export const MonthKey = z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11');
export const FiscalYear = z.coerce.number().int().min(2000).max(2099);
const Amount = z.number().min(0, 'must not be negative').max(1e12);
const Optional = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

// ---- Plan

const lineFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  category: z.enum(CATEGORIES),
  seat: z.enum(SEATS).optional().describe('Default: product engineering the CTO\u2019s, security the CISO\u2019s, the rest the CIO\u2019s'),
  scope: z.enum(SCOPES).optional().describe('internal: internal IT (bottom line); product: product technology (top line). Default: product for the CTO'),
  months: z.array(Amount).length(12, 'must have twelve amounts, one a month of the fiscal year').optional().describe('Planned amount per month, first month of the fiscal year first'),
  annual: Amount.optional().describe('Instead of months: the year\u2019s amount, spread evenly over its twelve months'),
  contractId: Id.nullable().optional().describe('The contract the line pays for (its renewal is then not counted again)'),
  systemId: Id.nullable().optional().describe('The system whose replacement the line pays for'),
  initiativeId: Id.nullable().optional().describe('The initiative the line pays for'),
  notes: Optional(),
};

export const LineInput = z.strictObject({ fiscalYear: z.number().int().min(2000).max(2099), ...lineFields });
export type LineInput = z.input<typeof LineInput>;
export const LinePatch = z.strictObject(lineFields).partial();
export type LinePatch = z.input<typeof LinePatch>;

export const LineOut = z.object({
  id: z.string(),
  fiscalYear: z.number(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  seat: z.enum(SEATS),
  scope: z.enum(SCOPES),
  months: z.array(z.number()),
  total: z.number(),
  covers: z.object({
    contract: z.object({ id: z.string(), label: z.string() }).nullable(),
    system: z.object({ id: z.string(), label: z.string() }).nullable(),
    initiative: z.object({ id: z.string(), label: z.string() }).nullable(),
  }),
  notes: z.string().nullable(),
  updatedAt: z.string(),
});
export type LineOut = z.infer<typeof LineOut>;

// ---- Actuals

export const ActualInput = z.strictObject({
  month: MonthKey,
  category: z.enum(CATEGORIES),
  seat: z.enum(SEATS).optional(),
  scope: z.enum(SCOPES).optional(),
  amount: z.number().min(-1e12).max(1e12).describe('Spent in the month (negative for a credit or refund)'),
  vendor: Optional(200),
  description: Optional(500),
});
export type ActualInput = z.input<typeof ActualInput>;

export const ActualOut = z.object({
  id: z.string(),
  month: z.string(),
  date: z.string().nullable(),
  category: z.enum(CATEGORIES),
  seat: z.enum(SEATS),
  scope: z.enum(SCOPES),
  vendor: z.string().nullable(),
  description: z.string().nullable(),
  account: z.string().nullable(),
  amount: z.number(),
  source: z.enum(['entered', 'import']),
  createdAt: z.string(),
});
export type ActualOut = z.infer<typeof ActualOut>;

export const ActualsQuery = z.strictObject({
  year: FiscalYear.optional(),
  month: MonthKey.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

// ---- Accounts

export const AccountInput = z.strictObject({
  account: z.string().trim().min(1, 'must not be empty').max(200).describe('The account as the accounting export writes it, e.g. "6120 Software subscriptions"'),
  category: z.enum(CATEGORIES),
  seat: z.enum(SEATS).optional(),
  scope: z.enum(SCOPES).optional(),
});
export type AccountInput = z.input<typeof AccountInput>;

export const AccountOut = z.object({ id: z.string(), account: z.string(), category: z.enum(CATEGORIES), seat: z.enum(SEATS), scope: z.enum(SCOPES), updatedAt: z.string() });
export type AccountOut = z.infer<typeof AccountOut>;

// ---- The year: plan against actuals, and the forecast

const Group = z.object({ key: z.string(), label: z.string(), plan: z.number(), actual: z.number(), forecast: z.number(), variance: z.number() });

export const CommittedOut = z.object({
  kind: z.enum(['renewal', 'replacement', 'initiative']),
  id: z.string(),
  label: z.string(),
  category: z.enum(CATEGORIES),
  seat: z.enum(SEATS),
  scope: z.enum(SCOPES),
  amount: z.number().describe('What it adds to the year from the as-of month on'),
  date: z.string().describe('When it falls (renewal date, end of life, target quarter)'),
  note: z.string(),
});
export type CommittedOut = z.infer<typeof CommittedOut>;

export const YearOut = z.object({
  currency: z.string(),
  fiscalYear: z.number(),
  label: z.string().describe('FY2027'),
  range: z.string().describe('Jul 2026 – Jun 2027'),
  startMonth: z.number(),
  asOf: z.string().describe('The month the forecast is made in'),
  years: z.array(z.object({ fiscalYear: z.number(), label: z.string() })).describe('Years with a plan or actuals, and the current one'),
  months: z.array(
    z.object({
      month: z.string(),
      label: z.string(),
      plan: z.number(),
      actual: z.number().nullable(),
      basis: z.enum(['actual', 'plan']),
      missingActuals: z.boolean(),
      committed: z.number(),
      forecast: z.number(),
    }),
  ),
  lines: z.array(LineOut),
  /** Actuals by category and month (the plan grid's second half). */
  actuals: z.array(z.object({ category: z.enum(CATEGORIES), months: z.array(z.number().nullable()) })),
  totals: z.object({ plan: z.number(), actual: z.number(), committed: z.number(), forecast: z.number(), variance: z.number() }),
  byCategory: z.array(Group),
  bySeat: z.array(Group),
  byScope: z.array(Group).describe('internal: internal IT (bottom line); product: product technology (top line)'),
  committed: z.array(CommittedOut),
  /** Why the forecast differs from the plan, in words, each with its amount. */
  reasons: z.array(z.object({ kind: z.enum(['spending', 'committed', 'missing-actuals']), text: z.string(), amount: z.number(), tone: z.enum(['good', 'bad', 'warn', 'neutral']) })),
  /** Savings (bottom line) and revenue (top line) the year's open initiatives expect. */
  initiatives: z.object({ savings: z.number(), revenue: z.number(), count: z.number() }),
  can: z.object({ plan: z.boolean(), actuals: z.boolean() }),
});
export type YearOut = z.infer<typeof YearOut>;

export const FirmBudgetOut = z.object({
  clients: z.array(
    z.object({ clientId: z.string(), name: z.string(), currency: z.string(), fiscalYear: z.number(), label: z.string(), plan: z.number().nullable(), forecast: z.number().nullable(), variance: z.number().nullable(), variancePercent: z.number().nullable() }),
  ),
});
export type FirmBudgetOut = z.infer<typeof FirmBudgetOut>;
