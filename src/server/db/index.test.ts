import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './index.js';

let dir: string;
let database: Database;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-db-'));
  database = openDatabase({ dataDir: dir });
  await sql`create table t (id integer primary key, v text)`.execute(database.db);
  for (let i = 1; i <= 5; i++) await sql`insert into t (id, v) values (${i}, ${`v${i}`})`.execute(database.db);
});
afterEach(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite with reused statements', () => {
  it('gives the same, current rows when one query runs again after a change', async () => {
    const read = () => sql<{ v: string }>`select v from t where id = ${2}`.execute(database.db);
    expect((await read()).rows).toEqual([{ v: 'v2' }]);
    await sql`update t set v = 'changed' where id = 2`.execute(database.db);
    expect((await read()).rows).toEqual([{ v: 'changed' }]);
  });

  it('keeps answering when more distinct queries run than the cache holds', async () => {
    for (let i = 0; i < 700; i++) {
      const { rows } = await sql.raw<{ n: number }>(`select count(*) + ${i} as n from t`).execute(database.db);
      expect(rows[0]?.n).toBe(5 + i);
    }
  });
});
