/**
 * The reports API's shapes: the board pack's content model (sections of blocks: figures,
 * tables, charts, positions side by side, responses), the packs, the ransomware one-pager and
 * the firm's portfolio report. Imports only zod, so the web app takes its types from here.
 * Money is in major units of the client's currency; text meant for people is already written
 * in the content (the PDF, the HTML page and the web app show the same words and figures).
 */
import { z } from 'zod';

export const SECTION_KEYS = ['summary', 'risk', 'decisions', 'governance', 'vendors', 'lifecycle', 'maturity', 'budget', 'roadmap'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const SEATS = ['CIO', 'CTO', 'CISO'] as const;
export const TONES = ['neutral', 'good', 'bad', 'warn'] as const;
export type Tone = (typeof TONES)[number];

/** A quarter key such as 2026Q4. */
export const QuarterKey = z
  .string()
  .regex(/^(20\d\d)Q[1-4]$/, 'must be a quarter such as 2026Q4');

// --- Charts: the data a chart is drawn from; the option comes from src/shared/charts ---

const Point = z.object({ loss: z.number(), probability: z.number() });

export const ChartSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('loss-exceedance'),
    currency: z.string(),
    inherent: z.array(Point),
    residual: z.array(Point).nullable(),
    retained: z.array(Point).nullable().optional().describe('Kept after insurance'),
    tolerance: z.array(Point),
  }),
  z.object({
    type: z.literal('replacement-cost'),
    currency: z.string(),
    quarters: z.array(z.object({ quarter: z.string(), systems: z.number(), replacementCost: z.number() })),
  }),
  z.object({
    type: z.literal('worst-case'),
    currency: z.string(),
    components: z.array(z.object({ label: z.string(), low: z.number(), typical: z.number(), high: z.number() })),
  }),
  z.object({
    type: z.literal('budget-months'),
    currency: z.string(),
    months: z.array(z.object({ label: z.string(), plan: z.number(), actual: z.number().nullable(), forecast: z.number() })),
  }),
  z.object({
    type: z.literal('risk-trend'),
    currency: z.string(),
    points: z.array(z.object({ label: z.string(), mean: z.number(), p90: z.number() })),
  }),
  z.object({
    type: z.literal('maturity'),
    unit: z.string(),
    min: z.number(),
    max: z.number(),
    groups: z.array(z.object({ label: z.string(), previous: z.number().nullable(), current: z.number().nullable(), target: z.number().nullable() })),
  }),
]);
export type ChartSpec = z.infer<typeof ChartSpec>;

// --- Blocks ---

export const Figure = z.object({
  label: z.string(),
  value: z.string().describe('The figure as printed'),
  amount: z.number().nullable().describe('The number behind it (money in major units), when there is one'),
  note: z.string().nullable(),
  tone: z.enum(TONES),
});
export type Figure = z.infer<typeof Figure>;

export const TableColumn = z.object({
  key: z.string(),
  label: z.string(),
  align: z.enum(['left', 'right']),
  /** Relative width. */
  width: z.number(),
});

export const TableRow = z.object({ cells: z.record(z.string(), z.string()), tone: z.enum(TONES) });

export const PositionBlockItem = z.object({
  seat: z.enum(SEATS),
  holder: z.string().nullable(),
  stance: z.enum(['supports', 'opposes', 'abstains']).nullable(),
  rationale: z.string().nullable(),
  prefers: z.string().nullable().describe('The option the seat prefers, when another than the proposal'),
});

export const ResponseItem = z.object({
  subjectType: z.string(),
  subjectId: z.string(),
  about: z.string().describe('What the concern is about'),
  seat: z.enum(SEATS),
  holder: z.string().nullable(),
  raisedBy: z.string().nullable(),
  concern: z.string(),
  state: z.enum(['owed', 'responded', 'declined', 'lapsed', 'no-holder']),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  respondBy: z.string(),
});
export type ResponseItem = z.infer<typeof ResponseItem>;

