/**
 * The risk register's API schemas: what comes in (strict: unknown fields are rejected) and what
 * goes out. Imports only zod and src/shared, so the web app can take its types from here.
 * Money is in major units of the client's currency; distributions are the engine's
 * (docs/risk-model.md), checked field by field here and semantically by the engine's validateModel.
 * This file holds the vocabulary, the limits, distributions and FAIR inputs, the building blocks
 * its siblings share, scenarios, treatments and the register; the siblings hold the rest:
 * settings-schema.ts (settings, rating bands, appetite), templates-schema.ts (scenario
 * templates), options-schema.ts (security options), transfer-schema.ts (the model file's export
 * and import), overview-schema.ts (a client's overview, the firm's portfolio), and
 * insurance-schema.ts and worst-case-schema.ts, re-exported here. The web app reads a sibling's
 * types at `@schema/risks/<topic>` (`import type { OptionSetOut } from '@schema/risks/options'`).
 */
import { z } from 'zod';
import { PageInfo, pageQuery, SortOrder } from '../../shared/paging.js';
import { TEMPLATE_KEYS } from '../../shared/risks/templates.js';

export * from './insurance-schema.js';
export * from './worst-case-schema.js';

export const OWNER_SEATS = ['CIO', 'CTO', 'CISO'] as const;
export const RISK_STATUSES = ['open', 'treating', 'accepted', 'closed'] as const;
export const TREATMENT_STATUSES = ['proposed', 'planned', 'in_place'] as const;
export const LINK_KINDS = ['service', 'system', 'dataset', 'vendor'] as const;
/** Treatments that count in the residual result (and in the exported model file). */
export const COUNTED_TREATMENT_STATUSES = ['planned', 'in_place'] as const;

// Limits of what the register simulates (docs/risk-register.md, "Limits"). The engine draws every
// loss event of every simulated year, so its time and memory grow with the rate of events: a
// rate beyond these would take more than a server can give one client's recompute.
/** The most events a year a frequency (loss or threat event frequency) may reach. */
export const MAX_EVENTS_PER_YEAR = 1000;
/** The largest multiplier a treatment's or measure's effect may put on a factor. */
export const MAX_EFFECT_MULTIPLIER = 10;
/** The largest magnitude of any figure in a distribution (a loss per event, in major units). */
export const MAX_FIGURE = 1e13;
/** The largest PERT shape parameter. */
export const MAX_PERT_GAMMA = 1000;

export const num = z.number().min(-MAX_FIGURE).max(MAX_FIGURE);
const distribution = (n: z.ZodNumber, gamma: z.ZodNumber) =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('constant'), value: n }),
    z.strictObject({ type: z.literal('uniform'), min: n, max: n }),
    z.strictObject({ type: z.literal('triangular'), min: n, mode: n, max: n }),
    z.strictObject({ type: z.literal('pert'), min: n, mode: n, max: n, gamma: gamma.optional() }),
    z.strictObject({ type: z.literal('lognormal'), low: n, high: n, confidence: n.optional() }),
    z.strictObject({ type: z.literal('normal'), mean: n, sd: n, min: n.optional(), max: n.optional() }),
  ]);
/** A distribution as it comes in: every figure within the limits. */
export const Distribution = distribution(num, z.number().gt(0).max(MAX_PERT_GAMMA));
/** A distribution as it goes out: what is stored, whatever limits held when it was stored. */
const DistributionOut = distribution(z.number(), z.number());
export type Distribution = z.infer<typeof Distribution>;

/**
 * The highest value a distribution takes for the purpose of the limits: the largest bound, the
 * high end of a lognormal, and for a normal without a maximum its mean plus four sd.
 */
export function upperEnd(d: Distribution): number {
  switch (d.type) {
    case 'constant':
      return d.value;
    case 'uniform':
    case 'triangular':
    case 'pert':
      return Math.max(d.min, d.max);
    case 'lognormal':
      return Math.max(d.low, d.high);
    case 'normal':
      return d.max ?? d.mean + 4 * Math.abs(d.sd);
  }
}

const FREQUENCIES = ['lossEventFrequency', 'threatEventFrequency'] as const;
const FACTORS = ['lossEventFrequency', 'threatEventFrequency', 'vulnerability', 'primaryLoss', 'secondaryLossEventFrequency', 'secondaryLoss'] as const;
const figure = (x: number): string => x.toLocaleString('en-US', { maximumSignificantDigits: 6 });

/**
 * Problems with FAIR inputs (`kind: 'inputs'`) or a treatment's effect (`kind: 'effect'`)
 * beyond the limits above, one per field, each naming the limit and the figure given.
 */
