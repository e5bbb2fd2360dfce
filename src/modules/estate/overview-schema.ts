/**
 * The estate's client home card: counts, vendors by tier, the next renewals, the lifecycle
 * ahead, where restricted data is held and the current access review. Imports zod and the
 * review schema of access-schema.ts.
 */
import { z } from 'zod';
import { ReviewOut } from './access-schema.js';

// ---- The client home card

export const EstateOverview = z.object({
  counts: z.object({
    services: z.number(),
    systems: z.number(),
    vendors: z.number(),
    fourthParties: z.number(),
    datasets: z.number(),
    activeGrants: z.number(),
    flaggedGrants: z.number(),
  }),
  vendorsByTier: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number() }),
  renewals: z.object({
    days: z.number(),
    count: z.number(),
    next: z.array(z.object({ contractId: z.string(), vendorName: z.string(), reference: z.string(), date: z.string(), event: z.enum(['renewal', 'notice']), annualCost: z.number() })),
  }),
  lifecycle: z.object({ days: z.number(), endOfLife: z.number(), warrantyEnding: z.number(), pastEndOfLife: z.number(), replacementCost: z.number() }),
  restricted: z.object({
    datasets: z.number(),
    records: z.number(),
    systems: z.array(z.object({ id: z.string(), name: z.string() })),
    vendors: z.array(z.object({ id: z.string(), name: z.string(), fourthParty: z.boolean() })),
  }),
  review: ReviewOut.nullable().describe('The open access review, else the latest one'),
});

export type EstateOverview = z.infer<typeof EstateOverview>;
