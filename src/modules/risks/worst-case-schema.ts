/**
 * The ransomware worst case in the risk register's API: its figures, each with how it was
 * derived, what insurance keeps of it, and the advisor's choice of scenario and gross margin.
 * Imports only zod; re-exported by schema.ts, which the web app reads as `@schema/risks`.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(64);

export const WorstCaseComponent = z.object({
  key: z.enum(['interruption', 'recovery', 'records', 'primary', 'secondary']),
  label: z.string(),
  low: z.number().describe('5 % end'),
  typical: z.number().describe('The middle of the range'),
  high: z.number().describe('95 % end'),
  basis: z.string().describe('How it was derived, in one line'),
});

export const WorstCaseOut = z.object({
  currency: z.string(),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  chosenId: z.string().nullable().describe('The ransomware scenario the worst case is priced from'),
  candidates: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), mean: z.number().nullable() })).describe('Ransomware scenarios in the register it may be priced from'),
  grossMargin: z.number().nullable().describe('The client\'s gross margin setting'),
  scenario: z
    .object({
      id: z.string(),
      ref: z.string(),
      title: z.string(),
      mean: z.number().nullable().describe('Expected annual loss with the measures in place and planned'),
      inherentMean: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
      withProposedMean: z.number().nullable(),
      attacksPerYear: z.number().describe('Expected successful attacks a year, E[LEF], before the measures'),
      stale: z.boolean(),
    })
    .nullable(),
  low: z.number().describe('One attack at the scenario\'s 5 % end: a quick recovery, no data stolen'),
  expected: z.number().describe('The expected cost of one attack before the measures: E[primary] + E[SLEF] × E[secondary]'),
  high: z.number().describe('The 95 % ends together: a long outage and the data published'),
  expectedWithMeasures: z.number().nullable(),
  fromParts: z.boolean().describe('The parts come from the template\'s parameters, which rebuild the scenario\'s inputs exactly'),
  components: z.array(WorstCaseComponent),
  lines: z.array(z.object({ key: z.enum(['low', 'expected', 'high', 'measures', 'revenue', 'year', 'insurance']), text: z.string() })).describe('How each figure was derived'),
  exceedsRevenue: z.boolean(),
  assumptions: z.array(z.string()),
  insurance: z
    .object({
      policies: z.array(z.object({ ref: z.string(), name: z.string(), deductible: z.number(), limit: z.number(), aggregateLimit: z.number().nullable() })),
      low: z.number(),
      expected: z.number().nullable(),
      high: z.number(),
    })
    .nullable()
    .describe('What the company keeps of one attack after the policies that cover the scenario'),
});
export type WorstCaseOut = z.infer<typeof WorstCaseOut>;

export const WorstCaseChoiceInput = z.strictObject({
  scenarioId: Id.optional().describe('The ransomware scenario to price the worst case from'),
  grossMargin: z.number().gt(0, 'must be more than 0 %').max(1, 'must be at most 100 %').nullable().optional().describe('Share of lost revenue actually lost; null: not set (all of it counted)'),
});
export type WorstCaseChoiceInput = z.infer<typeof WorstCaseChoiceInput>;
