import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import type { AcceptanceOut, CheckOut, DecisionOut, DelegationOut } from '../../src/modules/governance/schema.js';
import type { TaskOut } from '../../src/modules/tasks/schema.js';
import type { CandidatesOut } from '../../src/modules/roadmap/schema.js';

/**
 * What the server writes into its answers (governance checks, reasons, validation messages) is
 * in the reader's language: German for `Accept-Language: de`, English without the header or for
 * a language Triad does not speak (API clients and the CLI keep English).
 */
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let contributor: Caller;
let viewer: Caller;
let gov: string;

const DE = { 'accept-language': 'de' };

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  gov = `/api/clients/${demo.clients.accounting}/governance`;
  advisor = await demo.as(DEMO.advisor);
  contributor = await demo.as(DEMO.accounting.contributor);
  viewer = await demo.as(DEMO.accounting.viewer);
});
afterAll(async () => {
  await t.close();
});

async function checks(headers: Record<string, string> = {}) {
  const res = await viewer.request<{ checks: CheckOut[] }>('GET', `${gov}/checks`, undefined, headers);
  expect(res.status).toBe(200);
  return res;
}

describe('governance checks', () => {
  it('are in English without Accept-Language, in German for de, and in English for a language Triad does not speak', async () => {
    const en = await checks();
    const vacant = en.body.checks.find((c) => c.id === 'seat.vacant:CTO')!;
    expect(vacant.title).toBe('The CTO seat is vacant');
    expect(vacant.detail).toMatch(/^Nobody answers for the product\u2019s technology\./);
    expect(en.headers['content-language']).toBe('en');

    const de = await checks(DE);
    const vakant = de.body.checks.find((c) => c.id === 'seat.vacant:CTO')!;
    expect(vakant.title).toBe('Der Sitz des CTO ist unbesetzt');
    expect(vakant.detail).toMatch(/^Niemand verantwortet die Technologie des Produkts\./);
    expect(de.headers['content-language']).toBe('de');
    expect(String(de.headers.vary)).toMatch(/accept-language/i);
    // The same checks, only their words differ.
    expect(de.body.checks.map((c) => [c.id, c.severity])).toEqual(en.body.checks.map((c) => [c.id, c.severity]));

    for (const header of ['fr', 'ja, fr-CA;q=0.8']) {
      const other = await checks({ 'accept-language': header });
      expect(other.body.checks).toEqual(en.body.checks);
      expect(other.headers['content-language']).toBe('en');
    }
    const austrian = await checks({ 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' });
    expect(austrian.body.checks).toEqual(de.body.checks);
  });
});

describe('an escalation reason', () => {
  it('is said in the reader\u2019s language, though it is stored in English', async () => {
    const m = `/api/clients/${demo.clients.manufacturer}/governance/decisions?awaitingExecutive=true`;
    const v = await demo.as(DEMO.manufacturer.viewer);
    const en = (await v.get<{ decisions: DecisionOut[] }>(m)).body.decisions[0]!;
    expect(en.escalationReason).toBe('The seats disagree: the CIO and the CTO support it, the CISO opposes it.');
    const de = (await v.request<{ decisions: DecisionOut[] }>('GET', m, undefined, DE)).body.decisions[0]!;
    expect(de.id).toBe(en.id);
    expect(de.escalationReason).toBe('Die Sitze sind sich uneinig: der CIO und der CTO unterstützen sie, der CISO lehnt sie ab.');
  });
});

describe('an acceptance and the delegation', () => {
  it('give the approval authority\u2019s reason, the appetite explanation and the delegation in the reader\u2019s language', async () => {
    const risk = await advisor.post<{ id: string }>(`/api/clients/${demo.clients.accounting}/risks`, {
      title: 'Lost USB stick with working papers',
      ownerSeat: 'CISO',
      inputs: { lossEventFrequency: { type: 'constant', value: 1 }, primaryLoss: { type: 'constant', value: 20_000 } },
    });
    expect(risk.status).toBe(201);
    expect((await advisor.put(`/api/clients/${demo.clients.accounting}/risks/appetite`, { points: [{ loss: 1e9, probability: 0.5 }], statement: 'Generous, for the test.' })).status).toBe(200);
    await t.ctx.jobs.runDue();
    // Asked for in German: the answer is German, what is stored stays English.
    const req = await contributor.request<AcceptanceOut>('POST', `${gov}/acceptances`, { riskIds: [risk.body.id], justification: 'Treatment costs more than the loss it prevents.', expiresOn: '2027-05-01' }, DE);
    expect(req.status).toBe(201);
    expect(req.body.authorityReason).toMatch(/^Das Risikoregister von Harbor & Finch CPAs bleibt mit diesen akzeptierten Risiken innerhalb seines Risikoappetits/);
    expect(req.body.appetite.explanation).toMatch(/^Mit R\d+ so akzeptiert, wie es steht, bleibt das Risikoregister von Harbor & Finch CPAs \(\d+ Szenarien\) innerhalb des Risikoappetits/);

    const en = (await contributor.get<AcceptanceOut>(`${gov}/acceptances/${req.body.id}`)).body;
    expect(en.authorityReason).toMatch(/^Harbor & Finch CPAs' risk register stays within its risk appetite with these risks accepted/);
    expect(en.appetite.explanation).toMatch(/^With R\d+ accepted as it stands, Harbor & Finch CPAs' risk register \(\d+ scenarios\) stays within the risk appetite/);
    const stored = await t.ctx.database.db.selectFrom('gov_acceptances').select('appetite_explanation').where('id', '=', req.body.id).executeTakeFirstOrThrow();
    expect(stored.appetite_explanation).toBe(en.appetite.explanation);

    const settingsEn = (await viewer.get<{ delegation: DelegationOut | null }>(`${gov}/settings`)).body.delegation!;
    const settingsDe = (await viewer.request<{ delegation: DelegationOut | null }>('GET', `${gov}/settings`, undefined, DE)).body.delegation!;
    expect(settingsEn.sentence).toMatch(/delegates to Sam Okafor, the advisor holding the CISO seat, the approval of risk acceptances/);
    expect(settingsDe.sentence).toMatch(/an Sam Okafor, den Berater auf dem Sitz des CISO, die Genehmigung von Risikoakzeptanzen delegiert/);

    // What waits for the executive, likewise.
    const exec = await demo.as(DEMO.accounting.executive);
    const tasksDe = (await exec.request<{ tasks: TaskOut[] }>('GET', `/api/clients/${demo.clients.accounting}/tasks`, undefined, DE)).body.tasks;
    const tasksEn = (await exec.get<{ tasks: TaskOut[] }>(`/api/clients/${demo.clients.accounting}/tasks`)).body.tasks;
    const id = `acceptance.approve:${req.body.id}`;
    expect(tasksEn.find((x) => x.id === id)?.title).toMatch(/^Approve or reject: /);
    expect(tasksDe.find((x) => x.id === id)?.title).toMatch(/^Genehmigen oder ablehnen: /);
  });
});

describe('validation errors', () => {
  const tooLong = { title: 'x'.repeat(201), proposal: '', options: [] };

  it('say every problem in English without Accept-Language', async () => {
    const res = await advisor.post<ErrorBody>(`${gov}/decisions`, tooLong);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path: 'body.title', message: 'must be at most 200 characters' }]));
    expect(res.body.error.message).toMatch(/^Title must be at most 200 characters( \(and \d+ more problems?\))?\.$/);
  });

  it('say every problem in German for a German reader, beside the same fields', async () => {
    const en = await advisor.post<ErrorBody>(`${gov}/decisions`, tooLong);
    const res = await advisor.request<ErrorBody>('POST', `${gov}/decisions`, tooLong, DE);
    expect(res.status).toBe(400);
    expect(res.headers['content-language']).toBe('de');
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path: 'body.title', message: 'darf höchstens 200 Zeichen lang sein' }]));
    expect(res.body.error.details.map((d) => d.path)).toEqual(en.body.error.details.map((d) => d.path));
    expect(res.body.error.message).toMatch(/^Titel darf höchstens 200 Zeichen lang sein( \(und \d+ weiteres? Probleme?\))?\.$/);
    const unknown = await advisor.request<ErrorBody>('POST', `${gov}/decisions`, { ...tooLong, colour: 'red' }, DE);
    expect(unknown.body.error.details).toEqual(expect.arrayContaining([{ path: 'body.colour', message: 'unbekanntes Feld' }]));
  });

  it('stay in English for a language Triad does not speak', async () => {
    const res = await advisor.request<ErrorBody>('POST', `${gov}/decisions`, tooLong, { 'accept-language': 'fr-FR, fr;q=0.9' });
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path: 'body.title', message: 'must be at most 200 characters' }]));
  });
});

