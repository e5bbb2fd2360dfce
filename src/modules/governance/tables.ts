/**
 * Row types of the governance module: the leadership seats and their charter, settings,
 * decisions with each seat's position, concerns (no blindsiding) and risk acceptances. Every
 * table is client-owned (client_id, primary key (client_id, id)); dates are `YYYY-MM-DD`,
 * lists and frozen snapshots are JSON text, money inside JSON is in minor units.
 */
import type { AcceptanceStatus, DecisionStatus, ReportsTo, ResponseStatus, Seat, Stance } from './schema.js';

/** One row per seat a client has configured; a seat without a row is vacant and reports to the CEO. */
export interface GovSeatsTable {
  client_id: string;
  id: string;
  seat: Seat;
  /** The member who holds the seat (in-house person or the firm's advisor), or null: vacant. */
  holder_user_id: string | null;
  since: string | null;
  reports_to: ReportsTo;
  /** Whom the seat reports to when `reports_to` is 'other', or a remark. */
  reports_to_note: string | null;
  created_at: string;
  updated_at: string;
}

/** One responsibility in a seat's charter, and which seat covers it (null: uncovered). */
export interface GovResponsibilitiesTable {
  client_id: string;
  id: string;
  /** The charter it belongs to: the seat the responsibility is normally part of. */
  seat: Seat;
  /** The default it was seeded from (`infrastructure`, `access-control`), or null when added by hand. */
  key: string | null;
  title: string;
  description: string | null;
  covered_by: Seat | null;
  position: number;
  created_at: string;
  updated_at: string;
}

/** One row per client: the governance settings. Its presence marks the charter as seeded. */
export interface GovSettingsTable {
  client_id: string;
  id: string;
  default_acceptance_months: number;
  max_acceptance_months: number;
  /** An accepted risk whose mean annual loss rises by more than this percentage needs re-approval. */
  material_change_percent: number;
  /** Days before expiry at which reminders go out, JSON `[30, 7]`. */
  reminder_days_json: string;
  concern_response_days: number;
  /**
   * The approval of acceptances within appetite delegated by the client to this advisor (who
   * must hold the CISO seat), up to this expected annual loss (minor units), since this day; null: not delegated.
   */
  delegate_user_id: string | null;
  delegation_limit: number | null;
  delegated_on: string | null;
  delegation_note: string | null;
  /** The executive who recorded the delegation, and when. */
  delegation_recorded_by_user_id: string | null;
  delegation_recorded_by_name: string | null;
  delegation_recorded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GovDecisionsTable {
  client_id: string;
  id: string;
  title: string;
  context: string | null;
  /** What is proposed: the seats' positions support or oppose it. */
  proposal: string;
  /** `[{ id, title, description, cost (minor units) | null, riskEffect, links: [{ kind, id }] }]`. */
  options_json: string;
  proposed_option_id: string | null;
  /** The seats concerned, JSON `["CIO","CISO"]`. */
  seats_json: string;
  status: DecisionStatus;
  decide_by: string | null;
  revisit_on: string | null;
  /** Set when the seats first disagree; escalation then holds until an executive decides. */
  escalated_at: string | null;
  escalation_reason: string | null;
  outcome: string | null;
  chosen_option_id: string | null;
  decided_by_user_id: string | null;
  decided_by_name: string | null;
  decided_role: string | null;
  decided_at: string | null;
  raised_by_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface GovPositionsTable {
  client_id: string;
  id: string;
  decision_id: string;
  seat: Seat;
  stance: Stance;
  rationale: string;
  preferred_option_id: string | null;
  /** Who held the seat when the position was recorded. */
  holder_user_id: string;
  recorded_by_user_id: string | null;
  /** 1 when an advisor recorded it for the holder (who is told and may change it). */
  on_behalf: number;
  recorded_at: string;
}

/** A subject (finding, decision, report section…) that concerns a seat's area, and the seat's response. */
export interface GovConcernsTable {
  client_id: string;
  id: string;
  subject_type: string;
  subject_id: string;
  subject_title: string;
  seat: Seat;
  summary: string;
  raised_by_user_id: string | null;
  /** The seat's holder when the concern was raised; null when the seat was vacant. */
  holder_user_id: string | null;
  respond_by: string;
  response_status: ResponseStatus;
  response: string | null;
  responded_by_user_id: string | null;
  responded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GovAcceptancesTable {
  client_id: string;
  id: string;
  title: string;
  justification: string;
  status: AcceptanceStatus;
  /** The first day on which the acceptance no longer holds. */
  expires_on: string;
  requested_by_user_id: string | null;
  requested_by_name: string;
  requested_role: string;
  requested_at: string;
  /** The size of the risk against the appetite when last checked (request, approval, change). */
  appetite_defined: number;
  above_appetite: number;
  appetite_explanation: string;
  /** 0 when the simulated years could not settle the verdict (too close to the tolerance curve). */
  appetite_settled: number;
  approved_by_user_id: string | null;
  approved_by_name: string | null;
  approved_role: string | null;
  approved_at: string | null;
  /** Who rejected or withdrew it, and why; or the note of the approval. */
  closed_by_user_id: string | null;
  closed_at: string | null;
  note: string | null;
  /** Set when an accepted risk's result rose by more than the material share: re-approval needed. */
  reapproval_required_at: string | null;
  reapproval_reason: string | null;
  /** Reminder thresholds already sent, JSON `[30]`. */
  reminders_sent_json: string;
  created_at: string;
  updated_at: string;
}

/** One accepted risk scenario, with the risk as it stood when the acceptance was approved. */
export interface GovAcceptanceRisksTable {
  client_id: string;
  id: string;
  acceptance_id: string;
  risk_id: string;
  risk_title: string;
  /** The risk register's snapshot (inputs, result, inputs hash) frozen at request, then at approval. */
  snapshot_json: string;
  frozen_mean: number | null;
  frozen_p90: number | null;
  /** The latest mean seen after a recompute, for the material-change check. */
  latest_mean: number | null;
  latest_at: string | null;
}

export interface GovernanceTables {
  gov_seats: GovSeatsTable;
  gov_responsibilities: GovResponsibilitiesTable;
  gov_settings: GovSettingsTable;
  gov_decisions: GovDecisionsTable;
  gov_positions: GovPositionsTable;
  gov_concerns: GovConcernsTable;
  gov_acceptances: GovAcceptancesTable;
  gov_acceptance_risks: GovAcceptanceRisksTable;
}
