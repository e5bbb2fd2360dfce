/**
 * A small layout kit on pdfkit for Triad's reports: A4 pages, the embedded Noto Sans fonts
 * (fonts.ts), headings, paragraphs, key figures, tables that break across pages with their
 * header repeated, charts drawn from SVG, and page footers with page numbers.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { printable } from '../text.js';
import { FONT, registerFonts } from './fonts.js';
import type { Figure, Tone } from '../schema.js';

export const COLORS = {
  text: '#1f2933',
  subtle: '#5f6b7a',
  faint: '#8a99ab',
  primary: '#1f4e79',
  band: '#1f4e79',
  bandText: '#ffffff',
  bandSubtle: '#c9d8ea',
  rule: '#d5dce5',
  zebra: '#f5f7fa',
  header: '#e9eef4',
  bad: '#c92a2a',
  warn: '#d9780b',
  good: '#2b8a3e',
  neutral: '#8a99ab',
  box: '#f3f5f8',
} as const;

export { FONT };

export function toneColor(tone: Tone): string {
  return tone === 'bad' ? COLORS.bad : tone === 'warn' ? COLORS.warn : tone === 'good' ? COLORS.good : COLORS.neutral;
}

export interface TableSpec {
  columns: { key: string; label: string; align: 'left' | 'right'; width: number }[];
  rows: { cells: Record<string, string>; tone: Tone }[];
}

export interface PdfMeta {
  title: string;
  subject: string;
  /** Fixed dates make the same content give the same bytes. */
  createdAt: Date;
  footerLeft: string;
  landscape?: boolean;
  /** Body text size (points); one-pagers use a smaller one. */
  bodySize?: number;
  /** The footer's page number (default: `Page 2 of 9`). */
  pageLabel?: (page: number, pages: number) => string;
}

