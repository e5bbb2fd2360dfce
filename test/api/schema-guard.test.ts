import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, testDb, type TestApp } from '../support/app.js';
import { introspect, type SchemaShape } from '../support/schema.js';

/**
 * Guards the migrations: the schema they build is the committed snapshot (changes are
 * additive: nothing the snapshot has may disappear or change type), the same on SQLite and
 * PostgreSQL, and every client-owned table follows the rules that let a firm distribute its
 * database by client (docs/distribution.md).
 *
 * After adding a migration, refresh the snapshot with
 *   UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run --project api-sqlite test/api/schema-guard.test.ts
 */
const SNAPSHOT = path.join(import.meta.dirname, 'schema-snapshot.json');
const FIRM_WIDE = new Set(['firms', 'users', 'sessions', 'api_tokens', 'jobs', 'clients']);

let t: TestApp;
let live: SchemaShape;

beforeAll(async () => {
  t = await startTestApp();
  live = await introspect(t.ctx.database.db, t.ctx.database.dialect);
});
afterAll(async () => {
  await t.close();
});

describe('schema guard', () => {
  it('matches the committed snapshot, and changes only by adding', () => {
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1' && testDb() === 'sqlite') {
      fs.writeFileSync(SNAPSHOT, JSON.stringify(live, null, 2) + '\n');
    }
    const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as SchemaShape;
    const removed: string[] = [];
    for (const [table, shape] of Object.entries(snapshot)) {
      const now = live[table];
      if (!now) {
        removed.push(`table ${table} is gone`);
        continue;
      }
      for (const [col, def] of Object.entries(shape.columns)) {
        const c = now.columns[col];
        if (!c) removed.push(`${table}.${col} is gone`);
        else if (c.type !== def.type) removed.push(`${table}.${col} changed type from ${def.type} to ${c.type}`);
        else if (c.nullable && !def.nullable) removed.push(`${table}.${col} became nullable`);
      }
      if (now.primaryKey.join(',') !== shape.primaryKey.join(',')) removed.push(`${table} primary key changed`);
    }
    expect(removed, 'migrations must only add').toEqual([]);
    expect(live, 'the snapshot is out of date: refresh it (see the comment at the top of this file)').toEqual(snapshot);
  });

  it('every client-owned table is keyed and linked by client_id', () => {
    const problems: string[] = [];
    for (const [table, shape] of Object.entries(live)) {
      if (FIRM_WIDE.has(table) || !shape.columns.client_id) continue;
      if (shape.primaryKey[0] !== 'client_id') problems.push(`${table}: primary key (${shape.primaryKey.join(', ')}) does not start with client_id`);
      if (shape.columns.client_id.nullable) problems.push(`${table}: client_id may be null`);
      for (const fk of shape.foreignKeys) {
        const target = /-> (\w+)\(/.exec(fk)?.[1] ?? '';
        const targetIsClientOwned = target !== 'clients' && !FIRM_WIDE.has(target) && live[target]?.columns.client_id;
        if (targetIsClientOwned && !fk.startsWith('client_id,')) problems.push(`${table}: foreign key ${fk} does not include client_id`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.runIf(testDb() === 'postgres')('is the same on SQLite and PostgreSQL', async () => {
    const sqliteApp = await startTestApp({ storage: await freshStorage('sqlite') });
    try {
      expect(live).toEqual(await introspect(sqliteApp.ctx.database.db, 'sqlite'));
    } finally {
      await sqliteApp.close();
    }
  });
});
