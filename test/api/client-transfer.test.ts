import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, startTestApp, testDb, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { clientRows, otherFirm } from '../support/transfer.js';
import { digestOf } from '../../src/modules/transfer/digest.js';
import type { ClientExportFile, ImportReport } from '../../src/modules/transfer/schema.js';

/**
 * Whole-client export and import (docs/client-export.md). The source is the demo firm on
 * SQLite; the receiving firm is on this run's database (PostgreSQL in the api-postgres
 * project), and the client goes back to a third database on SQLite: SQLite → PostgreSQL → SQLite.
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Verify { ok: boolean; entries: number; anchors: number; failure?: { seq: number; reason: string } }
interface AuditList { entries: { seq: number; action: string; hash: string }[] }

let source: TestApp;
let target: TestApp;
let back: TestApp;
let demo: DemoWorld;
let admin: Caller;
let clientId: string;
let file: ClientExportFile;
let fileText: string;
let issuedPackId: string;

async function exportAs(caller: Caller, id: string): Promise<{ text: string; file: ClientExportFile }> {
  const res = await caller.request('GET', `/api/firm/clients/${id}/export`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  return { text, file: JSON.parse(text) as ClientExportFile };
}

async function importAs(caller: Caller, body: string, query = ''): Promise<{ status: number; body: ImportReport & ErrorBody }> {
  return caller.request<ImportReport & ErrorBody>('POST', `/api/clients/import${query}`, body, { 'content-type': 'application/json' });
}

/** A copy of the file with a change, its digest made to match again (a deliberate forgery). */
function forged(change: (f: ClientExportFile) => void): string {
  const copy = JSON.parse(fileText) as ClientExportFile;
  change(copy);
  const { integrity, ...body } = copy;
  return JSON.stringify({ ...body, integrity: { ...integrity, digest: digestOf(body) } });
}

beforeAll(async () => {
  source = await startTestApp({ storage: await freshStorage('sqlite') });
  demo = await seedDemoWorld(source.ctx, source.server);
  await source.ctx.jobs.runDue();
  admin = await demo.as(DEMO.admin);
  clientId = demo.clients.accounting;
  // An issued board pack: its content and the audit head it prints travel with the client.
  const asked = await admin.post<{ id: string }>(`/api/clients/${clientId}/board-packs`, { quarter: '2026Q3' });
  expect(asked.status).toBe(202);
  await source.ctx.jobs.runDue();
  const issued = await admin.post<{ status: string }>(`/api/clients/${clientId}/board-packs/${asked.body.id}/issue`, {});
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  issuedPackId = asked.body.id;
  ({ text: fileText, file } = await exportAs(admin, clientId));
  target = await startTestApp();
  back = await startTestApp({ storage: await freshStorage('sqlite') });
}, 240_000);
afterAll(async () => {
  await source.close();
  await target.close();
  await back.close();
});

describe('whole-client export', () => {
  it('is one JSON file with a version, every table, the people, the catalogues, the trail and a digest', async () => {
    expect(file.format).toBe('triad.client-export');
    expect(file.version).toBe(1);
    expect(file.source.database).toBe('sqlite');
    expect(file.client.id).toBe(clientId);
    const rows = await clientRows(source.ctx, clientId);
    expect(file.tables).toEqual(rows);
    expect(file.tables.risk_scenarios!.length).toBeGreaterThan(0);
    expect(file.tables.report_packs!.some((p) => p.status === 'issued')).toBe(true);
    expect(file.people.map((p) => p.email)).toEqual(expect.arrayContaining([DEMO.advisor, DEMO.accounting.executive, DEMO.accounting.viewer]));
    expect(file.catalogues.length).toBeGreaterThan(0);
    expect(file.catalogues[0]!.versions[0]!.nodes.length).toBeGreaterThan(0);
    expect(file.audit.entries.at(-1)!.action).toBe('client.export');
    expect(file.audit.head).toEqual({ seq: file.audit.entries.length, hash: file.audit.entries.at(-1)!.hash });
    const { integrity, ...body } = file;
    expect(integrity.digest).toBe(digestOf(body));
  });

  it('is for firm admins only; another firm cannot learn the client exists', async () => {
    for (const email of [DEMO.advisor, DEMO.accounting.executive]) {
      const res = await (await demo.as(email)).get<ErrorBody>(`/api/firm/clients/${clientId}/export`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/firm admin/);
    }
    const elsewhere = (await otherFirm(source.ctx, source.server, 'Elsewhere', 'root@elsewhere.example')).admin;
    expect((await elsewhere.get(`/api/firm/clients/${clientId}/export`)).status).toBe(404);
    const advisor = await demo.as(DEMO.advisor);
    const imported = await importAs(advisor, fileText);
    expect(imported.status).toBe(403);
  });
});

