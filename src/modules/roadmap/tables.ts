/**
 * Row types of the roadmap. Every table is client-owned (client_id, primary key (client_id,
 * id)); costs, savings and revenue are integer minor units of the client's currency.
 */
import type { InitiativeKind, InitiativeSource, InitiativeStatus, Scope, Seat } from './vocab.js';

export interface RoadmapInitiativesTable {
  client_id: string;
  id: string;
  /** `I7`: short reference shown to people. */
  ref: string;
  ref_number: number;
  title: string;
  description: string | null;
  owner_seat: Seat;
  kind: InitiativeKind;
  /** internal: internal IT (bottom line); product: product technology (top line). */
  scope: Scope;
  one_time_cost: number;
  annual_cost: number;
  /** What it saves a year (bottom line). */
  expected_saving: number;
  /** Revenue it enables a year (top line). */
  expected_revenue: number;
  /** `2027Q1`: the calendar quarter it is planned for. */
  target_quarter: string;
  status: InitiativeStatus;
  source: InitiativeSource;
  /** The record it came from (option, system, contract, gap), and its name when it was made. */
  source_id: string | null;
  source_label: string | null;
  /** An advisor's place for it in the ranking (1 first); null: ranked by value. */
  manual_rank: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoadmapInitiativePrioritiesTable {
  client_id: string;
  id: string;
  initiative_id: string;
  priority_id: string;
}

/** The register's treatments an initiative carries: each treatment belongs to one initiative at most. */
export interface RoadmapInitiativeTreatmentsTable {
  client_id: string;
  id: string;
  initiative_id: string;
  treatment_id: string;
}

/**
 * The framework outcomes an initiative closes: a gap of an assessment made an initiative. The
 * outcome is named by catalogue and control id (the same gap in a later assessment is the same
 * outcome); the assessment it came from and the outcome's words are kept as they were.
 */
export interface RoadmapInitiativeOutcomesTable {
  client_id: string;
  id: string;
  initiative_id: string;
  catalogue_id: string;
  /** `DE.CM-01`. */
  control_id: string;
  /** The outcome's statement (or title) when the initiative was made. */
  title: string;
  assessment_id: string;
  assessment_title: string;
  created_at: string;
}

export interface RoadmapTables {
  roadmap_initiatives: RoadmapInitiativesTable;
  roadmap_initiative_priorities: RoadmapInitiativePrioritiesTable;
  roadmap_initiative_treatments: RoadmapInitiativeTreatmentsTable;
  roadmap_initiative_outcomes: RoadmapInitiativeOutcomesTable;
}
