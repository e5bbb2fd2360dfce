/**
 * Reading a PDF as a person would: its text through poppler's pdftotext, and its pages as
 * images through pdftoppm (rendered with the fonts the file embeds), to see how full each page is.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(cmd: string, args: string[], input?: Buffer): Buffer {
  const out = spawnSync(cmd, args, { ...(input ? { input } : {}), maxBuffer: 256 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`${cmd} failed: ${out.stderr?.toString() ?? out.error?.message}`);
  return out.stdout;
}

/** The PDF's text, runs of spaces made one. */
export function pdfText(pdf: Buffer): string {
  return run('pdftotext', ['-layout', '-', '-'], pdf).toString('utf8').replace(/[ \t]+/g, ' ');
}

/** The fonts the PDF uses (pdffonts): name, type and whether each is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'triad-pdf-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const lines = run('pdffonts', [file]).toString('utf8').split('\n').slice(2).filter((l) => l.trim());
    // name, type (may hold spaces), encoding, emb, sub, uni, object id: read from the right.
    return lines.map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PageImage {
  width: number;
  height: number;
  /** Grey levels, row by row (0 black, 255 white). */
  pixels: Uint8Array;
}

/** Every page rendered to a greyscale image at `dpi`. */
export function pdfPageImages(pdf: Buffer, dpi = 36): PageImage[] {
  const dir = mkdtempSync(join(tmpdir(), 'triad-pdf-'));
  try {
    run('pdftoppm', ['-gray', '-r', String(dpi), '-', join(dir, 'p')], pdf);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(buf: Buffer): PageImage {
  // P5 <width> <height> <max>\n<bytes>
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]!))) i++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(buf[i]!))) token += String.fromCharCode(buf[i++]!);
    header.push(token);
  }
  i++;
  if (header[0] !== 'P5') throw new Error(`not a binary PGM: ${header[0]}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(buf.subarray(i, i + width * height)) };
}

/**
 * How full a page is: the share of the body (between the top margin and the footer's rule)
 * down to the lowest row with ink on it. `top` and `bottom` are the body's edges as shares of
 * the page height.
 */
export function pageFill(page: PageImage, top: number, bottom: number): number {
  const y0 = Math.floor(page.height * top);
  const y1 = Math.floor(page.height * bottom);
  let lowest = y0;
  for (let y = y0; y < y1; y++) {
    const row = page.pixels.subarray(y * page.width, (y + 1) * page.width);
    if (row.some((v) => v < 200)) lowest = y;
  }
  return (lowest - y0) / (y1 - y0);
}

export interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of the PDF with its box in points (pdftotext -bbox), pages counted from 1. */
export function pdfWords(pdf: Buffer): WordBox[] {
  const html = run('pdftotext', ['-bbox', '-', '-'], pdf).toString('utf8');
  const words: WordBox[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) {
      page++;
      continue;
    }
    const text = m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
    words.push({ page, text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
  }
  return words;
}

/** A word as drawn: its box rendered to a greyscale image at `dpi` with the PDF's own fonts. */
export function wordImage(pdf: Buffer, word: WordBox, dpi = 200): PageImage {
  const k = dpi / 72;
  const args = ['-gray', '-r', String(dpi), '-f', String(word.page), '-l', String(word.page)];
  args.push('-x', String(Math.floor(word.xMin * k)), '-y', String(Math.floor(word.yMin * k)), '-W', String(Math.ceil((word.xMax - word.xMin) * k) + 1), '-H', String(Math.ceil((word.yMax - word.yMin) * k) + 1));
  return parsePgm(run('pdftoppm', [...args, '-'], pdf));
}

/**
 * The glyphs of a word image, left to right: runs of columns with ink, each as a bitmap
 * (ink 1, paper 0). A glyph the font lacks draws nothing or the same empty box for every
 * character, so a word whose glyphs are distinct shapes was printed with real letters.
 */
export function glyphShapes(image: PageImage): string[] {
  // Ink is what differs from the background (the most common grey: paper, or the cover's band).
  const counts = new Array<number>(256).fill(0);
  for (const v of image.pixels) counts[v]!++;
  const background = counts.indexOf(Math.max(...counts));
  const ink = (x: number, y: number): boolean => Math.abs(image.pixels[y * image.width + x]! - background) > 90;
  const columns = Array.from({ length: image.width }, (_, x) => Array.from({ length: image.height }, (_, y) => ink(x, y)));
  const shapes: string[] = [];
  let start = -1;
  for (let x = 0; x <= image.width; x++) {
    const any = x < image.width && columns[x]!.some(Boolean);
    if (any && start < 0) start = x;
    if (!any && start >= 0) {
      shapes.push(columns.slice(start, x).map((c) => c.map((v) => (v ? '1' : '0')).join('')).join('|'));
      start = -1;
    }
  }
  return shapes;
}
