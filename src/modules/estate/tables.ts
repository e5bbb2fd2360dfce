/**
 * Row types of the estate module: business services, systems, vendors with their fourth
 * parties, contracts and assessments, data sets, access grants and access reviews. Every table
 * is client-owned (client_id, primary key (client_id, id)); money is in minor units of the
 * client's currency, dates are `YYYY-MM-DD`, lists are JSON text.
 */
import type { 
  AccessLevel,
  Classification,
  Conclusion,
  Criticality,
  GranteeType,
  GrantTarget,
  LifecycleStage,
  ReviewDecision,
  ReviewStatus,
  Supplies,
  SystemScope,
  SystemStatus,
  SystemType,
  OperatingHours,
} from './vocab.js';

export interface EstateServicesTable {
  client_id: string;
  id: string;
  name: string;
  /** Lower-cased name: unique in the client, the import's upsert key. */
  name_key: string;
  /** The name's natural-order key (sort-keys.ts): the list's order. */
  name_sort: string;
  business_unit: string | null;
  description: string | null;
  /** Revenue lost or cost incurred per hour the service is down, in minor units. */
  downtime_cost_per_hour: number;
  rto_hours: number | null;
  rpo_hours: number | null;
  criticality: Criticality;
  /** 'business' (40 hours a week) or 'always' (around the clock): the hours in which downtime loses revenue. */
  operating_hours: OperatingHours;
  created_at: string;
  updated_at: string;
}

/** Which systems a business service depends on. */
export interface EstateServiceSystemsTable {
  client_id: string;
  id: string;
  service_id: string;
  system_id: string;
}

