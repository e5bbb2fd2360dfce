import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import type { DecisionOut } from '../../src/modules/governance/schema.js';
import type { NotificationList, OutboxList } from '../../src/modules/notifications/schema.js';

/**
 * Notifications: each person's in-app list across their clients, read state, and e-mail
 * through SMTP when configured (a local SMTP server, smtp-server, receives them), kept in the outbox otherwise.
 */

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps what it receives. */
async function localSmtp(): Promise<{ url: string; received: { from: string; to: string[]; data: string }[]; close(): Promise<void> }> {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof localSmtp>>;
let t: TestApp;
let demo: DemoWorld;

beforeAll(async () => {
  smtp = await localSmtp();
  t = await startTestApp({ config: { smtpUrl: smtp.url, smtpFrom: 'Triad <triad@northbridge.example>', publicUrl: 'https://triad.northbridge.example' } });
  demo = await seedDemoWorld(t.ctx, t.server);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function inbox(caller: Caller, query = ''): Promise<NotificationList> {
  const res = await caller.get<NotificationList>(`/api/notifications?limit=200${query}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** An e-mail as text: folded headers unfolded, quoted-printable soft breaks joined. */
const plain = (data: string): string => data.replace(/\r\n[ \t]/g, ' ').replace(/=\r\n/g, '');

/** A decision at Harbor & Finch on which the CIO and the CISO disagree. */
async function escalate(title: string, as: (email: string) => Promise<Caller> = (e) => demo.as(e)): Promise<DecisionOut> {
  const base = `/api/clients/${demo.clients.accounting}/governance`;
  const advisor = await as(DEMO.advisor);
  const d = await advisor.post<DecisionOut>(`${base}/decisions`, { title, proposal: 'Proceed.', seats: ['CIO', 'CISO'], options: [] });
  await (await as(DEMO.accounting.contributor)).put(`${base}/decisions/${d.body.id}/positions/CIO`, { stance: 'supports', rationale: 'Cheaper.' });
  await advisor.put(`${base}/decisions/${d.body.id}/positions/CISO`, { stance: 'opposes', rationale: 'Riskier.' });
  return d.body;
}

describe('in-app notifications', () => {
  it('counts unread ones and marks one or all read, for the person alone', async () => {
    const margaret = await demo.as(DEMO.accounting.executive);
    await inbox(margaret);
    await margaret.post('/api/notifications/read-all', {});
    expect((await margaret.get<{ unread: number }>('/api/notifications/unread')).body.unread).toBe(0);
    const d = await escalate('Buy cyber insurance with a higher deductible');
    const list = await inbox(margaret, '&unread=true');
    expect(list.unread).toBe(1);
    const n = list.notifications[0]!;
    expect(n).toMatchObject({ kind: 'decision.escalated', subjectType: 'decision', subjectId: d.id, clientId: demo.clients.accounting, readAt: null });

    // Someone else cannot touch it.
    const robert = await demo.as(DEMO.manufacturer.executive);
    expect((await robert.post(`/api/notifications/${n.id}/read`, {})).status).toBe(404);
    expect((await inbox(robert)).notifications.some((x) => x.id === n.id)).toBe(false);

    expect((await margaret.post<{ marked: number }>(`/api/notifications/${n.id}/read`, {})).body.marked).toBe(1);
    expect((await inbox(margaret)).unread).toBe(0);
    expect((await inbox(margaret)).notifications.find((x) => x.id === n.id)?.readAt).toBe('2026-11-26T09:00:00.000Z');
  });

  it('shows a person only the clients they may still see', async () => {
    const sam = await demo.as(DEMO.advisor);
    const mine = await inbox(sam);
    expect(new Set(mine.notifications.map((n) => n.clientId))).not.toContain(demo.clients.saas);
    // Sam holds the CISO seat at Kestrel, whose demo decision asked for his position.
    const kestrel = mine.notifications.filter((n) => n.clientId === demo.clients.manufacturer);
    expect(kestrel.length).toBeGreaterThan(0);
    const admin = await demo.as(DEMO.admin);
    const samId = (await admin.get<{ members: { userId: string; email: string }[] }>(`/api/clients/${demo.clients.manufacturer}/members`)).body.members.find((m) => m.email === DEMO.advisor)!.userId;
    expect((await admin.delete(`/api/clients/${demo.clients.manufacturer}/members/${samId}`)).status).toBe(200);
    const after = await inbox(sam);
    expect(after.notifications.some((n) => n.clientId === demo.clients.manufacturer)).toBe(false);
    expect(after.unread).toBe(after.notifications.filter((n) => n.readAt === null).length);
  });

  it('answers a firm administrator, who sees every client of the firm, with their list', async () => {
    const admin = await demo.as(DEMO.admin);
    const list = await inbox(admin);
    expect(list.unread).toBe(list.notifications.filter((n) => n.readAt === null).length);
    const unread = await admin.get<{ unread: number }>('/api/notifications/unread');
    expect(unread.status).toBe(200);
    expect(unread.body.unread).toBe(list.unread);
    expect((await inbox(admin, '&unread=true')).notifications.every((n) => n.readAt === null)).toBe(true);
  });
});

describe('e-mail', () => {
  it('sends each notification by SMTP when configured, and the outbox records it as sent', async () => {
    const before = smtp.received.length;
    const d = await escalate('Stop paying for the legacy fax line');
    await t.ctx.jobs.runDue();
    const mails = smtp.received.slice(before).map((m) => ({ ...m, data: plain(m.data) }));
    const toMargaret = mails.filter((m) => m.to.some((r) => r.includes(DEMO.accounting.executive)) && m.data.includes('legacy fax line'));
    expect(toMargaret).toHaveLength(1);
    expect(toMargaret[0]!.data).toContain('Subject: [Harbor & Finch CPAs] Decision for you: Stop paying for the legacy fax line');
    expect(toMargaret[0]!.data).toContain(`Open in Triad: https://triad.northbridge.example/clients/${demo.clients.accounting}/governance/decisions/${d.id}`);
    expect(toMargaret[0]!.from).toContain('triad@northbridge.example');

    const advisor = await demo.as(DEMO.advisor);
    const outbox = await advisor.get<OutboxList>(`/api/clients/${demo.clients.accounting}/notifications/outbox`);
    expect(outbox.body.smtpConfigured).toBe(true);
    const row = outbox.body.emails.find((e) => e.toEmail === DEMO.accounting.executive && e.subject.includes('legacy fax line'))!;
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: '2026-11-26T09:00:00.000Z' });
    expect((await (await demo.as(DEMO.accounting.contributor)).get(`/api/clients/${demo.clients.accounting}/notifications/outbox`)).status).toBe(403);
  });

  it('keeps e-mails in the outbox, held, when no SMTP server is configured', async () => {
    const storage = t.storage;
    await t.stop();
    t = await startTestApp({ storage, config: { smtpUrl: undefined } });
    const before = smtp.received.length;
    const fresh = (email: string) => login(t.server, email, DEMO_PASSWORD);
    await escalate('Retire the on-premises print server', fresh);
    await t.ctx.jobs.runDue();
    expect(smtp.received.length).toBe(before);
    const sam = await fresh(DEMO.advisor);
    const outbox = await sam.get<OutboxList>(`/api/clients/${demo.clients.accounting}/notifications/outbox`);
    expect(outbox.body.smtpConfigured).toBe(false);
    const held = outbox.body.emails.filter((e) => e.subject.includes('Retire the on-premises print server'));
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((e) => e.status === 'held')).toBe(true);
    expect(held.find((e) => e.toEmail === DEMO.accounting.executive)?.body).toContain('the CIO supports it, the CISO opposes it');
  });
});