describe('the risk register\u2019s kept answers', () => {
  it('hold no words of the reader\u2019s language: one body and one ETag for every language', async () => {
    const url = `/api/clients/${demo.clients.accounting}/risks`;
    const en = await viewer.get(url);
    const de = await viewer.request('GET', url, undefined, DE);
    expect(en.status).toBe(200);
    expect(de.body).toEqual(en.body);
    expect(de.headers.etag).toBe(en.headers.etag);
  });
});

describe('error messages of the server\u2019s own', () => {
  it('say what was not found and what a role may not do in the reader\u2019s language', async () => {
    const missing = `/api/clients/${demo.clients.accounting}/governance/decisions/01a24b2f-0000-7000-8000-000000000000`;
    expect((await viewer.get<ErrorBody>(missing)).body.error.message).toBe('Decision not found');
    expect((await viewer.request<ErrorBody>('GET', missing, undefined, DE)).body.error.message).toBe('Entscheidung nicht gefunden');
    expect((await viewer.request<ErrorBody>('GET', '/api/clients/nobody/governance/checks', undefined, DE)).body.error.message).toBe('Mandant nicht gefunden');
    const body = { title: 'Allowed?', proposal: 'Try.', seats: ['CIO'], options: [] };
    const en = await viewer.post<ErrorBody>(`${gov}/decisions`, body);
    expect(en.status).toBe(403);
    expect(en.body.error.message).toBe('Your role (viewer) does not allow this (governance.edit).');
    const de = await viewer.request<ErrorBody>('POST', `${gov}/decisions`, body, DE);
    expect(de.body.error.message).toBe('Ihre Rolle (Leser) erlaubt dies nicht (governance.edit).');
  });
});

