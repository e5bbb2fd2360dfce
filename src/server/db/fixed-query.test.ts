import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fixedQuery } from './fixed-query.js';

interface T {
  items: { id: string; owner: string; kind: string; size: number };
}

function database(): Kysely<T> {
  const sqlite = new Database(':memory:');
  sqlite.exec("create table items (id text primary key, owner text, kind text, size integer); insert into items values ('a', 'ann', 'disk', 1), ('b', 'ann', 'tape', 2), ('c', 'bob', 'disk', 3)");
  return new Kysely<T>({ dialect: new SqliteDialect({ database: sqlite }) });
}

describe('fixedQuery', () => {
  it('binds each run\u2019s values by name, builds once per database, and keeps the values written into the query', async () => {
    let builds = 0;
    const query = fixedQuery((db: Kysely<T>, slot: (name: 'owner' | 'kind') => string) => {
      builds += 1;
      // The slots in another order than the names are given, and a value fixed in the query.
      return db.selectFrom('items').select('id').where('kind', '=', slot('kind')).where('size', '<', 10).where('owner', '=', slot('owner')).orderBy('id');
    });
    const db = database();
    expect((await query(db, { owner: 'ann', kind: 'disk' })).map((r) => r.id)).toEqual(['a']);
    expect((await query(db, { owner: 'ann', kind: 'tape' })).map((r) => r.id)).toEqual(['b']);
    expect((await query(db, { owner: 'bob', kind: 'disk' })).map((r) => r.id)).toEqual(['c']);
    expect(builds).toBe(1);
    await query(database(), { owner: 'bob', kind: 'disk' });
    expect(builds).toBe(2);
  });

  it('refuses a value the query has no place for', async () => {
    const query = fixedQuery((db: Kysely<T>, slot: (name: 'owner' | 'kind') => string) => db.selectFrom('items').select('id').where('owner', '=', slot('owner')));
    await expect(query(database(), { owner: 'ann', kind: 'disk' })).rejects.toThrow(/no place for kind/);
  });
});
