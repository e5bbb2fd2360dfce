import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import type { AssessmentDetailOut, AssessmentListOut, CatalogueOut, CsvImportReport, EvidenceOut, GapsOut, MaturityOut, PortfolioMaturityRow, RiskLinkOut } from '../../src/modules/controls/schema.js';
import type { PackDetailOut, PackOut } from '../../src/modules/reports/schema.js';

/**
 * Evidence (links, and files kept in the database with a size limit), links from outcomes to
 * the risk register, gaps ranked by money at stake, maturity, CSV out and in, the board pack's
 * maturity section, the portfolio and the demo. Run on SQLite and on PostgreSQL.
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

const LIMIT = 4096;

function pdfText(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  expect(out.status, out.stderr?.toString()).toBe(0);
  return out.stdout.toString('utf8').replace(/\s+/g, ' ');
}
let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let viewer: Caller;
let outsider: Caller;
let clientId: string;
let base: string;
let assessment: AssessmentDetailOut;
let contributorId: string;

beforeAll(async () => {
  t = await startTestApp({ config: { evidenceMaxBytes: LIMIT } });
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
  outsider = await demo.as(DEMO.saas.executive);
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Brightwater Logistics', sector: 'Logistics', employees: 150, annualRevenue: 30_000_000, currency: 'USD' });
  clientId = created.body.id;
  base = `/api/clients/${clientId}/controls`;
  for (const [email, role] of [
    [DEMO.accounting.contributor, 'contributor'],
    [DEMO.accounting.viewer, 'viewer'],
  ] as const) {
    expect((await advisor.post(`/api/clients/${clientId}/members`, { email, role })).status).toBe(201);
  }
  const members = await advisor.get<{ members: { userId: string; email: string }[] }>(`/api/clients/${clientId}/members`);
  contributorId = members.body.members.find((m) => m.email === DEMO.accounting.contributor)!.userId;
  const csf = (await advisor.get<{ catalogues: CatalogueOut[] }>(`${base}/catalogues`)).body.catalogues.find((c) => c.builtin === 'nist-csf-2.0')!;
  const res = await advisor.post<AssessmentDetailOut>(`${base}/assessments`, { title: 'Recovery review', catalogueId: csf.id, scope: { kind: 'groups', ids: ['RC', 'PR.AA'] }, defaultTarget: 3 });
  expect(res.status).toBe(201);
  assessment = res.body;
});
afterAll(async () => {
  await t.close();
});

const outcomeUrl = (controlId: string, rest = '') => `${base}/assessments/${assessment.assessment.id}/outcomes/${controlId}${rest}`;

async function upload(caller: Caller, controlId: string, bytes: Buffer, query = 'fileName=restore-test.pdf'): Promise<{ status: number; body: EvidenceOut & ErrorBody }> {
  return caller.request<EvidenceOut & ErrorBody>('POST', outcomeUrl(controlId, `/evidence/file?${query}`), bytes, { 'content-type': 'application/octet-stream' });
}

/** A GET whose body is kept as bytes (files), signed in as a demo account. */
async function raw(email: string, url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const login = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  const session = (login.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session');
  const res = await t.server.inject({ method: 'GET', url, headers: { cookie: `triad_session=${session?.value ?? ''}` } });
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
}

/** A scenario's current mean annual loss in the register. */
async function mean(id: string): Promise<number> {
  const r = await advisor.get<{ result: { current: { mean: number } } | null }>(`/api/clients/${clientId}/risks/${id}`);
  return r.body.result!.current.mean;
}

async function rows(table: 'ctl_evidence' | 'ctl_evidence_files'): Promise<number> {
  const r = await t.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('client_id', '=', clientId).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('evidence', () => {
  it('keeps links, refusing what is not a web address', async () => {
    const bad = await advisor.post<ErrorBody>(outcomeUrl('RC.RP-03', '/evidence'), { title: 'Share', url: 'file://server/backups' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'body.url' });
    const ok = await advisor.post<EvidenceOut>(outcomeUrl('RC.RP-03', '/evidence'), { title: 'Backup runbook', url: 'https://wiki.example.com/backups' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'link', title: 'Backup runbook', url: 'https://wiki.example.com/backups', controlId: 'RC.RP-03', downloadUrl: null, carriedOver: false });
  });

  it('keeps files in the database byte for byte, and gives them back as an attachment', async () => {
    // Every byte value, so nothing is lost to an encoding on either database.
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
    const res = await upload(advisor, 'RC.RP-03', bytes, 'fileName=restore%20test%20%C3%A9t%C3%A9.pdf&title=Restore%20test');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'file', title: 'Restore test', fileName: 'restore test été.pdf', mediaType: 'application/pdf', bytes: 3000, sha256: createHash('sha256').update(bytes).digest('hex') });
    const got = await raw(DEMO.accounting.viewer, res.body.downloadUrl!);
    expect(got.status).toBe(200);
    expect(got.body.equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="restore test _t_.pdf"; filename*=UTF-8''restore%20test%20%C3%A9t%C3%A9.pdf`);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    // Another client's member gets the same 404 as for nothing at all.
    expect((await outsider.get(res.body.downloadUrl!)).status).toBe(404);
  });

  it('refuses a file above the limit with a 413 that names the limit, storing nothing', async () => {
    const [evidence, files] = [await rows('ctl_evidence'), await rows('ctl_evidence_files')];
    const res = await upload(advisor, 'RC.RP-01', Buffer.alloc(LIMIT + 1, 1), 'fileName=huge.png');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toMatch(/larger than the evidence limit of 4 kB \(4,096 bytes, set by TRIAD_EVIDENCE_MAX_BYTES\); nothing was stored/);
    expect([await rows('ctl_evidence'), await rows('ctl_evidence_files')]).toEqual([evidence, files]);
    // Exactly at the limit is fine; an empty file, a folder in the name or JSON are not.
    expect((await upload(advisor, 'RC.RP-01', Buffer.alloc(LIMIT, 2), 'fileName=screenshot.png')).status).toBe(201);
    expect((await upload(advisor, 'RC.RP-01', Buffer.alloc(0), 'fileName=empty.txt')).status).toBe(400);
    const folder = await upload(advisor, 'RC.RP-01', Buffer.from('x'), 'fileName=..%2Fetc%2Fpasswd');
    expect(folder.status).toBe(400);
    expect(folder.body.error.details[0]!.path).toBe('querystring.fileName');
    expect((await advisor.post<ErrorBody>(outcomeUrl('RC.RP-01', '/evidence/file?fileName=a.txt'), { not: 'a file' })).status).toBe(415);
  });

  it('lets only those who may answer add evidence; advisors and its author remove it, and an unused file goes with it', async () => {
    expect((await upload(viewer, 'RC.RP-01', Buffer.from('viewer'))).status).toBe(403);
    expect((await upload(contributor, 'RC.RP-01', Buffer.from('not asked'))).status).toBe(403);
    const asked = await advisor.post<{ id: string }>(`${base}/assessments/${assessment.assessment.id}/requests`, { nodeId: 'RC.RP', assigneeUserId: contributorId });
    expect(asked.status).toBe(201);
    const mine = await upload(contributor, 'RC.RP-02', Buffer.from('tom\u2019s screenshot'), 'fileName=screen.png');
    expect(mine.status).toBe(201);
    const theirs = (await advisor.get<AssessmentDetailOut>(`${base}/assessments/${assessment.assessment.id}`)).body.outcomes.find((o) => o.controlId === 'RC.RP-03')!.evidence[0]!;
    expect((await contributor.delete(`${base}/evidence/${theirs.id}`)).status).toBe(403);
    const files = await rows('ctl_evidence_files');
    expect((await contributor.delete(`${base}/evidence/${mine.body.id}`)).status).toBe(200);
    expect(await rows('ctl_evidence_files')).toBe(files - 1);
    expect((await advisor.post(`${base}/requests/${asked.body.id}/withdraw`)).status).toBe(200);
    const trail = await advisor.get<{ entries: { action: string; before: { fileName?: string } | null }[] }>(`/api/clients/${clientId}/audit?action=assessment.evidence.delete`);
    expect(trail.body.entries[0]!.before).toMatchObject({ fileName: 'screen.png' });
  });
});

describe('links to risk, gaps and maturity', () => {
  let scenarios: Record<string, string>;
  let treatment: string;

  it('links an outcome only to scenarios and treatments of the same client, naming the field otherwise', async () => {
    const risks = `/api/clients/${clientId}/risks`;
    const make = async (title: string, lef: number, loss: number) => (await advisor.post<{ id: string }>(risks, { title, ownerSeat: 'CISO', inputs: { lossEventFrequency: { type: 'constant', value: lef }, primaryLoss: { type: 'constant', value: loss } } })).body.id;
    scenarios = { ransomware: await make('Ransomware stops dispatch', 0.5, 400_000), takeover: await make('Mailbox takeover', 1, 30_000), outage: await make('Carrier portal outage', 2, 5_000) };
    const tr = await advisor.post<{ id: string }>(`${risks}/${scenarios.takeover}/treatments`, { name: 'Phishing-resistant MFA', status: 'planned', annualCost: 3_000, effect: { vulnerability: { type: 'constant', value: 0.5 } } });
    treatment = tr.body.id;
    await t.ctx.jobs.runDue();
    const theirs = (await (await demo.as(DEMO.advisor)).get<{ scenarios: { id: string }[] }>(`/api/clients/${demo.clients.accounting}/risks`)).body.scenarios[0]!.id;

    const cross = await advisor.put<ErrorBody>(outcomeUrl('RC.RP-03', '/links'), { scenarioIds: [scenarios.ransomware!, theirs] });
    expect(cross.status).toBe(400);
    expect(cross.body.error.details).toEqual([{ path: 'body.scenarioIds[1]', message: `no risk scenario of Brightwater Logistics has the id "${theirs}"` }]);
    const badTreatment = await advisor.put<ErrorBody>(outcomeUrl('PR.AA-03', '/links'), { treatmentIds: ['01a21868-f316-7442-9b0f-a2c51213f029'] });
    expect(badTreatment.body.error.details[0]!.path).toBe('body.treatmentIds[0]');
    expect((await contributor.put(outcomeUrl('RC.RP-03', '/links'), { scenarioIds: [scenarios.ransomware!] })).status).toBe(403);

    const ok = await advisor.put<{ links: RiskLinkOut[] }>(outcomeUrl('RC.RP-03', '/links'), { scenarioIds: [scenarios.ransomware!, scenarios.outage!] });
    expect(ok.status).toBe(200);
    expect(ok.body.links.map((l) => [l.kind, l.label.replace(/^R\d+ /, ''), l.exists])).toEqual([
      ['scenario', 'Ransomware stops dispatch', true],
      ['scenario', 'Carrier portal outage', true],
    ]);
    // Each with the scenario's current mean annual loss, as the register shows it.
    expect(ok.body.links.map((l) => l.mean)).toEqual([await mean(scenarios.ransomware!), await mean(scenarios.outage!)]);
    // A treatment that implements the outcome stands for its scenario.
    expect((await advisor.put(outcomeUrl('PR.AA-03', '/links'), { treatmentIds: [treatment] })).status).toBe(200);
    expect((await advisor.put(outcomeUrl('PR.AA-01', '/links'), { scenarioIds: [scenarios.takeover!], treatmentIds: [treatment] })).status).toBe(200);
  });

  it('ranks the gaps by the money at stake: the current mean annual loss of the linked scenarios', async () => {
    const id = assessment.assessment.id;
    const set = async (controlId: string, body: Record<string, unknown>) => expect((await advisor.patch(outcomeUrl(controlId), body)).status).toBe(200);
    await set('RC.RP-03', { current: 1, target: 3, ownerSeat: 'CIO' });
    await set('PR.AA-03', { current: 2, target: 4, ownerSeat: 'CISO' });
    await set('PR.AA-01', { current: 2, target: 3 });
    await set('RC.RP-01', { current: 1, target: 4 });
    await set('RC.RP-02', { current: 3, target: 3 });
    const gaps = (await viewer.get<GapsOut>(`${base}/assessments/${id}/gaps`)).body;
    expect(gaps.currency).toBe('USD');
    // About 0.5 × 400,000 for the ransomware plus 2 × 5,000 for the outage; the takeover's 30,000 halved by MFA.
    const [ransomware, outage, takeover] = [await mean(scenarios.ransomware!), await mean(scenarios.outage!), await mean(scenarios.takeover!)];
    expect(ransomware).toBeGreaterThan(150_000);
    expect(takeover).toBeLessThan(25_000);
    expect(gaps.gaps.map((g) => [g.controlId, g.atStake, g.gap])).toEqual([
      ['RC.RP-03', ransomware + outage, 2],
      ['PR.AA-03', takeover, 2],
      // Linked to the scenario and to its treatment: the scenario counts once.
      ['PR.AA-01', takeover, 1],
      // Not linked to any risk: nothing in money at stake, last.
      ['RC.RP-01', 0, 3],
    ]);
    expect(gaps.gaps[0]).toMatchObject({ rank: 1, functionId: 'RC', functionTitle: 'RECOVER', categoryId: 'RC.RP', categoryTitle: 'Incident Recovery Plan Execution', current: 1, target: 3, ownerSeat: 'CIO', evidence: 2 });
    expect(gaps.gaps[0]!.scenarios.map((s) => s.title)).toEqual(['Ransomware stops dispatch', 'Carrier portal outage']);
    expect(gaps.unlinked).toBe(1);
  });

  it('sums maturity by function and category, with the coverage of evidence', async () => {
    const m = (await viewer.get<MaturityOut>(`${base}/assessments/${assessment.assessment.id}/maturity`)).body;
    expect(m.words).toEqual({ top: 'Function', second: 'Category' });
    expect(m.functions.map((f) => f.id)).toEqual(['PR', 'RC']);
    const rc = m.functions.find((f) => f.id === 'RC')!;
    // RC.RP-01 1, RC.RP-02 3, RC.RP-03 1 answered; targets 3 (default) on the other five RC outcomes, 4 on RC.RP-01.
    expect(rc).toMatchObject({ title: 'RECOVER', outcomes: 8, answered: 3, gaps: 2, evidenced: 2 });
    expect(rc.current).toBeCloseTo(5 / 3, 10);
    expect(rc.target).toBeCloseTo(25 / 8, 10);
    expect(m.categories.find((c) => c.id === 'PR.AA')).toMatchObject({ parentId: 'PR', outcomes: 6, answered: 2, current: 2 });
    expect(m.overall).toMatchObject({ outcomes: 14, answered: 5, gaps: 4 });
  });
});

describe('CSV', () => {
  it('exports the assessment one line per outcome, with the columns the import reads back', async () => {
    const res = await viewer.get<string>(`${base}/assessments/${assessment.assessment.id}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // For Excel: a byte-order mark, so it reads the file as UTF-8.
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Control ID,Function,Category,Title,Statement,Current,Target,Not applicable,Reason not applicable,Owner,Notes,Evidence,Linked risks');
    expect(lines).toHaveLength(15);
    const rc3 = lines.find((l) => l.startsWith('RC.RP-03,'))!;
    expect(rc3).toMatch(/^RC\.RP-03,RC RECOVER,RC\.RP Incident Recovery Plan Execution,RC\.RP-03,/);
    expect(rc3).toMatch(/,1,3,no,,CIO,,/);
    expect(rc3).toMatch(/Backup runbook <https:\/\/wiki\.example\.com\/backups>/);
    expect(rc3).toMatch(/R\d+ Ransomware stops dispatch; R\d+ Carrier portal outage/);
  });

  it('checks a file in a dry run, refuses it whole naming line and column, and imports it all at once', async () => {
    const url = `${base}/assessments/${assessment.assessment.id}/import`;
    const csv = (body: string, dryRun: boolean) => advisor.request<CsvImportReport & ErrorBody>('POST', `${url}?dryRun=${dryRun}&fileName=answers.csv`, body, { 'content-type': 'text/csv' });
    const bad = ['Control ID;Current;Target;Not applicable;Reason;Owner;Spreadsheet note', 'RC.RP-04;Tier 2;3;no;;CIO;x', 'RC.RP-05;7;3;no;;;', 'ID.BE-01;2;3;;;;', 'RC.RP-06;2;3;yes;;;', 'RC.RP-04;1;;;;;', 'PR.AA-05;Repeatable;Adaptive;;;Boss;'].join('\n');
    const dry = await csv(bad, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'rejected', dryRun: true, ignoredColumns: ['Spreadsheet note'] });
    expect(dry.body.problems).toEqual([
      { line: 3, column: 'Current', reason: '"7" is off the scale: a tier from 1 to 4 (CSF implementation tiers (1\u20134))' },
      { line: 4, column: 'Control ID', reason: 'ID.BE-01 is withdrawn from the catalogue and is not assessed' },
      { line: 5, column: 'Reason', reason: 'say why the outcome does not apply' },
      { line: 5, column: 'Current', reason: 'an outcome that does not apply has no level: clear it, or mark the outcome applicable' },
      { line: 5, column: 'Target', reason: 'an outcome that does not apply has no level: clear it, or mark the outcome applicable' },
      { line: 6, column: 'Control ID', reason: 'RC.RP-04 is also on line 2; a file answers each outcome once' },
      { line: 7, column: 'Owner', reason: '"Boss" is not a seat: CIO, CTO or CISO' },
    ]);
    const before = (await viewer.get<AssessmentDetailOut>(`${base}/assessments/${assessment.assessment.id}`)).body;
    const refused = await csv(bad, false);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('5 lines were refused; nothing was imported.');
    expect(refused.body.error.details[0]).toEqual({ path: 'line 3, column Current', message: '"7" is off the scale: a tier from 1 to 4 (CSF implementation tiers (1\u20134))' });
    expect((await viewer.get<AssessmentDetailOut>(`${base}/assessments/${assessment.assessment.id}`)).body.outcomes).toEqual(before.outcomes);

    const good = ['Control ID,Current,Target,N/A,Reason,Owner,Notes', 'RC.RP-04,Tier 2,3,no,,CIO,Tested in June', 'RC.RP-05,2 - Risk Informed,,,,,', 'RC.CO-03,,,yes,No public relations function,,', 'RC.RP-03,1,3,no,,CIO,'].join('\r\n');
    const check = await csv(good, true);
    expect(check.body).toMatchObject({ status: 'checked', rows: 4, changed: 3, unchanged: 1 });
    expect(check.body.results.find((r) => r.controlId === 'RC.CO-03')).toMatchObject({ action: 'update', changed: ['Target', 'N/A', 'Reason'] });
    expect((await viewer.get<AssessmentDetailOut>(`${base}/assessments/${assessment.assessment.id}`)).body.outcomes).toEqual(before.outcomes);
    // RC.CO-03 still has its default target: the file must clear it to mark it not applicable.
    expect(check.body.results.find((r) => r.controlId === 'RC.RP-05')).toMatchObject({ changed: ['Current', 'Target'] });
    const done = await csv(good, false);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'imported', changed: 3 });
    const after = (await viewer.get<AssessmentDetailOut>(`${base}/assessments/${assessment.assessment.id}`)).body.outcomes;
    expect(after.find((o) => o.controlId === 'RC.RP-04')!.answer).toMatchObject({ current: 2, target: 3, ownerSeat: 'CIO', notes: 'Tested in June' });
    expect(after.find((o) => o.controlId === 'RC.CO-03')!.answer).toMatchObject({ notApplicable: true, naReason: 'No public relations function', target: null });
    const trail = await advisor.get<{ entries: { action: string; after: { fileName: string; changed: number } }[] }>(`/api/clients/${clientId}/audit?action=assessment.import`);
    expect(trail.body.entries[0]!.after).toMatchObject({ fileName: 'answers.csv', changed: 3 });
    expect((await contributor.request('POST', `${url}?dryRun=true`, good, { 'content-type': 'text/csv' })).status).toBe(403);
  });
});

