import type { Migration } from 'kysely';
import * as platform from './20261126_01_platform.js';
import * as estate from '../../../modules/estate/migration.js';
import * as risks from '../../../modules/risks/migration.js';
import * as governance from '../../../modules/governance/migration.js';
import * as notifications from '../../../modules/notifications/migration.js';
import * as reports from '../../../modules/reports/migration.js';
import * as jobLeases from './20261126_06_job_leases.js';
import * as auditCheckpoints from '../../../modules/audit/migration.js';
import * as business from '../../../modules/business/migration.js';
import * as roadmap from '../../../modules/roadmap/migration.js';
import * as budget from '../../../modules/budget/migration.js';
import * as insurance from '../../../modules/risks/migration-insurance.js';
import * as acceptanceAuthority from '../../../modules/governance/migration-delegation.js';
import * as worstCase from '../../../modules/risks/migration-worst-case.js';
import * as estateHoursAndTiers from '../../../modules/estate/migration-hours-and-tiers.js';
import * as ops from '../../../modules/accounts/migration.js';
import * as controls from '../../../modules/controls/migration.js';
import * as signinLimits from '../../../modules/accounts/migration-signin-limits.js';
import * as roadmapGaps from '../../../modules/roadmap/migration-gaps.js';
import * as interchange from '../../../modules/interchange/migration.js';
import * as clientTransfer from '../../../modules/transfer/migration.js';
import * as estateListKeys from '../../../modules/estate/migration-list-keys.js';
import * as auditFilters from '../../../modules/audit/migration-filters.js';
import * as savedViews from '../../../modules/views/migration.js';
import * as listKeys from './20261208_02_list_keys.js';
import * as riskListFigures from '../../../modules/risks/migration-list-figures.js';

/**
 * Every migration, in order. Names sort by date then sequence; Kysely applies the pending ones
 * at start-up. Migrations are forward-only and additive (test/api/schema-guard.test.ts).
 * A domain module keeps its migrations in its own folder and lists them here.
 */
export const migrations: Record<string, Migration> = {
  '20261126_01_platform': platform,
  '20261126_02_estate': estate,
  '20261126_03_risks': risks,
  '20261126_04_governance': governance,
  '20261126_04a_notifications': notifications,
  '20261126_05_reports': reports,
  '20261205_01_controls': controls,
  '20261126_06_job_leases': jobLeases,
  '20261126_07_audit_checkpoints': auditCheckpoints,
  '20261205_02_business': business,
  '20261205_03_roadmap': roadmap,
  '20261205_04_budget': budget,
  '20261205_05_insurance': insurance,
  '20261205_05a_acceptance_authority': acceptanceAuthority,
  '20261205_05b_worst_case': worstCase,
  '20261205_05c_estate_hours_and_tiers': estateHoursAndTiers,
  '20261205_06_ops': ops,
  '20261205_07_signin_limits': signinLimits,
  '20261205_08_interchange': interchange,
  '20261206_01_roadmap_gaps': roadmapGaps,
  '20261207_01_client_transfer': clientTransfer,
  '20261208_01_estate_list_keys': estateListKeys,
  '20261208_02_list_keys': listKeys,
  '20261208_03_audit_filters': auditFilters,
  '20261208_03a_saved_views': savedViews,
  '20261209_01_risk_list_figures': riskListFigures,
};
