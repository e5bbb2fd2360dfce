/**
 * Overviews of risk in the API: a client's (portfolio figures, appetite, curves, the heat map
 * and the top risks) and the firm's portfolio, one row per client. Imports zod, the building
 * blocks and register responses of schema.ts and the rating bands of settings-schema.ts.
 */
import { z } from 'zod';
import { AppetiteStatus, Curves, OWNER_SEATS, PortfolioOut, RatingOut, RecomputeStatus, RISK_STATUSES, WhenLossOut } from './schema.js';
import { BandsOut } from './settings-schema.js';

export const HeatCell = z.object({
  likelihood: z.number(),
  impact: z.number(),
  level: z.enum(['low', 'medium', 'high', 'critical']),
  scenarios: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), mean: z.number() })),
});

export const TopRisk = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  ownerSeat: z.enum(OWNER_SEATS),
  status: z.enum(RISK_STATUSES),
  mean: z.number().describe('Current mean annual loss'),
  p90: z.number(),
  probabilityOfLoss: z.number().describe('Share of years with a loss'),
  whenLoss: WhenLossOut.nullable().describe('When a loss happens: its median and 1-in-20 amount'),
  inherentMean: z.number(),
  share: z.number().nullable(),
  rating: RatingOut,
  treatmentStatus: z.enum(['none', 'proposed', 'planned', 'in_place', 'mixed']),
});
export type TopRisk = z.infer<typeof TopRisk>;

export const OverviewOut = z.object({
  currency: z.string(),
  status: RecomputeStatus,
  portfolio: PortfolioOut.nullable(),
  appetite: AppetiteStatus,
  curves: z.object({ inherent: Curves, residual: Curves.nullable(), retained: Curves.nullable().describe('Kept after insurance') }).nullable(),
  heatmap: z.object({ cells: z.array(HeatCell), bands: BandsOut }),
  top: z.array(TopRisk),
});
export type OverviewOut = z.infer<typeof OverviewOut>;

export const PortfolioRiskRow = z.object({
  clientId: z.string(),
  currency: z.string(),
  scenarioCount: z.number(),
  mean: z.number().nullable().describe('Current (residual) mean annual loss'),
  p90: z.number().nullable(),
  p99: z.number().nullable(),
  inherentMean: z.number().nullable(),
  appetiteDefined: z.boolean(),
  aboveAppetite: z.boolean().nullable(),
  computedAt: z.string().nullable(),
  refreshing: z.boolean(),
});
export type PortfolioRiskRow = z.infer<typeof PortfolioRiskRow>;
