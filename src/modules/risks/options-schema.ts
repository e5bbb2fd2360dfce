/**
 * Security options in the risk register's API: sets of two or more alternative measures for one
 * or more scenarios, as they come in and as they go out with their simulated figures. Imports
 * zod and the building blocks of schema.ts.
 */
import { z } from 'zod';
import { Id, LongText, Money, Title, TreatmentEffect, TreatmentEffectOut } from './schema.js';

export const MeasureInput = z.strictObject({
  name: Title,
  annualCost: Money.default(0),
  oneTimeCost: Money.default(0),
  effects: z.array(z.strictObject({ scenarioId: Id, effect: TreatmentEffect })).min(1).max(50),
});
export type MeasureInput = z.input<typeof MeasureInput>;

export const OptionInput = z.strictObject({
  name: Title,
  description: LongText.nullable().optional(),
  measures: z.array(MeasureInput).min(1).max(20),
});

export const OptionSetInput = z.strictObject({
  title: Title,
  description: LongText.nullable().optional(),
  scenarioIds: z.array(Id).min(1).max(50),
  options: z.array(OptionInput).min(2).max(8),
});
export type OptionSetInput = z.input<typeof OptionSetInput>;

export const OptionFigures = z.object({
  annualCost: z.number(),
  oneTimeCost: z.number(),
  residualMean: z.number(),
  residualP90: z.number(),
  residualP99: z.number(),
  reduction: z.number().describe('Baseline mean − residual mean'),
  rosi: z.number().nullable().describe('(reduction − annual cost) / annual cost'),
  threeYearCost: z.number(),
  threeYearBenefit: z.number().describe('3 × reduction − three-year cost'),
});
export type OptionFigures = z.infer<typeof OptionFigures>;

export const MeasureOut = z.object({
  name: z.string(),
  annualCost: z.number(),
  oneTimeCost: z.number(),
  effects: z.array(z.object({ scenarioId: z.string(), effect: TreatmentEffectOut })),
});

export const OptionOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  measures: z.array(MeasureOut),
  figures: OptionFigures.nullable(),
});

export const OptionSetOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  scenarios: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
  baseline: z.object({ inherentMean: z.number(), mean: z.number(), p90: z.number(), p99: z.number() }).nullable().describe('The scenarios as they are (planned and in-place treatments)'),
  options: z.array(OptionOut),
  stale: z.boolean(),
  computedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OptionSetOut = z.infer<typeof OptionSetOut>;
