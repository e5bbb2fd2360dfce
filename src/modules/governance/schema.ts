/**
 * The governance API's vocabulary and shapes: validation of what comes in, the presenters'
 * types and the OpenAPI entries. Imports only zod, so the web app imports its types from here.
 */
import { z } from 'zod';

export const SEATS = ['CIO', 'CTO', 'CISO'] as const;
export type Seat = (typeof SEATS)[number];
export const REPORTS_TO = ['CEO', 'board', 'CIO', 'CFO', 'other'] as const;
export type ReportsTo = (typeof REPORTS_TO)[number];
export const STANCES = ['supports', 'opposes', 'abstains'] as const;
export type Stance = (typeof STANCES)[number];
export const DECISION_STATUSES = ['open', 'decided', 'withdrawn'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
/** Stored response states of a concern; 'lapsed' (owed, past its date) is computed. */
export const RESPONSE_STATUSES = ['owed', 'responded', 'declined', 'no-holder'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
export const CONCERN_STATES = ['owed', 'responded', 'declined', 'lapsed', 'no-holder'] as const;
export type ConcernState = (typeof CONCERN_STATES)[number];
export const ACCEPTANCE_STATUSES = ['requested', 'approved', 'rejected', 'withdrawn', 'expired'] as const;
export type AcceptanceStatus = (typeof ACCEPTANCE_STATUSES)[number];
export const AUTHORITIES = ['executive', 'ciso-advisor-or-executive'] as const;
export type Authority = (typeof AUTHORITIES)[number];
export const CHECK_CODES = [
  'seat.vacant',
  'charter.uncovered',
  'ciso.reports-to-cio',
  'seats.conflict',
  'decision.overdue',
  'acceptance.expired',
  'acceptance.reapproval',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];
export const SEVERITIES = ['high', 'medium', 'low'] as const;

/** A calendar date `YYYY-MM-DD` that exists. */
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, 'is not a real date');

const Text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));
export const IdParam = z.string().max(64);

// --- Seats and charter ---

export const SeatInput = z.strictObject({
  holderUserId: z.string().max(64).nullable().describe('A member of the client (in-house or an advisor of the firm), or null: vacant'),
  since: DateString.nullable().optional().describe('Since when the holder holds the seat (default: today when the holder changes)'),
  reportsTo: z.enum(REPORTS_TO),
  reportsToNote: OptionalText(200).describe('Whom, when reportsTo is other; or a remark'),
});
export type SeatInput = z.input<typeof SeatInput>;

export const PersonOut = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  /** The person's role in this client, or null when no longer a member. */
  role: z.enum(['advisor', 'executive', 'contributor', 'viewer']).nullable(),
  /** in-house: the client's own person; advisor: the firm's. */
  kind: z.enum(['in-house', 'advisor']),
});
export type PersonOut = z.infer<typeof PersonOut>;

