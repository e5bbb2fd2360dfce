/**
 * The vendors of the estate: their contracts and renewals, their fourth parties, their
 * assessments and how much of the estate depends on each (concentration, in one client and
 * across the firm): what their routes take and answer. Imports zod, the module's vocabulary and
 * the building blocks of schema.ts.
 */
import { z } from 'zod';
import { PageInfo, pageQuery, sortQuery } from '../../shared/paging.js';
import { DateString, IdParam, Money, OptionalText, Text } from './schema.js';
import { CLASSIFICATIONS, CONCLUSIONS, CRITICALITIES, SUPPLIES, SYSTEM_SCOPES, SYSTEM_STATUSES, SYSTEM_TYPES, TIERS } from './vocab.js';

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

export type Renewal = z.infer<typeof RenewalOut>;
