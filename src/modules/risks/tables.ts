/**
 * Row types of the risk register. Every table is client-owned (client_id, primary key
 * (client_id, id)). Treatment costs are integer minor units of the client's currency; FAIR
 * inputs, treatment effects and appetite points are stored as the engine's own JSON objects
 * (docs/risk-model.md), whose amounts are in major units, so that a register is an engine model.
 */
export type OwnerSeat = 'CIO' | 'CTO' | 'CISO';
export type RiskStatus = 'open' | 'treating' | 'accepted' | 'closed';
export type TreatmentStatus = 'proposed' | 'planned' | 'in_place';
export type LinkKind = 'service' | 'system' | 'dataset' | 'vendor';

/** One row per client (id 'settings'): simulation settings, appetite and rating bands. */
export interface RiskSettingsTable {
  client_id: string;
  id: string;
  seed: number;
  /** Simulated years; null means the server's default (TRIAD_SIM_YEARS). */
  years: number | null;
  /** Engine appetite points `[{ loss, probability }]` (loss in major units), or null when none is set. */
  appetite_json: string | null;
  appetite_statement: string | null;
  /** Four ascending annual probabilities separating likelihood 1..5, or null for the defaults. */
  likelihood_bands_json: string | null;
  /** Four ascending amounts (major units) separating impact 1..5, or null for defaults from revenue. */
  impact_bands_json: string | null;
  /** Per-template parameter overrides `{ templateKey: { param: value } }`. */
  template_params_json: string | null;
  /** Next number for scenario refs (R1, R2, …) and treatment refs (C1, C2, …). */
  next_risk_number: number;
  next_treatment_number: number;
  /** Next number for insurance policy refs (P1, P2, …). */
  next_policy_number: number;
  /** Share of lost revenue actually lost (the gross margin), in (0, 1]; null when not set. */
  gross_margin: number | null;
  /** The ransomware scenario the worst-case one-pager is priced from; null until first chosen. */
  worst_case_scenario_id: string | null;
  /** Bumped by each batch of results a recompute writes before its run is stored (a cached register's key). */
  results_version: number;
  updated_at: string;
}

export interface RiskScenariosTable {
  client_id: string;
  id: string;
  /** Short reference shown to people and used as the risk id in the model file: `R7`. */
  ref: string;
  ref_number: number;
  title: string;
  description: string | null;
  threat: string | null;
  owner_seat: OwnerSeat;
  status: RiskStatus;
  /** 1 while a contributor's proposal waits for an advisor; proposals are not in the portfolio. */
  proposed: number;
  template: string | null;
  template_params_json: string | null;
  /** The engine risk's factors (frequency and magnitude distributions), without id, name and treatments. */
  inputs_json: string;
  status_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A scenario's soft link to an estate record (or free text): kind, optional target id, label. */
export interface RiskLinksTable {
  client_id: string;
  id: string;
  scenario_id: string;
  kind: LinkKind;
  target_id: string | null;
  label: string;
  position: number;
}

export interface RiskTreatmentsTable {
  client_id: string;
  id: string;
  ref: string;
  scenario_id: string;
  name: string;
  description: string | null;
  status: TreatmentStatus;
  annual_cost: number;
  one_time_cost: number;
  /** Engine treatment effect: `{ factor: distribution of multipliers }`. */
  effect_json: string;
  created_at: string;
  updated_at: string;
}

/** One simulation of a client's register: every run's summary is kept; the newest holds the curves. */
export interface RiskRunsTable {
  client_id: string;
  id: string;
  seed: number;
  years: number;
  inputs_hash: string;
  engine_version: string;
  risk_count: number;
  /** Portfolio summary: mean, percentiles, residual summary, appetite check. */
  summary_json: string;
  /** Curves and histograms of the portfolio (inherent and residual); cleared on older runs. */
  detail_json: string | null;
  duration_ms: number;
  computed_at: string;
}

/** The stored result of one scenario (id = the scenario's id). */
export interface RiskScenarioResultsTable {
  client_id: string;
  id: string;
  run_id: string;
  /** Hash of what this scenario's result depends on (its model entry, position, seed and years). */
  input_hash: string;
  /** 1 when simulated as part of the portfolio; 0 for a proposal simulated on its own. */
  in_portfolio: number;
  mean: number;
  p90: number;
  /** The figures: inherent, residual, with proposed treatments, ROSI (no curves, so lists stay light). */
  result_json: string;
  /** Loss exceedance curves and histograms (inherent and residual), read for one scenario's page. */
  curves_json: string | null;
  computed_at: string;
  /** The result's part of its list entry, serialised up to its share (list-json.ts, resultFiguresJson); null in results stored before it was kept. */
  list_figures: string | null;
  /** The current probability of loss (the residual's, else the inherent's), for the rating with `mean`; null as list_figures. */
  probability_of_loss: number | null;
}

/** Security options for a project: alternative treatment sets for one or more scenarios. */
export interface RiskOptionSetsTable {
  client_id: string;
  id: string;
  title: string;
  description: string | null;
  /** Stored comparison (baseline and each option) with its inputs hash, or null before the first run. */
  result_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface RiskOptionSetScenariosTable {
  client_id: string;
  id: string;
  set_id: string;
  scenario_id: string;
}

export interface RiskOptionsTable {
  client_id: string;
  id: string;
  set_id: string;
  name: string;
  description: string | null;
  position: number;
  /** `[{ name, annualCost, oneTimeCost, effects: [{ scenarioId, effect }] }]`, costs in minor units. */
  measures_json: string;
}

/** An insurance policy of the client, applied to the register's losses after treatments. */
export interface RiskPoliciesTable {
  client_id: string;
  id: string;
  /** `P1`, also the policy's id in the model file. */
  ref: string;
  name: string;
  insurer: string;
  /** Yearly premium, minor units: a cost, never simulated. */
  premium: number;
  /** Retained per loss event (the attachment point), minor units. */
  deductible: number;
  /** Most paid for one loss event, minor units. */
  event_limit: number;
  /** Most paid in one year, all events together, minor units; null: no aggregate. */
  aggregate_limit: number | null;
  renewal_on: string | null;
  /** 1: covers every scenario of the register; 0: those in risk_policy_scenarios. */
  covers_all: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface RiskPolicyScenariosTable {
  client_id: string;
  id: string;
  policy_id: string;
  scenario_id: string;
}

export interface RiskTables {
  risk_policies: RiskPoliciesTable;
  risk_policy_scenarios: RiskPolicyScenariosTable;
  risk_settings: RiskSettingsTable;
  risk_scenarios: RiskScenariosTable;
  risk_links: RiskLinksTable;
  risk_treatments: RiskTreatmentsTable;
  risk_runs: RiskRunsTable;
  risk_scenario_results: RiskScenarioResultsTable;
  risk_option_sets: RiskOptionSetsTable;
  risk_option_set_scenarios: RiskOptionSetScenariosTable;
  risk_options: RiskOptionsTable;
}
