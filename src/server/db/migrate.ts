import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './index.js';
import { migrations } from './migrations/index.js';

class StaticProvider implements MigrationProvider {
  constructor(private readonly list: Record<string, Migration>) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.list);
  }
}

export interface MigrationReport {
  applied: string[];
  pending: number;
}

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(database: Database): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: database.db,
    provider: new StaticProvider(migrations),
    migrationTableName: 'triad_migrations',
    migrationLockTableName: 'triad_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed on ${database.dialect}: ${cause}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), pending: 0 };
}
