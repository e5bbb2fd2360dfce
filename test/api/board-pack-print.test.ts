/**
 * The board pack on paper: names in Greek and Cyrillic print as written (read back from the
 * PDF's text and checked in the rendered images), every font is embedded, no page but the last
 * is left under a quarter full, and a pack asked for in German prints in German.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Caller, type TestApp } from '../support/app.js';
import { DEMO, seedDemoWorld, type DemoWorld } from '../support/demo.js';
import { DEMO_PASSWORD } from '../../src/server/demo.js';
import { glyphShapes, pageFill, pdfFonts, pdfPageImages, pdfText, pdfWords, wordImage } from '../support/pdf.js';
import type { BoardPackContent, PackDetailOut, PackOut } from '../../src/modules/reports/schema.js';
import type { SeatOut } from '../../src/modules/governance/schema.js';

let t: TestApp;
let demo: DemoWorld;
let advisor: Caller;
let admin: Caller;
/** The advisor's session cookie, for the PDF's raw bytes. */
let advisorCookie = '';

beforeAll(async () => {
  t = await startTestApp();
  demo = await seedDemoWorld(t.ctx, t.server);
  await t.ctx.jobs.runDue();
  advisor = await demo.as(DEMO.advisor);
  admin = await demo.as(DEMO.admin);
  const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO.advisor, password: DEMO_PASSWORD } });
  const session = (res.cookies as { name: string; value: string }[]).find((c) => c.name === 'triad_session');
  advisorCookie = `triad_session=${session?.value ?? ''}`;
});
afterAll(async () => {
  await t.close();
});