export const SeatOut = z.object({
  seat: z.enum(SEATS),
  holder: PersonOut.nullable(),
  since: z.string().nullable(),
  reportsTo: z.enum(REPORTS_TO),
  reportsToNote: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type SeatOut = z.infer<typeof SeatOut>;

export const ResponsibilityInput = z.strictObject({
  seat: z.enum(SEATS).describe('The charter it belongs to'),
  title: Text(200),
  description: OptionalText(1000),
  coveredBy: z.enum(SEATS).nullable().describe('The seat that covers it, or null: uncovered'),
});
export type ResponsibilityInput = z.input<typeof ResponsibilityInput>;
export const ResponsibilityPatch = z.strictObject({
  seat: z.enum(SEATS).optional(),
  title: Text(200).optional(),
  description: OptionalText(1000),
  coveredBy: z.enum(SEATS).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type ResponsibilityPatch = z.input<typeof ResponsibilityPatch>;

export const ResponsibilityOut = z.object({
  id: z.string(),
  seat: z.enum(SEATS),
  key: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  coveredBy: z.enum(SEATS).nullable(),
  position: z.number(),
  coverage: z.enum(['covered', 'uncovered', 'vacant-seat']).describe('vacant-seat: covered by a seat nobody holds'),
});
export type ResponsibilityOut = z.infer<typeof ResponsibilityOut>;

// --- Settings ---

export const SettingsPatch = z.strictObject({
  defaultAcceptanceMonths: z.number().int().min(1).max(12).optional().describe('Expiry offered for a new risk acceptance, in months'),
  maxAcceptanceMonths: z.number().int().min(1).max(12).optional().describe('Longest acceptance allowed, in months (never more than 12)'),
  materialChangePercent: z.number().min(1).max(1000).optional().describe('A rise of an accepted risk\'s mean annual loss beyond this share needs re-approval'),
  reminderDays: z.array(z.number().int().min(1).max(180)).max(5).optional().describe('Days before an acceptance expires when reminders go out'),
  concernResponseDays: z.number().int().min(1).max(90).optional().describe('Days a seat has to respond to a concern about its area'),
});
export type SettingsPatch = z.input<typeof SettingsPatch>;

export const GovSettings = z.object({
  defaultAcceptanceMonths: z.number(),
  maxAcceptanceMonths: z.number(),
  materialChangePercent: z.number(),
  reminderDays: z.array(z.number()),
  concernResponseDays: z.number(),
});
export type GovSettings = z.infer<typeof GovSettings>;

/**
 * The approval of risk acceptances within appetite, delegated by the client to the advisor
 * holding its CISO seat: recorded by an executive, audited, printed in the board pack.
 */
export const DelegationInput = z.strictObject({
  delegateUserId: z.string().max(64).describe('The advisor who holds the CISO seat'),
  limit: z.number().min(0, 'must not be negative').max(1e13).describe('The largest expected annual loss (major units) an acceptance may carry for the delegate to approve it'),
  since: DateString.optional().describe('The day the client decided it (default: today)'),
  note: OptionalText(1000).describe('Where it was decided, e.g. "Board meeting of 12 October 2026"'),
});
export type DelegationInput = z.input<typeof DelegationInput>;

export const DelegationOut = z.object({
  delegate: z.object({ userId: z.string(), name: z.string() }),
  /** Whether the delegate holds the CISO seat today: the delegation applies only while they do. */
  holdsCisoSeat: z.boolean(),
  limit: z.number().describe('Major units of expected annual loss'),
  since: z.string(),
  note: z.string().nullable(),
  recordedBy: z.object({ userId: z.string().nullable(), name: z.string() }),
  recordedAt: z.string(),
  /** The delegation in one sentence, as the approval screen and the board pack print it. */
  sentence: z.string(),
});
export type DelegationOut = z.infer<typeof DelegationOut>;

export const SettingsOut = GovSettings.extend({
  delegation: DelegationOut.nullable().describe('The approval of acceptances delegated to the CISO\'s advisor, or null: every acceptance goes to an executive'),
  can: z.object({ edit: z.boolean(), delegate: z.boolean() }),
});
export type SettingsOut = z.infer<typeof SettingsOut>;

// --- Checks ---

export const CheckOut = z.object({
  id: z.string().describe('Stable for the same finding, e.g. seat.vacant:CTO'),
  code: z.enum(CHECK_CODES),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  detail: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  /** The page in the client's workspace to act on it. */
  path: z.string().nullable(),
});
export type CheckOut = z.infer<typeof CheckOut>;

// --- Decisions ---

export const OptionLink = z.strictObject({
  kind: z.enum(['risk', 'treatment']).describe('A risk scenario or a treatment of the risk register'),
  id: IdParam,
});
export const OptionInput = z.strictObject({
  id: IdParam.optional().describe('Keeps an existing option (and positions preferring it) when editing'),
  title: Text(200),
  description: OptionalText(2000),
  cost: z.number().min(0).max(1e12).nullable().optional().describe('Cost in major units of the client\'s currency'),
  riskEffect: OptionalText(1000).describe('What it does to the risk, in words'),
  links: z.array(OptionLink).max(20).optional(),
  proposed: z.boolean().optional().describe('The option the proposal recommends (at most one)'),
});
export type OptionInput = z.input<typeof OptionInput>;

const decisionFields = {
  title: Text(200),
  context: OptionalText(8000),
  proposal: Text(4000).describe('What is proposed; each seat supports, opposes or abstains'),
  options: z.array(OptionInput).max(12),
  seats: z.array(z.enum(SEATS)).min(1).max(3).describe('The seats concerned, whose positions are asked'),
  decideBy: DateString.nullable().optional(),
  revisitOn: DateString.nullable().optional(),
};
export const DecisionInput = z.strictObject({ ...decisionFields, options: decisionFields.options.default([]) });
export type DecisionInput = z.input<typeof DecisionInput>;
export const DecisionPatch = z.strictObject({
  title: decisionFields.title.optional(),
  context: decisionFields.context,
  proposal: decisionFields.proposal.optional(),
  options: decisionFields.options.optional(),
  seats: decisionFields.seats.optional(),
  decideBy: decisionFields.decideBy,
  revisitOn: decisionFields.revisitOn,
});
export type DecisionPatch = z.input<typeof DecisionPatch>;

export const PositionInput = z.strictObject({
  stance: z.enum(STANCES),
  rationale: Text(4000),
  preferredOptionId: IdParam.nullable().optional(),
});
export type PositionInput = z.input<typeof PositionInput>;

export const DecideInput = z.strictObject({
  outcome: Text(4000).describe('The decision, in words'),
  chosenOptionId: IdParam.nullable().optional(),
  revisitOn: DateString.nullable().optional(),
});
export type DecideInput = z.input<typeof DecideInput>;

export const ReasonInput = z.strictObject({ reason: Text(2000) });

export const OptionOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  cost: z.number().nullable(),
  riskEffect: z.string().nullable(),
  links: z.array(z.object({ kind: z.enum(['risk', 'treatment']), id: z.string() })),
  proposed: z.boolean(),
});
export type OptionOut = z.infer<typeof OptionOut>;

const PersonRef = z.object({ userId: z.string(), name: z.string() });

export const PositionOut = z.object({
  seat: z.enum(SEATS),
  holder: PersonRef.nullable(),
  stance: z.enum(STANCES).nullable().describe('null: not recorded yet'),
  rationale: z.string().nullable(),
  preferredOptionId: z.string().nullable(),
  recordedBy: PersonRef.nullable(),
  onBehalf: z.boolean().describe('Recorded by an advisor for the holder'),
  recordedAt: z.string().nullable(),
});
export type PositionOut = z.infer<typeof PositionOut>;

export const DecisionOut = z.object({
  id: z.string(),
  title: z.string(),
  context: z.string().nullable(),
  proposal: z.string(),
  options: z.array(OptionOut),
  seats: z.array(z.enum(SEATS)),
  status: z.enum(DECISION_STATUSES),
  decideBy: z.string().nullable(),
  revisitOn: z.string().nullable(),
  overdue: z.boolean().describe('Open past its decide-by date, or decided past its revisit date'),
  escalated: z.boolean(),
  escalatedAt: z.string().nullable(),
  escalationReason: z.string().nullable(),
  awaitingExecutive: z.boolean().describe('Escalated and still open: only an executive can decide it'),
  positions: z.array(PositionOut),
  outcome: z.string().nullable(),
  chosenOptionId: z.string().nullable(),
  decidedBy: z.object({ userId: z.string().nullable(), name: z.string(), role: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  raisedBy: PersonRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  can: z.object({
    edit: z.boolean(),
    decide: z.boolean(),
    recordPositionFor: z.array(z.enum(SEATS)).describe('The seats whose position the caller may record'),
  }),
});
export type DecisionOut = z.infer<typeof DecisionOut>;

// --- Concerns ---

export const SubjectType = z
  .string()
  .regex(/^[a-z][a-z0-9.-]{0,39}$/, 'must be a lower-case kind such as finding, decision or report-section');

export const ConcernInput = z.strictObject({
  subjectType: SubjectType,
  subjectId: z.string().trim().min(1).max(200),
  subjectTitle: Text(300),
  seat: z.enum(SEATS).describe('The seat whose area it concerns'),
  summary: Text(4000).describe('What it says about that seat\'s area'),
  respondBy: DateString.optional(),
});
export type ConcernInput = z.input<typeof ConcernInput>;

export const ConcernResponseInput = z
  .strictObject({
    response: Text(4000).optional(),
    noComment: z.literal(true).optional().describe('Acknowledge without a response'),
  })
  .refine((v) => (v.response === undefined) !== (v.noComment === undefined), { message: 'give either a response or noComment: true', path: ['response'] });
export type ConcernResponseInput = z.input<typeof ConcernResponseInput>;

export const ConcernQuery = z.strictObject({
  subjectType: SubjectType.optional(),
  subjectId: z.string().max(200).optional(),
  seat: z.enum(SEATS).optional(),
  state: z.enum(CONCERN_STATES).optional(),
});

export const ConcernOut = z.object({
  id: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  subjectTitle: z.string(),
  seat: z.enum(SEATS),
  summary: z.string(),
  raisedBy: PersonRef.nullable(),
  holder: PersonRef.nullable(),
  respondBy: z.string(),
  state: z.enum(CONCERN_STATES).describe('owed: waiting for the seat; lapsed: owed past its date; no-holder: the seat was vacant'),
  response: z.string().nullable(),
  respondedBy: PersonRef.nullable(),
  respondedAt: z.string().nullable(),
  createdAt: z.string(),
  canRespond: z.boolean(),
});
export type ConcernOut = z.infer<typeof ConcernOut>;

// --- Risk acceptances ---

export const AcceptanceInput = z.strictObject({
  riskIds: z.array(IdParam).min(1, 'name at least one risk scenario').max(20).describe('The risk scenarios to accept'),
  title: Text(200).optional().describe('Default: the scenarios\' titles'),
  justification: Text(4000),
  expiresOn: DateString.describe('Required: the day the acceptance no longer holds, at most 12 months ahead (the client may set less)'),
});
export type AcceptanceInput = z.input<typeof AcceptanceInput>;

export const ApproveInput = z.strictObject({ note: OptionalText(2000) });

export const AcceptanceQuery = z.strictObject({ status: z.enum(ACCEPTANCE_STATUSES).optional() });

export const AcceptedRiskOut = z.object({
  riskId: z.string(),
  title: z.string(),
  /** The risk as it stood when frozen: the risk register's snapshot. */
  frozen: z.unknown(),
  frozenMean: z.number().nullable(),
  frozenP90: z.number().nullable(),
  latestMean: z.number().nullable(),
  /** Rise of the mean since it was frozen, in percent, or null. */
  changePercent: z.number().nullable(),
});
export type AcceptedRiskOut = z.infer<typeof AcceptedRiskOut>;

export const AcceptanceOut = z.object({
  id: z.string(),
  title: z.string(),
  justification: z.string(),
  status: z.enum(ACCEPTANCE_STATUSES),
  expiresOn: z.string(),
  daysLeft: z.number().describe('Days until it expires (negative when past)'),
  requestedBy: z.object({ userId: z.string().nullable(), name: z.string(), role: z.string() }),
  requestedAt: z.string(),
  appetite: z.object({
    defined: z.boolean(),
    above: z.boolean().describe('The whole portfolio, with these risks accepted as they stand, is above the appetite'),
    settled: z.boolean().describe('The simulated years settle the verdict'),
    explanation: z.string(),
  }),
  requiredAuthority: z.enum(AUTHORITIES),
  authorityReason: z.string().describe('Why this authority is required, in plain words'),
  approvedBy: z.object({ userId: z.string().nullable(), name: z.string(), role: z.string() }).nullable(),
  approvedAt: z.string().nullable(),
  closedBy: PersonRef.nullable(),
  closedAt: z.string().nullable(),
  note: z.string().nullable(),
  reapprovalRequired: z.boolean(),
  reapprovalReason: z.string().nullable(),
  awaitingBoard: z.boolean().describe('Waiting for an executive\'s approval'),
  risks: z.array(AcceptedRiskOut),
  can: z.object({ approve: z.boolean(), reject: z.boolean(), withdraw: z.boolean() }),
});
export type AcceptanceOut = z.infer<typeof AcceptanceOut>;

// --- Summary (home card) and board export ---

export const SummaryOut = z.object({
  checks: z.array(CheckOut),
  seats: z.array(SeatOut),
  openDecisions: z.number(),
  awaitingExecutive: z.number(),
  acceptancesAwaitingApproval: z.number(),
  acceptancesExpiringSoon: z.number().describe('Approved acceptances expiring within the longest reminder period'),
  responsesOwed: z.number(),
});
export type SummaryOut = z.infer<typeof SummaryOut>;

export const BoardOut = z.object({
  checks: z.array(CheckOut),
  decisionsForTheBoard: z.array(DecisionOut),
  acceptancesAwaitingBoard: z.array(AcceptanceOut),
  acceptedRisks: z.array(AcceptanceOut),
});
export type BoardOut = z.infer<typeof BoardOut>;
