import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStorage, login, startTestApp, type TestStorage } from '../support/app.js';
import { cliEnv, runCli } from '../support/cli.js';

/**
 * The administrative commands, run as real processes against the database the server uses,
 * with no server running; then the server is started on that database to see their effect.
 */
let storage: TestStorage;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  storage = await freshStorage();
  env = cliEnv(storage);
});
afterAll(async () => {
  await storage.drop();
});

describe('triad administrative commands', () => {
  let clientId = '';

  it('migrate applies the migrations to an empty database', async () => {
    const r = await runCli(['migrate'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/up to date/);
  });

  it('user add refuses a weak password with the reason and makes nothing, not even the firm', async () => {
    const weak = await runCli(['user', 'add', '--email', 'cli.weak@example.com', '--name', 'Cli Weak', '--firm', 'Weak Firm'], { env, stdin: 'password12\n' });
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/password: This is a common password: it is on the lists of leaked passwords that attackers try first\./);
    const t = await startTestApp({ storage });
    try {
      expect(await t.ctx.database.db.selectFrom('firms').select('name').execute()).toEqual([]);
    } finally {
      await t.stop();
    }
  });

  it('user add reads the password from standard input and creates the firm on an empty database', async () => {
    const r = await runCli(['user', 'add', '--email', 'Ada@Example.com', '--name', 'Ada Admin', '--firm-admin', '--firm', 'Test Firm', '--format', 'json'], { env, stdin: 'correct-horse-battery\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const user = JSON.parse(r.stdout) as { email: string; firmRole: string };
    expect(user).toMatchObject({ email: 'ada@example.com', firmRole: 'admin' });
  });

  it('user add refuses a weak password and a duplicate e-mail with a message and a non-zero exit', async () => {
    const weak = await runCli(['user', 'add', '--email', 'bob@example.com'], { env, stdin: 'short\n' });
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/password/i);
    expect(weak.stderr).not.toMatch(/\n\s+at /);
    const dup = await runCli(['user', 'add', '--email', 'ada@example.com'], { env, stdin: 'another-long-password\n' });
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toMatch(/already exists/);
  });

  it('client add prints the new id, and JSON with --format json', async () => {
    const r = await runCli(['client', 'add', '--name', 'Acme Logistics'], { env });
    expect(r.code).toBe(0);
    clientId = r.stdout.trim();
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    const j = await runCli(['client', 'add', '--name', 'Beta Bakery', '--format', 'json'], { env });
    expect((JSON.parse(j.stdout) as { name: string }).name).toBe('Beta Bakery');
    const bad = await runCli(['client', 'add', '--name', 'X', '--currency', 'DOLLARS'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/currency/);
  });

  it('member add gives an existing user a role; bad roles and unknown clients are refused', async () => {
    await runCli(['user', 'add', '--email', 'carol@example.com', '--name', 'Carol'], { env, stdin: 'carols-long-password\n' });
    const ok = await runCli(['member', 'add', '--client', clientId, '--email', 'carol@example.com', '--role', 'executive'], { env });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const badRole = await runCli(['member', 'add', '--client', clientId, '--email', 'carol@example.com', '--role', 'boss'], { env });
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/--role must be one of/);
    const noClient = await runCli(['member', 'add', '--client', 'nope', '--email', 'carol@example.com', '--role', 'viewer'], { env });
    expect(noClient.code).not.toBe(0);
    expect(noClient.stderr).toMatch(/no client with id or name "nope"/);
  });

  it('lists as a table or as JSON', async () => {
    const table = await runCli(['client', 'list'], { env });
    expect(table.stdout).toMatch(/Acme Logistics/);
    const json = await runCli(['user', 'list', '--format', 'json'], { env });
    expect((JSON.parse(json.stdout) as { email: string }[]).map((u) => u.email).sort()).toEqual(['ada@example.com', 'carol@example.com']);
    const bad = await runCli(['user', 'list', '--format', 'xml'], { env });
    expect(bad.code).not.toBe(0);
  });

  it('what the CLI made is what the server serves', async () => {
    const t = await startTestApp({ storage });
    try {
      const carol = await login(t.server, 'carol@example.com', 'carols-long-password');
      const res = await carol.get<{ clients: { id: string; role: string }[] }>('/api/clients');
      expect(res.body.clients).toEqual([expect.objectContaining({ id: clientId, role: 'executive' })]);
    } finally {
      await t.stop();
    }
  });

  it('audit verify passes on an intact trail and names the entry edited directly in the database', async () => {
    const ok = await runCli(['audit', 'verify'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Acme Logistics/);
    const t = await startTestApp({ storage });
    try {
      await t.ctx.database.db.updateTable('audit_entries').set({ after_json: '{"role":"advisor"}' }).where('client_id', '=', clientId).where('seq', '=', 2).execute();
    } finally {
      await t.stop();
    }
    const bad = await runCli(['audit', 'verify', '--client', clientId], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/entry 2/);
    const all = await runCli(['audit', 'verify', '--format', 'json'], { env });
    expect(all.code).not.toBe(0);
    const rows = JSON.parse(all.stdout) as { name: string; ok: boolean; firstBadEntry: number | null }[];
    expect(rows.find((r) => r.name === 'Acme Logistics')).toMatchObject({ ok: false, firstBadEntry: 2 });
    expect(rows.find((r) => r.name === 'Beta Bakery')).toMatchObject({ ok: true });
  });
});