describe('import into another firm on another database', () => {
  let other: { firmId: string; admin: Caller };
  let report: ImportReport;

  beforeAll(async () => {
    other = await otherFirm(target.ctx, target.server, 'Harbourside IT', 'it@harbourside.example');
  });

  it('a dry run reports what would be created and writes nothing', async () => {
    const before = await target.ctx.database.db.selectFrom('clients').select('id').execute();
    const res = await importAs(other.admin, fileText, '?dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.rows.risk_scenarios).toBe(file.tables.risk_scenarios!.length);
    expect(res.body.people.every((p) => p.action === 'invited')).toBe(true);
    expect(res.body.integrity.signature).toBe('absent');
    expect(await target.ctx.database.db.selectFrom('clients').select('id').execute()).toEqual(before);
    expect(await target.ctx.database.db.selectFrom('users').select('id').where('email', '=', DEMO.advisor).execute()).toEqual([]);
  });

  it('creates the client with identical content; the register, the issued pack and the trail are the same', async () => {
    const res = await importAs(other.admin, fileText);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    report = res.body;
    expect(report.client).toEqual({ id: clientId, name: 'Harbor & Finch CPAs', keptId: true });
    expect(report.totalRows).toBe(Object.values(file.tables).reduce((n, rows) => n + rows.length, 0));
    expect(await clientRows(target.ctx, clientId)).toEqual(file.tables);

    const register = async (c: Caller): Promise<unknown> => (await c.get(`/api/clients/${clientId}/risks`)).body;
    expect(await register(other.admin)).toEqual(await register(admin));
    const pack = async (c: Caller): Promise<{ content: unknown; status: string }> => (await c.get<{ content: unknown; status: string }>(`/api/clients/${clientId}/board-packs/${issuedPackId}`)).body;
    const packThere = await pack(other.admin);
    expect(packThere.status).toBe('issued');
    expect(packThere.content).toEqual((await pack(admin)).content);

    const verify = await other.admin.get<Verify>(`/api/clients/${clientId}/audit/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body.failure)).toBe(true);
    expect(verify.body.anchors).toBeGreaterThan(0);
    const trail = (await other.admin.get<AuditList>(`/api/clients/${clientId}/audit?limit=500`)).body.entries;
    expect(trail[0]!.action).toBe('client.import');
    expect(trail.slice(1).map((e) => e.hash)).toEqual(file.audit.entries.map((e) => e.hash).reverse().slice(0, trail.length - 1));
    const firmTrail = (await other.admin.get<AuditList>('/api/firm/audit?action=client.import')).body.entries;
    expect(firmTrail).toHaveLength(1);
  });

  it('invites the people the records name, with their roles, and no password', async () => {
    const viewer = await target.ctx.database.db.selectFrom('users').selectAll().where('email', '=', DEMO.accounting.viewer).executeTakeFirstOrThrow();
    expect(viewer.firm_id).toBe(other.firmId);
    expect(viewer.password_hash).toBe('!sso');
    const membership = await target.ctx.database.db.selectFrom('memberships').select('role').where('client_id', '=', clientId).where('user_id', '=', viewer.id).executeTakeFirst();
    expect(membership?.role).toBe('viewer');
    expect(report.people.find((p) => p.email === DEMO.accounting.viewer)).toMatchObject({ action: 'invited', role: 'viewer', userId: viewer.id });
  });

  it('goes back to SQLite with identical content (SQLite → this database → SQLite)', async () => {
    const again = await exportAs(other.admin, clientId);
    expect(again.file.source.database).toBe(testDb());
    const third = await otherFirm(back.ctx, back.server, 'Third firm', 'admin@third.example');
    const res = await importAs(third.admin, again.text);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await clientRows(back.ctx, clientId)).toEqual(file.tables);
    const register = async (c: Caller): Promise<unknown> => (await c.get(`/api/clients/${clientId}/risks`)).body;
    expect(await register(third.admin)).toEqual(await register(admin));
    const verify = await third.admin.get<Verify>(`/api/clients/${clientId}/audit/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body.failure)).toBe(true);
    // The original entries, then each server's export and import.
    expect(verify.body.entries).toBe(file.audit.head.seq + 3);
  });

  it('a second import of the same file gets a new client id, keeps the trail verifiable and its pack anchors', async () => {
    const res = await importAs(other.admin, fileText, '?name=Harbor%20%26%20Finch%20(copy)');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.client.keptId).toBe(false);
    expect(res.body.client.name).toBe('Harbor & Finch (copy)');
    expect(res.body.people.every((p) => p.action === 'matched')).toBe(true);
    const copyId = res.body.client.id;
    expect(await clientRows(target.ctx, copyId)).toEqual(file.tables);
    const verify = await other.admin.get<Verify>(`/api/clients/${copyId}/audit/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body.failure)).toBe(true);
    expect(verify.body.anchors).toBeGreaterThan(0);
  });
});

describe('import into the same firm', () => {
  it('makes a copy beside the original; people are matched by e-mail', async () => {
    const res = await importAs(admin, fileText);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.client.id).not.toBe(clientId);
    expect(res.body.people.every((p) => p.action === 'matched')).toBe(true);
    const copyRows = await clientRows(source.ctx, res.body.client.id);
    expect(copyRows).toEqual(file.tables);
    const verify = await admin.get<Verify>(`/api/clients/${res.body.client.id}/audit/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body.failure)).toBe(true);
  });
});

