/**
 * The estate module's API schemas: what each route takes and answers. One schema per endpoint
 * validates the input, types the handler and documents the route in OpenAPI. This file imports
 * only zod and the module's vocabulary, so the web app reads its types from here
 * (`import type { VendorOut } from '@schema/estate'`).
 */
import { z } from 'zod';
import { PageInfo, pageQuery, sortQuery } from '../../shared/paging.js';
import { ImportNote, ImportReading, ImportSampleRow, ImportSetAside, ImportUnknownValue } from './import-schema.js';
import { 
  ACCESS_LEVELS,
  CLASSIFICATIONS,
  CONCLUSIONS,
  CRITICALITIES,
  CSV_KINDS,
  DATA_CATEGORIES,
  GRANTEE_TYPES,
  GRANT_TARGETS,
  LIFECYCLE_STAGES,
  OPERATING_HOURS,
  REVIEW_DECISIONS,
  REVIEW_STATUSES,
  SUPPLIES,
  SYSTEM_SCOPES,
  SYSTEM_STATUSES,
  SYSTEM_TYPES,
  TIERS,
} from './vocab.js';

// ---- Building blocks

/** A calendar date `YYYY-MM-DD` that exists. */
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'is not a real date');

/** An amount of money in major units of the client's currency. */
export const Money = z.number().min(0, 'must not be negative').max(1e12);

export const Text = (max = 200) => z.string().trim().min(1).max(max);
/** Optional text in inputs: null or an empty string clears it. */
export const OptionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const IdParam = z.string().max(64);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for `YYYY-MM-DD` naming a day of the calendar (2024-02-29 yes, 2023-02-29 no). */
export function isRealDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

/** How many per-row results an import report lists (every problem is listed). */
export const IMPORT_RESULTS_SHOWN = 1000;

// ---- Business services

const serviceFields = {
  name: Text(200),
  businessUnit: OptionalText(200),
  description: OptionalText(2000),
  downtimeCostPerHour: Money.describe('Revenue lost or cost incurred per hour of downtime, in major units'),
  rtoHours: z.number().min(0).max(8760).nullable().optional().describe('Recovery time objective, hours'),
  rpoHours: z.number().min(0).max(8760).nullable().optional().describe('Recovery point objective, hours'),
  criticality: z.enum(CRITICALITIES),
  operatingHours: z.enum(OPERATING_HOURS).describe('When the service runs: business (40 hours a week) or always (around the clock); downtime loses revenue only then'),
  systemIds: z.array(IdParam).max(1000).optional().describe('The systems the service depends on (replaces the list)'),
};

/** A business service: what the business does that depends on technology. */
export const ServiceInput = z.strictObject({
  ...serviceFields,
  downtimeCostPerHour: serviceFields.downtimeCostPerHour.default(0),
  criticality: serviceFields.criticality.default('medium'),
  operatingHours: serviceFields.operatingHours.default('business'),
});

export type ServiceInput = z.input<typeof ServiceInput>;

export const ServicePatch = z.strictObject(serviceFields).partial();

export type ServicePatch = z.input<typeof ServicePatch>;

