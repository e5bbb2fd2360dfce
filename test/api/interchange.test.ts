import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';

/**
 * Calendars and webhooks: a person's calendar feed, read back by a maintained iCalendar parser
 * (node-ical), holding only the clients its owner may see and gone once revoked; the firm's
 * webhooks delivered to a receiver on loopback that checks the signature, and a failing
 * receiver retried with backoff, every attempt in the delivery log.
 */

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let demo: DemoWorld;
let admin: Caller;
let advisor: Caller;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  admin = await demo.as(DEMO.admin);
  advisor = await demo.as(DEMO.advisor);
});
afterAll(async () => {
  await t.close();
});

/** A receiver on loopback that answers with the statuses given, in turn, then 200. */
async function receiver(statuses: number[] = []): Promise<{ url: string; got: Received[]; close: () => Promise<void> }> {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/triad`, got, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An iCalendar property's text (node-ical gives a string, or an object with its parameters). */
function text(v: ical.ParameterValue | undefined): string {
  return typeof v === 'string' ? v : (v?.val ?? '');
}

/** Checks a delivery's signature as a receiver would. */
function verify(secret: string, header: string, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

async function deliveries(id: string): Promise<Delivery[]> {
  return (await admin.get<{ deliveries: Delivery[] }>(`/api/firm/webhooks/${id}/deliveries`)).body.deliveries;
}

describe('a calendar feed', () => {
  it('is an iCalendar file a parser reads back, with the dates of the clients its owner may see, until revoked', async () => {
    const made = await advisor.post<{ url: string; feed: { id: string; prefix: string } }>('/api/me/calendar-feeds', { name: 'Northbridge dates' });
    expect(made.status).toBe(201);
    const path = new URL(made.body.url, 'http://localhost').pathname;
    expect(path).toMatch(/^\/api\/calendar\/cal_[A-Za-z0-9_-]{20,}\.ics$/);
    // No session: the secret in the URL is the key.
    const res = await t.server.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const parsed = ical.sync.parseICS(res.body);
    const events = Object.values(parsed).filter((e): e is ical.VEvent => e?.type === 'VEVENT');
    expect(events.length).toBeGreaterThan(5);
    const titles = events.map((e) => text(e.summary));
    expect(titles.some((s) => s.startsWith('Notice deadline: '))).toBe(true);
    expect(titles.some((s) => /^(Renews|Ends): /.test(s))).toBe(true);
    expect(titles.some((s) => s.startsWith('Target quarter ends: '))).toBe(true);
    for (const e of events) {
      expect(e.uid).toMatch(/@triad$/);
      expect(e.start).toBeInstanceOf(Date);
      expect(e.datetype).toBe('date');
    }
    // Every client named is one the advisor may see.
    const mine = (await advisor.get<{ clients: { name: string }[] }>('/api/clients')).body.clients.map((c) => c.name);
    for (const s of titles) expect(mine.some((name) => s.endsWith(`(${name})`)), s).toBe(true);

    // A contract's notice deadline is its renewal date less its notice days.
    const notice = events.find((e) => text(e.summary).startsWith('Notice deadline: '))!;
    expect(text(notice.description)).toMatch(/\((\d+) days before it (renews|ends) on (\d{4}-\d{2}-\d{2})\)/);
    const [, days, , renews] = /\((\d+) days before it (renews|ends) on (\d{4}-\d{2}-\d{2})\)/.exec(text(notice.description))!;
    const expected = new Date(`${renews}T00:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() - Number(days));
    const start = notice.start as Date;
    expect(`${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`).toBe(expected.toISOString().slice(0, 10));

    // A client member sees only their client's dates.
    const viewer = await demo.as(DEMO.accounting.viewer);
    const theirs = await viewer.post<{ url: string; feed: { id: string } }>('/api/me/calendar-feeds', { name: 'Harbor' });
    const other = ical.sync.parseICS((await t.server.inject({ method: 'GET', url: new URL(theirs.body.url, 'http://localhost').pathname })).body);
    const otherTitles = Object.values(other).filter((e) => e?.type === 'VEVENT').map((e) => text((e as ical.VEvent | undefined)?.summary));
    expect(otherTitles.length).toBeGreaterThan(0);
    for (const s of otherTitles) expect(s).toMatch(/\(Harbor/);

    expect((await advisor.delete(`/api/me/calendar-feeds/${made.body.feed.id}`)).status).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect((await t.server.inject({ method: 'GET', url: '/api/calendar/cal_not-a-feed.ics' })).statusCode).toBe(404);
    // Someone else's feed cannot be revoked.
    expect((await advisor.delete(`/api/me/calendar-feeds/${theirs.body.feed.id}`)).status).toBe(404);
  });
});

