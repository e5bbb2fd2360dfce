/**
 * The words of the estate: the closed lists its records use, in the order the web app shows
 * them. The database checks the same lists (see migration.ts).
 */

export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** When a business service runs: business hours (40 a week) or around the clock. */
export { OPERATING_HOURS, type OperatingHours } from '../../shared/downtime.js';

export const SYSTEM_TYPES = ['hardware', 'software', 'saas', 'cloud'] as const;
export type SystemType = (typeof SYSTEM_TYPES)[number];

/** Internal systems are the CIO's; product systems are the CTO's. */
export const SYSTEM_SCOPES = ['internal', 'product'] as const;
export type SystemScope = (typeof SYSTEM_SCOPES)[number];

export const SYSTEM_STATUSES = ['planned', 'active', 'spare', 'repair', 'retired'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** What a vendor supplies and to whom: CIO infrastructure, CTO product, or both. */
export const SUPPLIES = ['infrastructure', 'product', 'both'] as const;
export type Supplies = (typeof SUPPLIES)[number];

/** Vendor criticality tiers: 1 is the most critical. */
export const TIERS = [1, 2, 3, 4] as const;
export type Tier = (typeof TIERS)[number];
export const TIER_LABELS: Record<Tier, string> = { 1: 'critical', 2: 'high', 3: 'moderate', 4: 'low' };

/** Months between assessments by tier; tier 4 vendors are not reassessed on a schedule. */
export const ASSESSMENT_CADENCE_MONTHS: Record<Tier, number | null> = { 1: 12, 2: 24, 3: 36, 4: null };

export const CONCLUSIONS = ['approved', 'approved_with_conditions', 'rejected'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const DATA_CATEGORIES = ['personal', 'health', 'payment', 'credentials', 'intellectual_property'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const LIFECYCLE_STAGES = ['collect', 'store', 'use', 'share', 'archive', 'destroy'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const GRANT_TARGETS = ['dataset', 'system'] as const;
export type GrantTarget = (typeof GRANT_TARGETS)[number];

export const GRANTEE_TYPES = ['person', 'group', 'service'] as const;
export type GranteeType = (typeof GRANTEE_TYPES)[number];

export const ACCESS_LEVELS = ['read', 'write', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const REVIEW_DECISIONS = ['certify', 'revoke'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_STATUSES = ['open', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The kinds of record the CSV import and export handle. */
export const CSV_KINDS = ['services', 'systems', 'vendors', 'contracts', 'datasets', 'grants'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

/** Tier a service's criticality gives the vendors it depends on. */
export const TIER_OF_CRITICALITY: Record<Criticality, Tier> = { critical: 1, high: 2, medium: 3, low: 4 };
/** Tier a data set's classification gives the vendors that hold it. */
export const TIER_OF_CLASSIFICATION: Record<Classification, Tier> = { restricted: 1, confidential: 2, internal: 3, public: 4 };

/** Text of ASCII characters only (any other makes the test fail). */
const ASCII = /^[^\u0080-\uffff]*$/;

/** A name as compared for uniqueness and across clients: lower case, single spaces. */
export function nameKey(name: string): string {
  // ASCII text is its own NFKC form: only the rest of the fold (most names; an import folds one or two a row).
  return (ASCII.test(name) ? name : name.normalize('NFKC')).trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * A company name as compared across clients: the name key without punctuation and common legal
 * suffixes, so "Amazon Web Services, Inc." and "Amazon Web Services" are one company.
 */
export function companyKey(name: string): string {
  return nameKey(name)
    .replace(/[.,()&'’"]/g, ' ')
    .replace(/\b(inc|incorporated|llc|ltd|limited|corp|corporation|co|gmbh|ag|sa|plc|bv|pty|lp|llp)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