/** A document being laid out; `finish()` adds the footers and returns the PDF bytes. */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;
  readonly left = 50;
  readonly right: number;
  readonly width: number;
  readonly top = 54;
  readonly bottom: number;
  readonly body: number;
  /** Extra space between lines: Noto Sans's own line height is generous, small text needs little more. */
  readonly lineGap: number;

  constructor(private readonly meta: PdfMeta) {
    this.body = meta.bodySize ?? 10;
    this.lineGap = this.body < 10 ? 0.5 : 1.5;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: meta.landscape ? 'landscape' : 'portrait',
      margins: { top: this.top, bottom: 58, left: this.left, right: 50 },
      bufferPages: true,
      compress: true,
      info: { Title: printable(meta.title), Subject: printable(meta.subject), Author: 'Triad', Creator: 'Triad', Producer: 'Triad', CreationDate: meta.createdAt, ModDate: meta.createdAt },
    });
    this.right = this.doc.page.width - 50;
    this.width = this.right - this.left;
    this.bottom = this.doc.page.height - 58;
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    registerFonts(this.doc);
    this.doc.font(FONT.regular).fontSize(10).fillColor(COLORS.text);
  }

  get y(): number {
    return this.doc.y;
  }

  set y(v: number) {
    this.doc.y = v;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = this.top;
  }

  /**
   * Where a section starts: at the top of a new page when this one is more than half full,
   * else below what is already there (with its heading kept with what follows), so a short
   * section or a few lines spilling over never leave a page nearly empty.
   */
  sectionBreak(): void {
    const used = (this.doc.y - this.top) / (this.bottom - this.top);
    if (used > 0.5) {
      this.newPage();
      return;
    }
    this.gap(16);
    this.ensure(160);
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  private measure(text: string, font: string, size: number, width: number): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(printable(text), { width, lineGap: this.lineGap });
  }

  /** Text at the cursor across `width` (default: the full column), moving the cursor below it. */
  text(text: string, options: { font?: string; size?: number; color?: string; x?: number; width?: number; align?: 'left' | 'right' | 'center'; gapAfter?: number } = {}): void {
    const font = options.font ?? FONT.regular;
    const size = options.size ?? this.body;
    const width = options.width ?? this.width - ((options.x ?? this.left) - this.left);
    const h = this.measure(text, font, size, width);
    this.ensure(Math.min(h, this.bottom - this.top));
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(options.color ?? COLORS.text)
      .text(printable(text), options.x ?? this.left, this.doc.y, { width, lineGap: this.lineGap, align: options.align ?? 'left' });
    this.doc.x = this.left;
    this.gap(options.gapAfter ?? 4);
  }

  /** A paragraph with a coloured bar at its left when it carries a tone. */
  paragraph(text: string, tone: Tone = 'neutral'): void {
    if (tone === 'neutral') {
      this.text(text, { gapAfter: 6 });
      return;
    }
    const h = this.measure(text, FONT.regular, this.body, this.width - 12);
    this.ensure(h + 4);
    const y = this.doc.y;
    this.doc.rect(this.left, y - 1, 3, h + 2).fill(toneColor(tone));
    this.text(text, { x: this.left + 10, width: this.width - 12, gapAfter: 6 });
  }

  heading(text: string, options: { size?: number; color?: string } = {}): void {
    // Kept with what follows it: a heading never ends a page.
    this.ensure(90);
    this.gap(6);
    this.text(text, { font: FONT.bold, size: options.size ?? 12, color: options.color ?? COLORS.primary, gapAfter: 5 });
  }

  bullets(items: { text: string; tone: Tone }[]): void {
    for (const item of items) {
      const h = this.measure(item.text, FONT.regular, this.body, this.width - 16);
      this.ensure(Math.min(h, 120));
      const y = this.doc.y;
      this.doc.circle(this.left + 4, y + this.body / 2, 2.4).fill(item.tone === 'neutral' ? COLORS.primary : toneColor(item.tone));
      this.text(item.text, { x: this.left + 14, width: this.width - 14, gapAfter: this.body >= 10 ? 5 : 3 });
    }
    this.gap(2);
  }

  /** A grey box with italic text: data that is missing, said plainly. */
  note(text: string): void {
    const h = this.measure(text, FONT.italic, 9.5, this.width - 20);
    this.ensure(h + 14);
    const y = this.doc.y;
    this.doc.roundedRect(this.left, y, this.width, h + 12, 3).fill(COLORS.box);
    this.doc.font(FONT.italic).fontSize(9.5).fillColor(COLORS.subtle).text(printable(text), this.left + 10, y + 6, { width: this.width - 20, lineGap: this.lineGap });
    this.doc.x = this.left;
    this.doc.y = y + h + 12 + 8;
  }

  /** Key figures side by side, up to four a row. */
  figures(items: Figure[], options: { valueSize?: number } = {}): void {
    const perRow = Math.min(4, items.length) || 1;
    const gapX = 8;
    const w = (this.width - gapX * (perRow - 1)) / perRow;
    const valueSize = options.valueSize ?? 15;
    for (let i = 0; i < items.length; i += perRow) {
      const row = items.slice(i, i + perRow);
      const heights = row.map((f) => 10 + this.measure(f.label.toUpperCase(), FONT.bold, 7.5, w - 16) + 3 + this.measure(f.value, FONT.bold, valueSize, w - 16) + (f.note ? 3 + this.measure(f.note, FONT.regular, 8, w - 16) : 0) + 10);
      const h = Math.max(...heights);
      this.ensure(h + 8);
      const y = this.doc.y;
      row.forEach((f, k) => {
        const x = this.left + k * (w + gapX);
        this.doc.roundedRect(x, y, w, h, 4).fill(COLORS.box);
        this.doc.rect(x, y, 3, h).fill(f.tone === 'neutral' ? COLORS.primary : toneColor(f.tone));
        let cy = y + 10;
        this.doc.font(FONT.bold).fontSize(7.5).fillColor(COLORS.subtle).text(printable(f.label.toUpperCase()), x + 10, cy, { width: w - 16, characterSpacing: 0.3 });
        cy = this.doc.y + 3;
        this.doc.font(FONT.bold).fontSize(valueSize).fillColor(f.tone === 'bad' ? COLORS.bad : f.tone === 'good' ? COLORS.good : COLORS.text).text(printable(f.value), x + 10, cy, { width: w - 16 });
        if (f.note) {
          cy = this.doc.y + 3;
          this.doc.font(FONT.regular).fontSize(8).fillColor(COLORS.subtle).text(printable(f.note), x + 10, cy, { width: w - 16, lineGap: 1 });
        }
      });
      this.doc.x = this.left;
      this.doc.y = y + h + 8;
    }
  }

  /** A table across the column; rows never split, the header repeats on each page. */
  table(spec: TableSpec, options: { fontSize?: number; caption?: string | null } = {}): void {
    const size = options.fontSize ?? (this.body < 10 ? 7.9 : 8.8);
    const pad = this.body < 10 ? 2.4 : 4;
    const total = spec.columns.reduce((s, c) => s + c.width, 0);
    const widths = spec.columns.map((c) => (c.width / total) * this.width);
    const cellHeight = (texts: string[], font: string): number => Math.max(...texts.map((t, i) => this.measure(t || ' ', font, size, widths[i]! - 2 * pad))) + 2 * pad;
    const headerTexts = spec.columns.map((c) => c.label);
    const headerH = cellHeight(headerTexts, FONT.bold);
    const drawRow = (texts: string[], y: number, h: number, font: string, color: string, fill: string | null, tone: Tone | null): void => {
      if (fill) this.doc.rect(this.left, y, this.width, h).fill(fill);
      if (tone && tone !== 'neutral') this.doc.rect(this.left, y, 2.5, h).fill(toneColor(tone));
      let x = this.left;
      texts.forEach((t, i) => {
        const col = spec.columns[i]!;
        this.doc.font(font).fontSize(size).fillColor(color).text(printable(t), x + pad + (i === 0 ? 2 : 0), y + pad, { width: widths[i]! - 2 * pad - (i === 0 ? 2 : 0), align: col.align, lineGap: this.lineGap });
        x += widths[i]!;
      });
    };
    const header = (): void => {
      const y = this.doc.y;
      drawRow(headerTexts, y, headerH, FONT.bold, COLORS.subtle, COLORS.header, null);
      this.doc.y = y + headerH;
    };
    const firstRowH = spec.rows[0] ? cellHeight(spec.columns.map((c) => spec.rows[0]!.cells[c.key] ?? ''), FONT.regular) : 0;
    // The caption stays with the header and the first row.
    const captionH = options.caption ? this.measure(options.caption, FONT.italic, 8.5, this.width) + 3 : 0;
    this.ensure(captionH + headerH + firstRowH + 4);
    if (options.caption) this.text(options.caption, { size: 8.5, color: COLORS.subtle, font: FONT.italic, gapAfter: 3 });
    header();
    spec.rows.forEach((row, r) => {
      const texts = spec.columns.map((c) => row.cells[c.key] ?? '');
      const h = cellHeight(texts, FONT.regular);
      if (this.doc.y + h > this.bottom) {
        this.newPage();
        header();
      }
      const y = this.doc.y;
      drawRow(texts, y, h, FONT.regular, COLORS.text, r % 2 === 1 ? COLORS.zebra : null, row.tone);
      this.doc.moveTo(this.left, y + h).lineTo(this.right, y + h).lineWidth(0.4).strokeColor(COLORS.rule).stroke();
      this.doc.y = y + h;
    });
    this.doc.x = this.left;
    this.gap(8);
  }

  /**
   * An SVG (a chart) at full column width, with its caption below. An SVG laid out `scale`
   * times larger than it is drawn (width × scale by height × scale) is shrunk to fit.
   */
  svg(svg: string, height: number, width: number = this.width, scale = 1): void {
    this.ensure(height + 10);
    const y = this.doc.y;
    this.doc.save();
    this.doc.translate(this.left + (this.width - width) / 2, y).scale(1 / scale);
    SVGtoPDF(this.doc, printable(svg), 0, 0, {
      width: width * scale,
      height: height * scale,
      assumePt: true,
      fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold ? FONT.bold : italic ? FONT.italic : FONT.regular),
    });
    this.doc.restore();
    this.doc.x = this.left;
    this.doc.y = y + height + 6;
  }

  /** A filled band across the top of the current page (the cover). */
  band(height: number, draw: (top: number) => void): void {
    this.doc.rect(0, 0, this.doc.page.width, height).fill(COLORS.band);
    draw(0);
    this.doc.x = this.left;
    this.doc.y = height + 20;
  }

  /** Footers with page numbers on every page, then the bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottomMargin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - 38;
      this.doc.moveTo(this.left, y - 6).lineTo(this.right, y - 6).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      this.doc.font(FONT.regular).fontSize(8).fillColor(COLORS.faint);
      this.doc.text(printable(this.meta.footerLeft), this.left, y, { width: this.width * 0.75, lineBreak: false });
      this.doc.text(printable((this.meta.pageLabel ?? ((p, n) => `Page ${p} of ${n}`))(i - range.start + 1, range.count)), this.left + this.width * 0.75, y, { width: this.width * 0.25, align: 'right', lineBreak: false });
      this.doc.page.margins.bottom = bottomMargin;
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}