export const ServiceOut = z.object({
  id: z.string(),
  name: z.string(),
  businessUnit: z.string().nullable(),
  description: z.string().nullable(),
  downtimeCostPerHour: z.number(),
  rtoHours: z.number().nullable(),
  rpoHours: z.number().nullable(),
  criticality: z.enum(CRITICALITIES),
  operatingHours: z.enum(OPERATING_HOURS),
  systemIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ServiceOut = z.infer<typeof ServiceOut>;

/** Whether the services' downtime costs are plausible for the company's size. */
export const DowntimeCheck = z.object({
  costPerHour: z.number().describe('The downtime costs per hour, added up'),
  costPerYear: z.number().describe('What they add up to over a year of the hours the services run'),
  annualRevenue: z.number(),
  revenuePerOperatingHour: z.number().nullable(),
  ratio: z.number().nullable().describe('costPerYear / annual revenue'),
  implausible: z.boolean().describe('The costs say the company loses more than it earns'),
  message: z.string().nullable(),
});
export type DowntimeCheck = z.infer<typeof DowntimeCheck>;

/** A service as saved, with the warning about the downtime costs when they are implausible. */
export const ServiceSaved = ServiceOut.extend({
  warning: z.string().nullable().describe('Set when the services\' downtime costs add up to more than the company earns in the hours they run'),
});
export type ServiceSaved = z.infer<typeof ServiceSaved>;

export const SERVICE_SORTS = ['name', 'downtimeCostPerHour'] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];

export const ServiceQuery = z.strictObject({
  search: z.string().trim().max(200).optional().describe('Part of the name'),
  criticality: z.enum(CRITICALITIES).optional(),
  ...sortQuery(SERVICE_SORTS, 'name'),
  ...pageQuery(100),
});
export type ServiceQuery = z.input<typeof ServiceQuery>;

export const ServiceList = z.object({ services: z.array(ServiceOut), ...PageInfo });
export type ServiceList = z.infer<typeof ServiceList>;

// ---- Systems and assets, lifecycle

const systemFields = {
  name: Text(200),
  assetTag: OptionalText(100).describe('The asset tool\'s tag; unique in the client'),
  type: z.enum(SYSTEM_TYPES),
  scope: z.enum(SYSTEM_SCOPES).describe('internal (the CIO\'s) or product (the CTO\'s)'),
  status: z.enum(SYSTEM_STATUSES),
  owner: OptionalText(200),
  vendorId: IdParam.nullable().optional(),
  location: OptionalText(200),
  manufacturer: OptionalText(200),
  model: OptionalText(200),
  serial: OptionalText(200),
  category: OptionalText(200),
  purchaseDate: DateString.nullable().optional(),
  purchaseCost: Money.nullable().optional(),
  warrantyEnd: DateString.nullable().optional(),
  endOfLife: DateString.nullable().optional(),
  replacementCost: Money.nullable().optional(),
  notes: OptionalText(4000),
};

export const SystemInput = z.strictObject({
  ...systemFields,
  type: systemFields.type.default('hardware'),
  scope: systemFields.scope.default('internal'),
  status: systemFields.status.default('active'),
}).meta({ examples: [{ name: 'File server', assetTag: 'HF-0042', type: 'hardware', status: 'active', manufacturer: 'Dell', model: 'PowerEdge R450', purchaseDate: '2022-03-01', purchaseCost: 8400, warrantyEnd: '2027-03-01', replacementCost: 9000 }] });

export type SystemInput = z.input<typeof SystemInput>;

export const SystemPatch = z.strictObject(systemFields).partial();

export type SystemPatch = z.input<typeof SystemPatch>;

export const SystemOut = z.object({
  id: z.string(),
  name: z.string(),
  assetTag: z.string().nullable(),
  type: z.enum(SYSTEM_TYPES),
  scope: z.enum(SYSTEM_SCOPES),
  status: z.enum(SYSTEM_STATUSES),
  owner: z.string().nullable(),
  vendorId: z.string().nullable(),
  vendorName: z.string().nullable(),
  location: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  category: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  purchaseCost: z.number().nullable(),
  warrantyEnd: z.string().nullable(),
  endOfLife: z.string().nullable(),
  replacementCost: z.number().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'System', description: 'A system or asset with its lifecycle' });

export type SystemOut = z.infer<typeof SystemOut>;

export const SystemDetail = SystemOut.extend({
  services: z.array(z.object({ id: z.string(), name: z.string(), criticality: z.enum(CRITICALITIES) })),
  datasets: z.array(z.object({ id: z.string(), name: z.string(), classification: z.enum(CLASSIFICATIONS) })),
  activeGrants: z.number(),
});

export type SystemDetail = z.infer<typeof SystemDetail>;

export const SYSTEM_SORTS = ['name', 'assetTag', 'endOfLife', 'warrantyEnd', 'purchaseDate'] as const;
export type SystemSort = (typeof SYSTEM_SORTS)[number];

export const SystemQuery = z.strictObject({
  search: z.string().trim().max(200).optional().describe('Part of the name, asset tag, serial or model'),
  type: z.enum(SYSTEM_TYPES).optional(),
  scope: z.enum(SYSTEM_SCOPES).optional(),
  status: z.enum(SYSTEM_STATUSES).optional(),
  vendorId: IdParam.optional(),
  ...sortQuery(SYSTEM_SORTS, 'name'),
  ...pageQuery(100),
});

export type SystemQuery = z.input<typeof SystemQuery>;

export const SystemList = z.object({ systems: z.array(SystemOut), ...PageInfo });
export type SystemList = z.infer<typeof SystemList>;

export const LifecycleItem = z.object({
  id: z.string(),
  name: z.string(),
  assetTag: z.string().nullable(),
  type: z.enum(SYSTEM_TYPES),
  status: z.enum(SYSTEM_STATUSES),
  date: z.string(),
  replacementCost: z.number().nullable(),
});

export type LifecycleItem = z.infer<typeof LifecycleItem>;

export const LifecycleOut = z.object({
  from: z.string(),
  to: z.string(),
  days: z.number(),
  warrantyEnding: z.object({ count: z.number(), items: z.array(LifecycleItem) }),
  endOfLife: z.object({ count: z.number(), replacementCost: z.number(), items: z.array(LifecycleItem) }),
  pastEndOfLife: z.object({ count: z.number(), replacementCost: z.number(), items: z.array(LifecycleItem) }).describe('Systems still in service after their end of life'),
  replacementByQuarter: z.array(z.object({ quarter: z.string(), systems: z.number(), replacementCost: z.number() })),
});

export type LifecycleOut = z.infer<typeof LifecycleOut>;

// ---- Contracts

const contractFields = {
  vendorId: IdParam,
  reference: Text(200).describe('The contract\'s name or number; unique per vendor'),
  description: OptionalText(2000),
  annualCost: Money.describe('Annual cost, major units'),
  startDate: DateString.nullable().optional(),
  renewalDate: DateString.nullable().optional().describe('End of the current term, when the contract renews or ends'),
  termMonths: z.number().int().min(1).max(120),
  noticeDays: z.number().int().min(0).max(730).describe('Days of notice needed before the renewal date to cancel'),
  autoRenew: z.boolean(),
  owner: OptionalText(200),
};

export const ContractInput = z.strictObject({
  ...contractFields,
  annualCost: contractFields.annualCost.default(0),
  termMonths: contractFields.termMonths.default(12),
  noticeDays: contractFields.noticeDays.default(0),
  autoRenew: contractFields.autoRenew.default(false),
});

export type ContractInput = z.input<typeof ContractInput>;

export const ContractPatch = z.strictObject(contractFields).omit({ vendorId: true }).partial();

export type ContractPatch = z.input<typeof ContractPatch>;

export const ContractOut = z.object({
  id: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  reference: z.string(),
  description: z.string().nullable(),
  annualCost: z.number(),
  startDate: z.string().nullable(),
  renewalDate: z.string().nullable(),
  termMonths: z.number(),
  noticeDays: z.number(),
  autoRenew: z.boolean(),
  owner: z.string().nullable(),
  nextRenewal: z.string().nullable().describe('The next renewal date from today (an auto-renewing contract rolls forward by its term); null when it has ended or has no date'),
  noticeDeadline: z.string().nullable().describe('Last day to give notice before the next renewal'),
  status: z.enum(['active', 'ended', 'undated']),
});

export type ContractOut = z.infer<typeof ContractOut>;

export const CONTRACT_SORTS = ['reference', 'renewalDate', 'annualCost'] as const;
export type ContractSort = (typeof CONTRACT_SORTS)[number];

export const ContractQuery = z.strictObject({
  vendorId: IdParam.optional(),
  search: z.string().trim().max(200).optional().describe('Part of the reference'),
  ...sortQuery(CONTRACT_SORTS, 'reference'),
  ...pageQuery(100),
});
export type ContractQuery = z.input<typeof ContractQuery>;

export const ContractList = z.object({ contracts: z.array(ContractOut), ...PageInfo });
export type ContractList = z.infer<typeof ContractList>;

// ---- Vendors, fourth parties and assessments

const TierSchema = z.union(TIERS.map((t) => z.literal(t)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]);

const vendorFields = {
  name: Text(200),
  direct: z.boolean().describe('True for a vendor the client deals with; false for one known only as a subcontractor (fourth party)'),
  supplies: z.enum(SUPPLIES).describe('CIO infrastructure, CTO product or both; the systems it supplies override this'),
  offering: OptionalText(500).describe('What it supplies, in words'),
  country: OptionalText(100),
  website: OptionalText(300),
  contact: OptionalText(300),
  notes: OptionalText(4000),
  tierOverride: TierSchema.nullable().optional().describe('Overrides the derived tier (1 critical … 4 low); needs a reason'),
  tierOverrideReason: OptionalText(1000),
};

export const VendorInput = z.strictObject({
  ...vendorFields,
  direct: vendorFields.direct.default(true),
  supplies: vendorFields.supplies.default('infrastructure'),
});

export type VendorInput = z.input<typeof VendorInput>;

export const VendorPatch = z.strictObject(vendorFields).partial();

export type VendorPatch = z.input<typeof VendorPatch>;

export const AssessmentStatus = z.enum(['current', 'due', 'overdue', 'never', 'not_required']);

export const VendorOut = z.object({
  id: z.string(),
  name: z.string(),
  direct: z.boolean(),
  fourthParty: z.boolean().describe('Subcontractor or sub-processor of another vendor'),
  supplies: z.enum(SUPPLIES),
  declaredSupplies: z.enum(SUPPLIES),
  offering: z.string().nullable(),
  country: z.string().nullable(),
  website: z.string().nullable(),
  contact: z.string().nullable(),
  notes: z.string().nullable(),
  tier: z.number().int().min(1).max(4),
  tierLabel: z.string(),
  derivedTier: z.number().int().min(1).max(4),
  tierOverride: z.number().int().nullable(),
  tierOverrideReason: z.string().nullable(),
  tierReasons: z.array(z.string()),
  liveSystems: z.number(),
  services: z.number().describe('Business services that depend on it, directly or through a vendor it works for'),
  datasets: z.number().describe('Data sets it holds, directly or for a vendor it works for'),
  annualCost: z.number().nullable().describe('What its contracts cost a year; null when it has no contract (nothing is known, which is not zero)'),
  nextRenewal: z.string().nullable(),
  nextNoticeDeadline: z.string().nullable(),
  assessment: z.object({
    lastAssessedOn: z.string().nullable(),
    score: z.number().nullable(),
    conclusion: z.enum(CONCLUSIONS).nullable(),
    nextDue: z.string().nullable(),
    broughtForward: z.object({ from: z.string(), reason: z.string() }).nullable().describe('Set when the vendor\'s tier rose since its last assessment, so the shorter cadence brought the date forward'),
    status: AssessmentStatus,
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type VendorOut = z.infer<typeof VendorOut>;

export const VendorQuery = z.strictObject({
  tier: z.coerce.number().int().min(1).max(4).optional().describe('Only vendors of this tier (derived or overridden)'),
  direct: z.enum(['true', 'false']).optional().describe('true: vendors the client deals with; false: those known only as subcontractors'),
  search: z.string().trim().max(200).optional().describe('Part of the name or of what it supplies'),
  ...sortQuery(['name'], 'name'),
  ...pageQuery(100),
});
export type VendorQuery = z.input<typeof VendorQuery>;

export const VendorList = z.object({ vendors: z.array(VendorOut), ...PageInfo });
export type VendorList = z.infer<typeof VendorList>;

export const AssessmentOut = z.object({
  id: z.string(),
  vendorId: z.string(),
  assessedOn: z.string(),
  score: z.number().nullable(),
  findings: z.array(z.string()),
  conclusion: z.enum(CONCLUSIONS),
  nextDue: z.string().nullable(),
  assessor: z.string().nullable(),
  createdAt: z.string(),
});

export type AssessmentOut = z.infer<typeof AssessmentOut>;

export const FourthPartyNode = z.object({
  vendorId: z.string(),
  name: z.string(),
  parentId: z.string().describe('The vendor it works for'),
  depth: z.number().int().describe('1 for a fourth party, 2 for its subcontractor, …'),
  service: z.string().nullable(),
  handlesData: z.boolean(),
  tier: z.number().int(),
});

export const VendorDetail = VendorOut.extend({
  contracts: z.array(ContractOut),
  assessments: z.array(AssessmentOut),
  fourthParties: z.array(FourthPartyNode).describe('The subcontractor tree, depth first'),
  worksFor: z.array(z.object({ vendorId: z.string(), name: z.string(), service: z.string().nullable(), handlesData: z.boolean() })),
  systems: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(SYSTEM_TYPES), scope: z.enum(SYSTEM_SCOPES), status: z.enum(SYSTEM_STATUSES) })),
  systemsTotal: z.number(),
  dependentServices: z.array(z.object({ id: z.string(), name: z.string(), criticality: z.enum(CRITICALITIES), via: z.string().nullable() })),
  heldDatasets: z.array(z.object({ id: z.string(), name: z.string(), classification: z.enum(CLASSIFICATIONS), records: z.number(), via: z.string().nullable() })),
});

export type VendorDetail = z.infer<typeof VendorDetail>;

export const SubcontractorInput = z
  .strictObject({
    subVendorId: IdParam.optional().describe('An existing vendor of the client'),
    name: Text(200).optional().describe('Or a name: a vendor not yet known is added as a fourth party'),
    service: OptionalText(500).describe('What it does for the vendor'),
    handlesData: z.boolean().default(true).describe('It stores or processes the client\'s data for the vendor'),
  })
  .refine((v) => (v.subVendorId === undefined) !== (v.name === undefined), { message: 'give either subVendorId or name', path: ['subVendorId'] });

export type SubcontractorInput = z.input<typeof SubcontractorInput>;

export const AssessmentInput = z.strictObject({
  assessedOn: DateString.optional().describe('Default: today'),
  score: z.number().min(0).max(100).nullable().optional().describe('Questionnaire score, 0 to 100'),
  findings: z.array(Text(1000)).max(200).default([]),
  conclusion: z.enum(CONCLUSIONS),
  nextDue: DateString.nullable().optional().describe('Default: the assessment date plus the cadence of the vendor\'s tier (12, 24 or 36 months; none for tier 4)'),
  assessor: OptionalText(200),
});

export type AssessmentInput = z.input<typeof AssessmentInput>;

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

// ---- Concentration

export const ConcentrationEntry = z.object({
  vendorId: z.string(),
  name: z.string(),
  direct: z.boolean(),
  fourthParty: z.boolean(),
  tier: z.number(),
  services: z.number().describe('Business services that depend on it, directly or through the vendors it works for'),
  criticalServices: z.number(),
  datasets: z.number().describe('Data sets it holds, directly or for the vendors it works for'),
  restrictedDatasets: z.number(),
  records: z.number().describe('Records in those data sets'),
  worksFor: z.array(z.string()).describe('The vendors it is a subcontractor of'),
});

export type ConcentrationEntry = z.infer<typeof ConcentrationEntry>;

export const FirmConcentrationEntry = z.object({
  name: z.string().describe('The company, as most clients name it'),
  clients: z.number().describe('Clients of the firm that depend on it, as a vendor or as a fourth party'),
  asVendor: z.number(),
  asFourthParty: z.number(),
  visibleClients: z.array(z.object({ id: z.string(), name: z.string(), direct: z.boolean(), fourthParty: z.boolean() })).describe('Only the clients the caller may see'),
  otherClients: z.number().describe('Clients the caller may not see, counted but not named'),
});

export const FirmConcentrationOut = z.object({
  clientsInFirm: z.number(),
  entries: z.array(FirmConcentrationEntry),
});

export type FirmConcentrationOut = z.infer<typeof FirmConcentrationOut>;

// ---- CSV import

export * from './import-schema.js';

export const ImportProblem = z.object({ line: z.number(), column: z.string(), reason: z.string() });

export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z.object({
  importId: z.string(),
  kind: z.enum(CSV_KINDS),
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  status: z.enum(['imported', 'checked', 'rejected']).describe('imported: written; checked: a dry run with no bad rows; rejected: bad rows, nothing written'),
  rows: z.number().describe('Data rows in the file'),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number().describe('Rows refused; when any is, nothing is written'),
  newVendors: z.array(z.string()).describe('Vendors named in the file that do not exist yet and are (or would be) added'),
  columns: z.array(z.object({ header: z.string(), field: z.string() })).describe('How the file\'s headers were read'),
  ignoredColumns: z.array(z.string()),
  problems: z.array(ImportProblem).describe('Every bad row: line (1 is the header), column, reason'),
  problemsTruncated: z.number(),
  results: z.array(z.object({ line: z.number(), key: z.string(), action: z.enum(['create', 'update', 'unchanged', 'reject']), changed: z.array(z.string()) })).describe(`What happens to each row (the first ${IMPORT_RESULTS_SHOWN})`),
  resultsTruncated: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  durationMs: z.number(),
  readingMs: z.number().describe('Reading and checking the file: no lock held'),
  writingMs: z.number().describe('Writing it in one transaction (0 for a dry run, a refused file or a file that changes nothing)'),
  reading: ImportReading.nullable().describe('How the file was read (null when it was empty)'),
  sample: z.array(ImportSampleRow).describe('The first rows as read, cell by cell'),
  setAside: z.array(ImportSetAside).describe('Columns not used because another column of the file gives the same field'),
  unknownValues: z.array(ImportUnknownValue).describe('Words of closed lists (status, type) that are not mapped yet, with their rows and choices'),
  notes: z.array(ImportNote).describe('What the import filled in, and on how many rows (e.g. the replacement cost from the purchase cost)'),
}).meta({ id: 'ImportReport', description: 'What an import did, or would do (a dry run), row by row, and how it read the file' });

export type ImportReport = z.infer<typeof ImportReport>;

// ---- Import progress and history

export const ImportProgressOut = z.object({
  id: z.string(),
  kind: z.enum(CSV_KINDS),
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  phase: z.enum(['reading', 'writing', 'done', 'rejected', 'failed']),
  fraction: z.number().describe('0 to 1'),
  bytesRead: z.number(),
  totalBytes: z.number().nullable(),
  rowsRead: z.number(),
  rowsToWrite: z.number(),
  rowsWritten: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

/** An import as the history lists it. */
export const ImportRecord = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string().nullable(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  by: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
});

// ---- Renewals

export const RenewalOut = z.object({
  contractId: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  reference: z.string(),
  annualCost: z.number(),
  autoRenew: z.boolean(),
  noticeDays: z.number(),
  renewalDate: z.string(),
  noticeDeadline: z.string(),
  events: z.array(z.enum(['renewal', 'notice'])),
});

export type ImportProgress = z.infer<typeof ImportProgressOut>;
export type ImportRecordOut = z.infer<typeof ImportRecord>;
export type Renewal = z.infer<typeof RenewalOut>;
