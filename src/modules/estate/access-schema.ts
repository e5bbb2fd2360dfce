/**
 * The data map (data sets, where they are held) and the access to them: access grants and the
 * access reviews that certify or revoke them: what their routes take and answer. Imports zod,
 * the module's vocabulary and the building blocks of schema.ts.
 */
import { z } from 'zod';
import { PageInfo, pageQuery, sortQuery } from '../../shared/paging.js';
import { DateString, IdParam, OptionalText, Text } from './schema.js';
import {
  ACCESS_LEVELS,
  CLASSIFICATIONS,
  DATA_CATEGORIES,
  GRANTEE_TYPES,
  GRANT_TARGETS,
  LIFECYCLE_STAGES,
  REVIEW_DECISIONS,
  REVIEW_STATUSES,
  SYSTEM_SCOPES,
  SYSTEM_TYPES,
} from './vocab.js';

// ---- Data map

export const CountryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code such as US or DE'));

const datasetFields = {
  name: Text(200),
  description: OptionalText(2000),
  classification: z.enum(CLASSIFICATIONS),
  categories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  records: z.number().int().min(0).max(1e12).describe('Number of records (people, accounts, documents…)'),
  countries: z.array(CountryCode).max(250).describe('Where the data is stored or processed'),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  retention: OptionalText(500).describe('How long it is kept, e.g. "7 years after the engagement ends"'),
  owner: OptionalText(200),
  systemIds: z.array(IdParam).max(1000).describe('Systems where it is stored or processed (replaces the list)'),
  vendorIds: z.array(IdParam).max(1000).describe('Vendors that store or process it (replaces the list)'),
};

export const DatasetInput = z.strictObject({
  ...datasetFields,
  classification: datasetFields.classification.default('internal'),
  categories: datasetFields.categories.default([]),
  records: datasetFields.records.default(0),
  countries: datasetFields.countries.default([]),
  lifecycleStage: datasetFields.lifecycleStage.default('store'),
  systemIds: datasetFields.systemIds.default([]),
  vendorIds: datasetFields.vendorIds.default([]),
});

export type DatasetInput = z.input<typeof DatasetInput>;

export const DatasetPatch = z.strictObject(datasetFields).partial();

export type DatasetPatch = z.input<typeof DatasetPatch>;

const Ref = z.object({ id: z.string(), name: z.string() });

export const DatasetOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  classification: z.enum(CLASSIFICATIONS),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  records: z.number(),
  countries: z.array(z.string()),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  retention: z.string().nullable(),
  owner: z.string().nullable(),
  systems: z.array(Ref),
  vendors: z.array(Ref),
  activeGrants: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type DatasetOut = z.infer<typeof DatasetOut>;

export const DATASET_SORTS = ['name', 'records'] as const;
export type DatasetSort = (typeof DATASET_SORTS)[number];

export const DatasetQuery = z.strictObject({
  classification: z.enum(CLASSIFICATIONS).optional(),
  search: z.string().trim().max(200).optional().describe('Part of the name or description'),
  ...sortQuery(DATASET_SORTS, 'name'),
  ...pageQuery(100),
});
export type DatasetQuery = z.input<typeof DatasetQuery>;

export const DatasetList = z.object({ datasets: z.array(DatasetOut), ...PageInfo });
export type DatasetList = z.infer<typeof DatasetList>;

const HeldDataset = z.object({ id: z.string(), name: z.string(), classification: z.enum(CLASSIFICATIONS), records: z.number(), via: z.string().nullable() });

export const DataLocationsOut = z.object({
  classification: z.enum(CLASSIFICATIONS).describe('Data sets at this classification or above'),
  datasets: z.number(),
  records: z.number(),
  systems: z.array(z.object({
    id: z.string(), name: z.string(), type: z.enum(SYSTEM_TYPES), scope: z.enum(SYSTEM_SCOPES), vendorName: z.string().nullable(), location: z.string().nullable(),
    datasets: z.array(HeldDataset),
  })),
  vendors: z.array(z.object({
    id: z.string(), name: z.string(), tier: z.number(), direct: z.boolean(), fourthParty: z.boolean(), country: z.string().nullable(),
    datasets: z.array(HeldDataset),
  })),
  countries: z.array(z.object({ country: z.string(), datasets: z.number() })),
});