describe('the demo, the board pack and the portfolio', () => {
  it('gives Harbor & Finch a CSF 2.0 review completed last quarter and this quarter\u2019s in progress, with evidence and linked scenarios', async () => {
    const list = (await (await demo.as(DEMO.accounting.viewer)).get<AssessmentListOut>(`/api/clients/${demo.clients.accounting}/controls/assessments`)).body.assessments;
    expect(list.map((a) => a.status)).toEqual(['in_progress', 'completed']);
    const [now, last] = list as [AssessmentListOut['assessments'][number], AssessmentListOut['assessments'][number]];
    expect(last).toMatchObject({ outcomes: 106, answered: 106, notApplicable: 2, scale: 'csf-tiers', catalogue: { builtin: 'nist-csf-2.0' } });
    expect(last.completedAt! < '2026-10-01').toBe(true);
    expect(now).toMatchObject({ copiedFrom: { id: last.id }, outcomes: 106 });
    expect(now.maturity.current!).toBeGreaterThan(0);
    expect(last.evidenced).toBeGreaterThanOrEqual(6);
    await t.ctx.jobs.runDue();
    const gaps = (await viewer.get<GapsOut>(`/api/clients/${demo.clients.accounting}/controls/assessments/${now.id}/gaps`)).body;
    expect(gaps.gaps[0]!.atStake).toBeGreaterThan(0);
    expect(gaps.gaps[0]!.scenarios.length).toBeGreaterThan(0);
  });

  it('puts a maturity section in the board pack: current against target by function, and the change since the last completed assessment', async () => {
    const packs = `/api/clients/${demo.clients.accounting}/board-packs`;
    const res = await advisor.post<PackOut>(packs, { quarter: '2026Q4' });
    expect(res.status).toBe(202);
    await t.ctx.jobs.runDue();
    const pack = (await advisor.get<PackDetailOut>(`${packs}/${res.body.id}`)).body;
    const section = pack.content!.sections.find((s) => s.key === 'maturity')!;
    expect(section).toMatchObject({ number: 7, title: 'Security maturity' });
    expect(section.lead).toMatch(/^Against NIST Cybersecurity Framework 2\.0, Harbor & Finch CPAs stands at tier \d\.\d of 4 on average, against a target of \d\.\d \(Q3 2026 NIST CSF 2\.0 review, signed off/);
    const chart = section.blocks.find((b) => b.kind === 'chart');
    expect(chart).toMatchObject({ chart: { type: 'maturity', unit: 'Tier', min: 1, max: 4 } });
    expect((chart as { chart: { groups: { label: string }[] } }).chart.groups.map((g) => g.label)).toEqual(['Govern', 'Identify', 'Protect', 'Detect', 'Respond', 'Recover']);
    const text = JSON.stringify(section.blocks);
    expect(text).toMatch(/Q4 2026 NIST CSF 2\.0 review is under way: 106 of 106 outcomes answered so far, provisionally at tier \d\.\d \((up|down) \d\.\d on Q3 2026 NIST CSF 2\.0 review\)/);
    expect(text).toContain('The largest gaps, by money at stake');
    // The PDF has the section too.
    const html = await raw(DEMO.advisor, `${packs}/${res.body.id}.html`);
    expect(html.status).toBe(200);
    expect(html.body.toString('utf8')).toContain('<h2>Security maturity</h2>');
    const pdf = await raw(DEMO.advisor, `${packs}/${res.body.id}.pdf`);
    expect(pdfText(pdf.body)).toContain('Security maturity');
  });

  it('shows each client\u2019s maturity in the portfolio, never a client the caller may not see', async () => {
    const rows = (await advisor.get<{ clients: PortfolioMaturityRow[] }>('/api/portfolio/controls')).body.clients;
    const harbor = rows.find((r) => r.clientId === demo.clients.accounting)!;
    expect(harbor).toMatchObject({ catalogue: 'Electronic Version of NIST Cybersecurity Framework 2.0', scale: 'csf-tiers', latest: { title: 'Q3 2026 NIST CSF 2.0 review' }, inProgress: { outcomes: 106 } });
    expect(rows.find((r) => r.clientId === clientId)).toMatchObject({ latest: null, inProgress: { title: 'Recovery review' } });
    const theirs = (await outsider.get<{ clients: PortfolioMaturityRow[] }>('/api/portfolio/controls')).body.clients;
    expect(theirs.map((r) => r.clientId)).not.toContain(demo.clients.accounting);
  });
});