export const Block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string(), tone: z.enum(TONES) }),
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('figures'), items: z.array(Figure) }),
  z.object({ kind: z.literal('list'), items: z.array(z.object({ text: z.string(), tone: z.enum(TONES) })) }),
  z.object({
    kind: z.literal('table'),
    caption: z.string().nullable(),
    columns: z.array(TableColumn),
    rows: z.array(TableRow),
    empty: z.string().describe('What to say when there are no rows'),
    note: z.string().nullable().describe('E.g. "and 12 more"'),
  }),
  z.object({ kind: z.literal('chart'), chart: ChartSpec, caption: z.string(), alt: z.string() }),
  z.object({
    kind: z.literal('positions'),
    title: z.string(),
    proposal: z.string(),
    detail: z.string().nullable(),
    positions: z.array(PositionBlockItem),
  }),
  z.object({ kind: z.literal('responses'), items: z.array(ResponseItem) }),
  z.object({ kind: z.literal('unavailable'), text: z.string() }),
  z.object({ kind: z.literal('fineprint'), text: z.string() }),
]);
export type Block = z.infer<typeof Block>;

export const SubjectRef = z.object({ type: z.string(), id: z.string(), title: z.string() });

export const Section = z.object({
  key: z.enum(SECTION_KEYS),
  number: z.number().int(),
  title: z.string(),
  /** One plain sentence: what the section says. */
  lead: z.string(),
  blocks: z.array(Block),
  /** The records shown in it, for the seats' responses (no blindsiding). */
  subjects: z.array(SubjectRef),
});
export type Section = z.infer<typeof Section>;

export const OwedOut = z.object({
  subjectType: z.string(),
  subjectId: z.string(),
  about: z.string(),
  seat: z.enum(SEATS),
  holder: z.string().nullable(),
  kind: z.enum(['concern', 'position']).describe('A response to a concern, or a decision\u2019s missing position'),
  respondBy: z.string().nullable(),
});
export type OwedOut = z.infer<typeof OwedOut>;

const Change = z.object({ before: z.number(), after: z.number(), delta: z.number(), percent: z.number().nullable() });
const AppetiteState = z.enum(['within', 'above', 'not-set', 'unknown']);
export type AppetiteState = z.infer<typeof AppetiteState>;

export const Comparison = z.object({
  previousPackId: z.string(),
  previousQuarter: z.string(),
  previousIssuedAt: z.string(),
  expectedLoss: Change.nullable(),
  p90: Change.nullable(),
  p99: Change.nullable(),
  appetite: z.object({ before: AppetiteState, after: AppetiteState }),
  newRisks: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), mean: z.number() })),
  closedRisks: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), mean: z.number() })),
  moved: z.array(
    z.object({ id: z.string(), ref: z.string(), title: z.string(), rankBefore: z.number().nullable(), rankAfter: z.number().nullable(), meanBefore: z.number().nullable(), meanAfter: z.number().nullable() }),
  ),
});
export type Comparison = z.infer<typeof Comparison>;

export const PackFigures = z.object({
  expectedLoss: z.number().nullable().describe('Mean annual loss with planned and in-place treatments'),
  p90: z.number().nullable().describe('1-in-10-year annual loss'),
  p99: z.number().nullable().describe('1-in-100-year annual loss'),
  inherentExpectedLoss: z.number().nullable(),
  treatmentCost: z.number().nullable(),
  scenarioCount: z.number(),
  appetite: AppetiteState,
  riskComputedAt: z.string().nullable(),
  riskStale: z.boolean(),
  decisionsForBoard: z.number(),
  acceptancesAwaitingBoard: z.number(),
  /** With insurance (absent in packs made before it): what the company keeps, and premiums against recoveries. */
  keptExpectedLoss: z.number().nullable().optional().describe('Expected annual loss kept after insurance'),
  keptP99: z.number().nullable().optional(),
  premium: z.number().nullable().optional(),
  expectedRecovery: z.number().nullable().optional(),
});
export type PackFigures = z.infer<typeof PackFigures>;

