import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { AssessmentDetailOut, AssessmentListOut, AssessmentSummary, CatalogueImportProgress, CatalogueImportReport, CatalogueOut, CatalogueTreeOut, ComparisonOut, OutcomeOut } from '../../src/modules/controls/schema.js';

/**
 * Catalogues (NIST CSF 2.0 built in, OSCAL import and versions), and assessments: scales,
 * not applicable, who may answer what, requests to contributors, sign-off and freezing, the
 * next quarter as a copy, comparison, and the audit trail of every change. Run on SQLite and
 * on PostgreSQL.
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface AuditEntry {
  action: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const MINI = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/modules/controls/oscal/fixtures/sp800-53-mini.json'), 'utf8');

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let admin: Caller;
let contributor: Caller;
let executive: Caller;
let viewer: Caller;
let outsider: Caller;
let clientId: string;
let base: string;
let csf: CatalogueOut;
let mini: CatalogueImportReport;
let contributorId: string;

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  contributor = await demo.as(DEMO.accounting.contributor);
  executive = await demo.as(DEMO.accounting.executive);
  viewer = await demo.as(DEMO.accounting.viewer);
  outsider = await demo.as(DEMO.saas.executive);
  // A client of our own with a member of each role, so the assessments here are ours alone.
  const created = await advisor.post<{ id: string }>('/api/clients', { name: 'Ashgrove Dental Group', sector: 'Healthcare', employees: 60, annualRevenue: 9_000_000, currency: 'USD' });
  expect(created.status).toBe(201);
  clientId = created.body.id;
  base = `/api/clients/${clientId}/controls`;
  for (const [email, role] of [
    [DEMO.accounting.contributor, 'contributor'],
    [DEMO.accounting.executive, 'executive'],
    [DEMO.accounting.viewer, 'viewer'],
  ] as const) {
    expect((await advisor.post(`/api/clients/${clientId}/members`, { email, role })).status).toBe(201);
  }
  const members = await advisor.get<{ members: { userId: string; email: string }[] }>(`/api/clients/${clientId}/members`);
  contributorId = members.body.members.find((m) => m.email === DEMO.accounting.contributor)!.userId;
});
afterAll(async () => {
  await t.close();
});

async function audit(action?: string): Promise<AuditEntry[]> {
  const res = await advisor.get<{ entries: AuditEntry[] }>(`/api/clients/${clientId}/audit?limit=500${action ? `&action=${action}` : ''}`);
  expect(res.status).toBe(200);
  return res.body.entries;
}

async function start(body: Record<string, unknown>, caller: Caller = advisor): Promise<AssessmentDetailOut> {
  const res = await caller.post<AssessmentDetailOut>(`${base}/assessments`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function answer(assessmentId: string, controlId: string, body: Record<string, unknown>, caller: Caller = advisor) {
  return caller.patch<OutcomeOut & ErrorBody>(`${base}/assessments/${assessmentId}/outcomes/${encodeURIComponent(controlId)}`, body);
}

async function detail(id: string, caller: Caller = viewer): Promise<AssessmentDetailOut> {
  const res = await caller.get<AssessmentDetailOut>(`${base}/assessments/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('catalogues', () => {
  it('NIST CSF 2.0 comes loaded through the OSCAL importer: 6 functions, 22 categories, 106 subcategories, the withdrawn ones kept and marked', async () => {
    const res = await advisor.get<{ catalogues: CatalogueOut[]; canImport: boolean }>('/api/controls/catalogues');
    expect(res.status).toBe(200);
    expect(res.body.canImport).toBe(true);
    csf = res.body.catalogues.find((c) => c.builtin === 'nist-csf-2.0')!;
    expect(csf).toMatchObject({ title: 'Electronic Version of NIST Cybersecurity Framework 2.0', uuid: '720a010b-253c-4a94-bb65-cb58400966f5' });
    expect(csf.latest).toMatchObject({ version: '1.2.0', oscalVersion: 'v1.2.2', counts: { groups: 6, controls: 128, withdrawn: 91, outcomes: 106 } });
    expect(csf.latest.counts.byClass).toEqual(
      expect.arrayContaining([
        { class: 'function', kind: 'group', active: 6, withdrawn: 0 },
        { class: 'category', kind: 'control', active: 22, withdrawn: 12 },
        { class: 'subcategory', kind: 'control', active: 106, withdrawn: 79 },
      ]),
    );
    // Every member of a client sees the firm's catalogues there; the tree counts the outcomes.
    const inClient = await viewer.get<{ catalogues: CatalogueOut[] }>(`${base}/catalogues`);
    expect(inClient.body.catalogues.map((c) => c.id)).toContain(csf.id);
    const tree = await viewer.get<CatalogueTreeOut>(`${base}/catalogues/${csf.id}/tree`);
    expect(tree.body.nodes.find((n) => n.id === 'GV')).toMatchObject({ kind: 'group', class: 'function', outcomes: 31 });
    expect(tree.body.nodes.find((n) => n.id === 'GV.OC')).toMatchObject({ kind: 'control', class: 'category', assessable: false, outcomes: 5 });
    expect(tree.body.nodes.find((n) => n.id === 'ID.BE')).toMatchObject({ withdrawn: true, outcomes: 0 });
    // Loaded once: the check at start-up changes nothing.
    await t.ctx.jobs.runDue();
    const again = await advisor.get<{ catalogues: CatalogueOut[] }>('/api/controls/catalogues');
    expect(again.body.catalogues.filter((c) => c.builtin === 'nist-csf-2.0')).toHaveLength(1);
    expect(again.body.catalogues.find((c) => c.id === csf.id)!.versions).toHaveLength(1);
  });

  it('an advisor imports an OSCAL catalogue; the same uuid with a new version adds a version, the same file again changes nothing', async () => {
    const importId = '01a21868-f316-7442-9b0f-a2c51213f0aa';
    const res = await advisor.request<CatalogueImportReport>('POST', `/api/controls/catalogues?fileName=mini.json&importId=${importId}`, MINI, { 'content-type': 'application/json' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    mini = res.body;
    expect(mini).toMatchObject({ action: 'created', version: { version: '5.1.1', fileName: 'mini.json', counts: { groups: 3, controls: 4, withdrawn: 1, outcomes: 4 } } });
    const progress = await advisor.get<CatalogueImportProgress>(`/api/controls/catalogues/imports/${importId}`);
    expect(progress.body).toMatchObject({ phase: 'done', fraction: 1, nodesTotal: 8, nodesStored: 8 });
    // Another firm member who may not import cannot see the import's progress either way: it is the firm's.
    expect((await outsider.get(`/api/controls/catalogues/imports/${importId}`)).status).toBe(200);

    const same = await advisor.request<CatalogueImportReport>('POST', '/api/controls/catalogues', MINI, { 'content-type': 'application/json' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ action: 'unchanged', catalogue: { id: mini.catalogue.id } });

    const next = JSON.parse(MINI) as { catalog: { metadata: Record<string, string>; groups: { title: string }[] } };
    next.catalog.metadata.version = '5.2.0';
    next.catalog.metadata['last-modified'] = '2026-12-01T10:00:00Z';
    next.catalog.groups[0]!.title = 'Access Control (revised)';
    const added = await admin.request<CatalogueImportReport>('POST', '/api/controls/catalogues', JSON.stringify(next), { 'content-type': 'application/json' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ action: 'version-added', catalogue: { id: mini.catalogue.id, latest: { version: '5.2.0' } } });
    expect(added.body.catalogue.versions.map((v) => v.version)).toEqual(['5.2.0', '5.1.1']);

    // The same version with other content is refused: a changed catalogue needs a new version.
    next.catalog.groups[0]!.title = 'Access Control (edited again)';
    const clash = await advisor.request<ErrorBody>('POST', '/api/controls/catalogues', JSON.stringify(next), { 'content-type': 'application/json' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toEqual([{ path: 'catalog.metadata.version', message: expect.stringMatching(/version 5\.2\.0 is already stored/) as unknown }]);

    // The firm's own trail records each import.
    const trail = await admin.get<{ entries: { action: string; entityId: string; after: { version: string } }[] }>('/api/firm/audit?limit=50');
    const imports = trail.body.entries.filter((e) => e.entityId === mini.catalogue.id);
    expect(imports.map((e) => `${e.action} ${e.after.version}`)).toEqual(['catalogue.version.add 5.2.0', 'catalogue.import 5.1.1']);
  });

  it('reads YAML, and refuses a broken file naming the JSON path, storing nothing', async () => {
    const yaml = ['catalog:', '  uuid: 6b0f1e9c-2d3a-4b5c-8d7e-9f0a1b2c3d4e', '  metadata:', '    title: Office security basics', '    version: "2026.1"', '  controls:', '    - id: osb-1', '      title: Screens lock', "      parts: [{ name: statement, prose: 'Screens lock after 5 minutes.' }]"].join('\n');
    const ok = await advisor.request<CatalogueImportReport>('POST', '/api/controls/catalogues?fileName=basics.yaml', yaml, { 'content-type': 'application/yaml' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.version.counts).toMatchObject({ groups: 0, controls: 1, outcomes: 1 });

    const count = async () => Number((await t.ctx.database.db.selectFrom('ctl_nodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const broken = JSON.parse(MINI) as { catalog: { uuid: string; groups: { controls?: Record<string, unknown>[] }[] } };
    broken.catalog.uuid = '11111111-2222-4333-8444-555555555555';
    delete broken.catalog.groups[1]!.controls;
    delete (broken.catalog.groups[0]!.controls![1]!.controls as Record<string, unknown>[])[0]!.title;
    const res = await advisor.request<ErrorBody>('POST', '/api/controls/catalogues', JSON.stringify(broken), { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Nothing was imported/);
    expect(res.body.error.details).toEqual([{ path: 'catalog.groups[0].controls[1].controls[0].title', message: 'is missing' }]);
    expect(await count()).toBe(before);
    const list = await advisor.get<{ catalogues: CatalogueOut[] }>('/api/controls/catalogues');
    expect(list.body.catalogues.some((c) => c.uuid === '11111111-2222-4333-8444-555555555555')).toBe(false);

    const notOscal = await advisor.request<ErrorBody>('POST', '/api/controls/catalogues', '{"controls": []}', { 'content-type': 'application/json' });
    expect(notOscal.status).toBe(400);
    expect(notOscal.body.error.details).toEqual([{ path: '(the top level)', message: 'has no "catalog" field (it has "controls")' }]);
    const badJson = await advisor.request<ErrorBody>('POST', '/api/controls/catalogues', '{"catalog": ', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.details[0]!.path).toMatch(/^line 1, column \d+$/);
  });

  it('only the firm\u2019s admins and advisors import catalogues', async () => {
    const res = await executive.request<ErrorBody>('POST', '/api/controls/catalogues', MINI, { 'content-type': 'application/json' });
    expect(res.status).toBe(403);
    const list = await executive.get<{ canImport: boolean }>('/api/controls/catalogues');
    expect(list.body.canImport).toBe(false);
  });
});

describe('assessments', () => {
  let tiers: AssessmentDetailOut;
  let levels: AssessmentDetailOut;

  it('rate on CSF implementation tiers (1\u20134) by default for CSF, and refuse a level off the scale', async () => {
    tiers = await start({ title: 'Q4 CSF review', catalogueId: csf.id, scope: { kind: 'groups', ids: ['GV.OC', 'GV.OV'] }, defaultTarget: 3 });
    expect(tiers.assessment).toMatchObject({ scale: 'csf-tiers', status: 'in_progress', outcomes: 8, answered: 0, version: { version: '1.2.0' }, scope: { kind: 'groups', ids: ['GV.OC', 'GV.OV'] } });
    expect(tiers.scale).toMatchObject({ min: 1, max: 4, levels: [{ value: 1, name: 'Partial' }, { value: 2, name: 'Risk Informed' }, { value: 3, name: 'Repeatable' }, { value: 4, name: 'Adaptive' }] });
    expect(tiers.outcomes.map((o) => o.controlId)).toEqual(['GV.OC-01', 'GV.OC-02', 'GV.OC-03', 'GV.OC-04', 'GV.OC-05', 'GV.OV-01', 'GV.OV-02', 'GV.OV-03']);
    expect(tiers.outcomes[0]).toMatchObject({ functionId: 'GV', categoryId: 'GV.OC', statement: 'The organizational mission is understood and informs cybersecurity risk management', answer: { target: 3, current: null } });
    expect(tiers.outcomes[0]!.examples[0]).toMatch(/^Share the organization's mission/);
    expect(tiers.groups.map((g) => g.id)).toEqual(['GV', 'GV.OC', 'GV.OV']);

    expect((await answer(tiers.assessment.id, 'GV.OC-01', { current: 4 })).status).toBe(200);
    const five = await answer(tiers.assessment.id, 'GV.OC-01', { current: 5 });
    expect(five.status).toBe(400);
    expect(five.body.error.details).toEqual([{ path: 'body.current', message: 'must be a tier from 1 to 4 on this assessment\'s scale (CSF implementation tiers (1\u20134))' }]);
    const zero = await answer(tiers.assessment.id, 'GV.OC-01', { target: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details[0]!.path).toBe('body.target');
    const half = await answer(tiers.assessment.id, 'GV.OC-01', { current: 2.5 });
    expect(half.status).toBe(400);
    expect((await detail(tiers.assessment.id)).outcomes[0]!.answer).toMatchObject({ current: 4, target: 3 });
  });

  it('rate on the 0\u20135 maturity scale, by default for other catalogues', async () => {
    levels = await start({ title: 'Baseline controls', catalogueId: mini.catalogue.id, versionId: mini.version.id });
    expect(levels.assessment).toMatchObject({ scale: 'maturity-0-5', outcomes: 4, version: { version: '5.1.1' } });
    expect(levels.outcomes.map((o) => o.controlId)).toEqual(['ac-1', 'ac-2', 'ac-2.1', 'pm-9']);
    expect(levels.outcomes[0]!.statement).toMatch(/^a\. Develop, document, and disseminate to \[Assignment: personnel or roles\]:/);
    expect((await answer(levels.assessment.id, 'ac-1', { current: 0, target: 5 })).status).toBe(200);
    const six = await answer(levels.assessment.id, 'ac-1', { current: 6 });
    expect(six.status).toBe(400);
    expect(six.body.error.details[0]!.path).toBe('body.current');
    // An outcome withdrawn from the catalogue is not in the assessment.
    expect((await answer(levels.assessment.id, 'ac-2.10', { current: 1 })).status).toBe(404);
    // One assessment of a catalogue is in progress at a time.
    const second = await advisor.post<ErrorBody>(`${base}/assessments`, { title: 'Another', catalogueId: mini.catalogue.id });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/"Baseline controls" is already in progress/);
  });

  it('takes an OSCAL profile to choose the outcomes, and names what it selects that the catalogue does not have', async () => {
    const profile = (ids: string[]) => ({ profile: { uuid: 'b5c8a3e1-1111-4222-8333-944455556666', metadata: { title: 'Account management only', version: '1' }, imports: [{ href: '#mini', 'include-controls': [{ 'with-ids': ids, 'with-child-controls': 'yes' }] }] } });
    const bad = await advisor.post<ErrorBody>(`${base}/assessments`, { title: 'Profiled', catalogueId: csf.id, scope: { kind: 'profile', profile: profile(['GV.OC', 'XX.YY-01']) } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'body.scope.profile.profile.imports[0].include-controls[0].with-ids[1]', message: 'names the control "XX.YY-01", which this catalogue does not have' }]);
    const groups = await advisor.post<ErrorBody>(`${base}/assessments`, { title: 'Grouped', catalogueId: csf.id, scope: { kind: 'groups', ids: ['GV', 'ZZ'] } });
    expect(groups.status).toBe(400);
    expect(groups.body.error.details).toEqual([{ path: 'body.scope.ids[1]', message: 'this catalogue version has no group or control "ZZ"' }]);
    // A deleted assessment in progress leaves room for the next.
    expect((await advisor.delete(`${base}/assessments/${levels.assessment.id}`)).status).toBe(200);
    const profiled = await start({ title: 'Account management', catalogueId: mini.catalogue.id, versionId: mini.version.id, scope: { kind: 'profile', profile: profile(['ac-2']) } });
    expect(profiled.assessment.scope).toMatchObject({ kind: 'profile', title: 'Account management only' });
    expect(profiled.outcomes.map((o) => o.controlId)).toEqual(['ac-2', 'ac-2.1']);
    expect((await advisor.delete(`${base}/assessments/${profiled.assessment.id}`)).status).toBe(200);
  });

  it('marks an outcome not applicable only with a reason, and then without levels', async () => {
    const id = tiers.assessment.id;
    const noReason = await answer(id, 'GV.OC-04', { notApplicable: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual(expect.arrayContaining([{ path: 'body.naReason', message: 'say why the outcome does not apply' }]));
    // The default target is set: it must be cleared too, not silently dropped.
    const withLevel = await answer(id, 'GV.OC-04', { notApplicable: true, naReason: 'No critical services are delivered to others.' });
    expect(withLevel.status).toBe(400);
    expect(withLevel.body.error.details).toEqual([{ path: 'body.target', message: 'an outcome that does not apply has no level: clear it, or mark the outcome applicable' }]);
    const ok = await answer(id, 'GV.OC-04', { notApplicable: true, naReason: 'No critical services are delivered to others.', target: null });
    expect(ok.status).toBe(200);
    expect(ok.body.answer).toMatchObject({ notApplicable: true, naReason: 'No critical services are delivered to others.', current: null, target: null });
    const reasonAlone = await answer(id, 'GV.OC-05', { naReason: 'Because' });
    expect(reasonAlone.status).toBe(400);
    const summary = (await detail(id)).assessment;
    expect(summary).toMatchObject({ answered: 2, notApplicable: 1 });
  });

  it('a viewer or an executive cannot change an answer; a contributor answers only what they were asked, until they hand it in', async () => {
    const id = tiers.assessment.id;
    expect((await answer(id, 'GV.OC-02', { current: 2 }, viewer)).status).toBe(403);
    expect((await answer(id, 'GV.OC-02', { current: 2 }, executive)).status).toBe(403);
    const unasked = await answer(id, 'GV.OC-02', { current: 2 }, contributor);
    expect(unasked.status).toBe(403);
    expect(unasked.body.error.message).toMatch(/not asked to answer GV\.OC-02/);

    // Only contributors are asked; an advisor asks one about a category.
    const toExec = await advisor.post<ErrorBody>(`${base}/assessments/${id}/requests`, { nodeId: 'GV.OC', assigneeUserId: (await advisor.get<{ members: { userId: string; email: string }[] }>(`/api/clients/${clientId}/members`)).body.members.find((m) => m.email === DEMO.accounting.executive)!.userId });
    expect(toExec.status).toBe(400);
    expect(toExec.body.error.details[0]!.path).toBe('body.assigneeUserId');
    const asked = await advisor.post<{ id: string; outcomes: number; status: string }>(`${base}/assessments/${id}/requests`, { nodeId: 'GV.OC', assigneeUserId: contributorId, dueOn: '2026-12-15', note: 'Please rate context.' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ outcomes: 5, status: 'open' });
    const mine = await detail(id, contributor);
    expect(mine.outcomes.filter((o) => o.canAnswer).map((o) => o.controlId)).toEqual(['GV.OC-01', 'GV.OC-02', 'GV.OC-03', 'GV.OC-04', 'GV.OC-05']);
    expect(mine.can).toMatchObject({ manage: false, answer: true, signOff: false });
    // The contributor was told.
    const bell = await contributor.get<{ notifications: { title: string; link: string | null }[] }>(`/api/notifications?clientId=${clientId}`);
    expect(bell.body.notifications.find((n) => n.title.includes('GV.OC Organizational Context'))?.link).toMatch(new RegExp(`controls/${id}$`));

    expect((await answer(id, 'GV.OC-02', { current: 2, ownerSeat: 'CISO', notes: 'Stakeholder list kept by the practice manager.' }, contributor)).status).toBe(200);
    expect((await answer(id, 'GV.OV-01', { current: 2 }, contributor)).status).toBe(403);
    expect((await contributor.post(`${base}/requests/${asked.body.id}/accept`)).status).toBe(403);
    expect((await contributor.post(`${base}/requests/${asked.body.id}/submit`)).status).toBe(200);
    expect((await answer(id, 'GV.OC-03', { current: 2 }, contributor)).status).toBe(403);
    // Sent back with a note, the contributor may change the answers again.
    const back = await advisor.post(`${base}/requests/${asked.body.id}/return`, { note: 'GV.OC-03 needs the insurer\u2019s requirements too.' });
    expect(back.status).toBe(200);
    expect((await answer(id, 'GV.OC-03', { current: 3 }, contributor)).status).toBe(200);
    expect((await contributor.post(`${base}/requests/${asked.body.id}/submit`)).status).toBe(200);
    expect((await advisor.post(`${base}/requests/${asked.body.id}/accept`)).status).toBe(200);
    const after = await detail(id);
    expect(after.requests[0]).toMatchObject({ status: 'accepted', nodeId: 'GV.OC', assignee: { email: DEMO.accounting.contributor }, returnedNote: 'GV.OC-03 needs the insurer\u2019s requirements too.' });
    expect(after.outcomes.find((o) => o.controlId === 'GV.OC-02')!.answer).toMatchObject({ current: 2, ownerSeat: 'CISO', answeredBy: expect.stringContaining('Tom Alvarez') as unknown });
    // An outsider of the client sees none of it.
    expect((await outsider.get(`${base}/assessments/${id}`)).status).toBe(404);
  });

  it('signs off only when every outcome is answered and no request is open; then it is frozen', async () => {
    const id = tiers.assessment.id;
    const early = await advisor.post<ErrorBody>(`${base}/assessments/${id}/complete`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/4 of 8 outcomes are not answered yet/);
    expect(early.body.error.details.map((d) => d.path)).toEqual(['outcomes.GV.OC-05', 'outcomes.GV.OV-01', 'outcomes.GV.OV-02', 'outcomes.GV.OV-03']);
    await answer(id, 'GV.OC-05', { current: 2 });
    await answer(id, 'GV.OV-01', { current: 1 });
    await answer(id, 'GV.OV-02', { current: 2 });
    await answer(id, 'GV.OV-03', { current: 3 });
    const open = await advisor.post<{ id: string }>(`${base}/assessments/${id}/requests`, { nodeId: 'GV.OV', assigneeUserId: contributorId });
    const waiting = await advisor.post<ErrorBody>(`${base}/assessments/${id}/complete`, {});
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.details).toEqual([{ path: `requests.${open.body.id}`, message: 'the request on GV.OV Oversight is still open: withdraw it or wait for the answers' }]);
    expect((await advisor.post(`${base}/requests/${open.body.id}/withdraw`)).status).toBe(200);
    expect((await executive.post(`${base}/assessments/${id}/complete`, {})).status).toBe(403);
    const done = await advisor.post<AssessmentSummary>(`${base}/assessments/${id}/complete`, { note: 'Reviewed with the practice owner.' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', signOffNote: 'Reviewed with the practice owner.', completedBy: expect.stringContaining('Sam Okafor') as unknown, answered: 8 });

    const frozen = await answer(id, 'GV.OC-01', { current: 1 });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toMatch(/is frozen; start the next assessment as a copy/);
    for (const res of [
      await advisor.patch(`${base}/assessments/${id}`, { title: 'Renamed' }),
      await advisor.delete(`${base}/assessments/${id}`),
      await advisor.post(`${base}/assessments/${id}/requests`, { nodeId: 'GV.OC', assigneeUserId: contributorId }),
      await advisor.post(`${base}/assessments/${id}/outcomes/GV.OC-01/evidence`, { title: 'Late', url: 'https://example.com/late' }),
      await advisor.put(`${base}/assessments/${id}/outcomes/GV.OC-01/links`, { scenarioIds: [] }),
      await advisor.request('POST', `${base}/assessments/${id}/import`, 'Control ID,Current\nGV.OC-01,1\n', { 'content-type': 'text/csv' }),
      await advisor.post(`${base}/assessments/${id}/complete`, {}),
    ]) {
      expect(res.status).toBe(409);
    }
    const d = await detail(id, advisor);
    expect(d.can).toEqual({ manage: false, answer: false, signOff: false });
    expect(d.outcomes.find((o) => o.controlId === 'GV.OC-01')!.answer.current).toBe(4);
  });

  it('starts the next quarter as a copy of the completed one, and compares the two side by side', async () => {
    const id = tiers.assessment.id;
    expect((await advisor.post<ErrorBody>(`${base}/assessments`, { title: 'Q1', catalogueId: csf.id, copyFrom: id, scale: 'maturity-0-5' })).body.error.details[0]!.path).toBe('body.scale');
    const copy = await start({ title: 'Q1 CSF review', catalogueId: csf.id, copyFrom: id });
    expect(copy.assessment).toMatchObject({ scale: 'csf-tiers', outcomes: 8, answered: 8, notApplicable: 1, copiedFrom: { id, title: 'Q4 CSF review' }, scope: { kind: 'groups', ids: ['GV.OC', 'GV.OV'] } });
    expect(copy.outcomes.find((o) => o.controlId === 'GV.OC-02')!.answer).toMatchObject({ current: 2, ownerSeat: 'CISO', notes: 'Stakeholder list kept by the practice manager.' });
    // Only a completed assessment is copied.
    const other = await start({ title: 'Draft', catalogueId: mini.catalogue.id });
    const fromDraft = await advisor.post<ErrorBody>(`${base}/assessments`, { title: 'Copy of a draft', catalogueId: mini.catalogue.id, copyFrom: other.assessment.id });
    expect(fromDraft.status).toBe(400);
    expect(fromDraft.body.error.details[0]).toEqual({ path: 'body.copyFrom', message: '"Draft" is still in progress; complete it first' });
    expect((await advisor.delete(`${base}/assessments/${other.assessment.id}`)).status).toBe(200);

    await answer(copy.assessment.id, 'GV.OV-01', { current: 3 });
    await answer(copy.assessment.id, 'GV.OC-01', { current: 2 });
    const cmp = await viewer.get<ComparisonOut>(`${base}/compare?from=${id}&to=${copy.assessment.id}`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.counts).toEqual({ up: 1, down: 1, same: 5, new: 0, removed: 0, notApplicable: 1 });
    expect(cmp.body.outcomes.find((o) => o.controlId === 'GV.OV-01')).toMatchObject({ change: 'up', before: { current: 1 }, after: { current: 3 } });
    expect(cmp.body.outcomes.find((o) => o.controlId === 'GV.OC-01')).toMatchObject({ change: 'down', before: { current: 4 }, after: { current: 2 } });
    // Govern: (4+2+3+2 + 1+2+3)/7 before, (2+2+3+2 + 3+2+3)/7 after.
    expect(cmp.body.functions).toEqual([{ id: 'GV', title: 'GOVERN', before: 17 / 7, after: 17 / 7, delta: 0 }]);
    expect(cmp.body.overall.before).toBeCloseTo(17 / 7, 10);

    // Assessments on other scales or of other catalogues do not compare.
    const m = await start({ title: 'Mini on levels', catalogueId: mini.catalogue.id });
    const cross = await viewer.get<ErrorBody>(`${base}/compare?from=${id}&to=${m.assessment.id}`);
    expect(cross.status).toBe(400);
    expect(cross.body.error.details[0]!.path).toBe('querystring.to');
    expect((await advisor.delete(`${base}/assessments/${m.assessment.id}`)).status).toBe(200);

    const list = await viewer.get<AssessmentListOut>(`${base}/assessments`);
    expect(list.body.assessments.map((a) => `${a.title}:${a.status}`)).toEqual(['Q1 CSF review:in_progress', 'Q4 CSF review:completed']);
    expect(list.body.can.manage).toBe(false);
  });

  it('records every change in the audit trail', async () => {
    const entries = await audit();
    const actions = new Set(entries.map((e) => e.action));
    for (const a of ['assessment.create', 'assessment.answer', 'assessment.request', 'assessment.request.submit', 'assessment.request.return', 'assessment.request.accept', 'assessment.request.withdraw', 'assessment.complete', 'assessment.delete']) {
      expect(actions, a).toContain(a);
    }
    const change = entries.find((e) => e.action === 'assessment.answer' && e.after?.controlId === 'GV.OV-01' && e.after.current === 3)!;
    expect(change).toMatchObject({ entityId: expect.any(String) as unknown, before: { controlId: 'GV.OV-01', current: 1 }, after: { controlId: 'GV.OV-01', current: 3 } });
    const copy = entries.find((e) => e.action === 'assessment.create' && e.after?.title === 'Q1 CSF review')!;
    expect(copy.after).toMatchObject({ scale: 'csf-tiers', outcomes: 8, copiedFrom: { title: 'Q4 CSF review' } });
    // A change that changes nothing writes nothing.
    const n = (await audit('assessment.answer')).length;
    const list = await viewer.get<AssessmentListOut>(`${base}/assessments`);
    const open = list.body.assessments.find((a) => a.status === 'in_progress')!;
    expect((await answer(open.id, 'GV.OV-01', { current: 3 })).status).toBe(200);
    expect((await audit('assessment.answer')).length).toBe(n);
    const verify = await advisor.get<{ ok: boolean }>(`/api/clients/${clientId}/audit/verify`);
    expect(verify.body.ok).toBe(true);
  });
});