export interface EstateSystemsTable {
  client_id: string;
  id: string;
  name: string;
  /** The name's natural-order key (sort-keys.ts). */
  name_sort: string;
  /** The asset tool's tag; unique in the client when present, the import's first upsert key. */
  asset_tag: string | null;
  /** The asset tag's natural-order key; null without a tag. */
  asset_tag_sort: string | null;
  type: SystemType;
  scope: SystemScope;
  status: SystemStatus;
  owner: string | null;
  vendor_id: string | null;
  location: string | null;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  category: string | null;
  purchase_date: string | null;
  purchase_cost: number | null;
  warranty_end: string | null;
  end_of_life: string | null;
  replacement_cost: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface EstateVendorsTable {
  client_id: string;
  id: string;
  name: string;
  name_key: string;
  /** The name's natural-order key (sort-keys.ts). */
  name_sort: string;
  /** 1: the client deals with it (a third party); 0: known only as someone's subcontractor. */
  direct: number;
  /** Declared supply; systems in the estate add to it (see vendors.ts). */
  supplies: Supplies;
  offering: string | null;
  country: string | null;
  website: string | null;
  contact: string | null;
  tier_override: number | null;
  tier_override_reason: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** A vendor's subcontractor or sub-processor: the edges of the fourth-party tree. */
export interface EstateVendorLinksTable {
  client_id: string;
  id: string;
  vendor_id: string;
  sub_vendor_id: string;
  service: string | null;
  /** 1 when the subcontractor stores or processes the client's data on the vendor's behalf. */
  handles_data: number;
  created_at: string;
}

export interface EstateContractsTable {
  client_id: string;
  id: string;
  vendor_id: string;
  reference: string;
  reference_key: string;
  /** The reference's natural-order key (sort-keys.ts). */
  reference_sort: string;
  description: string | null;
  annual_cost: number;
  start_date: string | null;
  /** End of the current term: the contract renews (or ends) on this date. */
  renewal_date: string | null;
  term_months: number;
  notice_days: number;
  auto_renew: number;
  owner: string | null;
  created_at: string;
  updated_at: string;
}

export interface EstateAssessmentsTable {
  client_id: string;
  id: string;
  vendor_id: string;
  assessed_on: string;
  /** Questionnaire score, 0 to 100. */
  score: number | null;
  /** JSON array of strings. */
  findings: string;
  conclusion: Conclusion;
  next_due: string | null;
  /** The vendor's tier when assessed (null for assessments recorded before it was kept). */
  tier: number | null;
  assessor: string | null;
  created_at: string;
}

export interface EstateDatasetsTable {
  client_id: string;
  id: string;
  name: string;
  name_key: string;
  /** The name's natural-order key (sort-keys.ts). */
  name_sort: string;
  description: string | null;
  classification: Classification;
  /** JSON array of DataCategory. */
  categories: string;
  records: number;
  /** JSON array of ISO 3166 alpha-2 country codes. */
  countries: string;
  lifecycle_stage: LifecycleStage;
  retention: string | null;
  owner: string | null;
  created_at: string;
  updated_at: string;
}

/** Systems where a data set is stored or processed. */
export interface EstateDatasetSystemsTable {
  client_id: string;
  id: string;
  dataset_id: string;
  system_id: string;
}

/** Vendors that store or process a data set. */
export interface EstateDatasetVendorsTable {
  client_id: string;
  id: string;
  dataset_id: string;
  vendor_id: string;
}

export interface EstateGrantsTable {
  client_id: string;
  id: string;
  target_type: GrantTarget;
  dataset_id: string | null;
  system_id: string | null;
  /** `dataset:<id>` or `system:<id>`: with grantee_key, unique in the client. */
  target_key: string;
  grantee: string;
  grantee_key: string;
  /** The grantee's natural-order key (sort-keys.ts). */
  grantee_sort: string;
  grantee_type: GranteeType;
  level: AccessLevel;
  reason: string | null;
  /** The member who answers for the grant in access reviews. */
  owner_user_id: string | null;
  granted_by: string | null;
  since: string | null;
  revoked_at: string | null;
  revoked_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface EstateReviewsTable {
  client_id: string;
  id: string;
  name: string;
  status: ReviewStatus;
  due_date: string;
  started_by: string | null;
  started_by_label: string;
  started_at: string;
  closed_at: string | null;
}

export interface EstateReviewItemsTable {
  client_id: string;
  id: string;
  review_id: string;
  grant_id: string;
  /** Who must decide: the grant's owner when the campaign started; null leaves it to advisors. */
  reviewer_user_id: string | null;
  decision: ReviewDecision | null;
  note: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: string | null;
}

/** A committed CSV import: written in the import's own transaction. */
export interface EstateImportsTable {
  client_id: string;
  id: string;
  kind: string;
  file_name: string | null;
  sha256: string;
  bytes: number;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  actor_id: string | null;
  actor_label: string;
  started_at: string;
  finished_at: string;
}

/** A word of the client's files mapped to one of Triad's values (a status, a system type). */
export interface EstateValueMapsTable {
  client_id: string;
  id: string;
  kind: string;
  field: string;
  /** The word compared loosely (lower case, single spaces). */
  value_key: string;
  /** The word as first written. */
  value: string;
  target: string;
  updated_at: string;
  updated_by: string;
}

/** The replacement cost imported systems of a type get when the file gives none (minor units). */
export interface EstateReplacementCostsTable {
  client_id: string;
  id: string;
  type: SystemType;
  amount: number;
  updated_at: string;
}

export interface EstateTables {
  estate_services: EstateServicesTable;
  estate_service_systems: EstateServiceSystemsTable;
  estate_systems: EstateSystemsTable;
  estate_vendors: EstateVendorsTable;
  estate_vendor_links: EstateVendorLinksTable;
  estate_contracts: EstateContractsTable;
  estate_assessments: EstateAssessmentsTable;
  estate_datasets: EstateDatasetsTable;
  estate_dataset_systems: EstateDatasetSystemsTable;
  estate_dataset_vendors: EstateDatasetVendorsTable;
  estate_grants: EstateGrantsTable;
  estate_reviews: EstateReviewsTable;
  estate_review_items: EstateReviewItemsTable;
  estate_imports: EstateImportsTable;
  estate_value_maps: EstateValueMapsTable;
  estate_replacement_costs: EstateReplacementCostsTable;
}
