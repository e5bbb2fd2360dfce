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

describe('SQLite', () => {
  const readV = (id: number) =>
    database.db
      .selectFrom('t' as never)
      .select(sql<string>`v`.as('v'))
      .where(sql.ref('id'), '=', id)
      .executeTakeFirstOrThrow();

  it('answers reads with the last committed rows while a transaction is still writing, and holds other writes until it ends', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const tx = database.db.transaction().execute(async (trx) => {
      await sql`update t set v = 'in-flight' where id = 1`.execute(trx);
      written();
      await gate;
    });
    await wrote;
    expect(await readV(1)).toEqual({ v: 'v1' });
    let otherWriteDone = false;
    const otherWrite = sql`update t set v = 'after' where id = 2`.execute(database.db).then(() => (otherWriteDone = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(otherWriteDone).toBe(false);
    release();
    await tx;
    await otherWrite;
    expect(await readV(1)).toEqual({ v: 'in-flight' });
    expect(await readV(2)).toEqual({ v: 'after' });
  });

  it('reads inside a transaction see its own uncommitted changes, and a rollback leaves nothing', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`update t set v = 'mine' where id = 3`.execute(trx);
        const inside = await trx.selectFrom('t' as never).select(sql<string>`v`.as('v')).where(sql.ref('id'), '=', 3).executeTakeFirstOrThrow();
        expect(inside).toEqual({ v: 'mine' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await readV(3)).toEqual({ v: 'v3' });
  });

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
