import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { jobIsLive, LEASE_MS } from '../../src/server/jobs/queue.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('background jobs', () => {
  it('runs queued jobs once each, with progress, and a burst with one dedupe key becomes one job', async () => {
    t = await startTestApp();
    const seen: unknown[] = [];
    t.ctx.jobs.register('test.echo', async (run) => {
      await run.progress(0.5);
      seen.push(run.job.payload);
    });
    for (let i = 0; i < 5; i++) await t.ctx.jobs.enqueue({ kind: 'test.echo', clientId: null, payload: { i }, dedupeKey: 'same' });
    await t.ctx.jobs.enqueue({ kind: 'test.echo', clientId: null, payload: { other: true } });
    expect(await t.ctx.jobs.runDue()).toBe(2);
    expect(seen).toEqual([{ i: 0 }, { other: true }]);
    const rows = await t.ctx.database.db.selectFrom('jobs').selectAll().execute();
    expect(rows.every((r) => r.status === 'done' && r.progress === 1)).toBe(true);
    // Once the first has run, the key is free again.
    await t.ctx.jobs.enqueue({ kind: 'test.echo', clientId: null, payload: { i: 9 }, dedupeKey: 'same' });
    expect(await t.ctx.jobs.runDue()).toBe(1);
  });

  it('runs jobs queued in the same instant in the order they were queued (a webhook receiver hears "requested" before "approved")', async () => {
    t = await startTestApp();
    const seen: number[] = [];
    t.ctx.jobs.register('test.order', (run) => {
      seen.push((run.job.payload as { i: number }).i);
      return Promise.resolve();
    });
    // The test clock stands still: every job has the same time to run after and the same creation time.
    for (let i = 0; i < 40; i++) await t.ctx.jobs.enqueue({ kind: 'test.order', clientId: null, payload: { i } });
    // Rows change after they are written (a lease renewed, a retry planned): on PostgreSQL the
    // new versions of the first ones then lie after the others in the table.
    const first = await t.ctx.database.db.selectFrom('jobs').select('id').where('kind', '=', 'test.order').orderBy('id').limit(20).execute();
    await t.ctx.database.db.updateTable('jobs').set({ progress: 0 }).where('id', 'in', first.map((j) => j.id)).execute();
    expect(await t.ctx.jobs.runDue()).toBe(40);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('retries a failing job later, then marks it failed with the error', async () => {
    t = await startTestApp();
    let calls = 0;
    t.ctx.jobs.register('test.fail', () => {
      calls += 1;
      return Promise.reject(new Error(`boom ${calls}`));
    });
    await t.ctx.jobs.enqueue({ kind: 'test.fail', clientId: null, payload: null });
    await t.ctx.jobs.runDue();
    expect(calls).toBe(1);
    // Not due again until the back-off has passed.
    expect(await t.ctx.jobs.runDue()).toBe(0);
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    t.clock.advance(60_000);
    await t.ctx.jobs.runDue();
    expect(calls).toBe(3);
    const row = await t.ctx.database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toBe('boom 3');
  });

  it('picks up jobs left queued or running by a stopped server after a restart', async () => {
    t = await startTestApp();
    await t.ctx.jobs.enqueue({ kind: 'test.later', clientId: null, payload: { n: 1 } });
    await t.ctx.database.db.updateTable('jobs').set({ status: 'running', started_at: '2026-11-26T08:00:00.000Z' }).execute();
    await t.ctx.jobs.enqueue({ kind: 'test.later', clientId: null, payload: { n: 2 } });
    await t.stop();
    const again = await startTestApp({ storage: t.storage, clock: t.clock });
    t = again;
    const seen: unknown[] = [];
    again.ctx.jobs.register('test.later', (run) => {
      seen.push(run.job.payload);
      return Promise.resolve();
    });
    await again.ctx.jobs.start();
    await again.ctx.jobs.stop();
    await again.ctx.jobs.runDue();
    expect(seen).toHaveLength(2);
  });

  it('two claimers never take the same job', async () => {
    t = await startTestApp();
    const ran: string[] = [];
    t.ctx.jobs.register('test.claim', async (run) => {
      ran.push(run.job.id);
      await new Promise((r) => setTimeout(r, 5));
    });
    for (let i = 0; i < 20; i++) await t.ctx.jobs.enqueue({ kind: 'test.claim', clientId: null, payload: i });
    const counts = await Promise.all([t.ctx.jobs.runDue(), t.ctx.jobs.runDue(), t.ctx.jobs.runDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
    expect(new Set(ran).size).toBe(20);
  });

  it('a running job whose worker stopped renewing its lease is requeued, and failed with the reason after its last attempt', async () => {
    t = await startTestApp();
    const gaveUp: string[] = [];
    t.ctx.jobs.register('test.dies', () => Promise.resolve(), { onGiveUp: (job, reason) => { gaveUp.push(`${job.id}: ${reason}`); return Promise.resolve(); } });
    await t.ctx.jobs.enqueue({ kind: 'test.dies', clientId: null, payload: null });
    const db = t.ctx.database.db;
    // A worker elsewhere claims it and dies, three times over.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const lease = new Date(t.clock.now().getTime() + LEASE_MS).toISOString();
      await db.updateTable('jobs').set({ status: 'running', worker: 'gone:1', lease_until: lease, started_at: t.clock.now().toISOString(), attempts: attempt }).execute();
      const row = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(jobIsLive(row, t.clock.now())).toBe(true);
      // While the lease holds, nobody else takes the job.
      expect(await t.ctx.jobs.reapExpired()).toBe(0);
      t.clock.advance(LEASE_MS + 1);
      expect(jobIsLive(row, t.clock.now())).toBe(false);
      expect(await t.ctx.jobs.reapExpired()).toBe(1);
      const after = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(after.worker).toBeNull();
      expect(after.error).toMatch(/the server running it stopped before it finished/);
      expect(after.status).toBe(attempt < 3 ? 'queued' : 'failed');
    }
    const failed = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(failed.error).toMatch(/gave up after 3 attempts/);
    expect(gaveUp).toEqual([`${failed.id}: ${failed.error}`]);
  });

  it('a worker renews the lease of the job it runs, and finishes it as its own', async () => {
    t = await startTestApp();
    let release!: () => void;
    const running = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    t.ctx.jobs.register('test.long', async (run) => {
      started();
      await running;
      await run.progress(0.5);
    });
    await t.ctx.jobs.enqueue({ kind: 'test.long', clientId: null, payload: null });
    const done = t.ctx.jobs.runDue();
    await begun;
    const claimed = await t.ctx.database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(claimed.worker).toBe(t.ctx.jobs.workerId);
    expect(claimed.lease_until).toBe(new Date(t.clock.now().getTime() + LEASE_MS).toISOString());
    // A clock that jumps past the lease (as a test's does) does not make a job this server runs look dead.
    t.clock.advance(LEASE_MS * 3);
    expect(await t.ctx.jobs.reapExpired()).toBe(0);
    const renewed = await t.ctx.database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(renewed).toMatchObject({ status: 'running', worker: t.ctx.jobs.workerId, lease_until: new Date(t.clock.now().getTime() + LEASE_MS).toISOString() });
    release();
    await done;
    const finished = await t.ctx.database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(finished).toMatchObject({ status: 'done', worker: null, lease_until: null, progress: 1 });
  });
});
