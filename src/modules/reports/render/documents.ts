/** Draws a one-section report (its blocks under a cover band) as PDF or as an HTML page. */
import { printable } from '../text.js';
import type { SimpleDocument } from '../documents.js';
import { blockHtml, esc, page } from './html-kit.js';
import { drawBlock } from './board-pdf.js';
import { COLORS, FONT, PdfWriter } from './pdf-kit.js';

export async function renderDocumentPdf(d: SimpleDocument): Promise<Buffer> {
  const w = new PdfWriter({ title: d.title, subject: d.sub, createdAt: new Date(d.createdAt), footerLeft: d.footer, landscape: d.landscape ?? false, bodySize: 8.8 });
  const doc = w.doc;
  w.band(92, () => {
    doc.font(FONT.bold).fontSize(9).fillColor(COLORS.bandSubtle).text(printable(d.eyebrow.toUpperCase()), w.left, 22, { characterSpacing: 1 });
    doc.font(FONT.bold).fontSize(21).fillColor(COLORS.bandText).text(printable(d.heading), w.left, 36, { width: w.width, lineBreak: false, ellipsis: true });
    doc.font(FONT.regular).fontSize(12).fillColor(COLORS.bandText).text(printable(d.sub), w.left, 61, { width: w.width });
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLORS.bandSubtle).text(printable(d.meta), w.left, 77, { width: w.width });
  });
  for (const b of d.blocks) await drawBlock(w, b);
  return w.finish();
}

export async function renderDocumentHtml(d: SimpleDocument): Promise<string> {
  const band = `<header class="band"><div class="eyebrow">${esc(d.eyebrow)}</div><h1>${esc(d.heading)}</h1><div class="sub">${esc(d.sub)}</div><div class="meta">${esc(d.meta)}</div></header>`;
  const blocks: string[] = [];
  for (const b of d.blocks) blocks.push(await blockHtml(b));
  return page({ title: d.title, band, body: `<section class="first">${blocks.join('\n')}</section>`, footer: `${d.footer} · made by Triad` });
}