export function limitProblems(factors: Partial<Record<(typeof FACTORS)[number], Distribution>>, kind: 'inputs' | 'effect', path = ''): { path: string; message: string }[] {
  const at = (f: string): string => (path ? `${path}.${f}` : f);
  const problems: { path: string; message: string }[] = [];
  for (const f of FACTORS) {
    const d = factors[f];
    if (!d || typeof d !== 'object' || !('type' in d)) continue;
    const top = upperEnd(d);
    if (!Number.isFinite(top)) continue;
    if (kind === 'effect' && top > MAX_EFFECT_MULTIPLIER) {
      problems.push({ path: at(f), message: `a multiplier may be at most ${MAX_EFFECT_MULTIPLIER} (this one reaches ${figure(top)})` });
    } else if (kind === 'inputs' && (FREQUENCIES as readonly string[]).includes(f) && top > MAX_EVENTS_PER_YEAR) {
      problems.push({ path: at(f), message: `may be at most ${figure(MAX_EVENTS_PER_YEAR)} events a year (this one reaches ${figure(top)})` });
    }
  }
  return problems;
}

const withinLimits = (kind: 'inputs' | 'effect') => (value: Partial<Record<(typeof FACTORS)[number], Distribution>>, ctx: z.RefinementCtx): void => {
  for (const p of limitProblems(value, kind)) ctx.addIssue({ code: 'custom', path: p.path.split('.'), message: p.message });
};

const fairShape = <D extends z.ZodType>(d: D) => ({
  lossEventFrequency: d.optional().describe('Loss events per year (instead of threat event frequency × vulnerability)'),
  threatEventFrequency: d.optional().describe('Threat events per year'),
  vulnerability: d.optional().describe('Share of threat events that become loss events, within [0, 1]'),
  primaryLoss: d.describe('Loss per loss event, in the client\'s currency'),
  secondaryLossEventFrequency: d.optional().describe('Chance that a loss event also brings secondary loss, within [0, 1]'),
  secondaryLoss: d.optional().describe('Secondary loss per event when it happens'),
});
const effectShape = <D extends z.ZodType>(d: D) => ({
  lossEventFrequency: d.optional(),
  threatEventFrequency: d.optional(),
  vulnerability: d.optional(),
  primaryLoss: d.optional(),
  secondaryLossEventFrequency: d.optional(),
  secondaryLoss: d.optional(),
});

export const FairInputs = z
  .strictObject(fairShape(Distribution))
  .superRefine(withinLimits('inputs'))
  .describe('The FAIR inputs: the engine\'s risk object without id, name and treatments (docs/risk-model.md)');
export type FairInputs = z.infer<typeof FairInputs>;
/** FAIR inputs as stored and shown (the limits are checked where they come in). */
export const FairInputsOut = z.object(fairShape(DistributionOut)).describe('The FAIR inputs (docs/risk-model.md)');

export const TreatmentEffect = z
  .strictObject(effectShape(Distribution))
  .superRefine(withinLimits('effect'))
  .describe('Multipliers on FAIR factors, each a distribution (0.4 = the factor falls to 40 %)');
export const TreatmentEffectOut = z.object(effectShape(DistributionOut)).describe('Multipliers on FAIR factors, each a distribution (0.4 = the factor falls to 40 %)');
export type TreatmentEffect = z.infer<typeof TreatmentEffect>;

export const Id = z.string().min(1).max(64);
export const Title = z.string().trim().min(1).max(200);
export const LongText = z.string().trim().max(5000);
export const Money = z.number().min(0, 'must not be negative').max(1e13);

export const LinkInput = z.strictObject({
  kind: z.enum(LINK_KINDS),
  targetId: z.string().max(64).nullable().optional().describe('The estate record\'s id, when the link points to one'),
  label: z.string().trim().min(1).max(200),
});
export type LinkInput = z.infer<typeof LinkInput>;

export const ScenarioInput = z.strictObject({
  title: Title,
  description: LongText.nullable().optional(),
  threat: z.string().trim().max(500).nullable().optional(),
  ownerSeat: z.enum(OWNER_SEATS).default('CISO'),
  status: z.enum(RISK_STATUSES).optional().describe("open (default), treating or closed; 'accepted' comes only from an approved risk acceptance"),
  template: z.enum(TEMPLATE_KEYS).optional().describe('Build the inputs from this template when `inputs` is not given'),
  templateParams: z.record(z.string().max(64), num).optional().describe('Template parameters; missing ones take the client\'s defaults'),
  inputs: FairInputs.optional(),
  links: z.array(LinkInput).max(50).optional(),
});
export type ScenarioInput = z.input<typeof ScenarioInput>;

