/**
 * Row types of the business context. Every table is client-owned (client_id, primary key
 * (client_id, id)). A business service stays the estate's record (estate_services); the links
 * here say which unit it belongs to and which priorities it serves.
 */
import type { Line, PriorityStatus } from './schema.js';

export interface BusinessUnitsTable {
  client_id: string;
  id: string;
  name: string;
  /** Lower-cased name, unique in the client. */
  name_key: string;
  description: string | null;
  head: string | null;
  created_at: string;
  updated_at: string;
}

export interface BusinessPrioritiesTable {
  client_id: string;
  id: string;
  title: string;
  description: string | null;
  /** Percent, 0–100; the active priorities of a client add up to at most 100. */
  weight: number;
  owner_user_id: string | null;
  unit_id: string | null;
  line: Line;
  status: PriorityStatus;
  target_date: string | null;
  created_at: string;
  updated_at: string;
}

/** A service's business unit: one row per linked service, its id the service's id. */
export interface BusinessServiceUnitsTable {
  client_id: string;
  /** The estate service's id. */
  id: string;
  unit_id: string;
}

export interface BusinessServicePrioritiesTable {
  client_id: string;
  id: string;
  service_id: string;
  priority_id: string;
}

export interface BusinessTables {
  business_units: BusinessUnitsTable;
  business_priorities: BusinessPrioritiesTable;
  business_service_units: BusinessServiceUnitsTable;
  business_service_priorities: BusinessServicePrioritiesTable;
}