describe('webhooks', () => {
  it('are managed by firm admins only, and refuse addresses that are not https', async () => {
    expect((await advisor.get('/api/firm/webhooks')).status).toBe(403);
    const bad = await admin.post<{ error: { details: { path: string }[] } }>('/api/firm/webhooks', { url: 'http://hooks.example.com/x', events: ['pack.issued'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]!.path).toMatch(/url/);
    // An address that is not one at all: one message, naming the field.
    const notUrl = await admin.post<{ error: { details: { path: string }[] } }>('/api/firm/webhooks', { url: '\u202eevil', events: ['pack.issued'] });
    expect(notUrl.status).toBe(400);
    expect(notUrl.body.error.details.map((d) => d.path)).toEqual(['body.url']);
  });

  it('deliver a signed event to a receiver on loopback, which verifies the signature', async () => {
    const rx = await receiver();
    try {
      const made = await admin.post<{ secret: string; webhook: { id: string } }>('/api/firm/webhooks', { url: rx.url, events: ['import.finished'], description: 'Automation' });
      expect(made.status).toBe(201);
      expect(made.body.secret).toMatch(/^whsec_/);
      // An import of a client of the firm is an event.
      const base = `/api/clients/${demo.clients.manufacturer}`;
      const imported = await advisor.request('POST', `${base}/estate/import/systems`, 'Name,Purchase Cost\nWebhook test box,100\n', { 'content-type': 'text/csv' });
      expect(imported.status).toBe(200);
      expect(await t.ctx.jobs.runDue()).toBeGreaterThan(0);
      expect(rx.got).toHaveLength(1);
      const { headers, body } = rx.got[0]!;
      expect(headers['triad-event']).toBe('import.finished');
      expect(verify(made.body.secret, String(headers['triad-signature']), body)).toBe(true);
      expect(verify('whsec_wrong', String(headers['triad-signature']), body)).toBe(false);
      const payload = JSON.parse(body) as { event: string; client: { id: string }; action: string; data: { rows: number } };
      expect(payload).toMatchObject({ event: 'import.finished', client: { id: demo.clients.manufacturer }, action: 'estate.import', data: { rows: 1 } });
      const [d] = await deliveries(made.body.webhook.id);
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, event: 'import.finished' });
      // A change that rolls back queues nothing: a refused import is no event.
      const refused = await advisor.request('POST', `${base}/estate/import/systems`, 'Name,Purchase Cost\nBad,twelve\n', { 'content-type': 'text/csv' });
      expect(refused.status).toBe(400);
      await t.ctx.jobs.runDue();
      expect(rx.got).toHaveLength(1);
      expect((await admin.patch(`/api/firm/webhooks/${made.body.webhook.id}`, { active: false })).status).toBe(200);
    } finally {
      await rx.close();
    }
  });

  it('announce a risk acceptance requested and approved, and nothing to a paused webhook or one not subscribed', async () => {
    const rx = await receiver();
    const other = await receiver();
    try {
      const made = await admin.post<{ webhook: { id: string } }>('/api/firm/webhooks', { url: rx.url, events: ['acceptance.requested', 'acceptance.approved', 'escalation'] });
      expect(made.status).toBe(201);
      const packsOnly = await admin.post<{ webhook: { id: string } }>('/api/firm/webhooks', { url: other.url, events: ['pack.issued'] });
      expect(packsOnly.status).toBe(201);
      const base = `/api/clients/${demo.clients.accounting}`;
      const scenario = async (title: string): Promise<string> => {
        const res = await advisor.post<{ id: string }>(`${base}/risks`, {
          title,
          ownerSeat: 'CISO',
          inputs: { lossEventFrequency: { type: 'constant', value: 0.5 }, primaryLoss: { type: 'constant', value: 2_000 } },
        });
        expect(res.status).toBe(201);
        return res.body.id;
      };
      const laptop = await scenario('Webhook test: lost laptop');
      const kiosk = await scenario('Webhook test: kiosk PC');
      await t.ctx.jobs.runDue();
      rx.got.length = 0;
      const requested = await advisor.post<{ id: string }>(`${base}/governance/acceptances`, { riskIds: [laptop], justification: 'Cheaper to bear.', expiresOn: '2027-05-01' });
      expect(requested.status).toBe(201);
      const executive = await demo.as(DEMO.accounting.executive);
      expect((await executive.post(`${base}/governance/acceptances/${requested.body.id}/approve`, {})).status).toBe(200);
      await t.ctx.jobs.runDue();
      const events = rx.got.map((g) => JSON.parse(g.body) as { event: string; entity: { id: string }; client: { id: string } });
      expect(events.map((e) => e.event)).toEqual(['acceptance.requested', 'acceptance.approved']);
      for (const e of events) expect(e).toMatchObject({ entity: { id: requested.body.id }, client: { id: demo.clients.accounting } });
      expect(other.got).toHaveLength(0);
      // Paused, it is sent nothing.
      expect((await admin.patch(`/api/firm/webhooks/${made.body.webhook.id}`, { active: false })).status).toBe(200);
      const again = await advisor.post<{ id: string }>(`${base}/governance/acceptances`, { riskIds: [kiosk], justification: 'Cheaper to bear too.', expiresOn: '2027-06-01' });
      await t.ctx.jobs.runDue();
      expect(rx.got).toHaveLength(2);
      expect(again.status, JSON.stringify(again.body)).toBe(201);
      expect((await admin.patch(`/api/firm/webhooks/${packsOnly.body.webhook.id}`, { active: false })).status).toBe(200);
    } finally {
      await rx.close();
      await other.close();
    }
  });

  it('retry a failing receiver with backoff, every attempt in the delivery log', async () => {
    const rx = await receiver([500, 503]);
    try {
      const made = await admin.post<{ secret: string; webhook: { id: string } }>('/api/firm/webhooks', { url: rx.url, events: ['pack.issued'] });
      const ping = await admin.post<{ deliveryId: string }>(`/api/firm/webhooks/${made.body.webhook.id}/ping`);
      expect(ping.status).toBe(202);
      await t.ctx.jobs.runDue();
      expect(rx.got).toHaveLength(1);
      let [d] = await deliveries(made.body.webhook.id);
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'the receiver answered 500' });
      // Not before the backoff has passed.
      await t.ctx.jobs.runDue();
      expect(rx.got).toHaveLength(1);
      t.clock.advance(61_000);
      await t.ctx.jobs.runDue();
      expect(rx.got).toHaveLength(2);
      [d] = await deliveries(made.body.webhook.id);
      expect(d).toMatchObject({ status: 'pending', attempts: 2, lastStatus: 503 });
      t.clock.advance(5 * 60_000 + 1000);
      await t.ctx.jobs.runDue();
      expect(rx.got).toHaveLength(3);
      [d] = await deliveries(made.body.webhook.id);
      expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200, nextAttemptAt: null });
      // Each attempt was signed anew, and the body was the same.
      expect(new Set(rx.got.map((g) => g.body)).size).toBe(1);
      for (const g of rx.got) expect(verify(made.body.secret, String(g.headers['triad-signature']), g.body)).toBe(true);
    } finally {
      await rx.close();
    }
  });
});