describe('the roadmap\u2019s candidates and notes', () => {
  it('say why a system is to be replaced, a gap\u2019s levels and why an initiative has no risk figure in the reader\u2019s language; what an initiative stores stays English', async () => {
    const base = `/api/clients/${demo.clients.accounting}/roadmap`;
    const en = (await viewer.get<CandidatesOut>(`${base}/candidates`)).body;
    const de = (await viewer.request<CandidatesOut>('GET', `${base}/candidates`, undefined, DE)).body;
    expect(de.systems.map((s) => s.id)).toEqual(en.systems.map((s) => s.id));
    const [sysEn, sysDe] = [en.systems[0]!, de.systems[0]!];
    expect(sysEn.reason).toMatch(/^(Past end of life since|Reaches end of life on|Out of warranty since|Warranty ends on) \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(sysDe.reason).toMatch(/^(Seit .* über das Lebensende hinaus|Erreicht am .* das Lebensende|Seit .* ohne Garantie|Garantie endet am .*)$/);
    const [gapEn, gapDe] = [en.gaps.gaps[0]!, de.gaps.gaps[0]!];
    expect(gapEn.levels).toMatch(/^Tier \d \([A-Za-z ]+\) \u2192 Tier \d \([A-Za-z ]+\)$/);
    expect(gapDe.levels).toMatch(/^Stufe \d \([A-Za-zä ]+\) \u2192 Stufe \d \([A-Za-zä ]+\)$/);

    const made = await advisor.request<{ description: string | null; riskNote: string | null }>('POST', `${base}/initiatives/from-source`, { type: 'system', systemId: sysEn.id }, DE);
    expect(made.status).toBe(201);
    expect(made.body.description).toMatch(new RegExp(`^${sysEn.reason}\\.`));
    expect(made.body.riskNote).toBe('Sie enthält keine Maßnahme des Risikoregisters.');
    const again = (await viewer.get<{ riskNote: string | null }>(`${base}/initiatives/${(made.body as unknown as { id: string }).id}`)).body;
    expect(again.riskNote).toBe('It carries no treatment of the risk register.');
  });
});

describe('a vendor\u2019s tier', () => {
  it('says why in the reader\u2019s language', async () => {
    const url = `/api/clients/${demo.clients.accounting}/estate/vendors?limit=500`;
    type Vendors = { vendors: { id: string; tier: number; tierReasons: string[] }[] };
    const en = (await viewer.get<Vendors>(url)).body.vendors;
    const de = (await viewer.request<Vendors>('GET', url, undefined, DE)).body.vendors;
    expect(de.map((v) => [v.id, v.tier])).toEqual(en.map((v) => [v.id, v.tier]));
    const supporting = en.findIndex((v) => v.tierReasons.some((r) => /^Supports "[^"]+" \((critical|high|medium|low) service\)$/.test(r)));
    expect(supporting).toBeGreaterThanOrEqual(0);
    expect(de[supporting]!.tierReasons.some((r) => /^Unterstützt „[^“]+“ \(Geschäftsdienst, Kritikalität (kritisch|hoch|mittel|niedrig)\)$/.test(r))).toBe(true);
    expect(de.flatMap((v) => v.tierReasons).some((r) => /^(Supports|Holds|Supplies|Under contract|Nothing in)/.test(r))).toBe(false);
  });
});