export const ScenarioPatch = z.strictObject({
  title: Title.optional(),
  description: LongText.nullable().optional(),
  threat: z.string().trim().max(500).nullable().optional(),
  ownerSeat: z.enum(OWNER_SEATS).optional(),
  status: z.enum(RISK_STATUSES).optional(),
  statusReason: z.string().trim().max(2000).nullable().optional(),
  templateParams: z.record(z.string().max(64), num).optional().describe('With `rebuild: true`, recompute the inputs from the scenario\'s template'),
  rebuild: z.boolean().optional(),
  inputs: FairInputs.optional(),
  links: z.array(LinkInput).max(50).optional(),
});
export type ScenarioPatch = z.infer<typeof ScenarioPatch>;

export const TreatmentInput = z.strictObject({
  name: Title,
  description: LongText.nullable().optional(),
  status: z.enum(TREATMENT_STATUSES).default('proposed'),
  annualCost: Money.default(0),
  oneTimeCost: Money.default(0),
  effect: TreatmentEffect,
});
export type TreatmentInput = z.input<typeof TreatmentInput>;

export const TreatmentPatch = z.strictObject({
  name: Title.optional(),
  description: LongText.nullable().optional(),
  status: z.enum(TREATMENT_STATUSES).optional(),
  annualCost: Money.optional(),
  oneTimeCost: Money.optional(),
  effect: TreatmentEffect.optional(),
});
export type TreatmentPatch = z.infer<typeof TreatmentPatch>;

export const AppetitePointSchema = z.strictObject({
  loss: z.number().min(0, 'must not be negative').max(1e13).describe('An annual loss, in major units'),
  probability: z.number().min(0).max(1).describe('The highest tolerated chance of losing more than `loss` in a year'),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const LecPoint = z.object({ loss: z.number(), probability: z.number() });
export const Histogram = z.object({ edges: z.array(z.number()), counts: z.array(z.number()) });

/** The annual loss in the years that have one: what a rare risk's P90 of $0 hides. */
export const WhenLossOut = z.object({ median: z.number(), p95: z.number() });

export const Stats = z.object({
  mean: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  probabilityOfLoss: z.number(),
  whenLoss: WhenLossOut.nullable().describe('Median and 95th percentile of the annual loss in years with a loss (from the simulated loss exceedance curve)'),
});
export type Stats = z.infer<typeof Stats>;

export const RatingOut = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  level: z.enum(['low', 'medium', 'high', 'critical']),
});

export const ScenarioResultOut = z.object({
  inherent: Stats,
  residual: Stats.nullable().describe('With planned and in-place treatments; null without any'),
  current: Stats.describe('Residual when there is one, else inherent: what the register ranks by'),
  withProposed: Stats.nullable().describe('If the proposed treatments were also carried out'),
  treatmentCost: z.number().describe('Annual cost of the planned and in-place treatments'),
  rosi: z.number().nullable().describe('(inherent mean − residual mean − annual cost) / annual cost'),
  share: z.number().nullable().describe('Share of the portfolio\'s current mean annual loss; null for proposals'),
  rating: RatingOut,
  inPortfolio: z.boolean(),
  stale: z.boolean().describe('The inputs changed since this result was computed; a refresh is due'),
  computedAt: z.string(),
});
export type ScenarioResultOut = z.infer<typeof ScenarioResultOut>;

export const LinkOut = z.object({ kind: z.enum(LINK_KINDS), targetId: z.string().nullable(), label: z.string() });

