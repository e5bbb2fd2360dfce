import type { Migration } from 'kysely';
import * as platform from './20261126_01_platform.js';

/**
 * Every migration, in order. Names sort by date then sequence; Kysely applies the pending ones
 * at start-up. Migrations are forward-only and additive (test/api/schema-guard.test.ts).
 * A domain module keeps its migrations in its own folder and lists them here.
 */
export const migrations: Record<string, Migration> = {
  '20261126_01_platform': platform,
};
