import type { ClientTable } from '../../server/db/schema.js';
import { withSortKeys, type SortKeyedTable } from '../estate/sort-keys.js';

/**
 * Every client-owned table a whole-client export carries, in the order an import writes them
 * (a table after the tables its foreign keys point to). test/api/client-transfer-guard.test.ts
 * fails when a table with a client_id column is neither here nor in EXCLUDED, or when the order
 * breaks a foreign key, so the export stays whole as modules add tables.
 */
export interface ExportedTable {
  table: ClientTable;
  /** A column pointing at another row of the same table: rows are written parents first. */
  selfReference?: string;
  /**
   * Columns kept byte for byte even when ids are remapped: frozen documents whose hash is
   * recorded (an issued board pack's content and files).
   */
  frozen?: readonly string[];
  /**
   * Columns derived from others of the row (sort keys), computed again on import: whatever the
   * file says, and for files written before the columns existed.
   */
  derive?: (row: Record<string, unknown>) => Record<string, unknown>;
}

const sortKeyed = (table: SortKeyedTable): ExportedTable => ({ table, derive: (row) => withSortKeys(table, row) });

export const EXPORTED: readonly ExportedTable[] = [
  // Estate
  sortKeyed('estate_vendors'),
  { table: 'estate_vendor_links' },
  sortKeyed('estate_services'),
  sortKeyed('estate_systems'),
  { table: 'estate_service_systems' },
  sortKeyed('estate_contracts'),
  { table: 'estate_assessments' },
  sortKeyed('estate_datasets'),
  { table: 'estate_dataset_systems' },
  { table: 'estate_dataset_vendors' },
  sortKeyed('estate_grants'),
  { table: 'estate_reviews' },
  { table: 'estate_review_items' },
  { table: 'estate_imports' },
  { table: 'estate_value_maps' },
  { table: 'estate_replacement_costs' },
  // Business context
  { table: 'business_units' },
  { table: 'business_priorities' },
  { table: 'business_service_units' },
  { table: 'business_service_priorities' },
  // Risk register, with its last simulation results (the figures are served as they were)
  { table: 'risk_settings' },
  { table: 'risk_scenarios' },
  { table: 'risk_treatments' },
  { table: 'risk_links' },
  { table: 'risk_policies' },
  { table: 'risk_policy_scenarios' },
  { table: 'risk_option_sets' },
  { table: 'risk_options' },
  { table: 'risk_option_set_scenarios' },
  { table: 'risk_runs' },
  { table: 'risk_scenario_results' },
  // Governance
  { table: 'gov_settings' },
  { table: 'gov_seats' },
  { table: 'gov_responsibilities' },
  { table: 'gov_decisions' },
  { table: 'gov_positions' },
  { table: 'gov_concerns' },
  { table: 'gov_acceptances' },
  { table: 'gov_acceptance_risks' },
  // Controls and framework assessments, evidence files included
  { table: 'ctl_assessments', selfReference: 'copied_from_id' },
  { table: 'ctl_answers' },
  { table: 'ctl_evidence_files' },
  { table: 'ctl_evidence' },
  { table: 'ctl_requests' },
  { table: 'ctl_risk_links' },
  // Roadmap
  { table: 'roadmap_initiatives' },
  { table: 'roadmap_initiative_outcomes' },
  { table: 'roadmap_initiative_priorities' },
  { table: 'roadmap_initiative_treatments' },
  // IT budget
  { table: 'budget_accounts' },
  { table: 'budget_lines' },
  { table: 'budget_plan' },
  { table: 'budget_imports' },
  { table: 'budget_actuals' },
  // Board packs: drafts and issued packs with their rendered files
  { table: 'report_packs', selfReference: 'compared_to_pack_id', frozen: ['content_json', 'content_hash'] },
  { table: 'report_pack_files', frozen: ['body', 'sha256'] },
];

/** Tables with a client_id column that an export leaves out on purpose, and why. */
export const EXCLUDED: Readonly<Record<string, string>> = {
  audit_entries: 'carried as the file\'s audit section (the whole chain, verified on import)',
  audit_heads: 'rebuilt from the audit section on import',
  memberships: 'carried as the file\'s people, matched to the receiving firm\'s people on import',
  jobs: 'work in progress of the exporting server; the results it produced are exported',
  notifications: 'each person\'s inbox on the exporting server, with links into it',
  notification_outbox: 'e-mails the exporting server sent or held for its own people',
};

/** Firm-wide tables a client's rows point into; the export carries the rows it uses. */
export const FIRM_REFERENCES = ['clients', 'users', 'ctl_catalogues', 'ctl_catalogue_versions'] as const;
