/**
 * The controls API's shapes: catalogues and their versions, assessments with their outcomes,
 * answers, evidence and links to risk, requests to contributors, maturity, gaps, comparison,
 * CSV reports and the portfolio. Imports only zod, so the web app takes its types from here
 * (`@schema/controls`). Money is in major units of the client's currency.
 */
import { z } from 'zod';
import { SCALE_KEYS } from '../../shared/controls/scales.js';

export { levelLabel, SCALE_KEYS, SCALES, type ScaleDef, type ScaleKey, type ScaleLevel } from '../../shared/controls/scales.js';

export const SEATS = ['CIO', 'CTO', 'CISO'] as const;
export type Seat = (typeof SEATS)[number];
export const ASSESSMENT_STATUSES = ['in_progress', 'completed'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const REQUEST_STATUSES = ['open', 'submitted', 'accepted', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const EVIDENCE_KINDS = ['link', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const RISK_LINK_KINDS = ['scenario', 'treatment'] as const;
export type RiskLinkKind = (typeof RISK_LINK_KINDS)[number];

const Id = z.string().min(1).max(64);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const Level = z.number().int('must be a whole number').min(0).max(5);
const Seat = z.enum(SEATS);

// --- Catalogues -------------------------------------------------------------------------------

export const ClassCountOut = z.object({ class: z.string(), kind: z.enum(['group', 'control']), active: z.number(), withdrawn: z.number() });
export const CatalogueCountsOut = z.object({
  groups: z.number(),
  controls: z.number().describe('Controls not withdrawn, enhancements included'),
  withdrawn: z.number(),
  outcomes: z.number().describe('The controls an assessment rates'),
  byClass: z.array(ClassCountOut),
});
export type CatalogueCountsOut = z.infer<typeof CatalogueCountsOut>;

export const CatalogueVersionOut = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  kind: z.enum(['catalog', 'resolved-profile']),
  oscalVersion: z.string().nullable(),
  published: z.string().nullable(),
  lastModified: z.string().nullable(),
  sha256: z.string(),
  fileName: z.string().nullable(),
  bytes: z.number(),
  importedAt: z.string(),
  importedBy: z.string(),
  counts: CatalogueCountsOut,
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type CatalogueVersionOut = z.infer<typeof CatalogueVersionOut>;

export const CatalogueOut = z.object({
  id: z.string(),
  uuid: z.string().describe('The OSCAL catalogue\u2019s uuid: importing it again adds a version'),
  title: z.string(),
  builtin: z.string().nullable().describe('Set for the catalogues that come with Triad (nist-csf-2.0)'),
  latest: CatalogueVersionOut,
  versions: z.array(CatalogueVersionOut).describe('Newest first'),
});
export type CatalogueOut = z.infer<typeof CatalogueOut>;

export const CatalogueImportReport = z.object({
  importId: z.string(),
  action: z.enum(['created', 'version-added', 'unchanged']),
  catalogue: CatalogueOut,
  version: CatalogueVersionOut,
  durationMs: z.number(),
});
export type CatalogueImportReport = z.infer<typeof CatalogueImportReport>;

export const CatalogueImportProgress = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  phase: z.enum(['reading', 'checking', 'storing', 'done', 'failed']),
  fraction: z.number(),
  nodesTotal: z.number(),
  nodesStored: z.number(),
  error: z.string().nullable(),
});
export type CatalogueImportProgress = z.infer<typeof CatalogueImportProgress>;

export const NodeOut = z.object({
  id: z.string(),
  kind: z.enum(['group', 'control']),
  parentId: z.string().nullable(),
  depth: z.number(),
  class: z.string().nullable(),
  title: z.string(),
  label: z.string().nullable(),
  withdrawn: z.boolean(),
  assessable: z.boolean(),
  outcomes: z.number().describe('Outcomes at or under this node'),
});
export type NodeOut = z.infer<typeof NodeOut>;

export const CatalogueTreeOut = z.object({ catalogueId: z.string(), versionId: z.string(), version: z.string(), nodes: z.array(NodeOut) });
export type CatalogueTreeOut = z.infer<typeof CatalogueTreeOut>;

// --- Assessments ------------------------------------------------------------------------------

export const ScopeInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('groups'), ids: z.array(Id).min(1, 'choose at least one group').max(500).describe('Groups or categories (headings) whose outcomes are assessed') }),
  z.strictObject({ kind: z.literal('profile'), profile: z.unknown().describe('An OSCAL profile document (JSON); its imports choose the outcomes') }),
]);
export type ScopeInput = z.infer<typeof ScopeInput>;

