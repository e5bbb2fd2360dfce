import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { AuditPageOut } from '../../src/modules/audit/schema.js';
import type { SavedViewOut } from '../../src/modules/views/schema.js';

/** Saved views: a person's named filters of a list, theirs alone, checked against the list's filters, audited. */
let t: TestApp;
let demo: DemoWorld;
let sam: Caller;
let priya: Caller;
let tom: Caller;

type ErrorOut = { error: { code: string; message: string; details: { path: string; message: string }[] } };

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  sam = await demo.as(DEMO.advisor);
  priya = await demo.as(DEMO.advisor2);
  tom = await demo.as(DEMO.accounting.contributor);
});
afterAll(async () => {
  await t.close();
});

const views = async (caller: Caller, list: string) => (await caller.get<{ views: SavedViewOut[] }>(`/api/me/views?list=${list}`)).body.views;

describe('saved views', () => {
  it('saves, lists by name, renames, saves other filters and deletes a view, each change in the firm\'s trail', async () => {
    const made = await priya.post<SavedViewOut>('/api/me/views', { list: 'audit', name: '  Changes by Triad  ', filters: { actor: 'system', from: '2026-11-01' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ list: 'audit', name: 'Changes by Triad', filters: { actor: 'system', from: '2026-11-01' } });
    expect((await priya.post('/api/me/views', { list: 'audit', name: 'Acceptances', filters: { entityType: 'acceptance' } })).status).toBe(201);
    expect((await views(priya, 'audit')).map((v) => v.name)).toEqual(['Acceptances', 'Changes by Triad']);
    // Views belong to a list: the same name on another list is another view.
    expect((await priya.post('/api/me/views', { list: 'estate.systems', name: 'Changes by Triad', filters: { type: 'saas' } })).status).toBe(201);
    expect((await views(priya, 'estate.systems')).map((v) => [v.name, v.filters])).toEqual([['Changes by Triad', { type: 'saas' }]]);

    const renamed = await priya.patch<SavedViewOut>(`/api/me/views/${made.body.id}`, { name: 'Triad itself', filters: { actor: 'system' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Triad itself', filters: { actor: 'system' } });
    expect((await views(priya, 'audit')).find((v) => v.id === made.body.id)?.filters).toEqual({ actor: 'system' });

    expect((await priya.delete(`/api/me/views/${made.body.id}`)).status).toBe(200);
    expect((await views(priya, 'audit')).map((v) => v.name)).toEqual(['Acceptances']);
    expect((await priya.delete(`/api/me/views/${made.body.id}`)).status).toBe(404);

    const admin = await demo.as(DEMO.admin);
    const priyaId = (await priya.get<{ user: { id: string } }>('/api/me')).body.user.id;
    const trail = await admin.get<AuditPageOut>(`/api/firm/audit?entityType=saved-view&entityId=${made.body.id}`);
    expect(trail.body.entries.map((e) => [e.action, e.actorId])).toEqual([['saved-view.delete', priyaId], ['saved-view.update', priyaId], ['saved-view.create', priyaId]]);
    expect(trail.body.entries[1]!.before).toEqual({ name: 'Changes by Triad', filters: { actor: 'system', from: '2026-11-01' } });
  });

  it('the demo advisor finds views saved for him, made by the demo seed', async () => {
    expect((await views(sam, 'audit')).map((v) => [v.name, v.filters])).toEqual([['Changes Triad made itself', { actor: 'system' }]]);
    expect((await views(sam, 'risks.register')).map((v) => v.name)).toEqual(['Open risks the CISO owns']);
    const admin = await demo.as(DEMO.admin);
    const trail = await admin.get<AuditPageOut>('/api/firm/audit?action=saved-view.create&actor=system&limit=10');
    expect(trail.body.entries.map((e) => e.actor)).toEqual(['demo seed', 'demo seed', 'demo seed', 'demo seed']);
  });

  it('are their person\'s alone: another cannot list, change or delete them', async () => {
    const mine = await sam.post<SavedViewOut>('/api/me/views', { list: 'risks.register', name: 'CISO open risks', filters: { owner: 'CISO', statuses: ['open', 'treating'], proposals: false } });
    expect(mine.status).toBe(201);
    for (const other of [tom, await demo.as(DEMO.saas.executive), await demo.as(DEMO.admin)]) {
      expect((await views(other, 'risks.register')).map((v) => v.id)).not.toContain(mine.body.id);
      const patched = await other.patch<ErrorOut>(`/api/me/views/${mine.body.id}`, { name: 'Taken over' });
      expect(patched.status).toBe(404);
      expect(patched.body.error.code).toBe('NOT_FOUND');
      expect((await other.delete(`/api/me/views/${mine.body.id}`)).status).toBe(404);
    }
    expect((await views(sam, 'risks.register')).find((v) => v.id === mine.body.id)?.name).toBe('CISO open risks');
    expect((await anonymous(t.server).get('/api/me/views?list=audit')).status).toBe(401);
  });

  it('one name once per person and list; someone else may use it', async () => {
    expect((await tom.post('/api/me/views', { list: 'vendors', name: 'Critical', filters: { tier: '1' } })).status).toBe(201);
    const again = await tom.post<ErrorOut>('/api/me/views', { list: 'vendors', name: 'Critical', filters: { tier: '2' } });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0]?.path).toBe('body.name');
    expect((await sam.post('/api/me/views', { list: 'vendors', name: 'Critical', filters: { tier: '1' } })).status).toBe(201);
    const second = await tom.post<SavedViewOut>('/api/me/views', { list: 'vendors', name: 'Tier 2', filters: { tier: '2' } });
    const clash = await tom.patch<ErrorOut>(`/api/me/views/${second.body.id}`, { name: 'Critical' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details[0]?.path).toBe('body.name');
  });

  it('refuses a list it does not know, filters the list does not have, and values they do not take', async () => {
    const cases: [unknown, string[]][] = [
      [{ list: 'everything', name: 'x', filters: {} }, ['body.list']],
      [{ list: 'audit', name: 'x', filters: { owner: 'CISO' } }, ['body.filters.owner']],
      [{ list: 'audit', name: 'x', filters: { from: '2026-02-30' } }, ['body.filters.from']],
      [{ list: 'estate.systems', name: 'x', filters: { type: 'spaceship' } }, ['body.filters.type']],
      [{ list: 'risks.register', name: 'x', filters: { statuses: 'open' } }, ['body.filters.statuses']],
      [{ list: 'vendors', name: '', filters: {} }, ['body.name']],
      [{ list: 'vendors', name: 'x'.repeat(81), filters: {} }, ['body.name']],
      [{ list: 'vendors', name: 'x' }, ['body.filters']],
      [{ list: 'vendors', name: 'x', filters: {}, shared: true }, ['body.shared']],
    ];
    for (const [body, paths] of cases) {
      const res = await sam.post<ErrorOut>('/api/me/views', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d) => d.path), JSON.stringify(body)).toEqual(paths);
    }
    const v = await sam.post<SavedViewOut>('/api/me/views', { list: 'vendors.renewals', name: 'A year', filters: { days: '365' } });
    const bad = await sam.patch<ErrorOut>(`/api/me/views/${v.body.id}`, { filters: { days: '7', tier: '1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path).sort()).toEqual(['body.filters.days', 'body.filters.tier']);
    expect((await views(sam, 'vendors.renewals')).find((x) => x.id === v.body.id)?.filters).toEqual({ days: '365' });
    expect((await sam.get<ErrorOut>('/api/me/views?list=nothing')).status).toBe(400);
  });

  it('at most 50 of one list', async () => {
    const contributor = await demo.as(DEMO.manufacturer.contributor);
    for (let i = 1; i <= 50; i++) expect((await contributor.post('/api/me/views', { list: 'estate.systems', name: `View ${i}`, filters: {} })).status).toBe(201);
    const over = await contributor.post<ErrorOut>('/api/me/views', { list: 'estate.systems', name: 'View 51', filters: {} });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/50 saved views/);
    expect((await contributor.post('/api/me/views', { list: 'vendors', name: 'View 51', filters: {} })).status).toBe(201);
  });
});