export type DataLocationsOut = z.infer<typeof DataLocationsOut>;

// ---- Access grants

export const GRANT_FLAGS = ['no_reason', 'no_owner', 'owner_not_member'] as const;

export type GrantFlag = (typeof GRANT_FLAGS)[number];

const grantFields = {
  targetType: z.enum(GRANT_TARGETS),
  targetId: IdParam.describe('The data set or system the grant gives access to'),
  grantee: Text(200).describe('The person or group given access'),
  granteeType: z.enum(GRANTEE_TYPES),
  level: z.enum(ACCESS_LEVELS),
  reason: OptionalText(1000).describe('Why they need it; a grant without one is flagged'),
  ownerUserId: IdParam.nullable().optional().describe('The member who answers for the grant in access reviews; a grant without one is flagged'),
  grantedBy: OptionalText(200),
  since: DateString.nullable().optional(),
};

export const GrantInput = z.strictObject({
  ...grantFields,
  granteeType: grantFields.granteeType.default('person'),
  level: grantFields.level.default('read'),
});

export type GrantInput = z.input<typeof GrantInput>;

export const GrantPatch = z.strictObject(grantFields).omit({ targetType: true, targetId: true }).partial();

export type GrantPatch = z.input<typeof GrantPatch>;

export const GrantOut = z.object({
  id: z.string(),
  targetType: z.enum(GRANT_TARGETS),
  targetId: z.string(),
  targetName: z.string(),
  classification: z.enum(CLASSIFICATIONS).nullable().describe('The data set\'s classification (null for a system)'),
  grantee: z.string(),
  granteeType: z.enum(GRANTEE_TYPES),
  level: z.enum(ACCESS_LEVELS),
  reason: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  grantedBy: z.string().nullable(),
  since: z.string().nullable(),
  active: z.boolean(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  flags: z.array(z.enum(GRANT_FLAGS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type GrantOut = z.infer<typeof GrantOut>;

export const GRANT_SORTS = ['grantee', 'since'] as const;
export type GrantSort = (typeof GRANT_SORTS)[number];

export const GrantQuery = z.strictObject({
  status: z.enum(['active', 'revoked', 'all']).default('active'),
  flagged: z.enum(['true', 'false']).optional().describe('Only grants without a reason or an owner'),
  targetType: z.enum(GRANT_TARGETS).optional(),
  targetId: IdParam.optional(),
  ownerUserId: IdParam.optional(),
  ...sortQuery(GRANT_SORTS, 'grantee'),
  ...pageQuery(100),
});

export type GrantQuery = z.input<typeof GrantQuery>;

export const GrantList = z.object({ grants: z.array(GrantOut), ...PageInfo });
export type GrantList = z.infer<typeof GrantList>;

// ---- Access reviews

export const ReviewInput = z.strictObject({
  name: Text(200).optional().describe('Default: "Access review <date>"'),
  dueDate: DateString.describe('When every owner must have decided'),
});

export type ReviewInput = z.input<typeof ReviewInput>;

export const DecisionInput = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  note: OptionalText(1000),
});

export type DecisionInput = z.input<typeof DecisionInput>;

/** Progress of an access review. */
export const ReviewProgress = z.object({
  total: z.number(),
  decided: z.number(),
  certified: z.number(),
  revoked: z.number(),
  pending: z.number(),
  overdue: z.number().describe('Undecided items past the due date'),
});

export const ReviewOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(REVIEW_STATUSES),
  dueDate: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  progress: ReviewProgress,
  myPending: z.number().describe('Undecided items the caller may decide'),
});

export type ReviewOut = z.infer<typeof ReviewOut>;

export const ReviewItemOut = z.object({
  id: z.string(),
  grant: GrantOut,
  reviewerUserId: z.string().nullable(),
  reviewerName: z.string().nullable().describe('Null: the grant had no owner, so advisors decide'),
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  overdue: z.boolean(),
  canDecide: z.boolean().describe('Whether the caller may certify or revoke it now'),
});

export type ReviewItemOut = z.infer<typeof ReviewItemOut>;

export const ReviewDetail = ReviewOut.extend({ items: z.array(ReviewItemOut) });

export type ReviewDetail = z.infer<typeof ReviewDetail>;