export const ScopeOut = z.object({
  kind: z.enum(['all', 'groups', 'profile']),
  ids: z.array(z.string()).describe('The chosen groups (kind groups)'),
  title: z.string().nullable().describe('The profile\u2019s title (kind profile)'),
});
export type ScopeOut = z.infer<typeof ScopeOut>;

export const AssessmentInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  catalogueId: Id,
  versionId: Id.optional().describe('Default: the catalogue\u2019s latest version'),
  scale: z.enum(SCALE_KEYS).optional().describe('Default: CSF tiers for NIST CSF, else the 0\u20135 maturity scale; a copy keeps its original\u2019s'),
  scope: ScopeInput.optional().describe('Default: every outcome (a copy keeps its original\u2019s)'),
  copyFrom: Id.optional().describe('A completed assessment of the same catalogue whose answers, evidence and links start this one'),
  defaultTarget: Level.optional().describe('A target level set on every outcome that has none'),
  dueOn: IsoDate.optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const AssessmentPatch = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  dueOn: IsoDate.nullable().optional(),
});
export type AssessmentPatch = z.infer<typeof AssessmentPatch>;

export const PersonOut = z.object({ id: z.string().nullable(), name: z.string() });

export const MaturityFigures = z.object({
  current: z.number().nullable().describe('Mean current level of the answered, applicable outcomes'),
  target: z.number().nullable().describe('Mean target level'),
});

