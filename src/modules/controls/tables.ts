/**
 * Row types of the controls module. Catalogues are the firm's (firm_id, shared by its clients);
 * a catalogue keeps every version imported, and a version its nodes (groups and controls) as
 * the OSCAL importer read them. Assessments and everything in them are client-owned
 * (client_id, primary key (client_id, id)). Evidence files are bytes in the database, so both
 * databases, and their backups, keep them.
 */
import type { AssessmentStatus, EvidenceKind, RequestStatus, RiskLinkKind, ScaleKey, Seat } from './schema.js';

export interface CtlCataloguesTable {
  id: string;
  firm_id: string;
  /** The OSCAL catalogue's uuid (lower case): importing it again adds a version. */
  uuid: string;
  title: string;
  /** `nist-csf-2.0` for a catalogue that comes with Triad, else null. */
  builtin: string | null;
  latest_version_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CtlCatalogueVersionsTable {
  id: string;
  firm_id: string;
  catalogue_id: string;
  /** `metadata.version`; one row per version of a catalogue. */
  version: string;
  title: string;
  kind: 'catalog' | 'resolved-profile';
  oscal_version: string | null;
  published: string | null;
  last_modified: string | null;
  /** SHA-256 of the file as imported. */
  sha256: string;
  file_name: string | null;
  bytes: number;
  group_count: number;
  control_count: number;
  withdrawn_count: number;
  outcome_count: number;
  /** Counts by class, JSON `[{ class, kind, active, withdrawn }]`. */
  counts_json: string;
  /** What the importer could not make sense of, JSON `[{ path, message }]`. */
  warnings_json: string;
  imported_at: string;
  imported_by_user_id: string | null;
  imported_by: string;
}

/** A group or control of one catalogue version, as the importer read it. */
export interface CtlNodesTable {
  version_id: string;
  /** The OSCAL id (`GV.OC-01`, `ac-2.1`). */
  node_id: string;
  kind: 'group' | 'control';
  parent_id: string | null;
  top_id: string;
  depth: number;
  position: number;
  class: string | null;
  title: string;
  label: string | null;
  sort_id: string | null;
  withdrawn: number;
  assessable: number;
  statement: string | null;
  /** Rendered parts, JSON (statement, items, guidance, examples…). */
  parts_json: string;
  params_json: string;
  links_json: string;
}

export interface CtlAssessmentsTable {
  client_id: string;
  id: string;
  title: string;
  catalogue_id: string;
  version_id: string;
  scale: ScaleKey;
  /** `{ kind: 'all' | 'groups' | 'profile', ids, title }`. */
  scope_json: string;
  status: AssessmentStatus;
  copied_from_id: string | null;
  due_on: string | null;
  outcome_count: number;
  created_by_user_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  completed_by_user_id: string | null;
  completed_by: string | null;
  sign_off_note: string | null;
}

/** One outcome of an assessment and its answer (levels null until answered). */
export interface CtlAnswersTable {
  client_id: string;
  id: string;
  assessment_id: string;
  control_id: string;
  position: number;
  /** The top-level group (the CSF function), and the node under it that holds the outcome (the category; the outcome itself at that depth). */
  top_id: string;
  category_id: string | null;
  current_level: number | null;
  target_level: number | null;
  not_applicable: number;
  na_reason: string | null;
  owner_seat: Seat | null;
  notes: string | null;
  answered_by_user_id: string | null;
  answered_by: string | null;
  answered_at: string | null;
  updated_at: string;
}

export interface CtlRequestsTable {
  client_id: string;
  id: string;
  assessment_id: string;
  /** The group, heading or outcome whose outcomes are asked. */
  node_id: string;
  node_title: string;
  assignee_user_id: string;
  asked_by_user_id: string | null;
  asked_by: string;
  due_on: string | null;
  note: string | null;
  status: RequestStatus;
  returned_note: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CtlEvidenceTable {
  client_id: string;
  id: string;
  assessment_id: string;
  answer_id: string;
  kind: EvidenceKind;
  title: string;
  url: string | null;
  file_id: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  /** The assessment it was copied from, when carried over. */
  carried_from_id: string | null;
  added_by_user_id: string | null;
  added_by: string;
  added_at: string;
}

/** The bytes of an evidence file; evidence rows (several, once carried over) point at it. */
export interface CtlEvidenceFilesTable {
  client_id: string;
  id: string;
  content: Buffer;
  size_bytes: number;
  sha256: string;
  created_at: string;
}

/** An outcome's link to a risk scenario or treatment (kept with its label if the target goes). */
export interface CtlRiskLinksTable {
  client_id: string;
  id: string;
  answer_id: string;
  kind: RiskLinkKind;
  target_id: string;
  label: string;
  created_at: string;
}

export interface ControlTables {
  ctl_catalogues: CtlCataloguesTable;
  ctl_catalogue_versions: CtlCatalogueVersionsTable;
  ctl_nodes: CtlNodesTable;
  ctl_assessments: CtlAssessmentsTable;
  ctl_answers: CtlAnswersTable;
  ctl_requests: CtlRequestsTable;
  ctl_evidence: CtlEvidenceTable;
  ctl_evidence_files: CtlEvidenceFilesTable;
  ctl_risk_links: CtlRiskLinksTable;
}
