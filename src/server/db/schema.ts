import type { PlatformTables } from './platform-tables.js';
import type { EstateTables } from '../../modules/estate/tables.js';
import type { RiskTables } from '../../modules/risks/tables.js';
import type { GovernanceTables } from '../../modules/governance/tables.js';
import type { NotificationTables } from '../../modules/notifications/tables.js';
import type { ReportTables } from '../../modules/reports/tables.js';
import type { BusinessTables } from '../../modules/business/tables.js';
import type { RoadmapTables } from '../../modules/roadmap/tables.js';
import type { BudgetTables } from '../../modules/budget/tables.js';
import type { AccountTables } from '../../modules/accounts/tables.js';
import type { ControlTables } from '../../modules/controls/tables.js';
import type { InterchangeTables } from '../../modules/interchange/tables.js';
import type { TransferTables } from '../../modules/transfer/tables.js';
import type { ViewTables } from '../../modules/views/tables.js';

/**
 * The whole database as Kysely sees it: the platform's tables plus each domain module's.
 * A module adds its tables by extending this interface with its own `*Tables` interface.
 */
export interface DB extends PlatformTables, EstateTables, RiskTables, GovernanceTables, NotificationTables, ReportTables, BusinessTables, RoadmapTables, BudgetTables, AccountTables, ControlTables, InterchangeTables, TransferTables, ViewTables {}

/**
 * Tables owned by one client: each carries `client_id`, its primary key starts with it, and
 * it may only be reached through a ClientDb (see scoped.ts). Firm-wide tables are not listed.
 */
export type ClientTable = {
  [K in keyof DB]: DB[K] extends { client_id: string } ? K : never;
}[keyof DB] & Exclude<keyof DB, 'clients' | 'audit_entries' | 'audit_heads' | 'jobs'>;