export const AssessmentSummary = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(ASSESSMENT_STATUSES),
  catalogue: z.object({ id: z.string(), title: z.string(), builtin: z.string().nullable() }),
  version: z.object({ id: z.string(), version: z.string() }),
  scale: z.enum(SCALE_KEYS),
  scope: ScopeOut,
  outcomes: z.number(),
  answered: z.number().describe('Outcomes with a current level, or marked not applicable'),
  notApplicable: z.number(),
  evidenced: z.number().describe('Applicable outcomes with at least one piece of evidence'),
  gaps: z.number().describe('Applicable outcomes whose current level is below the target'),
  maturity: MaturityFigures,
  copiedFrom: z.object({ id: z.string(), title: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  signOffNote: z.string().nullable(),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummary>;

export const AnswerOut = z.object({
  current: z.number().nullable(),
  target: z.number().nullable(),
  notApplicable: z.boolean(),
  naReason: z.string().nullable(),
  ownerSeat: Seat.nullable(),
  notes: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type AnswerOut = z.infer<typeof AnswerOut>;

export const EvidenceOut = z.object({
  id: z.string(),
  controlId: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  bytes: z.number().nullable(),
  sha256: z.string().nullable(),
  downloadUrl: z.string().nullable(),
  addedBy: z.string(),
  addedAt: z.string(),
  carriedOver: z.boolean().describe('Copied from the assessment this one started from'),
});
export type EvidenceOut = z.infer<typeof EvidenceOut>;

export const RiskLinkOut = z.object({
  kind: z.enum(RISK_LINK_KINDS),
  id: z.string(),
  label: z.string().describe('Ref and title as they were when linked'),
  exists: z.boolean().describe('False when the scenario or treatment has since been deleted'),
  scenarioId: z.string().nullable().describe('The scenario (a treatment\u2019s own scenario)'),
  mean: z.number().nullable().describe('The scenario\u2019s current mean annual loss (after planned and in-place treatments)'),
});
export type RiskLinkOut = z.infer<typeof RiskLinkOut>;

export const OutcomeOut = z.object({
  controlId: z.string(),
  title: z.string(),
  label: z.string().nullable(),
  class: z.string().nullable(),
  statement: z.string().nullable(),
  examples: z.array(z.string()).describe('Implementation examples'),
  guidance: z.string().nullable(),
  functionId: z.string().describe('The top-level group'),
  categoryId: z.string().nullable().describe('The group or control it sits in'),
  answer: AnswerOut,
  evidence: z.array(EvidenceOut),
  links: z.array(RiskLinkOut),
  canAnswer: z.boolean().describe('Whether the caller may change this answer now'),
});
export type OutcomeOut = z.infer<typeof OutcomeOut>;

export const GroupOut = z.object({ id: z.string(), kind: z.enum(['group', 'control']), parentId: z.string().nullable(), depth: z.number(), class: z.string().nullable(), title: z.string(), label: z.string().nullable(), statement: z.string().nullable() });
export type GroupOut = z.infer<typeof GroupOut>;

export const RequestOut = z.object({
  id: z.string(),
  nodeId: z.string(),
  nodeTitle: z.string(),
  assignee: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  askedBy: z.string(),
  dueOn: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  returnedNote: z.string().nullable().describe('Why an advisor sent the answers back'),
  outcomes: z.number(),
  answered: z.number(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
export type RequestOut = z.infer<typeof RequestOut>;

export const ScaleOut = z.object({
  key: z.enum(SCALE_KEYS),
  name: z.string(),
  unit: z.string(),
  min: z.number(),
  max: z.number(),
  levels: z.array(z.object({ value: z.number(), name: z.string(), description: z.string() })),
});

export const AssessmentDetailOut = z.object({
  assessment: AssessmentSummary,
  scale: ScaleOut,
  groups: z.array(GroupOut).describe('The groups and headings above the outcomes, in catalogue order'),
  outcomes: z.array(OutcomeOut),
  requests: z.array(RequestOut),
  can: z.object({ manage: z.boolean(), answer: z.boolean(), signOff: z.boolean() }),
  evidenceMaxBytes: z.number(),
});
export type AssessmentDetailOut = z.infer<typeof AssessmentDetailOut>;

export const AssessmentListOut = z.object({
  assessments: z.array(AssessmentSummary),
  can: z.object({ manage: z.boolean() }),
});
export type AssessmentListOut = z.infer<typeof AssessmentListOut>;

export const AnswerInput = z.strictObject({
  current: Level.nullable().optional(),
  target: Level.nullable().optional(),
  notApplicable: z.boolean().optional(),
  naReason: z.string().trim().max(2000).nullable().optional(),
  ownerSeat: Seat.nullable().optional(),
  notes: z.string().trim().max(10_000).nullable().optional(),
});
export type AnswerInput = z.infer<typeof AnswerInput>;

export const EvidenceLinkInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2000),
});
export type EvidenceLinkInput = z.infer<typeof EvidenceLinkInput>;

export const EvidenceFileQuery = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  title: z.string().trim().min(1).max(300).optional(),
  mediaType: z
    .string()
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, 'must be a media type such as application/pdf')
    .max(127)
    .optional(),
});

export const LinksInput = z.strictObject({
  scenarioIds: z.array(Id).max(100).default([]),
  treatmentIds: z.array(Id).max(100).default([]),
});
export type LinksInput = z.infer<typeof LinksInput>;

export const RequestInput = z.strictObject({
  nodeId: Id.describe('A group or heading (category) of the assessment, or one outcome'),
  assigneeUserId: Id,
  dueOn: IsoDate.optional(),
  note: z.string().trim().max(2000).optional(),
});
export type RequestInput = z.infer<typeof RequestInput>;

export const ReturnInput = z.strictObject({ note: z.string().trim().min(3, 'say what needs another look').max(2000) });
export const CompleteInput = z.strictObject({ note: z.string().trim().max(2000).optional() });

export const RiskTargetsOut = z.object({
  currency: z.string(),
  scenarios: z.array(
    z.object({
      id: z.string(),
      ref: z.string(),
      title: z.string(),
      status: z.string(),
      mean: z.number().nullable(),
      treatments: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string(), status: z.string() })),
    }),
  ),
});
export type RiskTargetsOut = z.infer<typeof RiskTargetsOut>;

// --- Analysis ---------------------------------------------------------------------------------

