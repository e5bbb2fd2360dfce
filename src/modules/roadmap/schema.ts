/**
 * The roadmap's API schemas: initiatives (what they cost, save or enable, which priorities they
 * serve, which of the register's treatments they carry and the risk those reduce in money),
 * the ranked list, the roadmap by quarter, where new initiatives can come from, and the firm's
 * view of what is due this quarter. Imports only zod, the vocabulary and the assessment scales (`@schema/roadmap`).
 */
import { z } from 'zod';
import { SCALE_KEYS } from '../../shared/controls/scales.js';
import { KINDS, SCOPES, SEATS, SOURCES, STATUSES } from './vocab.js';

export { KIND_LABELS, KINDS, SCOPES, SEATS, SOURCE_LABELS, SOURCES, STATUS_LABELS, STATUSES, type InitiativeKind, type InitiativeSource, type InitiativeStatus } from './vocab.js';

const Id = z.string().max(64);
export const QuarterKey = z.string().regex(/^(20\d\d)Q[1-4]$/, 'must be a quarter such as 2027Q1');
const Amount = z.number().min(0, 'must not be negative').max(1e12).describe('Major units of the client\u2019s currency');
const Optional = (max = 4000) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

const fields = {
  title: z.string().trim().min(1, 'must not be empty').max(200),
  description: Optional(),
  ownerSeat: z.enum(SEATS),
  kind: z.enum(KINDS),
  scope: z.enum(SCOPES).describe('internal: internal IT (bottom line); product: product technology (top line)'),
  oneTimeCost: Amount,
  annualCost: Amount.describe('Recurring cost a year, once delivered'),
  expectedSaving: Amount.describe('What it saves a year (bottom line)'),
  expectedRevenue: Amount.describe('Revenue it enables a year (top line)'),
  targetQuarter: QuarterKey,
  status: z.enum(STATUSES),
  priorityIds: z.array(Id).max(50).describe('The business priorities it serves (replaces the list)'),
  treatmentIds: z.array(Id).max(200).describe('The risk register\u2019s treatments it carries (replaces the list); each belongs to one initiative at most'),
};

export const InitiativeInput = z.strictObject({
  ...fields,
  description: fields.description,
  oneTimeCost: fields.oneTimeCost.default(0),
  annualCost: fields.annualCost.default(0),
  expectedSaving: fields.expectedSaving.default(0),
  expectedRevenue: fields.expectedRevenue.default(0),
  status: fields.status.default('proposed').describe('Contributors propose; only advisors set another status'),
  priorityIds: fields.priorityIds.default([]),
  treatmentIds: fields.treatmentIds.default([]),
});
export type InitiativeInput = z.input<typeof InitiativeInput>;

export const InitiativePatch = z.strictObject(fields).partial();
export type InitiativePatch = z.input<typeof InitiativePatch>;

/** New initiatives from the records they answer: an option to adopt, a system to replace, a contract to renew, treatments of the register, a framework gap. */
export const FromSourceInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('option'), setId: Id, optionId: Id, targetQuarter: QuarterKey.optional() }).describe('Adopt a security option (its measures become planned treatments) and carry them as an approved initiative (advisors)'),
  z.strictObject({ type: z.literal('system'), systemId: Id, targetQuarter: QuarterKey.optional() }).describe('Replace a system at end of life or out of warranty'),
  z.strictObject({ type: z.literal('contract'), contractId: Id, targetQuarter: QuarterKey.optional() }).describe('Renew, renegotiate or replace a contract before its notice deadline'),
  z.strictObject({ type: z.literal('treatments'), treatmentIds: z.array(Id).min(1).max(200), title: z.string().trim().min(1).max(200).optional(), targetQuarter: QuarterKey.optional() }).describe('Carry treatments of the register that no initiative carries yet'),
  z
    .strictObject({
      type: z.literal('gap'),
      controlId: z.string().min(1).max(200).describe('The outcome below its target, e.g. DE.CM-01'),
      assessmentId: Id.optional().describe('The assessment the gap is in (default: the one in progress, else the latest signed off)'),
      targetQuarter: QuarterKey.optional(),
    })
    .describe('Close a framework gap: an outcome of an assessment below its target; the initiative carries the treatments linked to the outcome'),
]);
export type FromSourceInput = z.input<typeof FromSourceInput>;

