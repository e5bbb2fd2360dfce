/**
 * The board pack as PDF: the one-page summary first (under the cover band), then the sections,
 * each on a new page unless the page before has room for it, drawn from the content model with pdfkit; charts are the web app's ECharts
 * options rendered to SVG.
 */
import type { Block, BoardPackContent, ResponseItem } from '../schema.js';
import { packWords, type PackWords } from '../i18n/index.js';
import { auditTrailLineIn, concernHeadIn, overrideLine, responseLineIn, translatedBlock } from '../i18n/blocks.js';
import { chartSvg } from './charts.js';
import { COLORS, FONT, PdfWriter, toneColor } from './pdf-kit.js';
import { printable } from '../text.js';
import { stanceTone, stanceWord } from '../../../shared/reports/words.js';

const CHART_SCALE = 1.25;
const CHART_HEIGHT = { 'loss-exceedance': 240, 'replacement-cost': 165, 'worst-case': 112, 'budget-months': 190, 'risk-trend': 170, maturity: 190 } as const;

function drawPositions(w: PdfWriter, block: Extract<Block, { kind: 'positions' }>, words: PackWords): void {
  const doc = w.doc;
  w.ensure(90);
  w.text(block.title, { font: FONT.bold, size: 11, gapAfter: 2 });
  w.text(words.t('positions.proposal', { text: block.proposal }), { size: 9.5, color: COLORS.text, gapAfter: 2 });
  if (block.detail) w.text(block.detail, { size: 8.5, color: COLORS.subtle, gapAfter: 4 });
  const n = Math.max(1, block.positions.length);
  const gap = 8;
  const cw = (w.width - gap * (n - 1)) / n;
  const pad = 7;
  const bodies = block.positions.map((p) => `${p.rationale ?? words.t('positions.none')}${p.prefers ? `\n${words.t('positions.prefers', { text: p.prefers })}` : ''}`);
  doc.font(FONT.regular).fontSize(8.8);
  const bodyH = Math.max(...bodies.map((b) => doc.heightOfString(printable(b), { width: cw - 2 * pad, lineGap: 1.5 })));
  const headH = 30;
  const h = headH + bodyH + 2 * pad;
  w.ensure(Math.min(h, w.bottom - w.top - 20) + 6);
  const y = w.y;
  block.positions.forEach((p, i) => {
    const x = w.left + i * (cw + gap);
    const tone = stanceTone(p.stance);
    doc.roundedRect(x, y, cw, h, 4).fill(COLORS.box);
    doc.rect(x, y, cw, 3).fill(toneColor(tone));
    doc.font(FONT.bold).fontSize(9.5).fillColor(COLORS.text).text(printable(`${p.seat}${p.holder ? ` - ${p.holder}` : ` ${words.t('positions.vacant')}`}`), x + pad, y + 8, { width: cw - 2 * pad, lineBreak: false, ellipsis: true });
    doc.font(FONT.bold).fontSize(8.5).fillColor(toneColor(tone)).text(printable(words.value(stanceWord(p.stance))), x + pad, y + 20, { width: cw - 2 * pad });
    doc.font(FONT.regular).fontSize(8.8).fillColor(COLORS.text).text(printable(bodies[i]!), x + pad, y + headH + pad - 4, { width: cw - 2 * pad, lineGap: 1.5 });
  });
  doc.x = w.left;
  w.y = y + h + 10;
}

function drawResponses(w: PdfWriter, items: ResponseItem[], words: PackWords): void {
  const doc = w.doc;
  for (const r of items) {
    const head = concernHeadIn(words, r);
    const concern = words.language === 'en' ? `"${r.concern}"` : `\u201e${r.concern}\u201c`;
    const { text: answer, tone } = responseLineIn(words, r);
    const width = w.width - 14;
    doc.font(FONT.regular).fontSize(8.5);
    const h1 = doc.heightOfString(printable(head), { width, lineGap: 1.2 });
    doc.font(FONT.italic).fontSize(9);
    const h2 = doc.heightOfString(printable(concern), { width, lineGap: 1.5 });
    doc.font(FONT.bold).fontSize(9);
    const h3 = doc.heightOfString(printable(answer), { width, lineGap: 1.5 });
    const h = h1 + h2 + h3 + 18;
    w.ensure(h + 6);
    const y = w.y;
    doc.roundedRect(w.left, y, w.width, h, 3).fill('#f7f8fa');
    doc.rect(w.left, y, 3, h).fill(toneColor(tone));
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLORS.subtle).text(printable(head), w.left + 10, y + 6, { width, lineGap: 1.2 });
    doc.font(FONT.italic).fontSize(9).fillColor(COLORS.text).text(printable(concern), w.left + 10, doc.y + 3, { width, lineGap: 1.5 });
    doc.font(FONT.bold).fontSize(9).fillColor(tone === 'warn' || tone === 'bad' ? toneColor(tone) : COLORS.text).text(printable(answer), w.left + 10, doc.y + 3, { width, lineGap: 1.5 });
    doc.x = w.left;
    w.y = y + h + 6;
  }
  w.gap(4);
}