/** Generates the quarter's draft (in `language`) and returns it with its PDF bytes. */
async function pack(clientId: string, language?: 'en' | 'de', quarter = '2026Q4'): Promise<{ detail: PackDetailOut; pdf: Buffer }> {
  const res = await advisor.post<PackOut>(`/api/clients/${clientId}/board-packs`, { quarter, ...(language ? { language } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await t.ctx.jobs.runDue();
  const detail = (await advisor.get<PackDetailOut>(`/api/clients/${clientId}/board-packs/${res.body.id}`)).body;
  expect(detail.status, detail.error ?? '').toBe('draft');
  const file = await t.server.inject({ method: 'GET', url: `/api/clients/${clientId}/board-packs/${res.body.id}.pdf`, headers: { cookie: advisorCookie } });
  expect(file.statusCode).toBe(200);
  return { detail, pdf: file.rawPayload };
}
/** The text a person reads on the pack's HTML page: tags gone, entities read, one space between words. */
function pageText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>|<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!)
    .replace(/\s+/g, ' ');
}

/**
 * What the pack quotes as it was written rather than writes itself: names and free text the
 * client's people typed (client, people, risks, decisions and their options, concerns,
 * vendors, contracts, systems, initiatives, charter responsibilities, the framework's outcomes
 * and levels; text in „quotes“ is left out where it is checked), and the budget's reasons, which
 * the budget module writes in English.
 */
function quotedText(content: BoardPackContent): string[] {
  const c = content.comparison;
  const out = [content.client.name, ...content.snapshot.risks.map((r) => r.title), ...(c ? [...c.newRisks, ...c.closedRisks, ...c.moved].map((r) => r.title) : [])];
  const QUOTED_COLUMNS = ['title', 'name', 'vendor', 'contract', 'option', 'effect', 'for', 'holder', 'by', 'outcome', 'levels', 'group', 'policy'];
  for (const s of content.sections) {
    for (const subject of s.subjects) {
      // A finding's title is governance's English; only the record it names was typed.
      if (subject.type !== 'finding') out.push(subject.title);
      else out.push(/^(?:Uncovered|Decision overdue|Decision due for revisiting|Risk acceptance expired|Accepted risk changed, re-approval needed): (.*?)(?: \((?:CIO|CTO|CISO)\))?$/.exec(subject.title)?.[1] ?? '');
    }
    let heading = '';
    for (const b of s.blocks) {
      if (b.kind === 'heading') heading = b.text;
      if (b.kind === 'positions') out.push(b.title, b.proposal, ...b.positions.flatMap((p) => [p.holder ?? '', p.rationale ?? '', p.prefers ?? '']));
      if (b.kind === 'responses') out.push(...b.items.flatMap((i) => [i.about, i.concern, i.response ?? '', i.holder ?? '', i.raisedBy ?? '']));
      if (b.kind === 'table') for (const r of b.rows) for (const key of QUOTED_COLUMNS) out.push(r.cells[key] ?? '');
      // The budget module's reasons.
      if (b.kind === 'list' && heading === 'Why the forecast differs from the plan') out.push(...b.items.map((i) => i.text));
    }
  }
  return [...new Set(out.filter((x) => x.trim().length > 0))].sort((a, b) => b.length - a.length);
}

/** The words of a pack's page left once what it quotes is taken out. */
function ownWords(html: string, content: BoardPackContent): string {
  let own = pageText(html).replace(/„[^“]*“/g, ' ');
  for (const quoted of quotedText(content)) own = own.split(quoted).join(' ');
  return own;
}

/** English words a German sentence would not hold. */
const ENGLISH = /\b(the|of|and|is|are|not|yet|with|for|by|to|risks?|above|within|appetite|decisions?|decided|year|years|loss|losses|board|nothing|shown|seats?|section|expected|vendors?|contracts?|since|awaiting|response|raised|reaches|planned|proposed|accepted)\b/gi;

/** The body of a page runs from the top margin (54 pt) to the footer's rule (58 pt from the bottom) of 842. */
const fills = (pdf: Buffer): number[] => pdfPageImages(pdf).map((p) => pageFill(p, 54 / 842, (842 - 58) / 842));

describe('the board pack on paper', () => {
  it('prints a Greek client and people with Greek and Cyrillic names as written, in embedded fonts', async () => {
    const clientId = demo.clients.accounting;
    const client = 'Αθηνά Λογιστική';
    const renamed = await advisor.patch(`/api/clients/${clientId}`, { name: client });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const seats = (await advisor.get<{ seats: SeatOut[] }>(`/api/clients/${clientId}/governance/seats`)).body.seats;
    const cio = seats.find((s) => s.seat === 'CIO')?.holder;
    const ciso = seats.find((s) => s.seat === 'CISO')?.holder;
    expect(cio && ciso && cio.userId !== ciso.userId).toBeTruthy();
    const names = { cio: 'Дмитрий Иванов', ciso: 'Γιώργος Παπαδόπουλος' };
    for (const [id, name] of [[cio!.userId, names.cio], [ciso!.userId, names.ciso]] as const) {
      const res = await admin.patch(`/api/users/${id}`, { name });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    const { pdf } = await pack(clientId);
    // Every font is in the file (nothing left to the reader's machine to substitute).
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/Helvetica/);

    // The text reads back as written: nothing replaced by "?".
    const text = pdfText(pdf);
    expect(text).toContain(client);
    // Table cells wrap, so the words are looked for with line breaks made spaces.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(`CIO (${names.cio})`);
    expect(flat).toContain(`CISO (${names.ciso})`);

    // Drawn with real letters: each word's glyphs, rendered from the PDF, are distinct shapes
    // (a missing glyph draws nothing, or the same box for every letter).
    const words = pdfWords(pdf);
    for (const word of ['Αθηνά', 'Λογιστική', 'Дмитрий', 'Иванов', 'Γιώργος', 'Παπαδόπουλος']) {
      const box = words.find((w) => w.text.replace(/[()]/g, '') === word);
      expect(box, `${word} in the PDF's words`).toBeDefined();
      const shapes = glyphShapes(wordImage(pdf, box!));
      const letters = [...word.normalize('NFC')].length;
      expect(shapes.length, word).toBeGreaterThanOrEqual(Math.ceil(letters * 0.7));
      expect(new Set(shapes).size, word).toBeGreaterThanOrEqual(Math.ceil(new Set(word).size * 0.6));
    }
  });

  it('leaves no page under a quarter full but the last, for every demo client', async () => {
    for (const clientId of [demo.clients.accounting, demo.clients.manufacturer]) {
      const { pdf } = await pack(clientId);
      const f = fills(pdf);
      expect(f.length).toBeGreaterThanOrEqual(6);
      f.slice(0, -1).forEach((fill, i) => expect(fill, `page ${i + 1} of ${f.length}: ${f.map((x) => x.toFixed(2)).join(' ')}`).toBeGreaterThanOrEqual(0.25));
    }
  });

  it('prints in German when asked for in German, and keeps the language when issued', async () => {
    const clientId = demo.clients.manufacturer;
    const { detail, pdf } = await pack(clientId, 'de');
    expect(detail.content?.language).toBe('de');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    // The cover's and sections' labels are letter-spaced.
    const letters = text.replace(/\s+/g, '');
    expect(letters).toContain('VORSTANDSBERICHT-ENTWURF');
    expect(letters).toContain('ABSCHNITT2');
    expect(letters).not.toContain('BOARDPACK');
    for (const words of ['Risiko im Vergleich zur Risikobereitschaft', 'Entscheidungen, die der Vorstand treffen muss', 'Verantwortlich', 'Vertraulich', 'Seite 1 von']) expect(text).toContain(words);
    expect(text).not.toMatch(/Page \d+ of \d+/);

    const f = fills(pdf);
    f.slice(0, -1).forEach((fill, i) => expect(fill, `page ${i + 1}`).toBeGreaterThanOrEqual(0.25));

    // Issued, it stays in German.
    const issued = await advisor.post<PackDetailOut>(`/api/clients/${clientId}/board-packs/${detail.id}/issue`, { overrideReason: 'The board meets tomorrow; the owed response follows.' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.content?.language).toBe('de');
    const frozen = await t.server.inject({ method: 'GET', url: `/api/clients/${clientId}/board-packs/${detail.id}.pdf`, headers: { cookie: advisorCookie } });
    const frozenText = pdfText(frozen.rawPayload).replace(/\s+/g, '');
    expect(frozenText).toContain('VORSTANDSBERICHT');
    expect(frozenText).not.toContain('ENTWURF');

    // English stays the default (a later quarter: this one is issued).
    const english = pdfText((await pack(clientId, undefined, '2027Q1')).pdf).replace(/\s+/g, '');
    expect(english).toContain('BOARDPACK-DRAFT');
    expect(english).not.toContain('VORSTANDSBERICHT');
  });

  it('writes every sentence of a German pack in German, money and dates in German formats, for every demo client', async () => {
    // A later quarter: the manufacturer's pack compares with the one issued above.
    for (const clientId of [demo.clients.manufacturer, demo.clients.accounting]) {
      const { detail } = await pack(clientId, 'de', '2027Q2');
      const page = await t.server.inject({ method: 'GET', url: `/api/clients/${clientId}/board-packs/${detail.id}.html`, headers: { cookie: advisorCookie } });
      expect(page.statusCode).toBe(200);
      // Once what it quotes as typed is left out, no English word is left on the page (the
      // HTML, drawn from the same content as the PDF, in the same words).
      const own = ownWords(page.body, detail.content!);
      const english = [...own.matchAll(ENGLISH)].map((m) => own.slice(Math.max(0, m.index - 50), m.index + 50));
      expect(english, clientId).toEqual([]);
      expect(own).toMatch(/\d{1,3}(\.\d{3})+ \$/);
      expect(own).toMatch(/\d+\. (Jan|Feb|März|Apr|Mai|Juni|Juli|Aug|Sept|Okt|Nov|Dez)\.? \d{4}/);
      expect(own).not.toMatch(/\$\d/);
    }
  });

  it('refuses a language it cannot print, naming the field', async () => {
    const res = await advisor.post<{ error: { details: { path: string }[] } }>(`/api/clients/${demo.clients.manufacturer}/board-packs`, { quarter: '2026Q4', language: 'fr' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d) => d.path)).toContain('body.language');
  });
});