describe('the risk model file', () => {
  it('exports without floating-point noise, in a shape the JSON Schema accepts', async () => {
    const res = await advisor.post<{ id: string }>('/api/clients', { name: 'Float noise', sector: 'Retail', employees: 20 });
    const base = `/api/clients/${res.body.id}/risks`;
    const noisy = 38 * 0.1;
    expect(String(noisy)).toBe('3.8000000000000003');
    const made = await advisor.post(base, { title: 'Till skimming', inputs: { lossEventFrequency: { type: 'constant', value: noisy }, primaryLoss: { type: 'uniform', min: 0.1 + 0.2, max: 1200 } } });
    expect(made.status).toBe(201);
    const yaml = await advisor.get<string>(`${base}/export?format=yaml`);
    expect(yaml.status).toBe(200);
    expect(yaml.body).toContain('value: 3.8\n');
    expect(yaml.body).toContain('min: 0.3\n');
    expect(yaml.body).not.toMatch(/0000000000000/);

    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schema = JSON.parse((await import('node:fs')).readFileSync('schemas/risk-model.schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ strictRequired: false }).compile(schema);
    let checked = 0;
    for (const id of Object.values(demo.clients)) {
      const exported = await advisor.get<unknown>(`/api/clients/${id}/risks/export`);
      if (exported.status === 404) continue;
      expect(validate(exported.body), JSON.stringify(validate.errors)).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});
