import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { hashEntry, verifyChain } from '../../src/modules/audit/chain.js';
import { verifyTrail } from '../../src/modules/audit/verify.js';

/**
 * The audit trail cannot be cut short or rewritten unnoticed: each chain's head is anchored
 * outside it (the firm's checkpoint chain, issued board packs, a signed checkpoint file), and
 * `triad audit verify` (the built CLI) checks every chain against every anchor and names the
 * first missing or altered entry. Needs `npm run build`.
 */
let t: TestApp;
let demo: DemoWorld;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triad-audit-'));
}, 120_000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const db = () => t.ctx.database.db;

async function head(chainId: string): Promise<{ seq: number; hash: string }> {
  return db().selectFrom('audit_heads').select(['seq', 'hash']).where('client_id', '=', chainId).executeTakeFirstOrThrow();
}

/** Some changes through the API, so that a chain has entries after its last anchor. */
async function someChanges(clientId: string, n: number): Promise<void> {
  const advisor = await demo.as(DEMO.advisor);
  for (let i = 0; i < n; i++) {
    const res = await advisor.post(`/api/clients/${clientId}/estate/vendors`, { name: `Anchor test vendor ${clientId.slice(-4)} ${Date.now()} ${i}` });
    expect(res.status).toBe(201);
  }
}

/** What someone with write access to the database does: delete the last entries and roll the head back. */
async function cutTail(chainId: string, keep: number): Promise<void> {
  const kept = await db().selectFrom('audit_entries').select('hash').where('client_id', '=', chainId).where('seq', '=', keep).executeTakeFirstOrThrow();
  await db().deleteFrom('audit_entries').where('client_id', '=', chainId).where('seq', '>', keep).execute();
  await db().updateTable('audit_heads').set({ seq: keep, hash: kept.hash }).where('client_id', '=', chainId).execute();
}

/** Edits one entry and re-hashes it and every entry after it, and the head: a chain consistent in itself. */
async function rewrite(chainId: string, seq: number): Promise<void> {
  const rows = await db().selectFrom('audit_entries').selectAll().where('client_id', '=', chainId).where('seq', '>=', seq).orderBy('seq').execute();
  let prev = rows[0]!.prev_hash;
  for (const r of rows) {
    const fields = { ...r, prev_hash: prev, ...(r.seq === seq ? { after_json: JSON.stringify({ name: 'Someone else entirely' }) } : {}) };
    const { hash: _old, ...rest } = fields;
    const hash = hashEntry(rest);
    await db().updateTable('audit_entries').set({ after_json: fields.after_json, prev_hash: prev, hash }).where('client_id', '=', chainId).where('seq', '=', r.seq).execute();
    prev = hash;
  }
  await db().updateTable('audit_heads').set({ hash: prev }).where('client_id', '=', chainId).execute();
}