export const MaturityRow = z.object({
  id: z.string(),
  title: z.string(),
  label: z.string().nullable(),
  parentId: z.string().nullable(),
  current: z.number().nullable(),
  target: z.number().nullable(),
  outcomes: z.number(),
  answered: z.number(),
  notApplicable: z.number(),
  evidenced: z.number(),
  gaps: z.number(),
});
export type MaturityRow = z.infer<typeof MaturityRow>;

export const MaturityOut = z.object({
  assessmentId: z.string(),
  scale: z.enum(SCALE_KEYS),
  /** What the catalogue calls its levels: "Function" and "Category" for CSF. */
  words: z.object({ top: z.string(), second: z.string() }),
  overall: MaturityRow,
  functions: z.array(MaturityRow),
  categories: z.array(MaturityRow),
});
export type MaturityOut = z.infer<typeof MaturityOut>;

export const GapOut = z.object({
  rank: z.number(),
  controlId: z.string(),
  title: z.string(),
  statement: z.string().nullable(),
  functionId: z.string(),
  functionTitle: z.string(),
  categoryId: z.string().nullable(),
  categoryTitle: z.string().nullable(),
  current: z.number(),
  target: z.number(),
  gap: z.number().describe('Target minus current'),
  atStake: z.number().describe('Current mean annual loss of the linked scenarios (directly or through a treatment), in the portfolio'),
  scenarios: z.array(z.object({ id: z.string(), ref: z.string(), title: z.string(), mean: z.number() })),
  treatments: z.array(z.object({ id: z.string(), ref: z.string(), name: z.string(), status: z.string(), scenarioId: z.string() })).describe('The risk register\u2019s treatments linked to the outcome (that implement it), still in the register'),
  ownerSeat: Seat.nullable(),
  evidence: z.number(),
});
export type GapOut = z.infer<typeof GapOut>;

export const GapsOut = z.object({ assessmentId: z.string(), currency: z.string(), gaps: z.array(GapOut), unlinked: z.number().describe('Gaps linked to no scenario: nothing in money at stake') });
export type GapsOut = z.infer<typeof GapsOut>;

const Side = z.object({ current: z.number().nullable(), target: z.number().nullable(), notApplicable: z.boolean() }).nullable();
export const COMPARE_CHANGES = ['up', 'down', 'same', 'new', 'removed', 'not-applicable'] as const;

export const ComparisonOut = z.object({
  from: AssessmentSummary,
  to: AssessmentSummary,
  scale: z.enum(SCALE_KEYS),
  overall: z.object({ before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable() }),
  functions: z.array(z.object({ id: z.string(), title: z.string(), before: z.number().nullable(), after: z.number().nullable(), delta: z.number().nullable() })),
  outcomes: z.array(
    z.object({
      controlId: z.string(),
      title: z.string(),
      functionId: z.string(),
      before: Side,
      after: Side,
      change: z.enum(COMPARE_CHANGES).describe('How the current level moved; not-applicable when either side does not apply'),
    }),
  ),
  counts: z.object({ up: z.number(), down: z.number(), same: z.number(), new: z.number(), removed: z.number(), notApplicable: z.number() }),
});
export type ComparisonOut = z.infer<typeof ComparisonOut>;

export const CsvProblem = z.object({ line: z.number(), column: z.string(), reason: z.string() });
export type CsvProblem = z.infer<typeof CsvProblem>;
export const CsvImportReport = z.object({
  status: z.enum(['checked', 'imported', 'rejected']),
  dryRun: z.boolean(),
  rows: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  problems: z.array(CsvProblem),
  results: z.array(z.object({ line: z.number(), controlId: z.string(), action: z.enum(['update', 'unchanged', 'reject']), changed: z.array(z.string()) })),
  ignoredColumns: z.array(z.string()),
});
export type CsvImportReport = z.infer<typeof CsvImportReport>;

export const PortfolioMaturityRow = z.object({
  clientId: z.string(),
  catalogue: z.string(),
  scale: z.enum(SCALE_KEYS),
  latest: z.object({ id: z.string(), title: z.string(), completedAt: z.string(), current: z.number().nullable(), target: z.number().nullable() }).nullable(),
  inProgress: z.object({ id: z.string(), title: z.string(), outcomes: z.number(), answered: z.number(), current: z.number().nullable() }).nullable(),
});
export type PortfolioMaturityRow = z.infer<typeof PortfolioMaturityRow>;
