import type { PlatformTables } from './platform-tables.js';

/**
 * The whole database as Kysely sees it: the platform's tables plus each domain module's.
 * A module adds its tables by extending this interface with its own `*Tables` interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- modules extend this list
export interface DB extends PlatformTables {}

/**
 * Tables owned by one client: each carries `client_id`, its primary key starts with it, and
 * it may only be reached through a ClientDb (see scoped.ts). Firm-wide tables are not listed.
 */
export type ClientTable = {
  [K in keyof DB]: DB[K] extends { client_id: string } ? K : never;
}[keyof DB] & Exclude<keyof DB, 'clients' | 'audit_entries' | 'audit_heads' | 'jobs'>;