describe('anchors of the audit trail', () => {
  it('a signed checkpoint file kept outside the database catches a cut of both the chain and the checkpoint chain', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const keyFile = path.join(dir, 'audit-key.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const env = { ...cliEnv(t.storage), TRIAD_AUDIT_KEY: keyFile };
    const firm = (await db().selectFrom('firms').select('id').executeTakeFirstOrThrow()).id;
    const file = path.join(dir, 'checkpoint.json');
    const made = await runCli(['audit', 'checkpoint', '--out', file], { env });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/signed \(key [0-9a-f]{16}\)/);
    const signed = JSON.parse(fs.readFileSync(file, 'utf8')) as { chains: { chainId: string; entries: number }[]; checkpoint: { seq: number } };
    const firmChain = signed.chains.find((c) => c.chainId === firm)!;
    expect(firmChain.entries).toBeGreaterThan(2);
    // A file whose content was changed is refused, not trusted.
    const forged = path.join(dir, 'forged.json');
    fs.writeFileSync(forged, JSON.stringify({ ...signed, chains: signed.chains.map((c) => ({ ...c, entries: 1 })) }));
    const bad = await runCli(['audit', 'verify', '--anchor', forged], { env });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/signature that does not verify/);
    // Someone deletes the firm chain's last entries, and the tail of the checkpoint chain from
    // the first checkpoint that recorded them: both chains are consistent in themselves.
    const keep = firmChain.entries - 2;
    await cutTail(firm, keep);
    const first = await db().selectFrom('audit_checkpoints').select('seq').where('firm_id', '=', firm).where('chain_id', '=', firm).where('entries', '>', keep).orderBy('seq').executeTakeFirstOrThrow();
    await db().deleteFrom('audit_checkpoints').where('firm_id', '=', firm).where('seq', '>=', first.seq).execute();
    const without = await runCli(['audit', 'verify'], { env });
    expect(without.code, without.stdout).toBe(0);
    const withFile = await runCli(['audit', 'verify', '--anchor', file, '--format', 'json'], { env });
    expect(withFile.code).toBe(3);
    const rows = JSON.parse(withFile.stdout) as { name: string; ok: boolean; firstBadEntry: number | null; reason: string | null }[];
    expect(rows.find((r) => r.name === '(firm accounts)')).toMatchObject({ ok: false, firstBadEntry: keep + 1 });
    expect(rows.find((r) => r.name === '(checkpoints)')).toMatchObject({ ok: false, firstBadEntry: signed.checkpoint.seq });
  }, 120_000);

  it('the scheduled checkpoint anchors every chain; a chain cut short and its head rolled back verifies on its own but `triad audit verify` names the cut', async () => {
    const client = demo.clients.accounting;
    // The jobs that run after the checkpoint add entries; the next run checkpoints those too.
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.runDue();
    const checkpointed = await head(client);
    const cps = await db().selectFrom('audit_checkpoints').selectAll().where('chain_id', '=', client).execute();
    expect(cps.at(-1)).toMatchObject({ entries: checkpointed.seq, head_hash: checkpointed.hash });
    expect((await verifyTrail(db(), client)).ok).toBe(true);

    const ok = await runCli(['audit', 'verify', '--client', client, '--format', 'json'], { env: cliEnv(t.storage) });
    expect(ok.code, ok.stderr).toBe(0);

    await cutTail(client, checkpointed.seq - 3);
    expect((await verifyChain(db(), client)).ok).toBe(true);
    const cut = checkpointed.seq - 2;
    const res = await runCli(['audit', 'verify', '--client', client], { env: cliEnv(t.storage) });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`entry ${cut}`);
    expect(res.stderr).toMatch(/cut short/);
    const api = await (await demo.as(DEMO.advisor)).get<{ ok: boolean; failure: { seq: number; reason: string } }>(`/api/clients/${client}/audit/verify`);
    expect(api.body).toMatchObject({ ok: false, failure: { seq: cut } });
  }, 120_000);

  it('an entry edited and every hash after it recomputed is named by the checkpoint that listed its hash', async () => {
    const client = demo.clients.manufacturer;
    await someChanges(client, 3);
    await t.ctx.jobs.runDue();
    const h = await head(client);
    const edited = h.seq - 2;
    await rewrite(client, edited);
    expect((await verifyChain(db(), client)).ok).toBe(true);
    const res = await runCli(['audit', 'verify', '--client', client], { env: cliEnv(t.storage) });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`entry ${edited} does not match the checkpoint`);
    // A new checkpoint does not anchor the rewritten chain.
    await t.ctx.jobs.runDue();
    const after = await db().selectFrom('audit_checkpoints').select('entries').where('chain_id', '=', client).orderBy('entries', 'desc').executeTakeFirstOrThrow();
    expect(after.entries).toBe(h.seq);
  }, 120_000);

  it('an issued board pack prints the head; cutting the chain below it is named', async () => {
    const advisor = await demo.as(DEMO.advisor);
    const made = await advisor.post<{ id: string }>('/api/clients', { name: 'Anchored Ltd', employees: 20, annualRevenue: 2_000_000 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const client = made.body.id;
    await someChanges(client, 3);
    const gen = await advisor.post<{ id: string }>(`/api/clients/${client}/board-packs`, { quarter: '2026Q4' });
    expect(gen.status, JSON.stringify(gen.body)).toBe(202);
    await t.ctx.jobs.runDue();
    await someChanges(client, 1);
    const atIssue = await head(client);
    const issued = await advisor.post<{ content: { issue: { auditTrail: { entries: number; headHash: string } } } }>(`/api/clients/${client}/board-packs/${gen.body.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.content.issue.auditTrail).toEqual({ entries: atIssue.seq, headHash: atIssue.hash });
    const html = await advisor.get<string>(`/api/clients/${client}/board-packs/${gen.body.id}.html`);
    expect(html.body).toContain(atIssue.hash);
    // The checkpoint taken before the last change does not cover the last entry; the pack does.
    await cutTail(client, atIssue.seq - 1);
    expect((await verifyChain(db(), client)).ok).toBe(true);
    const r = await verifyTrail(db(), client);
    expect(r.failure).toMatchObject({ seq: atIssue.seq });
    expect(r.failure?.reason).toContain('the board pack for 2026Q4');
  }, 120_000);

});
