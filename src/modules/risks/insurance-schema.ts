/**
 * The insurance part of the risk register's API: a client's policies and what they do to the
 * loss the company keeps. Imports only zod; re-exported by schema.ts, which the web app reads as
 * `@schema/risks`. Money in major units of the client's currency.
 */
import { z } from 'zod';

const Money = z.number().min(0, 'must not be negative').max(1e13);
const Positive = z.number().gt(0, 'must be more than 0').max(1e13);
const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'is not a real date');

const policyFields = {
  name: z.string().trim().min(1, 'is required').max(200).describe('e.g. "Cyber liability"'),
  insurer: z.string().trim().min(1, 'is required').max(200),
  premium: Money.describe('Yearly premium'),
  deductible: Money.describe('Kept by the company for each loss event (the attachment point)'),
  limit: Positive.describe('Most the policy pays for one loss event'),
  aggregateLimit: Positive.nullable().optional().describe('Most it pays in one year, all events together; null: none'),
  renewalOn: DateString.nullable().optional(),
  coversAll: z.boolean().describe('Covers every scenario of the register; otherwise those in scenarioIds'),
  scenarioIds: z.array(z.string().max(64)).max(500).optional().describe('The scenarios it covers, when not all'),
  notes: z.string().trim().max(2000).nullable().optional(),
};

export const PolicyInput = z.strictObject({ ...policyFields, coversAll: policyFields.coversAll.default(true) });
export type PolicyInput = z.input<typeof PolicyInput>;
export const PolicyPatch = z.strictObject(policyFields).partial();
export type PolicyPatch = z.input<typeof PolicyPatch>;

/** What the simulation says of one policy, over the register's simulated years. */
export const PolicyFigures = z.object({
  premium: z.number(),
  expectedRecovery: z.number().describe('Mean annual recovery, after the aggregate limit'),
  p99Recovery: z.number().describe('1-in-100-year recovery'),
  probabilityOfClaim: z.number().describe('Share of years with a recovery'),
  aggregateExhausted: z.number().describe('Share of years in which the aggregate limit was reached'),
});
export type PolicyFigures = z.infer<typeof PolicyFigures>;

export const PolicyOut = z.object({
  id: z.string(),
  ref: z.string(),
  name: z.string(),
  insurer: z.string(),
  premium: z.number(),
  deductible: z.number(),
  limit: z.number(),
  aggregateLimit: z.number().nullable(),
  renewalOn: z.string().nullable(),
  daysToRenewal: z.number().nullable(),
  coversAll: z.boolean(),
  scenarios: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), inPortfolio: z.boolean() })).describe('The scenarios it covers (every one in the register when coversAll)'),
  notes: z.string().nullable(),
  /** From the stored run; null before the policy was simulated, or while a refresh is due. */
  figures: PolicyFigures.nullable(),
  /** One line a board member can follow: premium against expected recovery. */
  sentence: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PolicyOut = z.infer<typeof PolicyOut>;

const Kept = z.object({ mean: z.number(), p90: z.number(), p99: z.number(), probabilityOfLoss: z.number() });

/** The register's loss before and after insurance, and the premiums against the recoveries. */
export const InsuranceSummary = z.object({
  /** Before insurance: with the treatments in place and planned. */
  before: Kept,
  /** What the company keeps after the policies' recoveries. */
  kept: Kept,
  premium: z.number(),
  expectedRecovery: z.number(),
  /** The loss the company bears plus what it pays for insurance: kept mean + premiums. */
  costWithInsurance: z.number(),
  sentence: z.string(),
});
export type InsuranceSummary = z.infer<typeof InsuranceSummary>;

export const InsuranceOut = z.object({
  currency: z.string(),
  policies: z.array(PolicyOut),
  summary: InsuranceSummary.nullable().describe('Null before the register has been simulated with the policies'),
  stale: z.boolean().describe('The stored figures predate the latest change; a recompute is on its way'),
  can: z.object({ edit: z.boolean() }),
});
export type InsuranceOut = z.infer<typeof InsuranceOut>;
