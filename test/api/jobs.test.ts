import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

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
});