export const BoardPackContent = z.object({
  version: z.literal(1),
  kind: z.literal('board'),
  client: z.object({ id: z.string(), name: z.string(), sector: z.string(), currency: z.string() }),
  quarter: z.object({ key: z.string(), label: z.string(), start: z.string(), end: z.string() }),
  /** Renewals, deadlines and lifecycle events are those from `from` to `to`. */
  window: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  generatedAt: z.string(),
  asOf: z.string().describe('The date the figures are as of'),
  figures: PackFigures,
  comparison: Comparison.nullable(),
  sections: z.array(Section),
  owed: z.array(OwedOut).describe('Responses owed when the content was made'),
  issue: z
    .object({
      issuedAt: z.string(),
      issuedBy: z.string(),
      override: z.object({ reason: z.string(), owed: z.array(OwedOut) }).nullable(),
      auditTrail: z
        .object({ entries: z.number(), headHash: z.string() })
        .nullable()
        .optional()
        .describe('The client\'s audit trail when the pack was issued: its entry count and last hash, an anchor `triad audit verify` checks'),
    })
    .nullable(),
  /** Every portfolio risk with its figures, for the next quarter's comparison. */
  snapshot: z.object({ risks: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), mean: z.number(), p90: z.number() })) }),
});
export type BoardPackContent = z.infer<typeof BoardPackContent>;

// --- Packs ---

export const PACK_STATUSES = ['generating', 'draft', 'failed', 'issued'] as const;

export const PackFileOut = z.object({ format: z.enum(['pdf', 'html']), bytes: z.number(), sha256: z.string(), url: z.string() });

export const PackOut = z.object({
  id: z.string(),
  kind: z.literal('board'),
  quarter: z.string(),
  quarterLabel: z.string(),
  status: z.enum(PACK_STATUSES),
  generatedAt: z.string().nullable(),
  requestedBy: z.string(),
  error: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedBy: z.string().nullable(),
  overrideReason: z.string().nullable(),
  comparedToQuarter: z.string().nullable(),
  figures: PackFigures.nullable(),
  files: z.array(PackFileOut),
  contentHash: z.string().nullable(),
});
export type PackOut = z.infer<typeof PackOut>;

export const PackDetailOut = PackOut.extend({
  content: BoardPackContent.nullable(),
  /** For a draft: the responses owed now, which keep it from being issued without an override. */
  owedNow: z.array(OwedOut),
  can: z.object({ generate: z.boolean(), issue: z.boolean() }),
});
export type PackDetailOut = z.infer<typeof PackDetailOut>;

export const PackListOut = z.object({
  packs: z.array(PackOut),
  /** The quarter a new pack would be for by default (the current one). */
  currentQuarter: z.string(),
  can: z.object({ generate: z.boolean(), readDrafts: z.boolean() }),
});
export type PackListOut = z.infer<typeof PackListOut>;

export const GenerateInput = z.strictObject({
  quarter: QuarterKey.describe('The quarter, e.g. 2026Q4'),
});
export type GenerateInput = z.infer<typeof GenerateInput>;

export const IssueInput = z.strictObject({
  overrideReason: z
    .string()
    .trim()
    .min(10, 'give a reason of at least 10 characters')
    .max(2000)
    .optional()
    .describe('Issue although responses are owed (advisors): why; recorded in the audit trail and printed in the pack'),
});
export type IssueInput = z.infer<typeof IssueInput>;

// --- Ransomware worst case ---

export const WorstCaseReport = z.object({
  client: z.object({ id: z.string(), name: z.string(), currency: z.string() }),
  generatedAt: z.string(),
  asOf: z.string(),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  /** One attack: the scenario's 5 % end, its expected cost, the 95 % ends together. */
  range: z.object({ low: z.number(), expected: z.number(), high: z.number() }).nullable(),
  expectedWithMeasures: z.number().nullable(),
  /** What the company keeps of one attack after insurance; null without a policy covering it. */
  kept: z.object({ low: z.number(), expected: z.number().nullable(), high: z.number() }).nullable().optional(),
  components: z.array(z.object({ label: z.string(), low: z.number(), typical: z.number(), high: z.number(), basis: z.string() })),
  /** How each figure was derived, one line each. */
  lines: z.array(z.object({ key: z.string(), text: z.string() })),
  assumptions: z.array(z.string()),
  scenario: z
    .object({
      ref: z.string(),
      title: z.string(),
      inherentMean: z.number().nullable(),
      mean: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
      withProposedMean: z.number().nullable(),
      attacksPerYear: z.number(),
    })
    .nullable(),
  treatments: z.array(z.object({ name: z.string(), status: z.enum(['proposed', 'planned', 'in_place']), annualCost: z.number(), oneTimeCost: z.number() })),
  costs: z.object({
    inPlaceOrPlannedAnnual: z.number(),
    proposedAnnual: z.number(),
    proposedOneTime: z.number(),
  }),
  /** Plain-language lines: the worst case, what the treatments cost and what they cut. */
  sentences: z.array(z.string()),
  chart: ChartSpec,
  /** The one-pager as blocks, as the PDF and HTML draw it (the web app shows the same). */
  blocks: z.array(Block),
});
export type WorstCaseReport = z.infer<typeof WorstCaseReport>;

