/**
 * The shapes the platform API answers with, as the web app reads them. They mirror the Zod
 * schemas of src/modules/{accounts,clients,audit,system}; /api/openapi.json is the reference.
 * Domain modules keep their schemas in src/modules/<name>/schema.ts (zod and src/shared only)
 * and the web imports their types from there with `import type`.
 */

export type FirmRole = 'admin' | 'advisor' | 'member';
export type MemberRole = 'advisor' | 'executive' | 'contributor' | 'viewer';

export const MEMBER_ROLES: readonly MemberRole[] = ['advisor', 'executive', 'contributor', 'viewer'];
export const FIRM_ROLES: readonly FirmRole[] = ['admin', 'advisor', 'member'];

export interface User {
  id: string;
  email: string;
  name: string;
  firmRole: FirmRole;
  disabled: boolean;
  createdAt: string;
}

export interface Firm {
  id: string;
  name: string;
}

export interface Client {
  id: string;
  name: string;
  sector: string;
  employees: number;
  /** In major units of `currency`. */
  annualRevenue: number;
  currency: string;
  /** The month (1 = January) the fiscal year starts in. */
  fiscalYearStartMonth: number;
  createdAt: string;
  /** The signed-in user's role in this client. */
  role: MemberRole;
}

export interface Me {
  user: User;
  firm: Firm;
  clients: Client[];
  csrfToken?: string;
}

/**
 * What the caller may do in a client, by permission name ('client.edit', 'members.manage', …),
 * as the server's policy decides. Modules add permissions; unknown names read as false.
 */
export type Permissions = Record<string, boolean>;

export interface ClientDetail {
  client: Client;
  permissions: Permissions;
}

export interface ClientInput {
  name: string;
  sector?: string;
  employees?: number;
  annualRevenue?: number;
  currency?: string;
}

export type ClientPatch = Partial<Pick<Client, 'name' | 'sector' | 'employees' | 'annualRevenue' | 'fiscalYearStartMonth'>>;

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  firmRole: FirmRole;
  since: string;
}

export interface MemberInput {
  email: string;
  role: MemberRole;
  /** Only for a person new to Triad. */
  name?: string;
  /** Only for a person new to Triad: their first password. */
  password?: string;
}

export interface AuditEntry {
  seq: number;
  at: string;
  /** "Name <email>" of the person, or a system label such as "demo seed". */
  actor: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** Checkpoints and issued board packs the chain was checked against. */
  anchors: number;
  failure?: { seq: number; reason: string };
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** The token this one was made with; it dies with that one. */
  parentId: string | null;
}

export interface NewApiToken {
  /** The secret, shown once. */
  token: string;
  info: ApiToken;
}

export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export interface NewUserInput {
  email: string;
  name: string;
  password: string;
  firmRole: FirmRole;
}

export interface UserPatch {
  name?: string;
  firmRole?: FirmRole;
  disabled?: boolean;
}
