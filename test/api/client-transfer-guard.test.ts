import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { introspect, type SchemaShape } from '../support/schema.js';
import { EXCLUDED, EXPORTED, FIRM_REFERENCES } from '../../src/modules/transfer/registry.js';

/**
 * Keeps the whole-client export whole as the schema grows: every table with a client_id column
 * is exported or excluded with a reason (src/modules/transfer/registry.ts), and the order the
 * import writes tables in follows their foreign keys.
 */
let t: TestApp;
let live: SchemaShape;

beforeAll(async () => {
  t = await startTestApp();
  live = await introspect(t.ctx.database.db, t.ctx.database.dialect);
});
afterAll(async () => {
  await t.close();
});

describe('the client export registry', () => {
  it('names every table with a client_id column, exported or excluded with a reason', () => {
    const exported = EXPORTED.map((e) => e.table as string);
    const missing = Object.entries(live)
      .filter(([name, shape]) => 'client_id' in shape.columns && name !== 'clients')
      .map(([name]) => name)
      .filter((name) => !exported.includes(name) && !(name in EXCLUDED));
    expect(missing, 'add these tables to EXPORTED (or to EXCLUDED with the reason) in src/modules/transfer/registry.ts').toEqual([]);
    expect(exported.filter((name) => name in EXCLUDED)).toEqual([]);
    expect(new Set(exported).size).toBe(exported.length);
    for (const name of [...exported, ...Object.keys(EXCLUDED)]) expect(live[name], `${name} is not a table`).toBeDefined();
    for (const reason of Object.values(EXCLUDED)) expect(reason.length).toBeGreaterThan(20);
  });

  it('writes a table after the tables it points to; it points only into the client and the firm\'s tables the export carries', () => {
    const order = EXPORTED.map((e) => e.table as string);
    const problems: string[] = [];
    for (const [i, entry] of EXPORTED.entries()) {
      for (const fk of live[entry.table]!.foreignKeys) {
        const [from = '', rest = ''] = fk.split(' -> ');
        const target = rest.slice(0, rest.indexOf('('));
        if ((FIRM_REFERENCES as readonly string[]).includes(target)) continue;
        if (target === entry.table) {
          if (!from.split(',').includes(entry.selfReference ?? '')) problems.push(`${entry.table}: ${fk} needs selfReference`);
          continue;
        }
        const at = order.indexOf(target);
        if (at < 0) problems.push(`${entry.table}: ${fk} points to a table the export does not carry`);
        else if (at > i) problems.push(`${entry.table}: ${fk} comes before ${target}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