export async function drawBlock(w: PdfWriter, original: Block, words: PackWords = packWords('en')): Promise<void> {
  const block = translatedBlock(original, words);
  switch (block.kind) {
    case 'paragraph':
      w.paragraph(block.text, block.tone);
      return;
    case 'heading':
      w.heading(block.text, { size: 11.5 });
      return;
    case 'figures':
      w.figures(block.items);
      return;
    case 'list':
      w.bullets(block.items);
      return;
    case 'unavailable':
      w.note(block.text);
      return;
    case 'fineprint':
      w.text(block.text, { size: 7.8, color: COLORS.subtle, gapAfter: 6 });
      return;
    case 'table':
      if (block.rows.length === 0) {
        if (block.caption) w.text(block.caption, { size: 8.5, color: COLORS.subtle, font: FONT.italic, gapAfter: 3 });
        if (block.empty) w.text(block.empty, { size: 9.5, color: COLORS.subtle, gapAfter: 8 });
        return;
      }
      w.table(block, { caption: block.caption });
      if (block.note) {
        w.gap(-4);
        w.text(block.note, { size: 8, color: COLORS.subtle, gapAfter: 8 });
      }
      return;
    case 'chart': {
      const height = CHART_HEIGHT[block.chart.type];
      // Laid out a quarter larger than drawn: the chart's 12 px labels print at the body's size.
      const svg = await chartSvg(block.chart, Math.round(w.width * CHART_SCALE), Math.round(height * CHART_SCALE), 'Noto Sans, sans-serif', words.chart);
      w.svg(svg, height, w.width, CHART_SCALE);
      if (block.caption) w.text(block.caption, { size: 8.5, color: COLORS.subtle, font: FONT.italic, gapAfter: 6 });
      return;
    }
    case 'positions':
      drawPositions(w, block, words);
      return;
    case 'responses':
      drawResponses(w, block.items, words);
      return;
  }
}

/** The board pack's PDF bytes. The same content gives the same bytes. */
export async function renderBoardPackPdf(content: BoardPackContent): Promise<Buffer> {
  const words = packWords(content.language ?? 'en');
  const { t } = words;
  const client = content.client.name;
  const quarter = content.quarter.label;
  const w = new PdfWriter({
    title: t('doc.title', { client, quarter }),
    subject: t('doc.subject'),
    createdAt: new Date(content.issue?.issuedAt ?? content.generatedAt),
    footerLeft: t('footer.text', { client, quarter, draft: content.issue ? '' : t('footer.draft') }),
    pageLabel: (page, pages) => t('footer.page', { page, pages }),
  });
  const doc = w.doc;
  w.band(118, () => {
    doc.font(FONT.bold).fontSize(9).fillColor(COLORS.bandSubtle).text(printable(t(content.issue ? 'cover.eyebrow' : 'cover.eyebrowDraft')), w.left, 30, { characterSpacing: 1 });
    doc.font(FONT.bold).fontSize(22).fillColor(COLORS.bandText).text(printable(client), w.left, 46, { width: w.width, lineBreak: false, ellipsis: true });
    doc.font(FONT.regular).fontSize(13).fillColor(COLORS.bandText).text(printable(t('cover.subtitle', { quarter })), w.left, 74, { width: w.width });
    const when = content.issue ? t('cover.issued', { date: words.date(content.issue.issuedAt), by: content.issue.issuedBy }) : t('cover.draftMade', { date: words.date(content.generatedAt) });
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLORS.bandSubtle).text(printable(t('cover.meta', { when, asOf: words.date(content.asOf), currency: content.client.currency })), w.left, 96, { width: w.width });
  });
  if (content.issue?.override) {
    const o = content.issue.override;
    w.paragraph(overrideLine(words, o), 'warn');
  }
  for (const section of content.sections) {
    if (section.number > 1) {
      w.sectionBreak();
      doc.font(FONT.bold).fontSize(9).fillColor(COLORS.faint).text(printable(t('section.label', { number: section.number })), w.left, w.y, { characterSpacing: 1 });
      w.gap(2);
      w.text(words.language === 'en' ? section.title : t(`section.${section.key}`), { font: FONT.bold, size: 19, color: COLORS.primary, gapAfter: 3 });
      w.text(section.lead, { size: 10.5, color: COLORS.subtle, gapAfter: 6 });
      doc.moveTo(w.left, w.y).lineTo(w.right, w.y).lineWidth(0.8).strokeColor(COLORS.rule).stroke();
      w.gap(10);
    } else {
      w.text(section.lead, { font: FONT.bold, size: 11.5, color: COLORS.text, gapAfter: 8 });
    }
    for (const block of section.blocks) await drawBlock(w, block, words);
  }
  const trail = content.issue?.auditTrail;
  if (trail) {
    w.gap(10);
    w.text(auditTrailLineIn(words, trail), { size: 7.5, color: COLORS.faint });
  }
  return w.finish();
}
