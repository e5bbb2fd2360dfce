/**
 * Row types of the reports module: board packs (drafts and issued snapshots) and their rendered
 * files. Both tables are client-owned (client_id, primary key (client_id, id)).
 */

export const PACK_STATUSES = ['generating', 'draft', 'failed', 'issued'] as const;
export type PackStatus = (typeof PACK_STATUSES)[number];
export const PACK_FORMATS = ['pdf', 'html'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

/**
 * One quarterly board pack of a client. A quarter has at most one: a draft that is generated
 * again on request, until it is issued; from then on its row and files never change.
 */
export interface ReportPacksTable {
  client_id: string;
  id: string;
  /** `board` (the quarterly board pack). */
  kind: string;
  /** `2026Q4`. */
  quarter: string;
  status: PackStatus;
  /** The content model (JSON), null until first generated. */
  content_json: string | null;
  /** SHA-256 of content_json. */
  content_hash: string | null;
  /** The issued pack it compares with (the latest one of an earlier quarter), or null. */
  compared_to_pack_id: string | null;
  /** Who asked for the last generation (user id, or null for the system / CLI) and their name. */
  requested_by_user_id: string | null;
  requested_by_name: string;
  generated_at: string | null;
  error: string | null;
  issued_at: string | null;
  issued_by_user_id: string | null;
  issued_by_name: string | null;
  /** Issued while responses were owed: the advisor's reason, and what was owed (JSON). */
  override_reason: string | null;
  override_owed_json: string | null;
  created_at: string;
  updated_at: string;
}

/** A rendered file of a pack: the PDF (base64 text) and the HTML page, kept byte for byte. */
export interface ReportPackFilesTable {
  client_id: string;
  id: string;
  pack_id: string;
  format: PackFormat;
  /** PDF: base64 of the bytes; HTML: the page's text. */
  body: string;
  bytes: number;
  sha256: string;
  created_at: string;
}

export interface ReportTables {
  report_packs: ReportPacksTable;
  report_pack_files: ReportPackFilesTable;
}