// --- The firm's portfolio report ---

export const PortfolioRow = z.object({
  clientId: z.string(),
  name: z.string(),
  sector: z.string(),
  currency: z.string(),
  role: z.enum(['advisor', 'executive', 'contributor', 'viewer']),
  expectedLoss: z.number().nullable(),
  p90: z.number().nullable(),
  appetite: AppetiteState,
  openEscalations: z.number().nullable().describe('Escalated decisions waiting for an executive'),
  acceptancesAwaitingApproval: z.number().nullable().describe('Risk acceptances waiting for an approver'),
  expiringAcceptances: z.number().nullable().describe('Risk acceptances in force that expire within the window'),
  renewals: z.number().nullable().describe('Contract renewals or notice deadlines within the window'),
  renewalsAnnualCost: z.number().nullable(),
  lastIssuedQuarter: z.string().nullable(),
  budgetLabel: z.string().nullable().describe('The fiscal year of the budget figures, e.g. FY2027'),
  budgetVariance: z.number().nullable().describe('This fiscal year\u2019s forecast minus its plan (null: no budget planned)'),
  budgetVariancePercent: z.number().nullable(),
  initiativesDue: z.number().nullable().describe('Open initiatives planned for the current quarter'),
  unavailable: z.array(z.string()).describe('What could not be read for this client'),
});
export type PortfolioRow = z.infer<typeof PortfolioRow>;

export const PortfolioReport = z.object({
  firm: z.string(),
  generatedAt: z.string(),
  asOf: z.string(),
  window: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  rows: z.array(PortfolioRow),
  totals: z.array(z.object({ currency: z.string(), expectedLoss: z.number(), clients: z.number() })),
  aboveAppetite: z.number(),
});
export type PortfolioReport = z.infer<typeof PortfolioReport>;

export const FormatQuery = z.strictObject({ download: z.enum(['0', '1']).optional().describe('1: as an attachment (Content-Disposition)') });

// --- The quarterly business review: the same blocks, its own sections (qbr/content.ts builds it) ---

export const QBR_SECTION_KEYS = ['summary', 'done', 'roadmap', 'budget', 'lifecycle', 'maturity', 'risk'] as const;
export type QbrSectionKey = (typeof QBR_SECTION_KEYS)[number];

export const QbrSection = z.object({
  key: z.enum(QBR_SECTION_KEYS),
  number: z.number().int(),
  title: z.string(),
  lead: z.string(),
  blocks: z.array(Block),
});
export type QbrSection = z.infer<typeof QbrSection>;

export const QbrContent = z.object({
  version: z.literal(1),
  kind: z.literal('qbr'),
  client: z.object({ id: z.string(), name: z.string(), sector: z.string(), currency: z.string() }),
  /** The quarter the review opens: it looks back on the one before and plans this one and the next three. */
  quarter: z.object({ key: z.string(), label: z.string(), start: z.string(), end: z.string() }),
  previousQuarter: z.object({ key: z.string(), label: z.string() }),
  generatedAt: z.string(),
  asOf: z.string(),
  figures: z.object({
    budgetPlan: z.number().nullable(),
    budgetForecast: z.number().nullable(),
    budgetVariance: z.number().nullable(),
    doneLastQuarter: z.number(),
    plannedNextFour: z.number(),
    expectedLoss: z.number().nullable(),
    riskReducedByRoadmap: z.number(),
  }),
  sections: z.array(QbrSection),
});
export type QbrContent = z.infer<typeof QbrContent>;

export const QbrQuery = z.strictObject({
  quarter: z.string().regex(/^(20\d\d)Q[1-4]$/, 'must be a quarter such as 2026Q4').optional().describe('The quarter the review opens (default: the current one)'),
  download: z.enum(['0', '1']).optional().describe('1: as an attachment (Content-Disposition)'),
});
