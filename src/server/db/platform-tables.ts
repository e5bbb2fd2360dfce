/**
 * Row types of the platform's tables (firm, users, clients, memberships, sessions, tokens,
 * audit trail, jobs). Conventions, the same on SQLite and PostgreSQL:
 * - identifiers are text UUIDs (v7, time-ordered) made by the server;
 * - timestamps are text in ISO 8601 UTC with milliseconds (`2026-11-26T15:04:05.123Z`), dates `YYYY-MM-DD`;
 * - money is an integer of minor units (cents) in `bigint` columns, in the client's currency;
 * - JSON is text, parsed by the code that owns the column;
 * - booleans are integers 0/1.
 */
export type FirmRole = 'admin' | 'advisor' | 'member';
export type MemberRole = 'advisor' | 'executive' | 'contributor' | 'viewer';

export interface FirmsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  firm_id: string;
  email: string;
  name: string;
  password_hash: string;
  firm_role: FirmRole;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export interface ClientsTable {
  id: string;
  firm_id: string;
  name: string;
  sector: string;
  employees: number;
  /** Annual revenue in minor units of `currency`. */
  annual_revenue: number;
  currency: string;
  /** The month (1–12) the client's fiscal year starts in; the IT budget runs on it. */
  fiscal_year_start_month: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface MembershipsTable {
  client_id: string;
  user_id: string;
  role: MemberRole;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token; the token is shown once when it is made. */
  token_hash: string;
  /** The first characters of the token, to tell tokens apart in lists. */
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  /** The token this one was made with (it expires no later, and dies with it); null: made in a session. */
  parent_id: string | null;
}

export interface AuditEntriesTable {
  /** The chain: a client's id, or the firm's id for account events. */
  client_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  client_id: string;
  seq: number;
  hash: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  kind: string;
  client_id: string | null;
  /** Jobs with the same key while queued are one job (an edit burst recomputes once). */
  dedupe_key: string | null;
  payload: string;
  status: JobStatus;
  progress: number;
  run_after: string;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  /** The worker (server process) running the job, while it runs. */
  worker: string | null;
  /** Until when the worker's claim holds; renewed while it runs, expired when the worker died. */
  lease_until: string | null;
}

export interface AuditCheckpointsTable {
  firm_id: string;
  /** The checkpoint's place in the firm's checkpoint chain, from 1. */
  seq: number;
  at: string;
  /** The audit chain checkpointed: a client's id or the firm's. */
  chain_id: string;
  /** The first entry whose hash this checkpoint lists (the one after the chain's previous checkpoint). */
  from_seq: number;
  /** Entries in the chain when checkpointed, and the hash of the last. */
  entries: number;
  head_hash: string;
  /** JSON array of the hashes of entries from_seq..entries. */
  entry_hashes: string;
  prev_hash: string;
  hash: string;
  /** Ed25519 signature of `hash` (base64) and the key's id, when the server has a key. */
  key_id: string | null;
  signature: string | null;
}

export interface PlatformTables {
  firms: FirmsTable;
  users: UsersTable;
  clients: ClientsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_entries: AuditEntriesTable;
  audit_heads: AuditHeadsTable;
  jobs: JobsTable;
  audit_checkpoints: AuditCheckpointsTable;
}
