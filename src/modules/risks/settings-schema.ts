/**
 * The risk register's settings in its API: the simulated years and seed, the rating bands and
 * the appetite (loss-tolerance curve and statement), shown with the gross margin and the worst
 * case's scenario. Imports zod and the building blocks of schema.ts.
 */
import { z } from 'zod';
import { AppetitePointSchema, MAX_FIGURE } from './schema.js';

export const AppetiteInput = z.strictObject({
  points: z.array(AppetitePointSchema).max(20).describe('The loss-tolerance curve; an empty list removes it'),
  statement: z.string().trim().max(4000).nullable().optional().describe('The appetite in plain language'),
});
export type AppetiteInput = z.infer<typeof AppetiteInput>;

export const SettingsInput = z.strictObject({
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  years: z.number().int().min(1000).max(1_000_000).nullable().optional().describe('Simulated years; null for the server default'),
  likelihoodBands: z.array(z.number().min(0).max(1)).max(4).nullable().optional().describe('Four ascending annual probabilities between the five likelihood bands; null for the defaults'),
  impactBands: z.array(z.number().min(0).max(MAX_FIGURE)).max(4).nullable().optional().describe('Four ascending amounts between the five impact bands; null for the defaults from revenue'),
});
export type SettingsInput = z.infer<typeof SettingsInput>;

export const BandsOut = z.object({
  likelihood: z.array(z.number()),
  impact: z.array(z.number()),
  likelihoodIsDefault: z.boolean(),
  impactIsDefault: z.boolean(),
});
export type BandsOut = z.infer<typeof BandsOut>;

export const SettingsOut = z.object({
  seed: z.number(),
  years: z.number().describe('Simulated years in effect'),
  yearsIsDefault: z.boolean(),
  bands: BandsOut,
  appetite: z.object({ points: z.array(AppetitePointSchema), statement: z.string().nullable() }),
  grossMargin: z.number().nullable().describe('Share of lost revenue actually lost (the gross margin); null: not set, all of it counted'),
  worstCaseScenarioId: z.string().nullable().describe('The ransomware scenario the worst case is priced from'),
});
export type SettingsOut = z.infer<typeof SettingsOut>;