export const OrderInput = z.strictObject({
  initiativeIds: z.array(Id).min(1).max(500).describe('The initiatives in the order the advisor wants them ranked, first first; the others follow in ranked order'),
});
export type OrderInput = z.input<typeof OrderInput>;

export const RiskReductionOut = z.object({
  mean: z.number().describe('Expected annual loss avoided: the scenarios\u2019 mean annual loss without the initiative\u2019s treatments minus with them'),
  p95: z.number().describe('1-in-20-year loss avoided: the same for the 95th percentile of their combined annual loss'),
  without: z.object({ mean: z.number(), p95: z.number() }),
  with: z.object({ mean: z.number(), p95: z.number() }),
  scenarios: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
  years: z.number(),
  seed: z.number(),
});
export type RiskReductionOut = z.infer<typeof RiskReductionOut>;

/** A framework outcome an initiative closes: the gap of an assessment it was made from. */
export const ClosedOutcomeOut = z.object({
  catalogueId: z.string(),
  controlId: z.string(),
  title: z.string().describe('The outcome\u2019s statement when the initiative was made'),
  assessmentId: z.string().describe('The assessment the gap was taken from'),
  assessmentTitle: z.string(),
});
export type ClosedOutcomeOut = z.infer<typeof ClosedOutcomeOut>;

export const InitiativeOut = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  ownerSeat: z.enum(SEATS),
  kind: z.enum(KINDS),
  scope: z.enum(SCOPES),
  oneTimeCost: z.number(),
  annualCost: z.number(),
  expectedSaving: z.number(),
  expectedRevenue: z.number(),
  targetQuarter: z.string(),
  targetQuarterLabel: z.string(),
  status: z.enum(STATUSES),
  source: z.object({ type: z.enum(SOURCES), id: z.string().nullable(), label: z.string().nullable() }),
  outcomes: z.array(ClosedOutcomeOut).describe('The framework outcomes it closes (made from a gap); empty for other initiatives'),
  priorities: z.array(z.object({ id: z.string(), title: z.string(), weight: z.number(), active: z.boolean() })),
  /** Sum of the weights of the active priorities it serves, in percent. */
  priorityWeight: z.number(),
  treatments: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string(), status: z.string(), scenarioId: z.string(), scenarioRef: z.string(), scenarioTitle: z.string() })),
  riskReduction: RiskReductionOut.nullable().describe('Null when it carries no treatment of a scenario in the register'),
  riskNote: z.string().nullable().describe('Why there is no risk figure, when there is none'),
  /** annualCost + oneTimeCost spread over three years: the cost a year ranking compares. */
  annualisedCost: z.number(),
  /** Expected annual loss avoided per unit of annualised cost; null without a risk figure or a cost. */
  riskPerCost: z.number().nullable(),
  /** Place in the ranking (1 first) among the open initiatives; null for done or dropped ones. */
  rank: z.number().nullable(),
  /** Place by value alone (risk reduced per unit of cost, then priority weight). */
  computedRank: z.number().nullable(),
  /** The advisor's place for it, when they overrode the order. */
  manualRank: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({ edit: z.boolean(), approve: z.boolean() }),
});
export type InitiativeOut = z.infer<typeof InitiativeOut>;

export const RoadmapOut = z.object({
  currency: z.string(),
  currentQuarter: z.string(),
  /** The quarters the board shows: the current one and the next seven. */
  quarters: z.array(z.object({ key: z.string(), label: z.string() })),
  /** Every initiative, open ones in rank order first. */
  initiatives: z.array(InitiativeOut),
  ranking: z.object({ overridden: z.boolean().describe('An advisor has set the order of some initiatives') }),
  can: z.object({ propose: z.boolean(), edit: z.boolean() }),
});
export type RoadmapOut = z.infer<typeof RoadmapOut>;