describe('a bad or tampered file', () => {
  async function refused(body: string, status = 400, app: TestApp = source, caller: Caller = admin): Promise<ErrorBody['error']> {
    const db = app.ctx.database.db;
    const counts = async (): Promise<number[]> => [
      (await db.selectFrom('clients').select('id').execute()).length,
      (await db.selectFrom('users').select('id').execute()).length,
      (await db.selectFrom('audit_entries').select('seq').execute()).length,
      (await db.selectFrom('risk_scenarios').select('id').execute()).length,
    ];
    const before = await counts();
    const res = await importAs(caller, body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    // Nothing half-written.
    expect(await counts()).toEqual(before);
    return res.body.error;
  }

  it('is refused when it is not JSON, not an export, or a newer version', async () => {
    expect((await refused('{"format": "triad.client-export", ')).message).toMatch(/not valid JSON/);
    expect((await refused('{"hello": 1}')).details[0]!.path).toBe('format');
    const newer = await refused(JSON.stringify({ ...file, version: 2 }));
    expect(newer.message).toMatch(/version 2 .* reads version 1/);
  });

  it('is refused when a value was changed after export, naming the digest', async () => {
    const copy = JSON.parse(fileText) as ClientExportFile;
    copy.tables.risk_scenarios![0]!.title = 'Changed';
    const error = await refused(JSON.stringify(copy));
    expect(error.message).toMatch(/changed after it was exported/);
    expect(error.details[0]!.path).toBe('integrity.digest');
  });

  it('is refused when its audit trail was edited, even with a digest made to match', async () => {
    const error = await refused(forged((f) => (f.audit.entries[2]!.actor_label = 'Someone else')));
    expect(error.message).toMatch(/audit trail does not verify: entry 3/);
    expect(error.details[0]!.path).toBe('audit.entries[2]');
    const cut = await refused(forged((f) => f.audit.entries.pop()));
    expect(cut.message).toMatch(/does not end at its head/);
  });

  it('names an unknown table or column, and a shape problem by its path', async () => {
    const unknown = await refused(forged((f) => (f.tables.risk_scenarios![0]!.colour = 'red')));
    expect(unknown.details[0]!.path).toBe('tables.risk_scenarios[0].colour');
    const shape = await refused(forged((f) => ((f.people[0] as unknown as { email: number }).email = 5)));
    expect(shape.details[0]!.path).toBe('people[0].email');
  });

  it('writes nothing when a row breaks a constraint late in the import', async () => {
    // Two budget lines with one id: found only when the rows are written, after every earlier table.
    const error = await refused(forged((f) => {
      const lines = f.tables.budget_lines!;
      lines.push({ ...lines[0]! });
    }), 409);
    expect(error.message).toMatch(/nothing was written/);
    expect(error.details[0]!.path).toMatch(/^tables\.budget_lines\[/);
  });

  it('names the people who have an account in another firm on this server', async () => {
    const fresh = (await otherFirm(target.ctx, target.server, 'Fresh firm', 'fresh@firm.example')).admin;
    const error = await refused(fileText, 409, target, fresh);
    expect(error.message).toMatch(/another firm on this server/);
    expect(error.details.map((d) => d.message)).toContain(`${DEMO.accounting.viewer} belongs to another firm`);
  });
});