export const TreatmentOut = z.object({
  id: z.string(),
  ref: z.string(),
  scenarioId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(TREATMENT_STATUSES),
  annualCost: z.number(),
  oneTimeCost: z.number(),
  effect: TreatmentEffectOut,
  counted: z.boolean().describe('Whether it counts in the residual result (planned or in place)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TreatmentOut = z.infer<typeof TreatmentOut>;

export const ScenarioListItem = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  threat: z.string().nullable(),
  ownerSeat: z.enum(OWNER_SEATS),
  status: z.enum(RISK_STATUSES),
  proposed: z.boolean(),
  template: z.string().nullable(),
  links: z.array(LinkOut),
  treatments: z.object({ proposed: z.number(), planned: z.number(), inPlace: z.number() }),
  result: ScenarioResultOut.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ScenarioListItem = z.infer<typeof ScenarioListItem>;

export const BASES = ['inherent', 'residual', 'retained'] as const;

export const AppetitePointOut = z.object({
  loss: z.number(),
  limit: z.number().describe('The tolerated probability'),
  probability: z.number().describe('Simulated probability of exceeding `loss`, on the basis (what the company bears)'),
  inherentProbability: z.number(),
  breached: z.boolean(),
  stdError: z.number().describe('Monte Carlo standard error of `probability`: √(p(1 − p)/years)'),
  confident: z.boolean().describe('|probability − limit| > 1.96 standard errors: the simulated years settle this point'),
});

export const AppetiteStatus = z.object({
  defined: z.boolean(),
  statement: z.string().nullable(),
  points: z.array(AppetitePointSchema),
  basis: z.enum(BASES).nullable().describe('What the appetite is checked on: retained (after insurance), else residual (after treatments), else inherent'),
  /** Result of the stored run: null until computed. */
  breached: z.boolean().nullable().describe('The portfolio, on the basis, above the tolerance curve'),
  settled: z.boolean().nullable().describe('Whether the simulated years settle the verdict; false: too close to call'),
  inherentBreached: z.boolean().nullable(),
  checks: z.array(AppetitePointOut),
});
export type AppetiteStatus = z.infer<typeof AppetiteStatus>;

export const PortfolioOut = z.object({
  mean: z.number(),
  sd: z.number(),
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
  probabilityOfLoss: z.number(),
  residual: Stats.nullable(),
  current: Stats,
  retained: Stats.nullable().describe('What the company keeps after insurance; null without policies'),
  insurance: z.object({ premium: z.number(), expectedRecovery: z.number() }).nullable().describe('The policies\' premiums against their expected recoveries, a year'),
  treatmentCost: z.number(),
  rosi: z.number().nullable(),
  scenarioCount: z.number(),
});
export type PortfolioOut = z.infer<typeof PortfolioOut>;

export const RecomputeStatus = z.object({
  refreshing: z.boolean().describe('A recompute is queued or running'),
  jobStatus: z.enum(['queued', 'running']).nullable(),
  progress: z.number().nullable(),
  lastError: z.string().nullable(),
  stale: z.boolean().describe('The stored result was computed from other inputs than the current ones'),
  computedAt: z.string().nullable(),
  runId: z.string().nullable().describe('The stored run shown; changes with every stored recompute'),
  seed: z.number().nullable(),
  years: z.number().nullable(),
  inputsHash: z.string().nullable().describe('Hash of the inputs of the stored result'),
  currentInputsHash: z.string(),
});
export type RecomputeStatus = z.infer<typeof RecomputeStatus>;

export const RegisterOut = z.object({
  currency: z.string(),
  status: RecomputeStatus,
  portfolio: PortfolioOut.nullable(),
  appetite: AppetiteStatus,
  scenarios: z.array(ScenarioListItem).describe('The page\'s scenarios, in the order asked for'),
  ...PageInfo,
});
export type RegisterOut = z.infer<typeof RegisterOut>;

/** The orders the register's list offers (each ends with the id, in the same direction). */
export const REGISTER_SORTS = ['ref', 'title', 'mean', 'p90', 'share', 'rating', 'ownerSeat', 'status'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

const STATUS_LIST = new RegExp(`^(${RISK_STATUSES.join('|')})(,(${RISK_STATUSES.join('|')}))*$`);

export const RegisterQuery = z.strictObject({
  sort: z
    .enum(REGISTER_SORTS)
    .default('ref')
    .describe('ref (number), title, mean or p90 (current annual loss; −1 without a result), share (of the portfolio; −1 for none), rating (score, then mean), ownerSeat or status; the id breaks ties'),
  order: SortOrder.default('asc'),
  status: z.string().max(100).regex(STATUS_LIST, `must be statuses separated by commas (${RISK_STATUSES.join(', ')})`).optional().describe('Only these statuses, comma-separated: open,treating'),
  owner: z.enum(OWNER_SEATS).optional().describe('Only scenarios this seat owns'),
  proposed: z.enum(['true', 'false']).optional().describe('true: only proposals waiting for approval; false: none of them; absent: both'),
  q: z.string().max(200).optional().describe('Words in the title or the threat, or the exact ref (R7); any case'),
  ...pageQuery(100),
});
export type RegisterQuery = z.infer<typeof RegisterQuery>;

export const Curves = z.object({ lec: z.array(LecPoint), histogram: Histogram });

export const ScenarioDetailOut = ScenarioListItem.extend({
  description: z.string().nullable(),
  statusReason: z.string().nullable(),
  templateParams: z.record(z.string(), z.number()).nullable(),
  inputs: FairInputsOut,
  treatmentList: z.array(TreatmentOut),
  expectedMean: z.number().describe('Closed-form mean annual loss of the inputs, before treatments'),
  curves: z.object({ inherent: Curves, residual: Curves.nullable() }).nullable(),
  currency: z.string(),
  permissions: z.object({ edit: z.boolean(), approve: z.boolean(), treat: z.boolean() }),
});
export type ScenarioDetailOut = z.infer<typeof ScenarioDetailOut>;
