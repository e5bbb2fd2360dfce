/** Makes a client's QBR for a quarter from its records as they are now, and draws it as PDF and HTML. */
import type { ClientScope } from '../../../server/context.js';
import { toDateString, toTimestamp } from '../../../server/db/conventions.js';
import { invalid } from '../../../server/errors.js';
import { isQuarterKey, parseQuarter, quarterContaining, quarterOf } from '../quarter.js';
import { buildQbr } from './content.js';
import type { QbrContent } from '../schema.js';
import { gatherQbrSources } from './sources.js';

/**
 * The QBR of `quarterKey` (default: the current quarter): it looks back on the quarter before
 * and plans this one and the next three; renewals and replacements are those due by the end of
 * the fourth quarter.
 */
export async function makeQbr(readerScope: ClientScope, quarterKey?: string): Promise<QbrContent> {
  // Like the board pack, the QBR is made from the modules' sentences in English.
  const scope = readerScope.inLanguage('en');
  if (quarterKey !== undefined && !isQuarterKey(quarterKey)) throw invalid('Name a quarter such as 2026Q4.', [{ path: 'quarter', message: 'must be a quarter such as 2026Q4' }]);
  const now = scope.now();
  const today = toDateString(now);
  const quarter = quarterKey ? parseQuarter(quarterKey) : quarterContaining(today);
  const last = quarterOf(quarter.year, quarter.q + 3).end;
  const sources = await gatherQbrSources(scope, { today, windowTo: last > today ? last : today });
  const row = await scope.app.database.db.selectFrom('clients').select(['sector']).where('id', '=', scope.clientId).executeTakeFirst();
  return buildQbr({ client: { id: scope.clientId, name: scope.client.name, sector: row?.sector ?? scope.client.sector, currency: scope.client.currency }, quarter, generatedAt: toTimestamp(now), sources });
}

/** The QBR as PDF (A4): the summary under the cover band, then a section a page. The renderers load on first use. */
export async function renderQbrPdf(content: QbrContent): Promise<Buffer> {
  const { drawBlock } = await import('../render/board-pdf.js');
  const { COLORS, FONT, PdfWriter } = await import('../render/pdf-kit.js');
  const { printable, date } = await import('../text.js');
  const w = new PdfWriter({
    title: `${content.client.name}: quarterly business review ${content.quarter.label}`,
    subject: 'Quarterly business review: roadmap, IT budget, lifecycle and risk',
    createdAt: new Date(content.generatedAt),
    footerLeft: `${content.client.name} · Quarterly business review ${content.quarter.label} · Confidential`,
  });
  const doc = w.doc;
  w.band(118, () => {
    doc.font(FONT.bold).fontSize(9).fillColor(COLORS.bandSubtle).text('QUARTERLY BUSINESS REVIEW', w.left, 30, { characterSpacing: 1 });
    doc.font(FONT.bold).fontSize(22).fillColor(COLORS.bandText).text(printable(content.client.name), w.left, 46, { width: w.width, lineBreak: false, ellipsis: true });
    doc.font(FONT.regular).fontSize(13).fillColor(COLORS.bandText).text(printable(`${content.quarter.label}: the roadmap, the IT budget and the risk in money`), w.left, 74, { width: w.width });
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLORS.bandSubtle).text(printable(`Made ${date(content.generatedAt)} · figures as of ${date(content.asOf)} · amounts in ${content.client.currency}`), w.left, 96, { width: w.width });
  });
  for (const section of content.sections) {
    if (section.number > 1) {
      w.sectionBreak();
      doc.font(FONT.bold).fontSize(9).fillColor(COLORS.faint).text(`SECTION ${section.number}`, w.left, w.y, { characterSpacing: 1 });
      w.gap(2);
      w.text(section.title, { font: FONT.bold, size: 19, color: COLORS.primary, gapAfter: 3 });
      w.text(section.lead, { size: 10.5, color: COLORS.subtle, gapAfter: 6 });
      doc.moveTo(w.left, w.y).lineTo(w.right, w.y).lineWidth(0.8).strokeColor(COLORS.rule).stroke();
      w.gap(10);
    } else {
      w.text(section.lead, { font: FONT.bold, size: 11.5, color: COLORS.text, gapAfter: 8 });
    }
    for (const block of section.blocks) await drawBlock(w, block);
  }
  return w.finish();
}

/** The QBR as one self-contained HTML page, drawn from the same content as the PDF. */
export async function renderQbrHtml(content: QbrContent): Promise<string> {
  const { blockHtml, esc, page } = await import('../render/html-kit.js');
  const { date } = await import('../text.js');
  const band = `<header class="band"><div class="eyebrow">Quarterly business review</div><h1>${esc(content.client.name)}</h1><div class="sub">${esc(content.quarter.label)}: the roadmap, the IT budget and the risk in money</div><div class="meta">${esc(`Made ${date(content.generatedAt)} · figures as of ${date(content.asOf)} · amounts in ${content.client.currency}`)}</div></header>`;
  const parts: string[] = [];
  for (const s of content.sections) {
    const blocks: string[] = [];
    for (const b of s.blocks) blocks.push(await blockHtml(b));
    const first = s.number === 1;
    parts.push(`<section id="${s.key}"${first ? ' class="first"' : ''}>${first ? '' : `<div class="secnum">Section ${s.number}</div><h2>${esc(s.title)}</h2>`}<p class="lead${first ? ' strong' : ''}">${esc(s.lead)}</p>${blocks.join('\n')}</section>`);
  }
  return page({ title: `${content.client.name}: quarterly business review ${content.quarter.label}`, band, body: parts.join('\n'), footer: `${content.client.name} · Quarterly business review ${content.quarter.label} · Confidential · made by Triad` });
}
