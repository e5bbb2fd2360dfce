import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from './app.js';
import { installChangeLedger, type ChangeLedger } from './change-ledger.js';
import { DEMO, seedDemoWorld, type DemoWorld } from './demo.js';
import { crossClientReferences, describeFailure, fuzzRoute, IdPool, routeOrder, type FuzzFailure } from './fuzz.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import type { RouteInfo } from '../../src/server/app.js';
import { CSV_KINDS } from '../../src/modules/estate/vocab.js';

/**
 * A suite of property-based route tests (test/support/fuzz.ts) over a demo world of its own:
 * an advisor sends generated bodies, queries and ids (the records of their client, another
 * client's, random and hostile ones) to each route; no answer may be a 5xx, no 4xx may change
 * anything stored, JSON answers are never cached, and no change may leave a record of one
 * client referring to a record of another. TRIAD_FUZZ_RUNS sets the cases per route (default 100),
 * TRIAD_FUZZ_SEED the seed (default fixed, so a failure replays; `random` to explore),
 * TRIAD_FUZZ_CONTINUE=1 goes on after a failure, TRIAD_FUZZ_LOG=file logs every request.
 */
const RUNS = Number(process.env.TRIAD_FUZZ_RUNS ?? 100);
/** TRIAD_FUZZ_ROUTE: only the routes whose "METHOD /url" matches this pattern, to explore one. */
const ONLY = process.env.TRIAD_FUZZ_ROUTE ? new RegExp(process.env.TRIAD_FUZZ_ROUTE) : null;
const SEED = process.env.TRIAD_FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.TRIAD_FUZZ_SEED ?? 20261126);

/**
 * Declares the suite: `select` picks the routes; with `adminPass`, a firm admin then fuzzes the
 * routes only firm admins may use (those refused the advisor).
 */
export function defineFuzzSuite(title: string, select: (route: RouteInfo) => boolean, options: { adminPass?: boolean } = {}): void {
  let t: TestApp;
  let demo: DemoWorld;
  let ledger: ChangeLedger;
  const knownLeaks = new Set<string>();
  const csvHeaders: string[][] = [];

  beforeAll(async () => {
    t = await startTestApp();
    demo = await seedDemoWorld(t.ctx, t.server);
    ledger = await installChangeLedger(t.ctx.database);
    // The columns of each CSV kind, from real exports, for the import route's generated files.
    const advisor = await demo.as(DEMO.advisor);
    for (const kind of CSV_KINDS) {
      const csv = await advisor.get<string>(`/api/clients/${demo.clients.accounting}/estate/export/${kind}`);
      csvHeaders.push(String(csv.body).split(/\r?\n/)[0]!.split(',').map((h) => h.replace(/^"|"$/g, '')));
    }
    expect(await crossClientReferences(t.ctx.database)).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  interface PassResult {
    failures: FuzzFailure[];
    cases: number;
    /** Routes that refused the caller every time (403): firm-admin routes, for the admin's pass. */
    refused: RouteInfo[];
  }

  async function fuzzAll(email: string, routes: RouteInfo[], clientId: string, otherClientIds: string[]): Promise<PassResult> {
    const user = await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const ids = new IdPool(t.ctx.database, new Set([user.id, clientId]));
    let caller: Caller = await login(t.server, email, DEMO_PASSWORD);
    const failures: FuzzFailure[] = [];
    const refused: RouteInfo[] = [];
    let cases = 0;
    for (const route of [...routes].sort(routeOrder)) {
      await ids.refresh();
      const started = Date.now();
      const { failure, statuses } = await fuzzRoute(route, {
        server: t.server,
        caller: () => Promise.resolve(caller),
        renewCaller: async () => {
          caller = await login(t.server, email, DEMO_PASSWORD);
        },
        ledger,
        ids,
        clientId,
        otherClientIds,
        numRuns: RUNS,
        seed: SEED,
        csvHeaders,
      });
      cases += Object.values(statuses).reduce((a, b) => a + b, 0);
      if (process.env.TRIAD_FUZZ_TIMES) appendFileSync(process.env.TRIAD_FUZZ_TIMES, `${Date.now() - started}\t${email}\t${route.method} ${route.url}\t${JSON.stringify(statuses)}\n`);
      if (failure) failures.push(failure);
      if (route.method !== 'GET') {
        // No change may leave a client's record pointing at another client's.
        const leaks = (await crossClientReferences(t.ctx.database)).filter((l) => !knownLeaks.has(l));
        for (const l of leaks) {
          knownLeaks.add(l);
          failures.push({ route: `${route.method} ${route.url}`, request: { method: route.method, url: route.url }, status: 0, problem: `stored a reference to another client's record: ${l}`, seed: 0 });
        }
      }
      if ((statuses[403] ?? 0) > 0 && !Object.keys(statuses).some((s) => s.startsWith('2'))) refused.push(route);
    }
    return { failures, cases, refused };
  }

  describe(title, () => {
    let adminRoutes: RouteInfo[] = [];

    it(`an advisor's generated requests (${RUNS} per route) never answer 5xx, and a 4xx never changes stored data`, async () => {
      const routes = t.server.triadRoutes.filter((r) => select(r) && (!ONLY || ONLY.test(`${r.method} ${r.url}`)));
      if (!ONLY) expect(routes.length).toBeGreaterThan(0);
      const { failures, cases, refused } = await fuzzAll(DEMO.advisor, routes, demo.clients.accounting, [demo.clients.manufacturer, demo.clients.saas]);
      // The firm admins' own routes, and any other firm route that refused the advisor.
      adminRoutes = routes.filter((r) => /^\/api\/(users|firm)(\/|$)/.test(r.url) || (refused.includes(r) && !r.url.startsWith('/api/clients/:clientId')));
      expect(failures.map(describeFailure)).toEqual([]);
      expect(cases).toBeGreaterThanOrEqual(routes.length * RUNS);
    }, 900_000);

    if (!options.adminPass) return;
    it(`a firm admin's generated requests to the routes only firm admins may use do the same`, async () => {
      if (!ONLY) expect(adminRoutes.map((r) => `${r.method} ${r.url}`)).toContain('POST /api/users');
      const { failures } = await fuzzAll(DEMO.admin, adminRoutes, demo.clients.accounting, [demo.clients.manufacturer, demo.clients.saas]);
      expect(failures.map(describeFailure)).toEqual([]);
    }, 600_000);
  });
}