/** An initiative as a gap names it. */
export const InitiativeRef = z.object({ id: z.string(), ref: z.string(), title: z.string(), status: z.enum(STATUSES), targetQuarter: z.string(), targetQuarterLabel: z.string() });
export type InitiativeRef = z.infer<typeof InitiativeRef>;

export const GapCandidate = z.object({
  controlId: z.string(),
  title: z.string(),
  statement: z.string().nullable(),
  functionTitle: z.string(),
  categoryTitle: z.string().nullable(),
  current: z.number(),
  target: z.number(),
  /** `Tier 2 (Risk Informed) → Tier 3 (Repeatable)`. */
  levels: z.string(),
  atStake: z.number().describe('Current mean annual loss of the scenarios linked to the outcome (not additive across gaps)'),
  scenarios: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string() })),
  ownerSeat: z.enum(SEATS).describe('The initiative\u2019s owner: the outcome\u2019s owner, else the CISO'),
  kind: z.enum(['security', 'compliance']).describe('security when the outcome is linked to risk, compliance when it is not'),
  carries: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string(), status: z.string() })).describe('The linked treatments the initiative would carry (its risk reduced is computed from them)'),
  notCarried: z.array(z.object({ ref: z.string(), name: z.string(), reason: z.string() })).describe('Linked treatments it would not carry, and why'),
  oneTimeCost: z.number(),
  annualCost: z.number(),
  initiative: InitiativeRef.nullable().describe('The open initiative that closes this outcome already: another is refused'),
  earlier: z.array(InitiativeRef).describe('Initiatives that closed or were to close it and are done or dropped'),
});
export type GapCandidate = z.infer<typeof GapCandidate>;

export const GapCandidatesOut = z.object({
  /** The assessment the gaps are of: the one asked, else the one in progress, else the latest signed off; null without any. */
  assessment: z.object({ id: z.string(), title: z.string(), status: z.enum(['in_progress', 'completed']), catalogueId: z.string(), catalogue: z.string(), scale: z.enum(SCALE_KEYS), completedAt: z.string().nullable() }).nullable(),
  currency: z.string(),
  gaps: z.array(GapCandidate).describe('Largest money at stake first'),
  can: z.object({ propose: z.boolean() }),
});
export type GapCandidatesOut = z.infer<typeof GapCandidatesOut>;

export const GapsQuery = z.strictObject({ assessmentId: Id.optional().describe('Default: the assessment in progress, else the latest signed off') });

export const CandidatesOut = z.object({
  options: z.array(
    z.object({
      setId: z.string(),
      setTitle: z.string(),
      optionId: z.string(),
      optionName: z.string(),
      annualCost: z.number(),
      oneTimeCost: z.number(),
      reduction: z.number().nullable().describe('Expected annual loss avoided, as the options\u2019 comparison computed it'),
      scenarios: z.array(z.string()),
    }),
  ),
  systems: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string(), date: z.string(), replacementCost: z.number().nullable(), scope: z.enum(SCOPES), quarter: z.string() })),
  contracts: z.array(z.object({ id: z.string(), vendor: z.string(), reference: z.string(), renewalDate: z.string(), noticeDeadline: z.string(), annualCost: z.number(), autoRenew: z.boolean(), quarter: z.string() })),
  treatments: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string(), status: z.string(), scenarioRef: z.string(), scenarioTitle: z.string() })),
  gaps: GapCandidatesOut.describe('The gaps of the client\u2019s latest assessment (the one in progress, else the latest signed off), with those already on the roadmap'),
  can: z.object({ propose: z.boolean(), adoptOptions: z.boolean() }),
});
export type CandidatesOut = z.infer<typeof CandidatesOut>;

export const FirmRoadmapOut = z.object({
  quarter: z.string(),
  quarterLabel: z.string(),
  clients: z.array(
    z.object({
      clientId: z.string(),
      name: z.string(),
      currency: z.string(),
      due: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), status: z.enum(STATUSES), ownerSeat: z.enum(SEATS), oneTimeCost: z.number() })),
    }),
  ),
});
export type FirmRoadmapOut = z.infer<typeof FirmRoadmapOut>;
